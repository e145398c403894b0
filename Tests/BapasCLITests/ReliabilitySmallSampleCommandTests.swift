import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

/// Fixtures of the AssessmentEngine tests (provenance in its Fixtures/PROVENANCE.md).
func statsFixture(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("AssessmentEngineTests/Fixtures/\(name)").path
}

func parsedJSON(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("bapas reliability: small samples")
struct ReliabilitySmallSampleCommandTests {
  static let allItems = "S=" + (1...11).map { "Q\($0)" }.joined(separator: ",")

  /// pingouin's cronbach_wide_missing: psych 2.2.9 alpha 0.73266083521444703 (pairwise) and
  /// 0.80169491525423742 (complete cases), Fixtures/binary_missing_psych.csv.
  @Test(arguments: [("pairwise", 0.73266083521444703, 1.0), ("complete", 0.80169491525423742, 0.81873342381651781)])
  func binaryItemsGivePsychAlpha(use: String, alpha: Double, g6: Double) throws {
    let r = runBapas([
      "reliability", statsFixture("binary_missing.csv"), "--scale", Self.allItems, "--min", "0", "--max", "1", "--use",
      use,
      "--format", "json",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    let scales = try #require(try parsedJSON(r.stdout)["scales"] as? [String: Any])
    let s = try #require(scales["S"] as? [String: Any])
    expectClose((s["alpha"] as? NSNumber)?.doubleValue, alpha, relative: 1e-12, "\(use) alpha")
    expectClose((s["lambda6"] as? NSNumber)?.doubleValue, g6, relative: 1e-9, "\(use) G6")
    let notes = try #require(s["notes"] as? [[String: Any]])
    #expect(
      notes.contains { ($0["statistic"] as? String) == "lambda6, rCor" && ($0["status"] as? String) == "adjusted" })
  }

  @Test func zeroVarianceItemIsNamedInText() {
    let r = runBapas([
      "reliability", statsFixture("zero_variance_item.csv"), "--scale", "S=item1,item2,item3,item4", "--min", "1",
      "--max", "5",
    ])
    #expect(r.status == .success)
    #expect(r.stdout.contains("Scale: S  (k = 3, n = 5"))
    #expect(r.stdout.contains("item item1 had no variance and was set aside"))
    #expect(r.stdout.contains("      0.93      0.94    0.92      0.83 14.8"))
  }
}
