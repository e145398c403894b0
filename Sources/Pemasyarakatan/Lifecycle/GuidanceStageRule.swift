import AssessmentEngine

/// How the masa bimbingan is split into tahap awal, lanjutan and akhir.
///
/// **Unconfirmed.** `field-facts.md` B3 marks the Klien boundaries as [R]: the default (1/3 and 2/3 of
/// the masa bimbingan) is thought to come from the 1987 Juklak (E.39/E.40-PR.05.03) and the 2016
/// Standar Bimbingan Klien, not from PP 31/1999; the alternative mirrors the narapidana scheme of PP
/// 31/1999 Pasal 7–10 (1/3 → 1/2 → end). Verify with Ditjenpas; pass your own fractions if needed.
/// The stage itself only changes by a sidang TPP decision (``CaseLifecycle``); the boundaries tell
/// when a TPP review is due.
public struct GuidanceStageRule: Sendable, Hashable, Codable {
  /// Where tahap lanjutan begins, as a fraction of the masa bimbingan.
  public var lanjutanFrom: Fraction
  /// Where tahap akhir begins.
  public var akhirFrom: Fraction
  /// The source.
  public var source: RuleSource

  /// Creates a rule; fractions are taken as given.
  public init(lanjutanFrom: Fraction, akhirFrom: Fraction, source: RuleSource) {
    self.lanjutanFrom = lanjutanFrom
    self.akhirFrom = akhirFrom
    self.source = source
  }

  /// Default: 1/3 and 2/3 (unconfirmed).
  public static let thirds = GuidanceStageRule(
    lanjutanFrom: .oneThird, akhirFrom: .twoThirds,
    source: .year(
      1987, "Juklak/Juknis E.39-PR.05.03 and E.40-PR.05.03 (1987); Standar Bimbingan Klien (2016) — unconfirmed",
      .unconfirmed))

  /// Alternative mirroring PP 31/1999 Pasal 7–10 for narapidana: 1/3 and 1/2 (unconfirmed for Klien).
  public static let narapidanaMirror = GuidanceStageRule(
    lanjutanFrom: .oneThird, akhirFrom: .half,
    source: .year(1999, "PP 31/1999 Pasal 7–10 (narapidana scheme applied to Klien) — unconfirmed", .unconfirmed))

  /// The first day of tahap lanjutan and of tahap akhir within `period`, by ⌈fraction × days⌉ from the
  /// start, where days counts both the first and the last day of the masa bimbingan
  /// (`CivilDateInterval/inclusiveDayCount`: the interval is closed).
  ///
  /// Worked example (``thirds``): 2025-01-20...2027-01-20 holds 731 days; ⌈731/3⌉ = 244 → 2025-09-21;
  /// ⌈1462/3⌉ = 488 → 2026-05-23.
  public func boundaries(of period: CivilDateInterval) -> StageBoundaries {
    let days = period.inclusiveDayCount
    return StageBoundaries(
      awalFrom: period.start,
      lanjutanFrom: period.start.adding(days: lanjutanFrom.ceilOf(days)),
      akhirFrom: period.start.adding(days: akhirFrom.ceilOf(days)),
      end: period.end)
  }

  /// The stage the calendar expects on `date` (``CaseStage/tahapAwal`` also before the start, since
  /// reception belongs to tahap awal; ``CaseStage/pengakhiran`` after the end).
  public func expectedStage(on date: CivilDate, in period: CivilDateInterval) -> CaseStage {
    let b = boundaries(of: period)
    if date > b.end { return .pengakhiran }
    if date >= b.akhirFrom { return .tahapAkhir }
    if date >= b.lanjutanFrom { return .tahapLanjutan }
    return .tahapAwal
  }
}

/// The first days of the three stages and the last day of the masa bimbingan.
public struct StageBoundaries: Sendable, Hashable, Codable {
  /// The first day of tahap awal.
  public var awalFrom: CivilDate
  /// The first day of tahap lanjutan.
  public var lanjutanFrom: CivilDate
  /// The first day of tahap akhir.
  public var akhirFrom: CivilDate
  /// The last day of the masa bimbingan.
  public var end: CivilDate
}
