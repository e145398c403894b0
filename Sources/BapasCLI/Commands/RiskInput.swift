import AssessmentEngine
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One client's answer sheet as read from a `bapas risk` input file.
struct RiskSheet {
  var client: String
  var population: ClientPopulation
  var responsivity: [ResponsivityFactor]
  var answers: [String: RiskAnswer]
  /// Where the record is: a 1-based line (CSV) or a JSON path.
  var location: RiskInputLocation
  /// Column of each field by item id or reserved column name (CSV only).
  var columns: [String: Int]
}

/// The problems that make a whole input file unusable, or one record's problems.
struct RiskInputFailure: Error {
  var issues: [RiskInputIssue]
  init(_ issues: [RiskInputIssue]) { self.issues = issues }
}

/// Where a problem is in the input file.
enum RiskInputLocation: Equatable {
  case line(Int, column: Int)
  case path(String)
}

/// One problem with the input: where it is, the facts of what is wrong (``Reason``) and a "did you
/// mean". It carries no finished text: ``error(file:code:)`` hands the facts to ``CLIError``, whose
/// renderer writes the sentence when the error is printed, so `--redact` (the run's
/// ``Redaction/detail``) decides whether a client id, a cell's text or a JSON value appears, and the
/// value travels apart as ``CLIError/value``.
struct RiskInputIssue: Equatable, Sendable {
  var location: RiskInputLocation
  var reason: Reason
  /// The nearest valid name, for a name that is not one (the one "did you mean" rule).
  var suggestion: String? = nil

  /// What is wrong, with the values it is about. Names of the instrument's vocabulary (items,
  /// reserved columns, JSON keys) are shown at every detail; data (ids, cells, JSON values, and a
  /// header text that is no known name — in a file without a header it is a client's row) only at
  /// full detail.
  enum Reason: Equatable, Sendable {
    // The whole file (CSV).
    case notUTF8(encoding: String)
    case headerMissing
    case headerUnterminatedQuote
    /// The first header name; `isKnownName` when it is vocabulary (an item or reserved column).
    case firstColumnNotClient(found: String, isKnownName: Bool)
    case repeatedColumn(name: String, firstColumn: Int, isKnownName: Bool)
    case unknownColumn(name: String, instrument: String)
    // One row (CSV).
    case unterminatedQuote
    case textAfterClosingQuote(field: Int)
    case fieldCount(expected: Int, found: Int)
    case emptyClientID
    /// A population or responsivity cell that is not one of `expected`.
    case invalidCell(column: String, cell: String, expected: String)
    case countNotWhole(item: String, cell: String)
    /// The age group contradicts the age in years (CSV and JSON).
    case populationConflict(AgeGroup, age: Int)
    /// `first` says where the first record is: `on line 3` (CSV) or `at $.clients[0]` (JSON).
    case repeatedClient(String, first: String)
    // JSON.
    case invalidJSON(JSONSyntaxError)
    case notAClientList(found: JSONValue?)
    case recordNotObject(found: JSONValue)
    case unknownRecordKey
    case clientIDRequired
    /// A population field or the responsivity list with a value of the wrong kind.
    case unexpectedValue(expected: String, found: JSONValue)
    case notAResponsivityFactor
    case unknownItem(String, instrument: String)
    case wrongAnswer(item: String, expected: String, found: JSONValue)
    case answersRequired
    // Scoring a sheet that was read.
    case notScored(client: String, RiskScoringProblem)
    case noPlan(client: String, SupervisionPlanError)

