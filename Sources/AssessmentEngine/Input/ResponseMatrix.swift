/// Item responses of many respondents, packed for fast scoring.
///
/// **Layout** (documented, stable): row-major `UInt8` codes, one row per respondent and one column
/// per item, `codes[row * columnCount + column]`. Code 0 means *missing*; a response `x` is stored as
/// `x − min + 1`, so a scale of up to 255 values fits (1–5 → 1…5, −3…+3 → 1…7). A row of 12 items is
/// 12 bytes: a million respondents take 12 MB, and a scoring pass reads memory sequentially. The
/// code form makes reverse keying (`min + max − x`) the integer `max + 1 − code`, and makes sums and
/// cross-products exact in integers.
public struct ResponseMatrix: Sendable, Hashable {
  /// The item ids of the columns, in order.
  public let columns: [String]
  /// The response scale shared by every column.
  public let scale: ResponseScale
  /// The packed codes (see the type's discussion).
  public internal(set) var codes: [UInt8]
  /// The number of respondents.
  public internal(set) var rowCount: Int

  /// An empty matrix for `columns` on `scale`.
  public init(columns: [String], scale: ResponseScale) {
    self.columns = columns
    self.scale = scale
    self.codes = []
    self.rowCount = 0
  }

  /// A matrix over already packed codes (`codes.count` must be a multiple of `columns.count`).
  ///
  /// - Throws: ``ResponseMatrixError`` when the buffer's size does not fit the columns or a code is
  ///   outside the scale.
  public init(columns: [String], scale: ResponseScale, codes: [UInt8]) throws(ResponseMatrixError) {
    let k = columns.count
    guard k > 0 ? codes.count % k == 0 : codes.isEmpty else {
      throw .bufferSize(codes: codes.count, columns: k)
    }
    // A scale the packed layout cannot hold takes no codes but 0 (and no arithmetic on its bounds).
    let maxCode = UInt8(clamping: scale.packedWidth ?? 0)
    for (i, c) in codes.enumerated() where c > maxCode || (c != 0 && !scale.contains(scale.min + (Int(c) - 1))) {
      throw .valueOutOfScale(row: i / k, column: columns[i % k], value: scale.min + (Int(c) - 1))
    }
    self.columns = columns
    self.scale = scale
    self.codes = codes
    self.rowCount = k > 0 ? codes.count / k : 0
  }

  /// The number of item columns.
  @inlinable public var columnCount: Int { columns.count }

  /// Reserves room for `rows` more respondents.
  public mutating func reserveCapacity(rows: Int) {
    codes.reserveCapacity(codes.count + rows * columns.count)
  }

  /// Appends one respondent's responses in column order; `nil` is a missing response.
  ///
  /// - Throws: ``ResponseMatrixError`` when the row has the wrong length or a value is not a response
  ///   on the scale. Nothing is appended then.
  public mutating func append(_ values: [Int?]) throws(ResponseMatrixError) {
    guard values.count == columns.count else { throw .rowLength(expected: columns.count, found: values.count) }
    let width = scale.packedWidth ?? 0
    for (j, v) in values.enumerated() {
      // `contains` first, so that `v - min` (< width ≤ 255) cannot overflow.
      if let v, !scale.contains(v) || v - scale.min >= width {
        throw .valueOutOfScale(row: rowCount, column: columns[j], value: v)
      }
    }
    for v in values { codes.append(v.map { UInt8($0 - scale.min + 1) } ?? 0) }
    rowCount += 1
  }

  /// Appends one row of codes already checked against the scale (the CSV reader's path).
  mutating func appendCodes(_ row: UnsafeBufferPointer<UInt8>) {
    codes.append(contentsOf: row)
    rowCount += 1
  }

  /// Removes every row, keeping the allocation (for reuse across streamed chunks).
  public mutating func removeAllRows() {
    codes.removeAll(keepingCapacity: true)
    rowCount = 0
  }

  /// The response of `row` to `column`, or `nil` when missing.
  @inlinable
  public func value(row: Int, column: Int) -> Int? {
    let c = codes[row * columns.count + column]
    return c == 0 ? nil : scale.min + (Int(c) - 1)
  }

  /// One respondent's responses in column order.
  public func row(_ row: Int) -> [Int?] {
    (0..<columns.count).map { value(row: row, column: $0) }
  }
}

/// A response that does not fit a ``ResponseMatrix``.
public enum ResponseMatrixError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// A row with a different number of values than the matrix has columns.
  case rowLength(expected: Int, found: Int)
  /// A value that is not a response on the scale (0-based row).
  case valueOutOfScale(row: Int, column: String, value: Int)
  /// A packed buffer whose size is not a multiple of the column count.
  case bufferSize(codes: Int, columns: Int)

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .rowLength(let expected, let found): "A row has \(found) values; the matrix has \(expected) columns."
    case .valueOutOfScale(let row, let column, let value):
      "Row \(row + 1), column '\(column)': \(Redaction.bare(String(value))) is not a response on the scale."
    case .bufferSize(let codes, let columns): "\(codes) codes do not fill whole rows of \(columns) columns."
    }
  }
}
