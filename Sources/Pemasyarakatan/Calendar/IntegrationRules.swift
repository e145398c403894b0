import AssessmentEngine

/// Pembebasan bersyarat (PB, parole): eligibility date and masa percobaan, as versioned rules.
///
/// - Permenkumham 3/2018 Pasal 82 (as amended, lastly by Permenkumham 7/2022): at least **2/3** of the
///   sentence served, the 2/3 being **at least 9 months**; good behaviour for the last 9 months before the
///   2/3 date. Masa percobaan = remaining sentence + 1 year (old KUHP Pasal 15). [C]
/// - KUHP 2023 (UU 1/2023) Pasal 72, in force 2 January 2026: the same 2/3 and 9 months; consecutive
///   sentences are summed; the elucidation limits PB to sentences of at least 1 year; masa percobaan =
///   remaining sentence + 1 year (Pasal 72(4)). [C]
public struct ParoleRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The fraction that must be served (2/3).
  public var fraction: Fraction
  /// The minimum length of that fraction (9 months).
  public var minimumServed: CivilDuration
  /// The minimum sentence for PB, if the version has one (KUHP 2023 elucidation: 1 year).
  public var minimumSentence: CivilDuration?
  /// What is added to the remaining sentence to give the masa percobaan (1 year).
  public var probationExtension: CivilDuration
  /// Good behaviour is required for this long before the 2/3 date (9 months, Permenkumham 3/2018).
  public var goodBehaviourBefore: CivilDuration
  /// How long after the masa percobaan PB can still be revoked (KUHP 2023 Pasal 73: 3 months, unless a
  /// prosecution for an offence committed during the masa percobaan began within them); `nil` when the
  /// version sets no limit.
  public var revocationLimitAfterProbation: CivilDuration?

  /// Permenkumham 3/2018 Pasal 82 with old KUHP Pasal 15.
  public static let permenkumham3of2018 = ParoleRule(
    source: .year(
      2018, "Permenkumham 3/2018 Pasal 82 (as amended by Permenkumham 7/2022); KUHP (old) Pasal 15", .confirmed),
    fraction: .twoThirds, minimumServed: CivilDuration(months: 9), minimumSentence: nil,
    probationExtension: CivilDuration(years: 1), goodBehaviourBefore: CivilDuration(months: 9),
    revocationLimitAfterProbation: nil)

  /// KUHP 2023 (UU 1/2023) Pasal 72, in force 2026-01-02.
  public static let kuhp2023 = ParoleRule(
    source: .exact(2026, 1, 2, "KUHP 2023 (UU 1/2023) Pasal 72 and elucidation", .confirmed),
    fraction: .twoThirds, minimumServed: CivilDuration(months: 9), minimumSentence: CivilDuration(years: 1),
    probationExtension: CivilDuration(years: 1), goodBehaviourBefore: CivilDuration(months: 9),
    revocationLimitAfterProbation: CivilDuration(months: 3))

  /// Oldest first.
  public static let versions: [ParoleRule] = [.permenkumham3of2018, .kuhp2023]

  /// The PB eligibility of a sentence under this version.
  ///
  /// Worked example (Permenkumham 3/2018, calendar days, no remission): 3 years from 2023-01-10 →
  /// 2/3 date 2025-01-10; 9 months from the start is 2023-10-10 ≤ 2025-01-10, so eligible; masa
  /// percobaan runs to expiry 2026-01-10 + 1 year = 2027-01-10.
  public func eligibility(
    for term: SentenceTerm, convention: DayCountConvention = .calendarDays,
    remission: RemissionTreatment = .reducesSentence
  ) throws(LegalCalendarError) -> IntegrationEligibility {
    try term.validate()
    let date = term.date(whenServed: fraction, convention: convention, remission: remission)
    var blockers: [IntegrationBlocker] = []
    // Exact: 2·days ≥ 3·days(nine months); comparing the rounded-up 2/3 date would let 272.67 days pass as 273.
    if !term.fraction(fraction, isAtLeast: minimumServed, convention: convention, remission: remission) {
      blockers.append(
        .fractionShorterThanMinimum(fractionDate: date, minimumDate: Self.minimumDate(term, minimumServed, convention)))
    }
    if let minimumSentence, !minimumSentence.isAtMost(term.length, from: term.countingStart) {
      blockers.append(.sentenceTooShort(minimum: minimumSentence))
    }
    if date >= term.expiry { blockers.append(.noTimeLeftBeforeExpiry(expiry: term.expiry)) }
    return IntegrationEligibility(
      earliestDate: date, expiry: term.expiry, blockers: blockers, source: source,
      programmeEnd: term.expiry.adding(probationExtension), goodBehaviourSince: date.subtracting(goodBehaviourBefore))
  }

  /// The day the minimum time served is reached, under the convention's own month length.
  static func minimumDate(_ term: SentenceTerm, _ minimum: CivilDuration, _ convention: DayCountConvention) -> CivilDate
  {
    switch convention {
    case .calendarDays: term.countingStart.adding(minimum)
    case .thirtyDayMonths:
      term.countingStart.adding(months: SentenceTerm.thirtyDayMonthDays(minimum) / 30).adding(
        days: SentenceTerm.thirtyDayMonthDays(minimum) % 30)
    }
  }

  /// The last day PB can be revoked for a masa percobaan ending on `probationEnd` (KUHP 2023 Pasal 73:
  /// 3 months after it, unless a prosecution began within them), or `nil` when this version sets no limit.
  public func revocationDeadline(probationEnd: CivilDate) -> CivilDate? {
    revocationLimitAfterProbation.map { probationEnd.adding($0) }
  }

  /// The masa percobaan of a PB that starts on `releasedOn`: the remaining sentence plus one year, as a
  /// closed interval of the days under guidance.
  ///
  /// The sentence's ``SentenceTerm/expiry`` is its first free day, so the remaining sentence is
  /// `releasedOn ..< expiry`, and the masa percobaan is `releasedOn ..< expiry + 1 year`: its last day
  /// (`CivilDateInterval/end`, inclusive) is the day before `expiry + 1 year`, which is
  /// ``IntegrationEligibility/programmeEnd``. Example: expiry 2026-01-10, released 2025-01-20 →
  /// 2025-01-20 … 2027-01-09 (720 days).
  public func probationPeriod(for term: SentenceTerm, releasedOn: CivilDate) -> CivilDateInterval {
    CivilDateInterval(start: releasedOn, end: term.expiry.adding(probationExtension).adding(days: -1))
  }
}