    /// The sentence, rendered at the detail in force (call it when writing, not when finding).
    var text: String {
      switch self {
      case .notUTF8(let encoding):
        "the file is \(encoding), not UTF-8; save it as UTF-8 (e.g. 'CSV UTF-8') and try again."
      case .headerMissing: "the header 'client,<item>,…' is missing."
      case .headerUnterminatedQuote: "the header has an unterminated quote."
      case .firstColumnNotClient(let found, let isKnownName):
        "the first column must be 'client' (the client's id), not \(Self.name(found, isKnownName))"
          + (found.lowercased() == "client" ? " (header names are matched exactly, case included)." : ".")
      case .repeatedColumn(let name, let first, let isKnownName):
        "column \(Self.name(name, isKnownName)) appears twice (first at column \(first))."
      case .unknownColumn(let name, let instrument):
        "column \(Redaction.quote(name)) is neither an item of instrument '\(instrument)' nor one of \(RiskInput.reservedColumns.joined(separator: ", "))."
      case .unterminatedQuote: "the row has an unterminated quote; the row is left out."
      case .textAfterClosingQuote(let field): "text follows the closing quote of field \(field); the row is left out."
      case .fieldCount(let expected, let found):
        "expected \(expected) fields as in the header, found \(found); the row is left out."
      case .emptyClientID: "the client id is empty."
      case .invalidCell(let column, let cell, let expected):
        "column '\(column)': \(Redaction.quote(cell)) is not \(expected)."
      case .countNotWhole(let item, let cell):
        "item '\(item)' takes a whole-number count, not \(Redaction.quote(cell))."
      case .populationConflict(let group, let age):
        switch group {
        case .child:
          "ageGroup 'child' contradicts age \(Redaction.bare(String(age))): a child (anak, UU 11/2012 Pasal 1) is under 18, and the child cut-off table would be used. Correct one of them; the row is left out."
        case .adult:
          "ageGroup 'adult' contradicts age \(Redaction.bare(String(age))): under 18 is a child (anak, UU 11/2012 Pasal 1), and the adult cut-off table would be used. Correct one of them; the row is left out."
        }
      case .repeatedClient(let client, let first): "client \(Redaction.quote(client)) appears twice (first \(first))."
      case .invalidJSON(let error):
        error.kind == .duplicateKey ? "\(error.description)." : "the file is not valid JSON (\(error.description))."
      case .notAClientList(let found):
        "expected {\"clients\": [ … ]} or an array of client records"
          + (found.map { ", not \($0.kindDescription)." } ?? ".")
      case .recordNotObject(let found): "a client record must be an object, not \(found.kindDescription)."
      case .unknownRecordKey: "unknown key; a record has client, gender, ageGroup, age, responsivity and answers."
      case .clientIDRequired: "a non-empty client id (string) is required."
      case .unexpectedValue(let expected, let found): "expected \(expected), found \(found.kindDescription)."
      case .notAResponsivityFactor:
        "not a responsivity factor (\(ResponsivityFactor.allCases.map(\.rawValue).joined(separator: ", ")))."
      case .unknownItem(let item, let instrument): "'\(item)' is not an item of instrument '\(instrument)'."
      case .wrongAnswer(let item, let expected, let found):
        "item '\(item)' takes \(expected), found \(found.kindDescription)."
      case .answersRequired: "an object of item → answer is required."
      case .notScored(let client, let problem): "client \(Redaction.quote(client)): \(problem.description)"
      case .noPlan(let client, let error): "client \(Redaction.quote(client)): \(error.description)"
      }
    }

    /// The data value the problem is about, shown only at full detail (``CLIError/value``).
    var value: String? {
      switch self {
      case .firstColumnNotClient(let found, let isKnownName): isKnownName ? nil : found
      case .repeatedColumn(let name, _, let isKnownName): isKnownName ? nil : name
      case .unknownColumn(let name, _): name
      case .invalidCell(_, let cell, _), .countNotWhole(_, let cell): cell
      case .populationConflict(_, let age): String(age)
      case .repeatedClient(let client, _), .notScored(let client, _), .noPlan(let client, _): client
      case .notAClientList(let found?), .recordNotObject(let found), .unexpectedValue(_, let found),
        .wrongAnswer(_, _, let found):
        found.dataText
      default: nil
      }
    }

    /// A header name: vocabulary as it is, anything else as data.
    static func name(_ text: String, _ isKnownName: Bool) -> String {
      isKnownName ? quotedForMessage(text) : Redaction.quote(text)
    }
  }

  /// (line, column) for CSV; (record index, 0) for JSON paths such as `$.clients[3].answers.x`.
  var sortKey: (Int, Int) {
    switch location {
    case .line(let line, let column): return (line, column)
    case .path(let path):
      guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
        let index = Int(path[path.index(after: open)..<close])
      else { return (-1, 0) }
      return (index, 0)
    }
  }

  /// The issue as the command line reports it, with its location fields; the sentence is rendered
  /// when the error is written.
  func error(file: String, code: CLIError.Code = .invalidRecord) -> CLIError {
    let place: CLIError.Location =
      switch location {
      case .line(let line, let column): .init(file: file, line: line, column: column)
      case .path(let path): .init(file: file, jsonPath: path)
      }
    let reason = reason
    return CLIError(code, place, suggestion: suggestion, value: reason.value, why: reason.text)
  }
}

/// The answer sheets read from a file, with the records that could not be read.
struct RiskInput {
  var sheets: [RiskSheet] = []
  var issues: [RiskInputIssue] = []
  var recordsRead = 0

  /// The columns of a CSV input other than item ids.
  static let reservedColumns = ["client", "gender", "ageGroup", "age", "responsivity"]

