import Foundation  // exp()

/// The standard normal quantile at 97.5% (``Distributions/normalQuantile975``), kept for source
/// compatibility: risk validation uses the module's shared statistics.
@available(*, deprecated, renamed: "Distributions.normalQuantile975")
public let normalQuantile975 = Distributions.normalQuantile975

/// A symmetric normal-theory confidence interval, clipped to [0, 1].
public struct AUCInterval: Sendable, Hashable, Codable {
  /// The standard error.
  public var standardError: Double
  /// The lower limit, `max(0, AUC − z·SE)`.
  public var lower: Double
  /// The upper limit, `min(1, AUC + z·SE)`.
  public var upper: Double

  /// Creates an interval.
  public init(standardError: Double, lower: Double, upper: Double) {
    self.standardError = standardError
    self.lower = lower
    self.upper = upper
  }

  init(auc: Double, standardError: Double, z: Double) {
    self.init(
      standardError: standardError, lower: max(0, auc - z * standardError), upper: min(1, auc + z * standardError))
  }
}

/// The area under the ROC curve with DeLong and Hanley–McNeil confidence intervals.
public struct AUCResult: Sendable, Hashable, Codable {
  /// The AUC: the probability that a random person with the outcome scores higher than a random
  /// person without it, ties counting one half (the Mann–Whitney statistic divided by *m·n*).
  public var auc: Double
  /// People with the outcome (e.g. reoffended in the follow-up window).
  public var positives: Int
  /// People without it.
  public var negatives: Int
  /// The quantile used for the intervals.
  public var z: Double
  /// DeLong, DeLong & Clarke-Pearson (1988) interval: var = var(V₁₀)/m + var(V₀₁)/n with sample
  /// variances of the placement values (as in R pROC's `ci.auc(method = "delong")`).
  public var deLong: AUCInterval
  /// Hanley & McNeil (1982) interval: SE = √([A(1−A) + (m−1)(Q₁−A²) + (n−1)(Q₂−A²)]/(m·n)),
  /// Q₁ = A/(2−A), Q₂ = 2A²/(1+A). It assumes exponential score distributions; DeLong is preferred.
  public var hanleyMcNeil: AUCInterval

  /// Creates a result.
  public init(auc: Double, positives: Int, negatives: Int, z: Double, deLong: AUCInterval, hanleyMcNeil: AUCInterval) {
    self.auc = auc
    self.positives = positives
    self.negatives = negatives
    self.z = z
    self.deLong = deLong
    self.hanleyMcNeil = hanleyMcNeil
  }
}

/// Why a validation statistic could not be computed.
public enum RiskValidationError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// Scores and outcomes (or bands, or groups) differ in length.
  case lengthMismatch(scores: Int, outcomes: Int)
  /// A score is NaN or infinite.
  case nonFiniteScore(index: Int)
  /// Too few people with or without the outcome (DeLong needs at least 2 of each).
  case notEnoughData(positives: Int, negatives: Int, minimum: Int)
  /// The quantile is not a positive finite number.
  case invalidQuantile(Double)
  /// No outcomes observed, so E/O is undefined.
  case noObservedOutcomes
  /// A band has no expected rate.
  case missingExpectedRate(band: String)
  /// An expected rate is outside 0…1.
  case invalidExpectedRate(band: String, rate: Double)

  /// A sentence saying what and why.
  public var description: String {
    switch self {
    case .lengthMismatch(let s, let o): "Validation: \(s) scores but \(o) outcomes; every person needs both."
    case .nonFiniteScore(let i): "Validation: the score at index \(i) is not a finite number."
    case .notEnoughData(let p, let n, let min):
      "Validation: \(p) people with and \(n) without the outcome; at least \(min) of each are needed."
    case .invalidQuantile(let z): "Validation: the normal quantile \(z) must be a positive finite number."
    case .noObservedOutcomes: "Validation: no outcomes were observed, so the E/O ratio is undefined."
    case .missingExpectedRate(let band): "Validation: no expected outcome rate for band '\(band)'."
    case .invalidExpectedRate(let band, let rate):
      "Validation: the expected rate \(rate) for band '\(band)' is outside 0…1."
    }
  }
}

