/// Follow-up data for local validation: one score and outcome per person, plus any grouping columns.
///
/// CSV form (``parseCSV(_:)``): a header `score,outcome[,group…]` then one row per person, e.g.
/// ```
/// score,outcome,gender,ageBand
/// 14,1,male,18-25
/// 6,0,female,26-40
/// ```
/// Plain comma-separated values without quoting; outcomes are `1`/`0`, `true`/`false` or `yes`/`no`.
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
  /// - Throws: ``RiskValidationCSVError`` listing each problem with its row (1 = header) and column.
  /// - Complexity: O(*N*) in the text length.
  public static func parseCSV(_ text: String) throws(RiskValidationCSVError) -> RiskValidationData {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
      .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
    var problems: [RiskValidationCSVError.Problem] = []
    guard let headerLine = lines.first, !headerLine.allSatisfy(\.isWhitespace) else {
      throw RiskValidationCSVError(problems: [.init(row: 1, column: nil, value: "", why: "the header 'score,outcome[,group…]' is missing")])
    }
    let header = fields(headerLine)
    if header.count < 2 || header[0].lowercased() != "score" || header[1].lowercased() != "outcome" {
      problems.append(.init(row: 1, column: nil, value: headerLine, why: "the header must begin with 'score,outcome'"))
    }
    let groupColumns = Array(header.dropFirst(2))
    var data = RiskValidationData(scores: [], outcomes: [], groups: [:], groupColumns: groupColumns)
    for (i, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
      let row = i + 1
      let f = fields(line)
      guard f.count == header.count else {
        problems.append(.init(row: row, column: nil, value: line, why: "expected \(header.count) fields, found \(f.count)"))
        continue
      }
      let score = Double(f[0])
      if score == nil || !(score?.isFinite ?? false) {
        problems.append(.init(row: row, column: "score", value: f[0], why: "the score is not a finite number"))
      }
      let outcome: Bool? = switch f[1].lowercased() {
      case "1", "true", "yes": true
      case "0", "false", "no": false
      default: nil
      }
      if outcome == nil { problems.append(.init(row: row, column: "outcome", value: f[1], why: "the outcome must be 1/0, true/false or yes/no")) }
      if let score, let outcome, score.isFinite {
        data.scores.append(score)
        data.outcomes.append(outcome)
        for (k, name) in groupColumns.enumerated() { data.groups[name, default: []].append(f[k + 2]) }
      }
    }
    guard problems.isEmpty else { throw RiskValidationCSVError(problems: problems) }
    return data
  }

  private static func fields(_ line: String) -> [String] {
    line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmedSpaces }
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

    /// Creates a problem.
    public init(row: Int, column: String?, value: String, why: String) {
      self.row = row
      self.column = column
      self.value = value
      self.why = why
    }
  }

  /// The problems, in row order.
  public var problems: [Problem]

  /// Creates an error.
  public init(problems: [Problem]) { self.problems = problems }

  /// One line per problem.
  public var description: String {
    (["The validation data cannot be read:"] + problems.map { p in
      "- row \(p.row)" + (p.column.map { ", column '\($0)'" } ?? "") + ": \(p.why) (\(Redaction.quote(p.value)))."
    }).joined(separator: "\n")
  }
}
