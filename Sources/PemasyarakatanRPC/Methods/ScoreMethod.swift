import AssessmentEngine
import _SDKSupport

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
      throw RPCError(
        code: RPCError.internalErrorCode, message: "Internal error",
        problems: [.at(params.path, "scoring", error.description)])
    }
    return .stream { sink in write(table, data: data, plan: plan, to: sink) }
  }

  /// Writes the result straight into the response (no tree of 100k objects): rows are formatted in
  /// blocks, each block's rows shared among the cores, and each block is handed on before the next,
  /// so memory holds one block of text, not the whole response.
  static func write(_ table: ScoreTable, data: ResponseData, plan: ScoringPlan, to sink: ResponseSink) {
    let names = table.scaleIDs.map { name -> [UInt8] in
      var b: [UInt8] = []
      JSONString.append(name, to: &b)
      b.append(UInt8(ascii: ":"))
      return b
    }
    sink.write(Array(#"{"scores":["#.utf8))
    let workers = table.rowCount >= 4096 ? Parallel.coreCount : 1
    let slots = ScoreCellWriterSlots(ScoreCellWriter(plan: plan, syntax: .json), workers: workers)
    let block = 1 << 14
    var start = 0
    while start < table.rowCount {
      let end = min(table.rowCount, start + block)
      let rows = end - start
      if workers == 1 {
        formatRows(
          start..<end, table: table, ids: data.ids, names: names, writer: &slots.writers[0], out: &slots.outputs[0])
      } else {
        let first = start
        Parallel.forEach(workers) { w in
          let range = (first + rows * w / workers)..<(first + rows * (w + 1) / workers)
          formatRows(
            range, table: table, ids: data.ids, names: names, writer: &slots.writers[w], out: &slots.outputs[w])
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
    _ rows: Range<Int>, table: ScoreTable, ids: [String?], names: [[UInt8]], writer: inout ScoreCellWriter,
    out: inout [UInt8]
  ) {
    out.reserveCapacity(out.count + rows.count * (24 + table.scaleCount * 48))
    for row in rows {
      if row > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: idKey)
      if let id = ids[row] { JSONString.append(id, to: &out) } else { out.append(contentsOf: nullText) }
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
