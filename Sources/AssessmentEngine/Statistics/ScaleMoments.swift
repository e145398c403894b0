/// The per-scale quantities every statistic is computed from, derived from the exact sums under
/// one missing-data policy. Values are for *keyed* items (reverse-keyed items already flipped).
struct ScaleMoments: Sendable {
  var k: Int
  /// Keyed item covariance matrix, row-major k×k.
  var covariance: [Double]
  /// The correlation matrix psych's `omega` factors: `cor(x, use = "pairwise")` (pair-specific
  /// standard deviations) for the pairwise policy, otherwise cov2cor of ``covariance``.
  var factorCorrelation: [Double]
  var itemN: [Int64]
  var itemMean: [Double]
  var itemSD: [Double]
  /// Correlation of each keyed item with the mean score (psych `raw.r`).
  var rawR: [Double]
  var totalMean: Double
  var totalSD: Double
  /// Rows with at least one answered item of the scale.
  var rowsWithScore: Int64
  /// Rows with every item answered.
  var completeRows: Int64
}

extension ItemMomentAccumulator {
  /// Name of the item at scale position `t` (for errors and result keys).
  func itemName(_ scale: ReliabilityScale, _ t: Int) -> String {
    columnNames[scale.columns[t]]
  }

  /// Scale positions of the items psych's `alpha` deletes before analysis: never answered, answered
  /// once, or the same answer in every answered row (`sd(x) <= 0 | is.na(sd(x))`).
  func itemsWithoutVariance(_ s: Int) -> [Int] {
    let scale = scales[s]
    return scale.columns.indices.filter { t in
      let m = moments(scale.columns[t], scale.columns[t])
      return m.count < 2 || differenceOfProducts(m.count, m.sumSquaresFirst, m.sumFirst, m.sumFirst) <= 0
    }
  }

