import AssessmentEngine
import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas report CASES.json --period 2025-01`: the periodic report for the Kanwil and Ditjenpas;
/// `bapas report programme EVALUATION.json`: a programme evaluation with weighted success indicators.
enum ReportCommand: Subcommand {
  /// The case batch (or programme file) and the officer, partner and obstacle lists.
  static func inputFiles(_ arguments: ParsedArguments) -> [String] {
    arguments.positionals.filter { $0 != "programme" }
      + ["officers", "partners", "obstacles"].compactMap { arguments.value($0) }
  }

  static let spec = CommandSpec(
    name: "report",
    abstract: "Periodic reports per Bapas and per PK from a batch of case files; programme evaluations.",
    discussion: """
      'bapas report CASES.json --period 2025-01' (or 2025-Q1) reads a JSON array of case files \
      (Documentation/BapasModels.md) and writes the monthly or quarterly report per Bapas and per PK: \
      clients by legal basis and stage, receptions, closings, revocations, Litmas turnaround, \
      wajib-lapor compliance, contacts by modality, programme hours, active Pokmas Lipas partners, \
      the PK-to-client ratio and reported obstacles (Documentation/BapasPeriodicReports.md). \
      --officers, --partners and --obstacles add JSON arrays of officers, partners and obstacles. \
      A case file with a problem is listed with its JSON path and left out; the others are reported. \
      'bapas report programme FILE.json' evaluates a programme (Documentation/BapasProgrammeEvaluation.md). \
      Exit status: 0 no problems, 1 report written with records left out, 64 usage, 65 a file that is \
      not the expected JSON, 66 unreadable file, 73 output cannot be created.
      """,
    positionals: [
      .init(name: "cases", help: "The case-file batch (a JSON array; '-' for standard input), or 'programme'."),
      .init(name: "file", help: "With 'programme': the programme evaluation file.", optional: true),
    ],
    options: [
      .init(
        name: "period", valueName: "YYYY-MM|YYYY-Qn", help: "The month or quarter (required for a periodic report)."),
      .init(name: "officers", valueName: "file", help: "A JSON array of officers (counts the PKs of each Bapas)."),
      .init(name: "partners", valueName: "file", help: "A JSON array of Pokmas Lipas partners."),
      .init(name: "obstacles", valueName: "file", help: "A JSON array of institutional obstacles."),
      .init(name: "language", valueName: "id|en", help: "Report language: Indonesian or English.", defaultText: "id"),
      .init(name: "format", valueName: "markdown|json", help: "Output format.", defaultText: "markdown"),
      .init(name: "output", valueName: "path", help: "Write the report to a file instead of standard output."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let language: DisplayLanguage
    let format: String
    do {
      language = try args.choice("language", ["id", "en"]) == "en" ? .english : .indonesian
      format = try args.choice("format", ["markdown", "json"]) ?? "markdown"
    } catch { throw .usage(error, spec) }
    let output = args.value("output")

    if args.positionals[0] == "programme" {
      guard args.positionals.count == 2 else { throw .usage(.missingArgument("file"), spec) }
      for name in ["period", "officers", "partners", "obstacles"] where args.value(name) != nil {
        throw .usage(
          .optionMisuse(options: [name], why: "'--\(name)' belongs to the periodic report, not to 'report programme'."),
          spec)
      }
      return try programme(path: args.positionals[1], language: language, format: format, output: output, io: io)
    }
    guard args.positionals.count == 1 else { throw .usage(.unexpectedArgument(args.positionals[1]), spec) }
    guard let text = args.value("period") else {
      throw .usage(.missingValue(option: "period", valueName: "YYYY-MM|YYYY-Qn"), spec)
    }
    guard let period = ReportPeriod(parsing: text) else {
      throw .usage(
        .invalidValue(
          option: "period", value: text, expected: "a month as YYYY-MM or a quarter as YYYY-Qn (e.g. 2025-01, 2025-Q1)"),
        spec)
    }
    let casesPath = args.positionals[0]
    let inputs = [casesPath] + ["officers", "partners", "obstacles"].compactMap { args.value($0) }
    try refuseOverwritingAnInput(output, inputs: inputs)

    let batch = CaseFileImport.decodeBatch(try read(casesPath))
    if batch.records.isEmpty, let first = batch.errors.first, first.path == "$" {
      throw .failed(.atJSONPath(.invalidDefinition, file: casesPath, path: first.path, first.description))
    }
    let officers: [Officer] = try decodeList(args.value("officers"))
    let partners: [PokmasLipasPartner] = try decodeList(args.value("partners"))
    let obstacles: [InstitutionalObstacle] = try decodeList(args.value("obstacles"))
    let report = PeriodicReport(
      period: period,
      input: PeriodicReportInput(cases: batch.records, officers: officers, partners: partners, obstacles: obstacles))

    let body: String
    if format == "json" {
      body = try json(report)
    } else {
      body = report.markdown(language: language)
    }
    try write(body, to: output, io: io)
    for error in batch.errors {
      var warning = CLIError.atJSONPath(
        .invalidRecord, file: casesPath, path: error.path, error.description + " The record is left out.")
      warning.severity = .warning
      io.report(warning)
    }
    io.stderr.write(
      "bapas report: \(period) from \(batch.records.count) case file\(batch.records.count == 1 ? "" : "s"), \(report.bapas.count) Bapas, \(report.officers.count) PK; \(batch.rejectedIndices.count) left out.\n"
    )
    return batch.rejectedIndices.isEmpty ? .success : .someRowsRejected
  }

  static func programme(path: String, language: DisplayLanguage, format: String, output: String?, io: CommandIO)
    throws(CommandFailure) -> BapasExitStatus
  {
    try refuseOverwritingAnInput(output, inputs: [path])
    let evaluation: ProgrammeEvaluation
    let data = try read(path)
    do { evaluation = try ProgrammeEvaluation.decode(jsonData: data) } catch {
      throw .failed(CLIError(.invalidDefinition, .init(file: path, jsonPath: error.path), why: error.reason + "."))
    }
    let report = ProgrammeEvaluationReport(evaluation: evaluation, language: language)
    try write(format == "json" ? try json(report) : report.markdown(), to: output, io: io)
    for p in report.problems { io.report(.warning(.init(file: path), p)) }
    io.stderr.write(
      "bapas report: programme \(evaluation.id), \(report.indicators.count) indicators; \(report.problems.count) left out.\n"
    )
    return report.problems.isEmpty ? .success : .someRowsRejected
  }

  static func read(_ path: String) throws(CommandFailure) -> Data {
    switch ChunkedFile.open(path) {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let file):
      defer { file.close() }
      do { return Data(try file.readAll()) } catch { throw .failed(.unreadable(path, error)) }
    }
  }

  static func decodeList<T: Decodable>(_ path: String?) throws(CommandFailure) -> [T] {
    guard let path else { return [] }
    let data = try read(path)
    do { return try JSONDecoder().decode([T].self, from: data) } catch let error as DecodingError {
      let (where_, why) = describe(error)
      throw .failed(CLIError(.invalidDefinition, .init(file: path, jsonPath: where_), why: why + "."))
    } catch {
      let reason = "\(error)"
      throw .failed(CLIError(.invalidDefinition, .init(file: path), why: "the file is not JSON (\(reason))."))
    }
  }

  /// The JSON path and reason of a decoding error, in the case-file importer's words.
  static func describe(_ error: DecodingError) -> (String, String) {
    let e = CaseFileError(decodingError: error)
    let text = e.description
    guard let colon = text.firstIndex(of: ":") else { return ("$", text) }
    var why = Substring(text[text.index(after: colon)...]).drop { $0 == " " }
    while why.last == "." { why = why.dropLast() }
    return (String(text[..<colon]), String(why))
  }

  static func json<T: Encodable>(_ value: T) throws(CommandFailure) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(value) else {
      throw .failed(.internalError("the report could not be encoded as JSON."))
    }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// An output path that names one of the inputs would destroy it: refused (exit 64) before anything
  /// is read, by the same device-and-inode check every command uses.
  static func refuseOverwritingAnInput(_ output: String?, inputs: [String]) throws(CommandFailure) {
    guard let output, output != "-" else { return }
    if let input = OutputPathCheck.clash(output: output, inputs: inputs) {
      throw .failed(.outputIsInput(output: output, input: input))
    }
  }

  static func write(_ text: String, to path: String?, io: CommandIO) throws(CommandFailure) {
    let sink = try io.output(path, inputs: [])
    sink.write(text)
    sink.finish()
    if sink.failed { throw .failed(.writeFailed("the report")) }
  }
}
