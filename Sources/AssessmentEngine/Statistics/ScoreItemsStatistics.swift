/// How `scoreItems` treats missing responses (R psych `scoreItems(impute =)`).
public enum ScoreItemsImputation: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// No imputation: pairwise covariances (`impute = "none"`).
  case none
  /// Item means replace missing responses (`impute = "mean"`).
  case mean
  /// Item medians replace missing responses (`impute = "median"`, psych's default).
  case median

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .none: LocalizedText(id: "Tanpa imputasi", en: "No imputation")
    case .mean: LocalizedText(id: "Imputasi rerata", en: "Mean imputation")
    case .median: LocalizedText(id: "Imputasi median", en: "Median imputation")
    }
  }
}

/// Scale statistics as R psych 2.2.9 `scoreItems(keys, x, impute =)` reports them (R/score.items.R).
///
/// They differ from `alpha()`'s in three ways that matter for comparisons:
/// - the SMCs behind λ6 and `item.corrected` come from **all items named in any scale** of the
///   accumulator (psych selects the union of the keys), not from the scale's own items;
/// - `average_r` is derived from alpha, r̄ = α/(k − α(k − 1)), not from the correlation matrix;
/// - `ase` uses the pre-2016 Q with elementwise squares: 2k²/((k−1)²V³)·[V·(Σc_ii² + (Σc_ii)²)
///   − 2·Σc_ii·Σ_{ij}c_ij²], V = the scale variance, n = all rows.
///
/// `item.cor` correlates the raw (unreversed) item with the scale, so it is negative for a
/// reverse-keyed item, as in psych; `item.corrected` replaces each item's variance by its SMC-based
/// communality (it is *not* the corrected item–total correlation `r.drop` of `alpha()`).
///
/// JSON keys: `name`, `imputation`, `alpha`, `lambda6`, `averageR`, `signalToNoise`, `ase`,
/// `itemOrder`, `items` (keyed by column name: `itemCorrelation`, `itemCorrected`).
public struct ScoreItemsStatistics: Sendable, Hashable, Codable {
  /// The scale's name.
  public var name: String
  /// The imputation used.
  public var imputation: ScoreItemsImputation
  /// psych `alpha`.
  public var alpha: Double
  /// psych `G6`.
  public var lambda6: Double
  /// psych `av.r`.
  public var averageR: Double
  /// psych `sn`.
  public var signalToNoise: Double
  /// psych `ase`.
  public var ase: Double
  /// Column names in scale order.
  public var itemOrder: [String]
  /// Per-item correlations keyed by column name.
  public var items: [String: ScoreItemsItem]
}

/// One item's correlations with its scale in `scoreItems`.
public struct ScoreItemsItem: Sendable, Hashable, Codable {
  /// psych `item.cor`.
  public var itemCorrelation: Double
  /// psych `item.corrected`.
  public var itemCorrected: Double
}