  /// Builds the scale's moments under `policy`. Items at the positions in `setAside` (items without
  /// variance, see ``itemsWithoutVariance(_:)``) take no part in the covariances and are removed
  /// from every per-item array; the score moments still count them (psych's "deleted but still
  /// counted in the score").
  func scaleMoments(_ s: Int, policy: ReliabilityMissingData, setAside: Set<Int> = []) throws(ReliabilityError)
    -> ScaleMoments
  {
    let scale = scales[s]
    let k = scale.columns.count
    guard k - setAside.count >= 2 else { throw .tooFewItems(scale: scale.name, itemCount: k - setAside.count) }
    let sums = scaleSums[s]
    let shift = Double(coding.minimum - 1)
    let reflect = Double(coding.levels + 1)
    let keys = scale.keys.map(Double.init)

    // Item-level answered counts and sums (codes, unkeyed).
    var counts = [Int64](repeating: 0, count: k)
    var totals = [Int64](repeating: 0, count: k)
    var squares = [Int64](repeating: 0, count: k)
    for t in 0..<k {
      let m = moments(scale.columns[t], scale.columns[t])
      counts[t] = m.count
      totals[t] = m.sumFirst
      squares[t] = m.sumSquaresFirst
      if setAside.contains(t) {
        counts[t] = max(m.count, 1)
        continue
      }
      guard m.count > 0 else { throw .allMissing(scale: scale.name, item: itemName(scale, t)) }
      counts[t] = m.count
      totals[t] = m.sumFirst
      squares[t] = m.sumSquaresFirst
      if m.count < 2 || differenceOfProducts(m.count, m.sumSquaresFirst, m.sumFirst, m.sumFirst) <= 0 {
        throw .zeroVariance(scale: scale.name, item: itemName(scale, t))
      }
    }
    func keyedMean(_ t: Int, codeMean: Double) -> Double {
      (keys[t] > 0 ? codeMean : reflect - codeMean) + shift
    }

    var covariance = [Double](repeating: 0, count: k * k)
    var factorCorrelation = [Double](repeating: 0, count: k * k)
    var itemN = counts
    var itemMean = (0..<k).map { keyedMean($0, codeMean: Double(totals[$0]) / Double(counts[$0])) }
    var itemSD = [Double](repeating: 0, count: k)
    var rawR = [Double](repeating: 0, count: k)
    var totalMean = 0.0
    var totalSD = 0.0
    let completeRows = sums.complete[0]

    // Mean-score moments over all rows with at least one answer (pairwise and listwise).
    let (scoreRows, scoreMean, scoreSS) = pooledScoreMoments(sums)
    let rowsWithScore = scoreRows

    switch policy {
    case .pairwise:
      for t in 0..<k where !setAside.contains(t) {
        for u in t..<k where !setAside.contains(u) {
          let m = moments(scale.columns[t], scale.columns[u])
          guard m.count >= 2 else {
            throw .noOverlap(scale: scale.name, item: itemName(scale, t), otherItem: itemName(scale, u), count: m.count)
          }
          let n = Double(m.count)
          let cross = differenceOfProducts(m.count, m.sumProducts, m.sumFirst, m.sumSecond)
          let value = keys[t] * keys[u] * cross / (n * (n - 1))
          covariance[t * k + u] = value
          covariance[u * k + t] = value
          if t == u {
            factorCorrelation[t * k + t] = 1
          } else {
            let vx = differenceOfProducts(m.count, m.sumSquaresFirst, m.sumFirst, m.sumFirst)
            let vy = differenceOfProducts(m.count, m.sumSquaresSecond, m.sumSecond, m.sumSecond)
            guard vx > 0, vy > 0 else {
              throw .zeroVariance(scale: scale.name, item: itemName(scale, vx > 0 ? u : t))
            }
            let r = keys[t] * keys[u] * cross / (vx * vy).squareRoot()
            factorCorrelation[t * k + u] = r
            factorCorrelation[u * k + t] = r
          }
        }
      }
      for t in 0..<k where !setAside.contains(t) {
        itemSD[t] = covariance[t * k + t].squareRoot()
        rawR[t] = pooledItemScoreCorrelation(sums, item: t)
      }
      totalMean = scoreMean + shift
      totalSD = (scoreSS / Double(scoreRows - 1)).squareRoot()

    case .listwise:
      let n = completeRows
      guard n >= 3 else { throw .tooFewObservations(scale: scale.name, count: n, minimum: 3) }
      let nD = Double(n)
      var p = 1 + k
      for t in 0..<k {
        for u in t..<k {
          let cross = differenceOfProducts(n, sums.complete[p], sums.complete[1 + t], sums.complete[1 + u])
          covariance[t * k + u] = cross / (nD * (nD - 1))
          covariance[u * k + t] = covariance[t * k + u]
          p += 1
        }
      }
      for t in 0..<k where covariance[t * k + t] <= 0 && !setAside.contains(t) {
        throw .zeroVariance(scale: scale.name, item: itemName(scale, t))
      }
      for t in 0..<k where !setAside.contains(t) {
        let m = moments(scale.columns[t], scale.columns[t])
        let n = Double(m.count)
        itemSD[t] = (differenceOfProducts(m.count, m.sumSquaresFirst, m.sumFirst, m.sumFirst) / (n * (n - 1)))
          .squareRoot()
      }
      let keptListwise = (0..<k).filter { !setAside.contains($0) }
      let reducedListwise = SymmetricMatrix.selecting(covariance, k, keptListwise)
      let reducedRawR = Self.itemTotalCorrelations(reducedListwise, keptListwise.count)
      for (position, t) in keptListwise.enumerated() { rawR[t] = reducedRawR[position] }
      factorCorrelation = Self.covarianceToCorrelation(covariance, k)
      totalMean = scoreMean + shift
      totalSD = (scoreSS / Double(scoreRows - 1)).squareRoot()

    case .imputeMean, .imputeMedian:
      let rows = rowCount
      guard rows >= 3 else { throw .tooFewObservations(scale: scale.name, count: rows, minimum: 3) }
      // Imputed code per item as a rational p/q.
      var numerators = [Int64](repeating: 0, count: k)
      var denominators = [Int64](repeating: 1, count: k)
      for t in 0..<k {
        if policy == .imputeMean {
          numerators[t] = totals[t]
          denominators[t] = counts[t]
        } else {
          (numerators[t], denominators[t]) = medianCode(ofColumn: scale.columns[t])
        }
      }
      let nAll = Double(rows)
      for t in 0..<k {
        for u in t..<k {
          let m = moments(scale.columns[t], scale.columns[u])
          let value = imputedCovariance(
            m, ImputedItem(numerator: numerators[t], denominator: denominators[t], count: counts[t], total: totals[t]),
            ImputedItem(numerator: numerators[u], denominator: denominators[u], count: counts[u], total: totals[u]),
            rows: rows)
          covariance[t * k + u] = keys[t] * keys[u] * value
          covariance[u * k + t] = covariance[t * k + u]
        }
      }
      for t in 0..<k where covariance[t * k + t] <= 0 && !setAside.contains(t) {
        throw .zeroVariance(scale: scale.name, item: itemName(scale, t))
      }
      itemN = Array(repeating: rows, count: k)
      for t in 0..<k {
        let v = Double(numerators[t]) / Double(denominators[t])
        let codeMean = (Double(totals[t]) + v * Double(rows - counts[t])) / nAll
        itemMean[t] = keyedMean(t, codeMean: codeMean)
        itemSD[t] = covariance[t * k + t].squareRoot()
      }
      let keptImputed = (0..<k).filter { !setAside.contains($0) }
      let reducedImputed = SymmetricMatrix.selecting(covariance, k, keptImputed)
      let reducedImputedRawR = Self.itemTotalCorrelations(reducedImputed, keptImputed.count)
      for (position, t) in keptImputed.enumerated() { rawR[t] = reducedImputedRawR[position] }
      factorCorrelation = Self.covarianceToCorrelation(covariance, k)
      totalMean = itemMean.reduce(0, +) / Double(k)
      totalSD = covariance.reduce(0, +).squareRoot() / Double(k)
    }
    if !setAside.isEmpty {
      let kept = (0..<k).filter { !setAside.contains($0) }
      return ScaleMoments(
        k: kept.count, covariance: SymmetricMatrix.selecting(covariance, k, kept),
        factorCorrelation: SymmetricMatrix.selecting(factorCorrelation, k, kept), itemN: kept.map { itemN[$0] },
        itemMean: kept.map { itemMean[$0] }, itemSD: kept.map { itemSD[$0] }, rawR: kept.map { rawR[$0] },
        totalMean: totalMean, totalSD: totalSD, rowsWithScore: rowsWithScore, completeRows: completeRows)
    }
    return ScaleMoments(
      k: k, covariance: covariance, factorCorrelation: factorCorrelation, itemN: itemN, itemMean: itemMean,
      itemSD: itemSD, rawR: rawR, totalMean: totalMean, totalSD: totalSD, rowsWithScore: rowsWithScore,
      completeRows: completeRows)
  }