/// Cuti bersyarat (CB, conditional leave) as versioned rules.
///
/// - Permenkumham 21/2013: sentence ≤ 1 year 3 months; CB at most 4 months. [C] (lapassarolangun)
/// - Permenkumham 21/2016 (amending 21/2013): sentence ≤ 1 year 6 months. [C] (lsc.bphn.go.id; the CB
///   maximum under this version is not in `field-facts.md` and is taken as 6 months — unconfirmed).
/// - Permenkumham 3/2018 (Ditjenpas spokesperson, 2019): sentence ≤ 1 year 6 months; 2/3 served; good
///   behaviour in the last 6 months before the 2/3 date; CB at most 6 months. [C] (news.detik.com)
public struct ConditionalLeaveRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The longest sentence that qualifies.
  public var maximumSentence: CivilDuration
  /// The longest CB.
  public var maximumLeave: CivilDuration
  /// The fraction that must be served (2/3).
  public var fraction: Fraction
  /// Good behaviour is required for this long before the 2/3 date (6 months under Permenkumham 3/2018;
  /// the same period is assumed for the older versions — unconfirmed).
  public var goodBehaviourBefore: CivilDuration = CivilDuration(months: 6)

  /// Permenkumham 21/2013.
  public static let permenkumham21of2013 = ConditionalLeaveRule(
    source: .year(2013, "Permenkumham 21/2013", .confirmed), maximumSentence: CivilDuration(years: 1, months: 3),
    maximumLeave: CivilDuration(months: 4), fraction: .twoThirds)
  /// Permenkumham 21/2016.
  public static let permenkumham21of2016 = ConditionalLeaveRule(
    source: .year(2016, "Permenkumham 21/2016 (amending 21/2013)", .partlyConfirmed),
    maximumSentence: CivilDuration(years: 1, months: 6), maximumLeave: CivilDuration(months: 6), fraction: .twoThirds)
  /// Permenkumham 3/2018.
  public static let permenkumham3of2018 = ConditionalLeaveRule(
    source: .year(2018, "Permenkumham 3/2018", .confirmed), maximumSentence: CivilDuration(years: 1, months: 6),
    maximumLeave: CivilDuration(months: 6), fraction: .twoThirds)

  /// Oldest first.
  public static let versions: [ConditionalLeaveRule] = [
    .permenkumham21of2013, .permenkumham21of2016, .permenkumham3of2018,
  ]

  /// CB eligibility: the 2/3 date, and the leave period from then to the expiry, cut at the maximum.
  ///
  /// Worked example (3/2018): 1 year 6 months from 2025-01-01 ends 2026-07-01 (546 days); ⌈2/3 × 546⌉
  /// = 364 → 2025-12-31; 182 days remain to 2026-07-01, more than 6 months (2025-12-31 + 6 months =
  /// 2026-06-30, clamped to the month end), so the leave runs 2025-12-31 to 2026-06-30.
  public func eligibility(
    for term: SentenceTerm, convention: DayCountConvention = .calendarDays,
    remission: RemissionTreatment = .reducesSentence
  ) throws(LegalCalendarError) -> IntegrationEligibility {
    try term.validate()
    let date = term.date(whenServed: fraction, convention: convention, remission: remission)
    var blockers: [IntegrationBlocker] = []
    if !term.length.isAtMost(maximumSentence, from: term.countingStart) {
      blockers.append(.sentenceTooLong(maximum: maximumSentence))
    }
    if date >= term.expiry { blockers.append(.noTimeLeftBeforeExpiry(expiry: term.expiry)) }
    let end = min(term.expiry, date.adding(maximumLeave))
    return IntegrationEligibility(
      earliestDate: date, expiry: term.expiry, blockers: blockers, source: source, programmeEnd: end,
      goodBehaviourSince: date.subtracting(goodBehaviourBefore))
  }
}

