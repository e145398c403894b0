import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

@Suite("Statistics: change")
struct StatsChangeTests {
  /// Hand computation: SEM = 7.5·√(1 − .88) = 7.5·√.12 = 2.598076211353316;
  /// S_diff = √2·SEM = 7.5·√.24 = 3.674234614174767; RCI = (20 − 32)/S_diff = −1.6/√.24
  /// = −3.265986323710904. Lower is better, so |RCI| > 1.96 downwards is an improvement.
  @Test func reliableChangeHandComputation() throws {
    let change = try ReliableChange(pre: 32, post: 20, sd: 7.5, reliability: 0.88, direction: .lowerIsBetter)
    expectClose(change.standardErrorOfMeasurement, 2.598076211353316, relative: 1e-14, "SEM")
    expectClose(change.standardErrorOfDifference, 3.674234614174767, relative: 1e-14, "S_diff")
    expectClose(change.index, -3.265986323710904, relative: 1e-14, "RCI")
    expectClose(change.reliableChangeThreshold, 1.96 * 3.674234614174767, relative: 1e-14, "threshold")
    #expect(change.category == .improved)
    let higher = try ReliableChange(pre: 32, post: 20, sd: 7.5, reliability: 0.88)
    #expect(higher.category == .deteriorated)
  }

  /// |RCI| exactly at the criterion is not reliable (Jacobson & Truax: "greater than 1.96").
  /// SD = 1/√2 and r = .5 give SEM = ½, S_diff = √(2·¼) = 1/√2 ≈ .7071; a change of 1 gives RCI = √2.
  @Test func criterionIsConfigurableAndStrict() throws {
    let change = try ReliableChange(pre: 0, post: 1, sd: 0.5.squareRoot(), reliability: 0.5, criterion: 1.5)
    expectClose(change.index, 2.0.squareRoot(), relative: 1e-14, "RCI")
    #expect(change.category == .unchanged)
    let lower = try ReliableChange(pre: 0, post: 1, sd: 0.5.squareRoot(), reliability: 0.5, criterion: 1.4)
    #expect(lower.category == .improved)
  }

  @Test func standardErrorOfMeasurementIsSDTimesRootOfUnreliability() throws {
    // 10·√(1 − .91) = 10·.3 = 3
    expectClose(try standardErrorOfMeasurement(sd: 10, reliability: 0.91), 3, relative: 1e-14, "SEM")
  }

