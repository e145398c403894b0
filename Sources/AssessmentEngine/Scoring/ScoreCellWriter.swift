/// Writes score cells as CSV text (`sum,mean,missing`, an absent score as empty cells) fast enough
/// that formatting does not dominate a bulk run.
///
/// When a raw sum is a whole number — always, except under `mean`/`median` imputation — the cell's
/// text is fully determined by the pair (raw sum, missing count) for a given scale and policy, so the
/// writer formats each distinct pair once (through ``ScoreTable/score(row:scale:)``, the one place the
/// policy's rules live) and copies the cached bytes afterwards. Other cells are formatted directly.
/// Numbers are the shortest text that reads back to the same `Double` (``ShortestDecimal``).
public struct ScoreCellWriter: Sendable {
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

  /// A writer for the scales of `plan`.
  public init(plan: ScoringPlan) {
    let lo = plan.definition.responseScale.min, hi = plan.definition.responseScale.max
    var base: [Int] = [], rawMin: [Int] = [], rawCount: [Int] = [], stride: [Int] = []
    var total = 0
    for k in plan.scaleItemCounts {
      let low = Swift.min(0, k * lo), high = Swift.max(0, k * hi)
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
  public mutating func append(_ table: ScoreTable, row: Int, scale: Int, to out: inout [UInt8]) {
    let cell = row &* table.scaleCount &+ scale
    let raw = table.rawSums[cell]
    let missing = Int(table.missingCounts[cell])
    let start = base[scale]
    if start >= 0, raw == raw.rounded(.towardZero), abs(raw) < 1e9 {
      let r = Int(raw) &- rawMin[scale]
      if r >= 0, r < rawCount[scale], missing < stride[scale] {
        let entry = start &+ r &* stride[scale] &+ missing
        let offset = Int(offsets[entry])
        if offset >= 0 {
          let length = Int(lengths[entry])
          arena.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[offset..<(offset &+ length)])) }
          return
        }
        var text: [UInt8] = []
        Self.format(table.score(row: row, scale: scale), to: &text)
        if text.count <= 255, arena.count + text.count < Int(Int32.max) {
          offsets[entry] = Int32(arena.count)
          lengths[entry] = UInt8(text.count)
          arena.append(contentsOf: text)
        }
        out.append(contentsOf: text)
        return
      }
    }
    Self.format(table.score(row: row, scale: scale), to: &out)
  }

  /// Formats one score as `sum,mean,missing`.
  public static func format(_ score: ScaleScore, to out: inout [UInt8]) {
    if let sum = score.sum { ShortestDecimal.append(sum, to: &out) }
    out.append(0x2C)
    if let mean = score.mean { ShortestDecimal.append(mean, to: &out) }
    out.append(0x2C)
    ShortestDecimal.append(score.missing, to: &out)
  }
}
