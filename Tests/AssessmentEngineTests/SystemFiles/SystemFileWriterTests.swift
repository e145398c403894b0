import Foundation
import Testing

@testable import AssessmentEngine

/// The writer, read back by the package's own reader (ReadStat and R haven were checked by hand:
/// see Fixtures/spss/PROVENANCE.md and the closing note).
@Suite("SPSS system file writer")
struct SystemFileWriterTests {
  @Test func roundTripThroughTheReader() throws {
    var w = try SystemFileWriter(variables: [
      .string("Inisial klien", width: 16), .numeric("Arah_sum", label: "Arah (jumlah)"),
      .numeric("Arah_mean", label: "Arah (rerata)"), .numeric("Arah_missing", decimals: 0),
    ])
    #expect(w.variables.map(\.name) == ["Inisial_klien", "Arah_sum", "Arah_mean", "Arah_missing"])
    let rows: [[SystemFileValue?]] = [
      [.text("K-0001"), .number(11), .number(3.6666666666666665), .number(1)],
      [.text("Ãrïë 12345"), nil, nil, .number(4)],
      [.text(""), .number(-250.5), .number(1e300), .number(0)],
      [.text("abcdefghijkl"), .number(151), .number(-99), .number(152)],
    ]
    for r in rows { try w.append(r) }
    let (d, cases) = try SystemFileReader.read(w.encoded())
    #expect(d.compression == .bytecode && d.caseCount == 4 && d.encoding == "UTF-8")
    #expect(d.variables.map(\.name) == ["Inisial_klien", "Arah_sum", "Arah_mean", "Arah_missing"])
    #expect(d.variables[0].label == "Inisial klien" && d.variables[1].label == "Arah (jumlah)")
    #expect(cases[0] == rows[0])
    #expect(cases[1] == rows[1])
    #expect(
      cases[2]
        == [nil, .number(-250.5), .number(1e300), .number(0)].enumerated().map {
          $0.offset == 0 ? .text("") : $0.element
        })
    #expect(cases[3] == rows[3])
  }

  @Test func typedErrors() throws {
    #expect(throws: SystemFileWriterError.noVariables) { try SystemFileWriter(variables: []) }
    #expect(throws: SystemFileWriterError.stringTooWide(name: "x", width: 300)) {
      try SystemFileWriter(variables: [.string("x", width: 300)])
    }
    var w = try SystemFileWriter(variables: [.string("id", width: 3)])
    #expect(throws: SystemFileWriterError.textTooLong(name: "id", width: 3, length: 4)) {
      try w.append([.text("abcd")])
    }
    #expect(throws: SystemFileWriterError.rowLength(expected: 1, found: 2)) { try w.append([nil, nil]) }
  }

  @Test func spssNames() {
    #expect(SystemFileWriter.spssName("Inisial klien") == "Inisial_klien")
    #expect(SystemFileWriter.spssName("1st") == "v1st")
    #expect(SystemFileWriter.spssName("") == "v")
  }
}
