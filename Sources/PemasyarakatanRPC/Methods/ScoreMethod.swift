import AssessmentEngine

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

  /// Writes the result straight into the response, row by row (no tree of 100k objects).
  static func write(_ table: ScoreTable, data: ResponseData, plan: ScoringPlan, to sink: ResponseSink) {
    let names = table.scaleIDs.map { name -> [UInt8] in
      var b: [UInt8] = []
      JSONOut.appendString(name, to: &b)
      return b
    }
    sink.write(Array(#"{"scores":["#.utf8))
    for row in 0..<table.rowCount {
      sink.append { out in
        if row > 0 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: #"{"id":"#.utf8)
        if let id = data.ids[row] { JSONOut.appendString(id, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","scales":{"#.utf8)
        for s in 0..<table.scaleCount {
          let score = table.score(row: row, scale: s)
          if s > 0 { out.append(UInt8(ascii: ",")) }
          out.append(contentsOf: names[s])
          out.append(contentsOf: #":{"sum":"#.utf8)
          if let v = score.sum { JSONOut.appendNumber(v, to: &out) } else { out.append(contentsOf: "null".utf8) }
          out.append(contentsOf: #","mean":"#.utf8)
          if let v = score.mean { JSONOut.appendNumber(v, to: &out) } else { out.append(contentsOf: "null".utf8) }
          out.append(contentsOf: #","missing":"#.utf8)
          ShortestDecimal.append(score.missing, to: &out)
          if let absence = score.absence {
            out.append(contentsOf: #","absence":"#.utf8)
            JSONOut.appendString(absence.description, to: &out)
          }
          out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "}}".utf8)
      }
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
}