  /// Reads CSV (`client,<item>…[,gender,ageGroup,age,responsivity]`) or JSON text.
  ///
  /// - Throws: the issues that make the whole file unusable (a bad header, malformed JSON).
  /// `dialect` gives the CSV delimiter (detected among `;`, tab and `|` with a decimal comma); the
  /// numeric cells (counts, age) are whole numbers in every dialect, so the decimal separator never
  /// applies to them.
  static func read(
    _ text: String, json: Bool, instrument: RiskInstrumentDefinition,
    dialect: CSVDialect = CSVDialect(delimiter: UInt8(ascii: ","))
  ) throws(RiskInputFailure) -> RiskInput {
    json ? try readJSON(text, instrument: instrument) : try readCSV(text, instrument: instrument, dialect: dialect)
  }

  // MARK: CSV

  static func readCSV(
    _ text: String, instrument: RiskInstrumentDefinition, dialect: CSVDialect = CSVDialect(delimiter: UInt8(ascii: ","))
  ) throws(RiskInputFailure) -> RiskInput {
    let bytes = Array(text.utf8)
    let document = CSVDocument(bytes, delimiter: dialect.resolvedDelimiter(inFile: bytes))
    // Records whose fields are all blank are blank lines (as before, and as R's read.csv).
    let records = document.records.filter { r in
      !(r.problem == nil && r.fields.allSatisfy { !$0.quoted && $0.text.allSatisfy(\.isWhitespace) })
    }
    if let mark = document.foreignByteOrderMark {
      throw RiskInputFailure([
        RiskInputIssue(location: .line(1, column: 1), reason: .notUTF8(encoding: "\(mark)"))
      ])
    }
    guard let headerRecord = records.first else {
      throw RiskInputFailure([
        RiskInputIssue(location: .line(1, column: 1), reason: .headerMissing)
      ])
    }
    if headerRecord.problem?.kind == .unterminatedQuote {
      throw RiskInputFailure([
        RiskInputIssue(location: .line(headerRecord.line, column: 1), reason: .headerUnterminatedQuote)
      ])
    }
    let header = headerRecord.fields.map {
      (text: $0.quoted ? $0.text : $0.text.trimmingWhitespace(), column: $0.column)
    }
    var headerIssues: [RiskInputIssue] = []
    let items = Dictionary(instrument.allItems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let known = instrument.allItems.map(\.id) + reservedColumns
    let knownNames = Set(known)
    if header.first?.text != "client" {
      let found = header.first?.text ?? ""
      headerIssues.append(
        RiskInputIssue(
          location: .line(headerRecord.line, column: 1),
          reason: .firstColumnNotClient(found: found, isKnownName: knownNames.contains(found))))
    }
    var knownByFolded: [String: String] = [:]
    for name in known where knownByFolded[name.lowercased()] == nil { knownByFolded[name.lowercased()] = name }
    var seen: [String: Int] = [:]
    for field in header {
      if let first = seen[field.text] {
        headerIssues.append(
          RiskInputIssue(
            location: .line(headerRecord.line, column: field.column),
            reason: .repeatedColumn(name: field.text, firstColumn: first, isKnownName: knownNames.contains(field.text)))
        )
        continue
      }
      seen[field.text] = field.column
      if !reservedColumns.contains(field.text) && items[field.text] == nil {
        headerIssues.append(
          RiskInputIssue(
            location: .line(headerRecord.line, column: field.column),
            reason: .unknownColumn(name: field.text, instrument: instrument.id),
            suggestion: headerIssues.count < 20 ? didYouMean(field.text, among: known) : nil))
      }
    }
    guard headerIssues.isEmpty else { throw RiskInputFailure(headerIssues) }

    var input = RiskInput()
    var clients: [String: Int] = [:]
    for record in records.dropFirst() {
      let lineNumber = record.line
      input.recordsRead += 1
      if let problem = record.problem {
        let column = record.fields[max(0, min(problem.field, record.fields.count) - 1)].column
        let reason: RiskInputIssue.Reason =
          problem.kind == .unterminatedQuote ? .unterminatedQuote : .textAfterClosingQuote(field: problem.field)
        input.issues.append(RiskInputIssue(location: .line(lineNumber, column: column), reason: reason))
        continue
      }
      let fields = record.fields.map { (text: $0.quoted ? $0.text : $0.text.trimmingWhitespace(), column: $0.column) }
      guard fields.count == header.count else {
        let column =
          fields.count > header.count
          ? fields[header.count].column : (fields.last.map { $0.column + $0.text.utf8.count } ?? 1)
        input.issues.append(
          RiskInputIssue(
            location: .line(lineNumber, column: column),
            reason: .fieldCount(expected: header.count, found: fields.count)))
        continue
      }
      var problems: [RiskInputIssue] = []
      var sheet = RiskSheet(
        client: fields[0].text, population: ClientPopulation(), responsivity: [], answers: [:],
        location: .line(lineNumber, column: 1), columns: [:])
      func problem(_ field: (text: String, column: Int), _ reason: RiskInputIssue.Reason) {
        problems.append(RiskInputIssue(location: .line(lineNumber, column: field.column), reason: reason))
      }
      for (name, field) in zip(header.map(\.text), fields) {
        sheet.columns[name] = field.column
        let cell = field.text
        switch name {
        case "client":
          if cell.isEmpty { problem(field, .emptyClientID) }
        case "gender":
          if !isMissing(cell) {
            if let g = Gender(rawValue: cell) {
              sheet.population.gender = g
            } else {
              problem(field, .invalidCell(column: "gender", cell: cell, expected: "'female' or 'male'"))
            }
          }
        case "ageGroup":
          if !isMissing(cell) {
            if let a = AgeGroup(rawValue: cell) {
              sheet.population.ageGroup = a
            } else {
              problem(field, .invalidCell(column: "ageGroup", cell: cell, expected: "'child' or 'adult'"))
            }
          }
        case "age":
          if !isMissing(cell) {
            if let n = Int(cell), n >= 0, n < 150 {
              sheet.population.ageYears = n
            } else {
              problem(field, .invalidCell(column: "age", cell: cell, expected: "an age in whole years"))
            }
          }
        case "responsivity":
          for raw in cell.split(separator: ";").map({ String($0).trimmingWhitespace() }) where !raw.isEmpty {
            if let f = ResponsivityFactor(rawValue: raw) {
              sheet.responsivity.append(f)
            } else {
              problem(
                field,
                .invalidCell(
                  column: "responsivity", cell: raw,
                  expected:
                    "a responsivity factor (\(ResponsivityFactor.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
          }
        default:
          guard let item = items[name], !isMissing(cell) else { continue }
          switch item.response {
          case .count:
            if let n = Int(cell) {
              sheet.answers[name] = .count(n)
            } else {
              problem(field, .countNotWhole(item: name, cell: cell))
            }
          case .choice:
            sheet.answers[name] = .choice(cell)
          }
        }
      }
      if let conflict = populationConflict(sheet.population) {
        let column = sheet.columns["ageGroup"] ?? sheet.columns["age"] ?? 1
        problems.append(RiskInputIssue(location: .line(lineNumber, column: column), reason: conflict))
      }
      if !sheet.client.isEmpty, let first = clients[sheet.client] {
        problem(fields[0], .repeatedClient(sheet.client, first: "on line \(first)"))
      }
      if problems.isEmpty {
        clients[sheet.client] = lineNumber
        input.sheets.append(sheet)
      } else {
        input.issues += problems
      }
    }
    return input
  }

  /// A contradiction between the age group and the age in years, which would pick the wrong cut-off
  /// table: a child (*anak*) is under 18 (UU 11/2012 on the juvenile justice system, Pasal 1).
  static func populationConflict(_ population: ClientPopulation) -> RiskInputIssue.Reason? {
    guard let group = population.ageGroup, let age = population.ageYears else { return nil }
    switch group {
    case .child where age >= 18, .adult where age < 18: return .populationConflict(group, age: age)
    default: return nil
    }
  }

  static func isMissing(_ cell: String) -> Bool { cell.isEmpty || cell == "NA" }

  // MARK: JSON

  static func readJSON(_ text: String, instrument: RiskInstrumentDefinition) throws(RiskInputFailure) -> RiskInput {
    let value: JSONValue
    do { value = try JSONValue.read(Array(text.utf8)) } catch {
      throw RiskInputFailure([
        RiskInputIssue(location: .path(error.kind == .duplicateKey ? error.path : "$"), reason: .invalidJSON(error))
      ])
    }
    let records: [JSONValue]
    let base: String
    switch value {
    case .array(let a):
      records = a
      base = "$"
    case .object(let o):
      guard case .array(let a)? = o["clients"], o.count == 1 else {
        throw RiskInputFailure([
          RiskInputIssue(location: .path("$"), reason: .notAClientList(found: nil))
        ])
      }
      records = a
      base = "$.clients"
    default:
      throw RiskInputFailure([
        RiskInputIssue(location: .path("$"), reason: .notAClientList(found: value))
      ])
    }
    let items = Dictionary(instrument.allItems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var input = RiskInput()
    var clients: [String: String] = [:]
    for (i, record) in records.enumerated() {
      let path = "\(base)[\(i)]"
      input.recordsRead += 1
      var problems: [RiskInputIssue] = []
      func problem(_ p: String, _ r: RiskInputIssue.Reason) {
        problems.append(RiskInputIssue(location: .path(p), reason: r))
      }
      guard case .object(let o) = record else {
        input.issues.append(
          RiskInputIssue(location: .path(path), reason: .recordNotObject(found: record)))
        continue
      }
      var sheet = RiskSheet(
        client: "", population: ClientPopulation(), responsivity: [], answers: [:], location: .path(path), columns: [:])
      for key in o.keys.sorted() where !(reservedColumns + ["answers"]).contains(key) {
        problem("\(path).\(key)", .unknownRecordKey)
      }
      if case .string(let s)? = o["client"], !s.isEmpty {
        sheet.client = s
      } else {
        problem("\(path).client", .clientIDRequired)
      }
      switch o["gender"] {
      case nil, .null?: break
      case .string(let s)? where Gender(rawValue: s) != nil: sheet.population.gender = Gender(rawValue: s)
      case let other?: problem("\(path).gender", .unexpectedValue(expected: "\"female\" or \"male\"", found: other))
      }
      switch o["ageGroup"] {
      case nil, .null?: break
      case .string(let s)? where AgeGroup(rawValue: s) != nil: sheet.population.ageGroup = AgeGroup(rawValue: s)
      case let other?: problem("\(path).ageGroup", .unexpectedValue(expected: "\"child\" or \"adult\"", found: other))
      }
      switch o["age"] {
      case nil, .null?: break
      case .number(let n)? where n >= 0 && n < 150 && n == n.rounded(): sheet.population.ageYears = Int(n)
      case let other?: problem("\(path).age", .unexpectedValue(expected: "an age in whole years", found: other))
      }
      switch o["responsivity"] {
      case nil, .null?: break
      case .array(let a)?:
        for (k, v) in a.enumerated() {
          if case .string(let s) = v, let f = ResponsivityFactor(rawValue: s) {
            sheet.responsivity.append(f)
          } else {
            problem("\(path).responsivity[\(k)]", .notAResponsivityFactor)
          }
        }
      case let other?:
        problem("\(path).responsivity", .unexpectedValue(expected: "an array of factor names", found: other))
      }
      if case .object(let answers)? = o["answers"] {
        for (item, v) in answers.sorted(by: { $0.key < $1.key }) {
          let p = "\(path).answers.\(item)"
          guard let definition = items[item] else {
            problem(p, .unknownItem(item, instrument: instrument.id))
            continue
          }
          switch (definition.response, v) {
          case (_, .null): sheet.answers[item] = .unanswered
          case (.count, .number(let n)) where n == n.rounded() && abs(n) < 1e9: sheet.answers[item] = .count(Int(n))
          case (.choice, .string(let s)): sheet.answers[item] = .choice(s)
          // A graded choice such as "2" is naturally written as 2; the answer table decides whether it exists.
          case (.choice, .number(let n)) where n == n.rounded() && abs(n) < 1e9:
            sheet.answers[item] = .choice(String(Int(n)))
          case (.count, _): problem(p, .wrongAnswer(item: item, expected: "a whole-number count", found: v))
          case (.choice, _):
            problem(p, .wrongAnswer(item: item, expected: "one of its answers as a string", found: v))
          }
        }
      } else {
        problem("\(path).answers", .answersRequired)
      }
      if let conflict = populationConflict(sheet.population) { problem("\(path).ageGroup", conflict) }
      if !sheet.client.isEmpty, let first = clients[sheet.client] {
        problem("\(path).client", .repeatedClient(sheet.client, first: "at \(first)"))
      }
      if problems.isEmpty {
        clients[sheet.client] = path
        input.sheets.append(sheet)
      } else {
        input.issues += problems
      }
    }
    return input
  }
}

extension JSONValue {
  /// "a string", "a number" … for messages, rendered at the detail in force: a string's or a number's
  /// value is data (`the string <redacted>` under `--redact`).
  var kindDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "the number \(Redaction.bare(dataText ?? ""))"
    case .string(let s):
      "the string " + (Redaction.detail == .redacted ? Redaction.placeholder : "\"\(escapingControlCharacters(s))\"")
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The text of a string or number (the data a message quotes), `nil` for other kinds.
  var dataText: String? {
    switch self {
    case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    case .string(let s): s
    default: nil
    }
  }
}