/// Observed outcomes in one band.
public struct BandOutcomeRate: Sendable, Hashable, Codable {
  /// The band id.
  public var band: String
  /// People in the band.
  public var count: Int
  /// People with the outcome.
  public var events: Int
  /// `events / count`; `nil` when the band is empty.
  public var rate: Double? { count > 0 ? Double(events) / Double(count) : nil }

  /// Creates a rate.
  public init(band: String, count: Int, events: Int) {
    self.band = band
    self.count = count
    self.events = events
  }
}

/// Expected versus observed outcomes (the E/O index).
public struct CalibrationResult: Sendable, Hashable, Codable {
  /// Expected outcomes: the sum of each person's expected rate.
  public var expected: Double
  /// Observed outcomes.
  public var observed: Int
  /// E/O; above 1 the instrument over-predicts, below 1 it under-predicts.
  public var ratio: Double
  /// Lower limit, `E/O · exp(−z/√O)`.
  public var lower: Double
  /// Upper limit, `E/O · exp(z/√O)`.
  public var upper: Double
  /// Per band: observed and expected.
  public var bands: [BandCalibration]

  /// Creates a result.
  public init(expected: Double, observed: Int, ratio: Double, lower: Double, upper: Double, bands: [BandCalibration]) {
    self.expected = expected
    self.observed = observed
    self.ratio = ratio
    self.lower = lower
    self.upper = upper
    self.bands = bands
  }
}

/// Expected and observed outcomes in one band.
public struct BandCalibration: Sendable, Hashable, Codable {
  /// The band id.
  public var band: String
  /// People in the band.
  public var count: Int
  /// The band's expected rate.
  public var expectedRate: Double
  /// The observed rate; `nil` when the band is empty.
  public var observedRate: Double?
  /// Expected outcomes.
  public var expected: Double
  /// Observed outcomes.
  public var observed: Int

  /// Creates a band calibration.
  public init(band: String, count: Int, expectedRate: Double, observedRate: Double?, expected: Double, observed: Int) {
    self.band = band
    self.count = count
    self.expectedRate = expectedRate
    self.observedRate = observedRate
    self.expected = expected
    self.observed = observed
  }
}

/// An AUC for one subgroup, or why it could not be computed.
public struct SubgroupAUC: Sendable, Hashable, Codable {
  /// The group value (e.g. `"female"`).
  public var group: String
  /// People in the group.
  public var count: Int
  /// The AUC, or the reason it is missing.
  public var outcome: Outcome

  /// A computed AUC or a typed reason.
  public enum Outcome: Sendable, Hashable, Codable {
    /// The AUC and its intervals.
    case computed(AUCResult)
    /// Why it was not computed (e.g. too few outcomes in the group).
    case notComputed(RiskValidationError)
  }

  /// Creates a subgroup result.
  public init(group: String, count: Int, outcome: Outcome) {
    self.group = group
    self.count = count
    self.outcome = outcome
  }
}

