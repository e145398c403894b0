import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@Suite("Local validation: AUC, intervals, rates, calibration")
struct RiskValidationTests {
  /// Hanley & McNeil (1982, Radiology 143:29–36), Table I: 109 CT images rated 1–5;
  /// 58 normal (33, 6, 6, 11, 2) and 51 abnormal (3, 2, 2, 11, 33). Published: A = 0.893, SE = 0.032.
  /// DeLong SE 0.030724408379381115 was computed independently with a pairwise (O(m·n)) Python loop
  /// over the same data (placements, sample variances, var = S10/m + S01/n).
  static let ctNormal =
    [Double](repeating: 1, count: 33) + .init(repeating: 2, count: 6) + .init(repeating: 3, count: 6)
    + .init(repeating: 4, count: 11) + .init(repeating: 5, count: 2)
  static let ctAbnormal =
    [Double](repeating: 1, count: 3) + .init(repeating: 2, count: 2) + .init(repeating: 3, count: 2)
    + .init(repeating: 4, count: 11) + .init(repeating: 5, count: 33)

  @Test func hanleyMcNeilWorkedExample() throws {
    let scores = Self.ctAbnormal + Self.ctNormal
    let outcomes = [Bool](repeating: true, count: 51) + [Bool](repeating: false, count: 58)
    let r = try RiskValidation.auc(scores: scores, outcomes: outcomes)
    #expect(r.positives == 51 && r.negatives == 58)
    #expect((r.auc * 1000).rounded() / 1000 == 0.893)
    #expect((r.hanleyMcNeil.standardError * 1000).rounded() / 1000 == 0.032)
    expectClose(r.auc, 0.8931710615280603, relative: 1e-12, "AUC")
    expectClose(r.hanleyMcNeil.standardError, 0.03248657960734202, relative: 1e-10, "H&M SE")
    expectClose(r.deLong.standardError, 0.030724408379381115, relative: 1e-10, "DeLong SE")
    expectClose(r.deLong.lower, 0.8329523276581726, relative: 1e-10, "DeLong lower")
    expectClose(r.deLong.upper, 0.9533897953979479, relative: 1e-10, "DeLong upper")
    expectClose(r.hanleyMcNeil.lower, 0.8294985355167765, relative: 1e-10, "H&M lower")
  }

  /// Hand computation. Cases X = {2, 3, 4}, controls Y = {1, 2, 3}; ψ = 1 if x > y, ½ if equal.
  /// V10(x): 2 → (1 + ½ + 0)/3 = 1/2; 3 → (1 + 1 + ½)/3 = 5/6; 4 → 1.  AUC = mean = 7/9.
  /// V01(y): 1 → 1; 2 → (½ + 1 + 1)/3 = 5/6; 3 → (0 + ½ + 1)/3 = 1/2.
  /// Both placement sets {1/2, 5/6, 1}: deviations from 7/9 are −5/18, 1/18, 4/18; squares sum 42/324;
  /// sample variance 21/324 = 7/108. var(AUC) = (7/108)/3 + (7/108)/3 = 7/162; SE = √(7/162) = 0.2078698548…
  /// 95% CI = 7/9 ± 1.959963984540054 · 0.20787 = [0.370358…, 1.18519…] → upper clipped to 1.
  /// Hanley–McNeil: Q1 = (7/9)/(11/9) = 7/11, Q2 = 2(49/81)/(16/9) = 49/72;
  /// SE² = [14/81 + 2(7/11 − 49/81) + 2(49/72 − 49/81)]/9 = 0.0429919…; SE = 0.2073442664…
  @Test func deLongByHand() throws {
    let r = try RiskValidation.auc(scores: [2, 3, 4, 1, 2, 3], outcomes: [true, true, true, false, false, false])
    expectClose(r.auc, 7.0 / 9.0, relative: 1e-15, "AUC")
    expectClose(r.deLong.standardError, (7.0 / 162.0).squareRoot(), relative: 1e-14, "DeLong SE")
    expectClose(r.deLong.lower, 7.0 / 9.0 - 1.959963984540054 * (7.0 / 162.0).squareRoot(), relative: 1e-14, "lower")
    #expect(r.deLong.upper == 1)
    let a = 7.0 / 9.0
    let hm = ((a * (1 - a) + 2 * (7.0 / 11.0 - a * a) + 2 * (49.0 / 72.0 - a * a)) / 9).squareRoot()
    expectClose(r.hanleyMcNeil.standardError, hm, relative: 1e-14, "H&M SE")
    expectClose(r.hanleyMcNeil.standardError, 0.20734426648329748, relative: 1e-12, "H&M SE (Python)")
  }

