import AssessmentEngine
import Testing

@Suite("Built-in outcome instruments (ICQ, RAS)")
struct OutcomeInstrumentTests {
  let library = InstrumentLibrary.assessmentEngine

  @Test func bothBuiltInsLoad() throws {
    // fromEmbeddedJSON drops a text that fails validation, so a missing id here is a broken definition.
    #expect(library.ids == ["icq", "ras"])
    for id in ["icq", "ras"] {
      let d = try #require(library.definition(id: id))
      #expect(!d.citation.licence.isEmpty)
      #expect(d.notes != nil, "unconfirmed facts must be stated in notes")
      #expect(d.items.map(\.id) == (1...d.items.count).map { "item\($0)" })
      #expect(d.validationIssues().isEmpty)
    }
  }

  @Test func icqHasFiveCyclicDomainsOfEight() throws {
    let icq = try #require(library.definition(id: "icq"))
    #expect(icq.items.count == 40)
    #expect(icq.responseScale.min == 1 && icq.responseScale.max == 5 && icq.responseScale.excluded.isEmpty)
    let domains = ["Initiation", "NegativeAssertion", "Disclosure", "EmotionalSupport", "ConflictManagement"]
    #expect(icq.scales.map(\.id) == domains + ["Total"])
    for (offset, id) in domains.enumerated() {
      let scale = try #require(icq.scale(id))
      // Original printed order: domain d (0-based) holds items d+1, d+6, …, d+36.
      #expect(scale.items == stride(from: offset + 1, through: 40, by: 5).map { "item\($0)" })
      #expect(scale.reversed.isEmpty)
    }
  }

  @Test func icqScoresTheCyclicKey() throws {
    let icq = try #require(library.definition(id: "icq"))
    // Answer item i with ((i − 1) mod 5) + 1: every Initiation item gets 1, every Negative assertion
    // item 2, … every Conflict management item 5. Domain sums: 8·1 = 8, 8·2 = 16, 24, 32, 40;
    // total = 8·(1+2+3+4+5) = 120. Any other map would mix the values.
    let responses: [Int?] = (1...40).map { ($0 - 1) % 5 + 1 }
    let scores = try ScoringPlan(icq).score(responses: responses)
    #expect(scores.map(\.sum) == [8, 16, 24, 32, 40, 120])
    #expect(scores.map(\.mean) == [1, 2, 3, 4, 5, 3])
  }

  @Test func rasKeyAndRange() throws {
    let ras = try #require(library.definition(id: "ras"))
    // "Schedule" in the title means an inventory (a questionnaire), not a timetable ("jadwal").
    #expect(ras.name.indonesian == "Inventori Asertivitas Rathus (RAS)")
    #expect(ras.items.count == 30)
    #expect(ras.responseScale.min == -3 && ras.responseScale.max == 3 && ras.responseScale.excluded == [0])
    let total = try #require(ras.scale("Total"))
    let expected = [1, 2, 4, 5, 9, 11, 12, 13, 14, 15, 16, 17, 19, 23, 24, 26, 30]
    #expect(total.reversed == expected.map { "item\($0)" })
    #expect(total.items.count == 30)
  }

  @Test func rasTotalsByHand() throws {
    let ras = try #require(library.definition(id: "ras"))
    let plan = ScoringPlan(ras)
    let reversed: Set<Int> = [1, 2, 4, 5, 9, 11, 12, 13, 14, 15, 16, 17, 19, 23, 24, 26, 30]
    // All +3: 13 forward items give +39, 17 reversed items give −51 → −12.
    #expect(try plan.score(responses: Array(repeating: 3, count: 30)).first?.sum == -12)
    // All −1: −13 + 17 = +4.
    #expect(try plan.score(responses: Array(repeating: -1, count: 30)).first?.sum == 4)
    // The most assertive answers (+3 forward, −3 reversed) reach the maximum +90; the opposite −90.
    let most: [Int?] = (1...30).map { reversed.contains($0) ? -3 : 3 }
    let least: [Int?] = (1...30).map { reversed.contains($0) ? 3 : -3 }
    #expect(try plan.score(responses: most).first?.sum == 90)
    #expect(try plan.score(responses: least).first?.sum == -90)
  }

  @Test func rasRejectsZero() throws {
    let ras = try #require(library.definition(id: "ras"))
    var responses: [Int?] = Array(repeating: 1, count: 30)
    responses[6] = 0
    #expect(throws: ScoringError.invalidResponses(.valueOutOfScale(row: 0, column: "item7", value: 0))) {
      try ScoringPlan(ras).score(responses: responses)
    }
  }
}
