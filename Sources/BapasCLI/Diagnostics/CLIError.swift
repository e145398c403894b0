import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One problem a `bapas` run reports: what went wrong (``code``), where (``location``), why
/// (``why``), an optional "did you mean" (``suggestion``) and the exit status it ends the run with.
///
/// Every diagnostic of the command line is one of these, built where the problem is found from the
/// facts at hand — library errors (``InputIssue``, ``JSONIssue``, the risk and alliance readers'
/// issues) are converted with their location fields kept, never as pre-rendered text — and written
/// by one renderer, ``CLIErrorRenderer``: `file:line:column: error: why` on stderr, `Error: why` and
/// the usage line for a command-line mistake, a JSON object where a command reports problems as JSON.
///
/// ``why`` is rendered when the error is written, not when it is built, so `--redact` (the task's
/// ``Redaction/detail``) decides whether an id or a cell's text appears.
struct CLIError: Error, Sendable {
  /// What went wrong, as a stable code for scripts and the JSON problem form.
  enum Code: String, Sendable, CaseIterable {
    // The command line (exit status 64).
    case unknownSubcommand
    case unknownOption
    case missingValue
    case unexpectedValue
    case invalidValue
    case missingArgument
    case unexpectedArgument
    case missingOption
    case conflictingOptions
    case repeatedOption
    /// An option that is well-formed but cannot be used as given (e.g. '--min' above '--max').
    case optionMisuse
    /// `--output` names one of the input files.
    case outputIsInput
    // Files and data.
    /// A file cannot be opened or read (66).
    case unreadableFile
    /// A response table's header or format makes the whole file unusable (66).
    case unreadableTable
    /// A definition, case file or other structured input is invalid (65).
    case invalidDefinition
    /// One record (row, client, series, log entry) is invalid and left out; the run goes on.
    case invalidRecord
    /// A statistic cannot be computed for the data (reported beside the others).
    case notComputed
    /// The output file cannot be created (73).
    case cannotCreateOutput
    /// Writing the results failed (74).
    case writeFailed
    /// A fault in `bapas` itself (70).
    case internalError
    /// A condition worth knowing that leaves the exit status alone (severity warning).
    case caution
  }

  /// Where the problem is. Every field is optional; the renderer writes the ones a reader's tools
  /// parse (file, line, column, byte offset, SPSS case and variable, JSON path) as the message's
  /// prefix, and the JSON form carries all of them.
  struct Location: Sendable, Equatable {
    /// The file (or `-` for standard input).
    var file: String?
    /// 1-based physical line (CSV), or log entry.
    var line: Int?
    /// 1-based character column on ``line``.
    var column: Int?
    /// Byte offset into a binary file (a corrupt SPSS file).
    var byteOffset: Int?
    /// 1-based case number in an SPSS file.
    var caseNumber: Int?
    /// 1-based variable position in an SPSS file.
    var variable: Int?
    /// The JSON path of the offending value (`$.clients[3].answers`).
    var jsonPath: String?
    /// The option the problem is about, without the leading dashes.
    var option: String?
    /// The item, scale or other named thing the problem is about (vocabulary, never a data value).
    var item: String?
    /// The header name of the column the problem is in.
    var columnName: String?
    /// The 1-based field number on the line.
    var field: Int?

    init(
      file: String? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, caseNumber: Int? = nil,
      variable: Int? = nil, jsonPath: String? = nil, option: String? = nil, item: String? = nil,
      columnName: String? = nil, field: Int? = nil
    ) {
      self.columnName = columnName
      self.file = file
      self.line = line
      self.column = column
      self.byteOffset = byteOffset
      self.caseNumber = caseNumber
      self.variable = variable
      self.jsonPath = jsonPath
      self.option = option
      self.item = item
      self.field = field
    }
  }

  /// How bad: an error, or a warning that leaves the run's status alone.
  enum Severity: String, Sendable {
    case error
    case warning
  }

  /// The text of ``why``, produced when rendered (under the renderer's ``Redaction/detail``).
  struct Message: Sendable {
    let text: @Sendable () -> String
    init(_ text: @escaping @Sendable () -> String) { self.text = text }
  }

  var code: Code
  var status: BapasExitStatus
  var location: Location
  var severity: Severity = .error
  /// Why: a sentence (or more) without the location prefix.
  var why: Message
  /// The nearest valid name, from ``didYouMean(_:among:)``.
  var suggestion: String?
  /// Whether ``why`` already says "Did you mean" (a library description that carries its own
  /// suggestion); the renderer then does not add it a second time.
  var suggestionInWhy = false
  /// For a command-line mistake: the subcommand's usage line and name (the renderer adds them).
  var usage: (line: String, command: String)?
  /// The data value the problem is about (a cell's text, an id), shown only at full detail.
  var value: String?