  @Test func reliableChangeRejectsBadInput() {
    #expect(throws: ChangeStatisticsError.reliabilityOutOfRange(value: 1)) {
      try ReliableChange(pre: 1, post: 2, sd: 1, reliability: 1)
    }
    #expect(throws: ChangeStatisticsError.nonPositiveStandardDeviation(input: "sd", value: 0)) {
      try ReliableChange(pre: 1, post: 2, sd: 0, reliability: 0.8)
    }
    #expect(throws: ChangeStatisticsError.notFinite(input: "pre")) {
      try ReliableChange(pre: .nan, post: 2, sd: 1, reliability: 0.8)
    }
    #expect(throws: ChangeStatisticsError.nonPositiveCriterion(input: "criterion", value: -1)) {
      try ReliableChange(pre: 1, post: 2, sd: 1, reliability: 0.8, criterion: -1)
    }
  }

  /// Hand computation, lower is better, functional N(10, 5), dysfunctional N(30, 8), m = 2:
  /// a = 30 − 2·8 = 14; b = 10 + 2·5 = 20 (functional SD); c = (8·10 + 5·30)/(8 + 5) = 230/13.
  @Test func cutoffsHandComputation() throws {
    let cutoffs = try ClinicalCutoffs(
      functionalMean: 10, functionalSD: 5, dysfunctionalMean: 30, dysfunctionalSD: 8, direction: .lowerIsBetter)
    #expect(cutoffs.a == 14)
    #expect(cutoffs.b == 20)
    expectClose(cutoffs.c, 230.0 / 13.0, relative: 1e-15, "c")
    // Higher is better, mirrored norms: a = 10 + 2·5 = 20, b = 30 − 2·8 = 14, c = (5·30 + 8·10)/13.
    let up = try ClinicalCutoffs(
      functionalMean: 30, functionalSD: 8, dysfunctionalMean: 10, dysfunctionalSD: 5, multiplier: 1.96)
    expectClose(up.a, 10 + 1.96 * 5, relative: 1e-15, "a")
    expectClose(up.b, 30 - 1.96 * 8, relative: 1e-15, "b")
    expectClose(up.c, 230.0 / 13.0, relative: 1e-15, "c")
  }

  @Test func cutoffsRejectContradictoryNorms() {
    #expect(throws: ChangeStatisticsError.normsContradictDirection(functionalMean: 10, dysfunctionalMean: 30)) {
      try ClinicalCutoffs(functionalMean: 10, functionalSD: 5, dysfunctionalMean: 30, dysfunctionalSD: 8)
    }
    #expect(throws: ChangeStatisticsError.nonPositiveStandardDeviation(input: "functionalSD", value: 0)) {
      try ClinicalCutoffs(functionalMean: 30, functionalSD: 0, dysfunctionalMean: 10, dysfunctionalSD: 8)
    }
  }

  /// With the norms above (c = 17.69…, lower is better) and the client of the first test
  /// (RCI = −3.27, reliably improved): post 20 is not past c → improved; post 15 is → recovered;
  /// a reliable rise → deteriorated; a small change → unchanged.
  @Test func combinedClassification() throws {
    let cutoffs = try ClinicalCutoffs(
      functionalMean: 10, functionalSD: 5, dysfunctionalMean: 30, dysfunctionalSD: 8, direction: .lowerIsBetter)
    func category(_ pre: Double, _ post: Double, _ cutoff: ClinicalCutoff = .c) throws -> ClinicalSignificanceCategory {
      try ClinicalSignificance(pre: pre, post: post, sd: 7.5, reliability: 0.88, cutoffs: cutoffs, cutoff: cutoff)
        .category
    }
    #expect(try category(32, 20) == .improved)
    #expect(try category(32, 15) == .recovered)
    #expect(try category(32, 19, .b) == .recovered)  // b = 20
    #expect(try category(20, 30) == .deteriorated)
    #expect(try category(32, 30) == .unchanged)
  }

  /// Hand computation: pre = 10,12,14,16,18; post = 12,13,17,17,21; differences 2,1,3,1,3:
  /// mean 2, SS = 4, SD_diff = 1 → d_z = 2, t = 2√5 on 4 df.
  /// SD_pre = √10, SD_post = √13 (post mean 16, SS 52), r = 44/√(40·52).
  /// d_av = 2/((√10 + √13)/2); J = 1 − 3/(4·4 − 1) = .8; g_av = .8·d_av.
  /// The intervals are checked against R in `effectSizesMatchR`.
  @Test func pairedEffectSizesHandComputation() throws {
    let effect = try PairedEffectSize(pre: [10, 12, 14, 16, 18], post: [12, 13, 17, 17, 21])
    expectClose(effect.dz, 2, relative: 1e-14, "d_z")
    expectClose(effect.t, 2 * 5.0.squareRoot(), relative: 1e-14, "t")
    #expect(effect.df == 4)
    let r = 44 / (40.0 * 52).squareRoot()
    expectClose(effect.correlation, r, relative: 1e-14, "r")
    let dav = 2 / ((10.0.squareRoot() + 13.0.squareRoot()) / 2)
    expectClose(effect.dav, dav, relative: 1e-14, "d_av")
    expectClose(effect.gav, 0.8 * dav, relative: 1e-14, "g_av")
    // The interval rescaling of g_av: limits ∝ d_z limits by J·SD_diff/SD_av.
    expectClose(effect.gavLower / effect.dzLower, 0.8 * dav / 2, relative: 1e-13, "g_av lower rescaled")
    #expect(effect.intervalMethod == "noncentral-t")
  }

  /// Fixtures/effect_sizes_r.csv, made by Fixtures/R/effect_sizes.R (R 4.2.2): the exact
  /// noncentral-t interval of d_z by uniroot on pt(ncp =), the paired t test, and g_av limits.
  @Test func effectSizesMatchR() throws {
    let text = try String(contentsOf: StatsFixtures.url("effect_sizes_r", "csv"), encoding: .utf8)
    let cases: [String: ([Double], [Double])] = [
      "icq_initiation": ([17, 12, 22, 25, 10, 16], [22, 23, 24, 26, 11, 19]),
      "hand_example": ([10, 12, 14, 16, 18], [12, 13, 17, 17, 21]),
      "assertive_hand_worked": ([16, 24, 20], [24, 26, 20]),
      "three_pairs": ([3, 5, 4], [4, 7, 4.5]),
      "decline": ([30, 28, 35, 31, 29, 33, 34, 27], [27, 27, 30, 31, 25, 30, 33, 28]),
      "larger": (
        (1...30).map { 10 + Double($0 % 7) + Double($0 % 3) }, (1...30).map { 11 + Double($0 % 5) + Double($0 % 4) }
      ),
    ]
    var compared = 0
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      let (pre, post) = try #require(cases[f[0]])
      let effect = try PairedEffectSize(pre: pre, post: post)
      func value(_ i: Int) throws -> Double { try #require(Double(f[i])) }
      expectClose(effect.dz, try value(2), relative: 1e-12, "\(f[0]) d_z")
      #expect(abs(effect.dzLower - (try value(3))) <= 1e-6, "\(f[0]) d_z lower \(effect.dzLower)")
      #expect(abs(effect.dzUpper - (try value(4))) <= 1e-6, "\(f[0]) d_z upper \(effect.dzUpper)")
      expectClose(effect.t, try value(5), relative: 1e-12, "\(f[0]) t")
      #expect(effect.df == Int(f[6]))
      expectClose(effect.p, try value(7), relative: 1e-9, "\(f[0]) p")
      expectClose(effect.gav, try value(8), relative: 1e-12, "\(f[0]) g_av")
      #expect(abs(effect.gavLower - (try value(9))) <= 1e-6, "\(f[0]) g_av lower")
      #expect(abs(effect.gavUpper - (try value(10))) <= 1e-6, "\(f[0]) g_av upper")
      compared += 1
    }
    #expect(compared == 6)
  }

  /// Fixtures/noncentral_t_r.csv: R 4.2.2 pt(t, df, ncp) on a grid (R's pnt is accurate to about
  /// 1e-12 where it does not warn).
  @Test func noncentralTDistributionMatchesR() throws {
    let text = try String(contentsOf: StatsFixtures.url("noncentral_t_r", "csv"), encoding: .utf8)
    var worst = 0.0
    var compared = 0
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").compactMap { Double($0) }
      guard f.count == 4 else { continue }
      let p = try #require(Distributions.noncentralTCDF(f[0], df: f[1], ncp: f[2]))
      worst = max(worst, abs(p - f[3]))
      #expect(abs(p - f[3]) <= 1e-10, "pt(\(f[0]), \(f[1]), \(f[2])): R \(f[3]), here \(p)")
      compared += 1
    }
    #expect(compared == 245)
    print("worst absolute difference from R pt(ncp=): \(worst)")
  }

  @Test func studentTDistributionClosedForms() throws {
    // df = 1: Cauchy, 1/2 + atan(t)/π; df = 2: 1/2 + t/(2√(2 + t²)).
    for t in [-30.0, -2.5, -0.3, 0.7, 4.0, 100.0] {
      expectClose(Distributions.tCDF(t, df: 1), 0.5 + atan(t) / Double.pi, relative: 1e-13, "df 1, t \(t)")
      expectClose(
        Distributions.tCDF(t, df: 2), 0.5 + t / (2 * (2 + t * t).squareRoot()), relative: 1e-13, "df 2, t \(t)")
    }
  }

  @Test func pairedEffectSizesRejectBadInput() {
    #expect(throws: ChangeStatisticsError.unequalLengths(pre: 3, post: 2)) {
      try PairedEffectSize(pre: [1, 2, 3], post: [1, 2])
    }
    #expect(throws: ChangeStatisticsError.tooFewPairs(count: 2, minimum: 3)) {
      try PairedEffectSize(pre: [1, 2], post: [1, 2])
    }
    #expect(throws: ChangeStatisticsError.zeroVariance(series: "difference")) {
      try PairedEffectSize(pre: [1, 2, 3], post: [2, 3, 4])
    }
  }

  /// Pearson r by hand: x = 1,2,3,4; y = 2,1,4,3 → Sxy = 3, Sxx = Syy = 5 → r = .6.
  @Test func testRetestCorrelationHandComputation() throws {
    expectClose(try testRetestCorrelation([1, 2, 3, 4], [2, 1, 4, 3]), 0.6, relative: 1e-15, "r")
    #expect(throws: ChangeStatisticsError.zeroVariance(series: "post")) {
      try testRetestCorrelation([1, 2, 3], [4, 4, 4])
    }
  }

  @Test func errorsReadAsSentences() {
    #expect(
      ChangeStatisticsError.tooFewPairs(count: 2, minimum: 3).description
        == "At least 3 complete pre–post pairs are needed; there are 2.")
  }
}
