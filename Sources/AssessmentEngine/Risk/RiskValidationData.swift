import _SDKSupport

/// Follow-up data for local validation: one score and outcome per person, plus any grouping columns.
///
/// CSV form (``parseCSV(_:)``): a header `score,outcome[,group…]` then one row per person, e.g.
/// ```
/// score,outcome,gender,ageBand
/// 14,1,male,18-25
/// 6,0,female,26-40
/// ```
/// RFC 4180 CSV (quotes, any line ends, a byte-order mark); outcomes are `1`/`0`, `true`/`false` or `yes`/`no`.
public struct RiskValidationData: Sendable, Hashable, Codable {
  /// One score per person.
  public var scores: [Double]
  /// One outcome per person.
  public var outcomes: [Bool]
  /// Grouping column name → one value per person.
  public var groups: [String: [String]]
  /// The grouping column names in file order.
  public var groupColumns: [String]

  /// Creates a data set.
  public init(scores: [Double], outcomes: [Bool], groups: [String: [String]] = [:], groupColumns: [String] = []) {
    self.scores = scores
    self.outcomes = outcomes
    self.groups = groups
    self.groupColumns = groupColumns
  }

  /// Parses `score,outcome[,group…]` CSV text, reporting every bad row.
  ///
  /// The text is read as RFC 4180 CSV by the package's one tokenizer: quoted fields (with `,` or line
  /// breaks inside), LF, CR LF, CR-only and LF CR line ends, and a UTF-8 byte-order mark all work.
  /// Unquoted fields are trimmed of surrounding white space; blank lines are skipped.
  ///
  /// - Throws: ``RiskValidationCSVError`` listing each problem with its line (1 = header), column
  ///   name and column number.
  /// - Complexity: O(*N*) in the text length.
  public static func parseCSV(_ text: String) throws(RiskValidationCSVError) -> RiskValidationData {
    let read = readCSV(Array(text.utf8))
    let problems = read.headerProblems + read.rowProblems
    guard problems.isEmpty else { throw RiskValidationCSVError(problems: problems) }
    return read.data
  }

