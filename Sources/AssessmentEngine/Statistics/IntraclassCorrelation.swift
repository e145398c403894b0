import Foundation

/// The six intraclass correlations of Shrout & Fleiss (1979), with F tests and confidence bounds,
/// exactly as R psych 2.2.9 `ICC(x, lmer = FALSE)` reports them.
///
/// Sources: Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
/// reliability. *Psychological Bulletin*, 86(2), 420–428; McGraw, K. O., & Wong, S. P. (1996).
/// Forming inferences about some intraclass correlation coefficients. *Psychological Methods*,
/// 1(1), 30–46. From the two-way ANOVA of n targets × k raters without replication,
/// MSB (targets), MSJ (raters), MSE (residual) and MSW = (SS_raters + SS_residual)/(n(k − 1)):
///
/// | form | psych name | value | F, df |
/// |---|---|---|---|
/// | one-way random, single | ICC1 | (MSB − MSW)/(MSB + (k−1)MSW) | MSB/MSW; n−1, n(k−1) |
/// | two-way random, single, absolute agreement | ICC2 | (MSB − MSE)/(MSB + (k−1)MSE + k(MSJ − MSE)/n) | MSB/MSE; n−1, (n−1)(k−1) |
/// | two-way mixed, single, consistency | ICC3 | (MSB − MSE)/(MSB + (k−1)MSE) | MSB/MSE |
/// | … average of k raters | ICC1k, ICC2k, ICC3k | (MSB − MSW)/MSB, (MSB − MSE)/(MSB + (MSJ − MSE)/n), (MSB − MSE)/MSB | as above |
///
/// The p value is the upper tail of F. Bounds: ICC1/ICC3 (and their k forms) invert the F test
/// (Shrout & Fleiss, eqs. 6–7 and 12–13); ICC2 uses the Satterthwaite-type approximation with df v
/// (Shrout & Fleiss, eq. 10; McGraw & Wong, table 7), ICC2k the Spearman–Brown step-up of those.
///
/// Accuracy contract (tests against psych 2.2.9): values, F and bounds to 1e-9, p to 1e-6 relative.
/// Sums of squares are computed in two passes from centred values (no textbook shortcut formulas).
public struct IntraclassCorrelation: Sendable, Hashable, Codable {
  /// One of the six forms.
  public struct Estimate: Sendable, Hashable, Codable {
    /// `ICC1`, `ICC2`, `ICC3`, `ICC1k`, `ICC2k` or `ICC3k` (psych's names).
    public var type: String
    /// The intraclass correlation.
    public var value: Double
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // (the F statistic, as psych::ICC and pingouin name it)
    /// The F statistic of the test that it is zero.
    public var F: Double
    /// Numerator degrees of freedom.
    public var df1: Double
    /// Denominator degrees of freedom.
    public var df2: Double
    /// The upper-tail p value of F.
    public var p: Double
    /// Lower confidence bound.
    public var lower: Double
    /// Upper confidence bound.
    public var upper: Double
  }

  /// Number of targets n.
  public var targets: Int
  /// Number of raters k.
  public var raters: Int
  /// Mean square between targets.
  public var msTargets: Double
  /// Mean square between raters.
  public var msRaters: Double
  /// Residual mean square.
  public var msResidual: Double
  /// Within-target mean square (raters and residual pooled), the one-way model's error.
  public var msWithin: Double
  /// The confidence level of the bounds.
  public var confidenceLevel: Double
  /// ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k, in that order.
  public var estimates: [Estimate]

