#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Standardized pre–post effect sizes for paired data, with the paired t test and confidence
/// intervals that hold in small groups.
///
/// Definitions follow Lakens, D. (2013). Calculating and reporting effect sizes to facilitate
/// cumulative science: a practical primer for t-tests and ANOVAs. *Frontiers in Psychology*, 4, 863:
/// - **d_z** = M_diff / SD_diff (formula 7);
/// - **d_av** = M_diff / ((SD_pre + SD_post)/2) (formula 10);
/// - **g_av** = d_av·J with Hedges' correction J = 1 − 3/(4·df − 1), df = n − 1.
///
/// **Paired t test.** t = d_z·√n on df = n − 1, two-sided p = 2·P(T ≥ |t|) (Student's t).
///
/// **d_z interval: exact.** d_z·√n is a noncentral t with df = n − 1 and noncentrality δ = √n·μ/σ,
/// so the interval inverts the noncentral t distribution function (Steiger, J. H., & Fouladi, R. T.
/// 1997. Noncentrality interval estimation and the evaluation of statistical models. In Harlow,
/// Mulaik & Steiger (Eds.), *What if there were no significance tests?*, 221–257): δ_L solves
/// P(T ≤ t; δ_L) = 1 − α/2, δ_U solves P(T ≤ t; δ_U) = α/2, and the limits are δ/√n. This is what
/// R's `MBESS::ci.sm` and `effectsize::cohens_d(paired = TRUE)` report; the noncentral t CDF is
/// ``Distributions/noncentralTCDF(_:df:ncp:)`` (Lenth 1989, AS 243).
///
/// **g_av interval: approximate.** The d_z limits are rescaled by SD_diff/SD_av and by J, i.e. the
/// noncentral-t interval of the paired t statistic is carried to the d_av metric treating the ratio
/// of the two standardizers as known — the approach of Algina, J., & Keselman, H. J. (2003).
/// Approximate confidence intervals for effect sizes. *Educational and Psychological Measurement*,
/// 63(4), 537–553, for dependent-samples effect sizes. It ignores the sampling error of that ratio,
/// so its coverage is only approximately nominal; report d_z's exact interval as the primary one.
///
/// "Change" is post − pre, so a positive effect means scores went up; read it with the scale's
/// ``ScoreDirection``.
///
/// JSON keys (stable): `n`, `meanDifference`, `sdDifference`, `sdPre`, `sdPost`, `correlation`,
/// `dz`, `dzLower`, `dzUpper`, `dav`, `gav`, `gavLower`, `gavUpper`, `confidenceLevel`, `t`, `df`,
/// `p`, `intervalMethod`.
public struct PairedEffectSize: Sendable, Hashable, Codable {
  /// Number of pairs.
  public var n: Int
  /// Mean of post − pre.
  public var meanDifference: Double
  /// SD of post − pre (n − 1 denominator).
  public var sdDifference: Double
  /// SD of the pre scores.
  public var sdPre: Double
  /// SD of the post scores.
  public var sdPost: Double
  /// Pearson correlation of pre and post.
  public var correlation: Double
  /// Cohen's d_z.
  public var dz: Double
  /// Lower limit for d_z (exact, noncentral t).
  public var dzLower: Double
  /// Upper limit for d_z.
  public var dzUpper: Double
  /// Cohen's d_av.
  public var dav: Double
  /// Hedges' g_av.
  public var gav: Double
  /// Lower limit for g_av (noncentral-t limits rescaled; approximate).
  public var gavLower: Double
  /// Upper limit for g_av.
  public var gavUpper: Double
  /// The confidence level of the intervals.
  public var confidenceLevel: Double
  /// The paired t statistic, d_z·√n.
  public var t: Double
  /// Its degrees of freedom, n − 1.
  public var df: Int
  /// The two-sided p value of the paired t test.
  public var p: Double
  /// How the intervals were computed (`"noncentral-t"`: exact for d_z, Algina–Keselman for g_av).
  public var intervalMethod: String

