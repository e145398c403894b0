/// Exact one-pass sums over rows of response codes, from which every reliability statistic of the
/// SDK is derived.
///
/// For every pair of items (i, j), i ≤ j, it keeps the number of rows where both were answered and
/// the integer sums Σxᵢ, Σxⱼ, Σxᵢ², Σxⱼ², Σxᵢxⱼ over those rows (the diagonal pair (i, i) holds the
/// item's own count and sums); a histogram of codes per item; and, per scale, the sums needed for
/// psych's per-respondent mean score (rowMeans over the answered items) and for complete-case
/// (listwise) covariances. Sums are over *codes*, not values: covariances do not depend on the
/// shift, and means are shifted back at the end.
///
/// All sums are `Int64`, so the result does not depend on row order, chunking or thread
/// scheduling: permuting rows or merging chunk accumulators gives bit-identical statistics.
/// No matrix of `Double`s over rows is ever built; memory is O(items² + Σ scale items²).
///
/// ```swift
/// let goal = ReliabilityScale(name: "Goal", columns: [3, 5, 7, 10])
/// var accumulator = try ItemMomentAccumulator(
///   itemCount: 12, coding: ResponseCoding(minimum: 1, maximum: 5), scales: [goal])
/// try accumulator.add(rows: codes)            // row-major, 12 codes per row, 0 = missing
/// let goalStatistics = try accumulator.reliability(ofScaleAt: 0)
/// ```
public struct ItemMomentAccumulator: Sendable, Hashable {
  /// Number of columns per row.
  public let itemCount: Int
  /// The value coding of the codes.
  public let coding: ResponseCoding
  /// The scales whose score moments are accumulated.
  public let scales: [ReliabilityScale]
  /// Optional column names (used for item keys in results; default `item1`, `item2`, …).
  public var columnNames: [String]
  /// Rows added so far.
  public private(set) var rowCount: Int64 = 0
  /// The largest row count whose sums are guaranteed not to overflow.
  public let rowCapacity: Int64

  /// Pair moments, stride 6: n, Σxᵢ, Σxⱼ, Σxᵢ², Σxⱼ², Σxᵢxⱼ, for i ≤ j in row-major upper-triangle order.
  var pairSums: [Int64]
  /// Per item, levels + 1 counts: slot 0 = missing, slot c = code c.
  var histograms: [Int64]
  /// Per scale score moments.
  var scaleSums: [ScaleScoreSums]

  static let pairStride = 6

  /// Creates an empty accumulator.
  /// - Throws: ``ReliabilityError`` for an invalid layout or scale (column out of range, duplicate
  ///   column, bad keys). A scale with fewer than two items is accepted here and reported when its
  ///   statistics are requested.
  public init(
    itemCount: Int, coding: ResponseCoding, scales: [ReliabilityScale], columnNames: [String]? = nil
  ) throws(ReliabilityError) {
    guard itemCount > 0, coding.levels >= 1, coding.levels <= 255 else {
      throw .invalidLayout(itemCount: itemCount, minimum: coding.minimum, maximum: coding.maximum)
    }
    for scale in scales {
      guard scale.keys.count == scale.columns.count, scale.keys.allSatisfy({ $0 == 1 || $0 == -1 }) else {
        throw .invalidKeys(scale: scale.name)
      }
      var seen = Set<Int>()
      for column in scale.columns {
        guard column >= 0, column < itemCount else {
          throw .columnOutOfRange(scale: scale.name, column: column, itemCount: itemCount)
        }
        guard seen.insert(column).inserted else { throw .duplicateColumn(scale: scale.name, column: column) }
      }
    }
    self.itemCount = itemCount
    self.coding = coding
    self.scales = scales
    if let columnNames, columnNames.count == itemCount {
      self.columnNames = columnNames
    } else {
      self.columnNames = (1...itemCount).map { "item\($0)" }
    }
    let levels = Int64(coding.levels)
    let longestScale = Int64(max(1, scales.map(\.columns.count).max() ?? 1))
    // The largest per-row increment is (k·L)² for Σs²; everything else is smaller.
    rowCapacity = Int64.max / ((longestScale * levels) * (longestScale * levels) + 1)
    pairSums = Array(repeating: 0, count: itemCount * (itemCount + 1) / 2 * Self.pairStride)
    histograms = Array(repeating: 0, count: itemCount * (coding.levels + 1))
    scaleSums = scales.map { ScaleScoreSums(itemCount: $0.columns.count) }
  }

  /// Index of pair (i, j), i ≤ j, in the upper triangle.
  @inline(__always)
  func pairIndex(_ i: Int, _ j: Int) -> Int {
    i * itemCount - i * (i - 1) / 2 + (j - i)
  }

