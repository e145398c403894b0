/// The scores of many respondents on every scale of a plan, stored compactly.
///
/// For each respondent and scale the table keeps the *raw sum* (the sum of the keyed answered items,
/// plus imputed values under `mean`/`median`) and the number of missing items. Sum and mean follow
/// from these exactly as the policy says (see ``MissingDataPolicy``), so the table holds 10 bytes per
/// score and the scoring pass writes no more than it must.
public struct ScoreTable: Sendable {
  /// The scale ids, in column order.
  public let scaleIDs: [String]
  /// The number of items in each scale.
  public let scaleItemCounts: [Int]
  /// The missing-data policy the scores were computed under.
  public let policy: MissingDataPolicy
  /// The number of respondents.
  public let rowCount: Int
  /// Raw sums, scale-major (a column per scale: the raw sum of `row` on `scale` is
  /// `rawSums[scale * rowCount + row]`, see ``cell(row:scale:)``); NaN where a missing item had no
  /// imputation value.
  public internal(set) var rawSums: [Double]
  /// Missing counts, laid out as ``rawSums``.
  public internal(set) var missingCounts: [UInt16]

  /// The index of a respondent's score on a scale in ``rawSums`` and ``missingCounts``.
  ///
  /// The table is scale-major so that the bulk kernels store 16 respondents' scores on a scale as one
  /// contiguous vector.
  @inlinable
  public func cell(row: Int, scale: Int) -> Int { scale &* rowCount &+ row }
  /// For each scale, the items that lack an imputation value (only under `mean`/`median`).
  var unimputable: [[String]]
  let required: [Int]

  init(scaleIDs: [String], scaleItemCounts: [Int], policy: MissingDataPolicy, rowCount: Int, unimputable: [[String]]) {
    self.scaleIDs = scaleIDs
    self.scaleItemCounts = scaleItemCounts
    self.policy = policy
    self.rowCount = rowCount
    // The bulk pass writes every cell (of trivial types), so the storage is not cleared first: that
    // would touch every page twice.
    let cells = rowCount * scaleIDs.count
    self.rawSums = [Double](unsafeUninitializedCapacity: cells) { _, count in count = cells }
    self.missingCounts = [UInt16](unsafeUninitializedCapacity: cells) { _, count in count = cells }
    self.unimputable = unimputable
    if case .prorate(let minimum) = policy {
      self.required = scaleItemCounts.map { minimum.required(of: $0) }
    } else {
      self.required = scaleItemCounts.map { _ in 1 }
    }
  }

  /// The number of scales.
  public var scaleCount: Int { scaleIDs.count }

  /// The score of `row` on scale number `scale`.
  ///
  /// - Complexity: O(1).
  @inlinable
  public subscript(row: Int, scale: Int) -> ScaleScore {
    score(row: row, scale: scale)
  }

  /// The score of `row` on scale number `scale`.
  public func score(row: Int, scale: Int) -> ScaleScore {
    let cell = self.cell(row: row, scale: scale)
    let k = scaleItemCounts[scale]
    let missing = Int(missingCounts[cell])
    let answered = k - missing
    let raw = rawSums[cell]
    if answered == 0 {
      return ScaleScore(sum: nil, mean: nil, answered: 0, missing: missing, absence: .noItemsAnswered)
    }
    switch policy {
    case .noImputation:
      return ScaleScore(sum: raw, mean: raw / Double(answered), answered: answered, missing: missing, absence: nil)
    case .itemMean, .itemMedian:
      if raw.isNaN {
        return ScaleScore(
          sum: nil, mean: nil, answered: answered, missing: missing,
          absence: .noImputationValue(items: unimputable[scale]))
      }
      return ScaleScore(sum: raw, mean: raw / Double(k), answered: answered, missing: missing, absence: nil)
    case .prorate:
      let need = required[scale]
      if answered < need {
        return ScaleScore(
          sum: nil, mean: nil, answered: answered, missing: missing,
          absence: .tooFewAnswered(answered: answered, required: need))
      }
      let mean = raw / Double(answered)
      return ScaleScore(sum: mean * Double(k), mean: mean, answered: answered, missing: missing, absence: nil)
    }
  }

  /// One respondent's scores on every scale.
  public func scores(row: Int) -> [ScaleScore] {
    (0..<scaleIDs.count).map { score(row: row, scale: $0) }
  }
}
