import AssessmentEngine

/// A JSON text that cannot be read: where (byte offset, line, column) and why.
///
/// `offset` is the 0-based byte offset of the offending byte; `line` and `column` are 1-based, the
/// column counting Unicode scalars on the line, as editors do.
package struct JSONSyntaxError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// 0-based byte offset.
  package var offset: Int
  /// 1-based line.
  package var line: Int
  /// 1-based column (Unicode scalars).
  package var column: Int
  /// Why the text is refused.
  package var why: String

  /// Creates an error.
  package init(offset: Int, line: Int, column: Int, why: String) {
    self.offset = offset
    self.line = line
    self.column = column
    self.why = why
  }

  /// `line L, column C (byte B): why`.
  package var description: String { "line \(line), column \(column) (byte \(offset)): \(why)" }
}

/// Reads JSON text into a ``JSONValue`` without recursion and within stated limits.
///
/// The reader is iterative (an explicit stack), so nesting cannot overflow the thread's stack; it
/// refuses nesting deeper than ``maximumDepth``, text longer than ``maximumBytes``, invalid UTF-8,
/// unpaired surrogate escapes, numbers outside `Double`'s range and duplicate object keys, each with
/// the byte offset, line and column. Memory is bounded by a small multiple of the input's size.
///
/// - Complexity: O(*n*) time for *n* bytes.
package struct BoundedJSONReader: Sendable {
  /// The deepest nesting of arrays and objects accepted (the document itself is depth 1).
  package var maximumDepth: Int
  /// The longest text accepted, in bytes.
  package var maximumBytes: Int

  /// Creates a reader with the given limits.
  package init(maximumDepth: Int = 128, maximumBytes: Int = 64 << 20) {
    self.maximumDepth = maximumDepth
    self.maximumBytes = maximumBytes
  }

  /// Parses one JSON document (surrounding white space allowed).
  package func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
    guard bytes.count <= maximumBytes else {
      throw JSONSyntaxError(
        offset: maximumBytes, line: 1, column: 1, why: "the text is longer than the limit of \(maximumBytes) bytes")
    }
    var state = ReaderState(bytes: bytes, maximumDepth: maximumDepth)
    do {
      let value = try state.document()
      return value
    } catch {
      throw JSONSyntaxError.located(in: bytes, offset: error.offset, why: error.why)
    }
  }

  /// Parses one JSON document held in an array.
  package func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    try bytes.withUnsafeBufferPointer { (b) throws(JSONSyntaxError) in try parse(b) }
  }
}

extension JSONSyntaxError {
  /// Computes line and column of `offset` (only on failure, so parsing never counts lines).
  static func located(in bytes: UnsafeBufferPointer<UInt8>, offset: Int, why: String) -> JSONSyntaxError {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return JSONSyntaxError(offset: offset, line: line, column: column, why: why)
  }
}

/// A failure before its line and column are known.
struct RawSyntaxError: Error {
  var offset: Int
  var why: String
}

/// The parser's cursor and explicit stack.
private struct ReaderState {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  var p = 0
  var scratch: [UInt8] = []

  /// A container being filled.
  enum Frame {
    case array([JSONValue])
    case object([String: JSONValue], key: String, keyOffset: Int)
  }

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  mutating func skipSpace() {
    while p < bytes.count {
      switch bytes[p] {
      case 0x20, 0x09, 0x0A, 0x0D: p += 1
      default: return
      }
    }
  }

  func describe(_ b: UInt8) -> String {
    if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x" + String(b, radix: 16, uppercase: true)
  }

  mutating func document() throws(RawSyntaxError) -> JSONValue {
    skipSpace()
    guard p < bytes.count else { throw RawSyntaxError(offset: p, why: "the text is empty; expected a JSON value") }
    let value = try valueTree()
    skipSpace()
    if p < bytes.count { throw RawSyntaxError(offset: p, why: "unexpected \(describe(bytes[p])) after the JSON value") }
    return value
  }