  /// Adds whole rows from a row-major buffer (`itemCount` codes per row).
  /// - Throws: ``ReliabilityError/rowBufferLength(count:itemCount:)``,
  ///   ``ReliabilityError/codeOutOfRange(row:column:code:levels:)`` or
  ///   ``ReliabilityError/capacityExceeded(rows:)``; on error nothing of the block is added.
  /// - Complexity: O(rows · (items² + Σ scale items)).
  public mutating func add(rows codes: [UInt8]) throws(ReliabilityError) {
    let result: Result<Void, ReliabilityError> = codes.withUnsafeBufferPointer { buffer in
      do throws(ReliabilityError) {
        try add(rowBlock: buffer)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Adds one row of exactly `itemCount` codes.
  public mutating func add(row: some Collection<UInt8>) throws(ReliabilityError) {
    guard row.count == itemCount else { throw .rowBufferLength(count: row.count, itemCount: itemCount) }
    try add(rows: Array(row))
  }

  /// Adds a block of whole rows from a stream; call repeatedly with consecutive blocks.
  ///
  /// Runs the 16-row vector kernel (`MomentKernel`) on all cores for layouts of up to 64 items,
  /// the scalar reference otherwise; both give the same integer sums.
  /// - Complexity: O(rows · (items² + Σ scale items)), divided over the cores.
  public mutating func add(rowBlock buffer: UnsafeBufferPointer<UInt8>) throws(ReliabilityError) {
    try add(rowBlock: buffer, threads: MomentKernel.defaultThreads)
  }

  /// ``add(rowBlock:)`` on at most `threads` cores (tests pin it to compare schedules).
  mutating func add(rowBlock buffer: UnsafeBufferPointer<UInt8>, threads: Int) throws(ReliabilityError) {
    guard itemCount <= MomentKernel.maximumItems else { return try addReference(rowBlock: buffer) }
    guard buffer.count % itemCount == 0 else {
      throw .rowBufferLength(count: buffer.count, itemCount: itemCount)
    }
    let rows = buffer.count / itemCount
    guard rows > 0, let base = buffer.baseAddress else { return }
    let kernel = MomentKernel(itemCount: itemCount, levels: coding.levels, scales: scales)
    let partial = kernel.sums(base, rows: rows, threads: threads)
    if Int(partial.maxCode) > coding.levels {
      // Name the first offending cell exactly as the reference does.
      for index in 0..<buffer.count where Int(buffer[index]) > coding.levels {
        throw .codeOutOfRange(
          row: rowCount + Int64(index / itemCount), column: index % itemCount, code: buffer[index],
          levels: coding.levels)
      }
    }
    guard Int64(rows) <= rowCapacity - rowCount else { throw .capacityExceeded(rows: rowCount + Int64(rows)) }
    fold(partial, kernel: kernel)
    rowCount += Int64(rows)
  }

  /// Adds a kernel's partial sums: pair moments, histograms and scale sums over all its rows (the
  /// kernel derives its complete rows and missing patterns into them, see `MomentKernel.sums`).
  mutating func fold(_ partial: MomentPartial, kernel: MomentKernel) {
    let k = itemCount
    var p = 0
    for i in 0..<k {
      for j in i..<k {
        pairSums[p] += partial.pp[i * k + j]
        pairSums[p + 1] += partial.xp[i * k + j]
        pairSums[p + 2] += partial.xp[j * k + i]
        pairSums[p + 3] += partial.x2p[i * k + j]
        pairSums[p + 4] += partial.x2p[j * k + i]
        pairSums[p + 5] += partial.xx[i * k + j]
        p += Self.pairStride
      }
    }
    for index in histograms.indices { histograms[index] += partial.histogram[index] }
    for index in scales.indices {
      var sums = scaleSums[index]
      let base = kernel.scaleOffsets[index]
      let sizes = ScaleScoreSums.sizes(itemCount: scales[index].columns.count)
      for t in 0..<sizes.byAnswered { sums.byAnswered[t] += partial.scaleSums[base + t] }
      for t in 0..<sizes.byItem { sums.byItem[t] += partial.scaleSums[base + sizes.byAnswered + t] }
      for t in 0..<sizes.complete { sums.complete[t] += partial.scaleSums[base + sizes.byAnswered + sizes.byItem + t] }
      scaleSums[index] = sums
    }
  }

  /// The scalar reference for ``add(rowBlock:)``: row by row, pair by pair. Kept as the
  /// specification the vector kernel is tested against.
  mutating func addReference(rowBlock buffer: UnsafeBufferPointer<UInt8>) throws(ReliabilityError) {
    guard buffer.count % itemCount == 0 else {
      throw .rowBufferLength(count: buffer.count, itemCount: itemCount)
    }
    let rows = buffer.count / itemCount
    let levels = coding.levels
    for index in 0..<buffer.count where Int(buffer[index]) > levels {
      throw .codeOutOfRange(
        row: rowCount + Int64(index / itemCount), column: index % itemCount, code: buffer[index], levels: levels)
    }
    guard Int64(rows) <= rowCapacity - rowCount else { throw .capacityExceeded(rows: rowCount + Int64(rows)) }
    var keyed = [Int64](repeating: 0, count: scales.map(\.columns.count).max() ?? 0)
    let n = itemCount
    let stride = Self.pairStride
    pairSums.withUnsafeMutableBufferPointer { pairs in
      histograms.withUnsafeMutableBufferPointer { histogram in
        for row in 0..<rows {
          let base = row * n
          for i in 0..<n {
            let ci = Int64(buffer[base + i])
            histogram[i * (levels + 1) + Int(ci)] += 1
            if ci == 0 { continue }
            var p = (i * n - i * (i - 1) / 2) * stride
            // Diagonal pair: the item's own sums.
            pairs[p] += 1
            pairs[p + 1] += ci
            pairs[p + 2] += ci
            pairs[p + 3] += ci * ci
            pairs[p + 4] += ci * ci
            pairs[p + 5] += ci * ci
            p += stride
            for j in (i + 1)..<n {
              let cj = Int64(buffer[base + j])
              if cj != 0 {
                pairs[p] += 1
                pairs[p + 1] += ci
                pairs[p + 2] += cj
                pairs[p + 3] += ci * ci
                pairs[p + 4] += cj * cj
                pairs[p + 5] += ci * cj
              }
              p += stride
            }
          }
        }
      }
    }
    let reflect = Int64(levels + 1)
    for s in scales.indices {
      let columns = scales[s].columns
      let keys = scales[s].keys
      let k = columns.count
      // Move the sums out so that their arrays are uniquely referenced while written.
      var sums = scaleSums[s]
      scaleSums[s] = ScaleScoreSums(itemCount: 0)
      sums.byAnswered.withUnsafeMutableBufferPointer { answeredSums in
        sums.byItem.withUnsafeMutableBufferPointer { itemSums in
          sums.complete.withUnsafeMutableBufferPointer { completeSums in
            keyed.withUnsafeMutableBufferPointer { keyed in
              for row in 0..<rows {
                let base = row * n
                var answered = 0
                var sum: Int64 = 0
                for t in 0..<k {
                  let c = Int64(buffer[base + columns[t]])
                  if c == 0 {
                    keyed[t] = 0
                  } else {
                    let value = keys[t] == 1 ? c : reflect - c
                    keyed[t] = value
                    answered += 1
                    sum += value
                  }
                }
                ScaleScoreSums.add(
                  keyed: keyed, count: k, answered: answered, sum: sum, byAnswered: answeredSums, byItem: itemSums,
                  complete: completeSums)
              }
            }
          }
        }
      }
      scaleSums[s] = sums
    }
    rowCount += Int64(rows)
  }

  /// Adds the sums of another accumulator over the same layout and scales (e.g. another chunk or
  /// thread's share of the rows). The result equals one accumulator over all rows.
  /// - Throws: ``ReliabilityError/incompatibleMerge`` or ``ReliabilityError/capacityExceeded(rows:)``.
  public mutating func merge(_ other: ItemMomentAccumulator) throws(ReliabilityError) {
    guard other.itemCount == itemCount, other.coding == coding, other.scales == scales else {
      throw .incompatibleMerge
    }
    guard other.rowCount <= rowCapacity - rowCount else { throw .capacityExceeded(rows: rowCount + other.rowCount) }
    for index in pairSums.indices { pairSums[index] += other.pairSums[index] }
    for index in histograms.indices { histograms[index] += other.histograms[index] }
    for s in scaleSums.indices { scaleSums[s].merge(other.scaleSums[s]) }
    rowCount += other.rowCount
  }

  /// The merged accumulator of two.
  public func merging(_ other: ItemMomentAccumulator) throws(ReliabilityError) -> ItemMomentAccumulator {
    var copy = self
    try copy.merge(other)
    return copy
  }

  // MARK: Read access

  /// The exact pair sums for columns `i` and `j` (either order): rows where both were answered.
  /// `nil` when a column is out of range. `pairMoments(i, i)` holds item i's own count and sums.
  public func pairMoments(_ i: Int, _ j: Int) -> PairMoments? {
    guard (0..<itemCount).contains(i), (0..<itemCount).contains(j) else { return nil }
    return moments(i, j)
  }

  /// Counts of each code for column `item`: index 0 = missing, index c = code c; `nil` when the
  /// column is out of range.
  public func histogram(ofColumn item: Int) -> [Int64]? {
    guard (0..<itemCount).contains(item) else { return nil }
    return codeCounts(ofColumn: item)
  }

  func moments(_ i: Int, _ j: Int) -> PairMoments {
    let (a, b) = i <= j ? (i, j) : (j, i)
    let p = pairIndex(a, b) * Self.pairStride
    let m = PairMoments(
      count: pairSums[p], sumFirst: pairSums[p + 1], sumSecond: pairSums[p + 2],
      sumSquaresFirst: pairSums[p + 3], sumSquaresSecond: pairSums[p + 4], sumProducts: pairSums[p + 5])
    return i <= j ? m : m.swapped
  }

  func codeCounts(ofColumn item: Int) -> [Int64] {
    let width = coding.levels + 1
    return Array(histograms[(item * width)..<((item + 1) * width)])
  }
}

/// Exact integer sums for a pair of items over the rows where both were answered (codes, not values).
public struct PairMoments: Sendable, Hashable, Codable {
  /// Rows where both items were answered.
  public var count: Int64
  /// Σ of the first item's codes.
  public var sumFirst: Int64
  /// Σ of the second item's codes.
  public var sumSecond: Int64
  /// Σ of the first item's squared codes.
  public var sumSquaresFirst: Int64
  /// Σ of the second item's squared codes.
  public var sumSquaresSecond: Int64
  /// Σ of the products.
  public var sumProducts: Int64

  var swapped: PairMoments {
    PairMoments(
      count: count, sumFirst: sumSecond, sumSecond: sumFirst, sumSquaresFirst: sumSquaresSecond,
      sumSquaresSecond: sumSquaresFirst, sumProducts: sumProducts)
  }
}

/// Per-scale sums for the mean score and the complete-case covariances (keyed codes).
struct ScaleScoreSums: Sendable, Hashable {
  let itemCount: Int
  /// By number answered m = 0…k, stride 3: rows, Σs, Σs².
  var byAnswered: [Int64]
  /// By item t and m = 0…k, stride 6: rows with t answered, Σs, Σs², Σs·cₜ, Σcₜ, Σcₜ².
  var byItem: [Int64]
  /// Complete rows: count, then Σcₜ (k), then Σcₜc_u for t ≤ u (k(k+1)/2).
  var complete: [Int64]

  init(itemCount k: Int) {
    itemCount = k
    let sizes = Self.sizes(itemCount: k)
    byAnswered = Array(repeating: 0, count: sizes.byAnswered)
    byItem = Array(repeating: 0, count: sizes.byItem)
    complete = Array(repeating: 0, count: sizes.complete)
  }

  /// The lengths of the three parts for a scale of `k` items; the kernel keeps them flat, in this
  /// order, in `MomentPartial.scaleSums`.
  @inline(__always)
  static func sizes(itemCount k: Int) -> (byAnswered: Int, byItem: Int, complete: Int) {
    ((k + 1) * 3, k * (k + 1) * 6, 1 + k + k * (k + 1) / 2)
  }

  // Wrapping adds: `rowCapacity` bounds every sum, so overflow checks in this per-row loop buy nothing.
  @inline(__always)
  static func add(
    keyed: UnsafeMutableBufferPointer<Int64>, count k: Int, answered m: Int, sum s: Int64,
    byAnswered: UnsafeMutableBufferPointer<Int64>, byItem: UnsafeMutableBufferPointer<Int64>,
    complete: UnsafeMutableBufferPointer<Int64>
  ) {
    byAnswered[m * 3] &+= 1
    byAnswered[m * 3 + 1] &+= s
    byAnswered[m * 3 + 2] &+= s * s
    guard m > 0 else { return }
    for t in 0..<k where keyed[t] != 0 {
      let c = keyed[t]
      let p = (t * (k + 1) + m) * 6
      byItem[p] &+= 1
      byItem[p + 1] &+= s
      byItem[p + 2] &+= s * s
      byItem[p + 3] &+= s * c
      byItem[p + 4] &+= c
      byItem[p + 5] &+= c * c
    }
    if m == k {
      complete[0] &+= 1
      var p = 1 + k
      for t in 0..<k {
        complete[1 + t] &+= keyed[t]
        for u in t..<k {
          complete[p] &+= keyed[t] * keyed[u]
          p &+= 1
        }
      }
    }
  }

  mutating func merge(_ other: ScaleScoreSums) {
    for i in byAnswered.indices { byAnswered[i] += other.byAnswered[i] }
    for i in byItem.indices { byItem[i] += other.byItem[i] }
    for i in complete.indices { complete[i] += other.complete[i] }
  }
}
