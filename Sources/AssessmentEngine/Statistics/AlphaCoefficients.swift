/// The coefficients psych's internal `alpha.1(C, R)` returns for one covariance matrix
/// (R psych 2.2.9, R/alpha.R), computed from a keyed covariance matrix C and R = cov2cor(C).
struct AlphaCoefficients: Sendable, Hashable {
  /// (1 − tr C/ΣC)·k/(k−1).
  var raw: Double
  /// (1 − k/ΣR)·k/(k−1).
  var standardized: Double
  /// Guttman's λ6 with squared multiple correlations: 1 − (k − Σsmc)/ΣR.
  var lambda6: Double
  /// (ΣR − k)/(k(k−1)).
  var averageR: Double
  /// k·r̄/(1 − r̄).
  var signalToNoise: Double
  /// Duhachek & Iacobucci's Q (Hattori's 2016 correction: matrix products):
  /// 2k²/((k−1)²(ΣC)³)·[ΣC·(tr(CC) + (tr C)²) − 2·tr C·Σ(CC)].
  var q: Double
  /// Variance (n − 1 denominator) of the k(k−1)/2 correlations below the diagonal; nil for k = 2.
  var varianceR: Double?
  /// Median of the correlations below the diagonal.
  var medianR: Double

  /// alpha.1 for `c` (k×k, row-major); `smc` are the squared multiple correlations of R.
  init(covariance c: [Double], correlation r: [Double], smc: [Double], k: Int) {
    let kd = Double(k)
    var sumC = 0.0
    var traceC = 0.0
    var sumR = 0.0
    var traceCC = 0.0
    var sumCC = 0.0
    var lower: [Double] = []
    lower.reserveCapacity(k * (k - 1) / 2)
    for i in 0..<k {
      var column = 0.0
      for j in 0..<k {
        let value = c[i * k + j]
        sumC += value
        sumR += r[i * k + j]
        traceCC += value * value
        column += value
        if j < i { lower.append(r[i * k + j]) }
      }
      traceC += c[i * k + i]
      sumCC += column * column
    }
    raw = (1 - traceC / sumC) * (kd / (kd - 1))
    standardized = (1 - kd / sumR) * (kd / (kd - 1))
    lambda6 = 1 - (kd - smc.reduce(0, +)) / sumR
    averageR = (sumR - kd) / (kd * (kd - 1))
    signalToNoise = kd * averageR / (1 - averageR)
    q =
      (2 * kd * kd / ((kd - 1) * (kd - 1) * (sumC * sumC * sumC)))
      * (sumC * (traceCC + traceC * traceC) - 2 * (traceC * sumCC))
    if lower.count >= 2 {
      let mean = lower.reduce(0, +) / Double(lower.count)
      varianceR = lower.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(lower.count - 1)
    } else {
      varianceR = nil
    }
    medianR = Self.median(lower)
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = sorted.count
    if n == 0 { return .nan }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }
}

/// Small dense symmetric-matrix helpers (k is the number of items, at most a few hundred).
enum SymmetricMatrix {
  /// Squared multiple correlations 1 − 1/diag(R⁻¹) (psych `smc`), via a Cholesky factorization.
  /// Returns the index of the first failing pivot when R is not positive definite.
  static func squaredMultipleCorrelations(_ r: [Double], _ k: Int) -> Result<[Double], PivotFailure> {
    switch inverseDiagonal(r, k) {
    case .success(let diagonal): .success(diagonal.map { 1 - 1 / $0 })
    case .failure(let failure): .failure(failure)
    }
  }

  struct PivotFailure: Error { var index: Int }

  /// diag(A⁻¹) for symmetric positive-definite A: with A = LLᵀ, (A⁻¹)_ii = Σ_j (L⁻¹)_ji².
  static func inverseDiagonal(_ a: [Double], _ k: Int) -> Result<[Double], PivotFailure> {
    var l = [Double](repeating: 0, count: k * k)
    for j in 0..<k {
      var d = a[j * k + j]
      for p in 0..<j { d -= l[j * k + p] * l[j * k + p] }
      // A relative pivot threshold rejects numerically singular matrices (perfect correlation).
      guard d > 1e-12 * abs(a[j * k + j]), d.isFinite else { return .failure(PivotFailure(index: j)) }
      let root = d.squareRoot()
      l[j * k + j] = root
      for i in (j + 1)..<max(j + 1, k) {
        var s = a[i * k + j]
        for p in 0..<j { s -= l[i * k + p] * l[j * k + p] }
        l[i * k + j] = s / root
      }
    }
    // Invert L (lower triangular) column by column.
    var inverse = [Double](repeating: 0, count: k * k)
    for j in 0..<k {
      inverse[j * k + j] = 1 / l[j * k + j]
      for i in (j + 1)..<max(j + 1, k) {
        var s = 0.0
        for p in j..<i { s -= l[i * k + p] * inverse[p * k + j] }
        inverse[i * k + j] = s / l[i * k + i]
      }
    }
    var diagonal = [Double](repeating: 0, count: k)
    for i in 0..<k {
      var s = 0.0
      for j in i..<k { s += inverse[j * k + i] * inverse[j * k + i] }
      diagonal[i] = s
    }
    return .success(diagonal)
  }

  /// The submatrix of the rows and columns in `kept` (in that order).
  static func selecting(_ a: [Double], _ k: Int, _ kept: [Int]) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(kept.count * kept.count)
    for i in kept {
      for j in kept { result.append(a[i * k + j]) }
    }
    return result
  }

  /// The submatrix without row and column `drop`.
  static func removing(_ a: [Double], _ k: Int, index drop: Int) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity((k - 1) * (k - 1))
    for i in 0..<k where i != drop {
      for j in 0..<k where j != drop { result.append(a[i * k + j]) }
    }
    return result
  }
}
