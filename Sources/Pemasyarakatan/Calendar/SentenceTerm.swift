import AssessmentEngine

/// A fraction of a sentence, such as 1/2 or 2/3. JSON: `{"numerator": 2, "denominator": 3}`.
public struct Fraction: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The numerator (≥ 0).
  public var numerator: Int
  /// The denominator (> 0).
  public var denominator: Int
  /// Creates a fraction; a denominator below 1 is treated as 1.
  public init(_ numerator: Int, _ denominator: Int) {
    self.numerator = max(0, numerator)
    self.denominator = max(1, denominator)
  }
  /// 1/3.
  public static let oneThird = Fraction(1, 3)
  /// 1/2.
  public static let half = Fraction(1, 2)
  /// 2/3.
  public static let twoThirds = Fraction(2, 3)
  /// `"2/3"`.
  public var description: String { "\(numerator)/\(denominator)" }
  /// ⌈`days` × numerator ÷ denominator⌉ in exact integer arithmetic.
  func ceilOf(_ days: Int) -> Int {
    let p = saturatingMultiply(days, numerator)
    return p >= 0 ? saturatingAdd(p, denominator - 1) / denominator : -(saturatingNegate(p) / denominator)
  }
}

/// How a fraction of a sentence is turned into a date.
///
/// Neither convention is confirmed from a published juknis (Kepdirjenpas PAS-26.OT.02.02 Tahun 2020 on
/// the calculation of time served could not be read); both are offered and documented in
/// `LegalCalendar.md`.
public enum DayCountConvention: String, Sendable, Hashable, Codable, CaseIterable {
  /// Count the real days of the (reduced) term and take ⌈fraction × days⌉ — the minimum that satisfies
  /// "telah menjalani paling sedikit …". Leap days count.
  case calendarDays
  /// Count a month as 30 days and a year as 12 months (the rule Keppres 174/1999 Pasal 7(4) sets for
  /// remission); take ⌈fraction × days⌉ and add it back as whole months plus days.
  case thirtyDayMonths
}

/// How remission (*remisi*) enters the fraction of a sentence.
public enum RemissionTreatment: String, Sendable, Hashable, Codable, CaseIterable {
  /// The fraction is taken of the sentence **minus remission**, counted from the first day of detention
  /// (hukumonline, "Cara Penghitungan Pembebasan Bersyarat dan Remisi", 2017, on Permenkumham 21/2016:
  /// "1/2 dari masa pidana dikurangi dengan Remisi dan dihitung sejak tanggal penahanan"). Default.
  case reducesSentence
  /// Remission is ignored for the fraction (it only moves the expiry date).
  case ignored
}

/// A sentence of imprisonment as the legal calendar sees it.
///
/// JSON: `{"countingStart": "2023-01-10", "length": {"years": 3}, "remission": {"months": 2}}`.
public struct SentenceTerm: Sendable, Hashable, Codable {
  /// The day time served is counted from (first day of detention).
  public var countingStart: CivilDate
  /// The sentence imposed.
  public var length: CivilDuration
  /// Total remission granted.
  public var remission: CivilDuration

  /// Creates a term.
  public init(countingStart: CivilDate, length: CivilDuration, remission: CivilDuration = CivilDuration()) {
    self.countingStart = countingStart
    self.length = length
    self.remission = remission
  }

  /// The day the sentence would end without remission: `countingStart + length`. Like ``expiry``, it
  /// is the first day of freedom, not the last day in custody.
  public var nominalEnd: CivilDate { countingStart.adding(length) }

  /// The expiry date (*tanggal ekspirasi / bebas murni*): ``nominalEnd`` minus remission.
  ///
  /// It is the **first day of freedom** (the day of release), not the last day served: a sentence of
  /// 3 years from 2023-01-10 expires on 2026-01-10, the last day in custody is 2026-01-09, and the
  /// days served are `expiry − countingStart` = 1096. Every fraction and day count of the legal
  /// calendar follows from this.
  public var expiry: CivilDate { nominalEnd.subtracting(remission) }

