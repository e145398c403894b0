import AssessmentEngine
import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas risk FILE`: scores clients' answers against a risk/need instrument.
enum RiskCommand: Subcommand {
  static let spec = CommandSpec(
    name: "risk",
    abstract:
      "Score risk/need answer sheets: total, band, domains, ranked needs and (with --plan) the supervision plan.",
    discussion: """
      Input: a CSV with a header 'client,<item>,…' and optional columns gender (female|male), ageGroup \
      (child|adult), age (years) and responsivity (factors separated by ';'); an empty cell or NA is \
      unanswered. Or a JSON file (*.json, or --input-format json): {"clients": [{"client": "K-01", \
      "gender": "male", "ageGroup": "adult", "age": 31, "responsivity": ["workingHours"], "answers": \
      {"ch1": 2, "ch2": "no", "sa1": null}}]}. See Documentation/RiskNeedResponsivity.md.

      A row that cannot be read or scored is reported as file:line:column: error: … (JSON: \
      file: error: $.clients[i]…: …) and left out; every other client is scored. Exit status: 0 all \
      scored, 1 some rejected, 64 usage, 65 invalid instrument or header, 66 unreadable file.
      """,
    positionals: [.init(name: "file", help: "The answers, CSV or JSON ('-' for standard input).")],
    options: [
      .init(
        name: "instrument", valueName: "rnr8|path",
        help: "The built-in illustrative instrument 'rnr8' or a risk instrument definition JSON file."),
      .init(
        name: "input-format", valueName: "csv|json", help: "The input format.", defaultText: "from the file name; csv"),
      .init(
        name: "decimal-comma", valueName: nil,
        help:
          "The CSV comes from an Indonesian-locale spreadsheet: ';'-delimited (or tab/'|', detected). Counts and ages stay whole numbers (3,0 is an error)."
      ),
      .init(name: "plan", valueName: nil, help: "Add the generic supervision plan (SupervisionPolicy.bapas)."),
      .init(name: "format", valueName: "text|json|csv", help: "Output format.", defaultText: "text"),
      .init(name: "output", valueName: "path", help: "Write the results to a file instead of standard output."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let format: String
    let inputFormat: String?
    do {
      format = try args.choice("format", ["text", "json", "csv"]) ?? "text"
      inputFormat = try args.choice("input-format", ["csv", "json"])
    } catch { throw .usage(error, spec) }
    guard let instrumentName = args.value("instrument") else {
      throw .usage(
        .missingOption("'--instrument <rnr8|path>' (the built-in illustrative 'rnr8' or a definition file)"), spec)
    }
    let instrument = try resolveInstrument(instrumentName)
    let path = args.positionals[0]
    let text = try readText(path)
    let isJSON = inputFormat.map { $0 == "json" } ?? path.lowercased().hasSuffix(".json")

    let input: RiskInput
    do {
      input = try RiskInput.read(text, json: isJSON, instrument: instrument, dialect: TableOptions.riskDialect(args))
    } catch {
      throw .failed(error.issues.map { $0.error(file: path, code: .invalidDefinition) })
    }
    var issues = input.issues
    var results: [RiskClientResult] = []
    for sheet in input.sheets {
      switch score(sheet, instrument: instrument, plan: args.flag("plan")) {
      case .success(let r): results.append(r)
      case .failure(let problems): issues += problems.issues
      }
    }
    // Report in file order: CSV by line and column, JSON by record index; ties keep their order.
    issues = issues.enumerated().sorted { a, b in
      (a.element.sortKey.0, a.element.sortKey.1, a.offset) < (b.element.sortKey.0, b.element.sortKey.1, b.offset)
    }.map(\.element)
    let rejected = input.recordsRead - results.count
    for issue in issues { io.report(issue.error(file: path)) }

    let out: String
    switch format {
    case "json":
      out = RiskReportWriter.json(results, instrument: instrument, issues: issues, file: path, read: input.recordsRead)
    case "csv": out = RiskReportWriter.csv(results, instrument: instrument, plan: args.flag("plan"))
    default: out = RiskReportWriter.text(results, instrument: instrument)
    }
    try write(out, to: args.value("output"), inputs: args.inputFiles, io: io)
    let caveat = instrument.status == .illustrative ? " (illustrative: not for decisions about people)" : ""
    io.stderr.write(
      "bapas risk: \(results.count) of \(input.recordsRead) clients scored, \(rejected) rejected; instrument \(instrument.id) \(instrument.version)\(caveat).\n"
    )
    return rejected > 0 ? .someRowsRejected : .success
  }

  /// `rnr8` (or its id) → the built-in instrument; a path → a validated definition.
  static func resolveInstrument(_ name: String) throws(CommandFailure) -> RiskInstrumentDefinition {
    if name == "rnr8" || name == "rnr8-illustrative" {
      do { return try IllustrativeInstruments.rnr8() } catch {
        throw .failed(.internalError("the built-in RNR-8 definition is invalid: \(error)"))
      }
    }
    guard name.hasSuffix(".json") || name.contains("/") else {
      throw .usage(
        .invalidValue(
          option: "instrument", value: name, expected: "'rnr8' or a path to a .json risk instrument definition"), spec)
    }
    let bytes = try readText(name)
    do { return try RiskInstrumentDefinition.load(json: Data(bytes.utf8)) } catch {
      throw .failed(error.issues.map { CLIError($0, file: name) })
    }
  }

  static func readText(_ path: String) throws(CommandFailure) -> String {
    switch ChunkedFile.open(path) {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let file):
      defer { file.close() }
      do { return String(decoding: try file.readAll(), as: UTF8.self) } catch {
        throw .failed(.unreadable(path, error))
      }
    }
  }

  static func write(_ text: String, to path: String?, inputs: [String], io: CommandIO) throws(CommandFailure) {
    let output = try io.output(path, inputs: inputs)
    output.write(text)
    output.finish()
    if output.failed { throw .failed(.writeFailed()) }
  }

  /// Scores one sheet; scoring problems are placed at the column of the item (or population field).
  static func score(_ sheet: RiskSheet, instrument: RiskInstrumentDefinition, plan: Bool) -> Result<
    RiskClientResult, RiskInputFailure
  > {
    func at(_ column: String?, _ reason: RiskInputIssue.Reason) -> RiskInputIssue {
      switch sheet.location {
      case .line(let line, _):
        RiskInputIssue(location: .line(line, column: column.flatMap { sheet.columns[$0] } ?? 1), reason: reason)
      case .path(let p):
        RiskInputIssue(
          location: .path(
            column.map { RiskInput.reservedColumns.contains($0) ? "\(p).\($0)" : "\(p).answers.\($0)" } ?? p),
          reason: reason)
      }
    }
    let assessment: RiskAssessment
    do { assessment = try instrument.assess(sheet.answers, population: sheet.population) } catch {
      return .failure(
        RiskInputFailure(
          error.problems.map { p in
            let column: String? =
              switch p {
              case .answerNotInTable(let item, _, _), .countOutOfRange(let item, _), .wrongAnswerType(let item, _): item
              case .unknownItem(let item, _): item
              case .tooManyMissing(_, let missing, _): missing.first { sheet.columns[$0] != nil }
              case .noCutoffTable: ["gender", "ageGroup", "age"].first { sheet.columns[$0] != nil } ?? "client"
              }
            return at(column, .notScored(client: sheet.client, p))
          }))
    }
    var generic: SupervisionPlan?
    if plan {
      do {
        generic = try SupervisionPolicy.bapas.plan(
          for: assessment, instrument: instrument, responsivity: sheet.responsivity)
      } catch {
        return .failure(
          RiskInputFailure([at("client", .noPlan(client: sheet.client, error))]))
      }
    }
    let mapped =
      assessment.band.map { band in
        instrument.bandMappings.filter { $0.from == band.scheme }.compactMap { instrument.map(band, to: $0.to) }
      } ?? []
    return .success(
      RiskClientResult(
        client: sheet.client, responsivity: sheet.responsivity, assessment: assessment, mappedBands: mapped,
        plan: generic))
  }
}

/// One scored client, as written in JSON.
struct RiskClientResult: Encodable {
  var client: String
  var responsivity: [ResponsivityFactor]
  var assessment: RiskAssessment
  var mappedBands: [BandReference]
  var plan: SupervisionPlan?
}
