import _SDKSupport

/// Writes score cells as CSV text (`sum,mean,missing`, an absent score as empty cells) or as JSON
/// objects (`{"sum":…,"mean":…,"missing":…}`, `null` for an absent value, plus `"absence"` when the
/// score is absent) fast enough that formatting does not dominate a bulk run.
///
/// When a raw sum is a whole number — always, except under `mean`/`median` imputation — the cell's
/// text is fully determined by the pair (raw sum, missing count) for a given scale and policy, so the
/// writer formats each distinct pair once (through ``ScoreTable/score(row:scale:)``, the one place the
/// policy's rules live) and copies the cached bytes afterwards. Other cells are formatted directly.
/// Numbers are the shortest text that reads back to the same `Double` (``ShortestDecimal``).
package struct ScoreCellWriter: Sendable {
  /// The text of one cell.
  package enum Syntax: Sendable {
    /// `sum,mean,missing` (``format(_:to:)``).
    case csv
    /// `{"sum":…,"mean":…,"missing":…[,"absence":…]}` (``formatJSON(_:to:)``).
    case json
  }
  /// The syntax every cell is written in.
  package let syntax: Syntax
  /// Per scale: where its entries start (−1 = not cached), its lowest raw sum, and items + 1.
  private let base: [Int]
  private let rawMin: [Int]
  private let rawCount: [Int]
  private let stride: [Int]
  /// Per entry: the text's offset in `arena` (−1 = not formatted yet) and length.
  private var offsets: [Int32]
  private var lengths: [UInt8]
  private var arena: [UInt8] = []
  /// Scales whose table would exceed this many entries are not cached.
  static let maximumCacheEntries = 1 << 20

  /// A writer for the scales of `plan`, writing cells in `syntax`.
  package init(plan: ScoringPlan, syntax: Syntax = .csv) {
    self.syntax = syntax
    let lo = plan.definition.responseScale.min
    let hi = plan.definition.responseScale.max
    var base: [Int] = []
    var rawMin: [Int] = []
    var rawCount: [Int] = []
    var stride: [Int] = []
    var total = 0
    for k in plan.scaleItemCounts {
      let low = Swift.min(0, k * lo)
      let high = Swift.max(0, k * hi)
      let entries = (high - low + 1) * (k + 1)
      rawMin.append(low)
      rawCount.append(high - low + 1)
      stride.append(k + 1)
      if entries <= Self.maximumCacheEntries {
        base.append(total)
        total += entries
      } else {
        base.append(-1)
      }
    }
    self.base = base
    self.rawMin = rawMin
    self.rawCount = rawCount
    self.stride = stride
    offsets = [Int32](repeating: -1, count: total)
    lengths = [UInt8](repeating: 0, count: total)
  }

  /// Appends `sum,mean,missing` of `row` on scale `scale` of `table` to `out`.
  package mutating func append(_ table: ScoreTable, row: Int, scale: Int, to out: inout [UInt8]) {
    if let (offset, length) = cachedText(table, row: row, scale: scale) {
      arena.withUnsafeBufferPointer {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[offset..<(offset + length)]))
      }
    } else {
      formatCell(table.score(row: row, scale: scale), to: &out)
    }
  }

  /// Writes every row of `table` as CSV lines — the id (quoted when it needs it, RFC 4180) when
  /// `ids` is given, then `sum,mean,missing` per scale — handing the bytes to `sink` in blocks of up
  /// to 256 KiB.
  ///
  /// - Complexity: O(*n* × *s*) for *n* rows and *s* scales; O(1) allocations besides the cache.
  package mutating func writeRows(_ table: ScoreTable, ids: [String]?, to sink: (UnsafeRawBufferPointer) -> Void) {
    writeRows(table, ids: ids, rows: 0..<table.rowCount, to: sink)
  }

  /// Writes the rows `rows` of `table` as ``writeRows(_:ids:to:)`` does (for sharing a table's rows
  /// among threads, each with its own writer).
  package mutating func writeRows(
    _ table: ScoreTable, ids: [String]?, rows: Range<Int>, to sink: (UnsafeRawBufferPointer) -> Void
  ) {
    assert(syntax == .csv, "writeRows writes CSV lines; a JSON writer formats cells with append(_:row:scale:to:)")
    let capacity = 1 << 18
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var used = 0
    var scratch: [UInt8] = []
    scratch.reserveCapacity(128)
    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
      if used + bytes.count > capacity {
        sink(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
      }
      if bytes.count > capacity {
        sink(UnsafeRawBufferPointer(bytes))
        return
      }
      if let from = bytes.baseAddress { (buffer + used).update(from: from, count: bytes.count) }
      used += bytes.count
    }
    let scales = table.scaleCount
    // The hit path reads only local, unchecked pointers; a miss formats the cell and caches it.
    let bases = base
    let rawMins = rawMin
    let rawCounts = rawCount
    let strides = stride
    for row in rows {
      if let ids {
        scratch.removeAll(keepingCapacity: true)
        Self.appendCSVField(ids[row], to: &scratch)
        scratch.append(0x2C)
        scratch.withUnsafeBufferPointer { put($0) }
      }
      if used + 512 * scales > capacity {
        sink(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
      }
      for scale in 0..<scales {
        let cell = table.cell(row: row, scale: scale)
        let raw = table.rawSums[cell]
        let missing = Int(table.missingCounts[cell])
        var entry = -1
        if bases[scale] >= 0, abs(raw) < 1e9 {
          let whole = Int(raw)
          let r = whole &- rawMins[scale]
          if Double(whole) == raw, r >= 0, r < rawCounts[scale], missing < strides[scale] {
            entry = bases[scale] &+ r &* strides[scale] &+ missing
          }
        }
        if entry >= 0, offsets[entry] >= 0 {
          let offset = Int(offsets[entry])
          let length = Int(lengths[entry])
          arena.withUnsafeBufferPointer { a in
            if let from = a.baseAddress { (buffer + used).update(from: from + offset, count: length) }
          }
          used &+= length
        } else if entry >= 0, let (offset, length) = cachedText(table, row: row, scale: scale) {
          arena.withUnsafeBufferPointer { a in
            if let from = a.baseAddress { (buffer + used).update(from: from + offset, count: length) }
          }
          used &+= length
        } else {
          scratch.removeAll(keepingCapacity: true)
          formatCell(table.score(row: row, scale: scale), to: &scratch)
          scratch.withUnsafeBufferPointer { put($0) }
        }
        buffer[used] = scale == scales &- 1 ? 0x0A : 0x2C
        used &+= 1
      }
    }
    if used > 0 { sink(UnsafeRawBufferPointer(start: buffer, count: used)) }
  }

  /// The cached text of a cell (formatting and caching it on first sight), or `nil` for a cell the
  /// cache does not cover (a fractional raw sum, or a scale too large to cache).
  private mutating func cachedText(_ table: ScoreTable, row: Int, scale: Int) -> (offset: Int, length: Int)? {
    let cell = table.cell(row: row, scale: scale)
    let raw = table.rawSums[cell]
    let start = base[scale]
    guard start >= 0, abs(raw) < 1e9, Double(Int(raw)) == raw else { return nil }
    let missing = Int(table.missingCounts[cell])
    let r = Int(raw) &- rawMin[scale]
    guard r >= 0, r < rawCount[scale], missing < stride[scale] else { return nil }
    let entry = start &+ r &* stride[scale] &+ missing
    let offset = Int(offsets[entry])
    if offset >= 0 { return (offset, Int(lengths[entry])) }
    var text: [UInt8] = []
    formatCell(table.score(row: row, scale: scale), to: &text)
    guard text.count <= 255, arena.count + text.count < Int(Int32.max) else { return nil }
    offsets[entry] = Int32(arena.count)
    lengths[entry] = UInt8(text.count)
    arena.append(contentsOf: text)
    return (Int(offsets[entry]), text.count)
  }

  /// Appends a CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
  package static func appendCSVField(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      if !bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        out.append(contentsOf: bytes)
        return
      }
      out.append(0x22)
      for b in bytes {
        if b == 0x22 { out.append(0x22) }
        out.append(b)
      }
      out.append(0x22)
    }
  }

  /// Formats one score in the writer's ``syntax``.
  private func formatCell(_ score: ScaleScore, to out: inout [UInt8]) {
    switch syntax {
    case .csv: Self.format(score, to: &out)
    case .json: Self.formatJSON(score, to: &out)
    }
  }

  /// Formats one score as a JSON object; `null` for an absent sum or mean (and for a non-finite one,
  /// which JSON cannot write).
  package static func formatJSON(_ score: ScaleScore, to out: inout [UInt8]) {
    func number(_ value: Double?) {
      if let value, value.isFinite {
        ShortestDecimal.append(value, to: &out)
      } else {
        out.append(contentsOf: "null".utf8)
      }
    }
    out.append(contentsOf: #"{"sum":"#.utf8)
    number(score.sum)
    out.append(contentsOf: #","mean":"#.utf8)
    number(score.mean)
    out.append(contentsOf: #","missing":"#.utf8)
    ShortestDecimal.append(score.missing, to: &out)
    if let absence = score.absence {
      out.append(contentsOf: #","absence":"#.utf8)
      out.append(contentsOf: jsonString(absence.description).utf8)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// Formats one score as `sum,mean,missing`.
  package static func format(_ score: ScaleScore, to out: inout [UInt8]) {
    if let sum = score.sum { ShortestDecimal.append(sum, to: &out) }
    out.append(0x2C)
    if let mean = score.mean { ShortestDecimal.append(mean, to: &out) }
    out.append(0x2C)
    ShortestDecimal.append(score.missing, to: &out)
  }
}

/// One ``ScoreCellWriter`` and one output buffer per worker, in raw storage, for formatting a table's
/// rows on all cores: each worker touches only its own slot (no shared array is mutated
/// concurrently), and the caller reads the outputs after `concurrentPerform` returns.
package final class ScoreCellWriterSlots: @unchecked Sendable {
  /// The writers, one per worker.
  package let writers: UnsafeMutablePointer<ScoreCellWriter>
  /// The output buffers, one per worker.
  package let outputs: UnsafeMutablePointer<[UInt8]>
  /// How many workers.
  package let count: Int

  /// `workers` copies of `writer`, each with an empty output buffer.
  package convenience init(_ writer: ScoreCellWriter, workers: Int) {
    self.init(writers: Array(repeating: writer, count: Swift.max(1, workers)))
  }

  /// One slot per writer (caches carried over from earlier batches), each with an empty output buffer.
  package init(writers: [ScoreCellWriter]) {
    count = writers.count
    self.writers = .allocate(capacity: count)
    self.writers.initialize(from: writers, count: count)
    outputs = .allocate(capacity: count)
    outputs.initialize(repeating: [], count: count)
  }

  deinit {
    writers.deinitialize(count: count)
    writers.deallocate()
    outputs.deinitialize(count: count)
    outputs.deallocate()
  }
}
