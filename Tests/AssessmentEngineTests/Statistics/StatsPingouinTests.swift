import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// pingouin 0.7.0 `cronbach_alpha` and numpy/scipy values in Fixtures/pingouin_alpha.csv: an
/// implementation independent of R. Columns: dataset, scale, nan_policy, n_rows, n_complete, k,
/// pingouin_alpha, pingouin_ci_lo, pingouin_ci_hi (rounded to 3 decimals), numpy_raw_alpha,
/// numpy_std_alpha, feldt_lo/hi_unrounded_nall, feldt_lo/hi_unrounded_ncomplete.
@Suite("Statistics: pingouin reference")
struct StatsPingouinTests {
  @Test func alphaAndFeldtMatchPingouinForBothSampleSizes() throws {
    let text = try String(contentsOf: StatsFixtures.url("pingouin_alpha", "csv"), encoding: .utf8)
    var compared = 0
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      guard f.count == 15 else { continue }
      let accumulator = try StatsFixtures.accumulator(f[0])
      let policy: ReliabilityMissingData = f[2] == "listwise" ? .listwise : .pairwise
      let all = try accumulator.reliability(ofScaleNamed: f[1], options: ReliabilityOptions(missingData: policy))
      // For pairwise rows the file repeats n_rows and the all-rows interval in the "complete" columns.
      let complete =
        policy == .listwise
        ? try accumulator.reliability(
          ofScaleNamed: f[1], options: ReliabilityOptions(missingData: policy, confidenceSampleSize: .completeRows))
        : all
      let label = "\(f[0]) \(f[1]) \(f[2])"
      #expect(all.n == Int64(f[3]))
      #expect(complete.n == Int64(f[4]))
      expectClose(all.alpha, try #require(Double(f[9])), relative: 1e-12, "\(label) alpha")
      expectClose(all.standardizedAlpha, try #require(Double(f[10])), relative: 1e-12, "\(label) std alpha")
      expectClose(all.feldtLower, try #require(Double(f[11])), relative: 1e-12, "\(label) Feldt lower, n all")
      expectClose(all.feldtUpper, try #require(Double(f[12])), relative: 1e-12, "\(label) Feldt upper, n all")
      expectClose(complete.feldtLower, try #require(Double(f[13])), relative: 1e-12, "\(label) Feldt lower, n complete")
      expectClose(complete.feldtUpper, try #require(Double(f[14])), relative: 1e-12, "\(label) Feldt upper, n complete")
      // pingouin rounds its interval to 3 decimals.
      #expect(abs(all.feldtLower - (try #require(Double(f[7])))) <= 0.0005 + 1e-12)
      #expect(abs(all.feldtUpper - (try #require(Double(f[8])))) <= 0.0005 + 1e-12)
      compared += 1
    }
    #expect(compared == 12)
  }

  @Test func unknownScaleIsNamed() throws {
    #expect(throws: ReliabilityError.unknownScale(name: "Rapport")) {
      try StatsFixtures.accumulator("wai12").reliability(ofScaleNamed: "Rapport")
    }
  }

  /// Two items: psych's special case. Data x = 1,2,3,4,5 and y = 2,1,4,3,5: var x = var y = 2.5,
  /// cov = (Σxy − ΣxΣy/n)/(n−1) = (53 − 45)/4 = 2, r = .8. Alpha = 2·(1 − 5/(5 + 2·2))·... =
  /// (1 − 5/9)·2 = 8/9; standardized = (1 − 2/3.6)·2 = 8/9; deleting either item leaves
  /// "alpha" C12/C_other = 0.8, r = .8, S/N = .8/.2 = 4, λ6 = r² = .64.
  @Test func twoItemScaleFollowsPsychsSpecialCase() throws {
    var accumulator = try ItemMomentAccumulator(
      itemCount: 2, coding: ResponseCoding(minimum: 1, maximum: 5),
      scales: [ReliabilityScale(name: "P", columns: [0, 1])])
    try accumulator.add(rows: [1, 2, 2, 1, 3, 4, 4, 3, 5, 5])
    let result = try accumulator.reliability(ofScaleAt: 0)
    expectClose(result.alpha, 8.0 / 9.0, relative: 1e-14, "alpha")
    expectClose(result.standardizedAlpha, 8.0 / 9.0, relative: 1e-14, "std alpha")
    #expect(result.varianceR == nil)
    let item = try #require(result.items["item1"])
    expectClose(item.alphaIfDeleted, 0.8, relative: 1e-14, "alpha if deleted")
    expectClose(item.averageRIfDeleted, 0.8, relative: 1e-14, "r if deleted")
    expectClose(item.signalToNoiseIfDeleted, 4, relative: 1e-13, "S/N if deleted")
    expectClose(item.lambda6IfDeleted, 0.64, relative: 1e-14, "λ6 if deleted")
    #expect(item.aseIfDeleted == nil)
  }
}