  /// An error at `location` with the code's usual exit status unless `status` is given; `why` is
  /// rendered when the error is written.
  init(
    _ code: Code, status: BapasExitStatus? = nil, _ location: Location = .init(), severity: Severity = .error,
    suggestion: String? = nil, value: String? = nil, why: @autoclosure @escaping @Sendable () -> String
  ) {
    self.code = code
    self.status = status ?? code.defaultStatus
    self.location = location
    self.severity = severity
    self.suggestion = suggestion
    self.value = value
    self.why = Message(why)
  }

  /// The text of ``why`` at the detail in force.
  var whyText: String { why.text() }
}

// MARK: - Usage errors

extension CLIError {
  /// A mistake on the command line of `spec` (exit status 64), with its usage line.
  init(_ error: UsageError, usage spec: CommandSpec?) {
    let facts = error.facts
    self.init(facts.code, status: .usage, facts.location, suggestion: facts.suggestion, why: error.reason)
    if let spec { usage = (spec.usageLine, spec.name) }
  }

  /// An unknown top-level subcommand, with the nearest subcommand by the one rule.
  static func unknownSubcommand(_ name: String, among names: [String]) -> CLIError {
    var e = CLIError(
      .unknownSubcommand, .init(item: name), suggestion: didYouMean(name, among: names),
      why: "Unknown subcommand \(quotedForMessage(name)).")
    e.usage = ("bapas <subcommand> [<options>]", "")
    return e
  }
}

extension CLIError.Code {
  /// The exit status the code ends a run with, unless the throw site says otherwise.
  var defaultStatus: BapasExitStatus {
    switch self {
    case .unknownSubcommand, .unknownOption, .missingValue, .unexpectedValue, .invalidValue, .missingArgument,
      .unexpectedArgument, .missingOption, .conflictingOptions, .repeatedOption, .optionMisuse, .outputIsInput:
      .usage
    case .unreadableFile, .unreadableTable: .unreadableInput
    case .invalidDefinition: .invalidDefinition
    case .invalidRecord, .notComputed: .someRowsRejected
    case .cannotCreateOutput: .cannotCreateOutput
    case .writeFailed: .ioError
    case .internalError: .software
    case .caution: .success
    }
  }
}

extension CLIError {
  /// A warning about `location` (the run's status is unchanged).
  static func warning(_ location: Location, _ why: @autoclosure @escaping @Sendable () -> String) -> CLIError {
    CLIError(.caution, location, severity: .warning, why: why())
  }

  // MARK: Common failures, in one wording each

  /// The results could not be written (disk full, closed pipe): exit status 74.
  static func writeFailed(_ what: String = "the results") -> CLIError {
    CLIError(.writeFailed, why: "writing \(what) failed (disk full or closed pipe?).")
  }

  /// A fault in `bapas` (exit status 70).
  static func internalError(_ why: String, file: String? = nil) -> CLIError {
    CLIError(.internalError, .init(file: file), why: why)
  }

  /// A file that cannot be opened or read.
  static func unreadable(_ error: FileOpenError) -> CLIError {
    CLIError(.unreadableFile, .init(file: error.path), why: "cannot read the file: \(error.reason).")
  }

  /// A file that cannot be read, for an error thrown while reading it.
  static func unreadable(_ path: String, _ error: any Error) -> CLIError {
    if let error = error as? FileOpenError { return unreadable(error) }
    let text = "\(error)"
    return CLIError(.unreadableFile, .init(file: path), why: "cannot read the file: \(text).")
  }
}

// MARK: - Library errors, converted with their location fields

extension CLIError {
  /// A response-table issue (CSV line and column; SPSS case and variable, or byte offset).
  init(_ issue: InputIssue, file: String, status: BapasExitStatus? = nil) {
    var location = Location(file: file, columnName: issue.columnName, field: issue.field)
    if issue.source == .systemFile {
      if case .corruptFile = issue.kind {
        location.byteOffset = issue.line
      } else if !issue.isFatal {
        location.caseNumber = issue.line
        location.variable = issue.column
      }
    } else {
      location.line = issue.line
      location.column = issue.column
    }
    let code: Code = issue.isFatal ? .unreadableTable : .invalidRecord
    self.init(code, status: status, location, value: issue.value, why: issue.description)
    if case .missingIDColumn = issue.kind, let near = issue.value {
      suggestion = near
      suggestionInWhy = true
    }
  }

