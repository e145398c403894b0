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

  /// The day the sentence would end without remission: `countingStart + length`.
  public var nominalEnd: CivilDate { countingStart.adding(length) }

  /// The expiry date (*tanggal ekspirasi / bebas murni*): ``nominalEnd`` minus remission.
  public var expiry: CivilDate { nominalEnd.subtracting(remission) }

  /// Checks that the term is usable: no negative component, remission shorter than the sentence.
  public func validate() throws(LegalCalendarError) {
    guard length.isNonNegative else { throw .negativeDuration(field: "length") }
    guard remission.isNonNegative else { throw .negativeDuration(field: "remission") }
    guard expiry > countingStart else { throw .remissionExceedsSentence(length: length, remission: remission) }
  }

  /// The first day on which `fraction` of the sentence has been served.
  ///
  /// Worked example (`calendarDays`, remission ignored): 3 years from 2023-01-10 ends 2026-01-10, which
  /// is 1096 days (2024 is a leap year); ⌈2/3 × 1096⌉ = ⌈730.67⌉ = 731 days → 2025-01-10.
  public func date(
    whenServed fraction: Fraction, convention: DayCountConvention = .calendarDays,
    remission treatment: RemissionTreatment = .reducesSentence
  ) -> CivilDate {
    let end = treatment == .reducesSentence ? expiry : nominalEnd
    switch convention {
    case .calendarDays:
      return countingStart.adding(days: fraction.ceilOf(countingStart.days(to: end)))
    case .thirtyDayMonths:
      func days(_ d: CivilDuration) -> Int { saturatingAdd(saturatingMultiply(d.totalMonths, 30), d.days) }
      let base = saturatingAdd(days(length), treatment == .reducesSentence ? saturatingNegate(days(remission)) : 0)
      let needed = fraction.ceilOf(base)
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
