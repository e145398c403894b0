import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

/// `bapas icc` against psych 2.2.9 `ICC(lmer = FALSE)` (Fixtures/icc_*_psych.csv of the
/// AssessmentEngine tests).
@Suite("bapas icc")
struct ICCCommandTests {
  static func reference(_ name: String) throws -> [String: [Double]] {
    let text = try String(contentsOfFile: statsFixture(name), encoding: .utf8)
    var out: [String: [Double]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      out[f[0]] = f.dropFirst().compactMap(Double.init)
    }
    return out
  }

  @Test(arguments: [
    ("icc_shared.csv", "icc_shared_psych.csv", "target", "rater", "rating"),
    ("icc_wine.csv", "icc_wine_psych.csv", "Wine", "Judge", "Scores"),
  ])
  func jsonMatchesPsych(file: String, reference: String, target: String, rater: String, rating: String) throws {
    let r = runBapas([
      "icc", statsFixture(file), "--target-column", target, "--rater-column", rater, "--rating-column", rating,
      "--format", "json",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    let document = try parsedJSON(r.stdout)
    let entries = try #require(document["icc"] as? [[String: Any]])
    #expect(entries.map { $0["type"] as? String } == ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"])
    let psych = try Self.reference(reference)
    var worst = 0.0
    var worstP = 0.0
    for entry in entries {
      let type = try #require(entry["type"] as? String)
      let expected = try #require(psych[type])
      let keys = ["value", "F", "df1", "df2", "p", "lower", "upper"]
      for (c, key) in keys.enumerated() {
        let observed = (entry[key] as? NSNumber)?.doubleValue
        expectClose(observed, expected[c], relative: key == "p" ? 1e-6 : 1e-9, "\(file) \(type) \(key)")
        let error = relativeError(observed ?? .nan, expected[c])
        if key == "p" { worstP = max(worstP, error) } else { worst = max(worst, error) }
      }
    }
    print("bapas icc \(file): worst relative error \(worst) (values, F, df, bounds), \(worstP) (p)")
  }

  @Test func unbalancedTableIsATypedError() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bapas-icc-unbalanced-\(ProcessInfo.processInfo.processIdentifier).csv"
    )
    .path
    try "t,r,y\na,R1,3\na,R2,4\nb,R1,5\nc,R1,2\nc,R2,x\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = runBapas(["icc", path, "--target-column", "t", "--rater-column", "r", "--rating-column", "y"])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains(":6:3: error: column 'y': 'x' is not a number"))
    #expect(r.stderr.contains("target b lacks rater R2; target c lacks rater R2"))
    #expect(r.stdout.isEmpty)
  }

  @Test func missingColumnOptionIsUsage() {
    let r = runBapas(["icc", statsFixture("icc_wine.csv"), "--target-column", "Wine", "--rater-column", "Judge"])
    #expect(r.status == .usage)
  }
}
