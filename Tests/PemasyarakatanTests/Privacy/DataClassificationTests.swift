import AssessmentEngine
import Foundation
import Testing

@testable import Pemasyarakatan

/// Every field of every model has exactly one tag in ``DataClassification``, and the article prints the
/// same table. A model that gains a field fails here until the field is tagged.
@Suite("Field classification")
struct DataClassificationTests {
  /// Stored properties by Mirror (which sees nil optionals the encoder would omit), recursively through
  /// every value whose type is a classified model.
  @Test func everyStoredPropertyIsTagged() throws {
    var untagged: [String] = []
    var visited = Set<String>()
    func walk(_ value: Any) {
      let mirror = Mirror(reflecting: value)
      switch mirror.displayStyle {
      case .optional, .collection, .set:
        for child in mirror.children { walk(child.value) }
        return
      case .struct:
        let name = String(describing: type(of: value))
        guard DataClassification.models.contains(name) else { return }  // a leaf: CivilDate, Identifier…
        visited.insert(name)
        let entries = DataClassification.fields(of: name)
        for child in mirror.children {
          guard let label = child.label else { continue }
          if !entries.contains(where: { ($0.swiftName ?? $0.field) == label }) { untagged.append("\(name).\(label)") }
          walk(child.value)
        }
      default: return
      }
    }
    for (_, model) in try PrivacySamples.all() { walk(model) }
    #expect(untagged.isEmpty, "untagged fields (add them to DataClassification.fields): \(untagged)")
    // The samples reach every classified model, so the check above covered all of them.
    #expect(
      Set(DataClassification.models) == visited,
      "models the samples do not reach: \(Set(DataClassification.models).subtracting(visited))")
  }

  /// JSON keys as encoded, following each entry's `contains` into nested objects; the table must hold
  /// every key, and every entry must be a key (no stale tags).
  @Test func jsonKeysMatchTheTableExactly() throws {
    var problems: [String] = []
    func walk(_ json: Any, model: String) {
      if let array = json as? [Any] {
        for e in array { walk(e, model: model) }
        return
      }
      guard let object = json as? [String: Any] else { return }
      let entries = DataClassification.fields(of: model)
      let keys = Set(object.keys)
      for k in keys.subtracting(entries.map(\.field)) { problems.append("\(model).\(k) is untagged") }
      for e in entries where !keys.contains(e.field) {
        problems.append("\(model).\(e.field) is tagged but not in the JSON")
      }
      for e in entries { if let inner = e.contains, let v = object[e.field] { walk(v, model: inner) } }
    }
    let encoder = JSONEncoder()
    for (name, model) in try PrivacySamples.all() {
      walk(try JSONSerialization.jsonObject(with: encoder.encode(model)), model: name)
    }
    #expect(problems.isEmpty, "\(problems)")
  }

  /// A container's category is the most sensitive category inside it.
  @Test func containersCarryTheirMostSensitiveCategory() {
    for f in DataClassification.fields {
      guard let inner = f.contains else { continue }
      let max = DataClassification.fields(of: inner).map(\.category).max { $0.severity < $1.severity }
      #expect(f.category == max, "\(f.model).\(f.field) holds \(inner)")
    }
    #expect(
      DataClassification.fields.count == Set(DataClassification.fields.map { "\($0.model).\($0.field)" }).count,
      "one tag per field")
  }

  /// The table in Documentation/ProtectingClientData.md is the table in code.
  @Test func articleTableMatches() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Documentation/ProtectingClientData.md")
    let article = try String(contentsOf: url, encoding: .utf8)
    #expect(article.contains(DataClassification.markdownTable))
  }

  @Test func severityOrder() {
    #expect(DataCategory.allCases.map(\.severity) == [3, 2, 1, 0])
    #expect(DataClassification.category(of: "Client", field: "name") == .directIdentifier)
    #expect(DataClassification.category(of: "Client", field: "nope") == nil)
  }
}