/// Cuti menjelang bebas (CMB, leave before release).
///
/// ≥ 2/3 served with the 2/3 at least 9 months, and good behaviour (Bapas Surabaya) [C]; the length is
/// the last remission received, **at most 6 months** — marked [R] (unconfirmed) in `field-facts.md` B2,
/// hence configurable through ``maximumLeave``.
public struct LeaveBeforeReleaseRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The fraction that must be served (2/3).
  public var fraction: Fraction
  /// The minimum length of that fraction (9 months).
  public var minimumServed: CivilDuration
  /// The longest CMB (6 months, unconfirmed).
  public var maximumLeave: CivilDuration

  /// Permenkumham 3/2018 (CMB length unconfirmed).
  public static let permenkumham3of2018 = LeaveBeforeReleaseRule(
    source: .year(2018, "Permenkumham 3/2018 (CMB length: unconfirmed)", .partlyConfirmed), fraction: .twoThirds,
    minimumServed: CivilDuration(months: 9), maximumLeave: CivilDuration(months: 6))
  /// Oldest first.
  public static let versions: [LeaveBeforeReleaseRule] = [.permenkumham3of2018]

  /// CMB eligibility: leave runs for the last remission (at most ``maximumLeave``) up to the expiry, and
  /// cannot start before the 2/3 date.
  public func eligibility(
    for term: SentenceTerm, lastRemission: CivilDuration, convention: DayCountConvention = .calendarDays,
    remission: RemissionTreatment = .reducesSentence
  ) throws(LegalCalendarError) -> IntegrationEligibility {
    try term.validate()
    let twoThirds = term.date(whenServed: fraction, convention: convention, remission: remission)
    var blockers: [IntegrationBlocker] = []
    if !term.fraction(fraction, isAtLeast: minimumServed, convention: convention, remission: remission) {
      blockers.append(
        .fractionShorterThanMinimum(
          fractionDate: twoThirds, minimumDate: ParoleRule.minimumDate(term, minimumServed, convention)))
    }
    let byRemission = term.expiry.subtracting(lastRemission)
    let byMaximum = term.expiry.subtracting(maximumLeave)
    let start = max(twoThirds, byRemission, byMaximum)
    if start >= term.expiry { blockers.append(.noTimeLeftBeforeExpiry(expiry: term.expiry)) }
    return IntegrationEligibility(
      earliestDate: start, expiry: term.expiry, blockers: blockers, source: source, programmeEnd: term.expiry,
      goodBehaviourSince: nil)
  }
}

