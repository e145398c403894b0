import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas reliability`: Cronbach's alpha, its confidence intervals, omega and the item statistics
/// of every scale, as R psych 2.2.9 `alpha()` reports them, streamed over a response CSV.
enum ReliabilityCommand: Subcommand {
  static let spec = CommandSpec(
    name: "reliability",
    abstract: "Reliability of each scale (alpha, Feldt and Duhachek CIs, omega, item statistics) from a response CSV.",
    discussion: """
      Reproduces R psych::alpha() (pairwise covariances by default) and omega(nfactors = 1)$omega.tot. \
      Reverse-keyed items (the definition's 'reversed', or '-item' in --scale) are scored min + max − x. \
      The file is read in chunks: memory stays flat whatever its size. Rows with a wrong field count, a \
      non-numeric cell or a value outside the scale are reported as file:line:column: error: … on stderr \
      and left out. A scale that cannot be analysed (an item without variance, fewer than 3 rows, …) \
      reports why; the other scales are still printed. Exit status: 0 every row read and every scale \
      analysed, 1 some rows rejected or some scale without results, 64 usage, 65 invalid definition, \
      66 unreadable input.
      """,
    positionals: [
      .init(name: "file", help: "The response table: CSV (any delimiter) or SPSS .sav/.zsav ('-' for standard input).")
    ],
    options: InstrumentSelection.options + TableOptions.options + [
      .init(
        name: "use", valueName: "pairwise|complete|impute-mean|impute-median",
        help:
          "Missing data: pairwise covariances (psych's default), complete rows only, or item-mean/median imputation.",
        defaultText: "pairwise"),
      .init(
        name: "ci-rows", valueName: "all|complete",
        help: "The n of the Feldt CI and the ase: all rows (as psych) or the scale's complete rows.", defaultText: "all"
      ),
      .init(
        name: "missing", valueName: "tokens",
        help: "Comma-separated cell texts that mean missing, besides the empty cell.", defaultText: "NA"),
      .init(
        name: "out-of-range", valueName: "reject|missing",
        help: "A value outside the scale rejects the row or counts as missing.", defaultText: "reject"),
      .init(name: "format", valueName: "text|json", help: "Output format.", defaultText: "text"),
      .init(name: "output", valueName: "path", help: "Write the results to a file instead of standard output."),
      .init(
        name: "ordinal", valueName: nil,
        help:
          "Also ordinal alpha and omega from polychoric correlations (psych::polychoric defaults), with the matrix and thresholds."
      ),
      .init(
        name: "bootstrap", valueName: "replicates",
        help: "Also percentile and BCa bootstrap intervals for alpha and omega from this many replicates (e.g. 2000)."),
      .init(
        name: "seed", valueName: "n", help: "The bootstrap's random seed (same seed, same intervals).", defaultText: "1"
      ),
      .init(
        name: "multilevel", valueName: nil,
        help:
          "Repeated measures: psych::multilevel.reliability (RkF, R1R, RkR, Rc, RkRn, Rcn, variance components) per scale; needs --id-column and --time-column."
      ),
      .init(
        name: "id-column", valueName: "name", help: "With --multilevel: the column naming the person (client, dyad)."),
      .init(name: "time-column", valueName: "name", help: "With --multilevel: the column naming the time (session)."),
    ])

  static let useChoices: [String: ReliabilityMissingData] = [
    "pairwise": .pairwise, "complete": .listwise, "impute-mean": .imputeMean, "impute-median": .imputeMedian,
  ]

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let definition = try InstrumentSelection.resolve(args, spec: spec)
    let format: String
    let outOfRange: OutOfRangePolicy
    let options: ReliabilityOptions
    do {
      format = try args.choice("format", ["text", "json"]) ?? "text"
      outOfRange =
        OutOfRangePolicy(rawValue: try args.choice("out-of-range", ["reject", "missing"]) ?? "reject") ?? .reject
      let use = try args.choice("use", ["pairwise", "complete", "impute-mean", "impute-median"]) ?? "pairwise"
      let ciRows = try args.choice("ci-rows", ["all", "complete"]) ?? "all"
      options = ReliabilityOptions(
        missingData: useChoices[use] ?? .pairwise, confidenceSampleSize: ciRows == "complete" ? .completeRows : .allRows
      )
    } catch { throw .usage(error, spec) }
    let missingTokens = args.missingTokens
    for warning in args.missingTokenWarnings(scale: definition.responseScale) { io.report(warning) }
    let csvOptions = try TableOptions.resolve(
      args, definition: definition, base: ResponseCSVOptions(missingTokens: missingTokens, outOfRange: outOfRange),
      spec: spec
    ).options
    let path = args.positionals[0]
    if args.flag("multilevel") {
      return try runMultilevel(args, io: io, definition: definition, format: format, csvOptions: csvOptions)
    }

    let ordinal = args.flag("ordinal")
    let replicates: Int?
    let seed: UInt64
    let seedValue: Int
    do throws(UsageError) {
      replicates = try args.int("bootstrap")
      seedValue = try args.int("seed") ?? 1
    } catch { throw .usage(error, spec) }
    guard seedValue >= 0 else {
      throw .usage(.invalidValue(option: "seed", value: String(seedValue), expected: "a whole number ≥ 0"), spec)
    }
    seed = UInt64(seedValue)
    if let replicates, replicates < 2 || replicates > 1_000_000 {
      throw .usage(
        .invalidValue(
          option: "bootstrap", value: String(replicates), expected: "a number of replicates from 2 to 1000000"), spec)
    }

    let instrument = CompiledInstrument(definition)
    var accumulator = try makeAccumulator(instrument)
    var pass = ReliabilityPass(instrument: instrument, options: csvOptions, path: path, stderr: io.stderr)
    pass.keepCodes = ordinal || replicates != nil
    let summary = try pass.run(into: &accumulator)
    let report = accumulator.reliabilityReport(options: options)
    let extras = analyseExtras(
      instrument: instrument, codes: summary.codes, ordinal: ordinal, replicates: replicates, seed: seed,
      options: options, io: io,
      path: path)

    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    if format == "json" {
      let document = ReliabilityDocument(
        metadata: .init(
          file: path, instrument: definition.id,
          responseScale: .init(min: definition.responseScale.min, max: definition.responseScale.max),
          missingData: options.missingData, confidenceSampleSize: options.confidenceSampleSize,
          confidenceLevel: options.confidenceLevel, rowsRead: summary.rowsRead, rowsAnalysed: accumulator.rowCount,
          rowsRejected: summary.rowsRejected, scales: report.scales.map(\.name)),
        scales: Dictionary(
          report.scales.map { ($0.name, ReliabilityDocument.Entry($0)) }, uniquingKeysWith: { first, _ in first }),
        ordinal: ordinal ? extras.ordinal : nil, bootstrap: replicates != nil ? extras.bootstrap : nil)
      try output.writeStatisticsJSON(document)
    } else {
      output.write(textReport(report, file: path, definition: definition, pass: summary))
      output.write(extrasText(extras, definition: definition))
    }
    output.finish()
    if output.failed { throw .failed(.writeFailed()) }
    var failedScales = 0
    for outcome in report.scales {
      if let error = outcome.error {
        failedScales += 1
        let (name, reason) = (outcome.name, error.description)
        io.report(CLIError(.notComputed, .init(file: path, item: name), why: "scale '\(name)': \(reason)"))
      }
    }
    io.stderr.write(
      "bapas reliability: \(accumulator.rowCount) of \(summary.rowsRead) rows analysed, \(summary.rowsRejected) rejected; "
        + "\(report.scales.count - failedScales) of \(report.scales.count) scales analysed; missing data: \(options.missingData.rawValue).\n"
    )
    return summary.rowsRejected > 0 || failedScales > 0 || extras.failures > 0 ? .someRowsRejected : .success
  }

  /// The accumulator for an instrument: one reliability scale per compiled scale, reverse keys kept.
  static func makeAccumulator(_ instrument: CompiledInstrument) throws(CommandFailure) -> ItemMomentAccumulator {
    do {
      return try instrument.momentAccumulator()
    } catch {
      let (id, reason) = (instrument.definition.id, error.description)
      throw .failed(CLIError(.invalidDefinition, .init(item: id), why: "\(id): \(reason)"))
    }
  }

  static func textReport(
    _ report: ReliabilityReport, file: String, definition: InstrumentDefinition, pass: ReliabilityPass.Summary
  ) -> String {
    var out = "\(file): \(report.rowCount) rows analysed (\(pass.rowsRejected) rejected); instrument \(definition.id); "
    out += "responses \(definition.responseScale.min)…\(definition.responseScale.max)\n"
    for outcome in report.scales {
      out += "\n"
      if let reliability = outcome.reliability {
        out += reliability.formattedReport()
        if !out.hasSuffix("\n") { out += "\n" }
      } else if let error = outcome.error {
        out += "Scale: \(outcome.name)\n  not computed: \(error.description)\n"
      }
    }
    return out
  }
}

/// The JSON document of `bapas reliability --format json`:
/// `{"metadata": {...}, "scales": {"<scale id>": <ScaleReliability> | {"error": {...}}}}`.
struct ReliabilityDocument: Encodable {
  struct Metadata: Encodable {
    struct Scale: Encodable {
      var min: Int
      var max: Int
    }
    var file: String
    var instrument: String
    var responseScale: Scale
    var missingData: ReliabilityMissingData
    var confidenceSampleSize: ConfidenceSampleSize
    var confidenceLevel: Double
    var rowsRead: Int
    var rowsAnalysed: Int64
    var rowsRejected: Int
    var scales: [String]
  }

  /// A scale's statistics, or `{"error": {"message": "…", "detail": <ReliabilityError>}}`.
  struct Entry: Encodable {
    var reliability: ScaleReliability?
    var error: ReliabilityError?

    init(_ outcome: ScaleReliabilityOutcome) {
      reliability = outcome.reliability
      error = outcome.error
    }

    private enum ErrorKeys: String, CodingKey { case error }
    private enum DetailKeys: String, CodingKey { case message, detail }

    func encode(to encoder: any Encoder) throws {
      if let reliability {
        try reliability.encode(to: encoder)
      } else if let error {
        var container = encoder.container(keyedBy: ErrorKeys.self)
        var nested = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .error)
        try nested.encode(error.description, forKey: .message)
        try nested.encode(error, forKey: .detail)
      }
    }
  }

  var metadata: Metadata
  var scales: [String: Entry]
  /// With `--ordinal`: per scale, ordinal alpha/omega, polychoric matrix and thresholds, or `{"error": "…"}`.
  var ordinal: [String: ReliabilityCommand.Extra<OrdinalReliability>]?
  /// With `--bootstrap N`: per scale, percentile and BCa intervals, or `{"error": "…"}`.
  var bootstrap: [String: ReliabilityCommand.Extra<ReliabilityBootstrap>]?
}

/// Streams a response file into an ``ItemMomentAccumulator`` through the library's
/// ``ResponseStream/accumulateMoments(into:keepingCodes:_:)``, rendering each batch's issues on
/// standard error.
struct ReliabilityPass {
  struct Summary {
    var rowsRead = 0
    var rowsRejected = 0
    /// The accepted rows' codes (row-major over the definition's items), when ``keepCodes``.
    var codes: [UInt8] = []
  }

  /// Whether to keep the codes in memory (for the ordinal and bootstrap analyses, which need rows).
  var keepCodes = false

  let instrument: CompiledInstrument
  let options: ResponseCSVOptions
  let path: String
  let stderr: OutputSink

  init(instrument: CompiledInstrument, options: ResponseCSVOptions, path: String, stderr: OutputSink) {
    self.instrument = instrument
    self.options = options
    self.path = path
    self.stderr = stderr
  }

  func run(into accumulator: inout ItemMomentAccumulator) throws(CommandFailure) -> Summary {
    do throws(ResponseStreamError) {
      var stream = try ResponseStream(opening: ResponseSource(path: path), instrument: instrument, options: options)
      defer { stream.close() }
      let pass = try stream.accumulateMoments(into: &accumulator, keepingCodes: keepCodes) { batch in
        for issue in batch.issues { stderr.write(CLIErrorRenderer.text(CLIError(issue, file: path))) }
      }
      return Summary(rowsRead: pass.summary.rowsRead, rowsRejected: pass.summary.rowsRejected, codes: pass.codes)
    } catch {
      throw .streamFailed(error)
    }
  }
}
