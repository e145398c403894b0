import Foundation
import Testing

@testable import AssessmentEngine

/// Labels in cells, column maps, `#N` columns and delimiter detection on the CSV path.
@Suite("Labels, column maps and dialects")
struct LabelsAndMappingTests {
  let scale = ResponseScale(
    min: 1, max: 5,
    anchors: [
      .init(value: 1, label: .init(id: "Sangat tidak setuju", en: "Strongly disagree")),
      .init(value: 5, label: .init(id: "Sangat setuju", en: "Strongly agree")),
      .init(value: 3, label: .init(id: "Kadang-kadang", en: "Sometimes")),
    ])

  @Test func normalisationIgnoresCaseWidthDiacriticsAndSpaces() throws {
    let labels = try ResponseLabels(scale: scale)
    for text in [
      "sangat setuju", "  SANGAT   setuju ", "Sángat Setujú", "Ｓａｎｇａｔ ｓｅｔｕｊｕ", "Sangat\u{00A0}setuju", "STRONGLY AGREE",
    ] {
      #expect(labels.value(of: text) == 5, "\(text)")
    }
    #expect(labels.value(of: "Kadang\u{2011}kadang") == 3)
    #expect(labels.value(of: "setuju") == nil)
  }

  @Test func ambiguousLabelsAreRejected() throws {
    let bad = ResponseScale(
      min: 1, max: 5,
      anchors: [
        .init(value: 1, label: .init(id: "Jarang", en: "Rarely")),
        .init(value: 2, label: .init(id: "JARÁNG", en: "Seldom")),
      ])
    #expect(throws: ResponseLabelError.self) { try ResponseLabels(scale: bad) }
    let issues = bad.validationIssues(path: "$.responseScale")
    #expect(issues.contains { $0.path == "$.responseScale.anchors[1].label" })
    #expect(throws: ResponseLabelError.notOnScale(text: "x", value: 9)) {
      try ResponseLabels(scale: scale, extra: [("x", 9)])
    }
    // A synonym for the same value is fine; one for another value is ambiguous.
    #expect(throws: Never.self) { try ResponseLabels(scale: scale, extra: [("SS", 5), ("sangat setuju", 5)]) }
    #expect(throws: ResponseLabelError.self) { try ResponseLabels(scale: scale, extra: [("Sangat setuju", 4)]) }
  }

  @Test func unknownLabelNamesLineColumnTextAndAllowedLabels() throws {
    let labels = try ResponseLabels(scale: scale)
    let csv = "id;a;b\nK1;Sangat setuju;1\nK2;\"sangat  SETUJU\";Agak\n"
    let batch = try ResponseTableReader.read(
      Array(csv.utf8), columns: ["a", "b"], scale: scale, options: .init(idColumn: "#1", labels: labels))
    #expect(batch.ids == ["K1"] && batch.matrix.row(0) == [5, 1])
    let issue = try #require(batch.issues.first)
    #expect(issue.line == 3 && issue.column == 21 && issue.value == "Agak")
    #expect(
      issue.kind
        == .unknownLabel(allowed: [
          "Sangat tidak setuju", "Strongly disagree", "Sangat setuju", "Strongly agree", "Kadang-kadang", "Sometimes",
        ]))
    #expect(
      issue.rendered(file: "f.csv").hasPrefix(
        "f.csv:3:21: error: column 'b': 'Agak' is not a number on the scale or one of the labels 'Sangat tidak setuju'")
    )
  }

  @Test func columnMapByTextAndPositionAndItsErrors() throws {
    let csv = "\"Q, one; \"\"A\"\"\",x,Q2\n4,9,2\n"
    let map: [String: ColumnReference] = ["a": .name("Q, one; \"A\""), "b": .position(3)]
    let batch = try ResponseTableReader.read(
      Array(csv.utf8), columns: ["a", "b"], scale: scale, options: .init(columnMap: map))
    #expect(batch.matrix.row(0) == [4, 2])
    #expect(throws: InputIssue(line: 1, column: 1, kind: .mappedColumnMissing(item: "a", column: "nope"))) {
      try ResponseTableReader.read(
        Array(csv.utf8), columns: ["a"], scale: scale, options: .init(columnMap: ["a": .name("nope")]))
    }
    let twice = "Q,Q\n1,2\n"
    #expect(throws: InputIssue.self) {
      try ResponseTableReader.read(
        Array(twice.utf8), columns: ["a"], scale: scale, options: .init(columnMap: ["a": .name("Q")]))
    }
    #expect(throws: InputIssue.self) {
      try ResponseTableReader.read(
        Array(csv.utf8), columns: ["a", "b"], scale: scale,
        options: .init(columnMap: ["a": .position(3), "b": .position(3)]))
    }
  }

  @Test func mapFileIsRFC4180() throws {
    let text = "item,column\r\nq1,\"1. A; \"\"B\"\", C\"\nq2,#4\n"
    let map = try ColumnMapFile.parse(Array(text.utf8))
    #expect(map == ["q1": .name("1. A; \"B\", C"), "q2": .position(4)])
    #expect(throws: InputIssue.self) { try ColumnMapFile.parse(Array("item,column\nq1,a\nq1,b\n".utf8)) }
    #expect(throws: InputIssue.self) { try ColumnMapFile.parse(Array("item,col\nq1,a\n".utf8)) }
  }

  @Test func delimiterDetectionOutsideQuotes() {
    func detect(_ s: String) -> UInt8? { Array(s.utf8).withUnsafeBufferPointer { CSVDialect.detectDelimiter(in: $0) } }
    #expect(detect("a;b;c\n1,5;2;3\n") == UInt8(ascii: ";"))
    #expect(detect("\"a,b,c,d\";x;y\n") == UInt8(ascii: ";"))
    #expect(detect("a\tb\tc\r\n") == 0x09)
    #expect(detect("a|b|c\n") == UInt8(ascii: "|"))
    #expect(detect("single\n") == UInt8(ascii: ","))
    #expect(Array("a;b".utf8).withUnsafeBufferPointer { CSVDialect.detectDelimiter(in: $0, isFinal: false) } == nil)
    #expect(CSVDialect(decimalComma: true).number(" 2,5 ") == 2.5)
    #expect(CSVDialect(decimalComma: true).number("2.5") == nil)
  }
}
