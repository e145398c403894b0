import AssessmentEngine
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas change`: per respondent and scale, the pre–post change, the reliable change index
/// (Jacobson & Truax 1991) and, with functional and dysfunctional norms, clinical significance.
enum ChangeCommand: Subcommand {
  static let spec = CommandSpec(
    name: "change",
    abstract: "Reliable change (RCI) and clinical significance per respondent between two administrations.",
    discussion: """
      Both files are scored with the instrument (the same missing-data rule as 'bapas score') and \
      joined on --id-column. One row per respondent present in both files, in PRE's order; \
      respondents in only one file are listed on stderr (and in JSON), a duplicate id in one file is \
      an error naming its lines. A scale absent in either administration gives an empty RCI and the \
      reason. --reliability and --sd take one value for every scale or SCALE=VALUE for one scale \
      (repeatable); a scale without them takes the reliability and SD of a published norm of the \
      instrument on the same metric; when values are given for some scales only, a scale with neither \
      them nor a norm is reported without an RCI (a warning and the reason in its _note column). --norms functional=M,SD and --norms dysfunctional=M,SD (or \
      SCALE:functional=M,SD) add the Jacobson–Truax criterion c; an instrument's functional and \
      dysfunctional norms are used when none are given. Exit status: 0 every row matched and scored, \
      1 some rows rejected or respondents in only one file, 64 usage, 65 invalid definition or \
      duplicate ids, 66 unreadable input.
      """,
    positionals: [
      .init(name: "pre", help: "The responses of the first administration (CSV or SPSS .sav/.zsav)."),
      .init(name: "post", help: "The responses of the second administration (CSV or SPSS .sav/.zsav)."),
    ],
    options: InstrumentSelection.options + TableOptions.options + [TableOptions.decimalCommaOption] + [
      .init(name: "id-column", valueName: "name", help: "The column identifying a respondent in both files."),
      .init(
        name: "reliability", valueName: "r|SCALE=r",
        help: "The reliability behind the SEM, for every scale or one. Repeatable.", repeatable: true),
      .init(
        name: "sd", valueName: "sd|SCALE=sd",
        help: "The reference SD behind the SEM, for every scale or one. Repeatable.", repeatable: true),
      .init(
        name: "norms", valueName: "[SCALE:]functional|dysfunctional=M,SD",
        help: "A norm group's mean and SD for clinical significance. Repeatable.", repeatable: true),
      .init(name: "criterion", valueName: "z", help: "The |RCI| a reliable change must exceed.", defaultText: "1.96"),
      .init(
        name: "direction", valueName: "higher|lower", help: "Whether a higher score is better.", defaultText: "higher"),
      .init(
        name: "metric", valueName: "sum|mean", help: "The score compared (the SD and norms must be on it).",
        defaultText: "the scale's own score"),
      .init(name: "impute", valueName: "none|mean|median", help: "Missing-data policy as psych::scoreItems(impute=)."),
      .init(
        name: "prorate", valueName: "n",
        help: "Prorate: minimum answered items per scale (count ≥ 1, or a fraction < 1)."),
      .init(
        name: "missing", valueName: "tokens",
        help: "Comma-separated cell texts that mean missing, besides the empty cell.", defaultText: "NA"),
      .init(name: "format", valueName: "csv|json", help: "Output format.", defaultText: "csv"),
      .init(name: "output", valueName: "path", help: "Write the results to a file instead of standard output."),
    ])

  /// The change parameters of one scale (the library's ``ChangeParameters``).
  typealias ScaleParameters = ChangeParameters

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let definition = try InstrumentSelection.resolve(args, spec: spec)
    guard let idColumn = args.value("id-column") else {
      throw .usage(.missingOption("'--id-column <name>' (the column naming each respondent in both files)"), spec)
    }
    let policy = try policyArgument(args) ?? definition.missingData ?? .default
    let format: String
    let criterion: Double
    let direction: ScoreDirection
    let metricChoice: String?
    do {
      format = try args.choice("format", ["csv", "json"]) ?? "csv"
      criterion = try args.double("criterion") ?? 1.96
      direction =
        (try args.choice("direction", ["higher", "lower"]) ?? "higher") == "higher" ? .higherIsBetter : .lowerIsBetter
      metricChoice = try args.choice("metric", ["sum", "mean"])
    } catch { throw .usage(error, spec) }
    guard criterion.isFinite, criterion > 0 else {
      throw .usage(
        .invalidValue(option: "criterion", value: args.value("criterion") ?? "", expected: "a positive number"), spec)
    }
    let parameters = try scaleParameters(
      args, definition: definition, metricChoice: metricChoice, direction: direction, criterion: criterion)
    let missingTokens = args.missingTokens
    for warning in args.missingTokenWarnings(scale: definition.responseScale) { io.report(warning) }
    let options = try TableOptions.resolve(
      args, definition: definition, base: ResponseCSVOptions(missingTokens: missingTokens, idColumn: idColumn),
      spec: spec
    ).options
    let plan = CompiledInstrument(definition, policy: policy).plan
    let prePath = args.positionals[0]
    let postPath = args.positionals[1]

    for p in parameters where p.reliability == nil {
      let (scale, note) = (p.scale, p.note ?? "no RCI")
      io.report(.warning(.init(item: scale), "scale '\(scale)': \(note)."))
    }
    let pre = try collect(plan: plan, options: options, path: prePath, stderr: io.stderr)
    let post = try collect(plan: plan, options: options, path: postPath, stderr: io.stderr)
    // Pairing and classification are the library's (ChangeAnalysis.compare); duplicate ids were
    // refused per file above, with their lines, so the library's own check cannot fire here.
    let comparison: ChangeComparison
    do {
      comparison = try ChangeAnalysis.compare(
        pre: pre.respondents, post: post.respondents, parameters: parameters, direction: direction,
        criterion: criterion)
    } catch {
      let why = error.description
      throw .failed(.internalError("the two administrations could not be compared: \(why)"))
    }
    for (path, unidentified) in [(prePath, comparison.unidentifiedPre), (postPath, comparison.unidentifiedPost)] {
      for r in unidentified {
        io.report(
          .warning(
            .init(file: path, line: r.line, columnName: idColumn),
            "the id in column \(quotedForMessage(idColumn)) is empty; the row is not paired."))
      }
    }
    let unidentified = comparison.unidentifiedPre.count + comparison.unidentifiedPost.count
    let (rows, onlyInPre, onlyInPost) = (comparison.rows, comparison.onlyInPre, comparison.onlyInPost)
    for r in onlyInPre {
      io.report(
        .warning(
          .init(file: prePath, line: r.line),
          "respondent \(Redaction.quote(r.id)) is not in \(postPath); no change computed."))
    }
    for r in onlyInPost {
      io.report(
        .warning(
          .init(file: postPath, line: r.line),
          "respondent \(Redaction.quote(r.id)) is not in \(prePath); no change computed."))
    }

    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    if format == "json" {
      let document = ChangeDocument(
        metadata: .init(
          pre: prePath, post: postPath, idColumn: idColumn, instrument: definition.id,
          missingDataPolicy: policy.summary,
          criterion: criterion, direction: direction, scales: parameters),
        respondents: rows, onlyInPre: onlyInPre, onlyInPost: onlyInPost)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      do {
        output.append(Array(try encoder.encode(document)))
        output.write("\n")
      } catch {
        throw .failed(.internalError("the results could not be written as JSON: \(error)."))
      }
    } else {
      output.write(csv(rows, idColumn: idColumn, parameters: parameters))
    }
    output.finish()
    if output.failed { throw .failed(.writeFailed()) }
    io.stderr.write(
      "bapas change: \(rows.count) respondents in both files, \(onlyInPre.count) only in \(prePath), \(onlyInPost.count) only in \(postPath), \(unidentified) without an id; "
        + "\(pre.rowsRejected + post.rowsRejected) rows rejected; missing-data policy: \(policy.summary).\n")
    let incomplete = pre.rowsRejected + post.rowsRejected > 0 || !comparison.isComplete
    return incomplete ? .someRowsRejected : .success
  }

  // MARK: Arguments

  static func policyArgument(_ args: ParsedArguments) throws(CommandFailure) -> MissingDataPolicy? {
    do { return try ScoreCommand.policyArgument(args) } catch { throw error.forCommand(spec) }
  }

  /// `VALUE` for every scale and `SCALE=VALUE` for one; the per-scale value wins.
  static func perScale(_ option: String, _ args: ParsedArguments, scales: [String]) throws(CommandFailure) -> [String:
    Double]
  {
    var all: Double? = nil
    var one: [String: Double] = [:]
    for text in args.all(option) {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      let valueText = parts.count == 2 ? parts[1] : text
      guard let value = Double(valueText), value.isFinite else {
        throw .usage(.invalidValue(option: option, value: text, expected: "a number, or SCALE=number"), spec)
      }
      if parts.count == 2 {
        guard scales.contains(parts[0]) else {
          throw .usage(
            .invalidValue(
              option: option, value: text, expected: "a scale of the instrument (\(scales.joined(separator: ", ")))"),
            spec)
        }
        one[parts[0]] = value
      } else {
        all = value
      }
    }
    var result: [String: Double] = [:]
    for scale in scales { if let value = one[scale] ?? all { result[scale] = value } }
    return result
  }

  /// `--norms [SCALE:]functional|dysfunctional=M,SD`, per scale and group.
  static func norms(_ args: ParsedArguments, scales: [String]) throws(CommandFailure) -> [String: [ScaleNorm.Group: (
    Double, Double
  )]] {
    var result: [String: [ScaleNorm.Group: (Double, Double)]] = [:]
    var forAll: [ScaleNorm.Group: (Double, Double)] = [:]
    for text in args.all("norms") {
      let expected = "[SCALE:]functional=MEAN,SD or [SCALE:]dysfunctional=MEAN,SD"
      let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard sides.count == 2 else {
        throw .usage(.invalidValue(option: "norms", value: text, expected: expected), spec)
      }
      let target = sides[0].split(separator: ":", maxSplits: 1).map(String.init)
      let groupName = target.last ?? ""
      guard let group = ScaleNorm.Group(rawValue: groupName), group != .general else {
        throw .usage(.invalidValue(option: "norms", value: text, expected: expected), spec)
      }
      let numbers = sides[1].split(separator: ",").compactMap { Double(String($0)) }
      guard numbers.count == 2, sides[1].split(separator: ",").count == 2 else {
        throw .usage(.invalidValue(option: "norms", value: text, expected: expected), spec)
      }
      if target.count == 2 {
        guard scales.contains(target[0]) else {
          throw .usage(
            .invalidValue(
              option: "norms", value: text, expected: "a scale of the instrument (\(scales.joined(separator: ", ")))"),
            spec)
        }
        result[target[0], default: [:]][group] = (numbers[0], numbers[1])
      } else {
        forAll[group] = (numbers[0], numbers[1])
      }
    }
    for scale in scales {
      for (group, value) in forAll where result[scale]?[group] == nil { result[scale, default: [:]][group] = value }
    }
    return result
  }

  /// The flags' values handed to the library (``ChangeAnalysis``); its typed errors are rendered as
  /// the usage errors this command has always printed.
  static func scaleParameters(
    _ args: ParsedArguments, definition: InstrumentDefinition, metricChoice: String?, direction: ScoreDirection,
    criterion: Double
  ) throws(CommandFailure) -> [ScaleParameters] {
    let ids = definition.scales.map(\.id)
    let reliabilities = try perScale("reliability", args, scales: ids)
    let sds = try perScale("sd", args, scales: ids)
    let given = try norms(args, scales: ids).mapValues {
      $0.mapValues { ChangeAnalysis.NormValues(mean: $0.0, sd: $0.1) }
    }
    var result: [ScaleParameters]
    do {
      result = try ChangeAnalysis.parameters(
        for: definition, metric: metricChoice.flatMap(ScaleDefinition.Score.init(rawValue:)),
        reliabilities: reliabilities,
        standardDeviations: sds, norms: given, direction: direction, criterion: criterion)
    } catch {
      switch error {
      case .missingReliability(let scale):
        throw .usage(
          .missingOption("'--reliability' for scale '\(scale)' (a value for every scale, or \(scale)=r)"), spec)
      case .missingStandardDeviation(let scale, let metric):
        throw .usage(
          .missingOption("'--sd' for scale '\(scale)' (the reference SD of its \(metric.rawValue) score)"), spec)
      case .incompleteNorms(let scale):
        throw .usage(
          .optionMisuse(
            options: ["norms"],
            why:
              "Scale '\(scale)': clinical significance needs both a functional and a dysfunctional norm ('--norms functional=M,SD --norms dysfunctional=M,SD')."
          ), spec)
      case .invalid(let scale, let why):
        let option = optionName(for: why)
        throw .usage(
          .optionMisuse(options: [option], why: "'--\(option)' for scale '\(scale)': \(why.description)"), spec)
      }
    }
    // The note names the flags that would give the scale an RCI.
    for i in result.indices where result[i].reliability == nil {
      let scale = result[i].scale
      result[i].note =
        "no RCI: no reliability and SD for this scale (give --reliability \(scale)=r --sd \(scale)=sd) and the instrument has no published norm for it"
    }
    return result
  }

  /// The option whose value a change-statistics error is about.
  static func optionName(for error: ChangeStatisticsError) -> String {
    switch error {
    case .reliabilityOutOfRange: "reliability"
    case .nonPositiveStandardDeviation(let input, _): input == "sd" ? "sd" : "norms"
    case .nonPositiveCriterion(let input, _): input.lowercased().contains("criterion") ? "criterion" : "norms"
    case .notFinite(let input): ["sd", "reliability", "criterion"].contains(input) ? input : "norms"
    default: "norms"
    }
  }

  // MARK: Scoring

  /// One administration as scored: the library's respondents and the rows the reader rejected.
  struct ScoredAdministration {
    var respondents: [ScoredRespondent] = []
    var rowsRejected = 0
  }

  /// Scores a file and keeps, per respondent, the scores and the line; duplicate ids are an error
  /// naming every line (checked per file, so a duplicate in PRE stops the run before POST is read).
  static func collect(plan: ScoringPlan, options: ResponseCSVOptions, path: String, stderr: OutputSink)
    throws(CommandFailure) -> ScoredAdministration
  {
    let collector = ScoreCollector()
    let summary = try ScoringPipeline(plan: plan, options: options, path: path, stderr: stderr).run(writer: collector)
    let duplicates = ChangeAnalysis.duplicates(in: collector.respondents).map { duplicate in
      let (id, column, found) = (duplicate.id, options.idColumn ?? "", duplicate.lines)
      return CLIError(
        .invalidDefinition, .init(file: path, line: found.dropFirst().first ?? found.first, columnName: column),
        value: id,
        why:
          "the id \(Redaction.quote(id)) in column '\(column)' appears more than once, on lines \(found.map(String.init).joined(separator: ", ")); each respondent must have one row."
      )
    }
    if !duplicates.isEmpty { throw .failed(duplicates) }
    return ScoredAdministration(respondents: collector.respondents, rowsRejected: summary.rowsRejected)
  }

  /// The CSV: the id, then per scale `<S>_pre,<S>_post,<S>_change,<S>_rci,<S>_reliable_change`,
  /// `<S>_clinical` when the scale has norms, and `<S>_note` (why the RCI is empty).
  static func csv(_ rows: [RespondentChange], idColumn: String, parameters: [ScaleParameters]) -> String {
    var header = [csvField(idColumn)]
    for p in parameters {
      header += ["_pre", "_post", "_change", "_rci", "_reliable_change"].map { csvField(p.scale + $0) }
      if p.cutoffs != nil { header.append(csvField(p.scale + "_clinical")) }
      header.append(csvField(p.scale + "_note"))
    }
    var out = header.joined(separator: ",") + "\n"
    for row in rows {
      var cells = [csvField(row.id)]
      for (p, change) in zip(parameters, row.scales) {
        cells += [change.pre, change.post, change.change, change.rci].map { $0.map(formatNumber) ?? "" }
        cells.append(change.reliableChange?.rawValue ?? "")
        if p.cutoffs != nil { cells.append(change.clinicalSignificance?.rawValue ?? "") }
        cells.append(csvField(change.reason ?? ""))
      }
      out += cells.joined(separator: ",") + "\n"
    }
    return out
  }

  static func formatNumber(_ value: Double) -> String { ShortestDecimal.string(value) }
}

/// Collects scored rows with their ids (the scores of one administration).
final class ScoreCollector: ScoreWriter {
  var respondents: [ScoredRespondent] = []
  func begin() {}
  func write(_ batch: ResponseBatch, _ table: ScoreTable) {
    for row in 0..<table.rowCount {
      respondents.append(
        ScoredRespondent(id: batch.ids[row], line: batch.lines[row], scores: table.scores(row: row)))
    }
  }
  func report(_ issues: [InputIssue]) {}
  func finish(summary: ScoringSummary) {}
}

/// The JSON document of `bapas change --format json`.
struct ChangeDocument: Encodable {
  struct Metadata: Encodable {
    var pre: String
    var post: String
    var idColumn: String
    var instrument: String
    var missingDataPolicy: String
    var criterion: Double
    var direction: ScoreDirection
    var scales: [ChangeCommand.ScaleParameters]
  }

  var metadata: Metadata
  var respondents: [RespondentChange]
  var onlyInPre: [UnpairedRespondent]
  var onlyInPost: [UnpairedRespondent]

  private enum CodingKeys: String, CodingKey { case metadata, respondents, onlyInPre, onlyInPost }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(metadata, forKey: .metadata)
    try container.encode(onlyInPre, forKey: .onlyInPre)
    try container.encode(onlyInPost, forKey: .onlyInPost)
    let scaleNames = metadata.scales.map(\.scale)
    var list = container.nestedUnkeyedContainer(forKey: .respondents)
    for row in respondents {
      try list.encode(RespondentEntry(row: row, scaleNames: scaleNames))
    }
  }

  /// A respondent with `scales` keyed by scale id.
  private struct RespondentEntry: Encodable {
    var row: RespondentChange
    var scaleNames: [String]
    private enum Keys: String, CodingKey { case id, preLine, postLine, scales }
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(row.id, forKey: .id)
      try container.encode(row.preLine, forKey: .preLine)
      try container.encode(row.postLine, forKey: .postLine)
      try container.encode(Dictionary(zip(scaleNames, row.scales), uniquingKeysWith: { a, _ in a }), forKey: .scales)
    }
  }
}
