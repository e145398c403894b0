import AssessmentEngine
import Testing

@testable import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator for deterministic property tests.
private struct StepSequenceRNG: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Assertive training: reports and invariants")
struct AssertiveTrainingReportTests {
  @Test(arguments: [
    (3.14159, 2, DisplayLanguage.english, "3.14"), (3.14159, 2, .indonesian, "3,14"), (-0.004, 2, .english, "0.00"),
    (-1.005, 1, .english, "-1.0"), (0.5, 0, .english, "1"), (2.0 / 3.0, 2, .indonesian, "0,67"),
    (-12, 0, .indonesian, "-12"),
  ])
  func numbersInBothLanguages(value: Double, decimals: Int, language: DisplayLanguage, expected: String) {
    #expect(AssertiveTrainingReport.number(value, decimals, language) == expected)
  }

  @Test func problemsAreListedInTheReportLanguage() throws {
    let clients = """
      [{"client": "K-01", "targets": [{"id": "T1", "behaviour": "b", "domain": "initiation", "events": [
          {"date": "2026-02-02", "kind": "identify"},
          {"date": "2026-02-03", "kind": "regress", "to": "identifyTarget"}]}]}]
      """
    let analysis = AssertiveTrainingAnalysis(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(clients: clients)))
    let id = AssertiveTrainingReport(analysis: analysis, language: .indonesian).markdown()
    #expect(
      id.contains(
        "- klien K-01, target T1, langkah 1: kembali ke langkah 1 (Mengidentifikasi perilaku target) tanpa alasan; mohon tuliskan alasannya. [$.clients[0].targets[0].events[1].reason]"
      ))
    #expect(id.contains("⚠ Ada 1 masalah pada catatan klien ini (lihat bagian Masalah)."))
    let en = AssertiveTrainingReport(analysis: analysis, language: .english)
    #expect(
      en.problems.map(\.message) == [
        "client K-01, target T1, step 1: the step back to step 1 (Identify the target behaviour) has no reason; please state why. [$.clients[0].targets[0].events[1].reason]"
      ])
    #expect(en.clients[0].targets[0].currentStep == "2 — Set priorities among situations and behaviours")
    #expect(en.clients.map(\.client) == ["K-01", "K-02", "K-03"], "every enrolled client has a section")
  }

  @Test func groupFileRoundTrips() throws {
    let clients = """
      [{"client": "K-01", "targets": [{"id": "T1", "behaviour": "b", "domain": "initiation", "events": [
          {"date": "2026-02-02", "kind": "identify"}, {"date": "2026-02-31", "kind": "identify"}]}]}]
      """
    let group = try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(clients: clients))
    let encoded = try JSONEncoder().encode(group)
    let again = try AssertiveTrainingGroup.decode(jsonData: encoded)
    #expect(again == group, "valid records re-encode as themselves, unreadable ones as their raw JSON")
    let report = AssertiveTrainingReport(analysis: AssertiveTrainingAnalysis(group: group), language: .english)
    let decoded = try JSONDecoder().decode(AssertiveTrainingReport.self, from: try report.jsonData())
    #expect(decoded == report)
  }

  /// Invariants over random event sequences (seeded, so deterministic): the step never moves by more
  /// than one without a step back; every advance leaves the step just completed; the highest step
  /// completed never decreases; a rejected event leaves the tracker unchanged.
  @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
  func randomSequencesKeepTheInvariants(seed: UInt64) throws {
    var rng = StepSequenceRNG(state: seed)
    var t = StepTracker(rules: .default)
    var day = try CivilDate(iso: "2026-01-01")
    for _ in 0..<300 {
      day = day.adding(days: Int.random(in: 0...2, using: &rng))
      let kind = StepEvent.Kind.allCases.randomElement(using: &rng) ?? .identify
      let n = Int.random(in: 1...3, using: &rng)
      let event = StepEvent(
        date: day, kind: kind, situations: (1...n).map { .init(rank: $0, description: "s\($0)") },
        rating: Int.random(in: 0...6, using: &rng), outcome: AttemptOutcome.allCases.randomElement(using: &rng),
        selfRating: Int.random(in: 1...5, using: &rng), to: AssertiveTrainingStep.allCases.randomElement(using: &rng),
        reason: Bool.random(using: &rng) ? "alasan" : nil)
      let before = t
      do {
        let transition = try t.apply(event)
        #expect((t.highestCompleted ?? .identifyTarget) >= (before.highestCompleted ?? .identifyTarget))
        if let transition, !transition.isRegression {
          #expect(transition.from == before.current && transition.to == before.current?.next)
          #expect(
            t.highestCompleted == max(before.highestCompleted ?? .identifyTarget, transition.from ?? .identifyTarget))
        } else if let transition {
          #expect(transition.to.map { $0 < (before.current ?? .transfer) || before.current == nil } == true)
        } else {
          #expect(t.current == before.current)
        }
      } catch {
        #expect(t == before)
      }
    }
  }
}

@Suite("Assertive training: report number formatting edge cases")
struct AssertiveTrainingNumberEdgeTests {
  @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300])
  func nonPrintableNumbersAreADash(value: Double) {
    #expect(AssertiveTrainingReport.number(value, 2, .english) == "—")
  }

  @Test func unreadableOutcomeMeasureIsListed() throws {
    let data = assertiveGroupJSON(measures: #"[{"instrument": 7}]"#)
    let analysis = AssertiveTrainingAnalysis(group: try AssertiveTrainingGroup.decode(jsonData: data))
    #expect(
      analysis.issues == [
        AssertiveTrainingIssue(
          path: "$.outcomeMeasures[0].instrument", problem: .unreadableRecord(reason: "expected a text"))
      ])
  }
}
