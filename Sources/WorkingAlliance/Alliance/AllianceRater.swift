import AssessmentEngine

/// Who rated the alliance: the client (*klien*) or the PK (*Pembimbing Kemasyarakatan*).
///
/// The WAI family has client and therapist forms (Horvath & Greenberg 1989); in a Bapas the
/// "therapist" is the PK. Client and PK ratings of one dyad are separate series and are compared
/// session by session (``AllianceRatingGaps``).
public enum AllianceRater: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The client rated the relationship.
  case client
  /// The PK rated the relationship.
  case pk

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .client: LocalizedText(id: "Klien", en: "Client")
    case .pk: LocalizedText(id: "Pembimbing Kemasyarakatan (PK)", en: "Probation officer (PK)")
    }
  }

  /// Reads a rater cell: `client`/`klien` or `pk` (any case, surrounding spaces ignored); `nil` for
  /// anything else.
  public init?(parsing text: String) {
    switch trimmedCell(text).lowercased() {
    case "client", "klien": self = .client
    case "pk": self = .pk
    default: return nil
    }
  }
}

/// A calendar date without a time or time zone, written `YYYY-MM-DD` (ISO 8601) in CSV and JSON.
///
/// Session dates are days in the PK's record; they are compared, never converted across time zones,
/// so no `Calendar` is involved.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The year.
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month.
  public var day: Int

  /// A valid date, or `nil` (month 1–12, day within the month, leap years by the Gregorian rule).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`; `nil` when the text is not a valid date in that form.
  public init?(parsing text: String) {
    let parts = trimmedCell(text).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Earlier dates first.
  public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Decodes `"YYYY-MM-DD"`.
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = CalendarDay(parsing: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date YYYY-MM-DD"))
    }
    self = day
  }

  /// Encodes `"YYYY-MM-DD"`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// The cell without surrounding spaces and tabs.
func trimmedCell(_ text: String) -> String {
  var s = Substring(text)
  while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
  while let l = s.last, l == " " || l == "\t" { s.removeLast() }
  return String(s)
}
