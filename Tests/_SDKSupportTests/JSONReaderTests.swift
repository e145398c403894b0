import Testing

@testable import _SDKSupport

/// The reader's tree, named as the tests have always named it.
typealias Tree = JSONNode

/// The one JSON reader: the union of what the library's file reader and the JSON-RPC reader
/// guaranteed (strict RFC 8259, located errors with line, column, byte offset and JSON path, repeated
/// keys refused naming both places, no recursion, configurable bounds).
@Suite("JSON reader")
struct JSONReaderTests {
  func read(_ text: String, _ reader: JSONReader = .documents) throws(JSONSyntaxError) -> Tree {
    try reader.parse(Array(text.utf8))
  }

  func failure(_ text: String, _ reader: JSONReader = .documents) -> JSONSyntaxError? {
    do {
      _ = try read(text, reader)
      return nil
    } catch {
      return error
    }
  }

  func failure(_ bytes: [UInt8], _ reader: JSONReader = .documents) -> JSONSyntaxError? {
    reader.check(bytes)
  }

  @Test func readsEveryKindOfValue() throws {
    let tree = try read(
      "\u{FEFF} {\"a\": [1, -2.5e3, \"\\u00e9\\ud83d\\ude00\\u2028\", true, false, null], \"b\": {}} ")
    #expect(
      tree
        == .object([
          "a": .array([.number(1), .number(-2500), .string("é😀\u{2028}"), .bool(true), .bool(false), .null]),
          "b": .object([:]),
        ]))
    #expect(try read("[]") == .array([]))
    #expect(try read("0") == .number(0))
    #expect(try read(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
  }

  @Test func errorsSayWhereWithLineColumnOffsetAndPath() {
    let e = failure("{\"a\": [1,\n  2 3]}")
    #expect(e?.kind == .syntax)
    #expect(e?.line == 2 && e?.column == 5 && e?.offset == 14)
    #expect(e?.path == "$.a[2]")
    #expect(e?.description == "line 2, column 5: expected ',' or ']' after an array element, found '3'")
    // Columns count Unicode scalars, as editors do; the offset counts bytes.
    let wide = failure("[\"é\", x]")
    #expect(wide?.column == 7 && wide?.offset == 7)
    #expect(wide?.path == "$[1]")
    #expect(failure("{\"a\": 1,}")?.why == "a comma before '}' (trailing commas are not JSON)")
    #expect(failure("[1,]")?.why == "a comma before ']' (trailing commas are not JSON)")
    #expect(failure("{")?.description == "line 1, column 2: expected a key in double quotes, found end of text")
    #expect(failure("1e999")?.description == "line 1, column 1: the number 1e999 is too large to represent")
    #expect(failure("")?.why == "the text is empty; expected a JSON value")
    #expect(failure("{\"a\": 1} x")?.why == "unexpected 'x' after the end of the JSON value")
  }

  @Test func repeatedKeysAreRefusedNamingBothPlaces() {
    let e = failure("{\"o\": {\"k\": 1,\n \"k\": 2}}")
    #expect(e?.kind == .duplicateKey)
    #expect(e?.path == "$.o")
    #expect(e?.line == 2 && e?.column == 2)
    #expect(
      e?.why
        == "the key 'k' appears twice in one object, at line 1, column 8 and line 2, column 2 (both $.o.k); JSON readers disagree on which copy wins, so remove one"
    )
    // The same key in different objects is fine.
    #expect(failure("[{\"k\": 1}, {\"k\": 2}]") == nil)
  }

  @Test func strictRFC8259() {
    let refused = [
      #"{"a":01}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":1e999}"#, #"{"a" 1}"#, #"{"a":1,}"#, "[1 2]",
      "[1,]",
      #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800x"}"#, "{\"a\":\"tab\there\"}", "tru", "nul",
      #"{"a":1} x"#, #""open"#, "{1:2}", "NaN", "'a'", "[1] // c", "+1", ".5", "[,1]", "{,}", "\u{FEFF}\u{FEFF}1",
    ]
    for text in refused {
      #expect(failure(text)?.kind == .syntax, "\(text)")
    }
    #expect(failure([0x22, 0xC3, 0x28, 0x22])?.why == "the string is not valid UTF-8")
    #expect(failure([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22])?.offset == 2)
    #expect(failure([0xFF])?.kind == .syntax)
    #expect(failure(Array(repeating: UInt8(ascii: "1"), count: 401))?.why == "a number is longer than 400 characters")
  }

  @Test func hundredThousandDeepIsRefusedWithoutRecursion() {
    let deep = Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
    let e = failure(deep)
    #expect(e?.kind == .tooDeep)
    #expect(e?.why == "nesting is deeper than 256 levels")
    #expect(e?.offset == 256)
    let objects = Array(repeating: Array(#"{"a":"#.utf8), count: 100_000).flatMap { $0 }
    #expect(failure(objects, .requests)?.why == "nesting is deeper than 128 levels")
    // A reader with a larger bound reads deep text without recursing.
    let reader = JSONReader(maximumDepth: 200_000)
    #expect(failure(deep, reader) == nil)
  }

  @Test func boundsAreConfigurable() {
    let nested = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
    #expect(failure(nested, .requests) == nil)
    #expect(failure("[" + nested + "]", .requests)?.kind == .tooDeep)
    #expect(failure("[1]", JSONReader(maximumDepth: 1)) == nil)
    #expect(failure("[[1]]", JSONReader(maximumDepth: 1))?.kind == .tooDeep)
    let small = JSONReader(maximumBytes: 4)
    #expect(failure("[1,2]", small)?.kind == .tooLong)
    #expect(failure("[1]", small) == nil)
    // A byte-order mark: skipped in files, refused in JSON-RPC requests.
    #expect(failure("\u{FEFF}1") == nil)
    #expect(failure("\u{FEFF}1", .requests)?.kind == .syntax)
  }

  @Test func checkBuildsNoTreeButFindsTheSameFailures() {
    for text in ["{\"a\": 1, \"a\": 2}", "[1, 2", "{\"a\": [true, nul]}"] {
      #expect(JSONReader.documents.check(Array(text.utf8)) == failure(text), "\(text)")
      #expect(JSONReader.documents.check(Array(text.utf8)) != nil)
    }
    #expect(JSONReader.documents.check(Array("{\"a\": [1, {\"b\": null}]}".utf8)) == nil)
  }

  /// Property: on 4,000 seeded mutations of JSON documents (bytes replaced, inserted, deleted,
  /// duplicated), the tree-free check and the full parse agree exactly: both accept, or both fail
  /// with the same kind, offset, line, column, path and sentence.
  @Test func checkAndParseAgreeOnMutatedDocuments() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let seeds = [
      #"{"a": [1, -2.5e3, "x\u00e9", true, false, null], "b": {"c": [[], {}], "d": "e"}}"#,
      #"[{"k": 1, "l": [2, 3, {"m": "n"}]}, {"k": 4}, "s\"t", 0.5, -0]"#,
      #"{"clients": [{"client": "K-01", "answers": {"ch1": 1, "ch2": "no"}}], "plan": true}"#,
    ].map { Array($0.utf8) }
    let alphabet = Array(#"{}[],:"\ 0123456789-+.eEtrufalsn"#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF]
    var accepted = 0
    for n in 0..<4000 {
      var bytes = seeds[n % seeds.count]
      for _ in 0..<(1 + Int(next() % 3)) where !bytes.isEmpty {
        let at = Int(next() % UInt64(bytes.count))
        let byte = alphabet[Int(next() % UInt64(alphabet.count))]
        switch next() % 4 {
        case 0: bytes[at] = byte
        case 1: bytes.insert(byte, at: at)
        case 2: bytes.remove(at: at)
        default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 8)], at: at)
        }
      }
      let checked = JSONReader.documents.check(bytes)
      let parsed: JSONSyntaxError?
      do {
        _ = try JSONReader.documents.parse(bytes)
        parsed = nil
      } catch {
        parsed = error
      }
      #expect(checked == parsed, "\(String(decoding: bytes, as: UTF8.self))")
      if parsed == nil { accepted += 1 }
    }
    // Both outcomes are exercised.
    #expect(accepted > 100 && accepted < 3900)
  }
}

