import AssessmentEngine
import Foundation
import Testing

/// The listing in `Documentation/ChangeStatistics.md` (a whole pre–post comparison), verbatim between
/// the BEGIN/END markers, so that it compiles against the public API (no @testable) and runs. Its
/// numbers are the hand computations of `StatsChangeTests` (S_diff = 7.5·√.24).
@Suite("Documentation: change statistics")
struct ChangeDocumentationExampleTests {
  @Test func listingRuns() throws {
    // BEGIN LISTING
    // A ten-item symptom scale (lower is better); SD 7.5 and r = .88 from a reference group.
    let definition = try InstrumentDefinition(
      id: "symptoms", version: "1", name: LocalizedText(id: "Gejala", en: "Symptoms"),
      citation: Citation(source: "Your own instrument", year: 2026, licence: "CC0"),
      responseScale: ResponseScale(min: 0, max: 4), items: (1...10).map { ItemDefinition(id: "q\($0)") },
      scales: [ScaleDefinition(id: "S", items: (1...10).map { "q\($0)" })])
    let parameters = try ChangeAnalysis.parameters(
      for: definition, reliabilities: ["S": 0.88], standardDeviations: ["S": 7.5],
      norms: ["S": [.functional: .init(mean: 10, sd: 5), .dysfunctional: .init(mean: 30, sd: 8)]],
      direction: .lowerIsBetter)  // c = 17.69

    func sum(_ s: Double) -> ScaleScore { ScaleScore(sum: s, mean: s / 10, answered: 10, missing: 0, absence: nil) }
    let before = [
      ScoredRespondent(id: "A", line: 2, scores: [sum(32)]),
      ScoredRespondent(id: "B", line: 3, scores: [sum(32)]),
      ScoredRespondent(id: "D", line: 4, scores: [sum(28)]),
    ]
    let after = [
      ScoredRespondent(id: "B", line: 2, scores: [sum(15)]),
      ScoredRespondent(id: "A", line: 3, scores: [sum(20)]),
    ]
    let comparison = try ChangeAnalysis.compare(
      pre: before, post: after, parameters: parameters, direction: .lowerIsBetter)
    for row in comparison.rows {
      let s = row.scales[0]
      print(row.id, s.rci ?? .nan, s.reliableChange?.rawValue ?? "", s.clinicalSignificance?.rawValue ?? "")
    }
    // A -3.265986323710904 improved improved
    // B -4.626813958590447 improved recovered
    print(comparison.onlyInPre.map(\.line))  // [4]: D was not reassessed
    // END LISTING
    #expect(comparison.rows.map(\.id) == ["A", "B"])
    #expect(comparison.rows.map { $0.scales[0].rci } == [-3.265986323710904, -4.626813958590447])
    #expect(comparison.rows.map { $0.scales[0].clinicalSignificance } == [.improved, .recovered])
    #expect(comparison.onlyInPre == [UnpairedRespondent(id: "D", line: 4)] && comparison.onlyInPost.isEmpty)
  }

  @Test func articleListingMatchesTheTest() throws {
    let testFile = URL(fileURLWithPath: #filePath)
    let root = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let source = try String(contentsOf: testFile, encoding: .utf8)
    let article = try String(
      contentsOf: root.appendingPathComponent("Documentation/ChangeStatistics.md"), encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let begin = try #require(lines.firstIndex { $0.contains("// BEGIN LISTING") && !$0.contains("contains") })
    let end = try #require(lines.firstIndex { $0.contains("// END LISTING") && !$0.contains("contains") })
    let listing = lines[(begin + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
      .joined(separator: "\n")
    #expect(article.contains(listing))
  }
}
