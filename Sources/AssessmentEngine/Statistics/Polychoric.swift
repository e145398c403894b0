import Foundation

/// Polychoric correlations of ordinal items, as R psych 2.2.9 `polychoric(x)` computes them with
/// its defaults, and the ordinal alpha and omega built on them.
///
/// **Model.** Each item is a coarsened standard normal: category c is observed when
/// τ_{c−1} < z ≤ τ_c. **Thresholds** (psych's `global = TRUE`): τ_c = Φ⁻¹(share of answers ≤ c)
/// from each item's own marginal over its answered rows, for the categories from the smallest to the
/// largest value observed in any item. **Correlation** of each pair: the ρ maximizing the
/// multinomial log-likelihood of the pair's contingency table (rows where both are answered) with
/// the thresholds fixed (Olsson 1979, "two-step"), ℓ(ρ) = Σ_ij p_ij·log P_ij(ρ), where p_ij are the
/// observed cell shares and P_ij differences of the bivariate normal distribution function
/// (``Distributions/bivariateNormalCDF(_:_:rho:)``, Genz 2004). psych maximizes with R's
/// `optimize` (Brent) at its default tolerance ≈ 1.2e-4; here Brent's method runs to 1e-12 in ρ, so
/// the likelihood at the SDK's ρ is at least psych's (a test checks this).
///
/// **Empty cells.** With global thresholds psych 2.2.9 does *not* apply its continuity correction:
/// `correct = 0.5` is used only in `polyc`'s non-global branch (R/polychoric.R); an empty cell adds
/// 0 to ℓ. When the items do not all span the same categories psych switches to `global = FALSE`,
/// and so does this type: then each pair's table loses its empty rows and columns, empty cells
/// become `correction`/n, and the thresholds come from that table's margins.
///
/// **Smoothing.** A matrix that is not positive definite is smoothed as psych's `cor.smooth`
/// (eigenvalues below 1e-12 set to 1e-10, rescaled to sum k, back to a correlation matrix).
///
/// Accuracy contract: agrees with psych 2.2.9 to 5e-4 (its optimizer tolerance) on the reference
/// data; thresholds to 1e-12.
public struct PolychoricCorrelation: Sendable, Hashable, Codable {
  /// Item names, in column order.
  public var items: [String]
  /// The correlation matrix, `rho[i][j]` (after smoothing, if any).
  public var rho: [[Double]]
  /// Per item, the thresholds τ₁ … τ_{C−1} (−∞/+∞ when a lowest/highest category is unused).
  public var thresholds: [[Double]]
  /// Whether the matrix was smoothed (it was not positive definite).
  public var smoothed: Bool
  /// Whether global thresholds were used (false when items span different categories).
  public var globalThresholds: Bool
  /// Rows in the data.
  public var rowCount: Int

