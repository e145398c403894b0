/// Why reliability statistics could not be computed: which scale, which item, why.
///
/// Items are named by their column name when one was supplied, otherwise `column N` (1-based).
/// ``description`` renders one sentence a researcher or PK understands.
public enum ReliabilityError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
  /// The accumulator was set up with no items or with `minimum > maximum`, or more than 255 levels.
  case invalidLayout(itemCount: Int, minimum: Int, maximum: Int)
  /// A scale refers to a column that does not exist.
  case columnOutOfRange(scale: String, column: Int, itemCount: Int)
  /// A scale lists a column twice.
  case duplicateColumn(scale: String, column: Int)
  /// A key other than +1 or −1, or a key list whose length differs from the column list.
  case invalidKeys(scale: String)
  /// A scale has fewer than two items: alpha needs at least two.
  case tooFewItems(scale: String, itemCount: Int)
  /// A buffer whose length is not a multiple of the item count.
  case rowBufferLength(count: Int, itemCount: Int)
  /// A code above the coding's `levels` (0 = missing, 1…levels valid).
  case codeOutOfRange(row: Int64, column: Int, code: UInt8, levels: Int)
  /// Two accumulators with different layouts or scales cannot be merged.
  case incompatibleMerge
  /// The 64-bit integer sums would overflow; split the data into several reports.
  case capacityExceeded(rows: Int64)
  /// Fewer usable rows than the statistic needs (at least 3).
  case tooFewObservations(scale: String, count: Int64, minimum: Int64)
  /// An item of the scale was never answered.
  case allMissing(scale: String, item: String)
  /// An item of the scale has the same answer in every row (zero variance).
  case zeroVariance(scale: String, item: String)
  /// Two items were never (or only once) answered together, so their covariance is undefined.
  case noOverlap(scale: String, item: String, otherItem: String, count: Int64)
  /// The correlation matrix is singular or not positive definite (e.g. perfectly correlated
  /// items, or an inconsistent pairwise matrix), so squared multiple correlations do not exist.
  case notPositiveDefinite(scale: String, item: String)
  /// The scale score has no variance, so alpha is undefined.
  case zeroScaleVariance(scale: String)
  /// A confidence level outside (0, 1).
  case confidenceLevelOutOfRange(value: Double)
  /// No scale of that name or index.
  case unknownScale(name: String)
  /// A statistic is undefined for these data (typically the square root of a negative sum when
  /// items correlate negatively, e.g. a reverse-keyed item not marked as such). `item` is empty
  /// for a scale-level statistic.
  case undefinedStatistic(scale: String, statistic: String, item: String)

  /// One sentence describing the problem.
  public var description: String {
    switch self {
    case .invalidLayout(let itemCount, let minimum, let maximum):
      "The response layout is invalid: \(itemCount) items with values \(minimum) to \(maximum) (need at least one item and 1 to 255 response levels)."
    case .columnOutOfRange(let scale, let column, let itemCount):
      "Scale \(scale) refers to column \(column + 1), but the data have \(itemCount) columns."
    case .duplicateColumn(let scale, let column):
      "Scale \(scale) lists column \(column + 1) twice."
    case .invalidKeys(let scale):
      "Scale \(scale) needs exactly one key, +1 or −1, per item."
    case .tooFewItems(let scale, let itemCount):
      "Scale \(scale) has \(itemCount) item\(itemCount == 1 ? "" : "s"); reliability needs at least 2."
    case .rowBufferLength(let count, let itemCount):
      "The response buffer holds \(count) codes, which is not a whole number of rows of \(itemCount) items."
    case .codeOutOfRange(let row, let column, let code, let levels):
      "Row \(row + 1), column \(column + 1) holds code \(code), but codes run from 0 (missing) to \(levels)."
    case .incompatibleMerge:
      "The two accumulators have different items, codings or scales and cannot be merged."
    case .capacityExceeded(let rows):
      "After \(rows) rows the exact integer sums would overflow; analyse the data in parts."
    case .tooFewObservations(let scale, let count, let minimum):
      "Scale \(scale) has \(count) usable rows; at least \(minimum) are needed."
    case .allMissing(let scale, let item):
      "In scale \(scale), item \(item) was never answered."
    case .zeroVariance(let scale, let item):
      "In scale \(scale), item \(item) has the same answer in every row (no variance)."
    case .noOverlap(let scale, let item, let otherItem, let count):
      "In scale \(scale), items \(item) and \(otherItem) were answered together in only \(count) rows, too few for a covariance."
    case .notPositiveDefinite(let scale, let item):
      "In scale \(scale), the item correlations are singular or inconsistent at item \(item) (perfectly correlated items or a non-positive-definite pairwise matrix)."
    case .zeroScaleVariance(let scale):
      "Scale \(scale) has a total score without variance, so alpha is undefined."
    case .confidenceLevelOutOfRange(let value):
      "The confidence level must lie strictly between 0 and 1 (got \(value))."
    case .unknownScale(let name):
      "There is no scale named \(name)."
    case .undefinedStatistic(let scale, let statistic, let item):
      "In scale \(scale), \(statistic)\(item.isEmpty ? "" : " for item \(item)") is undefined for these data; the items may correlate negatively (check the reverse keying)."
    }
  }
}