/// Asimilasi (including asimilasi di rumah): from **1/2** of the sentence, with good behaviour (no
/// discipline in the last 6 months); runs until integration at 2/3. [C] Permenkumham 3/2018; jatengdaily
/// 2022; COVID-era Permenkumham 10/2020 → 32/2020 → 24/2021 → 43/2021.
public struct AssimilationRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The fraction that must be served (1/2).
  public var fraction: Fraction
  /// The fraction at which asimilasi gives way to integration (2/3).
  public var integrationFraction: Fraction

  /// Permenkumham 3/2018.
  public static let permenkumham3of2018 = AssimilationRule(
    source: .year(2018, "Permenkumham 3/2018 (asimilasi)", .confirmed), fraction: .half, integrationFraction: .twoThirds
  )
  /// Oldest first.
  public static let versions: [AssimilationRule] = [.permenkumham3of2018]

  /// Asimilasi from the 1/2 date to the 2/3 date.
  public func eligibility(
    for term: SentenceTerm, convention: DayCountConvention = .calendarDays,
    remission: RemissionTreatment = .reducesSentence
  ) throws(LegalCalendarError) -> IntegrationEligibility {
    try term.validate()
    let date = term.date(whenServed: fraction, convention: convention, remission: remission)
    let end = term.date(whenServed: integrationFraction, convention: convention, remission: remission)
    let blockers: [IntegrationBlocker] = date >= term.expiry ? [.noTimeLeftBeforeExpiry(expiry: term.expiry)] : []
    return IntegrationEligibility(
      earliestDate: date, expiry: term.expiry, blockers: blockers, source: source, programmeEnd: end,
      goodBehaviourSince: date.subtracting(CivilDuration(months: 6)))
  }
}

/// The outcome of an integration-programme calculation.
///
/// Dates only: the other legal gates (good behaviour, active in pembinaan, **reduced risk** — UU 22/2022
/// Pasal 10(2)) are decisions of the Lapas and the TPP, not arithmetic.
public struct IntegrationEligibility: Sendable, Hashable, Codable {
  /// The first day the programme may start.
  public var earliestDate: CivilDate
  /// The sentence expiry after remission: the first day of freedom (``SentenceTerm/expiry``).
  public var expiry: CivilDate
  /// Why the sentence does not qualify (empty when it does).
  public var blockers: [IntegrationBlocker]
  /// The rule version applied.
  public var source: RuleSource
  /// The end of the programme if started on ``earliestDate``: end of masa percobaan (PB), end of leave
  /// (CB, CMB) or the 2/3 date (asimilasi). Like ``expiry`` it is exclusive: the first day after the
  /// programme (the last day under it is the day before).
  public var programmeEnd: CivilDate
  /// The start of the period of good behaviour the Lapas must confirm (no disciplinary punishment from
  /// this day to ``earliestDate``): 9 months for PB, 6 months for CB and asimilasi; `nil` for CMB, whose
  /// sources give no period.
  public var goodBehaviourSince: CivilDate?
  /// `true` when there are no blockers.
  public var isEligible: Bool { blockers.isEmpty }
}

/// A reason a sentence does not qualify for an integration programme.
public enum IntegrationBlocker: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The 2/3 is shorter than the required minimum (9 months), compared exactly
  /// (``SentenceTerm/fraction(_:isAtLeast:convention:remission:)``).
  case fractionShorterThanMinimum(fractionDate: CivilDate, minimumDate: CivilDate)
  /// The sentence is longer than the programme allows (CB).
  case sentenceTooLong(maximum: CivilDuration)
  /// The sentence is shorter than the programme requires (PB under KUHP 2023).
  case sentenceTooShort(minimum: CivilDuration)
  /// The earliest date is not before the expiry.
  case noTimeLeftBeforeExpiry(expiry: CivilDate)

  /// A one-sentence explanation.
  public var description: String {
    switch self {
    case .fractionShorterThanMinimum(let f, let m):
      "The fraction of the sentence (reached on \(f)) is shorter than the minimum time served (reached on \(m)); the comparison is exact, without rounding to whole days."
    case .sentenceTooLong(let max): "The sentence is longer than the maximum of \(max)."
    case .sentenceTooShort(let min): "The sentence is shorter than the minimum of \(min)."
    case .noTimeLeftBeforeExpiry(let e): "The sentence expires on \(e), before the programme could start."
    }
  }
}