  /// A JSON issue (a definition, a case file): the path is a location field, the text without it the reason.
  init(_ issue: JSONIssue, file: String?, code: Code = .invalidDefinition, status: BapasExitStatus? = nil) {
    let location = Location(file: file, jsonPath: issue.path)
    if case .unknownKey(let key, let suggestion) = issue.kind {
      self.init(code, status: status, location, suggestion: suggestion, why: "unknown key \(quotedForMessage(key)).")
      self.location.item = key
    } else {
      self.init(code, status: status, location, why: Self.dropping(issue.path + ": ", from: issue.description))
    }
  }

  /// A library error about the value at `path` in a JSON file, whose description starts with the path
  /// (case files, programme evaluations, risk answer sheets): the path becomes a location field.
  static func atJSONPath(
    _ code: Code, status: BapasExitStatus? = nil, file: String?, path: String,
    _ description: @autoclosure @escaping @Sendable () -> String
  ) -> CLIError {
    CLIError(code, status: status, .init(file: file, jsonPath: path), why: dropping(path + ": ", from: description()))
  }

  /// `text` without `prefix` (a library description that starts with the location it reports).
  static func dropping(_ prefix: String, from text: String) -> String {
    text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
  }
}

// MARK: - The renderer

/// Writes every ``CLIError``: one text form for stderr, one JSON form for problem lists.
enum CLIErrorRenderer {
  /// The location prefix editors and `grep` read: `file:line:column`, `file: byte N`,
  /// `file: case N, variable M`, `file:line` or `file`; empty without a file.
  static func prefix(_ l: CLIError.Location) -> String {
    guard let file = l.file else { return "" }
    if let line = l.line { return "\(file):\(line)" + (l.column.map { ":\($0)" } ?? "") + ": " }
    if let byte = l.byteOffset { return "\(file): byte \(byte): " }
    if let c = l.caseNumber { return "\(file): case \(c)" + (l.variable.map { ", variable \($0)" } ?? "") + ": " }
    return "\(file): "
  }

  /// The reason with the suggestion (once).
  static func sentence(_ e: CLIError) -> String {
    var text = e.whyText
    if let s = e.suggestion, !e.suggestionInWhy { text += " Did you mean \(quotedForMessage(s))?" }
    return text
  }

  /// The message line(s) for stderr, ending in a line break:
  /// - a command-line mistake: `Error: why Did you mean '…'?`, then `Usage: …` and where to find help;
  /// - otherwise `file:line:column: error: $.json.path: why` (the parts that apply).
  static func text(_ e: CLIError) -> String {
    if let usage = e.usage {
      if usage.command.isEmpty {
        return "Error: \(sentence(e))\nUsage: \(usage.line); see 'bapas --help'.\n"
      }
      return
        "Error: \(sentence(e))\nUsage: \(usage.line)\n  See 'bapas \(usage.command) --help' for more information.\n"
    }
    let path = e.location.jsonPath.map { "\($0): " } ?? ""
    return "\(prefix(e.location))\(e.severity.rawValue): \(path)\(sentence(e))\n"
  }

  /// The text form without its line break (for problem lists that hold strings).
  static func line(_ e: CLIError) -> String {
    var t = text(e)
    if t.hasSuffix("\n") { t.removeLast() }
    return t
  }

  /// The JSON problem form: the fields that apply, in this order (`value` only at full detail).
  /// `message` is what stderr prints after `error: ` (the JSON path, the reason, the suggestion);
  /// file, line, column and the rest are fields of their own.
  struct Problem: Encodable, Sendable, Equatable {
    var code: String
    var severity: String
    var status: Int
    var file: String?
    var line: Int?
    var column: Int?
    var byteOffset: Int?
    var `case`: Int?
    var variable: Int?
    var jsonPath: String?
    var option: String?
    var field: Int?
    var columnName: String?
    var item: String?
    var value: String?
    var message: String
    var suggestion: String?
  }

  /// The JSON problem form of `e`, rendered at the detail in force.
  static func problem(_ e: CLIError) -> Problem {
    let l = e.location
    return Problem(
      code: e.code.rawValue, severity: e.severity.rawValue, status: Int(e.status.rawValue), file: l.file, line: l.line,
      column: l.column, byteOffset: l.byteOffset, case: l.caseNumber, variable: l.variable, jsonPath: l.jsonPath,
      option: l.option, field: l.field, columnName: l.columnName, item: l.item, value: Redaction.value(e.value),
      message: (l.jsonPath.map { "\($0): " } ?? "") + sentence(e), suggestion: e.suggestion)
  }

  /// ``problem(_:)`` as one line of JSON.
  static func json(_ e: CLIError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(problem(e)) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}

extension CommandIO {
  /// Writes `error` to stderr through the one renderer.
  func report(_ error: CLIError) { stderr.write(CLIErrorRenderer.text(error)) }
}
