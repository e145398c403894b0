import AssessmentEngine
import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas export research CASES.json --key-file KEY --k N --as-of DATE`: a pseudonymised, k-anonymous
/// table for researchers (``ResearchExport``).
enum ExportCommand: Subcommand {
  static let spec = CommandSpec(
    name: "export",
    abstract: "Export case files for research: pseudonyms, age bands, months, counts; k-anonymous.",
    discussion: """
      'bapas export research CASES.json --key-file KEY --k N --as-of DATE' reads a JSON array of case \
      files and writes one row per client: pseudonym (HMAC-SHA256 of the client id under the key, 64 \
      hex digits), ageBand at --as-of (12-17, 18-25, 26-35, 36-45, 46-55, 56+), sex, bapasCode, \
      legalBasis, stage, months of reception and of the masa bimbingan, contact and programme counts, \
      the latest assessment band and compliance flags. No name, id, NIK, address, phone number, \
      decision number, case or officer id or free text is written. Rows whose group (ageBand, sex, \
      bapasCode, legalBasis) has fewer than k members are suppressed; the count is reported on stderr \
      and in JSON metadata. The key file's bytes are the key (at least 32); it is never written. \
      Exit status: 0 every record exported or suppressed, 1 some records rejected as invalid, 64 usage, \
      66 unreadable input.
      """,
    positionals: [
      .init(name: "kind", help: "What to export: 'research'."),
      .init(name: "cases", help: "The case files (a JSON array; '-' for standard input)."),
    ],
    options: [
      .init(name: "key-file", valueName: "path", help: "The pseudonymisation key (its bytes, at least 32)."),
      .init(name: "k", valueName: "n", help: "Suppress groups with fewer than n members (n ≥ 2)."),
      .init(name: "as-of", valueName: "YYYY-MM-DD", help: "The date ages, stages and flags are computed at."),
      .init(name: "format", valueName: "csv|json", help: "Output format.", defaultText: "csv"),
      .init(name: "output", valueName: "path", help: "Write the table to a file instead of standard output."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let kind = args.positionals[0]
    guard kind == "research" else {
      throw .usage(
        .unknownSubcommand("export \(kind)", suggestion: didYouMean(kind, among: ["research"])), spec)
    }
    let format: String
    let k: Int
    let asOf: CivilDate
    do {
      format = try args.choice("format", ["csv", "json"]) ?? "csv"
      guard let kValue = try args.int("k") else { throw UsageError.missingOption("'--k <n>'") }
      k = kValue
      guard let dateText = args.value("as-of") else { throw UsageError.missingOption("'--as-of <YYYY-MM-DD>'") }
      do { asOf = try CivilDate(iso: dateText) } catch {
        throw UsageError.invalidValue(option: "as-of", value: dateText, expected: "an existing day written YYYY-MM-DD")
      }
      guard args.value("key-file") != nil else { throw UsageError.missingOption("'--key-file <path>'") }
    } catch let error as UsageError { throw .usage(error, spec) } catch {
      throw .failed(.internalError("\(error)"))
    }
    let casesPath = args.positionals[1]
    let keyPath = args.value("key-file") ?? ""
    let key = try readAll(keyPath)
    let batch = CaseFileImport.decodeBatch(Data(try readAll(casesPath)))

    let export: ResearchExport
    do {
      export = try ResearchExport(cases: batch.records, options: ResearchExportOptions(key: key, k: k, asOf: asOf))
    } catch {
      switch error {
      case .keyTooShort:
        throw .failed(CLIError(.optionMisuse, .init(file: keyPath, option: "key-file"), why: error.description))
      case .kTooSmall:
        throw .usage(.invalidValue(option: "k", value: String(k), expected: "an integer of at least 2"), spec)
      }
    }
    let output = try io.output(args.value("output"), inputs: [casesPath, keyPath])
    output.write(format == "json" ? json(export, batch: batch, file: casesPath) : csv(export))
    output.finish()
    if output.failed { throw .failed(.writeFailed("the export")) }
    for e in problems(batch, file: casesPath) { io.report(e) }
    let read = batch.records.count + batch.rejectedIndices.count
    io.stderr.write(
      "bapas export research: \(export.rows.count) of \(read) records exported; \(export.suppressed.total) suppressed "
        + "(\(export.suppressed.belowK) in \(export.groupsBelowK) group\(export.groupsBelowK == 1 ? "" : "s") of ageBand, sex, bapasCode, legalBasis with fewer than k = \(k) members; "
        + "\(export.suppressed.ageOutsideBands) under 12 on \(asOf)), \(batch.rejectedIndices.count) rejected as invalid.\n"
    )
    return batch.rejectedIndices.isEmpty ? .success : .someRowsRejected
  }

  static func csv(_ export: ResearchExport) -> String {
    var out = ResearchRow.columns.joined(separator: ",") + "\n"
    for row in export.rows { out += row.cells.map(csvField).joined(separator: ",") + "\n" }
    return out
  }

  static func json(_ export: ResearchExport, batch: CaseFileBatch, file: String) -> String {
    func list(_ xs: [String]) -> String { "[" + xs.map(jsonString).joined(separator: ",") + "]" }
    let numeric: Set<String> = [
      "contactsAttended", "contactsMissed", "contactsExcused", "programmeEnrolments", "programmeHours", "assessments",
    ]
    var out = "{\"metadata\":{"
    out += "\"kind\":\"research\",\"asOf\":\(jsonString(export.asOf.description)),\"k\":\(export.k),"
    out += "\"pseudonym\":\"HMAC-SHA256(key, UTF-8 client id), lowercase hex\","
    out += "\"quasiIdentifiers\":\(list(ResearchExport.quasiIdentifiers)),"
    out +=
      "\"recordsRead\":\(batch.records.count + batch.rejectedIndices.count),\"recordsRejected\":\(batch.rejectedIndices.count),"
    out += "\"rowsExported\":\(export.rows.count),"
    out +=
      "\"suppressed\":{\"total\":\(export.suppressed.total),\"belowK\":\(export.suppressed.belowK),\"groupsBelowK\":\(export.groupsBelowK),\"ageOutsideBands\":\(export.suppressed.ageOutsideBands),"
    out +=
      "\"why\":\(jsonString("rows whose group (ageBand, sex, bapasCode, legalBasis) has fewer than k = \(export.k) members, and clients under 12 (no age band), are left out"))}"
    out += "},\"rows\":["
    out += export.rows.map { row in
      let cells = row.cells
      let fields = ResearchRow.columns.enumerated().map { i, name -> String in
        let v = cells[i]
        if name == "flags" { return "\"flags\":" + list(row.flags.map(\.rawValue)) }
        if numeric.contains(name) { return "\(jsonString(name)):\(v)" }
        return "\(jsonString(name)):" + (v.isEmpty ? "null" : jsonString(v))
      }
      return "{" + fields.joined(separator: ",") + "}"
    }.joined(separator: ",")
    out += "],\"problems\":["
    // The problem form every command shares, plus "path" as this document first named the JSON path.
    out += zip(batch.errors, problems(batch, file: file)).map { e, problem in
      "{\"path\":\(jsonString(e.path))," + CLIErrorRenderer.json(problem).dropFirst()
    }.joined(separator: ",")
    out += "]}\n"
    return out
  }

  /// The case-file errors of `batch` (each record left out), located by file and JSON path.
  static func problems(_ batch: CaseFileBatch, file: String) -> [CLIError] {
    batch.errors.map { e in .atJSONPath(.invalidRecord, file: file, path: e.path, e.description) }
  }

  static func readAll(_ path: String) throws(CommandFailure) -> [UInt8] {
    switch ChunkedFile.open(path) {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let file):
      defer { file.close() }
      do { return try file.readAll() } catch { throw .failed(.unreadable(path, error)) }
    }
  }
}