  /// Computes the six ICCs from a complete n × k table (`ratings[target][rater]`).
  /// - Throws: ``IntraclassCorrelationError`` for fewer than 2 targets or raters, ragged rows,
  ///   non-finite ratings, or no variation between targets and within them (every F undefined).
  /// - Complexity: O(n·k).
  public init(ratings: [[Double]], confidenceLevel: Double = 0.95) throws(IntraclassCorrelationError) {
    let n = ratings.count
    guard n >= 2 else { throw .tooFewTargets(count: n) }
    let k = ratings[0].count
    guard k >= 2 else { throw .tooFewRaters(count: k) }
    for (i, row) in ratings.enumerated() {
      guard row.count == k else { throw .raggedTable(target: i, count: row.count, expected: k) }
      if let j = row.firstIndex(where: { !$0.isFinite }) { throw .notFinite(target: i, rater: j) }
    }
    guard confidenceLevel > 0, confidenceLevel < 1 else { throw .confidenceLevelOutOfRange(value: confidenceLevel) }
    let nD = Double(n)
    let kD = Double(k)
    // Pass 1: means.
    var rowMean = [Double](repeating: 0, count: n)
    var colMean = [Double](repeating: 0, count: k)
    var grand = 0.0
    for i in 0..<n {
      var s = 0.0
      for j in 0..<k {
        s += ratings[i][j]
        colMean[j] += ratings[i][j]
      }
      rowMean[i] = s / kD
      grand += s
    }
    grand /= nD * kD
    for j in 0..<k { colMean[j] /= nD }
    // Pass 2: sums of squares from centred values.
    var ssRows = 0.0
    for i in 0..<n { ssRows += (rowMean[i] - grand) * (rowMean[i] - grand) }
    ssRows *= kD
    var ssCols = 0.0
    for j in 0..<k { ssCols += (colMean[j] - grand) * (colMean[j] - grand) }
    ssCols *= nD
    var ssError = 0.0
    for i in 0..<n {
      let ri = rowMean[i] - grand
      for j in 0..<k {
        let e = ratings[i][j] - grand - ri - (colMean[j] - grand)
        ssError += e * e
      }
    }
    try self.init(n: n, k: k, ssRows: ssRows, ssCols: ssCols, ssError: ssError, confidenceLevel: confidenceLevel)
  }

  /// Computes the six ICCs from a long table of (target, rater, rating) records.
  ///
  /// Targets and raters are identified by their labels and kept in first-appearance order.
  /// - Throws: ``IntraclassCorrelationError/unbalanced(missing:)`` naming every target that lacks a
  ///   rating from some rater (and which raters), ``IntraclassCorrelationError/duplicateRating(target:rater:)``
  ///   for a rater rating a target twice, and the errors of ``init(ratings:confidenceLevel:)``.
  public init(long records: [IntraclassRating], confidenceLevel: Double = 0.95) throws(IntraclassCorrelationError) {
    var targetIndex: [String: Int] = [:]
    var raterIndex: [String: Int] = [:]
    var targetNames: [String] = []
    var raterNames: [String] = []
    for record in records {
      if targetIndex[record.target] == nil {
        targetIndex[record.target] = targetNames.count
        targetNames.append(record.target)
      }
      if raterIndex[record.rater] == nil {
        raterIndex[record.rater] = raterNames.count
        raterNames.append(record.rater)
      }
    }
    let n = targetNames.count
    let k = raterNames.count
    var table = [[Double]](repeating: [Double](repeating: .nan, count: k), count: n)
    var seen = [[Bool]](repeating: [Bool](repeating: false, count: k), count: n)
    for record in records {
      guard let i = targetIndex[record.target], let j = raterIndex[record.rater] else { continue }
      if seen[i][j] { throw .duplicateRating(target: record.target, rater: record.rater) }
      seen[i][j] = true
      guard record.rating.isFinite else { throw .notFinite(target: i, rater: j) }
      table[i][j] = record.rating
    }
    var missing: [IntraclassCorrelationError.MissingRatings] = []
    for i in 0..<n {
      let lacking = (0..<k).filter { !seen[i][$0] }.map { raterNames[$0] }
      if !lacking.isEmpty { missing.append(.init(target: targetNames[i], raters: lacking)) }
    }
    if !missing.isEmpty { throw .unbalanced(missing: missing) }
    try self.init(ratings: table, confidenceLevel: confidenceLevel)
  }