  /// Computes the polychoric matrix of `itemCount` items from row-major codes (0 = missing,
  /// 1…`levels` the ordered categories).
  /// - Throws: ``PolychoricError`` for fewer than 2 items, a buffer of the wrong length, an item with
  ///   fewer than two categories answered (psych drops it with a message; here it is named), or two
  ///   items never answered together.
  /// - Complexity: O(rows · items²) to tabulate, then O(items² · C² · iterations) bivariate normal
  ///   evaluations.
  public init(codes: [UInt8], itemCount k: Int, levels: Int, itemNames: [String]? = nil, correction: Double = 0.5)
    throws(PolychoricError)
  {
    guard k >= 2 else { throw .tooFewItems(count: k) }
    guard levels >= 2, levels <= 255, codes.count % k == 0 else { throw .invalidLayout }
    let n = codes.count / k
    let names = itemNames?.count == k ? itemNames ?? [] : (1...k).map { "item\($0)" }
    // Marginal counts per item.
    var marginal = [[Int]](repeating: [Int](repeating: 0, count: levels + 1), count: k)
    for row in 0..<n {
      for j in 0..<k {
        let c = Int(codes[row * k + j])
        guard c <= levels else { throw .codeOutOfRange(row: row, column: j) }
        marginal[j][c] += 1
      }
    }
    var lowest = levels
    var highest = 1
    var itemHighest = [Int](repeating: 0, count: k)
    for j in 0..<k {
      let used = (1...levels).filter { marginal[j][$0] > 0 }
      guard used.count >= 2, let first = used.first, let last = used.last else { throw .noVariance(item: names[j]) }
      lowest = min(lowest, first)
      highest = max(highest, last)
      itemHighest[j] = last
    }
    let global = Set(itemHighest).count == 1
    let categories = highest - lowest + 1
    var tau = [[Double]](repeating: [], count: k)
    for j in 0..<k {
      let answered = Double(marginal[j][1...].reduce(0, +))
      var cumulative = 0
      for c in lowest..<highest {
        cumulative += marginal[j][c]
        let share = Double(cumulative) / answered
        tau[j].append(
          share <= 0 ? -.infinity : (share >= 1 ? .infinity : (Distributions.normalQuantile(share) ?? .nan)))
      }
    }
    // Pair tables (categories lowest…highest), one pass over the rows.
    let cells = categories * categories
    let pairCount = k * (k - 1) / 2
    var tables = [Int](repeating: 0, count: pairCount * cells)
    for row in 0..<n {
      let base = row * k
      var pair = 0
      for a in 0..<k {
        let ca = Int(codes[base + a])
        if ca == 0 {
          pair += k - a - 1
          continue
        }
        for b in (a + 1)..<k {
          let cb = Int(codes[base + b])
          if cb != 0 { tables[pair * cells + (ca - lowest) * categories + (cb - lowest)] += 1 }
          pair += 1
        }
      }
    }
    var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for j in 0..<k { r[j][j] = 1 }
    var pair = 0
    for a in 0..<k {
      for b in (a + 1)..<k {
        let counts = Array(tables[(pair * cells)..<((pair + 1) * cells)])
        guard counts.reduce(0, +) > 0 else { throw .noOverlap(item: names[a], otherItem: names[b]) }
        let fit =
          global
          ? Self.fitPair(
            counts: counts.map(Double.init), rows: categories, columns: categories, rowCuts: tau[a], columnCuts: tau[b])
          : Self.fitPairLocal(counts: counts, categories: categories, correction: correction)
        r[a][b] = fit.rho
        r[b][a] = fit.rho
        pair += 1
      }
    }
    let flat = r.flatMap { $0 }
    let (smoothedMatrix, wasSmoothed) = SymmetricMatrix.smoothed(flat, k)
    rho = (0..<k).map { i in Array(smoothedMatrix[(i * k)..<((i + 1) * k)]) }
    thresholds = tau
    smoothed = wasSmoothed
    globalThresholds = global
    items = names
    rowCount = n
  }

  /// The pair's ρ maximizing Σ p_ij log P_ij(ρ) with fixed cuts, and the value −Σ p_ij log P_ij there.
  static func fitPair(counts: [Double], rows: Int, columns: Int, rowCuts: [Double], columnCuts: [Double]) -> (
    rho: Double, objective: Double
  ) {
    let total = counts.reduce(0, +)
    let shares = counts.map { $0 / total }
    let f = { (rho: Double) in
      negativeLogLikelihood(rho, shares: shares, rows: rows, columns: columns, rowCuts: rowCuts, columnCuts: columnCuts)
    }
    let rho = brentMinimum(f, lower: -1, upper: 1, tolerance: 1e-12)
    return (rho, f(rho))
  }

