import AssessmentEngine
import WorkingAlliance
import _SDKSupport

/// `alliance.series`: the PK–client working alliance across sessions, per dyad.
///
/// Params: `instrument` (an alliance form: `wai-sr`, … or a definition with goal/task/bond/total
/// scales); `csv` or `rows` (one administration per row: the items, the dyad, the session and
/// optionally a date, a rater and a form); `idColumn` (the dyad) and `sessionColumn` (required);
/// `dateColumn`, `raterColumn` or `rater` (`client|pk`), `formColumn`; analysis options `measure`
/// (`goal|task|bond|total`), `metric` (`sum|mean|percent`), `early`, `reliability` (+ `sd`, else the SD
/// of the client series' first sessions) or `publishedReliability: true`, `ruptureSDs`, `ruptureSD`,
/// `repairWithin`, `repairFraction`, `declineSessions`, `declinePoints`; `impute`/`prorate`.
///
/// Result: `{"dyads": [DyadAllianceReport…], "reliability": ReliabilityBasis|null, "rowErrors": […],
/// "seriesErrors": […], "problems": […]}`.
enum AllianceMethod {
  static func series(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let definition = try InstrumentMethods.resolve(&params)
    let policy = readPolicy(&params)
    let options = DataOptions.read(&params)
    let sessionColumn = params.string("sessionColumn", required: true)
    let dateColumn = params.string("dateColumn")
    let raterColumn = params.string("raterColumn")
    let raterText = params.choice("rater", ["client", "klien", "pk"])
    let formColumn = params.string("formColumn")
    let measure =
      params.choice("measure", AllianceMeasure.allCases.map(\.rawValue)).flatMap(AllianceMeasure.init(rawValue:))
      ?? .total
    let metric =
      params.choice("metric", AllianceMetric.allCases.map(\.rawValue)).flatMap(AllianceMetric.init(rawValue:)) ?? .sum
    let early = params.integer("early") ?? 3
    let reliability = params.number("reliability")
    let sd = params.number("sd")
    let published = params.bool("publishedReliability") ?? false
    let ruptureSDs = params.number("ruptureSDs") ?? 2
    let ruptureSD = params.number("ruptureSD")
    let within = params.integer("repairWithin") ?? 3
    let fraction = params.number("repairFraction") ?? 1
    let declines = params.integer("declineSessions") ?? 3
    let points = params.number("declinePoints") ?? 10
    if options.idColumn == nil { params.fail("idColumn", "the column naming the PK–client dyad is required") }
    if raterColumn != nil, raterText != nil { params.fail("rater", "give either 'raterColumn' or 'rater', not both") }
    if !(1...10_000).contains(early) { params.fail("early", "expected a count between 1 and 10000") }
    if !(ruptureSDs > 0) { params.fail("ruptureSDs", "expected a positive number") }
    if let ruptureSD, !(ruptureSD > 0) { params.fail("ruptureSD", "expected a positive number") }
    if !(1...10_000).contains(within) { params.fail("repairWithin", "expected a count between 1 and 10000") }
    if !(fraction > 0 && fraction <= 1) { params.fail("repairFraction", "expected a fraction in (0, 1]") }
    if !(1...10_000).contains(declines) { params.fail("declineSessions", "expected a count between 1 and 10000") }
    if !(points >= 0) { params.fail("declinePoints", "expected a number of at least 0") }
    if sd != nil, reliability == nil { params.fail("sd", "'sd' goes with 'reliability'") }
    if published, reliability != nil {
      params.fail("publishedReliability", "give either 'publishedReliability' or 'reliability', not both")
    }
    guard let definition, let idColumn = options.idColumn, let sessionColumn else {
      _ = ResponseData.Source.take(&params)
      try params.check()
      throw .invalidParams(params.path, "invalidValue", "no instrument.")
    }
    let scorer: AllianceScorer
    do { scorer = try AllianceScorer(definition, policy: policy) } catch {
      throw .invalidParams(params.member("instrument"), "notAnAllianceForm", "\(error)")
    }
    let columns = AllianceColumns(
      dyad: idColumn, session: sessionColumn, date: dateColumn, rater: raterColumn, form: formColumn)
    let carried = [sessionColumn, dateColumn, raterColumn, formColumn].compactMap { $0 }
    let source = ResponseData.Source.take(&params)
    try params.check()
    guard let source else { throw .invalidParams(params.member("csv"), "missingKey", "the responses are required.") }
    let data = try source.load(
      columns: scorer.plan.columns, scale: definition.responseScale, idColumn: idColumn,
      missingTokens: options.missingTokens, outOfRange: options.outOfRange, passthrough: carried)

    let table: ScoreTable
    do { table = try scorer.plan.score(data.batch.matrix) } catch {
      throw RPCError(
        code: RPCError.internalErrorCode, message: "Internal error",
        problems: [.at(params.path, "scoring", error.description)])
    }
    let defaultRater = raterText.flatMap(AllianceRater.init(parsing:)) ?? .client
    var rows: [AllianceRow] = []
    var rowErrors: [JSONOut] = []
    for r in 0..<table.rowCount {
      func cell(_ column: String?) -> String? { column.flatMap { data.passthrough[$0]?[r] ?? nil } }
      do {
        rows.append(
          try AllianceRow(
            dyad: data.ids[r] ?? "", session: cell(sessionColumn) ?? "", date: cell(dateColumn),
            rater: cell(raterColumn), form: cell(formColumn),
            defaultRater: defaultRater, instrument: definition.id, line: data.batch.lines[r], columns: columns,
            scores: scorer.scores(table, row: r)))
      } catch {
        rowErrors.append(
          .object([
            ("what", .string(error.kind.rawValue)),
            ("where", .object([("line", .int(error.line)), ("columnName", .string(error.column))])),
            ("why", .string(error.description)),
          ]))
      }
    }
    let grouped = AllianceRow.series(rows)
    var analysis = AllianceAnalysisOptions(
      measure: measure, metric: metric, earlyCount: early,
      rupture: RuptureCriterion(
        dropInSDs: ruptureSDs, fixedSD: ruptureSD, repairWithin: within, repairFraction: fraction),
      falling: FallingCriterion(consecutiveDeclines: declines, minimumDecline: points))
    if published {
      guard let basis = ReliabilityBasis.published(in: definition, measure: measure) else {
        throw .invalidParams(
          params.member("publishedReliability"), "invalidValue",
          "the instrument '\(definition.id)' carries no published reliability and SD for \(measure.rawValue); give 'reliability' and 'sd'."
        )
      }
      analysis.reliability = basis
    }
    if let reliability {
      do {
        if let sd {
          analysis.reliability = try ReliabilityBasis(
            reliability: reliability, sd: sd, metric: metric, source: .user,
            note:
              "reliability \(ShortestDecimal.string(reliability)) and SD \(ShortestDecimal.string(sd)): given in the request"
          )
        } else {
          analysis.reliability = try ReliabilityBasis.fromSample(
            grouped.series.filter { $0.rater == .client }, measure: measure, metric: metric, reliability: reliability,
            reliabilityOrigin: "given in the request")
        }
      } catch { throw .invalidParams(params.member("reliability"), "invalidValue", error.description) }
    }
    var order: [String] = []
    for s in grouped.series where !order.contains(s.dyad) { order.append(s.dyad) }
    var reports: [JSONOut] = []
    for dyad in order {
      // One series per rater and dyad by construction, so a report cannot fail here.
      if let report = try? DyadAllianceReport(series: grouped.series.filter { $0.dyad == dyad }, options: analysis) {
        reports.append(try encodeDocument(report))
      }
    }
    let seriesErrors: [JSONOut] = grouped.errors.map { e in
      .object([
        ("what", .string("series")),
        ("where", .object([("dyad", .string(e.dyad)), ("lines", .array(e.lines.map { .int($0) }))])),
        ("why", .string(e.description)),
      ])
    }
    return .value(
      .object([
        ("instrument", .string(definition.id)), ("policy", .string(scorer.plan.policy.name)),
        ("reliability", analysis.reliability.map { (try? encodeDocument($0)) ?? .null } ?? .null),
        ("dyads", .array(reports)), ("rowErrors", .array(rowErrors)), ("seriesErrors", .array(seriesErrors)),
        ("problems", .array(data.problems.map(\.json))),
      ]))
  }
}
