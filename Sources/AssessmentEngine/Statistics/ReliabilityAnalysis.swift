extension ItemMomentAccumulator {
  /// Reliability statistics of the scale at `index` in ``scales``.
  ///
  /// Reproduces R psych 2.2.9 `alpha(x[, items], keys)` (`use = "pairwise"` by default,
  /// `use = "complete.obs"` for ``ReliabilityMissingData/listwise``, `impute = "mean"`/`"median"`),
  /// the Feldt interval of `alpha.ci` and `omega(nfactors = 1)$omega.tot`. The n of the Feldt
  /// interval and the ase is all rows, as psych (``ConfidenceSampleSize/allRows``), unless
  /// ``ReliabilityOptions/confidenceSampleSize`` says complete rows.
  ///
  /// - Throws: ``ReliabilityError`` naming the scale, the item and the reason: fewer than two
  ///   items, an item never answered or without variance, two items without overlap, fewer than 3
  ///   rows, a singular or non-positive-definite correlation matrix, a scale score without variance.
  /// - Complexity: O(k³) in the number of items k; independent of the number of rows.
  public func reliability(
    ofScaleAt index: Int, options: ReliabilityOptions = ReliabilityOptions()
  ) throws(ReliabilityError) -> ScaleReliability {
    guard scales.indices.contains(index) else { throw .unknownScale(name: "#\(index + 1)") }
    guard options.confidenceLevel > 0, options.confidenceLevel < 1 else {
      throw .confidenceLevelOutOfRange(value: options.confidenceLevel)
    }
    let scale = scales[index]
    let moments = try scaleMoments(index, policy: options.missingData)
    let k = moments.k
    let nObs: Int64 =
      switch options.confidenceSampleSize {
      case .allRows: rowCount
      case .completeRows: moments.completeRows
      }
    guard nObs >= 3 else { throw .tooFewObservations(scale: scale.name, count: nObs, minimum: 3) }
    let c = moments.covariance
    guard c.reduce(0, +) > 0 else { throw .zeroScaleVariance(scale: scale.name) }
    let r = Self.covarianceToCorrelation(c, k)
    let smc = try squaredMultipleCorrelations(r, k, scale: scale)
    let total = AlphaCoefficients(covariance: c, correlation: r, smc: smc, k: k)
    let nD = Double(nObs)
    let ase = (total.q / nD).squareRoot()

    // Confidence limits.
    let p = 1 - options.confidenceLevel
    let df1 = nD - 1
    let df2 = (nD - 1) * Double(k - 1)
    guard let fHigh = Distributions.fQuantile(1 - p / 2, df1: df1, df2: df2),
      let fLow = Distributions.fQuantile(p / 2, df1: df1, df2: df2)
    else { throw .tooFewObservations(scale: scale.name, count: nObs, minimum: 3) }
    // psych's print uses the constant 1.96 for the Duhachek interval.
    let z = options.confidenceLevel == 0.95 ? 1.96 : (Distributions.normalQuantile(1 - p / 2) ?? 1.96)

    // Item statistics.
    let sumR = r.reduce(0, +)
    var rc = r
    for i in 0..<k { rc[i * k + i] = smc[i] }
    let sumRC = rc.reduce(0, +)
    var items: [String: ItemReliability] = [:]
    var order: [String] = []
    for i in 0..<k {
      var columnR = 0.0
      var columnRC = 0.0
      var columnC = 0.0
      for j in 0..<k {
        columnR += r[j * k + i]
        columnRC += rc[j * k + i]
        columnC += c[j * k + i]
      }
      var sumWithout = 0.0
      for a in 0..<k where a != i {
        for b in 0..<k where b != i { sumWithout += c[a * k + b] }
      }
      let rDrop = (columnC - c[i * k + i]) / (c[i * k + i] * sumWithout).squareRoot()
      let dropped: AlphaCoefficients?
      if k > 2 {
        let cd = SymmetricMatrix.removing(c, k, index: i)
        let rd = SymmetricMatrix.removing(r, k, index: i)
        let smcDrop = try squaredMultipleCorrelations(rd, k - 1, scale: scale, skipping: i)
        dropped = AlphaCoefficients(covariance: cd, correlation: rd, smc: smcDrop, k: k - 1)
      } else {
        dropped = nil
      }
      let r12 = r[1]
      let name = itemName(scale, i)
      order.append(name)
      let histogram = codeCounts(ofColumn: scale.columns[i])
      let answered = Double(histogram.dropFirst().reduce(0, +))
      let frequencies = (1..<histogram.count).map {
        ResponseFrequency(value: $0 + coding.minimum - 1, share: answered > 0 ? Double(histogram[$0]) / answered : 0)
      }
      items[name] = ItemReliability(
        column: scale.columns[i], key: scale.keys[i], n: moments.itemN[i], rawR: moments.rawR[i],
        stdR: columnR / sumR.squareRoot(), rCor: columnRC / sumRC.squareRoot(), rDrop: rDrop,
        mean: moments.itemMean[i], sd: moments.itemSD[i],
        // psych's two-item case: the other item's "alpha" is C12/C_other, the rest is r12.
        alphaIfDeleted: dropped?.raw ?? c[1] / c[(1 - i) * k + (1 - i)],
        standardizedAlphaIfDeleted: dropped?.standardized ?? r12,
        lambda6IfDeleted: dropped?.lambda6 ?? smc[0],
        averageRIfDeleted: dropped?.averageR ?? r12,
        signalToNoiseIfDeleted: dropped?.signalToNoise ?? r12 / (1 - r12),
        aseIfDeleted: dropped.map { ($0.q / nD).squareRoot() },
        varianceRIfDeleted: dropped == nil ? 0 : dropped?.varianceR,
        medianRIfDeleted: dropped?.medianR ?? r12,
        responseFrequencies: frequencies,
        missingShare: rowCount > 0 ? Double(histogram[0]) / Double(rowCount) : 0)
    }
    // The minres fit itself does not need a positive-definite matrix (a pairwise Pearson matrix
    // may not be); only its SMC start values do, so fall back to a neutral start.
    let omegaStart: [Double]
    switch SymmetricMatrix.squaredMultipleCorrelations(moments.factorCorrelation, k) {
    case .success(let values): omegaStart = values
    case .failure: omegaStart = Array(repeating: 0.5, count: k)
    }
    let omega = OmegaTotal(correlation: moments.factorCorrelation, k: k, smc: omegaStart)
    let result = ScaleReliability(
      name: scale.name, itemCount: k, alpha: total.raw, standardizedAlpha: total.standardized,
      lambda6: total.lambda6, averageR: total.averageR, medianR: total.medianR, varianceR: total.varianceR,
      signalToNoise: total.signalToNoise, ase: ase,
      feldtLower: 1 - (1 - total.raw) * fHigh, feldtUpper: 1 - (1 - total.raw) * fLow,
      standardizedFeldtLower: 1 - (1 - total.standardized) * fHigh,
      standardizedFeldtUpper: 1 - (1 - total.standardized) * fLow,
      duhachekLower: total.raw - z * ase, duhachekUpper: total.raw + z * ase,
      omegaTotal: omega.omegaTotal, omega: omega, mean: moments.totalMean, sd: moments.totalSD, n: nObs,
      rowsWithScore: moments.rowsWithScore, completeRows: moments.completeRows, missingData: options.missingData,
      confidenceLevel: options.confidenceLevel, itemOrder: order, items: items)
    try result.validateFinite()
    return result
  }

  /// Reliability statistics of the scale named `name`.
  public func reliability(
    ofScaleNamed name: String, options: ReliabilityOptions = ReliabilityOptions()
  ) throws(ReliabilityError) -> ScaleReliability {
    guard let index = scales.firstIndex(where: { $0.name == name }) else { throw .unknownScale(name: name) }
    return try reliability(ofScaleAt: index, options: options)
  }

  /// Statistics for every scale; a scale that cannot be analysed carries its error instead.
  /// - Complexity: O(Σ k³) over the scales.
  public func reliabilityReport(options: ReliabilityOptions = ReliabilityOptions()) -> ReliabilityReport {
    let outcomes = scales.indices.map { index -> ScaleReliabilityOutcome in
      do throws(ReliabilityError) {
        let result = try reliability(ofScaleAt: index, options: options)
        return ScaleReliabilityOutcome(name: scales[index].name, reliability: result, error: nil)
      } catch {
        return ScaleReliabilityOutcome(name: scales[index].name, reliability: nil, error: error)
      }
    }
    return ReliabilityReport(rowCount: rowCount, options: options, scales: outcomes)
  }

  /// SMCs of `r`, or the error naming the item where the factorization failed.
  func squaredMultipleCorrelations(
    _ r: [Double], _ k: Int, scale: ReliabilityScale, skipping: Int? = nil
  ) throws(ReliabilityError) -> [Double] {
    switch SymmetricMatrix.squaredMultipleCorrelations(r, k) {
    case .success(let smc): return smc
    case .failure(let failure):
      var position = failure.index
      if let skipping, position >= skipping { position += 1 }
      throw .notPositiveDefinite(scale: scale.name, item: itemName(scale, position))
    }
  }
}