  @Test func quantileIsAParameter() throws {
    let r90 = try RiskValidation.auc(
      scores: [2, 3, 4, 1, 2, 3], outcomes: [true, true, true, false, false, false], z: 1.6448536269514722)
    expectClose(
      r90.deLong.lower, 7.0 / 9.0 - 1.6448536269514722 * (7.0 / 162.0).squareRoot(), relative: 1e-14, "90% lower")
    #expect(Distributions.normalQuantile975 == 1.959963984540054)
    // The shared statistics give the same z: exactly at 95%, to 1e-15 from the quantile function.
    #expect(Distributions.twoSidedNormalQuantile(confidence: 0.95) == 1.959963984540054)
    expectClose(Distributions.normalQuantile(0.975) ?? .nan, 1.959963984540054, relative: 1e-15, "qnorm(0.975)")
    expectClose(
      Distributions.twoSidedNormalQuantile(confidence: 0.90) ?? .nan, 1.6448536269514722, relative: 1e-14, "qnorm(0.95)"
    )
    #expect(
      Distributions.twoSidedNormalQuantile(confidence: 1) == nil
        && Distributions.twoSidedNormalQuantile(confidence: .nan) == nil)
  }

  /// Property: AUC is invariant under strictly increasing transforms of the score, and AUC(−score) = 1 − AUC.
  @Test func aucInvariants() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<50 {
      let n = 10 + Int(rng.next() % 30)
      let scores = (0..<n).map { _ in Double(rng.next() % 12) }
      var outcomes = (0..<n).map { _ in rng.next() % 3 == 0 }
      outcomes[0] = true
      outcomes[1] = true
      outcomes[2] = false
      outcomes[3] = false
      let r = try RiskValidation.auc(scores: scores, outcomes: outcomes)
      let t = try RiskValidation.auc(scores: scores.map { $0 * $0 * $0 + 5 }, outcomes: outcomes)
      let neg = try RiskValidation.auc(scores: scores.map { -$0 }, outcomes: outcomes)
      expectClose(t.auc, r.auc, relative: 1e-12, "monotone")
      expectClose(neg.auc, 1 - r.auc, relative: 1e-12, "reversed")
      expectClose(neg.deLong.standardError, r.deLong.standardError, relative: 1e-9, "SE symmetric")
      #expect(r.deLong.lower <= r.auc && r.auc <= r.deLong.upper)
    }
  }

  /// Property: the engine's sorted-placement DeLong equals a direct pairwise computation (O(m·n),
  /// written independently here) on random data with many ties.
  @Test func deLongMatchesPairwiseDefinition() throws {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<40 {
      let m = 2 + Int(rng.next() % 15)
      let n = 2 + Int(rng.next() % 15)
      let cases = (0..<m).map { _ in Double(rng.next() % 6) }
      let controls = (0..<n).map { _ in Double(rng.next() % 6) }
      func psi(_ x: Double, _ y: Double) -> Double { x > y ? 1 : x == y ? 0.5 : 0 }
      let v10 = cases.map { x in controls.reduce(0) { $0 + psi(x, $1) } / Double(n) }
      let v01 = controls.map { y in cases.reduce(0) { $0 + psi($1, y) } / Double(m) }
      func variance(_ v: [Double]) -> Double {
        let mean = v.reduce(0, +) / Double(v.count)
        return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
      }
      let auc = v10.reduce(0, +) / Double(m)
      let se = (variance(v10) / Double(m) + variance(v01) / Double(n)).squareRoot()
      let r = try RiskValidation.auc(
        scores: cases + controls, outcomes: [Bool](repeating: true, count: m) + [Bool](repeating: false, count: n))
      expectClose(r.auc, auc, relative: 1e-12, "AUC")
      expectClose(r.deLong.standardError, se, relative: 1e-9, "DeLong SE")
    }
  }

  @Test func aucErrors() {
    #expect(throws: RiskValidationError.lengthMismatch(scores: 2, outcomes: 1)) {
      try RiskValidation.auc(scores: [1, 2], outcomes: [true])
    }
    #expect(throws: RiskValidationError.notEnoughData(positives: 1, negatives: 2, minimum: 2)) {
      try RiskValidation.auc(scores: [1, 2, 3], outcomes: [true, false, false])
    }
    #expect(throws: RiskValidationError.nonFiniteScore(index: 1)) {
      try RiskValidation.auc(scores: [1, .nan, 3, 4], outcomes: [true, true, false, false])
    }
    #expect(throws: RiskValidationError.invalidQuantile(-1)) {
      try RiskValidation.auc(scores: [1, 2, 3, 4], outcomes: [true, true, false, false], z: -1)
    }
  }

  /// rendah: 4 people, 1 event (.25); sedang: 3 people, 1 event; tinggi: 3 people, 2 events.
  /// Expected rates .1/.3/.6: E = .4 + .9 + 1.8 = 3.1, O = 4, E/O = .775,
  /// interval .775·exp(∓1.959964/2) = [0.2908713…, 2.0649164…] (exp evaluated with Python's math.exp).
  @Test func ratesAndCalibration() throws {
    let bands = ["rendah", "rendah", "tinggi", "sedang", "rendah", "sedang", "tinggi", "rendah", "sedang", "tinggi"]
    let outcomes = [false, true, true, false, false, true, true, false, false, false]
    let order = ["rendah", "sedang", "tinggi"]
    let rates = try RiskValidation.outcomeRates(bands: bands, outcomes: outcomes, bandOrder: order)
    #expect(
      rates == [
        BandOutcomeRate(band: "rendah", count: 4, events: 1), BandOutcomeRate(band: "sedang", count: 3, events: 1),
        BandOutcomeRate(band: "tinggi", count: 3, events: 2),
      ])
    #expect(rates[0].rate == 0.25)
    let c = try RiskValidation.calibration(
      bands: bands, outcomes: outcomes, expectedRates: ["rendah": 0.1, "sedang": 0.3, "tinggi": 0.6], bandOrder: order)
    expectClose(c.expected, 3.1, relative: 1e-14, "E")
    #expect(c.observed == 4)
    expectClose(c.ratio, 0.775, relative: 1e-14, "E/O")
    expectClose(c.lower, 0.775 * exp(-1.959963984540054 / 2), relative: 1e-14, "lower")
    expectClose(c.upper, 0.775 * exp(1.959963984540054 / 2), relative: 1e-14, "upper")
    expectClose(c.lower, 0.2908713394952118, relative: 1e-12, "lower value")
    expectClose(c.upper, 2.064916402703496, relative: 1e-12, "upper value")
    #expect(c.bands.map(\.observed) == [1, 1, 2])
    #expect(throws: RiskValidationError.missingExpectedRate(band: "tinggi")) {
      try RiskValidation.calibration(bands: bands, outcomes: outcomes, expectedRates: ["rendah": 0.1, "sedang": 0.3])
    }
    #expect(throws: RiskValidationError.invalidExpectedRate(band: "rendah", rate: 1.5)) {
      try RiskValidation.calibration(
        bands: bands, outcomes: outcomes, expectedRates: ["rendah": 1.5, "sedang": 0.3, "tinggi": 0.6])
    }
    #expect(throws: RiskValidationError.noObservedOutcomes) {
      try RiskValidation.calibration(bands: ["rendah"], outcomes: [false], expectedRates: ["rendah": 0.1])
    }
  }

  @Test func subgroupsFromCSV() throws {
    let csv = """
      score,outcome,gender
      2,1,female
      3,1,female
      4,1,female
      1,0,female
      2,0,female
      3,0,female
      5,1,male
      1,0,male
      """
    let data = try RiskValidationData.parseCSV(csv)
    #expect(data.scores.count == 8)
    #expect(data.groupColumns == ["gender"])
    let groups = try #require(data.groups["gender"])
    let subgroups = try RiskValidation.subgroupAUCs(scores: data.scores, outcomes: data.outcomes, groups: groups)
    #expect(subgroups.map(\.group) == ["female", "male"])
    guard case .computed(let female) = subgroups[0].outcome else {
      Issue.record("female not computed")
      return
    }
    expectClose(female.auc, 7.0 / 9.0, relative: 1e-15, "female AUC (the hand-worked data set)")
    #expect(subgroups[1].outcome == .notComputed(.notEnoughData(positives: 1, negatives: 1, minimum: 2)))
  }

  @Test func csvErrorsNameRowAndColumn() {
    let csv = "score,outcome\n3,1\nx,1\n4,maybe\n5\n"
    #expect(
      throws: RiskValidationCSVError(problems: [
        .init(row: 3, column: "score", value: "x", why: "the score is not a finite number", columnNumber: 1),
        .init(
          row: 4, column: "outcome", value: "maybe", why: "the outcome must be 1/0, true/false or yes/no",
          columnNumber: 3),
        .init(row: 5, column: nil, value: "5", why: "expected 2 fields, found 1", columnNumber: 1),
      ])
    ) { try RiskValidationData.parseCSV(csv) }
    #expect(throws: RiskValidationCSVError.self) { try RiskValidationData.parseCSV("points,reoffended\n1,0\n") }
    #expect(throws: RiskValidationCSVError.self) { try RiskValidationData.parseCSV("") }
  }
}
