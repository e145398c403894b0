import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// `JSONValue.read` builds the library's value from the one reader's tree, taking each container's
/// children out as it goes (so the two trees are never both whole in memory). Property: on seeded
/// random documents it gives exactly the tree the text was written from, and the tree Foundation's
/// `JSONSerialization` reads from the same text.
@Suite("JSONValue from the reader's tree")
struct JSONValueReadTests {
  static func randomValue(depth: Int, _ random: inout SplitMix64) -> JSONValue {
    let pick = depth == 0 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<6, using: &random)
    switch pick {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &random))
    case 2: return .number(Double(Int.random(in: -1000...1000, using: &random)) / 8)
    case 3:
      return .string(
        String((0..<Int.random(in: 0..<6, using: &random)).map { _ in "aé\"\\😀b".randomElement(using: &random) ?? "a" })
      )
    case 4:
      return .array((0..<Int.random(in: 0..<5, using: &random)).map { _ in randomValue(depth: depth - 1, &random) })
    default:
      var members: [String: JSONValue] = [:]
      for i in 0..<Int.random(in: 0..<5, using: &random) { members["k\(i)"] = randomValue(depth: depth - 1, &random) }
      return .object(members)
    }
  }

  static func text(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let d): return "\(d)"
    case .string(let s):
      return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .array(let a): return "[" + a.map(text).joined(separator: ",") + "]"
    case .object(let o): return "{" + o.map { "\"\($0.key)\":" + text($0.value) }.joined(separator: ",") + "}"
    }
  }

  static func foundation(_ any: Any) -> JSONValue? {
    switch any {
    case is NSNull: return .null
    case let b as Bool: return .number(b ? 1 : 0)  // 0 and 1 may come as Bool too: same either way
    case let n as NSNumber: return .number(n.doubleValue)
    case let s as String: return .string(s)
    case let a as [Any]:
      let values = a.compactMap(foundation)
      return values.count == a.count ? .array(values) : nil
    case let o as [String: Any]:
      var members: [String: JSONValue] = [:]
      for (k, v) in o {
        guard let value = foundation(v) else { return nil }
        members[k] = value
      }
      return .object(members)
    default: return nil
    }
  }

  static func boolsAsNumbers(_ value: JSONValue) -> JSONValue {
    switch value {
    case .bool(let b): return .number(b ? 1 : 0)
    case .array(let a): return .array(a.map(boolsAsNumbers))
    case .object(let o): return .object(o.mapValues(boolsAsNumbers))
    default: return value
    }
  }

  @Test func readGivesTheWrittenTreeAndFoundationsTree() throws {
    var random = SplitMix64(seed: 2026)
    for n in 0..<300 {
      let value = Self.randomValue(depth: 1 + n % 5, &random)
      let text = Self.text(value)
      let read = try JSONValue.read(Array(text.utf8))
      #expect(read == value, "\(text)")
      let any = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
      // Foundation's numbers and booleans share NSNumber, so both sides compare booleans as 0/1.
      #expect(Self.foundation(any) == Self.boolsAsNumbers(read), "\(text)")
    }
  }
}
