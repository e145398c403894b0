import Foundation
import Testing
import _SDKSupport

@testable import AssessmentEngine

/// Regression tests for the library defects of issue 12 (line ends, the quadratic quoted path, traps
/// on wide scales, JSON), each named after the defect.
@Suite("Bad input in the library")
struct LineEndingAndScaleRegressionTests {
  let scale = ResponseScale(min: 1, max: 5)

  func read(_ bytes: [UInt8], columns: [String] = ["a", "b"], id: String? = "id", fast: Bool = true, chunk: Int? = nil)
    throws -> ResponseBatch
  {
    var parser = ResponseCSVParser(columns: columns, scale: scale, options: .init(idColumn: id))
    parser.fastPathEnabled = fast
    var batch = ResponseBatch(columns: columns, scale: scale)
    guard let chunk else {
      try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch) }
      return batch
    }
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + chunk)
      try bytes[start..<end].withUnsafeBufferPointer { (b) throws(InputIssue) in
        try parser.consume(b, isFinal: false, into: &batch)
      }
      start = end
    }
    try [UInt8]().withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch)
    }
    return batch
  }

  /// The same table with LF, CR LF, CR-only and LF CR line ends, quoted and not, with a BOM and
  /// without, whole and in chunks of 1…9 bytes, by the fast path and by the tokenizer alone: one
  /// result (rows, ids, line numbers, issues).
  @Test func everyLineEndingReadsTheSameWhateverTheChunking() throws {
    let lines = ["id,a,b", "\"x,1\",1,2", "y,3,4", "", "\"z\",9,1", "w,2,", "\"two\nlines\",5,5"]
    let reference = try read(Array((lines.joined(separator: "\n") + "\n").utf8))
    #expect(reference.ids == ["x,1", "y", "w", "two\nlines"])
    #expect(reference.lines == [2, 3, 6, 7])
    #expect(reference.issues.map(\.line) == [5])
    for ending in ["\n", "\r\n", "\r", "\n\r"] {
      for bom in [false, true] {
        var text = lines.map { $0.replacingOccurrences(of: "\n", with: ending) }.joined(separator: ending) + ending
        if bom { text = "\u{FEFF}" + text }
        let bytes = Array(text.utf8)
        for fast in [true, false] {
          for chunk in [nil, 1, 2, 3, 5, 9] as [Int?] {
            let batch = try read(bytes, fast: fast, chunk: chunk)
            let label = "ending \(Array(ending.utf8)), BOM \(bom), fast \(fast), chunk \(String(describing: chunk))"
            #expect(batch.ids == reference.ids.map { $0.replacingOccurrences(of: "\n", with: ending) }, "\(label)")
            #expect(batch.matrix.codes == reference.matrix.codes, "\(label)")
            #expect(batch.lines == reference.lines, "\(label)")
            #expect(batch.issues.map(\.line) == [5], "\(label)")
            #expect(batch.rowsRead == 5 && batch.rowsRejected == 1, "\(label)")
          }
        }
      }
    }
  }

  @Test func loneCRAtTheStartOfARecordBeforeAQuoteDoesNotHang() throws {
    let batch = try read(Array("a,b\n\r\"1\",2\n".utf8), id: nil)
    #expect(batch.matrix.row(0) == [1, 2])
    #expect(batch.lines == [2])
  }

  @Test func lfcrIdsDoNotGainACarriageReturn() throws {
    let batch = try read(Array("id,a,b\n\rx,1,2\n\ry,3,4\n\r".utf8))
    #expect(batch.ids == ["x", "y"])
    #expect(batch.lines == [2, 3])
  }

  /// The fast path used to reserve room for every remaining row each time it was re-entered after a
  /// quoted record: quadratic. Counted, not timed: the rows reserved stay within a constant factor
  /// of the rows read plus a constant per quoted record, and doubling the input doubles the work.
  @Test func quotedRecordsKeepReadingLinear() throws {
    func reserved(rows: Int) throws -> (reserved: Int, quoted: Int) {
      var text = "id,a,b\n"
      var quoted = 0
      for i in 0..<rows {
        if i % 200 == 0 {
          text += "\"q\(i)\",1,2\n"
          quoted += 1
        } else {
          text += "r\(i),3,4\n"
        }
      }
      var parser = ResponseCSVParser(columns: ["a", "b"], scale: scale, options: .init(idColumn: "id"))
      var batch = ResponseBatch(columns: ["a", "b"], scale: scale)
      try Array(text.utf8).withUnsafeBufferPointer { (b) throws(InputIssue) in
        try parser.consume(b, isFinal: true, into: &batch)
      }
      #expect(batch.matrix.rowCount == rows)
      return (parser.reservedRows, quoted)
    }
    let small = try reserved(rows: 20_000)
    let large = try reserved(rows: 40_000)
    #expect(large.reserved <= 2 * 40_000 + 1024 * (large.quoted + 2))
    #expect(Double(large.reserved) / Double(small.reserved) < 2.5)
  }

  /// A CR anywhere in a chunk (here a CR LF header) used to make the fast path search the rest of
  /// the chunk for a CR once per record: quadratic, and 15× slower on a million rows read in
  /// parallel. Counted: the bytes searched stay within a small multiple of the bytes read.
  @Test func aCarriageReturnInTheChunkKeepsTheFastPathLinear() throws {
    func scanned(rows: Int, header: String) throws -> Int {
      var text = header
      for i in 0..<rows { text += "r\(i),\(1 + i % 5),\(1 + i % 3)\n" }
      var parser = ResponseCSVParser(columns: ["a", "b"], scale: scale, options: .init(idColumn: "id"))
      var batch = ResponseBatch(columns: ["a", "b"], scale: scale)
      let bytes = Array(text.utf8)
      try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch) }
      #expect(batch.matrix.rowCount == rows)
      #expect(parser.scannedBytes <= 6 * bytes.count)
      return parser.scannedBytes
    }
    for header in ["id,a,b\r\n", "id,a,b\n", "id,a,b\n\r"] {
      let small = try scanned(rows: 5_000, header: header)
      let large = try scanned(rows: 10_000, header: header)
      #expect(Double(large) / Double(small) < 2.5, "header \(Array(header.utf8))")
    }
  }

  @Test func parserWithMinAboveMaxThrowsInsteadOfTrapping() {
    for scale in [
      ResponseScale(min: 5, max: 1), ResponseScale(min: 1, max: 1000), ResponseScale(min: 0, max: 1 << 40),
      ResponseScale(min: -1, max: Int.max),
    ] {
      #expect(throws: InputIssue(line: 1, column: 1, kind: .invalidScale(min: scale.min, max: scale.max))) {
        try ResponseCSVParser.read(Array("a\n1\n".utf8), columns: ["a"], scale: scale)
      }
    }
  }

  @Test func messagesNameTheLineEndOrByteOrderMarkWhenTheyAreTheCause() {
    // A stray CR cuts an LF file's header short.
    do {
      _ = try ResponseCSVParser.read(Array("id,a\r,b\n1,2,3\n".utf8), columns: ["a", "b"], scale: scale)
      Issue.record("no error")
    } catch {
      #expect(error.description.contains("carriage return (CR)"))
    }
    // Found by libFuzzer: the message must not depend on the chunking (it once looked ahead for an LF).
    let found = Array(
      ",1\",[1Optional,2\r\u{2}\"y \"\"q\"\"id,a,b\r\n\"x,1\",,1\",[1Optional,2\r\n\"y \"\"q\"\"id,a,b\r\n\"x,1\",\u{C}\u{C}\n"
        .utf8)
    #expect(found.count == 83)
    let whole = fuzzHarnessRead(found, chunk: nil)
    let chunked = fuzzHarnessRead(found, chunk: 31)
    #expect(whole == chunked && whole.contains("carriage return (CR)"))
    // A byte-order mark inside the header (two files joined) is named and shown.
    do {
      _ = try ResponseCSVParser.read(Array("x\u{FEFF}a,b\n1,2\n".utf8), columns: ["a", "b"], scale: scale)
      Issue.record("no error")
    } catch {
      #expect(error.description.contains("byte-order mark (U+FEFF) sits inside the header"))
    }
    // UTF-16 is named as such.
    #expect(throws: InputIssue(line: 1, column: 1, kind: .notUTF8("UTF-16 (byte-order mark FF FE)"))) {
      try ResponseCSVParser.read([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], columns: ["a"], scale: scale)
    }
  }

  /// The error text of a read of `bytes` (columns a, b, id column `id`), whole or in chunks.
  func fuzzHarnessRead(_ bytes: [UInt8], chunk: Int?) -> String {
    do {
      let batch = try read(bytes, chunk: chunk)
      return "\(batch.matrix.codes) \(batch.ids) \(batch.issues)"
    } catch {
      return "\(error)"
    }
  }

  @Test func matrixWithAScaleTooWideForTheLayoutThrowsInsteadOfTrapping() {
    var matrix = ResponseMatrix(columns: ["a"], scale: ResponseScale(min: 1, max: 1000))
    #expect(throws: ResponseMatrixError.self) { try matrix.append([700]) }
    #expect(throws: ResponseMatrixError.self) {
      try ResponseMatrix(columns: ["a"], scale: ResponseScale(min: 0, max: 1 << 40), codes: [1])
    }
    #expect(throws: ResponseMatrixError.self) {
      try ResponseMatrix(columns: ["a"], scale: ResponseScale(min: Int.max - 1, max: Int.max), codes: [2])
    }
    #expect(
      (try? ResponseMatrix(columns: ["a"], scale: ResponseScale(min: 999_999, max: 1_000_000), codes: [2]))?.value(
        row: 0, column: 0) == 1_000_000)
  }

  @Test func quickDefinitionWithIntMaxIsATypedError() throws {
    let keys = [try QuickKey(parsing: "X=a,b")]
    #expect(throws: InstrumentDefinitionError.self) { try InstrumentDefinition.quick(keys, min: -1, max: Int.max) }
    #expect(throws: InstrumentDefinitionError.self) { try InstrumentDefinition.quick(keys, min: Int.min, max: Int.max) }
  }

  /// 20,000 items in one quick key: used to be quadratic (`items.contains`).
  @Test func quickKeyWithManyItemsIsLinear() throws {
    let key = try QuickKey(parsing: "X=" + (0..<20_000).map { "i\($0)" }.joined(separator: ","))
    #expect(key.scale.items.count == 20_000)
    #expect(throws: QuickKeyError.self) { try QuickKey(parsing: "X=a,b,a") }
  }

  @Test func jsonErrorsHaveLineAndColumnAndRepeatedKeysAreRefused() {
    #expect(
      throws: JSONIssue(
        path: "$", kind: .malformedJSON("line 2, column 3: expected ',' or '}' after an object member, found '\"'"))
    ) {
      try JSONValue.parse(Data("{\"a\": 1\n  \"b\" \"c\"}".utf8))
    }
    do {
      _ = try JSONValue.parse(Data("{\"o\": {\"k\": 1,\n \"k\": 2}}".utf8))
      Issue.record("a repeated key was accepted")
    } catch {
      #expect(error.path == "$.o")
      #expect(
        error.description.contains(
          "the key 'k' appears twice in one object, at line 1, column 8 and line 2, column 2 (both $.o.k)"))
    }
    #expect(throws: JSONIssue.self) { try JSONValue.parse(Data((String(repeating: "[", count: 10_000)).utf8)) }
    #expect(
      throws: JSONIssue(path: "$", kind: .malformedJSON("line 1, column 1: the number 1e999 is too large to represent"))
    ) {
      try JSONValue.parse(Data("1e999".utf8))
    }
    #expect(
      (try? JSONValue.parse(Data("\u{FEFF}{\"a\": [1, -2.5e3, \"\\u00e9\\ud83d\\ude00\", true, null]}".utf8)))
        == .object(["a": .array([.number(1), .number(-2500), .string("é😀"), .bool(true), .null])]))
  }

  @Test func controlCharactersAreWrittenOutInMessages() {
    #expect(quotedForMessage("a\u{1B}[2Jb\r\n\u{FEFF}") == "'a\\e[2Jb\\r\\n\\u{FEFF}'")
    let issue = InputIssue(line: 2, column: 1, field: 1, columnName: "a\u{7}", value: "\u{1B}]0;x", kind: .notAnInteger)
    #expect(
      issue.description
        == "column 'a\\u{7}': the value '\\e]0;x' is not a whole number or a missing-value token. The row is rejected.")
  }
}
