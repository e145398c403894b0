import AssessmentEngine

/// Where a legal rule comes from and since when it applies.
///
/// JSON: `{"citation": "KUHP 2023 (UU 1/2023) Pasal 72", "effectiveFrom": "2026-01-02",
/// "effectiveDateIsExact": true, "evidence": "confirmed"}`.
public struct RuleSource: Sendable, Hashable, Codable {
  /// The law and article, e.g. "Permenkumham 3/2018 Pasal 82".
  public var citation: String
  /// The first day the rule applies. When only the year is known this is 1 January of that year and
  /// ``effectiveDateIsExact`` is `false`.
  public var effectiveFrom: CivilDate
  /// `true` when ``effectiveFrom`` is the exact date from the source.
  public var effectiveDateIsExact: Bool
  /// How well the rule's content is confirmed in `field-facts.md`.
  public var evidence: Evidence

  /// Creates a source record.
  public init(citation: String, effectiveFrom: CivilDate, effectiveDateIsExact: Bool, evidence: Evidence) {
    self.citation = citation
    self.effectiveFrom = effectiveFrom
    self.effectiveDateIsExact = effectiveDateIsExact
    self.evidence = evidence
  }

  /// The evidence markers of `field-facts.md`.
  public enum Evidence: String, Sendable, Hashable, Codable, CaseIterable {
    /// [C] read in the cited source.
    case confirmed
    /// [C~] the gist is supported, not every detail.
    case partlyConfirmed
    /// [R] general knowledge, not verified: configurable, verify with Ditjenpas.
    case unconfirmed
  }

  static func year(_ y: Int, _ citation: String, _ evidence: Evidence) -> RuleSource {
    RuleSource(
      citation: citation, effectiveFrom: CivilDate(dayNumber: CivilDate.jan1DayNumber(y)), effectiveDateIsExact: false,
      evidence: evidence)
  }

  static func exact(_ y: Int, _ m: Int, _ d: Int, _ citation: String, _ evidence: Evidence) -> RuleSource {
    let date = (try? CivilDate(year: y, month: m, day: d)) ?? CivilDate(dayNumber: CivilDate.jan1DayNumber(y))
    return RuleSource(citation: citation, effectiveFrom: date, effectiveDateIsExact: true, evidence: evidence)
  }
}

extension CivilDate {
  static func jan1DayNumber(_ year: Int) -> Int {
    let y = year - 1
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + 306
    return era * 146_097 + doe - 719_468
  }
}

/// A legal rule that exists in dated versions.
public protocol VersionedRule: Sendable {
  /// The versions, oldest first.
  static var versions: [Self] { get }
  /// The version's source and effective date.
  var source: RuleSource { get }
}

extension VersionedRule {
  /// The version in force on `date`: the latest whose ``RuleSource/effectiveFrom`` is on or before it,
  /// or `nil` before the first version.
  public static func inForce(on date: CivilDate) -> Self? {
    versions.last { $0.source.effectiveFrom <= date }
  }
}