  /// psych's non-global branch: empty rows/columns dropped, empty cells set to `correction`/n,
  /// thresholds from the (corrected) margins.
  static func fitPairLocal(counts: [Int], categories: Int, correction: Double) -> (rho: Double, objective: Double) {
    let total = Double(counts.reduce(0, +))
    let keptRows = (0..<categories).filter { i in (0..<categories).contains { counts[i * categories + $0] > 0 } }
    let keptColumns = (0..<categories).filter { j in (0..<categories).contains { counts[$0 * categories + j] > 0 } }
    guard keptRows.count >= 2, keptColumns.count >= 2 else { return (.nan, .nan) }
    var shares: [Double] = []
    for i in keptRows {
      for j in keptColumns {
        let c = counts[i * categories + j]
        shares.append(c == 0 && correction > 0 ? correction / total : Double(c) / total)
      }
    }
    let nr = keptRows.count
    let nc = keptColumns.count
    func cuts(_ margins: [Double]) -> [Double] {
      var s = 0.0
      return margins.dropLast().map { value in
        s += value
        return s >= 1 ? .infinity : (Distributions.normalQuantile(s) ?? .nan)
      }
    }
    let rowCuts = cuts((0..<nr).map { i in (0..<nc).map { shares[i * nc + $0] }.reduce(0, +) })
    let columnCuts = cuts((0..<nc).map { j in (0..<nr).map { shares[$0 * nc + j] }.reduce(0, +) })
    let f = { (rho: Double) in
      negativeLogLikelihood(rho, shares: shares, rows: nr, columns: nc, rowCuts: rowCuts, columnCuts: columnCuts)
    }
    let rho = brentMinimum(f, lower: -1, upper: 1, tolerance: 1e-12)
    return (rho, f(rho))
  }

  /// −Σ p_ij·log P_ij(ρ) over the cells with P_ij > 0 (psych's `polyF`), P_ij from the bivariate
  /// normal distribution function at the cuts.
  static func negativeLogLikelihood(
    _ rho: Double, shares: [Double], rows: Int, columns: Int, rowCuts: [Double], columnCuts: [Double]
  ) -> Double {
    let rc = [-Double.infinity] + rowCuts + [Double.infinity]
    let cc = [-Double.infinity] + columnCuts + [Double.infinity]
    // Cumulative Φ2 at every cut pair, then cell probabilities by differences.
    var cumulative = [Double](repeating: 0, count: (rows + 1) * (columns + 1))
    for i in 0...rows {
      for j in 0...columns {
        cumulative[i * (columns + 1) + j] =
          Distributions.bivariateNormalCDF(rc[i], cc[j], rho: max(-1, min(1, rho))) ?? 0
      }
    }
    var value = 0.0
    for i in 0..<rows {
      for j in 0..<columns {
        let share = shares[i * columns + j]
        guard share > 0 else { continue }
        let p =
          cumulative[(i + 1) * (columns + 1) + j + 1] - cumulative[i * (columns + 1) + j + 1]
          - cumulative[(i + 1) * (columns + 1) + j] + cumulative[i * (columns + 1) + j]
        if p > 0 { value -= share * log(p) }
      }
    }
    return value
  }

  /// Brent's (1973) minimization without derivatives on [lower, upper] (the algorithm of R's
  /// `optimize`), to an absolute tolerance in x.
  static func brentMinimum(_ f: (Double) -> Double, lower: Double, upper: Double, tolerance: Double) -> Double {
    let golden = 0.3819660112501051
    var a = lower
    var b = upper
    var x = a + golden * (b - a)
    var w = x
    var v = x
    var fx = f(x)
    var fw = fx
    var fv = fx
    var d = 0.0
    var e = 0.0
    for _ in 0..<500 {
      let middle = 0.5 * (a + b)
      let tol1 = 1e-15 * abs(x) + tolerance / 3
      let tol2 = 2 * tol1
      if abs(x - middle) <= tol2 - 0.5 * (b - a) { break }
      var useGolden = true
      if abs(e) > tol1 {
        var r = (x - w) * (fx - fv)
        var q = (x - v) * (fx - fw)
        var p = (x - v) * q - (x - w) * r
        q = 2 * (q - r)
        if q > 0 { p = -p } else { q = -q }
        r = e
        e = d
        if abs(p) < abs(0.5 * q * r), p > q * (a - x), p < q * (b - x) {
          d = p / q
          let u = x + d
          if u - a < tol2 || b - u < tol2 { d = x < middle ? tol1 : -tol1 }
          useGolden = false
        }
      }
      if useGolden {
        e = (x < middle ? b : a) - x
        d = golden * e
      }
      let u = abs(d) >= tol1 ? x + d : (d > 0 ? x + tol1 : x - tol1)
      let fu = f(u)
      if fu <= fx {
        if u < x { b = x } else { a = x }
        v = w
        fv = fw
        w = x
        fw = fx
        x = u
        fx = fu
      } else {
        if u < x { a = u } else { b = u }
        if fu <= fw || w == x {
          v = w
          fv = fw
          w = u
          fw = fu
        } else if fu <= fv || v == x || v == w {
          v = u
          fv = fu
        }
      }
    }
    return x
  }
}