  /// Reads one value of any depth with an explicit stack.
  mutating func valueTree() throws(RawSyntaxError) -> JSONValue {
    var stack: [Frame] = []
    while true {
      skipSpace()
      guard p < bytes.count else { throw RawSyntaxError(offset: p, why: "the text ends inside a value") }
      var completed: JSONValue
      switch bytes[p] {
      case UInt8(ascii: "["):
        if stack.count + 1 > maximumDepth {
          throw RawSyntaxError(offset: p, why: "nesting is deeper than \(maximumDepth) levels")
        }
        p += 1
        skipSpace()
        if p < bytes.count, bytes[p] == UInt8(ascii: "]") {
          p += 1
          completed = .array([])
        } else {
          stack.append(.array([]))
          continue
        }
      case UInt8(ascii: "{"):
        if stack.count + 1 > maximumDepth {
          throw RawSyntaxError(offset: p, why: "nesting is deeper than \(maximumDepth) levels")
        }
        p += 1
        skipSpace()
        if p < bytes.count, bytes[p] == UInt8(ascii: "}") {
          p += 1
          completed = .object([:])
        } else {
          let (key, at) = try memberKey()
          stack.append(.object([:], key: key, keyOffset: at))
          continue
        }
      default:
        completed = try scalar()
      }
      // Attach the completed value to its parents, closing every container that ends here.
      while true {
        guard let top = stack.popLast() else { return completed }
        skipSpace()
        guard p < bytes.count else {
          throw RawSyntaxError(offset: p, why: "the text ends inside an unclosed \(top.isArray ? "array" : "object")")
        }
        switch top {
        case .array(var elements):
          elements.append(completed)
          if bytes[p] == UInt8(ascii: ",") {
            p += 1
            stack.append(.array(elements))
          } else if bytes[p] == UInt8(ascii: "]") {
            p += 1
            completed = .array(elements)
            continue
          } else {
            throw RawSyntaxError(offset: p, why: "expected ',' or ']' in an array, found \(describe(bytes[p]))")
          }
        case .object(var members, let key, let keyOffset):
          guard members.updateValue(completed, forKey: key) == nil else {
            throw RawSyntaxError(offset: keyOffset, why: "the key \"\(key.prefix(60))\" appears twice in one object")
          }
          if bytes[p] == UInt8(ascii: ",") {
            p += 1
            skipSpace()
            let (next, at) = try memberKey()
            stack.append(.object(members, key: next, keyOffset: at))
          } else if bytes[p] == UInt8(ascii: "}") {
            p += 1
            completed = .object(members)
            continue
          } else {
            throw RawSyntaxError(offset: p, why: "expected ',' or '}' in an object, found \(describe(bytes[p]))")
          }
        }
        break
      }
    }
  }

