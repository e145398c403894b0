/// A JSON value as the package's one reader builds it: the tree AssessmentEngine's public
/// `JSONValue` is made from (this target cannot name that type).
///
/// A concrete type rather than a generic reader over the caller's value type: `@inlinable package`
/// code is not specialised across modules by this toolchain, so a generic reader ran unspecialised
/// from every caller, paying for generic metadata on each value (the JSON-RPC server answered
/// `sdk.version` in 6.5 µs instead of 4.6 µs).
package enum JSONNode: Sendable, Hashable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A finite number.
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONNode])
  /// An object (keys are unique: a repeated key is refused while reading).
  case object([String: JSONNode])
}

/// The package's one JSON reader: strict RFC 8259, iterative, bounded, and precise about failures.
///
/// - Strict: nothing but RFC 8259 is accepted (no comments, trailing commas, single quotes, leading
///   zeros, `NaN`, unescaped control characters, unpaired surrogate escapes, invalid UTF-8, numbers
///   outside `Double`'s range); a key repeated in one object is refused, naming both places, because
///   readers disagree on which copy wins and a repeated key silently changes meaning.
/// - Iterative: containers are read with an explicit stack, so `[[[[…` 100,000 deep cannot exhaust
///   the thread's stack; nesting deeper than ``maximumDepth`` is refused.
/// - Bounded: text longer than ``maximumBytes`` is refused before reading; memory is a small multiple
///   of the input's size.
/// - Located: every failure is a ``JSONSyntaxError`` with byte offset, line, column and JSON path.
///   Lines and columns are counted only on failure, so reading never counts them.
///
/// Two settings are used: ``documents`` for files (instrument and risk definitions, case and group
/// files, answer sheets) and ``requests`` for the JSON-RPC server, whose limits its callers adjust.
///
/// - Complexity: O(*n*) time for *n* bytes.
package struct JSONReader: Sendable, Hashable {
  /// The deepest nesting of arrays and objects accepted (the outermost container is depth 1).
  package var maximumDepth: Int
  /// The longest text accepted, in bytes.
  package var maximumBytes: Int
  /// Whether a leading UTF-8 byte-order mark is skipped (files written by Windows editors carry one)
  /// rather than refused.
  package var allowsByteOrderMark: Bool

  /// Creates a reader with the given limits.
  package init(maximumDepth: Int = 256, maximumBytes: Int = Int.max, allowsByteOrderMark: Bool = true) {
    self.maximumDepth = maximumDepth
    self.maximumBytes = maximumBytes
    self.allowsByteOrderMark = allowsByteOrderMark
  }

  /// Files: 256 levels, no size limit beyond the caller's, a byte-order mark skipped.
  package static let documents = JSONReader()

  /// JSON-RPC requests: 128 levels, 64 MiB, no byte-order mark (RFC 8259 §8.1: senders must not add one).
  package static let requests = JSONReader(maximumDepth: 128, maximumBytes: 64 << 20, allowsByteOrderMark: false)

  /// Parses one JSON document (white space around it allowed).
  package func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONNode {
    try read(bytes, keepingValues: true)
  }

  /// Parses one JSON document held in an array.
  package func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
    try bytes.withUnsafeBufferPointer { (b) throws(JSONSyntaxError) -> JSONNode in try parse(b) }
  }

  /// The first failure in `bytes`, or `nil` when it is one well-formed JSON document (no tree is
  /// built). Codable loaders run this first, so a syntax error or a repeated key is reported with its
  /// place rather than as a decoding failure.
  package func check(_ bytes: [UInt8]) -> JSONSyntaxError? {
    do {
      _ = try bytes.withUnsafeBufferPointer { (b) throws(JSONSyntaxError) -> JSONNode in
        try read(b, keepingValues: false)
      }
      return nil
    } catch {
      return error
    }
  }

  private func read(_ bytes: UnsafeBufferPointer<UInt8>, keepingValues: Bool) throws(JSONSyntaxError) -> JSONNode {
    guard bytes.count <= maximumBytes else {
      throw JSONSyntaxError(
        kind: .tooLong, offset: maximumBytes, line: 1, column: 1,
        why: "the text is longer than the limit of \(maximumBytes) bytes", path: "$")
    }
    var parser = JSONParser(bytes: bytes, maximumDepth: Swift.max(1, maximumDepth), keepsValues: keepingValues)
    if allowsByteOrderMark, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.p = 3 }
    do {
      return try parser.document()
    } catch {
      throw error.located(in: bytes)
    }
  }
}