/// Local validation of a risk instrument on an agency's own follow-up data: discrimination (AUC with
/// DeLong and Hanley–McNeil intervals), observed rates per band, calibration (E/O) and subgroup AUCs.
///
/// Report numbers, not labels: Rice & Harris (2005, *Law and Human Behavior* 29:615) relate AUCs of
/// about .56/.64/.71 to small/medium/large effects; independent validations of sentencing tools
/// found AUCs of .57–.75 (Fazel et al. 2022). Use a fixed follow-up window for every person.
public enum RiskValidation {
  /// AUC with 95% (by default) DeLong and Hanley–McNeil intervals; higher scores should mean more risk.
  ///
  /// Accuracy: the AUC is exact (rank counting with ties as ½). Reproduces Hanley & McNeil's (1982,
  /// *Radiology* 143:29, Table I) worked example: A = 0.893, SE = 0.032.
  ///
  /// - Parameters:
  ///   - scores: one score per person.
  ///   - outcomes: `true` when the outcome occurred.
  ///   - z: the normal quantile for the interval, default ``Distributions/normalQuantile975`` (z at 97.5%, 95% CI); for another level pass ``Distributions/twoSidedNormalQuantile(confidence:)``.
  /// - Throws: ``RiskValidationError`` for unequal lengths, non-finite scores, fewer than 2 people
  ///   with or without the outcome, or a bad quantile.
  /// - Complexity: O(*N* log *N*).
  public static func auc(scores: [Double], outcomes: [Bool], z: Double = Distributions.normalQuantile975)
    throws(RiskValidationError) -> AUCResult
  {
    guard scores.count == outcomes.count else { throw .lengthMismatch(scores: scores.count, outcomes: outcomes.count) }
    guard z.isFinite, z > 0 else { throw .invalidQuantile(z) }
    if let bad = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteScore(index: bad) }
    var cases: [Double] = []
    var controls: [Double] = []
    for (s, o) in zip(scores, outcomes) { if o { cases.append(s) } else { controls.append(s) } }
    let m = cases.count
    let n = controls.count
    guard m >= 2, n >= 2 else { throw .notEnoughData(positives: m, negatives: n, minimum: 2) }
    cases.sort()
    controls.sort()
    // Placement values: V10 for each case (share of controls below, ties ½), V01 for each control
    // (share of cases above, ties ½).
    let v10 = cases.map { x in
      (Double(lowerBound(controls, x)) + 0.5 * Double(upperBound(controls, x) - lowerBound(controls, x))) / Double(n)
    }
    let v01 = controls.map { y in
      (Double(m - upperBound(cases, y)) + 0.5 * Double(upperBound(cases, y) - lowerBound(cases, y))) / Double(m)
    }
    let a = v10.reduce(0, +) / Double(m)
    let deLongSE = (sampleVariance(v10) / Double(m) + sampleVariance(v01) / Double(n)).squareRoot()
    let q1 = a / (2 - a)
    let q2 = 2 * a * a / (1 + a)
    let hmVariance = (a * (1 - a) + Double(m - 1) * (q1 - a * a) + Double(n - 1) * (q2 - a * a)) / Double(m * n)
    let hmSE = max(0, hmVariance).squareRoot()
    return AUCResult(
      auc: a, positives: m, negatives: n, z: z, deLong: AUCInterval(auc: a, standardError: deLongSE, z: z),
      hanleyMcNeil: AUCInterval(auc: a, standardError: hmSE, z: z))
  }

  /// Observed outcome counts and rates per band, in the order of `bandOrder` (bands not listed
  /// follow in order of first appearance).
  ///
  /// - Throws: ``RiskValidationError/lengthMismatch(scores:outcomes:)`` when the arrays differ in length.
  /// - Complexity: O(*N* + *b*²) for *b* bands.
  public static func outcomeRates(bands: [String], outcomes: [Bool], bandOrder: [String] = [])
    throws(RiskValidationError) -> [BandOutcomeRate]
  {
    guard bands.count == outcomes.count else { throw .lengthMismatch(scores: bands.count, outcomes: outcomes.count) }
    var order = bandOrder
    for b in bands where !order.contains(b) { order.append(b) }
    var count: [String: Int] = [:]
    var events: [String: Int] = [:]
    for (b, o) in zip(bands, outcomes) {
      count[b, default: 0] += 1
      if o { events[b, default: 0] += 1 }
    }
    return order.map { BandOutcomeRate(band: $0, count: count[$0] ?? 0, events: events[$0] ?? 0) }
  }

  /// The E/O index from each person's band and the band's expected outcome rate (e.g. the norm
  /// sample's base rate), with the interval `E/O · exp(±z/√O)` that treats O as Poisson (Hanson 2017,
  /// "Assessing the calibration of actuarial risk scales: a primer on the E/O index", *Criminal
  /// Justice and Behavior* 44(1); the formula is not confirmed in the SDK's sources).
  ///
  /// - Throws: ``RiskValidationError`` for unequal lengths, a band without or with an invalid expected
  ///   rate, no observed outcomes, or a bad quantile.
  /// - Complexity: O(*N* + *b*²).
  public static func calibration(
    bands: [String], outcomes: [Bool], expectedRates: [String: Double], bandOrder: [String] = [],
    z: Double = Distributions.normalQuantile975
  ) throws(RiskValidationError) -> CalibrationResult {
    guard z.isFinite, z > 0 else { throw .invalidQuantile(z) }
    let rates = try outcomeRates(bands: bands, outcomes: outcomes, bandOrder: bandOrder)
    var perBand: [BandCalibration] = []
    var expected = 0.0
    for r in rates {
      guard let e = expectedRates[r.band] else {
        if r.count == 0 { continue }
        throw .missingExpectedRate(band: r.band)
      }
      guard (0...1).contains(e) else { throw .invalidExpectedRate(band: r.band, rate: e) }
      expected += e * Double(r.count)
      perBand.append(
        BandCalibration(
          band: r.band, count: r.count, expectedRate: e, observedRate: r.rate, expected: e * Double(r.count),
          observed: r.events))
    }
    let observed = rates.reduce(0) { $0 + $1.events }
    guard observed > 0 else { throw .noObservedOutcomes }
    let ratio = expected / Double(observed)
    let spread = z / Double(observed).squareRoot()
    return CalibrationResult(
      expected: expected, observed: observed, ratio: ratio, lower: ratio * exp(-spread),
      upper: ratio * exp(spread), bands: perBand)
  }

  /// AUCs per subgroup (e.g. gender, age band), in order of first appearance; a group with too few
  /// outcomes gets a typed ``SubgroupAUC/Outcome/notComputed(_:)`` instead of a number.
  ///
  /// - Throws: ``RiskValidationError/lengthMismatch(scores:outcomes:)`` when the arrays differ in length.
  /// - Complexity: O(*N* log *N*).
  public static func subgroupAUCs(
    scores: [Double], outcomes: [Bool], groups: [String], z: Double = Distributions.normalQuantile975
  ) throws(RiskValidationError) -> [SubgroupAUC] {
    guard scores.count == outcomes.count else { throw .lengthMismatch(scores: scores.count, outcomes: outcomes.count) }
    guard groups.count == scores.count else { throw .lengthMismatch(scores: scores.count, outcomes: groups.count) }
    var order: [String] = []
    var members: [String: [Int]] = [:]
    for (i, g) in groups.enumerated() {
      if members[g] == nil { order.append(g) }
      members[g, default: []].append(i)
    }
    return order.map { g in
      let idx = members[g] ?? []
      let outcome: SubgroupAUC.Outcome
      do throws(RiskValidationError) {
        outcome = .computed(try auc(scores: idx.map { scores[$0] }, outcomes: idx.map { outcomes[$0] }, z: z))
      } catch {
        outcome = .notComputed(error)
      }
      return SubgroupAUC(group: g, count: idx.count, outcome: outcome)
    }
  }
}

/// The first index whose element is ≥ `x` in a sorted array.
private func lowerBound(_ a: [Double], _ x: Double) -> Int {
  var lo = 0
  var hi = a.count
  while lo < hi {
    let mid = (lo + hi) / 2
    if a[mid] < x { lo = mid + 1 } else { hi = mid }
  }
  return lo
}

/// The first index whose element is > `x` in a sorted array.
private func upperBound(_ a: [Double], _ x: Double) -> Int {
  var lo = 0
  var hi = a.count
  while lo < hi {
    let mid = (lo + hi) / 2
    if a[mid] <= x { lo = mid + 1 } else { hi = mid }
  }
  return lo
}

/// The sample variance (n − 1 denominator); callers guarantee at least two values.
private func sampleVariance(_ v: [Double]) -> Double {
  let mean = v.reduce(0, +) / Double(v.count)
  return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
}