/// The one JSON string writer: RFC 8259's escapes plus U+2028/U+2029 (for JavaScript hosts), and a
/// read-back through the reader gives the text again.
@Suite("JSON string writer")
struct JSONStringWriterTests {
  @Test func escapes() {
    #expect(
      JSONString.literal("a\"b\\c/d\u{8}\u{C}\n\r\té😀\u{2028}\u{2029}\u{1F}\u{7F}")
        == #""a\"b\\c/d\u0008\u000c\n\r\té😀\u2028\u2029\u001f"# + "\u{7F}\"")
    #expect(jsonString("") == "\"\"")
    #expect(jsonString("\u{0}") == #""\u0000""#)
    // U+2027 and U+202A share the lead bytes E2 80 and are left as they are.
    #expect(jsonString("\u{2027}\u{202A}") == "\"\u{2027}\u{202A}\"")
    // The audit log's frozen form keeps the two separators raw.
    #expect(JSONString.literal("a\u{2028}b", escapingLineSeparators: false) == "\"a\u{2028}b\"")
  }

  @Test func roundTripsThroughTheReader() throws {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [Unicode.Scalar] = [
      "a", "\"", "\\", "\n", "\u{0}", "\u{1F}", "é", "😀", "\u{2028}", "\u{2029}", "\u{E2}",
    ]
    for _ in 0..<200 {
      var text = ""
      for _ in 0..<Int.random(in: 0..<20, using: &rng) {
        text.unicodeScalars.append(alphabet.randomElement(using: &rng) ?? "a")
      }
      let literal = JSONString.literal(text)
      #expect(try JSONReader.documents.parse(Array(literal.utf8)) == .string(text))
      #expect(!literal.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0.value < 0x20 })
    }
  }
}
