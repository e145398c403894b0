import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas validate-risk FILE.csv`: local validation of a risk instrument on follow-up data.
enum ValidateRiskCommand: Subcommand {
  static let spec = CommandSpec(
    name: "validate-risk",
    abstract:
      "Validate a risk instrument locally: AUC with DeLong and Hanley–McNeil CIs, rates per band, E/O, subgroup AUCs.",
    discussion: """
      Input: a CSV with the header 'score,outcome' followed by any grouping columns (e.g. gender, \
      ageBand, offence); outcomes are 1/0, true/false or yes/no, within one fixed follow-up window. A \
      column named 'band' (or --band-column) holds each person's risk band: it gives the observed \
      outcome rate per band and, with --expected-rates, the E/O calibration; it is not used as a \
      subgroup. Every other extra column gives one AUC per value. See \
      Documentation/RiskNeedResponsivity.md (Local validation).

      A bad row is reported as file:line:column: error: … and left out; the rest is analysed. Exit \
      status: 0 no problems, 1 some rows left out, 64 usage, 65 bad header or the statistics cannot \
      be computed (e.g. fewer than 2 people with or without the outcome), 66 unreadable file.
      """,
    positionals: [.init(name: "file", help: "The follow-up CSV ('-' for standard input).")],
    options: [
      .init(
        name: "decimal-comma", valueName: nil,
        help:
          "Scores are written with a decimal comma (12,5), as on Indonesian-locale machines, in a ';'-delimited file (or tab/'|', detected); then 12.5 is an error."
      ),
      .init(name: "band-column", valueName: "name", help: "The column holding risk bands.", defaultText: "band"),
      .init(
        name: "band-order", valueName: "bands",
        help: "Bands lowest risk first, comma-separated, e.g. rendah,sedang,tinggi.", defaultText: "order of appearance"
      ),
      .init(
        name: "expected-rates", valueName: "band=rate,…",
        help: "Expected outcome rate per band (0…1), e.g. rendah=0.1,sedang=0.3,tinggi=0.6, for E/O."),
      .init(
        name: "confidence", valueName: "level", help: "Confidence level of the intervals, between 0 and 1.",
        defaultText: "0.95"),
      .init(name: "format", valueName: "text|json", help: "Output format.", defaultText: "text"),
      .init(name: "output", valueName: "path", help: "Write the report to a file instead of standard output."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let format: String
    do { format = try args.choice("format", ["text", "json"]) ?? "text" } catch { throw .usage(error, spec) }
    let z = try quantile(args)
    let expected = try expectedRates(args)
    let bandColumn = args.value("band-column") ?? "band"
    let bandOrder =
      args.value("band-order").map { $0.split(separator: ",").map { String($0).trimmingWhitespace() } } ?? []
    let path = args.positionals[0]
    let text = try RiskCommand.readText(path)

    let (data, issues) = try read(text, path: path, dialect: TableOptions.riskDialect(args))
    for issue in issues { io.report(issue) }
    let bands = data.groups[bandColumn]
    if args.value("band-column") != nil, bands == nil {
      let columns =
        data.groupColumns.isEmpty
        ? "it has none besides score and outcome"
        : "it has " + data.groupColumns.map { quotedForMessage($0) }.joined(separator: ", ")
      throw .usage(
        .optionMisuse(
          options: ["band-column"],
          why:
            "'--band-column \(bandColumn)': the file has no such column (\(columns)); column names are matched exactly, case included.",
          suggestion: didYouMean(bandColumn, among: data.groupColumns)), spec)
    }
    if expected != nil && bands == nil {
      throw .usage(
        .optionMisuse(
          options: ["expected-rates", "band-column"],
          why: "'--expected-rates' needs a '\(bandColumn)' column with each person's band (see '--band-column')."), spec
      )
    }

    let report: ValidationReport
    do {
      let auc = try RiskValidation.auc(scores: data.scores, outcomes: data.outcomes, z: z)
      var rates: [BandRate]? = nil
      var calibration: CalibrationResult? = nil
      if let bands {
        rates = try RiskValidation.outcomeRates(bands: bands, outcomes: data.outcomes, bandOrder: bandOrder).map(
          BandRate.init)
        if let expected {
          calibration = try RiskValidation.calibration(
            bands: bands, outcomes: data.outcomes, expectedRates: expected, bandOrder: bandOrder, z: z)
        }
      }
      var subgroups: [SubgroupColumn] = []
      for column in data.groupColumns where column != bandColumn {
        let groups = data.groups[column] ?? []
        let results = try RiskValidation.subgroupAUCs(
          scores: data.scores, outcomes: data.outcomes, groups: groups, z: z)
        subgroups.append(SubgroupColumn(column: column, groups: results.map(SubgroupRow.init), results: results))
      }
      report = ValidationReport(
        file: path, people: data.scores.count, confidence: confidenceLevel(args), auc: auc, bandRates: rates,
        calibration: calibration, subgroups: subgroups, issues: issues.map(CLIErrorRenderer.line),
        problems: issues.map(CLIErrorRenderer.problem), rowsLeftOut: issues.count)
    } catch {
      let reason = error.description
      throw .failed(CLIError(.invalidDefinition, .init(file: path), why: reason))
    }
    let out = format == "json" ? json(report) : textReport(report)
    try RiskCommand.write(out, to: args.value("output"), inputs: args.inputFiles, io: io)
    io.stderr.write(
      "bapas validate-risk: \(report.people) people analysed, \(issues.count) row\(issues.count == 1 ? "" : "s") left out.\n"
    )
    return issues.isEmpty ? .success : .someRowsRejected
  }

  static func confidenceLevel(_ args: ParsedArguments) -> Double {
    args.value("confidence").flatMap(Double.init) ?? 0.95
  }

  /// z for the confidence level (`Distributions.twoSidedNormalQuantile`); exactly
  /// `Distributions.normalQuantile975` for 95%.
  static func quantile(_ args: ParsedArguments) throws(CommandFailure) -> Double {
    guard let text = args.value("confidence") else { return Distributions.normalQuantile975 }
    guard let level = Double(text), level > 0, level < 1 else {
      throw .usage(
        .invalidValue(option: "confidence", value: text, expected: "a level between 0 and 1, e.g. 0.95"), spec)
    }
    guard let z = Distributions.twoSidedNormalQuantile(confidence: level) else {
      throw .usage(
        .invalidValue(option: "confidence", value: text, expected: "a level between 0 and 1, e.g. 0.95"), spec)
    }
    return z
  }

  static func expectedRates(_ args: ParsedArguments) throws(CommandFailure) -> [String: Double]? {
    guard let text = args.value("expected-rates") else { return nil }
    var rates: [String: Double] = [:]
    for part in text.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
      guard pair.count == 2, !pair[0].isEmpty, let rate = Double(pair[1]), rate >= 0, rate <= 1 else {
        throw .usage(
          .invalidValue(
            option: "expected-rates", value: String(part), expected: "BAND=RATE with a rate between 0 and 1"), spec)
      }
      guard rates[pair[0]] == nil else {
        throw .usage(.invalidValue(option: "expected-rates", value: String(part), expected: "each band once"), spec)
      }
      rates[pair[0]] = rate
    }
    return rates
  }

  /// Parses with the engine's reader; bad data rows are reported at their line and column and left out.
  static func read(
    _ text: String, path: String, dialect: CSVDialect = CSVDialect(delimiter: UInt8(ascii: ","))
  ) throws(CommandFailure) -> (RiskValidationData, [CLIError]) {
    let read = RiskValidationData.readCSV(Array(text.utf8), dialect: dialect)
    func error(_ p: RiskValidationCSVError.Problem, leftOut: Bool) -> CLIError {
      let what = p.column.map { "column \(quotedForMessage($0)): " } ?? ""
      let (why, value) = (p.why, p.value)
      return CLIError(
        leftOut ? .invalidRecord : .invalidDefinition,
        .init(file: path, line: p.row, column: p.columnNumber ?? 1, columnName: p.column),
        value: value.isEmpty ? nil : value,
        why: "\(what)\(why)\(value.isEmpty ? "" : " (\(Redaction.quote(value)))")"
          + (leftOut ? "; the row is left out." : "."))
    }
    if !read.headerProblems.isEmpty { throw .failed(read.headerProblems.map { error($0, leftOut: false) }) }
    return (read.data, read.rowProblems.map { error($0, leftOut: true) })
  }

  struct BandRate: Encodable {
    var band: String
    var count: Int
    var events: Int
    var rate: Double?
    init(_ r: BandOutcomeRate) {
      band = r.band
      count = r.count
      events = r.events
      rate = r.rate
    }
  }

  /// One subgroup as written in JSON: the AUC, or why it was not computed.
  struct SubgroupRow: Encodable {
    var group: String
    var count: Int
    var auc: AUCResult?
    var notComputed: String?
    init(_ s: SubgroupAUC) {
      group = s.group
      count = s.count
      switch s.outcome {
      case .computed(let a):
        auc = a
        notComputed = nil
      case .notComputed(let e):
        auc = nil
        notComputed = e.description
      }
    }
  }

  struct SubgroupColumn: Encodable {
    var column: String
    var groups: [SubgroupRow]
    var results: [SubgroupAUC]
    enum CodingKeys: String, CodingKey { case column, groups }
  }

  struct ValidationReport: Encodable {
    var file: String
    var people: Int
    var confidence: Double
    var auc: AUCResult
    var bandRates: [BandRate]?
    var calibration: CalibrationResult?
    var subgroups: [SubgroupColumn]
    var issues: [String]
    /// The same rows left out, in the JSON problem form every command shares.
    var problems: [CLIErrorRenderer.Problem]
    var rowsLeftOut: Int
  }

  static func json(_ report: ValidationReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(report) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func f(_ x: Double, _ digits: Int = 4) -> String { formatFixed(x, digits) }

  static func textReport(_ r: ValidationReport) -> String {
    let level = "\(RiskReportWriter.number(r.confidence * 100))%"
    let a = r.auc
    var out =
      "Local validation of \(r.file): \(r.people) people, \(a.positives) with the outcome, \(a.negatives) without.\n\n"
    out += "AUC: \(f(a.auc))\n"
    out += "  DeLong \(level) CI: \(f(a.deLong.lower))–\(f(a.deLong.upper)) (SE \(f(a.deLong.standardError)))\n"
    out +=
      "  Hanley–McNeil \(level) CI: \(f(a.hanleyMcNeil.lower))–\(f(a.hanleyMcNeil.upper)) (SE \(f(a.hanleyMcNeil.standardError)))\n"
    if let rates = r.bandRates {
      out += "\nObserved outcome rate per band:\n"
      for b in rates {
        out +=
          "  \(RiskReportWriter.pad(b.band, 12)) \(b.events) of \(b.count)"
          + (b.rate.map { " (\(f($0 * 100, 1))%)" } ?? " (no people)") + "\n"
      }
    }
    if let c = r.calibration {
      out +=
        "\nCalibration: expected \(f(c.expected, 2)), observed \(c.observed), E/O \(f(c.ratio, 3)) (\(level) CI \(f(c.lower, 3))–\(f(c.upper, 3)))\n"
      for b in c.bands {
        out +=
          "  \(RiskReportWriter.pad(b.band, 12)) expected rate \(f(b.expectedRate * 100, 1))%, observed "
          + (b.observedRate.map { "\(f($0 * 100, 1))%" } ?? "–")
          + "; expected \(f(b.expected, 2)), observed \(b.observed)\n"
      }
    }
    for column in r.subgroups {
      out += "\nAUC by \(column.column):\n"
      for g in column.results {
        switch g.outcome {
        case .computed(let s):
          out +=
            "  \(RiskReportWriter.pad(g.group, 12)) n \(g.count): AUC \(f(s.auc)), DeLong \(level) CI \(f(s.deLong.lower))–\(f(s.deLong.upper))\n"
        case .notComputed(let e):
          out += "  \(RiskReportWriter.pad(g.group, 12)) n \(g.count): not computed. \(e.description)\n"
        }
      }
    }
    out += "\nReport the numbers, not only labels (Rice & Harris 2005: AUC ≈ .56/.64/.71 small/medium/large).\n"
    return out
  }
}

/// `x` with exactly `digits` decimals, rounded half away from zero.
func formatFixed(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return "\(x)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(x) * scale).rounded()
  let whole = Int(scaled / scale)
  var fraction = String(Int(scaled - Double(whole) * scale))
  while fraction.count < digits { fraction = "0" + fraction }
  return (x < 0 && scaled != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fraction : "")
}
