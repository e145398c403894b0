import AssessmentEngine

/// One administration of an alliance instrument in a dyad's series.
public struct AllianceObservation: Sendable, Hashable, Codable {
  /// The session number (the order of administration; need not start at 1 or be contiguous).
  public var session: Int
  /// The session date, when recorded.
  public var date: CivilDate?
  /// The id of the instrument (form) administered.
  public var instrument: String
  /// The 1-based file line the administration came from, when read from a file.
  public var line: Int?
  /// Goal, task, bond and total.
  public var scores: AllianceScores

  /// Creates an observation.
  public init(session: Int, date: CivilDate? = nil, instrument: String, line: Int? = nil, scores: AllianceScores) {
    self.session = session
    self.date = date
    self.instrument = instrument
    self.line = line
    self.scores = scores
  }
}

/// The dated administrations of one form by one rater in one PK–client dyad, in session order.
///
/// Construction validates the series: one administration per session number, dates that do not go
/// backwards as sessions go forwards, and a single form. A series of one administration is valid;
/// the analyses that need more return ``NotEnoughData`` rather than a number.
public struct AllianceSeries: Sendable, Hashable, Codable {
  /// The dyad's identifier (e.g. the client's register number).
  public let dyad: String
  /// Who rated.
  public let rater: AllianceRater
  /// The form all administrations used.
  public let instrument: String
  /// The administrations, by increasing session number.
  public let observations: [AllianceObservation]

  /// Validates and orders a series.
  ///
  /// - Throws: ``AllianceSeriesError`` naming the dyad, the rater, the sessions and the file lines:
  ///   no administrations, two administrations with one session number, a later session dated before
  ///   an earlier one, or two forms in one series.
  /// - Complexity: O(*n* log *n*) for *n* administrations.
  public init(dyad: String, rater: AllianceRater, observations: [AllianceObservation]) throws(AllianceSeriesError) {
    func fail(_ kind: AllianceSeriesError.Kind, _ lines: [Int?]) -> AllianceSeriesError {
      AllianceSeriesError(dyad: dyad, rater: rater, kind: kind, lines: lines.compactMap { $0 })
    }
    guard let first = observations.first else { throw fail(.empty, []) }
    let forms = observations.map(\.instrument).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if forms.count > 1 {
      throw fail(.mixedForms(instruments: forms), observations.filter { $0.instrument != first.instrument }.map(\.line))
    }
    for o in observations {
      let values = AllianceMeasure.allCases.compactMap { o.scores[$0] }.flatMap {
        [$0.sum, $0.mean, $0.percentOfRange]
      }
      if values.contains(where: { !$0.isFinite }) { throw fail(.nonFiniteScore(session: o.session), [o.line]) }
    }
    let sorted = observations.enumerated().sorted { ($0.element.session, $0.offset) < ($1.element.session, $1.offset) }
      .map(\.element)
    for (a, b) in zip(sorted, sorted.dropFirst()) where a.session == b.session {
      throw fail(.duplicateSession(session: a.session), sorted.filter { $0.session == a.session }.map(\.line))
    }
    var lastDated: AllianceObservation? = nil
    for o in sorted {
      guard let date = o.date else { continue }
      if let prev = lastDated, let prevDate = prev.date, date < prevDate {
        throw fail(
          .datesOutOfOrder(session: prev.session, date: prevDate, laterSession: o.session, laterDate: date),
          [prev.line, o.line])
      }
      lastDated = o
    }
    self.dyad = dyad
    self.rater = rater
    self.instrument = first.instrument
    self.observations = sorted
  }

  enum CodingKeys: String, CodingKey { case dyad, rater, instrument, observations }

  /// Decodes a series and applies the same checks as ``init(dyad:rater:observations:)``, so that a plain
  /// `JSONDecoder` cannot produce a series with duplicate sessions, mixed forms or dates out of order.
  ///
  /// - Throws: `DecodingError.dataCorrupted` at `observations` (at `instrument` when it disagrees with the
  ///   administrations) whose underlying error is the ``AllianceSeriesError``.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let dyad = try c.decode(String.self, forKey: .dyad)
    let rater = try c.decode(AllianceRater.self, forKey: .rater)
    let instrument = try c.decode(String.self, forKey: .instrument)
    let observations = try c.decode([AllianceObservation].self, forKey: .observations)
    do {
      try self.init(dyad: dyad, rater: rater, observations: observations)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [CodingKeys.observations], debugDescription: error.description,
          underlyingError: error))
    }
    guard self.instrument == instrument else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [CodingKeys.instrument],
          debugDescription:
            "the series names the form '\(instrument)' but its administrations used '\(self.instrument)'"))
    }
  }

  /// The sessions whose `measure` has a score, as (session, score, line).
  func points(_ measure: AllianceMeasure, _ metric: AllianceMetric) -> [SeriesPoint] {
    observations.compactMap { o in
      o.scores[measure].map { SeriesPoint(session: o.session, value: $0.value(metric), line: o.line) }
    }
  }
}

/// One scored session of a series on the analysed measure and metric.
struct SeriesPoint: Sendable, Hashable {
  var session: Int
  var value: Double
  var line: Int?
}