  init(n: Int, k: Int, ssRows: Double, ssCols: Double, ssError: Double, confidenceLevel: Double)
    throws(IntraclassCorrelationError)
  {
    let nD = Double(n)
    let kD = Double(k)
    let msb = ssRows / (nD - 1)
    let msj = ssCols / (kD - 1)
    let mse = ssError / ((nD - 1) * (kD - 1))
    let msw = (ssCols + ssError) / (nD * (kD - 1))
    guard msw > 0, mse > 0 else { throw .noWithinTargetVariance }
    let icc1 = (msb - msw) / (msb + (kD - 1) * msw)
    let icc2 = (msb - mse) / (msb + (kD - 1) * mse + kD * (msj - mse) / nD)
    let icc3 = (msb - mse) / (msb + (kD - 1) * mse)
    let icc1k = (msb - msw) / msb
    let icc2k = (msb - mse) / (msb + (msj - mse) / nD)
    let icc3k = (msb - mse) / msb
    let f1 = msb / msw
    let df11n = nD - 1
    let df11d = nD * (kD - 1)
    let f2 = msb / mse
    let df21n = nD - 1
    let df21d = (nD - 1) * (kD - 1)
    let alpha = 1 - confidenceLevel
    func q(_ p: Double, _ a: Double, _ b: Double) throws(IntraclassCorrelationError) -> Double {
      guard let value = Distributions.fQuantile(p, df1: a, df2: b) else { throw .undefinedBounds }
      return value
    }
    func upper(_ f: Double, _ a: Double, _ b: Double) throws(IntraclassCorrelationError) -> Double {
      guard let value = Distributions.fUpperTail(f, df1: a, df2: b) else { throw .undefinedBounds }
      return value
    }
    let p1 = try upper(f1, df11n, df11d)
    let p2 = try upper(f2, df21n, df21d)
    let f1L = f1 / (try q(1 - alpha / 2, df11n, df11d))
    let f1U = f1 * (try q(1 - alpha / 2, df11d, df11n))
    let f3L = f2 / (try q(1 - alpha / 2, df21n, df21d))
    let f3U = f2 * (try q(1 - alpha / 2, df21d, df21n))
    // ICC2: the approximate df of McGraw & Wong / Shrout & Fleiss (eq. 10), as psych codes it.
    let fj = msj / mse
    let vn = (kD - 1) * (nD - 1) * pow(kD * icc2 * fj + nD * (1 + (kD - 1) * icc2) - kD * icc2, 2)
    let vd = (nD - 1) * kD * kD * icc2 * icc2 * fj * fj + pow(nD * (1 + (kD - 1) * icc2) - kD * icc2, 2)
    let v = vn / vd
    let f2U = try q(1 - alpha / 2, nD - 1, v)
    let f2L = try q(1 - alpha / 2, v, nD - 1)
    let denominator = kD * msj + (kD * nD - kD - nD) * mse
    let l2 = nD * (msb - f2U * mse) / (f2U * denominator + nD * msb)
    let u2 = nD * (f2L * msb - mse) / (denominator + nD * f2L * msb)
    targets = n
    raters = k
    msTargets = msb
    msRaters = msj
    msResidual = mse
    msWithin = msw
    self.confidenceLevel = confidenceLevel
    estimates = [
      Estimate(
        type: "ICC1", value: icc1, F: f1, df1: df11n, df2: df11d, p: p1,
        lower: (f1L - 1) / (f1L + kD - 1), upper: (f1U - 1) / (f1U + kD - 1)),
      Estimate(type: "ICC2", value: icc2, F: f2, df1: df21n, df2: df21d, p: p2, lower: l2, upper: u2),
      Estimate(
        type: "ICC3", value: icc3, F: f2, df1: df21n, df2: df21d, p: p2,
        lower: (f3L - 1) / (f3L + kD - 1), upper: (f3U - 1) / (f3U + kD - 1)),
      Estimate(
        type: "ICC1k", value: icc1k, F: f1, df1: df11n, df2: df11d, p: p1,
        lower: 1 - 1 / f1L, upper: 1 - 1 / f1U),
      Estimate(
        type: "ICC2k", value: icc2k, F: f2, df1: df21n, df2: df21d, p: p2,
        lower: l2 * kD / (1 + l2 * (kD - 1)), upper: u2 * kD / (1 + u2 * (kD - 1))),
      Estimate(
        type: "ICC3k", value: icc3k, F: f2, df1: df21n, df2: df21d, p: p2,
        lower: 1 - 1 / f3L, upper: 1 - 1 / f3U),
    ]
  }

