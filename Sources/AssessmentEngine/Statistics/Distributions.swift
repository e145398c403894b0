import Foundation

/// Quantile and distribution functions used by the reliability and change statistics.
///
/// Everything here is computed in `Double` from the C library's `erfc`, `log1p` and `lgamma` plus the
/// algorithms named on each function. No tables.
///
/// Accuracy contract (checked in `DistributionsTests`): quantiles are accurate to about 1e-13
/// relative over the parameter range the SDK uses (probabilities in [1e-12, 1 − 1e-12], degrees of
/// freedom from 1 to 10⁷), against published values and against second, independent computations
/// (closed forms of Student's t for 1, 2 and 4 degrees of freedom; binomial sums for the incomplete
/// beta with integer parameters).
public enum Distributions {
  /// The standard normal distribution function Φ(x) = ½·erfc(−x/√2).
  public static func normalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
  }

  /// The standard normal quantile Φ⁻¹(p), or `nil` unless 0 < p < 1.
  ///
  /// A rational starting value (Abramowitz & Stegun 1964, formula 26.2.23, error < 4.5e-4) refined by
  /// Halley steps on the tail probability computed with `erfc`, which has small *relative* error in
  /// the tail; three steps reach full double precision.
  public static func normalQuantile(_ p: Double) -> Double? {
    guard p > 0, p < 1, p.isFinite else { return nil }
    if p == 0.5 { return 0 }
    // Work in the lower tail, where erfc keeps relative accuracy, and reflect.
    let lower = min(p, 1 - p)
    let t = (-2 * log(lower)).squareRoot()
    let numerator = 2.515517 + 0.802853 * t + 0.010328 * t * t
    let denominator = 1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t
    var x = -(t - numerator / denominator)
    for _ in 0..<6 {
      let tail = 0.5 * erfc(-x / 2.0.squareRoot())
      let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
      guard density > 0 else { break }
      let u = (tail - lower) / density
      let step = u / (1 + 0.5 * x * u)
      x -= step
      if abs(step) <= 1e-16 * max(1, abs(x)) { break }
    }
    return p < 0.5 ? x : -x
  }

  /// The standard normal quantile at 97.5%, z such that Φ(z) = 0.975: the z of two-sided 95%
  /// intervals, to the last digit R prints for `qnorm(0.975)` (1.959963984540054).
  ///
  /// Kept as the exact reference value (``normalQuantile(_:)`` agrees to 1e-15, checked in
  /// `DistributionsTests`) so that 95% intervals are bit-identical to those published with it.
  public static let normalQuantile975 = 1.959963984540054

  /// The z of a two-sided normal-theory interval at `confidence`: Φ⁻¹(1 − (1 − confidence)/2), exactly
  /// ``normalQuantile975`` at 0.95; `nil` unless 0 < confidence < 1.
  ///
  /// The one place the SDK turns a confidence level into a normal quantile (risk validation, the
  /// command line and the RPC server all call it).
  public static func twoSidedNormalQuantile(confidence: Double) -> Double? {
    guard confidence > 0, confidence < 1, confidence.isFinite else { return nil }
    if confidence == 0.95 { return normalQuantile975 }
    guard let z = normalQuantile(1 - (1 - confidence) / 2), z.isFinite, z > 0 else { return nil }
    return z
  }

  /// The regularized incomplete beta function I_x(a, b), or `nil` for invalid arguments.
  ///
  /// Continued fraction (Lentz's method; Press et al. 2007, *Numerical Recipes*, 3rd ed., §6.4) on the
  /// side of the mean where it converges fast, and the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) on the
  /// other. The prefactor xᵃ(1−x)ᵇ/B(a,b) uses Stirling-series corrections for large a and b
  /// (as in Loader 2000, *Fast and accurate computation of binomial probabilities*) so that its
  /// exponent does not lose digits to cancellation.
  public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double? {
    guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, x <= 1 else { return nil }
    if x == 0 { return 0 }
    if x == 1 { return 1 }
    if x < (a + 1) / (a + b + 2) {
      return betaPrefactor(x, a: a, b: b) * betaContinuedFraction(x, a: a, b: b) / a
    }
    return 1 - betaPrefactor(1 - x, a: b, b: a) * betaContinuedFraction(1 - x, a: b, b: a) / b
  }

  /// I_x(a, b) and its complement 1 − I_x(a, b), each computed without subtracting from 1 where
  /// possible, so that tail probabilities keep relative accuracy.
  static func incompleteBetaPair(_ x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
    if x <= 0 { return (0, 1) }
    if x >= 1 { return (1, 0) }
    if x < (a + 1) / (a + b + 2) {
      let lower = betaPrefactor(x, a: a, b: b) * betaContinuedFraction(x, a: a, b: b) / a
      return (lower, 1 - lower)
    }
    let upper = betaPrefactor(1 - x, a: b, b: a) * betaContinuedFraction(1 - x, a: b, b: a) / b
    return (1 - upper, upper)
  }

  /// The inverse of the regularized incomplete beta: the x with I_x(a, b) = p.
  ///
  /// Newton steps on the lower or upper tail (whichever is smaller, for relative accuracy), kept
  /// inside a shrinking bisection bracket so that a bad step can never leave (0, 1).
  public static func inverseRegularizedIncompleteBeta(_ p: Double, a: Double, b: Double) -> Double? {
    guard p >= 0, p <= 1, a > 0, b > 0, a.isFinite, b.isFinite else { return nil }
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    let useUpper = p > 0.5
    let target = useUpper ? 1 - p : p
    var low = 0.0
    var high = 1.0
    // Start at the mean; the bracket handles skewed small-parameter cases.
    var x = a / (a + b)
    for _ in 0..<400 {
      let pair = incompleteBetaPair(x, a: a, b: b)
      // f(x) increases in x for the lower tail and decreases for the upper tail.
      let f = useUpper ? target - pair.upper : pair.lower - target
      if f == 0 { return x }
      if f < 0 { low = x } else { high = x }
      let density = exp(logBetaDensity(x, a: a, b: b))
      var next = x - f / density
      if !(next > low && next < high) || !density.isFinite || density == 0 {
        next = 0.5 * (low + high)
      }
      if abs(next - x) <= 4 * Double.ulpOfOne * x || high - low <= 4 * Double.ulpOfOne * x {
        return next
      }
      x = next
    }
    return x
  }

  /// The quantile of Snedecor's F distribution with `df1` and `df2` degrees of freedom.
  ///
  /// F = (df2·x) / (df1·(1 − x)) with x = I⁻¹(p; df1/2, df2/2) (Abramowitz & Stegun 1964, 26.6.2).
  /// Used for the Feldt (1965) confidence interval of coefficient alpha.
  public static func fQuantile(_ p: Double, df1: Double, df2: Double) -> Double? {
    guard p > 0, p < 1, df1 > 0, df2 > 0, df1.isFinite, df2.isFinite,
      let x = inverseRegularizedIncompleteBeta(p, a: df1 / 2, b: df2 / 2), x < 1
    else { return nil }
    return df2 * x / (df1 * (1 - x))
  }

  /// The distribution function of Snedecor's F, P(F ≤ f).
  public static func fCDF(_ f: Double, df1: Double, df2: Double) -> Double? {
    guard df1 > 0, df2 > 0 else { return nil }
    if f <= 0 { return 0 }
    return regularizedIncompleteBeta(df1 * f / (df1 * f + df2), a: df1 / 2, b: df2 / 2)
  }

  /// The quantile of Student's t distribution with `df` degrees of freedom.
  ///
  /// t² = df·(1 − x)/x with x = I⁻¹(2·min(p, 1−p); df/2, ½) (Abramowitz & Stegun 1964, 26.7.1).
  public static func tQuantile(_ p: Double, df: Double) -> Double? {
    guard p > 0, p < 1, df > 0, df.isFinite else { return nil }
    if p == 0.5 { return 0 }
    let tail = min(p, 1 - p)
    guard let x = inverseRegularizedIncompleteBeta(2 * tail, a: df / 2, b: 0.5), x > 0 else {
      return nil
    }
    let magnitude = (df * (1 - x) / x).squareRoot()
    return p < 0.5 ? -magnitude : magnitude
  }

  // MARK: Implementation

  /// Lentz's continued fraction for I_x(a,b)·a / prefactor (Numerical Recipes §6.4, `betacf`).
  static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    var m = 1.0
    while m < 100_000 {
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= Double.ulpOfOne { break }
      m += 1
    }
    return h
  }

  /// xᵃ(1−x)ᵇ / B(a, b).
  static func betaPrefactor(_ x: Double, a: Double, b: Double) -> Double {
    exp(logBetaPrefactor(x, a: a, b: b))
  }

  /// log(xᵃ(1−x)ᵇ / B(a, b)); for a, b ≥ 10 written around x₀ = a/(a+b) so that the large terms
  /// a·log(x/x₀) and b·log((1−x)/(1−x₀)) cancel analytically rather than numerically.
  static func logBetaPrefactor(_ x: Double, a: Double, b: Double) -> Double {
    if a >= 10, b >= 10 {
      let s = a + b
      let x0 = a / s
      let deviation = x - x0
      let main = a * log1p(deviation / x0) + b * log1p(-deviation / (1 - x0))
      // log B(a,b) = ½log(2π) + (a−½)log a + (b−½)log b − (s−½)log s + δ(a) + δ(b) − δ(s)
      let correction = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(s)
      return main + 0.5 * log(a * b / s) - 0.5 * log(2 * Double.pi) - correction
    }
    return a * log(x) + b * log1p(-x) - logBeta(a, b)
  }

  /// log of the beta density x^(a−1)(1−x)^(b−1)/B(a,b).
  static func logBetaDensity(_ x: Double, a: Double, b: Double) -> Double {
    logBetaPrefactor(x, a: a, b: b) - log(x) - log1p(-x)
  }

  /// log B(a, b) from `lgamma` (small arguments only; see `logBetaPrefactor`).
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    lgamma(a) + lgamma(b) - lgamma(a + b)
  }

  /// δ(x) = log Γ(x) − [(x−½)log x − x + ½log(2π)], the Stirling series
  /// 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)
  /// (Abramowitz & Stegun 1964, 6.1.40); truncation error < 1e-15 for x ≥ 10.
  static func stirlingCorrection(_ x: Double) -> Double {
    let inverse = 1 / x
    let inverse2 = inverse * inverse
    var series = 1.0 / 156.0
    series = -691.0 / 360_360.0 + inverse2 * series
    series = 1.0 / 1188.0 + inverse2 * series
    series = -1.0 / 1680.0 + inverse2 * series
    series = 1.0 / 1260.0 + inverse2 * series
    series = -1.0 / 360.0 + inverse2 * series
    series = 1.0 / 12.0 + inverse2 * series
    return series * inverse
  }
}
