import Foundation
import Testing

@testable import AssessmentEngine

/// The listing of `Documentation/FormExportsAndSPSSFiles.md`, run on the reference files; the article
/// must hold this listing verbatim (between its BEGIN/END markers).
@Suite("Documentation: form exports and SPSS files")
struct FormExportDocumentationTests {
  static let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "Documentation/FormExportsAndSPSSFiles.md")

  @Test func listingRunsOnTheReferenceExport() throws {
    let instrumentJSON = Data(try FolderFixture.bytes("reach", "inst_shared.json"))
    let mapFileBytes = try FolderFixture.bytes("reach", "map_shared.csv")
    let exportBytes = try FolderFixture.bytes("reach", "forms_shared.csv")
    // BEGIN listing
    let definition = try InstrumentDefinition(jsonData: instrumentJSON)
    let plan = ScoringPlan(definition)
    var options = ResponseCSVOptions(
      idColumn: "Inisial klien",
      columnMap: try ColumnMapFile.parse(mapFileBytes),
      labels: try ResponseLabels(scale: definition.responseScale))
    options.detectDelimiter = true

    // One reader for CSV, .sav and .zsav; feed it the file's chunks as they arrive.
    var reader = ResponseTableReader(columns: plan.columns, scale: definition.responseScale, options: options)
    var batch = ResponseBatch(columns: plan.columns, scale: definition.responseScale)
    try exportBytes.withUnsafeBufferPointer { try reader.consume($0, isFinal: true, into: &batch) }
    let table = try plan.score(batch.matrix)

    // The scores as an SPSS file.
    var writer = try SystemFileWriter(
      variables: [.string("klien", width: 16)]
        + plan.scaleIDs.flatMap {
          [.numeric("\($0)_sum"), .numeric("\($0)_mean"), .numeric("\($0)_missing", decimals: 0)]
        })
    for row in 0..<table.rowCount {
      var values: [SystemFileValue?] = [.text(batch.ids[row])]
      for s in 0..<table.scaleCount {
        let score = table[row, s]
        values += [score.sum.map { .number($0) }, score.mean.map { .number($0) }, .number(Double(score.missing))]
      }
      try writer.append(values)
    }
    let savBytes = writer.encoded()
    // END listing
    #expect(batch.issues.isEmpty && table.rowCount == 120)
    let (d, cases) = try SystemFileReader.read(savBytes)
    #expect(d.variables.count == 10 && cases.count == 120)
    #expect(cases[0][0] == .text("K-0001") && cases[0][1] == .number(11))
  }

  @Test func articleHoldsTheListing() throws {
    let article = try String(contentsOf: Self.article, encoding: .utf8)
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let begin = lines.firstIndex(where: { $0.hasSuffix("// BEGIN listing") }),
      let end = lines.firstIndex(where: { $0.hasSuffix("// END listing") })
    else {
      Issue.record("listing markers not found")
      return
    }
    let listing = lines[(begin + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }.joined(
      separator: "\n")
    #expect(article.contains("import AssessmentEngine\n\n" + listing + "\n```"))
  }
}
