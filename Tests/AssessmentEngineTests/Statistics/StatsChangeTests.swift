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
      try ClinicalSignificance(pre: pre, post: post, sd: 7.5, reliability: 0.88, cutoffs: cutoffs, cutoff: cutoff).category
    }
    #expect(try category(32, 20) == .improved)
    #expect(try category(32, 15) == .recovered)
    #expect(try category(32, 19, .b) == .recovered)  // b = 20
    #expect(try category(20, 30) == .deteriorated)
    #expect(try category(32, 30) == .unchanged)
  }

  /// Hand computation: pre = 10,12,14,16,18; post = 12,13,17,17,21; differences 2,1,3,1,3:
  /// mean 2, SS = 4, SD_diff = 1 → d_z = 2, SE = √(1/5 + 4/10) = √.6.
  /// SD_pre = √10, SD_post = √13 (post mean 16, SS 52), r = 44/√(40·52).
  /// d_av = 2/((√10 + √13)/2); J = 1 − 3/(4·4 − 1) = .8; g_av = .8·d_av;
  /// SE(g_av) = .8·√((1/5 + d_av²/10)·2(1 − r)).
  @Test func pairedEffectSizesHandComputation() throws {
    let effect = try PairedEffectSize(pre: [10, 12, 14, 16, 18], post: [12, 13, 17, 17, 21])
    let z = 1.959963984540054
    expectClose(effect.dz, 2, relative: 1e-14, "d_z")
    expectClose(effect.dzLower, 2 - z * 0.6.squareRoot(), relative: 1e-13, "d_z lower")
    expectClose(effect.dzUpper, 2 + z * 0.6.squareRoot(), relative: 1e-13, "d_z upper")
    let r = 44 / (40.0 * 52).squareRoot()
    expectClose(effect.correlation, r, relative: 1e-14, "r")
    let dav = 2 / ((10.0.squareRoot() + 13.0.squareRoot()) / 2)
    expectClose(effect.dav, dav, relative: 1e-14, "d_av")
    expectClose(effect.gav, 0.8 * dav, relative: 1e-14, "g_av")
    let se = 0.8 * ((0.2 + dav * dav / 10) * 2 * (1 - r)).squareRoot()
    expectClose(effect.gavLower, 0.8 * dav - z * se, relative: 1e-13, "g_av lower")
    expectClose(effect.gavUpper, 0.8 * dav + z * se, relative: 1e-13, "g_av upper")
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
    #expect(ChangeStatisticsError.tooFewPairs(count: 2, minimum: 3).description
      == "At least 3 complete pre–post pairs are needed; there are 2.")
  }
}
