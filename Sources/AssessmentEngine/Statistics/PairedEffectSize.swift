#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Standardized pre–post effect sizes for paired data, with approximate confidence intervals.
///
/// Definitions follow Lakens, D. (2013). Calculating and reporting effect sizes to facilitate
/// cumulative science: a practical primer for t-tests and ANOVAs. *Frontiers in Psychology*, 4, 863:
/// - **d_z** = M_diff / SD_diff (formula 7);
/// - **d_av** = M_diff / ((SD_pre + SD_post)/2) (formula 10);
/// - **g_av** = d_av·J with Hedges' correction J = 1 − 3/(4·df − 1), df = n − 1.
///
/// The intervals are the large-sample normal approximations of Borenstein, Hedges, Higgins &
/// Rothstein (2009), *Introduction to Meta-Analysis*, ch. 4: Var(d_z) = 1/n + d_z²/(2n);
/// Var(d_av) = (1/n + d_av²/(2n))·2(1 − r) with r the pre–post correlation (formula 4.28), and
/// Var(g) = J²·Var(d) (formula 4.24); CI = estimate ± z_{1−α/2}·SE. They are approximations,
/// not the exact noncentral-t intervals; for n < 20 treat them as rough.
///
/// "Change" is post − pre, so a positive effect means scores went up; read it with the scale's
/// ``ScoreDirection``.
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
  /// Lower limit for d_z.
  public var dzLower: Double
  /// Upper limit for d_z.
  public var dzUpper: Double
  /// Cohen's d_av.
  public var dav: Double
  /// Hedges' g_av.
  public var gav: Double
  /// Lower limit for g_av.
  public var gavLower: Double
  /// Upper limit for g_av.
  public var gavUpper: Double
  /// The confidence level of the intervals.
  public var confidenceLevel: Double

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
    let z = Distributions.normalQuantile(0.5 + confidenceLevel / 2) ?? 1.959963984540054
    let nD = Double(n)
    let dz = meanDiff / sdDiff
    let seDz = (1 / nD + dz * dz / (2 * nD)).squareRoot()
    let dav = meanDiff / ((sdPre + sdPost) / 2)
    let df = nD - 1
    let j = 1 - 3 / (4 * df - 1)
    let gav = j * dav
    let seGav = j * ((1 / nD + dav * dav / (2 * nD)) * 2 * (1 - r)).squareRoot()
    self.n = n
    self.meanDifference = meanDiff
    self.sdDifference = sdDiff
    self.sdPre = sdPre
    self.sdPost = sdPost
    self.correlation = r
    self.dz = dz
    self.dzLower = dz - z * seDz
    self.dzUpper = dz + z * seDz
    self.dav = dav
    self.gav = gav
    self.gavLower = gav - z * seGav
    self.gavUpper = gav + z * seGav
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
