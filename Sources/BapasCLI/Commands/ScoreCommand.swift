import AssessmentEngine

/// `bapas score`: per-respondent scale scores from a response CSV.
enum ScoreCommand: Subcommand {
  static let spec = CommandSpec(
    name: "score",
    abstract:
      "Score a response table (CSV or SPSS .sav/.zsav): per respondent and scale, the sum, the mean and the missing count.",
    discussion: """
      Items are matched to header names (SPSS: variable names), or placed with --map / --map-file. \
      Cells may hold numbers or the instrument's anchor labels in either language (case, width, \
      accents and spaces ignored) and --label synonyms. SPSS files are recognised by their first \
      bytes; system- and user-missing values are missing. Rows with a wrong field count, a non-numeric cell or a value \
      outside the scale are reported as file:line:column: error: … on stderr and left out; every \
      other row is scored and written in input order. Exit status: 0 all rows scored, 1 some rows \
      rejected, 64 usage, 65 invalid definition, 66 unreadable input.

      Missing data: --impute none|mean|median follow psych::scoreItems; --prorate N scores a scale \
      when at least N items (N ≥ 1) or that fraction of them (0 < N < 1) are answered, with \
      sum = mean × items. Without either, the instrument's own rule applies, else the SDK default: \
      prorate with at least half the items answered. The policy is printed on stderr and in JSON \
      metadata.
      """,
    positionals: [
      .init(name: "file", help: "The response table: CSV (any delimiter) or SPSS .sav/.zsav ('-' for standard input).")
    ],
    options: InstrumentSelection.options + TableOptions.options + [
      .init(name: "impute", valueName: "none|mean|median", help: "Missing-data policy as psych::scoreItems(impute=)."),
      .init(
        name: "prorate", valueName: "n",
        help: "Prorate: minimum answered items per scale (count ≥ 1, or a fraction < 1)."),
      .init(
        name: "id-column", valueName: "name",
        help: "A column carried to the output as the respondent id (header text or #N)."),
      .init(
        name: "missing", valueName: "tokens",
        help: "Comma-separated cell texts that mean missing, besides the empty cell.", defaultText: "NA"),
      .init(
        name: "out-of-range", valueName: "reject|missing",
        help: "A value outside the scale rejects the row or counts as missing.", defaultText: "reject"),
      .init(
        name: "format", valueName: "csv|json|sav",
        help: "Output format (sav: an SPSS system file; also chosen by --output X.sav).", defaultText: "csv"),
      .init(name: "language", valueName: "id|en", help: "Language of the SPSS variable labels.", defaultText: "id"),
      .init(name: "output", valueName: "path", help: "Write the scores to a file instead of standard output."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let definition = try InstrumentSelection.resolve(args, spec: spec)
    let policy = try policyArgument(args) ?? definition.missingData ?? .default
    let format: String
    let outOfRange: OutOfRangePolicy
    do {
      let outputPath = args.value("output") ?? ""
      let byExtension = outputPath.lowercased().hasSuffix(".sav") ? "sav" : nil
      format = try args.choice("format", ["csv", "json", "sav"]) ?? byExtension ?? "csv"
      outOfRange =
        OutOfRangePolicy(rawValue: try args.choice("out-of-range", ["reject", "missing"]) ?? "reject") ?? .reject
    } catch { throw .usage(error, spec) }
    let missingTokens = args.missingTokens
    for warning in args.missingTokenWarnings(scale: definition.responseScale) { io.report(warning) }
    let base = ResponseCSVOptions(
      missingTokens: missingTokens, outOfRange: outOfRange, idColumn: args.value("id-column"))
    let options = try TableOptions.resolve(args, definition: definition, base: base, spec: spec).options
    let language: DisplayLanguage
    do { language = try args.choice("language", ["id", "en"]) == "en" ? .english : .indonesian } catch {
      throw .usage(error, spec)
    }
    let plan = CompiledInstrument(definition, policy: policy).plan
    let path = args.positionals[0]

    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    let writer: any ScoreWriter =
      switch format {
      case "json": JSONScoreWriter(plan: plan, idColumn: options.idColumn, file: path, sink: output)
      case "sav": SavScoreWriter(plan: plan, idColumn: options.idColumn, language: language, sink: output)
      default: CSVScoreWriter(plan: plan, idColumn: options.idColumn, sink: output)
      }
    let summary = try ScoringPipeline(plan: plan, options: options, path: path, stderr: io.stderr).run(writer: writer)
    writer.finish(summary: summary)
    if let sav = writer as? SavScoreWriter, let failure = sav.failure {
      let reason = "\(failure)"
      throw .failed(CLIError(.writeFailed, why: "the SPSS file cannot be written: \(reason)"))
    }
    output.finish()
    if output.failed { throw .failed(.writeFailed("the scores")) }
    io.stderr.write(
      "bapas score: \(summary.rowsScored) of \(summary.rowsRead) rows scored, \(summary.rowsRejected) rejected; missing-data policy: \(policy.summary).\n"
    )
    return summary.rowsRejected > 0 ? .someRowsRejected : .success
  }

  /// The largest `--prorate` count accepted (far more items than any questionnaire has).
  static let maximumProrateCount = 1_000_000

  /// `--impute` / `--prorate` as a policy, or `nil` when neither is given.
  static func policyArgument(_ args: ParsedArguments) throws(CommandFailure) -> MissingDataPolicy? {
    let impute: String?
    do { impute = try args.choice("impute", ["none", "mean", "median"]) } catch { throw .usage(error, spec) }
    if impute != nil, args.value("prorate") != nil { throw .usage(.conflictingOptions("--impute", "--prorate"), spec) }
    if let text = args.value("prorate") {
      // The count is bounded so that converting it to Int cannot trap (1e19 would).
      guard let n = Double(text), n > 0, n.isFinite, n < 1 || (n == n.rounded() && n <= Double(maximumProrateCount))
      else {
        throw .usage(
          .invalidValue(
            option: "prorate", value: text,
            expected: "a whole number of items from 1 to \(maximumProrateCount) or a fraction between 0 and 1"), spec)
      }
      return .prorate(minimum: n < 1 ? .fraction(n) : .count(Int(n)))
    }
    switch impute {
    case "none": return MissingDataPolicy.noImputation
    case "mean": return .itemMean
    case "median": return .itemMedian
    default: return nil
    }
  }
}
