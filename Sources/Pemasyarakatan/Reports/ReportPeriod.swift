import AssessmentEngine

/// The month or quarter a periodic report covers.
///
/// JSON, in the SDK's one style for enums with payloads — an object whose `kind` names the case and
/// whose other keys are its fields: `{"kind": "month", "year": 2025, "month": 1}`,
/// `{"kind": "quarter", "year": 2025, "quarter": 1}`. Text form (command line): `2025-01`, `2025-Q1`.
public enum ReportPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A calendar month (1–12).
  case month(year: Int, month: Int)
  /// A calendar quarter (1–4): January–March, April–June, July–September, October–December.
  case quarter(year: Int, quarter: Int)

  /// Parses `YYYY-MM` or `YYYY-Qn`; `nil` for any other text or an impossible month or quarter.
  public init?(parsing text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1...9999).contains(year) else { return nil }
    let tail = parts[1]
    if tail.count == 2, tail.first == "Q" || tail.first == "q", let q = Int(tail.dropFirst()), (1...4).contains(q) {
      self = .quarter(year: year, quarter: q)
    } else if tail.count == 2, tail.allSatisfy(\.isASCII), let m = Int(tail), (1...12).contains(m) {
      self = .month(year: year, month: m)
    } else {
      return nil
    }
  }

  /// The days of the period, both ends included.
  public var interval: CivilDateInterval {
    switch self {
    case .month(let y, let m):
      let start = Self.first(y, m)
      return CivilDateInterval(start: start, end: start.adding(months: 1).adding(days: -1))
    case .quarter(let y, let q):
      let start = Self.first(y, (q - 1) * 3 + 1)
      return CivilDateInterval(start: start, end: start.adding(months: 3).adding(days: -1))
    }
  }

  private static func first(_ year: Int, _ month: Int) -> CivilDate {
    // Parsing and decoding keep year and month in range, so this date exists.
    (try? CivilDate(year: min(max(year, 1), 9999), month: min(max(month, 1), 12), day: 1)) ?? CivilDate(dayNumber: 0)
  }

  /// `2025-01` or `2025-Q1`.
  public var description: String {
    switch self {
    case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
    case .quarter(let y, let q): "\(y)-Q\(q)"
    }
  }

  /// "Januari 2025" / "January 2025", "Triwulan I 2025" / "Q1 2025".
  public func title(in language: DisplayLanguage) -> String {
    let en = language == .english
    switch self {
    case .month(let y, let m):
      let id = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
        "Desember",
      ]
      let english = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
      ]
      return "\((en ? english : id)[min(max(m, 1), 12) - 1]) \(y)"
    case .quarter(let y, let q):
      return en ? "Q\(q) \(y)" : "Triwulan \(["I", "II", "III", "IV"][min(max(q, 1), 4) - 1]) \(y)"
    }
  }

  enum CodingKeys: String, CodingKey { case kind, year, month, quarter }

  /// Decodes `{"kind": "month", "year": …, "month": …}` or `{"kind": "quarter", "year": …, "quarter": …}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(String.self, forKey: .kind)
    let year = try c.decode(Int.self, forKey: .year)
    guard (1...9999).contains(year) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath + [CodingKeys.year], debugDescription: "the year \(year) is not 1…9999"))
    }
    switch kind {
    case "month":
      let m = try c.decode(Int.self, forKey: .month)
      guard (1...12).contains(m) else {
        throw DecodingError.dataCorrupted(
          .init(codingPath: c.codingPath + [CodingKeys.month], debugDescription: "the month \(m) is not 1…12"))
      }
      self = .month(year: year, month: m)
    case "quarter":
      let q = try c.decode(Int.self, forKey: .quarter)
      guard (1...4).contains(q) else {
        throw DecodingError.dataCorrupted(
          .init(codingPath: c.codingPath + [CodingKeys.quarter], debugDescription: "the quarter \(q) is not 1…4"))
      }
      self = .quarter(year: year, quarter: q)
    default:
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [CodingKeys.kind], debugDescription: "'\(kind)' is not one of 'month', 'quarter'"))
    }
  }

  /// Encodes the `kind`-tagged object.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .month(let y, let m):
      try c.encode("month", forKey: .kind)
      try c.encode(y, forKey: .year)
      try c.encode(m, forKey: .month)
    case .quarter(let y, let q):
      try c.encode("quarter", forKey: .kind)
      try c.encode(y, forKey: .year)
      try c.encode(q, forKey: .quarter)
    }
  }
}

extension CaseFile {
  /// The stage on `date`: the transitions dated on or before it, replayed from reception (tahap awal).
  /// `nil` before reception. Transitions the lifecycle refuses stop the replay, as in ``stage``.
  public func stage(on date: CivilDate) -> CaseStage? {
    guard date >= receivedOn else { return nil }
    var stage = CaseStage.tahapAwal
    var resume: CaseStage?
    for t in transitions where t.date <= date {
      guard let next = CaseLifecycle.target(from: stage, on: t.event, resuming: resume) else { break }
      if next == .suspended { resume = stage }
      stage = next
    }
    return stage
  }
}
