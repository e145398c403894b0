import AssessmentEngine
import Testing
import _AssessmentTestSupport

/// The response reader: RFC 4180 input, located errors, every good row kept.
@Suite("Response CSV reader")
struct ResponseCSVParserTests {
  let scale = ResponseScale(min: 1, max: 5)
  let columns = ["a", "b", "c"]

  func read(_ text: String, options: ResponseCSVOptions = .init()) throws -> ResponseBatch {
    try ResponseCSVParser.read(Array(text.utf8), columns: columns, scale: scale, options: options)
  }

  @Test func quotesCRLFAndBOM() throws {
    let text = "\u{FEFF}id,\"a\",b,c\r\n\"R,1\",1,\"2\",3\r\n\"R \"\"2\"\"\",4,5,\r\n"
    let batch = try read(text, options: .init(idColumn: "id"))
    #expect(batch.ids == ["R,1", "R \"2\""])
    #expect(batch.matrix.row(0) == [1, 2, 3])
    #expect(batch.matrix.row(1) == [4, 5, nil])
    #expect(batch.lines == [2, 3])
    #expect(batch.issues.isEmpty && batch.rowsRead == 2)
  }

  @Test func columnsMatchedByHeaderNameAndExtraColumnsIgnored() throws {
    let batch = try read("c,x,a,b\n3,zzz,1,2\n")
    #expect(batch.matrix.row(0) == [1, 2, 3])
  }

  @Test func missingTokensBlankLinesAndSpaces() throws {
    let batch = try read("a,b,c\n\nNA, 2 ,.\n\n", options: .init(missingTokens: ["NA", "."]))
    #expect(batch.matrix.row(0) == [nil, 2, nil])
    #expect(batch.rowsRead == 1)
  }

  @Test func quotedFieldAcrossLinesAdvancesLineNumbers() throws {
    let batch = try read("id,a,b,c\n\"two\nlines\",1,1,1\nx,9,1,1\n", options: .init(idColumn: "id"))
    #expect(batch.ids == ["two\nlines"])
    #expect(batch.issues.first?.line == 4)
  }

  @Test func wrongFieldCount() throws {
    let batch = try read("a,b,c\n1,2,3\n1,2\n4,4,4\n")
    #expect(batch.issues == [InputIssue(line: 3, column: 1, kind: .wrongFieldCount(expected: 3, found: 2))])
    #expect(batch.rowsRead == 3 && batch.rowsRejected == 1 && batch.matrix.rowCount == 2)
  }