/// A series that cannot be analysed as given.
public struct AllianceSeriesError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// What is wrong.
  public enum Kind: Sendable, Hashable, Codable {
    /// The series has no administrations.
    case empty
    /// Two or more administrations carry the same session number.
    case duplicateSession(session: Int)
    /// A later session is dated before an earlier one.
    case datesOutOfOrder(session: Int, date: CivilDate, laterSession: Int, laterDate: CivilDate)
    /// The series mixes forms (e.g. WAI-S and WAI-SR), whose scores are not on one metric.
    case mixedForms(instruments: [String])
    /// A score is NaN or infinite (only possible for scores built by hand, not by the scorer).
    case nonFiniteScore(session: Int)
  }

  /// The dyad.
  public var dyad: String
  /// The rater of the series.
  public var rater: AllianceRater
  /// What is wrong.
  public var kind: Kind
  /// The file lines involved, when the administrations came from a file.
  public var lines: [Int]

  /// Creates the error.
  public init(dyad: String, rater: AllianceRater, kind: Kind, lines: [Int]) {
    self.dyad = dyad
    self.rater = rater
    self.kind = kind
    self.lines = lines
  }

  /// A sentence naming the dyad, the rater, the sessions and the lines.
  public var description: String {
    let who = "Dyad \(Redaction.quote(dyad)) (\(rater.label.english.lowercased()) ratings)"
    let at =
      lines.isEmpty ? "" : " (line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", ")))"
    switch kind {
    case .empty:
      return "\(who) has no administrations."
    case .duplicateSession(let session):
      return
        "\(who) has more than one administration for session \(session)\(at); give each administration its own session number."
    case .datesOutOfOrder(let session, let date, let later, let laterDate):
      return
        "\(who): session \(later) is dated \(laterDate), before session \(session) on \(date)\(at); check the session numbers or the dates."
    case .mixedForms(let forms):
      return "\(who) mixes the forms \(forms.joined(separator: ", "))\(at); analyse each form as its own series."
    case .nonFiniteScore(let session):
      return "\(who): session \(session) has a score that is not a finite number\(at)."
    }
  }
}

/// Which analysis of a series a result belongs to.
public enum AllianceAnalysis: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The OLS slope per session.
  case trajectory
  /// The mean of the first sessions.
  case earlyAlliance
  /// The change between two administrations, with the reliable change index.
  case change
  /// Rupture–repair markers.
  case ruptures
  /// Client vs PK rating gaps.
  case ratingGaps
  /// The "alliance falling" flag.
  case falling

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .trajectory: LocalizedText(id: "Lintasan", en: "Trajectory")
    case .earlyAlliance: LocalizedText(id: "Aliansi awal", en: "Early alliance")
    case .change: LocalizedText(id: "Perubahan", en: "Change")
    case .ruptures: LocalizedText(id: "Keretakan dan pemulihan", en: "Ruptures and repairs")
    case .ratingGaps: LocalizedText(id: "Selisih penilaian klien–PK", en: "Client–PK rating gaps")
    case .falling: LocalizedText(id: "Aliansi menurun", en: "Alliance falling")
    }
  }
}

/// A typed "not enough data" result: which analysis, for which dyad, how many scored sessions there
/// are and how many it needs. Returned instead of a number that would mean nothing (a slope from one
/// point, an SD from two).
public struct NotEnoughData: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The dyad.
  public var dyad: String
  /// The rater of the series.
  public var rater: AllianceRater
  /// The analysis.
  public var analysis: AllianceAnalysis
  /// Scored sessions available.
  public var available: Int
  /// Scored sessions required.
  public var required: Int
  /// The sessions available.
  public var sessions: [Int]
  /// Their file lines, when known.
  public var lines: [Int]

  /// Creates the result.
  public init(
    dyad: String, rater: AllianceRater, analysis: AllianceAnalysis, available: Int, required: Int, sessions: [Int],
    lines: [Int]
  ) {
    self.dyad = dyad
    self.rater = rater
    self.analysis = analysis
    self.available = available
    self.required = required
    self.sessions = sessions
    self.lines = lines
  }

  /// A sentence such as "Dyad 'K-01' (client ratings): trajectory needs at least 2 scored sessions; there is 1 (session 1, line 2)."
  public var description: String {
    let listed =
      sessions.isEmpty
      ? ""
      : " (session\(sessions.count == 1 ? "" : "s") \(sessions.map(String.init).joined(separator: ", "))"
        + (lines.isEmpty
          ? "" : ", line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))") + ")"
    return
      "Dyad \(Redaction.quote(dyad)) (\(rater.label.english.lowercased()) ratings): \(analysis.label.english.lowercased()) needs at least \(required) scored session\(required == 1 ? "" : "s"); there \(available == 1 ? "is" : "are") \(available)\(listed)."
  }
}

/// A result, or a typed reason there is none.
public enum AllianceOutcome<Value: Sendable & Hashable>: Sendable, Hashable {
  /// The result.
  case value(Value)
  /// The series has too few scored sessions for this analysis.
  case notEnoughData(NotEnoughData)

  /// The result, if there is one.
  public var value: Value? {
    if case .value(let v) = self { return v }
    return nil
  }

  /// The reason there is no result, if there is none.
  public var notEnoughData: NotEnoughData? {
    if case .notEnoughData(let n) = self { return n }
    return nil
  }
}

extension AllianceOutcome: Codable where Value: Codable {
  private enum CodingKeys: String, CodingKey { case value, notEnoughData }

  /// Decodes `{"value": …}` or `{"notEnoughData": {…}}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let n = try c.decodeIfPresent(NotEnoughData.self, forKey: .notEnoughData) {
      self = .notEnoughData(n)
    } else {
      self = .value(try c.decode(Value.self, forKey: .value))
    }
  }

  /// Encodes `{"value": …}` or `{"notEnoughData": {…}}`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .value(let v): try c.encode(v, forKey: .value)
    case .notEnoughData(let n): try c.encode(n, forKey: .notEnoughData)
    }
  }
}

extension AllianceSeries {
  func notEnough(_ analysis: AllianceAnalysis, _ points: [SeriesPoint], required: Int) -> NotEnoughData {
    NotEnoughData(
      dyad: dyad, rater: rater, analysis: analysis, available: points.count, required: required,
      sessions: points.map(\.session), lines: points.compactMap(\.line))
  }
}
