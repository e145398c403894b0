import AssessmentEngine
#if canImport(Dispatch)
import Dispatch
#endif

/// `score`: per-respondent scale scores.
///
/// Params: `instrument` (a built-in id or a definition object) or `scales` (`{"Goal": ["item4", "-item6"]}`)
/// with `min`/`max`; `csv` (text with a header) or `rows` (`[{"item1": 4, …}]`); optional `impute`
/// (`none|mean|median`, psych's semantics) or `prorate` (count ≥ 1 or fraction < 1), `idColumn`,
/// `missing` (tokens), `outOfRange` (`reject|missing`).
///
/// Result: `{"scores": [{"id": …|null, "scales": {"Goal": {"sum": n|null, "mean": n|null, "missing": k}}}],
/// "problems": […], "policy": "none", "policySummary": "…", "rowsRead": n, "rowsScored": n,
/// "rowsRejected": n}` — accepted rows in input order; a rejected row is a problem, not a score.
enum ScoreMethod {
  static func score(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let definition = try InstrumentMethods.resolve(&params)
    let policyArgument = readPolicy(&params)
    let options = DataOptions.read(&params)
    guard let definition else {
      _ = ResponseData.Source.take(&params)
      try params.check()
      throw .invalidParams(params.path, "invalidValue", "no instrument.")
    }
    let plan = ScoringPlan(definition, policy: policyArgument ?? definition.missingData ?? .default)
    let source = ResponseData.Source.take(&params)
    try params.check()
    guard let source else { throw .invalidParams(params.member("csv"), "missingKey", "the responses are required.") }
    let data = try source.load(
      columns: plan.columns, scale: definition.responseScale, idColumn: options.idColumn,
      missingTokens: options.missingTokens, outOfRange: options.outOfRange)
    let table: ScoreTable
    do { table = try plan.score(data.batch.matrix) } catch {
      throw RPCError(code: RPCError.internalErrorCode, message: "Internal error", problems: [.at(params.path, "scoring", error.description)])
    }
    return .stream { sink in write(table, data: data, plan: plan, to: sink) }
  }