  /// The rows that can be read, and every problem: header problems (nothing is read then) and row
  /// problems (the row is left out, the others kept). `package`: `bapas validate-risk` reports the
  /// bad rows and analyses the rest.
  /// With a decimal-comma `dialect` the score reads `12,5` and rejects `12.5` (a point is then
  /// ambiguous), and the delimiter is the dialect's or detected among `;`, tab and `|`.
  package static func readCSV(
    _ bytes: [UInt8], dialect: CSVDialect = CSVDialect(delimiter: UInt8(ascii: ","))
  ) -> (
    data: RiskValidationData, headerProblems: [RiskValidationCSVError.Problem],
    rowProblems: [RiskValidationCSVError.Problem]
  ) {
    let document = CSVDocument(bytes, delimiter: dialect.resolvedDelimiter(inFile: bytes))
    let records = document.records.filter { r in
      !(r.problem == nil && r.fields.allSatisfy { !$0.quoted && $0.text.allSatisfy(\.isWhitespace) })
    }
    var empty = RiskValidationData(scores: [], outcomes: [])
    if let mark = document.foreignByteOrderMark {
      return (
        empty,
        [
          .init(
            row: 1, column: nil, value: "", why: "the file is \(mark), not UTF-8; save it as UTF-8 (e.g. 'CSV UTF-8')",
            columnNumber: 1)
        ], []
      )
    }
    guard let headerRecord = records.first else {
      return (
        empty,
        [.init(row: 1, column: nil, value: "", why: "the header 'score,outcome[,group…]' is missing", columnNumber: 1)],
        []
      )
    }
    let header = headerRecord.fields.map { $0.quoted ? $0.text : $0.text.trimmedSpaces }
    let headerText = header.joined(separator: ",")
    if header.count < 2 || header[0].lowercased() != "score" || header[1].lowercased() != "outcome" {
      var why = "the header must begin with 'score,outcome'"
      if header.count == 1, !dialect.decimalComma,
        let separator = [";", "\t", "|"].first(where: { header[0].contains($0) })
      {
        why +=
          "; the fields seem to be separated by \(separator == "\t" ? "tabs" : "'\(separator)'"), save the file with commas"
      }
      return (empty, [.init(row: headerRecord.line, column: nil, value: headerText, why: why, columnNumber: 1)], [])
    }
    var headerProblems: [RiskValidationCSVError.Problem] = []
    var firstColumn: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      if name.isEmpty {
        headerProblems.append(
          .init(
            row: headerRecord.line, column: nil, value: "", why: "column \(i + 1) of the header has no name",
            columnNumber: headerRecord.fields[i].column))
      } else if let first = firstColumn[name] {
        headerProblems.append(
          .init(
            row: headerRecord.line, column: name, value: name,
            why:
              "the column name appears twice in the header (fields \(first + 1) and \(i + 1)); each grouping column needs its own name",
            columnNumber: headerRecord.fields[i].column))
      } else {
        firstColumn[name] = i
      }
    }
    if headerRecord.problem != nil {
      headerProblems.append(
        .init(
          row: headerRecord.line, column: nil, value: headerText,
          why: "the header has an unterminated quote or text after a closing quote", columnNumber: 1))
    }
    guard headerProblems.isEmpty else { return (empty, headerProblems, []) }
    let groupColumns = Array(header.dropFirst(2))
    empty.groupColumns = groupColumns
    var data = empty
    var problems: [RiskValidationCSVError.Problem] = []
    for record in records.dropFirst() {
      let row = record.line
      let f = record.fields.map { $0.quoted ? $0.text : $0.text.trimmedSpaces }
      if let problem = record.problem {
        let field = Swift.max(0, Swift.min(problem.field, f.count) - 1)
        let why =
          problem.kind == .unterminatedQuote
          ? "a quoted field is not closed before the end of the file" : "text follows the closing quote of a field"
        problems.append(
          .init(
            row: row, column: field < header.count ? header[field] : nil, value: f.isEmpty ? "" : f[field], why: why,
            columnNumber: record.fields[field].column))
        continue
      }
      guard f.count == header.count else {
        let at = f.count > header.count ? record.fields[header.count].column : 1
        problems.append(
          .init(
            row: row, column: nil, value: f.joined(separator: ","),
            why: "expected \(header.count) fields, found \(f.count)", columnNumber: at))
        continue
      }
      let score = dialect.number(f[0])
      var bad = false
      if score == nil || !(score?.isFinite ?? false) {
        let why =
          dialect.decimalComma
          ? "the score is not a finite number written with a decimal comma (e.g. 12,5)"
          : "the score is not a finite number"
        problems.append(
          .init(row: row, column: header[0], value: f[0], why: why, columnNumber: record.fields[0].column))
        bad = true
      }
      let outcome: Bool? =
        switch f[1].lowercased() {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
      if outcome == nil {
        problems.append(
          .init(
            row: row, column: header[1], value: f[1], why: "the outcome must be 1/0, true/false or yes/no",
            columnNumber: record.fields[1].column))
        bad = true
      }
      if !bad, let score, let outcome {
        data.scores.append(score)
        data.outcomes.append(outcome)
        for (k, name) in groupColumns.enumerated() { data.groups[name, default: []].append(f[k + 2]) }
      }
    }
    return (data, [], problems)
  }
}

extension String {
  fileprivate var trimmedSpaces: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// Every problem found in a validation CSV text.
public struct RiskValidationCSVError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// One problem: where (row, 1 = header; column name) and why.
  public struct Problem: Sendable, Hashable, Codable {
    /// The 1-based row (the header is row 1).
    public var row: Int
    /// The column name, when the problem is in one field.
    public var column: String?
    /// The offending text.
    public var value: String
    /// Why it is wrong.
    public var why: String
    /// The 1-based byte column on the line where the offending field starts, when known.
    public var columnNumber: Int?

    /// Creates a problem.
    public init(row: Int, column: String?, value: String, why: String, columnNumber: Int? = nil) {
      self.row = row
      self.column = column
      self.value = value
      self.why = why
      self.columnNumber = columnNumber
    }
  }

  /// The problems, in row order.
  public var problems: [Problem]

  /// Creates an error.
  public init(problems: [Problem]) { self.problems = problems }

  /// One line per problem.
  public var description: String {
    (["The validation data cannot be read:"]
      + problems.map { p in
        "- line \(p.row)" + (p.column.map { ", column \(quotedForMessage($0))" } ?? "")
          + ": \(p.why) (\(Redaction.quote(p.value)))."
      }).joined(separator: "\n")
  }
}
