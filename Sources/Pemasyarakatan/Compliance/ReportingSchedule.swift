import AssessmentEngine

/// How often the client must report (*wajib lapor / apel*).
///
/// The legal floor is **at least once a month**, or as the PK recommends (`field-facts.md` B6, several
/// Bapas sources) [C]. A schedule less frequent than monthly is refused by ``CaseFile/validate(declaredAgeCategory:)``.
///
/// JSON: `{"every": 1, "unit": "month"}`.
public struct ReportingSchedule: Sendable, Hashable, Codable {
  /// How many units between reports (≥ 1).
  public var every: Int
  /// The unit.
  public var unit: ReportingUnit

  /// Creates a schedule.
  public init(every: Int, unit: ReportingUnit) {
    self.every = every
    self.unit = unit
  }

  /// Once a calendar month: the legal minimum.
  public static let monthly = ReportingSchedule(every: 1, unit: .month)
  /// Once a week.
  public static let weekly = ReportingSchedule(every: 1, unit: .week)

  /// The start of the `k`-th reporting period counted from `start` (k = 0 is `start`).
  public func periodStart(_ k: Int, from start: CivilDate) -> CivilDate {
    switch unit {
    case .day: start.adding(days: saturatingMultiply(every, k))
    case .week: start.adding(days: saturatingMultiply(saturatingMultiply(7, every), k))
    case .month: start.adding(months: saturatingMultiply(every, k))
    }
  }

  /// `true` when reports are due at least once a calendar month.
  public var meetsMonthlyMinimum: Bool {
    switch unit {
    case .day: every >= 1 && every <= 28
    case .week: every >= 1 && every <= 4
    case .month: every == 1
    }
  }
}

/// The unit of a reporting schedule.
public enum ReportingUnit: String, WireEnum {
  /// Days.
  case day
  /// Weeks.
  case week
  /// Calendar months.
  case month
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .day: LocalizedText(id: "Hari", en: "Day")
    case .week: LocalizedText(id: "Minggu", en: "Week")
    case .month: LocalizedText(id: "Bulan", en: "Month")
    }
  }
}
