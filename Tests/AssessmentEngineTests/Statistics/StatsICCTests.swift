import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// psych 2.2.9 `ICC(wide, lmer = FALSE)` on the shared 60 × 4 set and pingouin's 8 wines × 4 judges
/// (Fixtures/PROVENANCE.md). Tolerances from the reference README: values, F and bounds 1e-9; p 1e-6
/// relative.
@Suite("Statistics: intraclass correlations")
struct StatsICCTests {
  static func longTable(_ name: String) throws -> [IntraclassRating] {
    let text = try String(contentsOf: StatsFixtures.url(name, "csv"), encoding: .utf8)
    return try text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",").map(String.init)
      return IntraclassRating(target: f[0], rater: f[1], rating: try #require(Double(f[2])))
    }
  }

  /// Compares with a psych results file; returns the worst absolute difference per column.
  @discardableResult
  static func compare(_ icc: IntraclassCorrelation, with name: String) throws -> [String: Double] {
    let text = try String(contentsOf: StatsFixtures.url(name, "csv"), encoding: .utf8)
    var worst: [String: Double] = [:]
    var rows = 0
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      let e = try #require(icc.estimate(f[0]))
      let reference = f.dropFirst().map { Double($0) ?? .nan }
      let observed = [e.value, e.F, e.df1, e.df2, e.p, e.lower, e.upper]
      let keys = ["ICC", "F", "df1", "df2", "p", "lower", "upper"]
      for (c, key) in keys.enumerated() {
        let tolerance = key == "p" ? 1e-6 : 1e-9
        expectClose(observed[c], reference[c], relative: tolerance, "\(name) \(f[0]) \(key)")
        worst[key] = max(worst[key] ?? 0, relativeError(observed[c], reference[c]))
      }
      rows += 1
    }
    #expect(rows == 6)
    return worst
  }

  @Test func sharedSetMatchesPsych() throws {
    let icc = try IntraclassCorrelation(long: try Self.longTable("icc_shared"))
    #expect(icc.targets == 60 && icc.raters == 4)
    let worst = try Self.compare(icc, with: "icc_shared_psych")
    print("ICC shared worst relative errors: \(worst.sorted { $0.key < $1.key })")
  }

  @Test func wineJudgesMatchPsych() throws {
    let icc = try IntraclassCorrelation(long: try Self.longTable("icc_wine"))
    #expect(icc.targets == 8 && icc.raters == 4)
    let worst = try Self.compare(icc, with: "icc_wine_psych")
    print("ICC wine worst relative errors: \(worst.sorted { $0.key < $1.key })")
  }

  /// The two-pass sums of squares against the textbook one-pass formulas on exact integers.
  @Test func meanSquaresAgreeWithIntegerSums() throws {
    var ratings: [[Double]] = []
    for i in 0..<37 {
      var row: [Double] = []
      for j in 0..<5 {
        let code: Int = (i * 7 + j * 3 + i * j) % 11
        row.append(Double(code))
      }
      ratings.append(row)
    }
    let icc = try IntraclassCorrelation(ratings: ratings)
    let n = 37.0
    let k = 5.0
    var total = 0
    var squares = 0
    var rowSums = [Int](repeating: 0, count: 37)
    var colSums = [Int](repeating: 0, count: 5)
    for i in 0..<37 {
      for j in 0..<5 {
        let v = Int(ratings[i][j])
        total += v
        squares += v * v
        rowSums[i] += v
        colSums[j] += v
      }
    }
    let correction = Double(total * total) / (n * k)
    let ssRows = Double(rowSums.map { $0 * $0 }.reduce(0, +)) / k - correction
    let ssCols = Double(colSums.map { $0 * $0 }.reduce(0, +)) / n - correction
    let ssTotal = Double(squares) - correction
    expectClose(icc.msTargets, ssRows / (n - 1), relative: 1e-12, "MSB")
    expectClose(icc.msRaters, ssCols / (k - 1), relative: 1e-12, "MSJ")
    expectClose(icc.msResidual, (ssTotal - ssRows - ssCols) / ((n - 1) * (k - 1)), relative: 1e-12, "MSE")
    expectClose(icc.msWithin, (ssTotal - ssRows) / (n * (k - 1)), relative: 1e-12, "MSW")
  }

  /// Invariance: the order of targets and raters does not change any number.
  @Test func orderDoesNotMatter() throws {
    let records = try Self.longTable("icc_wine")
    let a = try IntraclassCorrelation(long: records)
    let b = try IntraclassCorrelation(long: records.reversed())
    for (x, y) in zip(a.estimates, b.estimates) {
      expectClose(y.value, x.value, relative: 1e-13, x.type)
      expectClose(y.lower, x.lower, relative: 1e-12, x.type)
    }
  }

  @Test func unbalancedTableNamesTargetsAndRaters() throws {
    var records = try Self.longTable("icc_wine")
    records.removeAll {
      ($0.target == "3" && $0.rater == "B") || ($0.target == "5" && ($0.rater == "A" || $0.rater == "D"))
    }
    #expect(
      throws: IntraclassCorrelationError.unbalanced(missing: [
        .init(target: "3", raters: ["B"]), .init(target: "5", raters: ["A", "D"]),
      ])
    ) {
      try IntraclassCorrelation(long: records)
    }
    let message = IntraclassCorrelationError.unbalanced(missing: [.init(target: "5", raters: ["A", "D"])]).description
    #expect(message.contains("target 5 lacks raters A, D"))
  }

  @Test func duplicateAndDegenerateTables() throws {
    let records = [
      IntraclassRating(target: "a", rater: "r", rating: 1), IntraclassRating(target: "a", rater: "r", rating: 2),
    ]
    #expect(throws: IntraclassCorrelationError.duplicateRating(target: "a", rater: "r")) {
      try IntraclassCorrelation(long: records)
    }
    #expect(throws: IntraclassCorrelationError.tooFewTargets(count: 1)) {
      try IntraclassCorrelation(ratings: [[1, 2]])
    }
    #expect(throws: IntraclassCorrelationError.noWithinTargetVariance) {
      try IntraclassCorrelation(ratings: [[1, 1], [2, 2]])
    }
    #expect(throws: IntraclassCorrelationError.notFinite(target: 1, rater: 0)) {
      try IntraclassCorrelation(ratings: [[1, 2], [.nan, 2]])
    }
  }
}
