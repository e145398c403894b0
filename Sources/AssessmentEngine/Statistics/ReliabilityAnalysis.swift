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
    let fullScale = scales[index]
    // psych deletes items without variance (with a warning) and analyses the rest.
    let setAsidePositions = itemsWithoutVariance(index)
    let setAside = Set(setAsidePositions)
    if fullScale.columns.count - setAside.count < 2, let first = setAsidePositions.first, fullScale.columns.count >= 2 {
      let m = moments(fullScale.columns[first], fullScale.columns[first])
      throw m.count == 0
        ? .allMissing(scale: fullScale.name, item: itemName(fullScale, first))
        : .zeroVariance(scale: fullScale.name, item: itemName(fullScale, first))
    }
    let moments = try scaleMoments(index, policy: options.missingData, setAside: setAside)
    let keptPositions = fullScale.columns.indices.filter { !setAside.contains($0) }
    let scale = ReliabilityScale(
      name: fullScale.name, columns: keptPositions.map { fullScale.columns[$0] },
      keys: keptPositions.map { fullScale.keys[$0] })
    var notes: [ReliabilityNote] = []
    let setAsideNames = setAsidePositions.map { itemName(fullScale, $0) }
    if !setAside.isEmpty {
      notes.append(
        ReliabilityNote(
          statistic: "items", status: .adjusted,
          reason:
            "item\(setAsideNames.count == 1 ? "" : "s") \(setAsideNames.joined(separator: ", ")) had no variance and \(setAsideNames.count == 1 ? "was" : "were") set aside from the reliability analysis (k = \(keptPositions.count)) but still \(setAsideNames.count == 1 ? "counts" : "count") in the score, as psych::alpha does"
        ))
      let completeOverall = moments.completeRows == moments.rowsWithScore
      if options.missingData == .pairwise || options.missingData == .listwise, !completeOverall {
        notes.append(
          ReliabilityNote(
            statistic: "mean, sd, rawR", status: .adjusted,
            reason:
              "the score is the mean of the answered items including the set-aside item; psych rescales the mean of the remaining items instead, which differs in rows with missing answers"
          ))
      }
    }
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
    let (smc, smcAdjusted) = SymmetricMatrix.psychSMC(r, k)
    if smcAdjusted {
      notes.append(
        ReliabilityNote(
          statistic: "lambda6, rCor", status: .adjusted,
          reason:
            "the item correlation matrix is singular or not positive definite; squared multiple correlations come from its pseudo-inverse with values below 0 set to 0 and above 1 set to 1, as psych::smc does"
        ))
    }
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
        let smcDrop = SymmetricMatrix.psychSMC(rd, k - 1).smc
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
    // psych's fa() smooths a non-positive-definite matrix (cor.smooth) before the fit.
    let (factorCorrelation, smoothed) = SymmetricMatrix.smoothed(moments.factorCorrelation, k)
    if smoothed {
      notes.append(
        ReliabilityNote(
          statistic: "omegaTotal", status: .adjusted,
          reason:
            "the correlation matrix is not positive definite; it was smoothed (psych::cor.smooth) before the one-factor fit, as psych::omega does"
        ))
    }
    let omegaStart = SymmetricMatrix.psychSMC(factorCorrelation, k).smc
    let omega = OmegaTotal(correlation: factorCorrelation, k: k, smc: omegaStart)
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
      confidenceLevel: options.confidenceLevel, itemOrder: order, items: items,
      setAsideItems: setAsideNames, notes: notes)
    var checked = result
    try checked.noteUndefinedStatistics()
    return checked
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
  /// Adds a ``ReliabilityNote`` (not computed) for every statistic that is not finite — e.g. S/N
  /// when two items correlate perfectly, r.drop when the rest of the scale has a negative variance
  /// sum — so that NaN never leaves the SDK silently; the other statistics are still reported.
  /// Throws ``ReliabilityError/undefinedStatistic(scale:statistic:item:)`` only when alpha itself is
  /// undefined, since then nothing about the scale is.
  mutating func noteUndefinedStatistics() throws(ReliabilityError) {
    guard alpha.isFinite, standardizedAlpha.isFinite else {
      throw .undefinedStatistic(scale: name, statistic: alpha.isFinite ? "standardizedAlpha" : "alpha", item: "")
    }
    var undefined: [String] = []
    let scaleValues: [(String, Double?)] = [
      ("alpha", alpha), ("standardizedAlpha", standardizedAlpha), ("lambda6", lambda6), ("averageR", averageR),
      ("medianR", medianR), ("varianceR", varianceR), ("signalToNoise", signalToNoise), ("ase", ase),
      ("feldtLower", feldtLower), ("feldtUpper", feldtUpper), ("standardizedFeldtLower", standardizedFeldtLower),
      ("standardizedFeldtUpper", standardizedFeldtUpper), ("duhachekLower", duhachekLower),
      ("duhachekUpper", duhachekUpper), ("omegaTotal", omegaTotal), ("mean", mean), ("sd", sd),
    ]
    for (statistic, value) in scaleValues where value.map({ !$0.isFinite }) ?? false {
      undefined.append(statistic)
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
        undefined.append("\(statistic)[\(itemName)]")
      }
    }
    if !undefined.isEmpty {
      notes.append(
        ReliabilityNote(
          statistic: undefined.joined(separator: ", "), status: .notComputed,
          reason:
            "undefined for these data (a division by zero or the square root of a negative sum: perfectly correlated items, an inconsistent pairwise matrix, or items that correlate negatively — check the reverse keying); shown as NA in text and \"NaN\"/\"Inf\" in JSON"
        ))
    }
  }
}
