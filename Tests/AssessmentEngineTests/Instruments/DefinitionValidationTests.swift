import AssessmentEngine
import Foundation
import Testing

/// Loading a definition reports every problem, each with its JSON path and kind.
@Suite("Instrument definition validation")
struct DefinitionValidationTests {
  /// A valid definition; each test breaks one thing.
  static let valid = """
    {
      "id": "demo", "version": "1",
      "name": {"id": "Contoh", "en": "Demo"},
      "citation": {"source": "Our own test instrument", "year": 2026, "licence": "CC0"},
      "responseScale": {"min": 1, "max": 5, "anchors": [{"value": 1, "label": {"id": "Jarang", "en": "Seldom"}}]},
      "items": [{"id": "a"}, {"id": "b", "label": {"id": "Butir b", "en": "Item b"}}, {"id": "c"}],
      "scales": [{"id": "S", "items": ["a", "b", "c"], "reversed": ["b"], "score": "mean"}],
      "missingData": {"policy": "prorate", "minimumAnswered": 2},
      "norms": [{"scale": "S", "population": {"id": "Umum", "en": "General"}, "metric": "mean", "mean": 3.1, "sd": 0.7, "reliability": 0.85, "source": "made up"}]
    }
    """

  func load(_ text: String) throws(InstrumentDefinitionError) -> InstrumentDefinition {
    try InstrumentDefinition(jsonData: Data(text.utf8))
  }

  func issues(_ text: String) -> [JSONIssue] {
    do {
      _ = try load(text)
      return []
    } catch { return error.issues }
  }

  @Test func validDefinitionLoadsAndRoundTrips() throws {
    let d = try load(Self.valid)
    #expect(d.scales[0].reversed == ["b"])
    #expect(d.missingData == .prorate(minimum: .count(2)))
    #expect(d.norms(for: "S").first?.reliability == 0.85)
    let encoded = try JSONEncoder().encode(d)
    #expect(try JSONDecoder().decode(InstrumentDefinition.self, from: encoded) == d)
  }

  @Test func duplicateItemID() {
    let text = Self.valid.replacingOccurrences(of: #"{"id": "c"}"#, with: #"{"id": "a"}"#)
    #expect(issues(text).contains(JSONIssue(path: "$.items[2].id", kind: .duplicate("a"))))
  }

  @Test func unknownItemInAScale() {
    let text = Self.valid.replacingOccurrences(of: #"["a", "b", "c"]"#, with: #"["a", "b", "zz"]"#)
    #expect(issues(text).contains(JSONIssue(path: "$.scales[0].items[2]", kind: .unknownReference("zz"))))
  }

  @Test func emptyScale() {
    let text = Self.valid.replacingOccurrences(
      of: #""items": ["a", "b", "c"], "reversed": ["b"]"#, with: #""items": []"#)
    #expect(issues(text) == [JSONIssue(path: "$.scales[0].items", kind: .invalidValue("the scale 'S' has no items"))])
  }

  @Test func minNotBelowMax() {
    let text = Self.valid.replacingOccurrences(of: #""min": 1, "max": 5"#, with: #""min": 5, "max": 5"#)
    #expect(
      issues(text).contains(
        JSONIssue(path: "$.responseScale", kind: .invalidValue("'min' (5) must be less than 'max' (5)"))))
  }

  @Test func reverseKeyOutsideTheScale() {
    let text = Self.valid.replacingOccurrences(of: #""reversed": ["b"]"#, with: #""reversed": ["d"]"#)
    #expect(
      issues(text) == [
        JSONIssue(
          path: "$.scales[0].reversed[0]",
          kind: .invalidValue("'d' is reverse-keyed but is not one of the scale's items"))
      ])
  }

  @Test func unknownKeysAreReportedWithASuggestion() {
    let text = Self.valid.replacingOccurrences(of: #""score": "mean""#, with: #""scroe": "mean""#)
    #expect(issues(text) == [JSONIssue(path: "$.scales[0]", kind: .unknownKey("scroe", suggestion: "score"))])
  }

  @Test func wrongTypeAndMissingKey() {
    let text = Self.valid.replacingOccurrences(of: #""year": 2026"#, with: #""year": "2026""#)
      .replacingOccurrences(of: #""version": "1","#, with: "")
    let found = issues(text)
    #expect(
      found.contains(JSONIssue(path: "$.citation.year", kind: .wrongType(expected: "a number", found: "a string"))))
    #expect(found.contains(JSONIssue(path: "$", kind: .missingKey("version"))))
  }

  @Test func everyProblemIsReportedAtOnce() {
    let text = Self.valid
      .replacingOccurrences(of: #"{"id": "c"}"#, with: #"{"id": "a"}"#)
      .replacingOccurrences(of: #""reversed": ["b"]"#, with: #""reversed": ["q"]"#)
      .replacingOccurrences(of: #""sd": 0.7"#, with: #""sd": -1"#)
      .replacingOccurrences(of: #""year": 2026"#, with: #""year": 2026, "editor": "x""#)
    let found = issues(text)
    // Renaming item c to a also leaves the scale's "c" undefined: five problems in all.
    #expect(found.count == 5)
    #expect(found.contains(JSONIssue(path: "$.scales[0].items[2]", kind: .unknownReference("c"))))
    #expect(found.contains(JSONIssue(path: "$.citation", kind: .unknownKey("editor", suggestion: nil))))
    #expect(found.contains(JSONIssue(path: "$.norms[0].sd", kind: .invalidValue("the SD must be positive, not -1.0"))))
  }

  @Test func malformedJSON() {
    let found = issues("{\"id\": ")
    #expect(found.count == 1)
    #expect(found.first?.path == "$")
    if case .malformedJSON = found.first?.kind {} else { Issue.record("expected malformedJSON, got \(found)") }
  }

  @Test func unknownMissingDataPolicy() {
    let text = Self.valid.replacingOccurrences(
      of: #""policy": "prorate", "minimumAnswered": 2"#, with: #""policy": "hotdeck""#)
    #expect(
      issues(text) == [
        JSONIssue(
          path: "$.missingData.policy",
          kind: .invalidValue("'hotdeck' is not one of 'none', 'mean', 'median', 'prorate'"))
      ])
  }

  @Test func errorReadsAsSentences() {
    let error = InstrumentDefinitionError(issues: [
      JSONIssue(path: "$.scales[0].items[2]", kind: .unknownReference("zz"))
    ])
    #expect(
      error.description == "The instrument definition has 1 problem:\n  $.scales[0].items[2]: 'zz' is not defined.")
  }

  @Test func quickKeysAsPsychWritesThem() throws {
    let key = try QuickKey(parsing: "Task = item1, -item3 ,item10")
    #expect(key.scale.id == "Task")
    #expect(key.scale.items == ["item1", "item3", "item10"])
    #expect(key.scale.reversed == ["item3"])
    #expect(throws: QuickKeyError(text: "Task", reason: .missingEquals)) { try QuickKey(parsing: "Task") }
    #expect(throws: QuickKeyError(text: "=a", reason: .missingName)) { try QuickKey(parsing: "=a") }
    #expect(throws: QuickKeyError(text: "T=a,,b", reason: .emptyItem)) { try QuickKey(parsing: "T=a,,b") }
    #expect(throws: QuickKeyError(text: "T=a,-a", reason: .duplicateItem("a"))) { try QuickKey(parsing: "T=a,-a") }
    let d = try InstrumentDefinition.quick([key, QuickKey(parsing: "Other=item10,item11")], min: 1, max: 7)
    #expect(d.items.map(\.id) == ["item1", "item3", "item10", "item11"])
  }
}
