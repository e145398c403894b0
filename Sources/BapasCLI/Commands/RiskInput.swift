import AssessmentEngine

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

/// One problem with the input, reported as a ``CLIError`` (`file:line:column: error: …` for CSV,
/// `file: error: $.path: …` for JSON).
struct RiskInputIssue: Equatable {
  var location: RiskInputLocation
  var message: String
  /// The nearest valid name, for a name that is not one (the one "did you mean" rule).
  var suggestion: String? = nil

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

  /// The issue as the command line reports it, with its location fields.
  func error(file: String, code: CLIError.Code = .invalidRecord) -> CLIError {
    let place: CLIError.Location =
      switch location {
      case .line(let line, let column): .init(file: file, line: line, column: column)
      case .path(let path): .init(file: file, jsonPath: path)
      }
    let message = message
    return CLIError(code, place, suggestion: suggestion, why: message)
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
        RiskInputIssue(
          location: .line(1, column: 1),
          message: "the file is \(mark), not UTF-8; save it as UTF-8 (e.g. 'CSV UTF-8') and try again.")
      ])
    }
    guard let headerRecord = records.first else {
      throw RiskInputFailure([
        RiskInputIssue(location: .line(1, column: 1), message: "the header 'client,<item>,…' is missing.")
      ])
    }
    if headerRecord.problem?.kind == .unterminatedQuote {
      throw RiskInputFailure([
        RiskInputIssue(location: .line(headerRecord.line, column: 1), message: "the header has an unterminated quote.")
      ])
    }
    let header = headerRecord.fields.map {
      (text: $0.quoted ? $0.text : $0.text.trimmingWhitespace(), column: $0.column)
    }
    var headerIssues: [RiskInputIssue] = []
    if header.first?.text != "client" {
      let found = header.first?.text ?? ""
      let hint = found.lowercased() == "client" ? " (header names are matched exactly, case included)" : ""
      headerIssues.append(
        RiskInputIssue(
          location: .line(headerRecord.line, column: 1),
          message: "the first column must be 'client' (the client's id), not \(quotedForMessage(found))\(hint)."))
    }
    let items = Dictionary(instrument.allItems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let known = instrument.allItems.map(\.id) + reservedColumns
    var knownByFolded: [String: String] = [:]
    for name in known where knownByFolded[name.lowercased()] == nil { knownByFolded[name.lowercased()] = name }
    var seen: [String: Int] = [:]
    for field in header {
      if let first = seen[field.text] {
        headerIssues.append(
          RiskInputIssue(
            location: .line(headerRecord.line, column: field.column),
            message: "column \(quotedForMessage(field.text)) appears twice (first at column \(first))."))
        continue
      }
      seen[field.text] = field.column
      if !reservedColumns.contains(field.text) && items[field.text] == nil {
        headerIssues.append(
          RiskInputIssue(
            location: .line(headerRecord.line, column: field.column),
            message:
              "column \(quotedForMessage(field.text)) is neither an item of instrument '\(instrument.id)' nor one of \(reservedColumns.joined(separator: ", ")).",
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
        let message =
          problem.kind == .unterminatedQuote
          ? "the row has an unterminated quote; the row is left out."
          : "text follows the closing quote of field \(problem.field); the row is left out."
        input.issues.append(RiskInputIssue(location: .line(lineNumber, column: column), message: message))
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
            message: "expected \(header.count) fields as in the header, found \(fields.count); the row is left out."))
        continue
      }
      var problems: [RiskInputIssue] = []
      var sheet = RiskSheet(
        client: fields[0].text, population: ClientPopulation(), responsivity: [], answers: [:],
        location: .line(lineNumber, column: 1), columns: [:])
      func problem(_ field: (text: String, column: Int), _ message: String) {
        problems.append(RiskInputIssue(location: .line(lineNumber, column: field.column), message: message))
      }
      for (name, field) in zip(header.map(\.text), fields) {
        sheet.columns[name] = field.column
        let cell = field.text
        switch name {
        case "client":
          if cell.isEmpty { problem(field, "the client id is empty.") }
        case "gender":
          if !isMissing(cell) {
            if let g = Gender(rawValue: cell) {
              sheet.population.gender = g
            } else {
              problem(field, "column 'gender': \(Redaction.quote(cell)) is not 'female' or 'male'.")
            }
          }
        case "ageGroup":
          if !isMissing(cell) {
            if let a = AgeGroup(rawValue: cell) {
              sheet.population.ageGroup = a
            } else {
              problem(field, "column 'ageGroup': \(Redaction.quote(cell)) is not 'child' or 'adult'.")
            }
          }
        case "age":
          if !isMissing(cell) {
            if let n = Int(cell), n >= 0, n < 150 {
              sheet.population.ageYears = n
            } else {
              problem(field, "column 'age': \(Redaction.quote(cell)) is not an age in whole years.")
            }
          }
        case "responsivity":
          for raw in cell.split(separator: ";").map({ String($0).trimmingWhitespace() }) where !raw.isEmpty {
            if let f = ResponsivityFactor(rawValue: raw) {
              sheet.responsivity.append(f)
            } else {
              problem(
                field,
                "column 'responsivity': \(Redaction.quote(raw)) is not a responsivity factor (\(ResponsivityFactor.allCases.map(\.rawValue).joined(separator: ", ")))."
              )
            }
          }
        default:
          guard let item = items[name], !isMissing(cell) else { continue }
          switch item.response {
          case .count:
            if let n = Int(cell) {
              sheet.answers[name] = .count(n)
            } else {
              problem(field, "item '\(name)' takes a whole-number count, not \(Redaction.quote(cell)).")
            }
          case .choice:
            sheet.answers[name] = .choice(cell)
          }
        }
      }
      if let conflict = populationConflict(sheet.population) {
        let column = sheet.columns["ageGroup"] ?? sheet.columns["age"] ?? 1
        problems.append(RiskInputIssue(location: .line(lineNumber, column: column), message: conflict))
      }
      if !sheet.client.isEmpty, let first = clients[sheet.client] {
        problem(fields[0], "client \(Redaction.quote(sheet.client)) appears twice (first on line \(first)).")
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
  static func populationConflict(_ population: ClientPopulation) -> String? {
    guard let group = population.ageGroup, let age = population.ageYears else { return nil }
    switch group {
    case .child where age >= 18:
      return
        "ageGroup 'child' contradicts age \(age): a child (anak, UU 11/2012 Pasal 1) is under 18, and the child cut-off table would be used. Correct one of them; the row is left out."
    case .adult where age < 18:
      return
        "ageGroup 'adult' contradicts age \(age): under 18 is a child (anak, UU 11/2012 Pasal 1), and the adult cut-off table would be used. Correct one of them; the row is left out."
    default:
      return nil
    }
  }

  static func isMissing(_ cell: String) -> Bool { cell.isEmpty || cell == "NA" }

  // MARK: JSON

  static func readJSON(_ text: String, instrument: RiskInstrumentDefinition) throws(RiskInputFailure) -> RiskInput {
    let value: JSONValue
    do { value = try JSONText.parse(Array(text.utf8)) } catch {
      throw RiskInputFailure([
        RiskInputIssue(
          location: .path(error.path ?? "$"),
          message: error.path == nil ? "the file is not valid JSON (\(error.description))." : "\(error.description).")
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
          RiskInputIssue(location: .path("$"), message: "expected {\"clients\": [ … ]} or an array of client records.")
        ])
      }
      records = a
      base = "$.clients"
    default:
      throw RiskInputFailure([
        RiskInputIssue(
          location: .path("$"),
          message: "expected {\"clients\": [ … ]} or an array of client records, not \(value.kindDescription).")
      ])
    }
    let items = Dictionary(instrument.allItems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var input = RiskInput()
    var clients: [String: String] = [:]
    for (i, record) in records.enumerated() {
      let path = "\(base)[\(i)]"
      input.recordsRead += 1
      var problems: [RiskInputIssue] = []
      func problem(_ p: String, _ m: String) { problems.append(RiskInputIssue(location: .path(p), message: m)) }
      guard case .object(let o) = record else {
        input.issues.append(
          RiskInputIssue(
            location: .path(path), message: "a client record must be an object, not \(record.kindDescription)."))
        continue
      }
      var sheet = RiskSheet(
        client: "", population: ClientPopulation(), responsivity: [], answers: [:], location: .path(path), columns: [:])
      for key in o.keys.sorted() where !(reservedColumns + ["answers"]).contains(key) {
        problem("\(path).\(key)", "unknown key; a record has client, gender, ageGroup, age, responsivity and answers.")
      }
      if case .string(let s)? = o["client"], !s.isEmpty {
        sheet.client = s
      } else {
        problem("\(path).client", "a non-empty client id (string) is required.")
      }
      switch o["gender"] {
      case nil, .null?: break
      case .string(let s)? where Gender(rawValue: s) != nil: sheet.population.gender = Gender(rawValue: s)
      case let other?: problem("\(path).gender", "expected \"female\" or \"male\", found \(other.kindDescription).")
      }
      switch o["ageGroup"] {
      case nil, .null?: break
      case .string(let s)? where AgeGroup(rawValue: s) != nil: sheet.population.ageGroup = AgeGroup(rawValue: s)
      case let other?: problem("\(path).ageGroup", "expected \"child\" or \"adult\", found \(other.kindDescription).")
      }
      switch o["age"] {
      case nil, .null?: break
      case .number(let n)? where n >= 0 && n < 150 && n == n.rounded(): sheet.population.ageYears = Int(n)
      case let other?: problem("\(path).age", "expected an age in whole years, found \(other.kindDescription).")
      }
      switch o["responsivity"] {
      case nil, .null?: break
      case .array(let a)?:
        for (k, v) in a.enumerated() {
          if case .string(let s) = v, let f = ResponsivityFactor(rawValue: s) {
            sheet.responsivity.append(f)
          } else {
            problem(
              "\(path).responsivity[\(k)]",
              "not a responsivity factor (\(ResponsivityFactor.allCases.map(\.rawValue).joined(separator: ", "))).")
          }
        }
      case let other?:
        problem("\(path).responsivity", "expected an array of factor names, found \(other.kindDescription).")
      }
      if case .object(let answers)? = o["answers"] {
        for (item, v) in answers.sorted(by: { $0.key < $1.key }) {
          let p = "\(path).answers.\(item)"
          guard let definition = items[item] else {
            problem(p, "'\(item)' is not an item of instrument '\(instrument.id)'.")
            continue
          }
          switch (definition.response, v) {
          case (_, .null): sheet.answers[item] = .unanswered
          case (.count, .number(let n)) where n == n.rounded() && abs(n) < 1e9: sheet.answers[item] = .count(Int(n))
          case (.choice, .string(let s)): sheet.answers[item] = .choice(s)
          // A graded choice such as "2" is naturally written as 2; the answer table decides whether it exists.
          case (.choice, .number(let n)) where n == n.rounded() && abs(n) < 1e9:
            sheet.answers[item] = .choice(String(Int(n)))
          case (.count, _): problem(p, "item '\(item)' takes a whole-number count, found \(v.kindDescription).")
          case (.choice, _):
            problem(p, "item '\(item)' takes one of its answers as a string, found \(v.kindDescription).")
          }
        }
      } else {
        problem("\(path).answers", "an object of item → answer is required.")
      }
      if let conflict = populationConflict(sheet.population) { problem("\(path).ageGroup", conflict) }
      if !sheet.client.isEmpty, let first = clients[sheet.client] {
        problem("\(path).client", "client \(Redaction.quote(sheet.client)) appears twice (first at \(first)).")
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
  /// "a string", "a number" … for messages.
  var kindDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number(let n): "the number \(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n))"
    case .string(let s): "the string \"\(escapingControlCharacters(s))\""
    case .array: "an array"
    case .object: "an object"
    }
  }
}
