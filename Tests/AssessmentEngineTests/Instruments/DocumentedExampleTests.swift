import AssessmentEngine
import Foundation
import Testing

/// The example definition in Documentation/ loads and scores as the article says.
@Suite("Documented definition example")
struct DocumentedExampleTests {
  static var examplePath: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Documentation/Samples/instrument-example.json")
  }

  @Test func exampleScoresAsDocumented() throws {
    let definition = try InstrumentDefinition(jsonData: Data(contentsOf: Self.examplePath))
    let scores = try ScoringPlan(definition).score(responses: [6, 2, 5, 3, 7, nil])
    #expect(scores[0].mean == 19.0 / 3.0)
    #expect(scores[1].mean == 5 && scores[1].sum == 15)
    #expect(scores[2].mean == 5.8 && scores[2].sum == 5.8 * 6)
    #expect(abs((scores[2].sum ?? 0) - 34.8) < 1e-12)
  }
}
