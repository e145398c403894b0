/// A strict JSON (RFC 8259) reader producing ``JSONValue``: every syntax error says where (line,
/// column, byte offset) and what was expected in plain words, a key repeated in one object is
/// refused (readers disagree on which copy wins, so a repeated key silently changes meaning), and
/// nesting deeper than ``maximumDepth`` is refused instead of exhausting the stack.
///
/// `package`: the SDK's loaders (instrument and risk definitions, risk answer sheets) parse with it,
/// and the Codable loaders check their text with ``check(_:)`` first.
package struct JSONText {
  /// Deeper nesting is refused.
  package static let maximumDepth = 256

  /// A syntax error or a repeated key.
  package struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line, 1-based byte column, 0-based byte offset.
    package var line: Int
    package var column: Int
    package var offset: Int
    /// What is wrong, in words.
    package var message: String
    /// For a repeated key: the JSON path of the object holding it.
    package var path: String?

    /// `line L, column C: message`.
    package var description: String { "line \(line), column \(column): \(message)" }
  }

  private let b: UnsafeBufferPointer<UInt8>
  private var p = 0

  private init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

  /// Parses a whole JSON text (a UTF-8 byte-order mark is allowed and skipped).
  package static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
    try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONValue in
      var reader = JSONText(buffer)
      if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.p = 3 }
      reader.skipSpace()
      if reader.p >= buffer.count {
        throw reader.error("the text is empty; expected a JSON value")
      }
      let value = try reader.value(depth: 0, path: "$")
      reader.skipSpace()
      if reader.p < buffer.count { throw reader.error("unexpected \(reader.found()) after the end of the JSON value") }
      return value
    }
  }

  /// The first syntax error or repeated key in `bytes`, or `nil` when it is well-formed JSON.
  package static func check(_ bytes: [UInt8]) -> SyntaxError? {
    do {
      _ = try parse(bytes)
      return nil
    } catch {
      return error
    }
  }

  // MARK: Reading

  private func error(_ message: String, at offset: Int? = nil, path: String? = nil) -> SyntaxError {
    let at = Swift.min(offset ?? p, b.count)
    var line = 1
    var lineStart = 0
    for i in 0..<at where b[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return SyntaxError(line: line, column: at - lineStart + 1, offset: at, message: message, path: path)
  }

  private func location(_ offset: Int) -> String {
    let e = error("", at: offset)
    return "line \(e.line), column \(e.column)"
  }

  /// The byte at the cursor, described for a message.
  private func found() -> String {
    guard p < b.count else { return "end of text" }
    let c = b[p]
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    if c == 0x20 { return "a space" }
    return "byte 0x" + String(c, radix: 16, uppercase: true)
  }

  private mutating func skipSpace() {
    while p < b.count, b[p] == 0x20 || b[p] == 0x0A || b[p] == 0x0D || b[p] == 0x09 { p += 1 }
  }

  private mutating func value(depth: Int, path: String) throws(SyntaxError) -> JSONValue {
    guard depth < Self.maximumDepth else { throw error("the JSON is nested deeper than \(Self.maximumDepth) levels") }
    guard p < b.count else { throw error("the text ends where a value was expected") }
    switch b[p] {
    case 0x7B: return try object(depth: depth, path: path)
    case 0x5B: return try array(depth: depth, path: path)
    case 0x22: return .string(try string())
    case 0x74:
      try literal("true")
      return .bool(true)
    case 0x66:
      try literal("false")
      return .bool(false)
    case 0x6E:
      try literal("null")
      return .null
    case 0x2D, 0x30...0x39: return .number(try number())
    default:
      throw error("expected a value (object, array, string, number, true, false or null), found \(found())")
    }
  }

  private mutating func literal(_ word: StaticString) throws(SyntaxError) {
    let start = p
    let n = word.utf8CodeUnitCount
    guard b.count - p >= n else { throw error("expected '\(word)'", at: start) }
    for i in 0..<n where b[p + i] != word.utf8Start[i] { throw error("expected '\(word)'", at: start) }
    p += n
  }

  private mutating func object(depth: Int, path: String) throws(SyntaxError) -> JSONValue {
    p += 1
    var members: [String: JSONValue] = [:]
    var keyOffsets: [String: Int] = [:]
    skipSpace()
    if p < b.count, b[p] == 0x7D {
      p += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard p < b.count, b[p] == 0x22 else {
        throw error(
          p < b.count && b[p] == 0x7D
            ? "a comma before '}' (trailing commas are not JSON)" : "expected a key in double quotes, found \(found())")
      }
      let keyOffset = p
      let key = try string()
      skipSpace()
      guard p < b.count, b[p] == 0x3A else {
        throw error("expected ':' after the key \(quotedForMessage(key)), found \(found())")
      }
      p += 1
      skipSpace()
      let memberPath = path + "." + key
      let v = try value(depth: depth + 1, path: memberPath)
      if let first = keyOffsets[key] {
        throw error(
          "the key \(quotedForMessage(key)) appears twice in one object, at \(location(first)) and \(location(keyOffset)) (both \(memberPath)); JSON readers disagree on which copy wins, so remove one",
          at: keyOffset, path: path)
      }
      keyOffsets[key] = keyOffset
      members[key] = v
      skipSpace()
      guard p < b.count else { throw error("the text ends inside an object; expected ',' or '}'") }
      if b[p] == 0x2C {
        p += 1
        continue
      }
      if b[p] == 0x7D {
        p += 1
        return .object(members)
      }
      throw error("expected ',' or '}' after an object member, found \(found())")
    }
  }

  private mutating func array(depth: Int, path: String) throws(SyntaxError) -> JSONValue {
    p += 1
    var elements: [JSONValue] = []
    skipSpace()
    if p < b.count, b[p] == 0x5D {
      p += 1
      return .array(elements)
    }
    while true {
      skipSpace()
      if p < b.count, b[p] == 0x5D { throw error("a comma before ']' (trailing commas are not JSON)") }
      elements.append(try value(depth: depth + 1, path: "\(path)[\(elements.count)]"))
      skipSpace()
      guard p < b.count else { throw error("the text ends inside an array; expected ',' or ']'") }
      if b[p] == 0x2C {
        p += 1
        continue
      }
      if b[p] == 0x5D {
        p += 1
        return .array(elements)
      }
      throw error("expected ',' or ']' after an array element, found \(found())")
    }
  }

  private mutating func number() throws(SyntaxError) -> Double {
    let start = p
    if b[p] == 0x2D { p += 1 }
    func digits() -> Int {
      let s = p
      while p < b.count, b[p] >= 0x30, b[p] <= 0x39 { p += 1 }
      return p - s
    }
    guard p < b.count, b[p] >= 0x30, b[p] <= 0x39 else { throw error("expected a digit in a number", at: p) }
    if b[p] == 0x30 {
      p += 1
      if p < b.count, b[p] >= 0x30, b[p] <= 0x39 { throw error("a number cannot have a leading zero", at: start) }
    } else {
      _ = digits()
    }
    if p < b.count, b[p] == 0x2E {
      p += 1
      guard digits() > 0 else { throw error("expected digits after the decimal point", at: p) }
    }
    if p < b.count, b[p] == 0x65 || b[p] == 0x45 {
      p += 1
      if p < b.count, b[p] == 0x2B || b[p] == 0x2D { p += 1 }
      guard digits() > 0 else { throw error("expected digits in the exponent", at: p) }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<p]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw error(
        "the number \(text.count > 40 ? String(text.prefix(37)) + "..." : text) is too large to represent", at: start)
    }
    return value
  }

  private mutating func string() throws(SyntaxError) -> String {
    let start = p
    p += 1
    var out: [UInt8] = []
    while true {
      guard p < b.count else { throw error("a string is not closed before the end of the text", at: start) }
      let c = b[p]
      if c == 0x22 {
        p += 1
        break
      }
      if c < 0x20 {
        throw error(
          "a control character (byte 0x\(String(c, radix: 16, uppercase: true))) inside a string must be escaped")
      }
      if c != 0x5C {
        out.append(c)
        p += 1
        continue
      }
      p += 1
      guard p < b.count else { throw error("a string is not closed before the end of the text", at: start) }
      let e = b[p]
      p += 1
      switch e {
      case 0x22: out.append(0x22)
      case 0x5C: out.append(0x5C)
      case 0x2F: out.append(0x2F)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        var scalar = try hex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // A high surrogate must be followed by an escaped low one.
          guard p + 1 < b.count, b[p] == 0x5C, b[p + 1] == 0x75 else {
            throw error("an unpaired surrogate escape in a string", at: p - 6)
          }
          p += 2
          let low = try hex4()
          guard low >= 0xDC00 && low < 0xE000 else {
            throw error("an unpaired surrogate escape in a string", at: p - 6)
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          throw error("an unpaired surrogate escape in a string", at: p - 6)
        }
        guard let u = Unicode.Scalar(scalar) else { throw error("an invalid \\u escape", at: p - 6) }
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default:
        throw error(
          "an invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
          at: p - 2)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func hex4() throws(SyntaxError) -> UInt32 {
    guard b.count - p >= 4 else { throw error("expected four hex digits after \\u") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = b[p]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw error("expected four hex digits after \\u")
      }
      v = v << 4 | d
      p += 1
    }
    return v
  }
}

/// A JSON string literal with the escapes RFC 8259 requires, the same bytes on every platform: the one
/// writer of JSON strings for the hand-written JSON outputs (score files, exports, the audit log, whose
/// entry hashes depend on these exact bytes).
package func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
