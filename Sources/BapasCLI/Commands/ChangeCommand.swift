#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AssessmentEngine

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
    options: InstrumentSelection.options + TableOptions.options + [
      .init(name: "id-column", valueName: "name", help: "The column identifying a respondent in both files."),
      .init(name: "reliability", valueName: "r|SCALE=r", help: "The reliability behind the SEM, for every scale or one. Repeatable.", repeatable: true),
      .init(name: "sd", valueName: "sd|SCALE=sd", help: "The reference SD behind the SEM, for every scale or one. Repeatable.", repeatable: true),
      .init(name: "norms", valueName: "[SCALE:]functional|dysfunctional=M,SD", help: "A norm group's mean and SD for clinical significance. Repeatable.", repeatable: true),
      .init(name: "criterion", valueName: "z", help: "The |RCI| a reliable change must exceed.", defaultText: "1.96"),
      .init(name: "direction", valueName: "higher|lower", help: "Whether a higher score is better.", defaultText: "higher"),
      .init(name: "metric", valueName: "sum|mean", help: "The score compared (the SD and norms must be on it).", defaultText: "the scale's own score"),
      .init(name: "impute", valueName: "none|mean|median", help: "Missing-data policy as psych::scoreItems(impute=)."),
      .init(name: "prorate", valueName: "n", help: "Prorate: minimum answered items per scale (count ≥ 1, or a fraction < 1)."),
      .init(name: "missing", valueName: "tokens", help: "Comma-separated cell texts that mean missing, besides the empty cell.", defaultText: "NA"),
      .init(name: "format", valueName: "csv|json", help: "Output format.", defaultText: "csv"),
      .init(name: "output", valueName: "path", help: "Write the results to a file instead of standard output."),
    ])

  /// The change parameters of one scale.
  struct ScaleParameters: Encodable {
    var scale: String
    var metric: ScaleDefinition.Score
    /// `nil` (with ``note``) for a scale that has neither a value on the command line nor a
    /// published norm: its change is reported without an RCI.
    var reliability: Double?
    var sd: Double?
    var standardErrorOfMeasurement: Double?
    var reliableChangeThreshold: Double?
    var cutoffs: ClinicalCutoffs?
    var note: String?
  }

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
      direction = (try args.choice("direction", ["higher", "lower"]) ?? "higher") == "higher" ? .higherIsBetter : .lowerIsBetter
      metricChoice = try args.choice("metric", ["sum", "mean"])
    } catch { throw .usage(error, spec) }
    guard criterion.isFinite, criterion > 0 else {
      throw .usage(.invalidValue(option: "criterion", value: args.value("criterion") ?? "", expected: "a positive number"), spec)
    }
    let parameters = try scaleParameters(args, definition: definition, metricChoice: metricChoice, direction: direction, criterion: criterion)
    let missingTokens = args.missingTokens
    for warning in args.missingTokenWarnings(scale: definition.responseScale) { io.stderr.write(warning + "\n") }
    let options = try TableOptions.resolve(
      args, definition: definition, base: ResponseCSVOptions(missingTokens: missingTokens, idColumn: idColumn), spec: spec
    ).options
    let plan = ScoringPlan(definition, policy: policy)
    let prePath = args.positionals[0], postPath = args.positionals[1]

    for p in parameters where p.reliability == nil {
      io.stderr.write("warning: scale '\(p.scale)': \(p.note ?? "no RCI").\n")
    }
    var pre = try collect(plan: plan, options: options, path: prePath, stderr: io.stderr)
    var post = try collect(plan: plan, options: options, path: postPath, stderr: io.stderr)
    // An empty id identifies no one: such rows are never paired (two empty ids are not one person).
    var unidentified = 0
    for (path, administration) in [(prePath, pre), (postPath, post)] {
      for r in administration.respondents where r.id.trimmingWhitespace().isEmpty {
        io.stderr.write("\(path):\(r.line): warning: the id in column \(quotedForMessage(idColumn)) is empty; the row is not paired.\n")
        unidentified += 1
      }
    }
    pre.respondents.removeAll { $0.id.trimmingWhitespace().isEmpty }
    post.respondents.removeAll { $0.id.trimmingWhitespace().isEmpty }
    let postIndex = Dictionary(post.respondents.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let preIDs = Set(pre.respondents.map(\.id))
    var rows: [ChangeRow] = []
    var onlyInPre: [UnmatchedRespondent] = []
    for respondent in pre.respondents {
      guard let p = postIndex[respondent.id] else {
        onlyInPre.append(UnmatchedRespondent(id: respondent.id, line: respondent.line))
        continue
      }
      let later = post.respondents[p]
      rows.append(
        ChangeRow(
          id: respondent.id, preLine: respondent.line, postLine: later.line,
          scales: parameters.indices.map { s in
            ScaleChange(pre: respondent.scores[s], post: later.scores[s], parameters: parameters[s], direction: direction, criterion: criterion)
          }))
    }
    let onlyInPost = post.respondents.filter { !preIDs.contains($0.id) }.map { UnmatchedRespondent(id: $0.id, line: $0.line) }
    for r in onlyInPre { io.stderr.write("\(prePath):\(r.line): warning: respondent \(Redaction.quote(r.id)) is not in \(postPath); no change computed.\n") }
    for r in onlyInPost { io.stderr.write("\(postPath):\(r.line): warning: respondent \(Redaction.quote(r.id)) is not in \(prePath); no change computed.\n") }

    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    if format == "json" {
      let document = ChangeDocument(
        metadata: .init(
          pre: prePath, post: postPath, idColumn: idColumn, instrument: definition.id, missingDataPolicy: policy.summary,
          criterion: criterion, direction: direction, scales: parameters),
        respondents: rows, onlyInPre: onlyInPre, onlyInPost: onlyInPost)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      do {
        output.append(Array(try encoder.encode(document)))
        output.write("\n")
      } catch {
        throw .failed(.software, ["error: the results could not be written as JSON: \(error)."])
      }
    } else {
      output.write(csv(rows, idColumn: idColumn, parameters: parameters))
    }
    output.finish()
    if output.failed { throw .failed(.ioError, ["error: writing the results failed (disk full or closed pipe?)."]) }
    io.stderr.write(
      "bapas change: \(rows.count) respondents in both files, \(onlyInPre.count) only in \(prePath), \(onlyInPost.count) only in \(postPath), \(unidentified) without an id; "
        + "\(pre.rowsRejected + post.rowsRejected) rows rejected; missing-data policy: \(policy.summary).\n")
    let incomplete = pre.rowsRejected + post.rowsRejected > 0 || !onlyInPre.isEmpty || !onlyInPost.isEmpty || unidentified > 0
    return incomplete ? .someRowsRejected : .success
  }

  // MARK: Arguments

  static func policyArgument(_ args: ParsedArguments) throws(CommandFailure) -> MissingDataPolicy? {
    do { return try ScoreCommand.policyArgument(args) } catch {
      if case .usage(let usage, _) = error { throw .usage(usage, spec) }
      throw error
    }
  }

  /// `VALUE` for every scale and `SCALE=VALUE` for one; the per-scale value wins.
  static func perScale(_ option: String, _ args: ParsedArguments, scales: [String]) throws(CommandFailure) -> [String: Double] {
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
          throw .usage(.invalidValue(option: option, value: text, expected: "a scale of the instrument (\(scales.joined(separator: ", ")))"), spec)
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
  static func norms(_ args: ParsedArguments, scales: [String]) throws(CommandFailure) -> [String: [ScaleNorm.Group: (Double, Double)]] {
    var result: [String: [ScaleNorm.Group: (Double, Double)]] = [:]
    var forAll: [ScaleNorm.Group: (Double, Double)] = [:]
    for text in args.all("norms") {
      let expected = "[SCALE:]functional=MEAN,SD or [SCALE:]dysfunctional=MEAN,SD"
      let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard sides.count == 2 else { throw .usage(.invalidValue(option: "norms", value: text, expected: expected), spec) }
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
          throw .usage(.invalidValue(option: "norms", value: text, expected: "a scale of the instrument (\(scales.joined(separator: ", ")))"), spec)
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

  static func scaleParameters(
    _ args: ParsedArguments, definition: InstrumentDefinition, metricChoice: String?, direction: ScoreDirection,
    criterion: Double
  ) throws(CommandFailure) -> [ScaleParameters] {
    let ids = definition.scales.map(\.id)
    let reliabilities = try perScale("reliability", args, scales: ids)
    let sds = try perScale("sd", args, scales: ids)
    let given = try norms(args, scales: ids)
    var result: [ScaleParameters] = []
    for scale in definition.scales {
      let metric = metricChoice.flatMap(ScaleDefinition.Score.init(rawValue:)) ?? scale.score
      let published = definition.norms(for: scale.id).filter { $0.metric == metric }
      let reference = published.first { $0.reliability != nil && $0.group == .general } ?? published.first { $0.reliability != nil }
      guard let reliability = reliabilities[scale.id] ?? reference?.reliability else {
        // Values given for some scales only: the others are reported without an RCI, not refused.
        if !reliabilities.isEmpty, sds[scale.id] == nil {
          result.append(ScaleParameters(
            scale: scale.id, metric: metric,
            note: "no RCI: no reliability and SD for this scale (give --reliability \(scale.id)=r --sd \(scale.id)=sd) and the instrument has no published norm for it"))
          continue
        }
        throw .usage(.missingOption("'--reliability' for scale '\(scale.id)' (a value for every scale, or \(scale.id)=r)"), spec)
      }
      guard let sd = sds[scale.id] ?? (reliabilities[scale.id] == nil ? reference?.sd : nil) else {
        throw .usage(.missingOption("'--sd' for scale '\(scale.id)' (the reference SD of its \(metric.rawValue) score)"), spec)
      }
      let sem: Double
      do { sem = try standardErrorOfMeasurement(sd: sd, reliability: reliability) } catch {
        throw .usage(.other("Scale '\(scale.id)': \(error.description)"), spec)
      }
      var groups = given[scale.id] ?? [:]
      if groups.isEmpty {
        for norm in published where norm.group != .general && groups[norm.group] == nil { groups[norm.group] = (norm.mean, norm.sd) }
      }
      var cutoffs: ClinicalCutoffs? = nil
      if !groups.isEmpty {
        guard let functional = groups[.functional], let dysfunctional = groups[.dysfunctional] else {
          throw .usage(.other("Scale '\(scale.id)': clinical significance needs both a functional and a dysfunctional norm ('--norms functional=M,SD --norms dysfunctional=M,SD')."), spec)
        }
        do {
          cutoffs = try ClinicalCutoffs(
            functionalMean: functional.0, functionalSD: functional.1, dysfunctionalMean: dysfunctional.0,
            dysfunctionalSD: dysfunctional.1, direction: direction)
        } catch { throw .usage(.other("Scale '\(scale.id)': \(error.description)"), spec) }
      }
      result.append(
        ScaleParameters(
          scale: scale.id, metric: metric, reliability: reliability, sd: sd, standardErrorOfMeasurement: sem,
          reliableChangeThreshold: criterion * (2 * sem * sem).squareRoot(), cutoffs: cutoffs))
    }
    if !result.contains(where: { $0.reliability != nil }), let first = definition.scales.first {
      throw .usage(.missingOption("'--reliability' for scale '\(first.id)' (a value for every scale, or \(first.id)=r)"), spec)
    }
    return result
  }

  // MARK: Scoring

  struct Respondent {
    var id: String
    var line: Int
    var scores: [ScaleScore]
  }

  struct Administration {
    var respondents: [Respondent] = []
    var rowsRejected = 0
  }

  /// Scores a file and keeps, per respondent, the scores and the line; duplicate ids are an error.
  static func collect(plan: ScoringPlan, options: ResponseCSVOptions, path: String, stderr: OutputSink) throws(CommandFailure) -> Administration {
    let collector = ScoreCollector()
    let summary = try ScoringPipeline(plan: plan, options: options, path: path, stderr: stderr).run(writer: collector)
    var lines: [String: [Int]] = [:]
    for respondent in collector.respondents where !respondent.id.trimmingWhitespace().isEmpty { lines[respondent.id, default: []].append(respondent.line) }
    let duplicates = collector.respondents.compactMap { r -> String? in
      guard let found = lines[r.id], found.count > 1, found[0] == r.line else { return nil }
      return "\(path):\(found[1]): error: the id \(Redaction.quote(r.id)) in column '\(options.idColumn ?? "")' appears more than once, on lines \(found.map(String.init).joined(separator: ", ")); each respondent must have one row."
    }
    if !duplicates.isEmpty { throw .failed(.invalidDefinition, duplicates) }
    return Administration(respondents: collector.respondents, rowsRejected: summary.rowsRejected)
  }

  /// The CSV: the id, then per scale `<S>_pre,<S>_post,<S>_change,<S>_rci,<S>_reliable_change`,
  /// `<S>_clinical` when the scale has norms, and `<S>_note` (why the RCI is empty).
  static func csv(_ rows: [ChangeRow], idColumn: String, parameters: [ScaleParameters]) -> String {
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
  var respondents: [ChangeCommand.Respondent] = []
  func begin() {}
  func write(_ batch: ResponseBatch, _ table: ScoreTable) {
    for row in 0..<table.rowCount {
      respondents.append(ChangeCommand.Respondent(id: batch.ids[row], line: batch.lines[row], scores: table.scores(row: row)))
    }
  }
  func report(_ issues: [InputIssue]) {}
  func finish(summary: ScoringSummary) {}
}

/// One respondent's change on one scale.
struct ScaleChange: Encodable {
  var pre: Double?
  var post: Double?
  var change: Double?
  var rci: Double?
  var reliableChange: ReliableChangeCategory?
  var clinicalSignificance: ClinicalSignificanceCategory?
  var postIsFunctional: Bool?
  /// Why there is no RCI (a scale absent in an administration).
  var reason: String?

  init(pre: ScaleScore, post: ScaleScore, parameters: ChangeCommand.ScaleParameters, direction: ScoreDirection, criterion: Double) {
    let metric = parameters.metric
    self.pre = metric == .sum ? pre.sum : pre.mean
    self.post = metric == .sum ? post.sum : post.mean
    var reasons: [String] = []
    if self.pre == nil { reasons.append("pre: \(pre.absence?.description ?? "no score")") }
    if self.post == nil { reasons.append("post: \(post.absence?.description ?? "no score")") }
    guard let before = self.pre, let after = self.post else {
      reason = reasons.joined(separator: "; ")
      return
    }
    change = after - before
    guard let sd = parameters.sd, let reliability = parameters.reliability else {
      reason = parameters.note
      return
    }
    do {
      let rc = try ReliableChange(
        pre: before, post: after, sd: sd, reliability: reliability, direction: direction, criterion: criterion)
      rci = rc.index
      reliableChange = rc.category
      if let cutoffs = parameters.cutoffs {
        let clinical = ClinicalSignificance(reliableChange: rc, cutoffs: cutoffs)
        clinicalSignificance = clinical.category
        postIsFunctional = clinical.postIsFunctional
      }
    } catch {
      reason = error.description
    }
  }
}

/// One respondent present in both files.
struct ChangeRow: Encodable {
  var id: String
  var preLine: Int
  var postLine: Int
  var scales: [ScaleChange]
}

/// A respondent found in only one of the two files.
struct UnmatchedRespondent: Encodable {
  var id: String
  var line: Int
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
  var respondents: [ChangeRow]
  var onlyInPre: [UnmatchedRespondent]
  var onlyInPost: [UnmatchedRespondent]

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
    var row: ChangeRow
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
