/// Per-item response counts over a whole response set: the exact basis for item-mean and item-median
/// imputation.
///
/// Counts are integers, so the statistics do not depend on row order, and chunks of a streamed file
/// can be counted separately and ``merge(_:)``d.
///
/// - Complexity: O(*k* × *w*) memory for *k* items on a scale of *w* values; nothing grows with the
///   number of respondents.
public struct ItemDistributions: Sendable, Hashable {
  /// The item ids, in column order.
  public let columns: [String]
  /// The response scale.
  public let scale: ResponseScale
  /// `counts[column][code]`: how many respondents gave code `code` (0 = missing).
  public private(set) var counts: [[Int]]

  /// Empty counts for the columns of a scale.
  public init(columns: [String], scale: ResponseScale) {
    self.columns = columns
    self.scale = scale
    self.counts = Array(repeating: Array(repeating: 0, count: scale.max - scale.min + 2), count: columns.count)
  }

  /// Counts of a whole matrix.
  public init(_ matrix: ResponseMatrix) {
    self.init(columns: matrix.columns, scale: matrix.scale)
    add(matrix)
  }

  /// Adds a matrix's rows (its columns must be these columns).
  public mutating func add(_ matrix: ResponseMatrix) {
    let k = columns.count
    guard matrix.columnCount == k, k > 0 else { return }
    matrix.codes.withUnsafeBufferPointer { codes in
      for j in 0..<k {
        counts[j].withUnsafeMutableBufferPointer { histogram in
          var i = j
          while i < codes.count {
            histogram[Int(codes[i])] += 1
            i += k
          }
        }
      }
    }
  }

  /// Adds another set of counts over the same columns.
  public mutating func merge(_ other: ItemDistributions) {
    for j in counts.indices {
      for c in counts[j].indices { counts[j][c] += other.counts[j][c] }
    }
  }

  /// How many respondents answered column `j`.
  public func answered(_ j: Int) -> Int { counts[j].dropFirst().reduce(0, +) }

  /// The mean response of column `j` over the respondents who answered it, or `nil` if none did.
  ///
  /// Computed as the exact integer total divided once, so it is the correctly rounded mean.
  public func mean(_ j: Int) -> Double? {
    var n = 0
    var total = 0
    for c in 1..<counts[j].count {
      n += counts[j][c]
      total += counts[j][c] * (c + scale.min - 1)
    }
    return n == 0 ? nil : Double(total) / Double(n)
  }

  /// The median response of column `j` (R's `median`: the mean of the two middle values when the
  /// count is even), or `nil` if nobody answered.
  public func median(_ j: Int) -> Double? {
    let n = answered(j)
    guard n > 0 else { return nil }
    func value(atRank rank: Int) -> Int {
      var seen = 0
      for c in 1..<counts[j].count {
        seen += counts[j][c]
        if seen >= rank { return c + scale.min - 1 }
      }
      return scale.max
    }
    if n % 2 == 1 { return Double(value(atRank: (n + 1) / 2)) }
    return (Double(value(atRank: n / 2)) + Double(value(atRank: n / 2 + 1))) / 2
  }

  /// The value each column's missing responses take under `policy` (before reverse keying); `nil`
  /// for a column nobody answered, and all `nil` for policies that do not impute.
  public func imputationValues(for policy: MissingDataPolicy) -> [Double?] {
    switch policy {
    case .itemMean: columns.indices.map { mean($0) }
    case .itemMedian: columns.indices.map { median($0) }
    case .noImputation, .prorate: columns.map { _ in nil }
    }
  }
}
