import AssessmentEngine

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
        JSONOut.appendString(k, to: &out)
        out.append(UInt8(ascii: ":"))
      case .value(let v):
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): ShortestDecimal.append(i, to: &out)
        case .number(let d): JSONOut.appendNumber(d, to: &out)
        case .string(let s): JSONOut.appendString(s, to: &out)
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

  /// A string literal with the escapes RFC 8259 requires (and U+2028/U+2029 escaped, for JavaScript hosts).
  static func appendString(_ s: String, to out: inout [UInt8]) {
    out.append(0x22)
    var s = s
    s.withUTF8 { u in
      var runStart = 0
      var i = 0
      while i < u.count {
        let c = u[i]
        var escape: [UInt8]? = nil
        if c == 0x22 {
          escape = [0x5C, 0x22]
        } else if c == 0x5C {
          escape = [0x5C, 0x5C]
        } else if c < 0x20 {
          switch c {
          case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
          case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
          case 0x09: escape = [0x5C, UInt8(ascii: "t")]
          default:
            let hex = Array("0123456789abcdef".utf8)
            escape = [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]]
          }
        } else if c == 0xE2, i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
          out.append(contentsOf: Array((u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
          i += 3
          runStart = i
          continue
        }
        if let escape {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
          out.append(contentsOf: escape)
          runStart = i + 1
        }
        i += 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count]))
    }
    out.append(0x22)
  }
}
