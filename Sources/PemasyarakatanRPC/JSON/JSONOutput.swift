import AssessmentEngine
import _SDKSupport

/// A JSON value to be written: objects keep their members in the order given, numbers that are not
/// finite are written as `null` (JSON has no NaN), and text is escaped as RFC 8259 requires.
enum JSONOut: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONOut])
  case object([(String, JSONOut)])

  /// A number, or `null` for `nil`.
  static func number(_ value: Double?) -> JSONOut { value.map { .number($0) } ?? .null }
  /// A string, or `null` for `nil`.
  static func string(_ value: String?) -> JSONOut { value.map { .string($0) } ?? .null }

  /// Converts a parsed value (object keys sorted, so output is stable).
  init(_ value: JSONValue) {
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let d): self = .number(d)
    case .string(let s): self = .string(s)
    case .array(let a): self = .array(a.map(JSONOut.init))
    case .object(let o): self = .object(o.keys.sorted().map { ($0, JSONOut(o[$0] ?? .null)) })
    }
  }

  /// Appends the compact JSON text (one line). Iterative, so no depth can overflow the stack.
  func write(to out: inout [UInt8]) {
    enum Step {
      case value(JSONOut)
      case raw(UInt8)
      case key(String)
    }
    var steps: [Step] = [.value(self)]
    while let step = steps.popLast() {
      switch step {
      case .raw(let b): out.append(b)
      case .key(let k):
        JSONString.append(k, to: &out)
        out.append(UInt8(ascii: ":"))
      case .value(let v):
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): ShortestDecimal.append(i, to: &out)
        case .number(let d): JSONOut.appendNumber(d, to: &out)
        case .string(let s): JSONString.append(s, to: &out)
        case .array(let a):
          out.append(UInt8(ascii: "["))
          steps.append(.raw(UInt8(ascii: "]")))
          for (i, element) in a.enumerated().reversed() {
            steps.append(.value(element))
            if i > 0 { steps.append(.raw(UInt8(ascii: ","))) }
          }
        case .object(let members):
          out.append(UInt8(ascii: "{"))
          steps.append(.raw(UInt8(ascii: "}")))
          for (i, member) in members.enumerated().reversed() {
            steps.append(.value(member.1))
            steps.append(.key(member.0))
            if i > 0 { steps.append(.raw(UInt8(ascii: ","))) }
          }
        }
      }
    }
  }

  /// The compact JSON text.
  var bytes: [UInt8] {
    var out: [UInt8] = []
    write(to: &out)
    return out
  }

  /// A finite number in shortest round-trip form; NaN and infinities as `null`.
  @inline(__always)
  static func appendNumber(_ d: Double, to out: inout [UInt8]) {
    if d.isFinite { ShortestDecimal.append(d, to: &out) } else { out.append(contentsOf: "null".utf8) }
  }
}
