import AssessmentEngine

/// Pidana pengawasan for adults under KUHP 2023 (UU 1/2023) Pasal 75–76, in force 2026-01-02. [C]
///
/// Possible for offences threatened with at most 5 years of imprisonment; the term is at most the
/// threatened prison term and **at most 3 years**. The PK's consideration can lead to an extension (on
/// violation of a special condition) or a reduction (on good behaviour).
public struct SupervisionSentenceRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The highest threatened imprisonment that allows pidana pengawasan (5 years).
  public var maximumThreatened: CivilDuration
  /// The longest pidana pengawasan (3 years).
  public var maximumTerm: CivilDuration

  /// KUHP 2023 Pasal 75–76.
  public static let kuhp2023 = SupervisionSentenceRule(
    source: .exact(2026, 1, 2, "KUHP 2023 (UU 1/2023) Pasal 75–76", .confirmed),
    maximumThreatened: CivilDuration(years: 5), maximumTerm: CivilDuration(years: 3))
  /// Oldest first.
  public static let versions: [SupervisionSentenceRule] = [.kuhp2023]

  /// The problems with a pidana pengawasan of `term` for an offence threatened with `threatened`
  /// imprisonment, imposed from `start` (empty when lawful).
  public func violations(threatened: CivilDuration, term: CivilDuration, start: CivilDate) -> [SanctionLimitViolation] {
    var out: [SanctionLimitViolation] = []
    if !threatened.isAtMost(maximumThreatened, from: start) {
      out.append(.offenceTooSerious(threatened: threatened, maximum: maximumThreatened))
    }
    if !term.isAtMost(maximumTerm, from: start) { out.append(.termTooLong(term: term, maximum: maximumTerm)) }
    if !term.isAtMost(threatened, from: start) { out.append(.termTooLong(term: term, maximum: threatened)) }
    return out
  }

  /// The supervision period: `start` to `start + term`.
  public func period(start: CivilDate, term: CivilDuration) -> CivilDateInterval {
    CivilDateInterval(start: start, end: start.adding(term))
  }
}

/// Children's sanctions under UU 11/2012 (SPPA) and PP 58/2022, and diversi.
///
/// - Pidana dengan syarat only when the prison term imposed is **≤ 2 years**. [C]
/// - Pelayanan masyarakat: **7–120 hours**, at most 3 hours a day. [C]
/// - Pidana pengawasan (anak): **3 months to 2 years** (SPPA Pasal 77) — [R], unconfirmed.
/// - Diversi: offences threatened with **less than 7 years**, and not a repeat offence (SPPA Pasal 7). [C]
public struct JuvenileSanctionRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The longest prison term for which pidana dengan syarat may be imposed.
  public var conditionalMaximumPrisonTerm: CivilDuration
  /// Pelayanan masyarakat hours, inclusive.
  public var communityServiceHours: ClosedRange<Int>
  /// The shortest pidana pengawasan (unconfirmed).
  public var supervisionMinimum: CivilDuration
  /// The longest pidana pengawasan (unconfirmed).
  public var supervisionMaximum: CivilDuration
  /// Diversi requires a threatened term strictly below this.
  public var diversiThreatenedBelow: CivilDuration

  /// UU 11/2012 (SPPA), effective 2014-07-31 per its Pasal 108 (two years after enactment on
  /// 2012-07-30) — the effective date is not in `field-facts.md` and is marked inexact.
  public static let sppa2012 = JuvenileSanctionRule(
    source: .year(2014, "UU 11/2012 (SPPA) Pasal 7, 71–77; PP 58/2022", .partlyConfirmed),
    conditionalMaximumPrisonTerm: CivilDuration(years: 2), communityServiceHours: 7...120,
    supervisionMinimum: CivilDuration(months: 3), supervisionMaximum: CivilDuration(years: 2),
    diversiThreatenedBelow: CivilDuration(years: 7))
  /// Oldest first.
  public static let versions: [JuvenileSanctionRule] = [.sppa2012]

  /// Whether diversi may be attempted: threatened term below 7 years and not a repeat offence.
  public func diversiAllowed(threatened: CivilDuration, isRepeatOffence: Bool, from start: CivilDate) -> Bool {
    !isRepeatOffence && start.adding(threatened) < start.adding(diversiThreatenedBelow)
  }

  /// Problems with a child's pidana pengawasan of `term` (empty when lawful).
  public func supervisionViolations(term: CivilDuration, start: CivilDate) -> [SanctionLimitViolation] {
    var out: [SanctionLimitViolation] = []
    if !supervisionMinimum.isAtMost(term, from: start) {
      out.append(.termTooShort(term: term, minimum: supervisionMinimum))
    }
    if !term.isAtMost(supervisionMaximum, from: start) {
      out.append(.termTooLong(term: term, maximum: supervisionMaximum))
    }
    return out
  }

  /// `true` when `hours` of pelayanan masyarakat is within 7...120.
  public func communityServiceAllowed(hours: Int) -> Bool { communityServiceHours.contains(hours) }

  /// `true` when a prison term of `imposed` allows pidana dengan syarat (≤ 2 years).
  public func conditionalSentenceAllowed(imposed: CivilDuration, from start: CivilDate) -> Bool {
    imposed.isAtMost(conditionalMaximumPrisonTerm, from: start)
  }
}

/// A sanction outside its legal limits.
public enum SanctionLimitViolation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The offence carries more than the threatened maximum.
  case offenceTooSerious(threatened: CivilDuration, maximum: CivilDuration)
  /// The term is longer than allowed.
  case termTooLong(term: CivilDuration, maximum: CivilDuration)
  /// The term is shorter than allowed.
  case termTooShort(term: CivilDuration, minimum: CivilDuration)
  /// A one-sentence explanation.
  public var description: String {
    switch self {
    case .offenceTooSerious(let t, let m): "The offence is threatened with \(t), more than the \(m) allowed."
    case .termTooLong(let t, let m): "The term of \(t) is longer than the \(m) allowed."
    case .termTooShort(let t, let m): "The term of \(t) is shorter than the \(m) required."
    }
  }
}

/// Reassessment of risk and needs for Klien: **every 12 months**, based on the previous assessment, or
/// earlier when new information affects the risk of reoffending (Permenkumham 12/2013 Pasal 4). [C]
public struct ReassessmentRule: VersionedRule, Hashable {
  /// The source and effective date.
  public var source: RuleSource
  /// The interval between assessments (12 months).
  public var interval: CivilDuration

  /// Permenkumham 12/2013 (BN 2013/445).
  public static let permenkumham12of2013 = ReassessmentRule(
    source: .year(2013, "Permenkumham 12/2013 Pasal 4 (BN 2013/445)", .confirmed), interval: CivilDuration(months: 12))
  /// Oldest first.
  public static let versions: [ReassessmentRule] = [.permenkumham12of2013]

  /// The date the next assessment is due: the last one + 12 months, or `receivedOn` when there is none
  /// (a client without an assessment needs one at reception).
  public func nextDue(lastAssessment: CivilDate?, receivedOn: CivilDate) -> CivilDate {
    lastAssessment.map { $0.adding(interval) } ?? receivedOn
  }
}
