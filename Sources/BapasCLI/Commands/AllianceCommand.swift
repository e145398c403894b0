import AssessmentEngine
import WorkingAlliance
import _SDKSupport

/// `bapas alliance`: the PK–client alliance across sessions, per dyad — scores per session, trajectory,
/// reliable change, ruptures and repairs, client–PK gaps and the "alliance falling" flag.
enum AllianceCommand: Subcommand {
  static let spec = CommandSpec(
    name: "alliance",
    abstract: "Track the PK–client working alliance across sessions: trajectory, ruptures, gaps, flags.",
    discussion: """
      One row per administration: the instrument's items (item1…itemK), a dyad id, a session number, \
      and optionally a date (YYYY-MM-DD), a rater (client/klien or pk) and a form. Rows are grouped \
      into one series per dyad and rater. A row with an unreadable session, date or rater is reported \
      and left out; a series with two administrations for one session, dates going backwards or two \
      forms is reported and not analysed; a series too short for an analysis gets a 'not enough data' \
      result instead of a number. Exit status: 0 everything analysed, 1 some rows or series left out, \
      64 usage, 65 invalid definition, 66 unreadable input.

      Reliable change needs a reliability (--reliability) and an SD (--sd, else the SD of the client \
      series' first sessions in this file); both and their origin are printed. Rupture: a drop of at \
      least --rupture-sds SDs (default 2, Stiles et al. 2004; 1 = Strauss et al. 2006, both as \
      summarised by Gumz et al. 2012) from one session to the next, repaired when a later session \
      within --repair-within sessions recovers --repair-fraction of the drop. See \
      Documentation/AllianceGuide.md.
      """,
    positionals: [
      .init(name: "file", help: "The administrations: CSV (any delimiter) or SPSS .sav/.zsav ('-' for standard input).")
    ],
    options: InstrumentSelection.options + TableOptions.options + [TableOptions.decimalCommaOption] + [
      .init(
        name: "id-column", valueName: "name",
        help: "The column identifying the PK–client dyad (e.g. the client's number)."),
      .init(name: "session-column", valueName: "name", help: "The column with the session number."),
      .init(name: "date-column", valueName: "name", help: "A column with the session date, YYYY-MM-DD."),
      .init(name: "rater-column", valueName: "name", help: "A column saying who rated: client/klien or pk."),
      .init(
        name: "rater", valueName: "client|pk", help: "Who rated, when there is no rater column.", defaultText: "client"),
      .init(
        name: "form-column", valueName: "name", help: "A column naming the form; a series mixing forms is an error."),
      .init(name: "measure", valueName: "goal|task|bond|total", help: "The measure analysed.", defaultText: "total"),
      .init(
        name: "metric", valueName: "sum|mean|percent", help: "The metric of trajectory, early alliance and ruptures.",
        defaultText: "sum"),
      .init(name: "early", valueName: "n", help: "How many first sessions make the early alliance.", defaultText: "3"),
      .init(name: "impute", valueName: "none|mean|median", help: "Missing-data policy as psych::scoreItems(impute=)."),
      .init(
        name: "prorate", valueName: "n",
        help: "Prorate: minimum answered items per scale (count ≥ 1, or a fraction < 1)."),
      .init(
        name: "reliability", valueName: "r", help: "Reliability for the reliable change index (e.g. a published alpha)."
      ),
      .init(
        name: "published-reliability", valueName: nil,
        help: "Use the reliability and SD in the instrument definition's norms."),
      .init(
        name: "reliability-source", valueName: "text",
        help: "Where --reliability comes from (printed with the results)."),
      .init(
        name: "sd", valueName: "x",
        help: "SD for the reliable change index, on the --metric; default: from this file's first sessions."),
      .init(name: "rupture-sds", valueName: "k", help: "A rupture is a drop of at least k SDs.", defaultText: "2"),
      .init(name: "rupture-sd", valueName: "x", help: "A fixed SD for ruptures instead of each series' own."),
      .init(
        name: "repair-within", valueName: "n", help: "Sessions after a rupture in which a repair may come.",
        defaultText: "3"),
      .init(
        name: "repair-fraction", valueName: "f", help: "Fraction of the drop a repair must recover.", defaultText: "1"),
      .init(
        name: "decline-sessions", valueName: "n", help: "Successive declines that flag 'alliance falling'.",
        defaultText: "3"),
      .init(
        name: "decline-points", valueName: "p", help: "Least total decline over them, in points of the 0–100 range.",
        defaultText: "10"),
      .init(
        name: "table", valueName: "sessions|dyads", help: "CSV table: one row per administration or one per series.",
        defaultText: "sessions"),
      .init(name: "format", valueName: "csv|json", help: "Output format.", defaultText: "csv"),
      .init(name: "output", valueName: "path", help: "Write to a file instead of standard output."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let definition = try InstrumentSelection.resolve(args, spec: spec)
    let policy: MissingDataPolicy?
    do { policy = try ScoreCommand.policyArgument(args) } catch { throw error.forCommand(spec) }
    let scorer: AllianceScorer
    do { scorer = try AllianceScorer(definition, policy: policy) } catch {
      throw .failed(CLIError(.invalidDefinition, why: error.description))
    }
    guard let idColumn = args.value("id-column") else {
      throw .usage(.missingOption("'--id-column <name>' (the dyad)"), spec)
    }
    guard let sessionColumn = args.value("session-column") else {
      throw .usage(.missingOption("'--session-column <name>'"), spec)
    }
    if args.value("rater-column") != nil, args.value("rater") != nil {
      throw .usage(.conflictingOptions("--rater-column", "--rater"), spec)
    }
    let parsed = try parseOptions(args)
    let columns = AllianceColumns(
      dyad: idColumn, session: sessionColumn, date: args.value("date-column"), rater: args.value("rater-column"),
      form: args.value("form-column"))
    let path = args.positionals[0]
    let tableOptions = try TableOptions.resolve(args, definition: definition, base: ResponseCSVOptions(), spec: spec)
      .options

    let administrations = try readAdministrations(
      path: path, instrument: scorer.plan.instrument, options: tableOptions, columns: columns)
    let main = administrations.batch
    // Passthrough slots, in the order `readAdministrations` asks for them.
    var slot = 1
    func texts(_ column: String?) -> [String]? {
      guard column != nil else { return nil }
      defer { slot += 1 }
      return main.passthrough[slot]
    }
    let sessions = main.passthrough[0]
    let dates = texts(columns.date)
    let raters = texts(columns.rater)
    let forms = texts(columns.form)
    for issue in main.issues { io.report(CLIError(issue, file: path)) }

    let table: ScoreTable
    do { table = try scorer.plan.score(main.matrix) } catch { throw .failed(.internalError("\(error)")) }
    var rows: [AllianceRow] = []
    var rowErrors: [AllianceRowError] = []
    for r in 0..<main.matrix.rowCount {
      do {
        rows.append(
          try AllianceRow(
            dyad: main.ids[r], session: sessions[r], date: dates?[r], rater: raters?[r], form: forms?[r],
            defaultRater: parsed.rater, instrument: definition.id, line: main.lines[r], columns: columns,
            scores: scorer.scores(table, row: r)))
      } catch {
        rowErrors.append(error)
        io.report(.allianceRow(error, file: path))
      }
    }
    let grouped = AllianceRow.series(rows)
    for e in grouped.errors { io.report(.allianceSeries(e, file: path)) }

    var options = parsed.options
    if args.flag("published-reliability") {
      if parsed.reliability != nil {
        throw .usage(.conflictingOptions("--published-reliability", "--reliability"), spec)
      }
      guard let basis = ReliabilityBasis.published(in: definition, measure: options.measure) else {
        throw .usage(
          .optionMisuse(
            options: ["published-reliability"],
            why:
              "The instrument '\(definition.id)' carries no published reliability and SD for \(options.measure.rawValue) (no norm with a reliability); give --reliability and --sd."
          ), spec)
      }
      options.reliability = basis
    }
    if let r = parsed.reliability {
      let origin = args.value("reliability-source") ?? "given on the command line"
      do {
        if let sd = parsed.sd {
          options.reliability = try ReliabilityBasis(
            reliability: r, sd: sd, metric: options.metric, source: .user,
            note:
              "reliability \(ShortestDecimal.string(r)): \(origin); SD \(ShortestDecimal.string(sd)): given on the command line"
          )
        } else {
          options.reliability = try ReliabilityBasis.fromSample(
            grouped.series.filter { $0.rater == .client }, measure: options.measure, metric: options.metric,
            reliability: r, reliabilityOrigin: origin)
        }
      } catch { throw .usage(.optionMisuse(options: ["reliability", "sd"], why: error.description), spec) }
    }

    var reports: [DyadAllianceReport] = []
    var dyadOrder: [String] = []
    for s in grouped.series where !dyadOrder.contains(s.dyad) { dyadOrder.append(s.dyad) }
    for dyad in dyadOrder {
      // One series per rater and dyad by construction, so a report cannot fail here.
      if let report = try? DyadAllianceReport(series: grouped.series.filter { $0.dyad == dyad }, options: options) {
        reports.append(report)
      }
    }

    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    let run = AllianceRun(
      definition: definition, policy: scorer.plan.policy, file: path, options: options, reports: reports,
      rowErrors: rowErrors,
      seriesErrors: grouped.errors, issues: main.issues)
    switch parsed.format {
    case "json": output.write(AllianceReportWriter.json(run))
    default:
      output.write(
        parsed.table == "dyads"
          ? AllianceReportWriter.dyadsCSV(run) : AllianceReportWriter.sessionsCSV(run, scorer: scorer))
    }
    output.finish()
    if output.failed { throw .failed(.writeFailed()) }
    let left = main.rowsRejected + rowErrors.count
    io.stderr.write(
      "bapas alliance: \(reports.count) dyad\(reports.count == 1 ? "" : "s"), \(grouped.series.count) series analysed; \(left) row\(left == 1 ? "" : "s") and \(grouped.errors.count) series left out.\n"
    )
    return left > 0 || !grouped.errors.isEmpty ? .someRowsRejected : .success
  }

  /// The administrations read in one pass over the input: the items, the dyad as the id, and the
  /// session, date, rater and form columns (those given) as passthrough texts, in that order.
  static func readAdministrations(
    path: String, instrument: CompiledInstrument, options: ResponseCSVOptions, columns: AllianceColumns
  ) throws(CommandFailure) -> (batch: ResponseBatch, passes: Int) {
    var options = options
    options.idColumn = columns.dyad
    options.passthroughColumns = [columns.session] + [columns.date, columns.rater, columns.form].compactMap { $0 }
    do throws(ResponseStreamError) {
      var stream = try ResponseStream(opening: ResponseSource(path: path), instrument: instrument, options: options)
      defer { stream.close() }
      let batch = try stream.collect()
      return (batch, stream.passCount)
    } catch {
      throw .streamFailed(error)
    }
  }

  struct Parsed {
    var options: AllianceAnalysisOptions
    var rater: AllianceRater
    var reliability: Double?
    var sd: Double?
    var format: String
    var table: String
  }

  static func parseOptions(_ args: ParsedArguments) throws(CommandFailure) -> Parsed {
    do throws(UsageError) {
      let measure =
        AllianceMeasure(rawValue: try args.choice("measure", AllianceMeasure.allCases.map(\.rawValue)) ?? "total")
        ?? .total
      let metric =
        AllianceMetric(rawValue: try args.choice("metric", AllianceMetric.allCases.map(\.rawValue)) ?? "sum") ?? .sum
      let rater = AllianceRater(parsing: try args.choice("rater", ["client", "klien", "pk"]) ?? "client") ?? .client
      let early = try args.count("early") ?? 3
      guard early >= 1 else {
        throw UsageError.invalidValue(option: "early", value: String(early), expected: "a count of at least 1")
      }
      let ruptureSDs = try args.double("rupture-sds") ?? 2
      guard ruptureSDs > 0 else {
        throw UsageError.invalidValue(option: "rupture-sds", value: String(ruptureSDs), expected: "a positive number")
      }
      let fixedSD = try args.double("rupture-sd")
      if let fixedSD, !(fixedSD > 0) {
        throw UsageError.invalidValue(option: "rupture-sd", value: String(fixedSD), expected: "a positive number")
      }
      let within = try args.count("repair-within") ?? 3
      guard within >= 1 else {
        throw UsageError.invalidValue(option: "repair-within", value: String(within), expected: "a count of at least 1")
      }
      let fraction = try args.double("repair-fraction") ?? 1
      guard fraction > 0, fraction <= 1 else {
        throw UsageError.invalidValue(
          option: "repair-fraction", value: String(fraction), expected: "a fraction in (0, 1]")
      }
      let declines = try args.count("decline-sessions") ?? 3
      guard declines >= 1 else {
        throw UsageError.invalidValue(
          option: "decline-sessions", value: String(declines), expected: "a count of at least 1")
      }
      let points = try args.double("decline-points") ?? 10
      guard points >= 0 else {
        throw UsageError.invalidValue(
          option: "decline-points", value: String(points), expected: "a number of at least 0")
      }
      let reliability = try args.double("reliability")
      let sd = try args.double("sd")
      if sd != nil, reliability == nil {
        throw UsageError.optionMisuse(options: ["sd", "reliability"], why: "'--sd' goes with '--reliability'.")
      }
      let format = try args.choice("format", ["csv", "json"]) ?? "csv"
      let table = try args.choice("table", ["sessions", "dyads"]) ?? "sessions"
      let options = AllianceAnalysisOptions(
        measure: measure, metric: metric, earlyCount: early,
        rupture: RuptureCriterion(
          dropInSDs: ruptureSDs, fixedSD: fixedSD, repairWithin: within, repairFraction: fraction),
        falling: FallingCriterion(consecutiveDeclines: declines, minimumDecline: points))
      return Parsed(options: options, rater: rater, reliability: reliability, sd: sd, format: format, table: table)
    } catch {
      throw .usage(error, spec)
    }
  }
}