  /// `"key" :` — returns the key and its offset.
  mutating func memberKey() throws(RawSyntaxError) -> (String, Int) {
    guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") else {
      throw RawSyntaxError(
        offset: p,
        why: p < bytes.count ? "expected a quoted key, found \(describe(bytes[p]))" : "the text ends inside an object")
    }
    let at = p
    let key = try string()
    skipSpace()
    guard p < bytes.count, bytes[p] == UInt8(ascii: ":") else {
      throw RawSyntaxError(
        offset: p,
        why: p < bytes.count
          ? "expected ':' after a key, found \(describe(bytes[p]))" : "the text ends inside an object")
    }
    p += 1
    return (key, at)
  }

  mutating func scalar() throws(RawSyntaxError) -> JSONValue {
    let b = bytes[p]
    switch b {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw RawSyntaxError(offset: p, why: "unexpected \(describe(b)); expected a JSON value")
    }
  }

  mutating func literal(_ word: StaticString) throws(RawSyntaxError) {
    let start = p
    let n = word.utf8CodeUnitCount
    guard bytes.count - p >= n else { throw RawSyntaxError(offset: start, why: "unknown literal; expected \(word)") }
    let w = word.utf8Start
    for i in 0..<n where bytes[p + i] != w[i] {
      throw RawSyntaxError(offset: start, why: "unknown literal; expected \(word)")
    }
    p += n
  }

  func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

  mutating func number() throws(RawSyntaxError) -> Double {
    let start = p
    if bytes[p] == UInt8(ascii: "-") { p += 1 }
    guard isDigit(p) else { throw RawSyntaxError(offset: start, why: "a number needs digits after '-'") }
    if bytes[p] == UInt8(ascii: "0") {
      p += 1
      if isDigit(p) { throw RawSyntaxError(offset: start, why: "a number may not have a leading zero") }
    } else {
      while isDigit(p) { p += 1 }
    }
    if p < bytes.count, bytes[p] == UInt8(ascii: ".") {
      p += 1
      guard isDigit(p) else { throw RawSyntaxError(offset: start, why: "a number needs digits after '.'") }
      while isDigit(p) { p += 1 }
    }
    if p < bytes.count, bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E") {
      p += 1
      if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
      guard isDigit(p) else { throw RawSyntaxError(offset: start, why: "a number needs digits in its exponent") }
      while isDigit(p) { p += 1 }
    }
    guard p - start <= 400 else { throw RawSyntaxError(offset: start, why: "a number is longer than 400 characters") }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw RawSyntaxError(offset: start, why: "the number \(text.prefix(40)) is outside the range of a double")
    }
    return value
  }

  mutating func hex4(_ at: Int) throws(RawSyntaxError) -> UInt32 {
    guard bytes.count - at >= 4 else { throw RawSyntaxError(offset: at, why: "a \\u escape needs four hex digits") }
    var v: UInt32 = 0
    for i in 0..<4 {
      let c = bytes[at + i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw RawSyntaxError(offset: at + i, why: "a \\u escape needs four hex digits")
      }
      v = v << 4 | d
    }
    return v
  }

  /// A string: the fast path copies runs of plain bytes; escapes go through `scratch`. The bytes are
  /// validated as UTF-8 once, at the end.
  mutating func string() throws(RawSyntaxError) -> String {
    let open = p
    p += 1
    var runStart = p
    scratch.removeAll(keepingCapacity: true)
    var escaped = false
    while true {
      // Plain bytes: anything but a quote, a backslash or a control character.
      while p < bytes.count {
        let c = bytes[p]
        if c == 0x22 || c == 0x5C || c < 0x20 { break }
        p += 1
      }
      guard p < bytes.count else {
        throw RawSyntaxError(offset: open, why: "a string is not closed before the end of the text")
      }
      let c = bytes[p]
      if c == 0x22 {
        let result: String?
        if !escaped {
          result = String(validating: UnsafeBufferPointer(rebasing: bytes[runStart..<p]), as: UTF8.self)
        } else {
          scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<p]))
          result = String(validating: scratch, as: UTF8.self)
        }
        guard let result else {
          throw RawSyntaxError(offset: firstInvalidUTF8(from: open + 1, to: p), why: "the string is not valid UTF-8")
        }
        p += 1
        return result
      }
      if c < 0x20 {
        throw RawSyntaxError(
          offset: p, why: "a control character (0x\(String(c, radix: 16))) must be escaped inside a string")
      }
      // A backslash escape.
      escaped = true
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<p]))
      guard p + 1 < bytes.count else { throw RawSyntaxError(offset: p, why: "the text ends inside an escape") }
      let e = bytes[p + 1]
      switch e {
      case UInt8(ascii: "\""): scratch.append(0x22)
      case UInt8(ascii: "\\"): scratch.append(0x5C)
      case UInt8(ascii: "/"): scratch.append(0x2F)
      case UInt8(ascii: "b"): scratch.append(0x08)
      case UInt8(ascii: "f"): scratch.append(0x0C)
      case UInt8(ascii: "n"): scratch.append(0x0A)
      case UInt8(ascii: "r"): scratch.append(0x0D)
      case UInt8(ascii: "t"): scratch.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4(p + 2)
        var length = 6
        if scalar >= 0xD800 && scalar < 0xDC00 {
          guard bytes.count - p >= 12, bytes[p + 6] == 0x5C, bytes[p + 7] == UInt8(ascii: "u") else {
            throw RawSyntaxError(offset: p, why: "a high surrogate escape is not followed by a low surrogate")
          }
          let low = try hex4(p + 8)
          guard low >= 0xDC00 && low < 0xE000 else {
            throw RawSyntaxError(offset: p, why: "a high surrogate escape is not followed by a low surrogate")
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          length = 12
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          throw RawSyntaxError(offset: p, why: "a low surrogate escape without a high surrogate")
        }
        guard let u = Unicode.Scalar(scalar) else {
          throw RawSyntaxError(offset: p, why: "an escape that is not a Unicode scalar")
        }
        scratch.append(contentsOf: UTF8.encode(u).map { Array($0) } ?? [])
        p += length
        runStart = p
        continue
      default:
        throw RawSyntaxError(offset: p, why: "unknown escape \\\(describe(e))")
      }
      p += 2
      runStart = p
    }
  }

  /// The offset of the first byte that breaks UTF-8 in `from..<to` (for the error's location).
  func firstInvalidUTF8(from: Int, to: Int) -> Int {
    var i = from
    while i < to {
      let b = bytes[i]
      let n: Int
      if b < 0x80 {
        n = 1
      } else if b & 0xE0 == 0xC0, b >= 0xC2 {
        n = 2
      } else if b & 0xF0 == 0xE0 {
        n = 3
      } else if b & 0xF8 == 0xF0, b <= 0xF4 {
        n = 4
      } else {
        return i
      }
      if i + n > to { return i }
      for k in 1..<max(n, 1) where bytes[i + k] & 0xC0 != 0x80 { return i }
      if String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self) == nil { return i }
      i += n
    }
    return from
  }
}

extension ReaderState.Frame {
  var isArray: Bool {
    if case .array = self { return true }
    return false
  }
}