extension ItemMomentAccumulator {
  /// `scoreItems`-style statistics for every scale of the accumulator.
  ///
  /// Accuracy contract: within 1e-12 relative of psych 2.2.9 on the fixtures
  /// (`StatsScoreItemsTests`).
  /// - Throws: ``ReliabilityError`` (first failing scale or item).
  /// - Complexity: O(u³ + Σk²) for u distinct items.
  public func scoreItemsStatistics(
    imputation: ScoreItemsImputation = .median
  ) throws(ReliabilityError) -> [ScoreItemsStatistics] {
    var union: [Int] = []
    for scale in scales {
      guard scale.columns.count >= 2 else { throw .tooFewItems(scale: scale.name, itemCount: scale.columns.count) }
      for column in scale.columns where !union.contains(column) { union.append(column) }
    }
    let label = scales.count == 1 ? scales[0].name : "all scales"
    let u = union.count
    let c = try rawCovariance(columns: union, imputation: imputation, label: label)
    let r = Self.covarianceToCorrelation(c, u)
    let smc: [Double]
    switch SymmetricMatrix.squaredMultipleCorrelations(r, u) {
    case .success(let values): smc = values
    case .failure(let failure): throw .notPositiveDefinite(scale: label, item: columnNames[union[failure.index]])
    }
    let communality = (0..<u).map { smc[$0] * c[$0 * u + $0] }
    let nAll = Double(rowCount)
    let results = scales.map { scale in
      let positions = scale.columns.map { column in union.firstIndex(of: column) ?? 0 }
      let keys = scale.keys.map(Double.init)
      let k = Double(positions.count)
      var v = 0.0
      var sumVar = 0.0
      var sumVar2 = 0.0
      var sumSquares = 0.0
      var sumSMC = 0.0
      for (a, pa) in positions.enumerated() {
        sumVar += c[pa * u + pa]
        sumVar2 += c[pa * u + pa] * c[pa * u + pa]
        sumSMC += communality[pa]
        for (b, pb) in positions.enumerated() {
          v += keys[a] * keys[b] * c[pa * u + pb]
          sumSquares += c[pa * u + pb] * c[pa * u + pb]
        }
      }
      let alpha = (v - sumVar) * k / ((k - 1) * v)
      let averageR = alpha / (k - alpha * (k - 1))
      let q =
        (2 * k * k / ((k - 1) * (k - 1) * (v * v * v))) * (v * (sumVar2 + sumVar * sumVar) - 2 * sumVar * sumSquares)
      let correctedVariance = v - sumVar + sumSMC
      var items: [String: ScoreItemsItem] = [:]
      for (a, pa) in positions.enumerated() {
        var cross = 0.0
        for (b, pb) in positions.enumerated() where b != a { cross += keys[b] * c[pa * u + pb] }
        let itemVariance = c[pa * u + pa]
        items[columnNames[scale.columns[a]]] = ScoreItemsItem(
          itemCorrelation: (cross + keys[a] * itemVariance) / (v * itemVariance).squareRoot(),
          itemCorrected: (cross + keys[a] * communality[pa]) / (correctedVariance * itemVariance).squareRoot())
      }
      return ScoreItemsStatistics(
        name: scale.name, imputation: imputation, alpha: alpha, lambda6: correctedVariance / v, averageR: averageR,
        signalToNoise: averageR * k / (1 - averageR), ase: (q / nAll).squareRoot(),
        itemOrder: scale.columns.map { columnNames[$0] }, items: items)
    }
    // Never hand on NaN: name the first undefined value.
    for result in results {
      for (statistic, value) in [
        ("alpha", result.alpha), ("lambda6", result.lambda6), ("averageR", result.averageR),
        ("signalToNoise", result.signalToNoise), ("ase", result.ase),
      ] where !value.isFinite {
        throw .undefinedStatistic(scale: result.name, statistic: statistic, item: "")
      }
      for name in result.itemOrder {
        guard let item = result.items[name] else { continue }
        if !item.itemCorrelation.isFinite {
          throw .undefinedStatistic(scale: result.name, statistic: "itemCorrelation", item: name)
        }
        if !item.itemCorrected.isFinite {
          throw .undefinedStatistic(scale: result.name, statistic: "itemCorrected", item: name)
        }
      }
    }
    return results
  }

  /// The unkeyed covariance matrix of `columns`: pairwise, or after mean/median imputation.
  func rawCovariance(
    columns: [Int], imputation: ScoreItemsImputation, label: String
  ) throws(ReliabilityError) -> [Double] {
    let u = columns.count
    var c = [Double](repeating: 0, count: u * u)
    var numerators = [Int64](repeating: 0, count: u)
    var denominators = [Int64](repeating: 1, count: u)
    var counts = [Int64](repeating: 0, count: u)
    var totals = [Int64](repeating: 0, count: u)
    for t in 0..<u {
      let m = moments(columns[t], columns[t])
      guard m.count > 0 else { throw .allMissing(scale: label, item: columnNames[columns[t]]) }
      guard m.count >= 2, differenceOfProducts(m.count, m.sumSquaresFirst, m.sumFirst, m.sumFirst) > 0 else {
        throw .zeroVariance(scale: label, item: columnNames[columns[t]])
      }
      counts[t] = m.count
      totals[t] = m.sumFirst
      switch imputation {
      case .none: break
      case .mean: (numerators[t], denominators[t]) = (m.sumFirst, m.count)
      case .median: (numerators[t], denominators[t]) = medianCode(ofColumn: columns[t])
      }
    }
    if imputation != .none {
      guard rowCount >= 3 else { throw .tooFewObservations(scale: label, count: rowCount, minimum: 3) }
    }
    for t in 0..<u {
      for w in t..<u {
        let m = moments(columns[t], columns[w])
        let value: Double
        if imputation == .none {
          guard m.count >= 2 else {
            throw .noOverlap(
              scale: label, item: columnNames[columns[t]], otherItem: columnNames[columns[w]], count: m.count)
          }
          let n = Double(m.count)
          value = differenceOfProducts(m.count, m.sumProducts, m.sumFirst, m.sumSecond) / (n * (n - 1))
        } else {
          value = imputedCovariance(
            m, ImputedItem(numerator: numerators[t], denominator: denominators[t], count: counts[t], total: totals[t]),
            ImputedItem(numerator: numerators[w], denominator: denominators[w], count: counts[w], total: totals[w]),
            rows: rowCount)
        }
        c[t * u + w] = value
        c[w * u + t] = value
      }
    }
    return c
  }
}
