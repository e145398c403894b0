import Foundation

/// Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method, and the
/// matrix repairs psych applies with it (`cor.smooth`, `Pinv`).
///
/// Cyclic Jacobi rotations (Golub & Van Loan 2013, *Matrix Computations*, 4th ed., §8.5) converge
/// quadratically and give eigenvalues with small *relative* error for well-scaled matrices; k is at
/// most a few hundred items here, so O(k³) per sweep is fine.
struct SymmetricEigen: Sendable {
  /// Eigenvalues, in decreasing order.
  var values: [Double]
  /// Eigenvectors as columns, row-major k×k (`vectors[i * k + j]` = component i of vector j).
  var vectors: [Double]
  var k: Int

  /// Decomposes the symmetric k×k row-major matrix `a`.
  init(_ a: [Double], _ k: Int) {
    var m = a
    var v = [Double](repeating: 0, count: k * k)
    for i in 0..<k { v[i * k + i] = 1 }
    for _ in 0..<100 {
      var off = 0.0
      for i in 0..<k {
        for j in (i + 1)..<max(i + 1, k) { off += m[i * k + j] * m[i * k + j] }
      }
      if off == 0 { break }
      var total = 0.0
      for i in 0..<k { total += m[i * k + i] * m[i * k + i] }
      if off <= 1e-34 * (total + off) { break }
      for p in 0..<k {
        for q in (p + 1)..<max(p + 1, k) {
          let apq = m[p * k + q]
          if apq == 0 { continue }
          let app = m[p * k + p]
          let aqq = m[q * k + q]
          let theta = (aqq - app) / (2 * apq)
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for r in 0..<k {
            let mrp = m[r * k + p]
            let mrq = m[r * k + q]
            m[r * k + p] = c * mrp - s * mrq
            m[r * k + q] = s * mrp + c * mrq
          }
          for r in 0..<k {
            let mpr = m[p * k + r]
            let mqr = m[q * k + r]
            m[p * k + r] = c * mpr - s * mqr
            m[q * k + r] = s * mpr + c * mqr
          }
          m[p * k + q] = 0
          m[q * k + p] = 0
          for r in 0..<k {
            let vrp = v[r * k + p]
            let vrq = v[r * k + q]
            v[r * k + p] = c * vrp - s * vrq
            v[r * k + q] = s * vrp + c * vrq
          }
        }
      }
    }
    let order = (0..<k).sorted { m[$0 * k + $0] > m[$1 * k + $1] }
    values = order.map { m[$0 * k + $0] }
    var sorted = [Double](repeating: 0, count: k * k)
    for (newColumn, oldColumn) in order.enumerated() {
      for r in 0..<k { sorted[r * k + newColumn] = v[r * k + oldColumn] }
    }
    vectors = sorted
    self.k = k
  }

  /// V·diag(d)·Vᵀ.
  func compose(_ d: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: k * k)
    for i in 0..<k {
      for j in i..<k {
        var s = 0.0
        for e in 0..<k { s += vectors[i * k + e] * d[e] * vectors[j * k + e] }
        out[i * k + j] = s
        out[j * k + i] = s
      }
    }
    return out
  }
}

extension SymmetricMatrix {
  /// psych's `cor.smooth(x, eig.tol = 1e-12)` (R psych 2.2.9): when the smallest eigenvalue is below
  /// machine epsilon, eigenvalues below 1e-12 become 100·1e-12, all are rescaled to sum to k, the
  /// matrix is recomposed and turned back into a correlation matrix (cov2cor). Returns the matrix
  /// unchanged and `false` when it was already positive definite.
  static func smoothed(_ r: [Double], _ k: Int) -> (matrix: [Double], smoothed: Bool) {
    let eigen = SymmetricEigen(r, k)
    guard let smallest = eigen.values.last, smallest < Double.ulpOfOne else { return (r, false) }
    var values = eigen.values.map { $0 < 1e-12 ? 100 * 1e-12 : $0 }
    let total = values.reduce(0, +)
    values = values.map { $0 * Double(k) / total }
    let composed = eigen.compose(values)
    var out = composed
    for i in 0..<k {
      for j in 0..<k {
        out[i * k + j] = i == j ? 1 : composed[i * k + j] / (composed[i * k + i] * composed[j * k + j]).squareRoot()
      }
    }
    return (out, true)
  }

  /// psych's `smc(R)` (R psych 2.2.9): 1 − 1/diag(R⁺) with R⁺ the Moore–Penrose inverse (`Pinv`,
  /// singular values below √ε·d_max dropped), then values above 1 set to 1 and below 0 set to 0.
  /// A positive-definite R takes the Cholesky route (the same numbers, to rounding); `adjusted`
  /// says whether the pseudo-inverse or the clamping was needed.
  static func psychSMC(_ r: [Double], _ k: Int) -> (smc: [Double], adjusted: Bool) {
    switch squaredMultipleCorrelations(r, k) {
    case .success(let smc) where smc.allSatisfy({ $0 >= 0 && $0 <= 1 }):
      return (smc, false)
    default:
      let eigen = SymmetricEigen(r, k)
      let largest = eigen.values.map(abs).max() ?? 0
      let tolerance = Double.ulpOfOne.squareRoot() * largest
      let inverse = eigen.values.map { abs($0) > tolerance ? 1 / $0 : 0 }
      var smc = [Double](repeating: 0, count: k)
      for i in 0..<k {
        var d = 0.0
        for e in 0..<k { d += eigen.vectors[i * k + e] * inverse[e] * eigen.vectors[i * k + e] }
        smc[i] = min(1, max(0, 1 - 1 / d))
      }
      return (smc, true)
    }
  }
}
