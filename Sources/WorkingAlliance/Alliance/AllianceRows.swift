import AssessmentEngine

/// One administration as read from a table: who, when, which form, and the scores.
public struct AllianceRow: Sendable, Hashable, Codable {
  /// The dyad (e.g. the client's register number).
  public var dyad: String
  /// The rater.
  public var rater: AllianceRater
  /// The observation.
  public var observation: AllianceObservation

  /// Creates a row.
  public init(dyad: String, rater: AllianceRater, observation: AllianceObservation) {
    self.dyad = dyad
    self.rater = rater
    self.observation = observation
  }

  /// Reads the descriptive cells of one administration.
  ///
  /// - Parameters:
  ///   - dyad: the cell of the dyad column.
  ///   - session: the cell of the session column.
  ///   - date: the date cell (`YYYY-MM-DD`), when there is a date column; an empty cell is no date.
  ///   - rater: the rater cell, when there is a rater column; else `defaultRater` applies.
  ///   - form: the form cell, when there is a form column; else `instrument`.
  ///   - defaultRater: the rater when there is no rater column.
  ///   - instrument: the form when there is no form column.
  ///   - line: the file line, for messages.
  ///   - columns: which columns the file has.
  ///   - scores: the administration's scores.
  /// - Throws: ``AllianceRowError`` naming the line, the column and the value.
  public init(
    dyad: String, session: String, date: String?, rater: String?, form: String?, defaultRater: AllianceRater,
    instrument: String, line: Int, columns: AllianceColumns, scores: AllianceScores
  ) throws(AllianceRowError) {
    let id = dyad.trimmingWhitespace()
    guard !id.isEmpty else { throw AllianceRowError(line: line, column: columns.dyad, value: dyad, kind: .emptyDyad) }
    guard let s = Int(session.trimmingWhitespace()) else {
      throw AllianceRowError(line: line, column: columns.session, value: session, kind: .invalidSession)
    }
    var day: CivilDate? = nil
    if let date, !date.trimmingWhitespace().isEmpty {
      guard let d = CivilDate(cell: date) else {
        throw AllianceRowError(line: line, column: columns.date ?? "", value: date, kind: .invalidDate)
      }
      day = d
    }
    var who = defaultRater
    if let rater {
      guard let r = AllianceRater(parsing: rater) else {
        throw AllianceRowError(line: line, column: columns.rater ?? "", value: rater, kind: .unknownRater)
      }
      who = r
    }
    let formID = form.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } ?? instrument
    self.init(
      dyad: id, rater: who,
      observation: AllianceObservation(session: s, date: day, instrument: formID, line: line, scores: scores))
  }

  /// Groups rows into one series per dyad and rater, in order of first appearance, validating each.
  ///
  /// - Returns: the valid series and, for each invalid one, its ``AllianceSeriesError``.
  /// - Complexity: O(*n* log *n*).
  public static func series(_ rows: [AllianceRow]) -> (series: [AllianceSeries], errors: [AllianceSeriesError]) {
    var order: [String] = []
    var groups: [String: (dyad: String, rater: AllianceRater, observations: [AllianceObservation])] = [:]
    for r in rows {
      let key = "\(r.dyad)\u{1F}\(r.rater.rawValue)"
      if groups[key] == nil {
        order.append(key)
        groups[key] = (r.dyad, r.rater, [])
      }
      groups[key]?.observations.append(r.observation)
    }
    var series: [AllianceSeries] = []
    var errors: [AllianceSeriesError] = []
    for key in order {
      guard let g = groups[key] else { continue }
      do { series.append(try AllianceSeries(dyad: g.dyad, rater: g.rater, observations: g.observations)) } catch {
        errors.append(error)
      }
    }
    return (series, errors)
  }
}

/// The names of the descriptive columns, for messages.
public struct AllianceColumns: Sendable, Hashable, Codable {
  /// The dyad column.
  public var dyad: String
  /// The session column.
  public var session: String
  /// The date column, if any.
  public var date: String?
  /// The rater column, if any.
  public var rater: String?
  /// The form column, if any.
  public var form: String?

  /// Creates the names.
  public init(dyad: String, session: String, date: String? = nil, rater: String? = nil, form: String? = nil) {
    self.dyad = dyad
    self.session = session
    self.date = date
    self.rater = rater
    self.form = form
  }
}

/// A descriptive cell of an administration that cannot be read; the row is left out.
public struct AllianceRowError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// What is wrong.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The dyad cell is empty.
    case emptyDyad
    /// The session cell is not a whole number.
    case invalidSession
    /// The date cell is not a date `YYYY-MM-DD`.
    case invalidDate
    /// The rater cell is neither client (`client`, `klien`) nor PK (`pk`).
    case unknownRater
  }

  /// The 1-based file line.
  public var line: Int
  /// The column's header name.
  public var column: String
  /// The cell as found.
  public var value: String
  /// What is wrong.
  public var kind: Kind

  /// Creates the error.
  public init(line: Int, column: String, value: String, kind: Kind) {
    self.line = line
    self.column = column
    self.value = value
    self.kind = kind
  }

  /// A sentence naming the column, the value and the fix.
  public var description: String {
    let why: String
    switch kind {
    case .emptyDyad: why = "the dyad id is empty"
    case .invalidSession: why = "\(Redaction.quote(value)) is not a whole session number"
    case .invalidDate: why = "\(Redaction.quote(value)) is not a date written YYYY-MM-DD"
    case .unknownRater:
      why = "\(Redaction.quote(value)) is neither a client rating (client, klien) nor a PK rating (pk)"
    }
    return "column '\(column)': \(why). The row is left out."
  }

  /// `file:line: error: …`.
  public func rendered(file: String) -> String { "\(file):\(line): error: \(description)" }
}
