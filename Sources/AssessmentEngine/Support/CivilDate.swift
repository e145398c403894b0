/// A calendar date in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Administrative and legal dates (a sentence start, an eligibility date, a reassessment due date, a
/// session date) are civil dates: a register writes them as a day, not as an instant. Keeping them as
/// `(year, month, day)` means no time zone and no daylight-saving rule can shift a date by one day.
///
/// JSON: a string `"YYYY-MM-DD"` (ISO 8601 calendar date, four-digit year), e.g. `"2026-01-02"`.
///
/// ```swift
/// let start = try CivilDate(year: 2024, month: 1, day: 31)
/// start.adding(months: 1)      // 2024-02-29 (clamped to the month end; 2024 is a leap year)
/// ```
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The year, 1...9999.
  public let year: Int
  /// The month, 1...12.
  public let month: Int
  /// The day of the month, 1...28/29/30/31.
  public let day: Int

  /// Creates a date, or throws ``CivilDateError`` when the day does not exist (e.g. 2023-02-29).
  public init(year: Int, month: Int, day: Int) throws(CivilDateError) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= CivilDate.daysIn(month: month, year: year)
    else { throw CivilDateError(text: CivilDate.format(year, month, day)) }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `"YYYY-MM-DD"`; throws ``CivilDateError`` for any other text or a day that does not exist.
  public init(iso text: String) throws(CivilDateError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2,
      parts[2].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { throw CivilDateError(text: text) }
    do { try self.init(year: y, month: m, day: d) } catch { throw CivilDateError(text: text) }
  }

  private init(unchecked year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// `true` for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in a month of a year (28...31).
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (which is day 0); negative before it.
  ///
  /// Uses Hinnant's `days_from_civil` algorithm (Howard Hinnant, "chrono-Compatible Low-Level Date
  /// Algorithms", 2013), exact for the whole proleptic Gregorian calendar.
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date with the given ``dayNumber``, clamped to 0001-01-01...9999-12-31.
  public init(dayNumber: Int) {
    let lower = -719_162  // 0001-01-01
    let upper = 2_932_896  // 9999-12-31
    let z0 = min(max(dayNumber, lower), upper) + 719_468
    let era = (z0 >= 0 ? z0 : z0 - 146_096) / 146_097
    let doe = z0 - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: saturatingAdd(dayNumber, days)) }

  /// The date `months` calendar months later (earlier when negative).
  ///
  /// Convention (documented in `LegalCalendar.md`): the month is advanced and the day is kept; when the
  /// target month is shorter, the day is **clamped to the month end** (31 Jan + 1 month = 28 Feb, or
  /// 29 Feb in a leap year). This is the same convention as Foundation's `Calendar` and Java's
  /// `LocalDate.plusMonths`.
  /// The month is clamped to January 0001 ... December 9999 (the day is kept, then clamped to the month end).
  public func adding(months: Int) -> CivilDate {
    let index = min(max(saturatingAdd(year * 12 + (month - 1), months), 12), 9999 * 12 + 11)
    let y = index / 12
    let m = index % 12 + 1
    return CivilDate(unchecked: y, m, min(day, CivilDate.daysIn(month: m, year: y)))
  }

  /// The date `years` years later; 29 February falls back to 28 February in a common year.
  public func adding(years: Int) -> CivilDate { adding(months: saturatingMultiply(years, 12)) }

  /// Adds a duration: years and months first (clamping to the month end), then days.
  public func adding(_ duration: CivilDuration) -> CivilDate {
    adding(months: duration.totalMonths).adding(days: duration.days)
  }

  /// Subtracts a duration: days first, then years and months (the mirror image of ``adding(_:)``).
  public func subtracting(_ duration: CivilDuration) -> CivilDate {
    adding(days: saturatingNegate(duration.days)).adding(months: saturatingNegate(duration.totalMonths))
  }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(to other: CivilDate) -> Int { other.dayNumber - dayNumber }

  /// Completed years of age on `date` for someone born on `self` (a birthday on 29 February is reached
  /// on 28 February in common years).
  public func completedYears(on date: CivilDate) -> Int {
    var years = date.year - year
    if adding(years: years) > date { years -= 1 }
    return years
  }

  /// Chronological order.
  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// `"YYYY-MM-DD"`.
  public var description: String { CivilDate.format(year, month, day) }

  static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(abs(v))
      return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(iso: text)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: container.codingPath, debugDescription: error.description, underlyingError: error))
    }
  }

  /// Encodes the value as a single JSON string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A text that is not a valid `"YYYY-MM-DD"` civil date, or a day that does not exist.