  /// The median code of a column over its answered rows as p/q (R `median`: the mean of the two
  /// middle values when the count is even).
  func medianCode(ofColumn column: Int) -> (Int64, Int64) {
    let histogram = codeCounts(ofColumn: column)
    let n = histogram.dropFirst().reduce(0, +)
    func value(at rank: Int64) -> Int64 {
      var seen: Int64 = 0
      for code in 1..<histogram.count {
        seen += histogram[code]
        if seen > rank { return Int64(code) }
      }
      return Int64(histogram.count - 1)
    }
    if n % 2 == 1 { return (value(at: n / 2), 1) }
    return (value(at: n / 2 - 1) + value(at: n / 2), 2)
  }

  /// Rows with a score, mean score (keyed codes) and the centred sum of squares of the per-row
  /// mean score, pooled over the groups of rows with m answered items: within-group sums are exact
  /// integer differences, the between-group part is small, so no digits are lost to cancellation.
  func pooledScoreMoments(_ sums: ScaleScoreSums) -> (Int64, Double, Double) {
    let k = sums.itemCount
    var rows: Int64 = 0
    var total = 0.0
    for m in 1...k {
      rows += sums.byAnswered[m * 3]
      total += Double(sums.byAnswered[m * 3 + 1]) / Double(m)
    }
    guard rows > 0 else { return (0, .nan, .nan) }
    let mean = total / Double(rows)
    var ss = 0.0
    for m in 1...k {
      let n = sums.byAnswered[m * 3]
      guard n > 0 else { continue }
      let s = sums.byAnswered[m * 3 + 1]
      let s2 = sums.byAnswered[m * 3 + 2]
      let md = Double(m)
      ss += differenceOfProducts(n, s2, s, s) / (Double(n) * md * md)
      let groupMean = Double(s) / (Double(n) * md)
      ss += Double(n) * (groupMean - mean) * (groupMean - mean)
    }
    return (rows, mean, ss)
  }