  /// The estimate of the named form (`"ICC1"` … `"ICC3k"`).
  public func estimate(_ type: String) -> Estimate? { estimates.first { $0.type == type } }
}

/// One rating in a long table: which target, which rater, what rating.
public struct IntraclassRating: Sendable, Hashable, Codable {
  /// The rated target (client, dyad, session, wine…).
  public var target: String
  /// The rater.
  public var rater: String
  /// The rating.
  public var rating: Double

  /// Creates a record.
  public init(target: String, rater: String, rating: Double) {
    self.target = target
    self.rater = rater
    self.rating = rating
  }
}

/// Why intraclass correlations could not be computed.
public enum IntraclassCorrelationError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
  /// A target and the raters whose rating of it is missing.
  public struct MissingRatings: Hashable, Codable, Sendable {
    /// The target's label.
    public var target: String
    /// The raters who did not rate it.
    public var raters: [String]
  }

  /// Fewer than 2 targets.
  case tooFewTargets(count: Int)
  /// Fewer than 2 raters.
  case tooFewRaters(count: Int)
  /// A row of the wide table with a different number of ratings (0-based target).
  case raggedTable(target: Int, count: Int, expected: Int)
  /// A NaN or infinite rating (0-based target and rater).
  case notFinite(target: Int, rater: Int)
  /// The design is unbalanced: these targets lack ratings from these raters. The ANOVA estimators
  /// need every rater to rate every target.
  case unbalanced(missing: [MissingRatings])
  /// The same rater rated the same target twice.
  case duplicateRating(target: String, rater: String)
  /// All ratings of each target are equal: the within-target mean squares are 0 and F is undefined.
  case noWithinTargetVariance
  /// An F quantile for the bounds could not be computed (degenerate degrees of freedom).
  case undefinedBounds
  /// A confidence level outside (0, 1).
  case confidenceLevelOutOfRange(value: Double)

  /// One sentence describing the problem.
  public var description: String {
    switch self {
    case .tooFewTargets(let count): "The ICC needs at least 2 targets; the table has \(count)."
    case .tooFewRaters(let count): "The ICC needs at least 2 raters; the table has \(count)."
    case .raggedTable(let target, let count, let expected):
      "Target \(target + 1) has \(count) ratings; every target needs \(expected)."
    case .notFinite(let target, let rater):
      "The rating of target \(target + 1) by rater \(rater + 1) is not a finite number."
    case .unbalanced(let missing):
      "The design is unbalanced (every rater must rate every target): "
        + missing.prefix(20).map {
          "target \(Redaction.bare($0.target)) lacks rater\($0.raters.count == 1 ? "" : "s") \($0.raters.joined(separator: ", "))"
        }
        .joined(separator: "; ") + (missing.count > 20 ? "; and \(missing.count - 20) more targets." : ".")
    case .duplicateRating(let target, let rater): "Rater \(rater) rated target \(target) more than once."
    case .noWithinTargetVariance:
      "Every target received identical ratings from all raters, so the F tests are undefined."
    case .undefinedBounds: "The confidence bounds are undefined for these degrees of freedom."
    case .confidenceLevelOutOfRange(let value): "The confidence level must lie strictly between 0 and 1 (got \(value))."
    }
  }
}