public struct CivilDateError: Error, Equatable, Codable, Sendable, CustomStringConvertible {
  /// The offending text (or the formatted `year-month-day` triple).
  public var text: String
  /// Creates the error.
  public init(text: String) { self.text = text }
  /// A one-sentence explanation.
  public var description: String {
    "'\(text)' is not a valid date; please write an existing day as YYYY-MM-DD."
  }
}

/// A length of time in calendar units, as a court writes a sentence: "2 tahun 6 bulan 15 hari".
///
/// JSON: `{"years": 2, "months": 6, "days": 15}`; missing keys count as 0.
public struct CivilDuration: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Whole years.
  public var years: Int
  /// Whole months.
  public var months: Int
  /// Whole days.
  public var days: Int

  /// Creates a duration; components are not normalised (13 months stays 13 months).
  public init(years: Int = 0, months: Int = 0, days: Int = 0) {
    self.years = years
    self.months = months
    self.days = days
  }

  /// The duration in months, ignoring days (years × 12 + months).
  /// The sum saturates at `Int.max`/`Int.min` instead of overflowing, so absurd input cannot trap.
  public var totalMonths: Int { saturatingAdd(saturatingMultiply(years, 12), months) }

  /// `true` when every component is zero or positive.
  public var isNonNegative: Bool { years >= 0 && months >= 0 && days >= 0 }

  /// Compares two durations by length when measured from the same start date.
  public func isAtMost(_ other: CivilDuration, from start: CivilDate) -> Bool {
    start.adding(self) <= start.adding(other)
  }

  /// Indonesian-style text, e.g. `"2 y 6 m 15 d"`.
  public var description: String { "\(years) y \(months) m \(days) d" }

  enum CodingKeys: String, CodingKey { case years, months, days }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    years = try c.decodeIfPresent(Int.self, forKey: .years) ?? 0
    months = try c.decodeIfPresent(Int.self, forKey: .months) ?? 0
    days = try c.decodeIfPresent(Int.self, forKey: .days) ?? 0
  }
}

/// A closed range of civil dates, `start...end`, such as a masa bimbingan.
///
/// JSON: `{"start": "2025-03-01", "end": "2026-09-01"}`.
public struct CivilDateInterval: Sendable, Hashable, Codable {
  /// The first day.
  public var start: CivilDate
  /// The last day (inclusive).
  public var end: CivilDate
  /// Creates an interval; ``isWellOrdered`` tells whether `start <= end`.
  public init(start: CivilDate, end: CivilDate) {
    self.start = start
    self.end = end
  }
  /// `true` when `start <= end`.
  public var isWellOrdered: Bool { start <= end }
  /// `true` when `date` lies in `start...end`.
  public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }
  /// The number of days from `start` to `end` (0 for a one-day interval): `end − start`.
  public var dayCount: Int { start.days(to: end) }
  /// The number of days in the interval, both ends included (1 for a one-day interval):
  /// `end − start + 1`.
  public var inclusiveDayCount: Int { saturatingAdd(start.days(to: end), 1) }
}

// Saturating arithmetic: durations and schedules come from JSON written by other tools, and an absurd
// number must clamp a date to the calendar's ends rather than trap on overflow.
package func saturatingAdd(_ a: Int, _ b: Int) -> Int {
  let (r, overflow) = a.addingReportingOverflow(b)
  return overflow ? (b > 0 ? Int.max : Int.min) : r
}

package func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
  let (r, overflow) = a.multipliedReportingOverflow(by: b)
  return overflow ? ((a < 0) != (b < 0) ? Int.min : Int.max) : r
}

package func saturatingNegate(_ a: Int) -> Int { a == Int.min ? Int.max : -a }
