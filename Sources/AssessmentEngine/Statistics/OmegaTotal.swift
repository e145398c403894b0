/// McDonald's omega total from a one-factor minimum-residual (minres) fit.
///
/// psych's `omega(x, nfactors = 1)` (R psych 2.2.9, R/omega.R and R/fa.R, `fm = "minres"`) fits one
/// factor by minimizing the sum of squared off-diagonal residuals of the correlation matrix,
/// Σ_{i≠j}(r_ij − λᵢλⱼ)² (unweighted least squares), with uniquenesses bounded below by 0.005.
/// Here the same objective is minimized by exact coordinate descent (each λᵢ has the closed-form
/// minimizer Σ_{j≠i} r_ij λⱼ / Σ_{j≠i} λⱼ², clamped to λᵢ² ≤ 0.995) until no loading moves by more
/// than 1e-15. Then h²ᵢ = λᵢ², u²ᵢ = 1 − h²ᵢ and ω_t = (ΣR − Σu²)/ΣR with the *observed* ΣR.
///
/// Accuracy contract: agrees with psych 2.2.9 `omega(nfactors = 1)$omega.tot` to 1e-6 relative
/// (psych stops its L-BFGS-B optimizer earlier than this solver; see `StatsReliabilityTests`).
public struct OmegaTotal: Sendable, Hashable, Codable {
  /// ω_t.
  public var omegaTotal: Double
  /// One-factor loadings λᵢ (keyed items, sign chosen so that Σλ > 0).
  public var loadings: [Double]
  /// Communalities λᵢ².
  public var communalities: [Double]
  /// Uniquenesses 1 − λᵢ².
  public var uniquenesses: [Double]
  /// Sweeps of coordinate descent used.
  public var iterations: Int
  /// Item positions whose communality hit the 0.995 bound (a Heywood case).
  public var boundedItems: [Int]

  /// Fits the model to a k×k correlation matrix (row-major) with start values from the SMCs.
  init(correlation r: [Double], k: Int, smc: [Double]) {
    let bound = 0.995
    var lambda = smc.map { max($0, 0.01).squareRoot() }
    var sweeps = 0
    while sweeps < 100_000 {
      sweeps += 1
      var largestMove = 0.0
      for i in 0..<k {
        var numerator = 0.0
        var denominator = 0.0
        for j in 0..<k where j != i {
          numerator += r[i * k + j] * lambda[j]
          denominator += lambda[j] * lambda[j]
        }
        guard denominator > 0 else { continue }
        var next = numerator / denominator
        if next * next > bound { next = next < 0 ? -bound.squareRoot() : bound.squareRoot() }
        largestMove = max(largestMove, abs(next - lambda[i]))
        lambda[i] = next
      }
      if largestMove <= 1e-15 { break }
    }
    if lambda.reduce(0, +) < 0 { lambda = lambda.map { -$0 } }
    let h2 = lambda.map { $0 * $0 }
    let u2 = h2.map { 1 - $0 }
    let total = r.reduce(0, +)
    loadings = lambda
    communalities = h2
    uniquenesses = u2
    omegaTotal = (total - u2.reduce(0, +)) / total
    iterations = sweeps
    boundedItems = h2.indices.filter { h2[$0] >= bound * (1 - 1e-12) }
  }
}