extension ScaleReliability {
  /// Throws ``ReliabilityError/undefinedStatistic(scale:statistic:item:)`` for the first value that
  /// is not finite, so that NaN never leaves the SDK silently.
  func validateFinite() throws(ReliabilityError) {
    let scaleValues: [(String, Double?)] = [
      ("alpha", alpha), ("standardizedAlpha", standardizedAlpha), ("lambda6", lambda6), ("averageR", averageR),
      ("medianR", medianR), ("varianceR", varianceR), ("signalToNoise", signalToNoise), ("ase", ase),
      ("feldtLower", feldtLower), ("feldtUpper", feldtUpper), ("standardizedFeldtLower", standardizedFeldtLower),
      ("standardizedFeldtUpper", standardizedFeldtUpper), ("duhachekLower", duhachekLower),
      ("duhachekUpper", duhachekUpper), ("omegaTotal", omegaTotal), ("mean", mean), ("sd", sd),
    ]
    for (statistic, value) in scaleValues where value.map({ !$0.isFinite }) ?? false {
      throw .undefinedStatistic(scale: name, statistic: statistic, item: "")
    }
    for itemName in itemOrder {
      guard let item = items[itemName] else { continue }
      let itemValues: [(String, Double?)] = [
        ("rawR", item.rawR), ("stdR", item.stdR), ("rCor", item.rCor), ("rDrop", item.rDrop), ("mean", item.mean),
        ("sd", item.sd), ("alphaIfDeleted", item.alphaIfDeleted),
        ("standardizedAlphaIfDeleted", item.standardizedAlphaIfDeleted), ("lambda6IfDeleted", item.lambda6IfDeleted),
        ("averageRIfDeleted", item.averageRIfDeleted), ("signalToNoiseIfDeleted", item.signalToNoiseIfDeleted),
        ("aseIfDeleted", item.aseIfDeleted), ("varianceRIfDeleted", item.varianceRIfDeleted),
        ("medianRIfDeleted", item.medianRIfDeleted),
      ]
      for (statistic, value) in itemValues where value.map({ !$0.isFinite }) ?? false {
        throw .undefinedStatistic(scale: name, statistic: statistic, item: itemName)
      }
    }
  }
}