  /// Computes the effect sizes from paired scores.
  /// - Throws: ``ChangeStatisticsError`` for unequal lengths, fewer than 3 pairs, non-finite scores,
  ///   a confidence level outside (0, 1), or no variation in pre, post or the differences.
  /// - Complexity: O(n).
  public init(pre: [Double], post: [Double], confidenceLevel: Double = 0.95) throws(ChangeStatisticsError) {
    guard pre.count == post.count else { throw .unequalLengths(pre: pre.count, post: post.count) }
    guard pre.count >= 3 else { throw .tooFewPairs(count: pre.count, minimum: 3) }
    guard confidenceLevel > 0, confidenceLevel < 1 else {
      throw .confidenceLevelOutOfRange(value: confidenceLevel)
    }
    if pre.contains(where: { !$0.isFinite }) { throw .notFinite(input: "pre") }
    if post.contains(where: { !$0.isFinite }) { throw .notFinite(input: "post") }
    let n = pre.count
    let differences = zip(pre, post).map { $0.1 - $0.0 }
    let (meanDiff, sdDiff) = Self.meanAndSD(differences)
    let (_, sdPre) = Self.meanAndSD(pre)
    let (_, sdPost) = Self.meanAndSD(post)
    guard sdPre > 0 else { throw .zeroVariance(series: "pre") }
    guard sdPost > 0 else { throw .zeroVariance(series: "post") }
    guard sdDiff > 0 else { throw .zeroVariance(series: "difference") }
    let r = try testRetestCorrelation(pre, post)
    let nD = Double(n)
    let dz = meanDiff / sdDiff
    let dav = meanDiff / ((sdPre + sdPost) / 2)
    let df = nD - 1
    let j = 1 - 3 / (4 * df - 1)
    let gav = j * dav
    let t = dz * nD.squareRoot()
    let alpha = 1 - confidenceLevel
    guard let upperTail = Distributions.tCDF(-abs(t), df: df),
      let deltaLower = Distributions.noncentralityForTCDF(t, df: df, probability: 1 - alpha / 2),
      let deltaUpper = Distributions.noncentralityForTCDF(t, df: df, probability: alpha / 2)
    else { throw .notFinite(input: "difference") }
    let rescale = sdDiff / ((sdPre + sdPost) / 2)
    self.n = n
    self.meanDifference = meanDiff
    self.sdDifference = sdDiff
    self.sdPre = sdPre
    self.sdPost = sdPost
    self.correlation = r
    self.dz = dz
    self.dzLower = deltaLower / nD.squareRoot()
    self.dzUpper = deltaUpper / nD.squareRoot()
    self.dav = dav
    self.gav = gav
    self.gavLower = j * rescale * deltaLower / nD.squareRoot()
    self.gavUpper = j * rescale * deltaUpper / nD.squareRoot()
    self.t = t
    self.df = n - 1
    self.p = min(1, 2 * upperTail)
    self.intervalMethod = "noncentral-t"
    self.confidenceLevel = confidenceLevel
  }

  /// Two-pass mean and SD (n − 1 denominator).
  static func meanAndSD(_ values: [Double]) -> (mean: Double, sd: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, (squares / (n - 1)).squareRoot())
  }
}

/// The test–retest reliability as the Pearson correlation of two administrations.
///
/// Two-pass computation (means first, then centred cross-products), the textbook definition
/// (e.g. Lord & Novick 1968, *Statistical Theories of Mental Test Scores*, ch. 2).
/// - Throws: ``ChangeStatisticsError`` for unequal lengths, fewer than 3 pairs, non-finite values or
///   a series without variation.
/// - Complexity: O(n).
public func testRetestCorrelation(_ first: [Double], _ second: [Double]) throws(ChangeStatisticsError) -> Double {
  guard first.count == second.count else { throw .unequalLengths(pre: first.count, post: second.count) }
  guard first.count >= 3 else { throw .tooFewPairs(count: first.count, minimum: 3) }
  if first.contains(where: { !$0.isFinite }) { throw .notFinite(input: "pre") }
  if second.contains(where: { !$0.isFinite }) { throw .notFinite(input: "post") }
  let n = Double(first.count)
  let mx = first.reduce(0, +) / n
  let my = second.reduce(0, +) / n
  var sxx = 0.0
  var syy = 0.0
  var sxy = 0.0
  for (x, y) in zip(first, second) {
    sxx += (x - mx) * (x - mx)
    syy += (y - my) * (y - my)
    sxy += (x - mx) * (y - my)
  }
  guard sxx > 0 else { throw .zeroVariance(series: "pre") }
  guard syy > 0 else { throw .zeroVariance(series: "post") }
  return sxy / (sxx * syy).squareRoot()
}