  /// Checks that the term is usable: no negative component, remission shorter than the sentence.
  public func validate() throws(LegalCalendarError) {
    guard length.isNonNegative else { throw .negativeDuration(field: "length") }
    guard remission.isNonNegative else { throw .negativeDuration(field: "remission") }
    guard expiry > countingStart else { throw .remissionExceedsSentence(length: length, remission: remission) }
  }

  /// The number of days the fraction is taken of: from ``countingStart`` to ``expiry`` (or
  /// ``nominalEnd`` when remission is ignored) in real days, or with months of 30 days under
  /// ``DayCountConvention/thirtyDayMonths``.
  ///
  /// The end date is the first day of freedom (see ``expiry``), so this is the number of days served
  /// when the sentence runs to its end.
  public func dayCount(
    convention: DayCountConvention = .calendarDays, remission treatment: RemissionTreatment = .reducesSentence
  ) -> Int {
    switch convention {
    case .calendarDays:
      return countingStart.days(to: treatment == .reducesSentence ? expiry : nominalEnd)
    case .thirtyDayMonths:
      let base = Self.thirtyDayMonthDays(length)
      return treatment == .reducesSentence
        ? saturatingAdd(base, saturatingNegate(Self.thirtyDayMonthDays(remission))) : base
    }
  }

  /// `true` when `fraction` of the sentence is itself at least `minimum` long, compared exactly:
  /// numerator · days ≥ denominator · days(countingStart … countingStart + minimum), with no rounding
  /// (for 2/3 and 9 months: 2·days ≥ 3·days of nine months).
  ///
  /// Worked example (calendar days): 1 y 1 m 13 d from 2025-01-01 is 409 days and 2/3 of it is
  /// 272.67 days; nine months from 2025-01-01 is 273 days (to 2025-10-01); 818 < 819, so the 2/3 is
  /// shorter than nine months, although ⌈272.67⌉ = 273 would round it up to exactly nine months.
  /// Under ``DayCountConvention/thirtyDayMonths`` nine months are 270 days.
  public func fraction(
    _ fraction: Fraction, isAtLeast minimum: CivilDuration, convention: DayCountConvention = .calendarDays,
    remission treatment: RemissionTreatment = .reducesSentence
  ) -> Bool {
    let days = dayCount(convention: convention, remission: treatment)
    let minimumDays: Int
    switch convention {
    case .calendarDays: minimumDays = countingStart.days(to: countingStart.adding(minimum))
    case .thirtyDayMonths: minimumDays = Self.thirtyDayMonthDays(minimum)
    }
    return saturatingMultiply(fraction.numerator, days) >= saturatingMultiply(fraction.denominator, minimumDays)
  }

  static func thirtyDayMonthDays(_ d: CivilDuration) -> Int {
    saturatingAdd(saturatingMultiply(d.totalMonths, 30), d.days)
  }

  /// The first day on which `fraction` of the sentence has been served.
  ///
  /// Worked example (`calendarDays`, remission ignored): 3 years from 2023-01-10 ends 2026-01-10, which
  /// is 1096 days (2024 is a leap year); ⌈2/3 × 1096⌉ = ⌈730.67⌉ = 731 days → 2025-01-10.
  public func date(
    whenServed fraction: Fraction, convention: DayCountConvention = .calendarDays,
    remission treatment: RemissionTreatment = .reducesSentence
  ) -> CivilDate {
    let needed = fraction.ceilOf(dayCount(convention: convention, remission: treatment))
    switch convention {
    case .calendarDays:
      return countingStart.adding(days: needed)
    case .thirtyDayMonths:
      return countingStart.adding(months: needed / 30).adding(days: needed % 30)
    }
  }
}

/// A sentence or a request that a legal-calendar rule cannot work with.
public enum LegalCalendarError: Error, Equatable, Hashable, Codable, Sendable, CustomStringConvertible {
  /// A duration has a negative component.
  case negativeDuration(field: String)
  /// The remission is as long as the sentence or longer.
  case remissionExceedsSentence(length: CivilDuration, remission: CivilDuration)

  /// A one-sentence explanation.
  public var description: String {
    switch self {
    case .negativeDuration(let field):
      "The \(field) has a negative number of years, months or days; please enter zero or more."
    case .remissionExceedsSentence(let length, let remission):
      "The remission (\(remission)) is not shorter than the sentence (\(length)); please check both."
    }
  }
}