  /// cor(mean score, keyed item t) over the rows where t was answered, pooled over m as above.
  func pooledItemScoreCorrelation(_ sums: ScaleScoreSums, item t: Int) -> Double {
    let k = sums.itemCount
    var rows: Int64 = 0
    var scoreTotal = 0.0
    var itemTotal: Int64 = 0
    var itemSquares: Int64 = 0
    for m in 1...k {
      let p = (t * (k + 1) + m) * 6
      rows += sums.byItem[p]
      scoreTotal += Double(sums.byItem[p + 1]) / Double(m)
      itemTotal += sums.byItem[p + 4]
      itemSquares += sums.byItem[p + 5]
    }
    let n = Double(rows)
    let scoreMean = scoreTotal / n
    let itemMean = Double(itemTotal) / n
    var sst = 0.0
    var spt = 0.0
    for m in 1...k {
      let p = (t * (k + 1) + m) * 6
      let nm = sums.byItem[p]
      guard nm > 0 else { continue }
      let md = Double(m)
      let s = sums.byItem[p + 1]
      let s2 = sums.byItem[p + 2]
      let sc = sums.byItem[p + 3]
      let c = sums.byItem[p + 4]
      sst += differenceOfProducts(nm, s2, s, s) / (Double(nm) * md * md)
      spt += differenceOfProducts(nm, sc, s, c) / (Double(nm) * md)
      let groupScore = Double(s) / (Double(nm) * md) - scoreMean
      let groupItem = Double(c) / Double(nm) - itemMean
      sst += Double(nm) * groupScore * groupScore
      spt += Double(nm) * groupScore * groupItem
    }
    let ssx = differenceOfProducts(rows, itemSquares, itemTotal, itemTotal) / n
    return spt / (sst * ssx).squareRoot()
  }

  /// ΣC[,i] / √(C_ii·ΣC): the correlation of each item with the (mean or sum) score implied by C.
  static func itemTotalCorrelations(_ c: [Double], _ k: Int) -> [Double] {
    let total = c.reduce(0, +)
    return (0..<k).map { i in
      var column = 0.0
      for j in 0..<k { column += c[j * k + i] }
      return column / (c[i * k + i] * total).squareRoot()
    }
  }

  /// cov2cor.
  static func covarianceToCorrelation(_ c: [Double], _ k: Int) -> [Double] {
    var r = c
    for i in 0..<k {
      for j in 0..<k {
        r[i * k + j] = i == j ? 1 : c[i * k + j] / (c[i * k + i] * c[j * k + j]).squareRoot()
      }
    }
    return r
  }
}