  @Test func nonNumericValue() throws {
    let batch = try read("a,b,c\n1,2,3\n1,x2,3\n")
    #expect(
      batch.issues == [InputIssue(line: 3, column: 3, field: 2, columnName: "b", value: "x2", kind: .notAnInteger)])
    #expect(batch.matrix.rowCount == 1)
  }

  @Test func outOfRangeRejectsOrCountsAsMissing() throws {
    let text = "a,b,c\n1,2,3\n1,2,6\n"
    let issue = InputIssue(
      line: 3, column: 5, field: 3, columnName: "c", value: "6", kind: .outOfRange(min: 1, max: 5, excluded: []))
    let rejected = try read(text)
    #expect(rejected.issues == [issue] && rejected.rowsRejected == 1 && rejected.matrix.rowCount == 1)
    let kept = try read(text, options: .init(outOfRange: .missing))
    #expect(kept.issues == [issue] && kept.rowsRejected == 0 && kept.matrix.row(1) == [1, 2, nil])
  }

  @Test func wholeNumbersWithDecimalZerosAndSigns() throws {
    let signed = try ResponseCSVParser.read(
      Array("a\n-3\n+2\n2.0\n0\n".utf8), columns: ["a"], scale: ResponseScale(min: -3, max: 3, excluded: [0]))
    #expect(signed.matrix.rowCount == 3)
    #expect(signed.issues.map(\.kind) == [.outOfRange(min: -3, max: 3, excluded: [0])])
    let fraction = try read("a,b,c\n1,2.5,3\n")
    #expect(fraction.issues.map(\.kind) == [.notAnInteger])
  }

  @Test func unterminatedQuote() throws {
    let batch = try read("a,b,c\n1,2,3\n1,\"2,3\n")
    #expect(batch.issues.map(\.kind) == [.unterminatedQuote])
    #expect(batch.issues.first?.line == 3 && batch.matrix.rowCount == 1)
  }

  @Test func headerProblemsAreFatal() {
    #expect(throws: InputIssue(line: 1, column: 1, kind: .missingColumns(["c"], suggestions: ["c": "cc"]))) {
      try read("a,b,cc\n1,2,3\n")
    }
    #expect(throws: InputIssue(line: 1, column: 5, field: 3, columnName: "a", kind: .duplicateColumn("a"))) {
      try read("a,b,a,c\n")
    }
    #expect(throws: InputIssue(line: 1, column: 1, kind: .emptyFile)) { try read("") }
    #expect(throws: InputIssue(line: 1, column: 1, kind: .missingIDColumn("id"))) {
      try read("a,b,c\n", options: .init(idColumn: "id"))
    }
  }

  @Test func rowsReadAddUp() throws {
    let batch = try read("a,b,c\n1,2,3\nx,1,1\n1,1\n5,5,5\n9,1,1\n")
    #expect(batch.rowsRead == 5)
    #expect(batch.matrix.rowCount + batch.rowsRejected == batch.rowsRead)
  }

  /// Feeding the file in chunks of every size gives the same result as one piece.
  @Test(arguments: [1, 2, 3, 5, 7, 64])
  func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
    let text = "\u{FEFF}id,a,b,c\r\n\"x,\"\"1\",1,2,3\r\n\ny,NA,9,1\r\nz,1,\"2\",3\r\nw,1,2\n"
    let whole = try read(text, options: .init(idColumn: "id"))
    var parser = ResponseCSVParser(columns: columns, scale: scale, options: .init(idColumn: "id"))
    var batch = ResponseBatch(columns: columns, scale: scale)
    let bytes = Array(text.utf8)
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + chunkSize)
      try bytes[start..<end].withUnsafeBufferPointer { try parser.consume($0, isFinal: false, into: &batch) }
      start = end
    }
    try [UInt8]().withUnsafeBufferPointer { try parser.consume($0, isFinal: true, into: &batch) }
    #expect(batch.matrix == whole.matrix)
    #expect(batch.ids == whole.ids)
    #expect(batch.lines == whole.lines)
    #expect(batch.issues == whole.issues)
    #expect(whole.matrix.rowCount == 2 && whole.issues.count == 2)
  }

  @Test func messagesNameLineColumnAndValue() {
    let issue = InputIssue(
      line: 12, column: 7, field: 4, columnName: "item4", value: "8", kind: .outOfRange(min: 1, max: 7, excluded: []))
    #expect(
      issue.rendered(file: "wai.csv")
        == "wai.csv:12:7: error: column 'item4': the value '8' is outside the response scale; please provide one of 1 to 7."
    )
  }

  /// A chunk large enough for the parallel reader (≥ 512 KiB, no quotes) gives exactly what the
  /// sequential reader gives on small chunks: rows, ids, line numbers and issues.
  @Test func parallelReadingOfLargeChunksEqualsSequentialReading() throws {
    var g = SplitMix64(seed: 7)
    var text = "id,a,b,c\r\n"
    for r in 0..<60_000 {
      switch g.next() % 50 {
      case 0: text += "bad\(r),1,2\r\n"
      case 1: text += "x\(r),1,9,2\r\n"
      case 2: text += "\r\n"
      default:
        text += "r\(r),\(1 + g.next() % 5),\(g.next() % 3 == 0 ? "" : String(1 + g.next() % 5)),\(1 + g.next() % 5)\r\n"
      }
    }
    let bytes = Array(text.utf8)
    #expect(bytes.count > 1 << 19)
    let options = ResponseCSVOptions(idColumn: "id")
    let whole = try ResponseCSVParser.read(bytes, columns: columns, scale: scale, options: options)
    var parser = ResponseCSVParser(columns: columns, scale: scale, options: options)
    var batch = ResponseBatch(columns: columns, scale: scale)
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + 65_536)
      try bytes[start..<end].withUnsafeBufferPointer {
        try parser.consume($0, isFinal: end == bytes.count, into: &batch)
      }
      start = end
    }
    #expect(batch.matrix == whole.matrix)
    #expect(batch.ids == whole.ids)
    #expect(batch.lines == whole.lines)
    #expect(batch.issues == whole.issues)
    #expect(batch.rowsRead == whole.rowsRead && batch.rowsRejected == whole.rowsRejected)
    #expect(whole.rowsRejected > 0 && whole.matrix.rowCount > 50_000)
  }
}
