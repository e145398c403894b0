import AssessmentEngine
import Foundation
import Testing

@Suite("Reassessment scheduling and comparison")
struct RiskReassessmentTests {
  func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
    (try? CivilDate(year: y, month: m, day: d)) ?? CivilDate(dayNumber: 0)
  }

  @Test func scheduledAfterTwelveMonths() throws {
    let due = (ReassessmentPolicy().nextDue(after: day(2025, 2, 10)))
    #expect(due.date == day(2026, 2, 10))
    #expect(due.reason == .scheduled)
    #expect(due.isOverdue(on: day(2026, 2, 11)))
    #expect(!due.isOverdue(on: day(2026, 2, 10)))
    let six = (ReassessmentPolicy(intervalMonths: 6).nextDue(after: day(2025, 8, 31)))
    #expect(six.date == day(2026, 2, 28))  // calendar months: 31 Aug + 6 months clamps to 28 Feb
  }

  /// A violation on 1 June 2025 → due 1 July 2025 (30 days), earlier than 10 Feb 2026. An event
  /// before the assessment and a non-triggering kind are ignored.
  @Test func eventsBringTheDateForward() throws {
    let events = [
      ReassessmentEventRecord(event: .newOffenceInformation, occurredAt: day(2025, 1, 5)),
      ReassessmentEventRecord(event: .stageChange, occurredAt: day(2025, 5, 1)),
      ReassessmentEventRecord(event: .violation, occurredAt: day(2025, 6, 1)),
    ]
    let policy = ReassessmentPolicy(triggers: [.violation, .newOffenceInformation])
    let due = (policy.nextDue(after: day(2025, 2, 10), events: events))
    #expect(due.date == day(2025, 7, 1))
    #expect(due.reason == .event(.violation))
    let all = (ReassessmentPolicy().nextDue(after: day(2025, 2, 10), events: events))
    #expect(all.reason == .event(.stageChange))
    #expect(all.date == day(2025, 5, 31))
  }

  /// Previous: case A (14, sedang; needs kognisi, pergaulan, waktuLuang, sekolahKerja).
  /// Current: as1 "0", as2 no (pergaulan 3 → 0), sw1 no (sekolahKerja 2 → 1), sa1 "2" (zat 0 → 2):
  /// 14 − 3 − 1 + 2 = 12, still sedang; zat (2/3) added; pergaulan and sekolahKerja (1/4) resolved.
  @Test func comparesWithPrevious() throws {
    let rnr8 = try RiskFixtures.rnr8()
    let previous = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    var answers = RiskFixtures.caseA
    answers["as1"] = .choice("0")
    answers["as2"] = .choice("no")
    answers["sw1"] = .choice("no")
    answers["sa1"] = .choice("2")
    let current = try rnr8.assess(answers, population: RiskFixtures.maleAdult)
    let c = try ReassessmentComparison(previous: previous, current: current)
    #expect(c.totalChange == -2)
    #expect(c.currentTotal == 12)
    #expect(c.bandChange == .unchanged)
    #expect(c.levelsChanged == 0)
    #expect(c.needsAdded == ["zat"])
    #expect(c.needsResolved == ["pergaulan", "sekolahKerja"])
    #expect(c.needsPersisting == ["kognisi", "waktuLuang"])
    #expect(c.domainChanges.map(\.change) == [0, 0, 0, -3, 0, -1, 0, 2])

    var lower = RiskFixtures.caseA
    lower["ch1"] = .count(0)
    lower["ch2"] = .choice("no")
    lower["ch3"] = .choice("0")  // history 4 → 0: 10
    lower["ac1"] = .choice("3")
    lower["ac2"] = .choice("3")  // kognisi 2 → 0: 8, still sedang
    lower["lr1"] = .choice("no")  // waktuLuang 2 → 1: 7 → rendah
    let down = try ReassessmentComparison(
      previous: previous, current: rnr8.assess(lower, population: RiskFixtures.maleAdult))
    #expect(down.currentTotal == 7)
    #expect(down.bandChange == .down)
    #expect(down.levelsChanged == -1)
  }

  @Test func differentInstrumentsCannotBeCompared() throws {
    let a = try RiskFixtures.rnr8().assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    let b = try RiskFixtures.lsiShaped().assess(RiskFixtures.lsiCase, population: ClientPopulation())
    #expect(
      throws: ReassessmentComparisonError.differentInstruments(
        previous: "rnr8-illustrative", current: "lsi-shaped-test")
    ) {
      try ReassessmentComparison(previous: a, current: b)
    }
  }
}