/// A failure before its line and column are known (they are counted once, on the way out).
struct RawJSONError: Error {
  var kind: JSONSyntaxError.Kind = .syntax
  var offset: Int
  var why: String
  var path: String

  /// The error with its line and column.
  func located(in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
    let (line, column) = lineAndColumn(of: offset, in: bytes)
    return JSONSyntaxError(kind: kind, offset: offset, line: line, column: column, why: why, path: path)
  }
}

/// The 1-based line and column (Unicode scalars) of byte `offset`.
func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
  var line = 1
  var column = 1
  for i in 0..<Swift.min(Swift.max(offset, 0), bytes.count) {
    let b = bytes[i]
    if b == 0x0A {
      line += 1
      column = 1
    } else if b & 0xC0 != 0x80 {
      column += 1
    }
  }
  return (line, column)
}

/// The cursor and the explicit stack of containers being filled.
struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  /// Whether containers keep their values; ``JSONReader/check(_:)`` reads without (keys are kept,
  /// to refuse a repeated one).
  let keepsValues: Bool
  var p = 0
  var scratch: [UInt8] = []
  var stack: [Frame] = []

  /// A container being filled. A struct mutated in place on the stack (never copied out and back),
  /// so appending to a container costs O(1), not a copy of it.
  struct Frame {
    var isObject: Bool
    /// Where the container starts (its `{` or `[`): a repeated key's first place is found from here.
    var start: Int
    /// The number of elements read so far (the index in the JSON path of the one being read).
    var count = 0
    var elements: [JSONNode] = []
    var members: [String: JSONNode] = [:]
    /// The key whose value is being read.
    var key = ""

    init(isObject: Bool, start: Int) {
      self.isObject = isObject
      self.start = start
    }
  }

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, keepsValues: Bool = true) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
    self.keepsValues = keepsValues
  }

  // MARK: Failures

  /// The JSON path of the value being read (`$`, `$.a[3].b`); `containerOnly` stops at the innermost
  /// container (while a key is being read).
  func path(containerOnly: Bool = false) -> String {
    var out = "$"
    for (i, frame) in stack.enumerated() {
      if containerOnly && i == stack.count - 1 { break }
      out += frame.isObject ? "." + frame.key : "[\(frame.count)]"
    }
    return out
  }

  func failure(_ why: String, at offset: Int? = nil, containerOnly: Bool = false) -> RawJSONError {
    RawJSONError(offset: offset ?? p, why: why, path: path(containerOnly: containerOnly))
  }

  /// The byte at the cursor, described for a message.
  func found() -> String {
    guard p < bytes.count else { return "end of text" }
    let c = bytes[p]
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    if c == 0x20 { return "a space" }
    return "byte 0x" + String(c, radix: 16, uppercase: true)
  }

  func location(_ offset: Int) -> String {
    let (line, column) = lineAndColumn(of: offset, in: bytes)
    return "line \(line), column \(column)"
  }

  // MARK: Structure

  mutating func skipSpace() {
    while p < bytes.count {
      switch bytes[p] {
      case 0x20, 0x09, 0x0A, 0x0D: p += 1
      default: return
      }
    }
  }

  mutating func document() throws(RawJSONError) -> JSONNode {
    skipSpace()
    guard p < bytes.count else { throw failure("the text is empty; expected a JSON value") }
    let value = try valueTree()
    skipSpace()
    if p < bytes.count { throw failure("unexpected \(found()) after the end of the JSON value") }
    return value
  }

  mutating func open() throws(RawJSONError) {
    guard stack.count < maximumDepth else {
      var error = failure("nesting is deeper than \(maximumDepth) levels")
      error.kind = .tooDeep
      throw error
    }
    p += 1
    skipSpace()
  }

  /// Reads one value of any depth.
  mutating func valueTree() throws(RawJSONError) -> JSONNode {
    while true {
      skipSpace()
      guard p < bytes.count else { throw failure("the text ends where a value was expected") }
      var completed: JSONNode
      switch bytes[p] {
      case 0x5B:  // [
        let start = p
        try open()
        if p < bytes.count, bytes[p] == 0x5D {
          p += 1
          completed = .array([])
        } else {
          stack.append(Frame(isObject: false, start: start))
          continue
        }
      case 0x7B:  // {
        let start = p
        try open()
        if p < bytes.count, bytes[p] == 0x7D {
          p += 1
          completed = .object([:])
        } else {
          stack.append(Frame(isObject: true, start: start))
          try memberKey(trailingCommaPossible: false)
          continue
        }
      default:
        completed = try scalar()
      }
      // Attach the completed value to its container, closing every container that ends here.
      while let top = stack.indices.last {
        skipSpace()
        if !stack[top].isObject {
          stack[top].count += 1
          if keepsValues { stack[top].elements.append(completed) }
          guard p < bytes.count else { throw failure("the text ends inside an array; expected ',' or ']'") }
          if bytes[p] == 0x2C {
            p += 1
            skipSpace()
            if p < bytes.count, bytes[p] == 0x5D { throw failure("a comma before ']' (trailing commas are not JSON)") }
          } else if bytes[p] == 0x5D {
            p += 1
            let frame = stack.removeLast()
            completed = keepsValues ? .array(frame.elements) : .null
            continue
          } else {
            throw failure("expected ',' or ']' after an array element, found \(found())")
          }
        } else {
          let key = stack[top].key
          stack[top].members[key] = keepsValues ? completed : .null
          guard p < bytes.count else { throw failure("the text ends inside an object; expected ',' or '}'") }
          if bytes[p] == 0x2C {
            p += 1
            skipSpace()
            try memberKey(trailingCommaPossible: true)
          } else if bytes[p] == 0x7D {
            p += 1
            let frame = stack.removeLast()
            completed = keepsValues ? .object(frame.members) : .null
            continue
          } else {
            throw failure("expected ',' or '}' after an object member, found \(found())")
          }
        }
        break
      }
      if stack.isEmpty { return completed }
    }
  }

  /// `"key" :` of the object on top of the stack: records the key there, refusing a repeated one.
  mutating func memberKey(trailingCommaPossible: Bool) throws(RawJSONError) {
    guard let top = stack.indices.last else { return }
    guard p < bytes.count, bytes[p] == 0x22 else {
      throw failure(
        trailingCommaPossible && p < bytes.count && bytes[p] == 0x7D
          ? "a comma before '}' (trailing commas are not JSON)" : "expected a key in double quotes, found \(found())",
        containerOnly: true)
    }
    let keyOffset = p
    let key: String
    do { key = try string() } catch {
      var error = error
      error.path = path(containerOnly: true)
      throw error
    }
    stack[top].key = key
    if stack[top].members[key] != nil { throw repeatedKey(key, at: keyOffset, inObjectAt: stack[top].start) }
    skipSpace()
    guard p < bytes.count, bytes[p] == 0x3A else {
      throw failure("expected ':' after the key \(quotedForMessage(key.prefix(200))), found \(found())")
    }
    p += 1
  }

  /// The failure for a key read a second time in one object: finds the first copy by reading the
  /// object again from its start (only on this failure, so reading keeps no offsets per key).
  func repeatedKey(_ key: String, at second: Int, inObjectAt start: Int) -> RawJSONError {
    var scan = JSONParser(bytes: bytes, maximumDepth: Int.max, keepsValues: false)
    scan.p = start + 1
    var first = second
    // The object parsed well up to the second copy, so this walk cannot fail before reaching it.
    while scan.p < second {
      scan.skipSpace()
      let at = scan.p
      guard let name = try? scan.string() else { break }
      if name == key {
        first = at
        break
      }
      scan.skipSpace()
      scan.p += 1  // ':'
      guard (try? scan.valueTree()) != nil else { break }
      scan.skipSpace()
      scan.p += 1  // ','
    }
    return RawJSONError(
      kind: .duplicateKey, offset: second,
      why:
        "the key \(quotedForMessage(key.prefix(200))) appears twice in one object, at \(location(first)) and \(location(second)) (both \(path())); JSON readers disagree on which copy wins, so remove one",
      path: path(containerOnly: true))
  }

  // MARK: Scalars

  mutating func scalar() throws(RawJSONError) -> JSONNode {
    switch bytes[p] {
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
      throw failure("expected a value (object, array, string, number, true, false or null), found \(found())")
    }
  }

  mutating func literal(_ word: StaticString) throws(RawJSONError) {
    let start = p
    let n = word.utf8CodeUnitCount
    guard bytes.count - p >= n else { throw failure("expected '\(word)'", at: start) }
    for i in 0..<n where bytes[p + i] != word.utf8Start[i] { throw failure("expected '\(word)'", at: start) }
    p += n
  }

  func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

  mutating func number() throws(RawJSONError) -> Double {
    let start = p
    if bytes[p] == 0x2D { p += 1 }
    guard isDigit(p) else { throw failure("expected a digit in a number") }
    if bytes[p] == 0x30 {
      p += 1
      if isDigit(p) { throw failure("a number cannot have a leading zero", at: start) }
    } else {
      while isDigit(p) { p += 1 }
    }
    if p < bytes.count, bytes[p] == 0x2E {
      p += 1
      guard isDigit(p) else { throw failure("expected digits after the decimal point") }
      while isDigit(p) { p += 1 }
    }
    if p < bytes.count, bytes[p] == 0x65 || bytes[p] == 0x45 {
      p += 1
      if p < bytes.count, bytes[p] == 0x2B || bytes[p] == 0x2D { p += 1 }
      guard isDigit(p) else { throw failure("expected digits in the exponent") }
      while isDigit(p) { p += 1 }
    }
    // Bounded work per number: `Double(_:)` on a megabyte of digits is not a number anyone wrote.
    guard p - start <= 400 else { throw failure("a number is longer than 400 characters", at: start) }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw failure(
        "the number \(text.count > 40 ? String(text.prefix(37)) + "..." : text) is too large to represent", at: start)
    }
    return value
  }

  func hex4(_ at: Int) throws(RawJSONError) -> UInt32 {
    guard bytes.count - at >= 4 else { throw failure("expected four hex digits after \\u", at: at) }
    var v: UInt32 = 0
    for i in 0..<4 {
      let c = bytes[at + i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: throw failure("expected four hex digits after \\u", at: at + i)
      }
      v = v << 4 | d
    }
    return v
  }

  /// A string: runs of plain bytes are copied whole; escapes go through `scratch`. The bytes are
  /// validated as UTF-8 once, at the closing quote.
  mutating func string() throws(RawJSONError) -> String {
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
      guard p < bytes.count else { throw failure("a string is not closed before the end of the text", at: open) }
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
          throw failure("the string is not valid UTF-8", at: firstInvalidUTF8(from: open + 1, to: p))
        }
        p += 1
        return result
      }
      if c < 0x20 {
        throw failure(
          "a control character (byte 0x\(String(c, radix: 16, uppercase: true))) inside a string must be escaped")
      }
      // A backslash escape.
      escaped = true
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<p]))
      guard p + 1 < bytes.count else { throw failure("a string is not closed before the end of the text", at: open) }
      let e = bytes[p + 1]
      switch e {
      case 0x22: scratch.append(0x22)
      case 0x5C: scratch.append(0x5C)
      case 0x2F: scratch.append(0x2F)
      case 0x62: scratch.append(0x08)
      case 0x66: scratch.append(0x0C)
      case 0x6E: scratch.append(0x0A)
      case 0x72: scratch.append(0x0D)
      case 0x74: scratch.append(0x09)
      case 0x75:
        var scalar = try hex4(p + 2)
        var length = 6
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // A high surrogate must be followed by an escaped low one.
          guard bytes.count - p >= 12, bytes[p + 6] == 0x5C, bytes[p + 7] == 0x75 else {
            throw failure("an unpaired surrogate escape in a string")
          }
          let low = try hex4(p + 8)
          guard low >= 0xDC00 && low < 0xE000 else { throw failure("an unpaired surrogate escape in a string") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          length = 12
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          throw failure("an unpaired surrogate escape in a string")
        }
        guard let u = Unicode.Scalar(scalar) else { throw failure("an invalid \\u escape") }
        scratch.append(contentsOf: UTF8.encode(u).map { Array($0) } ?? [])
        p += length
        runStart = p
        continue
      default:
        let shown = e >= 0x21 && e < 0x7F ? String(Character(Unicode.Scalar(e))) : "byte 0x" + String(e, radix: 16)
        throw failure(
          "an invalid escape '\\\(shown)' in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
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
      if String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self) == nil { return i }
      i += n
    }
    return from
  }
}