  /// Writes the result straight into the response (no tree of 100k objects): rows are formatted in
  /// blocks, each block's rows shared among the cores, and each block is handed on before the next,
  /// so memory holds one block of text, not the whole response.
  static func write(_ table: ScoreTable, data: ResponseData, plan: ScoringPlan, to sink: ResponseSink) {
    let names = table.scaleIDs.map { name -> [UInt8] in
      var b: [UInt8] = []
      JSONOut.appendString(name, to: &b)
      b.append(UInt8(ascii: ":"))
      return b
    }
    sink.write(Array(#"{"scores":["#.utf8))
    let workers = table.rowCount >= 4096 ? max(1, BulkScoringInfo.threads) : 1
    let slots = FormatSlots(writers: Array(repeating: JSONCellCache(plan: plan), count: workers))
    let block = 1 << 14
    var start = 0
    while start < table.rowCount {
      let end = min(table.rowCount, start + block)
      let rows = end - start
      if workers == 1 {
        formatRows(start..<end, table: table, ids: data.ids, names: names, writer: &slots.writers[0], out: &slots.outputs[0])
      } else {
        let first = start
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          let range = (first + rows * w / workers)..<(first + rows * (w + 1) / workers)
          formatRows(range, table: table, ids: data.ids, names: names, writer: &slots.writers[w], out: &slots.outputs[w])
        }
      }
      for w in 0..<workers {
        sink.write(slots.outputs[w])
        slots.outputs[w].removeAll(keepingCapacity: true)
      }
      sink.flushIfLarge()
      start = end
    }
    sink.write(Array(#"],"problems":"#.utf8))
    sink.write(.array(data.problems.map(\.json)))
    sink.write(UInt8(ascii: ","))
    sink.write(Array(#""policy":"#.utf8))
    sink.write(.string(plan.policy.name))
    sink.write(Array(#","policySummary":"#.utf8))
    sink.write(.string(plan.policy.summary))
    sink.write(Array(#","instrument":"#.utf8))
    sink.write(.string(plan.definition.id))
    sink.write(Array(#","rowsRead":"#.utf8))
    sink.write(.int(data.rowsRead))
    sink.write(Array(#","rowsScored":"#.utf8))
    sink.write(.int(table.rowCount))
    sink.write(Array(#","rowsRejected":"#.utf8))
    sink.write(.int(data.batch.rowsRejected))
    sink.write(UInt8(ascii: "}"))
  }

  static let idKey = Array(#"{"id":"#.utf8)
  static let nullText = Array("null".utf8)
  static let scalesKey = Array(#","scales":{"#.utf8)
  /// Formats `rows` (a comma before each but the very first row of the table).
  static func formatRows(
    _ rows: Range<Int>, table: ScoreTable, ids: [String?], names: [[UInt8]], writer: inout JSONCellCache, out: inout [UInt8]
  ) {
    out.reserveCapacity(out.count + rows.count * (24 + table.scaleCount * 48))
    for row in rows {
      if row > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: idKey)
      if let id = ids[row] { JSONOut.appendString(id, to: &out) } else { out.append(contentsOf: nullText) }
      out.append(contentsOf: scalesKey)
      for s in 0..<table.scaleCount {
        if s > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: names[s])
        writer.append(table, row: row, scale: s, to: &out)
      }
      out.append(UInt8(ascii: "}"))
      out.append(UInt8(ascii: "}"))
    }
  }
}

/// Per-worker writers and output buffers in raw storage: each worker touches only its own slot (no
/// shared array is mutated concurrently), and the caller reads after `concurrentPerform` returns.
private final class FormatSlots: @unchecked Sendable {
  let writers: UnsafeMutablePointer<JSONCellCache>
  let outputs: UnsafeMutablePointer<[UInt8]>
  let count: Int
  init(writers: [JSONCellCache]) {
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

/// The JSON text of score cells, `{"sum":…,"mean":…,"missing":…}`, formatted once per distinct
/// (raw sum, missing count) of a scale and copied afterwards.
///
/// When a raw sum is a whole number (always, except under mean/median imputation) the cell is fully
/// determined by that pair for a given scale and policy — the reasoning of the library's
/// `ScoreCellWriter` — so each pair goes through ``ScoreTable/score(row:scale:)`` once.
struct JSONCellCache {
  private let base: [Int]
  private let rawMin: [Int]
  private let rawMax: [Int]
  private let stride: [Int]
  private var offsets: [Int32]
  private var lengths: [UInt16]
  private var arena: [UInt8] = []

  init(plan: ScoringPlan) {
    let lo = plan.definition.responseScale.min, hi = plan.definition.responseScale.max
    var base: [Int] = [], rawMin: [Int] = [], rawMax: [Int] = [], stride: [Int] = []
    var total = 0
    for k in plan.scaleItemCounts {
      // Response scales are bounded (±1e6) before scoring, so these products cannot overflow.
      let low = Swift.min(0, k * lo), high = Swift.max(0, k * hi)
      let entries = (high - low + 1) * (k + 1)
      rawMin.append(low)
      rawMax.append(high)
      stride.append(k + 1)
      if entries <= 1 << 20, total + entries < Int(Int32.max) {
        base.append(total)
        total += entries
      } else {
        base.append(-1)
      }
    }
    self.base = base
    self.rawMin = rawMin
    self.rawMax = rawMax
    self.stride = stride
    offsets = [Int32](repeating: -1, count: total)
    lengths = [UInt16](repeating: 0, count: total)
  }

  /// Appends the cell of `row` on scale `scale`.
  mutating func append(_ table: ScoreTable, row: Int, scale: Int, to out: inout [UInt8]) {
    let cell = table.cell(row: row, scale: scale)
    let raw = table.rawSums[cell]
    let missing = Int(table.missingCounts[cell])
    guard base[scale] >= 0, raw == raw.rounded(), raw >= Double(rawMin[scale]), raw <= Double(rawMax[scale]), missing < stride[scale] else {
      Self.format(table.score(row: row, scale: scale), to: &out)
      return
    }
    let index = base[scale] + (Int(raw) - rawMin[scale]) * stride[scale] + missing
    if offsets[index] < 0 {
      let start = arena.count
      Self.format(table.score(row: row, scale: scale), to: &arena)
      let length = arena.count - start
      guard length <= Int(UInt16.max), start <= Int(Int32.max) else {
        out.append(contentsOf: arena[start...])
        arena.removeSubrange(start...)
        return
      }
      offsets[index] = Int32(start)
      lengths[index] = UInt16(length)
    }
    let start = Int(offsets[index])
    let end = start + Int(lengths[index])
    arena.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
  }

  static let sumKey = Array(#"{"sum":"#.utf8)
  static let meanKey = Array(#","mean":"#.utf8)
  static let missingKey = Array(#","missing":"#.utf8)
  static let absenceKey = Array(#","absence":"#.utf8)
  static let nullText = Array("null".utf8)

  static func format(_ score: ScaleScore, to out: inout [UInt8]) {
    out.append(contentsOf: sumKey)
    if let v = score.sum { JSONOut.appendNumber(v, to: &out) } else { out.append(contentsOf: nullText) }
    out.append(contentsOf: meanKey)
    if let v = score.mean { JSONOut.appendNumber(v, to: &out) } else { out.append(contentsOf: nullText) }
    out.append(contentsOf: missingKey)
    ShortestDecimal.append(score.missing, to: &out)
    if let absence = score.absence {
      out.append(contentsOf: absenceKey)
      JSONOut.appendString(absence.description, to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }
}
