import Foundation
import Testing

@testable import AssessmentEngine

/// The listing of `Documentation/StreamingResponses.md`, run on the reference data (R-checked scores
/// in `wai12_miss_scores_impute_mean.csv`); the article must hold this listing verbatim (between its
/// BEGIN/END markers).
@Suite("Documentation: streaming responses")
struct StreamingDocumentationTests {
  static let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "Documentation/StreamingResponses.md")

  @Test func listingStreamsAFileWithMeanImputation() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-doc-\(UUID().uuidString).csv")
      .path
    try Data(try Fixture.bytes("wai12_miss_1000.csv")).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let definition = try Fixture.waiKeys()
    var output = ""
    func print(_ text: String) { output += text + "\n" }
    // BEGIN listing
    // Compile once: columns, reverse keys and the policy every analysis reads.
    let instrument = CompiledInstrument(definition, policy: .itemMean)

    // Open the file once; it is read in 1 MiB chunks.
    var stream = try ResponseStream(
      opening: .file(path: path), instrument: instrument)
    defer { stream.close() }

    // Mean imputation needs every item's distribution first:
    // the stream makes that pass itself (a file is rewound,
    // standard input kept in memory), then scores.
    var totals: [Double?] = []
    let summary = try stream.score(instrument.plan) { batch, scores in
      for issue in batch.issues { print(issue.rendered(file: path)) }
      guard let scores else { return }
      for row in 0..<scores.rowCount {
        totals.append(scores[row, 3].sum)  // the Total scale
      }
    }
    print("\(summary.rowsAccepted) of \(summary.rowsRead) rows scored")

    // Reliability from the same compilation, in one more pass.
    var moments = try instrument.momentAccumulator()
    try stream.accumulateMoments(into: &moments)
    let alpha = try moments.reliability(ofScaleAt: 3).alpha
    // END listing
    #expect(output == "1000 of 1000 rows scored\n")
    #expect(stream.passCount == 3)
    // Row 1 of the R reference (psych::scoreItems, impute = "mean"): Total_sum 49.515995872033024.
    let reference = try Fixture.table("wai12_miss_scores_impute_mean.csv")
    #expect(totals.count == 1000)
    for (row, r) in reference.enumerated() {
      let want = try #require(r["Total_sum"])
      let got = try #require(totals[row])
      #expect(abs(got - want) <= 1e-12 * abs(want), "row \(row + 1)")
    }
    #expect(alpha > 0 && alpha < 1)
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