/// Ordinal alpha and omega: coefficient alpha and McDonald's ω_t on the polychoric matrix
/// (Zumbo, Gadermann & Zeisser 2007, *Journal of Modern Applied Statistical Methods*, 6(1), 21–29;
/// Gadermann, Guhn & Zumbo 2012, *Practical Assessment, Research & Evaluation*, 17(3)).
///
/// alpha = k/(k−1)·(1 − k/ΣR) (psych `alpha(rho)`: raw and standardized coincide on a correlation
/// matrix), averageR = (ΣR − k)/(k(k−1)), ω_t from the one-factor minres fit of ``OmegaTotal``.
///
/// JSON keys (stable): `alpha`, `averageR`, `omegaTotal`, `rho` {item: {item: r}}, `thresholds`
/// {item: [τ…]}, `smoothed`, `globalThresholds`, `n`, `items`.
public struct OrdinalReliability: Sendable, Hashable, Codable {
  /// Ordinal alpha.
  public var alpha: Double
  /// Mean inter-item polychoric correlation.
  public var averageR: Double
  /// Ordinal omega total.
  public var omegaTotal: Double
  /// The polychoric matrix, keyed by item names.
  public var rho: [String: [String: Double]]
  /// Thresholds per item.
  public var thresholds: [String: [Double]]
  /// Whether the polychoric matrix had to be smoothed.
  public var smoothed: Bool
  /// Whether global thresholds were used.
  public var globalThresholds: Bool
  /// Rows analysed.
  public var n: Int
  /// Item names in order.
  public var items: [String]

  /// Ordinal reliability from a polychoric matrix.
  public init(_ polychoric: PolychoricCorrelation) {
    let k = polychoric.items.count
    let kd = Double(k)
    let flat = polychoric.rho.flatMap { $0 }
    let sum = flat.reduce(0, +)
    alpha = kd / (kd - 1) * (1 - kd / sum)
    averageR = (sum - kd) / (kd * (kd - 1))
    let start = SymmetricMatrix.psychSMC(flat, k).smc
    omegaTotal = OmegaTotal(correlation: flat, k: k, smc: start).omegaTotal
    var matrix: [String: [String: Double]] = [:]
    for (i, a) in polychoric.items.enumerated() {
      var row: [String: Double] = [:]
      for (j, b) in polychoric.items.enumerated() { row[b] = polychoric.rho[i][j] }
      matrix[a] = row
    }
    rho = matrix
    thresholds = Dictionary(uniqueKeysWithValues: zip(polychoric.items, polychoric.thresholds))
    smoothed = polychoric.smoothed
    globalThresholds = polychoric.globalThresholds
    n = polychoric.rowCount
    items = polychoric.items
  }
}

/// Why polychoric correlations could not be computed.
public enum PolychoricError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
  /// Fewer than two items.
  case tooFewItems(count: Int)
  /// A code buffer that is not whole rows, or fewer than 2 / more than 255 categories.
  case invalidLayout
  /// A code above the number of categories (0-based row and column).
  case codeOutOfRange(row: Int, column: Int)
  /// An item answered in fewer than two categories.
  case noVariance(item: String)
  /// Two items never answered in the same row.
  case noOverlap(item: String, otherItem: String)

  /// One sentence describing the problem.
  public var description: String {
    switch self {
    case .tooFewItems(let count): "Polychoric correlations need at least 2 items; got \(count)."
    case .invalidLayout:
      "The response buffer is not a whole number of rows, or the scale has fewer than 2 or more than 255 categories."
    case .codeOutOfRange(let row, let column):
      "Row \(row + 1), column \(column + 1) holds a code above the number of categories."
    case .noVariance(let item):
      "Item \(item) was answered in fewer than two categories, so it has no polychoric correlation (psych drops it)."
    case .noOverlap(let item, let otherItem): "Items \(item) and \(otherItem) were never answered in the same row."
    }
  }
}
