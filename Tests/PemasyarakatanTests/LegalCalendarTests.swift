import AssessmentEngine
import Testing

@testable import Pemasyarakatan

/// Hand-worked cases for each legal rule. Day counts are written out in the comments.
@Suite("Legal calendar")
struct LegalCalendarTests {
  let threeYears = SentenceTerm(countingStart: d("2023-01-10"), length: CivilDuration(years: 3))

  @Test func paroleTwoThirdsAndProbation_Permenkumham3of2018Pasal82_KUHPPasal15() throws {
    // 3 years from 2023-01-10 → 2026-01-10 = 1096 days; ⌈2/3 × 1096⌉ = ⌈730.67⌉ = 731 → 2025-01-10.
    // 9 months from the start = 2023-10-10 ≤ 2025-01-10 → eligible.
    // Masa percobaan = remaining sentence + 1 year → ends 2026-01-10 + 1 y = 2027-01-10 (exclusive, like
    // the expiry: the first free day), so its last day under guidance is 2027-01-09.
    let e = try ParoleRule.permenkumham3of2018.eligibility(for: threeYears)
    #expect(e.earliestDate == d("2025-01-10"))
    #expect(e.expiry == d("2026-01-10"))
    #expect(e.programmeEnd == d("2027-01-10"))
    #expect(e.isEligible)
    let p = ParoleRule.permenkumham3of2018.probationPeriod(for: threeYears, releasedOn: d("2025-01-20"))
    #expect(p == CivilDateInterval(start: d("2025-01-20"), end: d("2027-01-09")))
  }

  @Test func paroleWithRemission_hukumonline2017_fractionOfSentenceMinusRemisi() throws {
    // 3 years − 2 months remisi: expiry 2026-01-10 − 2 m = 2025-11-10.
    // 2023-01-10 → 2025-11-10 = 731 + 304 = 1035 days; 2/3 × 1035 = 690 exactly.
    // 2023-01-10 + 690 d = 2024-01-10 + 325 d = 2024-11-30.
    let term = SentenceTerm(
      countingStart: d("2023-01-10"), length: CivilDuration(years: 3), remission: CivilDuration(months: 2))
    let e = try ParoleRule.permenkumham3of2018.eligibility(for: term)
    #expect(e.expiry == d("2025-11-10"))
    #expect(e.earliestDate == d("2024-11-30"))
    #expect(e.programmeEnd == d("2026-11-10"))
    // Remission ignored for the fraction: back to 2025-01-10.
    #expect(term.date(whenServed: .twoThirds, remission: .ignored) == d("2025-01-10"))
  }

  @Test func paroleNineMonthMinimumBoundary_Permenkumham3of2018Pasal82() throws {
    // 1 y 1 m 15 d from 2025-01-01 → 2026-02-16 = 365 + 31 + 15 = 411 days; ⌈2/3 × 411⌉ = 274 →
    // 2025-10-02, on/after 9 months (2025-10-01): eligible.
    let justEnough = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: 1, months: 1, days: 15))
    let ok = try ParoleRule.permenkumham3of2018.eligibility(for: justEnough)
    #expect(ok.earliestDate == d("2025-10-02"))
    #expect(ok.isEligible)
    // 1 y 1 m → 2026-02-01 = 396 days; 2/3 × 396 = 264 → 2025-09-22, before 2025-10-01: not eligible.
    let short = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: 1, months: 1))
    let no = try ParoleRule.permenkumham3of2018.eligibility(for: short)
    #expect(no.earliestDate == d("2025-09-22"))
    #expect(no.blockers == [.fractionShorterThanMinimum(fractionDate: d("2025-09-22"), minimumDate: d("2025-10-01"))])
  }

  @Test func paroleUnderKUHP2023NeedsOneYearSentence_Pasal72Elucidation() throws {
    // 11 months from 2026-02-01 → 2027-01-01 = 334 days; ⌈2/3 × 334⌉ = 223 → 2026-09-12;
    // 9 months = 2026-11-01: too early; and the sentence is under 1 year.
    let term = SentenceTerm(countingStart: d("2026-02-01"), length: CivilDuration(months: 11))
    let e = try ParoleRule.kuhp2023.eligibility(for: term)
    #expect(e.earliestDate == d("2026-09-12"))
    #expect(
      e.blockers == [
        .fractionShorterThanMinimum(fractionDate: d("2026-09-12"), minimumDate: d("2026-11-01")),
        .sentenceTooShort(minimum: CivilDuration(years: 1)),
      ])
  }

  @Test func versionInForceByDate() {
    #expect(ParoleRule.inForce(on: d("2026-01-01")) == .permenkumham3of2018)
    #expect(ParoleRule.inForce(on: d("2026-01-02")) == .kuhp2023)  // KUHP 2023 in force 2 Jan 2026
    #expect(ConditionalLeaveRule.inForce(on: d("2014-06-01")) == .permenkumham21of2013)
    #expect(ConditionalLeaveRule.inForce(on: d("2017-06-01")) == .permenkumham21of2016)
    #expect(ConditionalLeaveRule.inForce(on: d("2019-06-01")) == .permenkumham3of2018)
    #expect(ConditionalLeaveRule.inForce(on: d("2012-12-31")) == nil)
    #expect(ParoleRule.kuhp2023.source.effectiveDateIsExact)
    #expect(ParoleRule.kuhp2023.source.effectiveFrom == d("2026-01-02"))
  }

  @Test func conditionalLeave_Permenkumham3of2018() throws {
    // 1 y 6 m from 2025-01-01 → 2026-07-01 = 365 + 181 = 546 days; 2/3 × 546 = 364 → 2025-12-31.
    // 182 days remain; CB is at most 6 months: 2025-12-31 + 6 m = 2026-06-30 (June has 30 days).
    let term = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: 1, months: 6))
    let e = try ConditionalLeaveRule.permenkumham3of2018.eligibility(for: term)
    #expect(e.earliestDate == d("2025-12-31"))
    #expect(e.programmeEnd == d("2026-06-30"))
    #expect(e.isEligible)
    // The same sentence is too long under Permenkumham 21/2013 (≤ 1 y 3 m).
    let old = try ConditionalLeaveRule.permenkumham21of2013.eligibility(for: term)
    #expect(old.blockers == [.sentenceTooLong(maximum: CivilDuration(years: 1, months: 3))])
    // 1 y 7 m is too long under 3/2018.
    let long = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: 1, months: 7))
    #expect(
      try ConditionalLeaveRule.permenkumham3of2018.eligibility(for: long).blockers == [
        .sentenceTooLong(maximum: CivilDuration(years: 1, months: 6))
      ])
  }

  @Test func conditionalLeaveShortRemainder_Permenkumham3of2018() throws {
    // 9 months from 2025-01-01 → 2025-10-01 = 273 days; 2/3 × 273 = 182 → 2025-07-02; the remainder
    // (to 2025-10-01) is shorter than 6 months, so the leave ends at the expiry.
    let term = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(months: 9))
    let e = try ConditionalLeaveRule.permenkumham3of2018.eligibility(for: term)
    #expect(e.earliestDate == d("2025-07-02"))
    #expect(e.programmeEnd == d("2025-10-01"))
  }

  @Test func leaveBeforeRelease_lastRemissionAtMostSixMonths() throws {
    // 3 y from 2023-01-10 with 3 months remisi in total: expiry 2025-10-10. 2023-01-10 → 2025-10-10 =
    // 731 + 273 = 1004 days; ⌈2/3 × 1004⌉ = 670 → 2024-11-10. Last remisi 2 months → CMB from
    // 2025-08-10 (later than the 2/3 date and than expiry − 6 m = 2025-04-10) to 2025-10-10.
    let term = SentenceTerm(
      countingStart: d("2023-01-10"), length: CivilDuration(years: 3), remission: CivilDuration(months: 3))
    let e = try LeaveBeforeReleaseRule.permenkumham3of2018.eligibility(
      for: term, lastRemission: CivilDuration(months: 2))
    #expect(term.date(whenServed: .twoThirds) == d("2024-11-10"))
    #expect(e.earliestDate == d("2025-08-10"))
    #expect(e.programmeEnd == d("2025-10-10"))
    #expect(e.isEligible)
    // A last remisi of 8 months is capped at 6: from 2025-04-10.
    let capped = try LeaveBeforeReleaseRule.permenkumham3of2018.eligibility(
      for: term, lastRemission: CivilDuration(months: 8))
    #expect(capped.earliestDate == d("2025-04-10"))
  }

  @Test func assimilationAtHalf_Permenkumham3of2018() throws {
    // 2 y from 2024-03-01 → 2026-03-01 = 365 + 365 = 730 days (no 29 Feb between): 1/2 = 365 →
    // 2025-03-01; runs until 2/3 = ⌈486.67⌉ = 487 → 2025-07-01.
    let term = SentenceTerm(countingStart: d("2024-03-01"), length: CivilDuration(years: 2))
    let e = try AssimilationRule.permenkumham3of2018.eligibility(for: term)
    #expect(e.earliestDate == d("2025-03-01"))
    #expect(e.programmeEnd == d("2025-07-01"))
  }

  @Test func thirtyDayMonthConvention_Keppres174of1999Pasal7() {
    // 3 y = 36 × 30 = 1080 days; 2/3 = 720 = 24 months → 2025-01-10 (same as calendar days here).
    #expect(threeYears.date(whenServed: .twoThirds, convention: .thirtyDayMonths) == d("2025-01-10"))
    // 1 y 5 m = 17 × 30 = 510 days; 2/3 = 340 = 11 months 10 days; 2025-01-31 + 11 m = 2025-12-31,
    // + 10 d = 2026-01-10. Calendar days: 2025-01-31 + 1 y 5 m = 2026-06-30, 515 days, ⌈343.33⌉ = 344
    // → 2026-01-10 too (2025-01-31 + 344 = 2026-01-10).
    let term = SentenceTerm(countingStart: d("2025-01-31"), length: CivilDuration(years: 1, months: 5))
    #expect(term.date(whenServed: .twoThirds, convention: .thirtyDayMonths) == d("2026-01-10"))
    #expect(term.date(whenServed: .twoThirds, convention: .calendarDays) == d("2026-01-10"))
    // The conventions differ on 1 y from 2024-01-01 (366 days in 2024): ⌈2/3 × 366⌉ = 244 →
    // 2024-09-01; 30-day months: 360 × 2/3 = 240 = 8 months → 2024-09-01. Half: 183 → 2024-07-02
    // versus 180 = 6 months → 2024-07-01.
    let leap = SentenceTerm(countingStart: d("2024-01-01"), length: CivilDuration(years: 1))
    #expect(leap.date(whenServed: .half) == d("2024-07-02"))
    #expect(leap.date(whenServed: .half, convention: .thirtyDayMonths) == d("2024-07-01"))
  }

  @Test func badSentencesAreTypedErrors() {
    let negative = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: -1))
    #expect(throws: LegalCalendarError.negativeDuration(field: "length")) {
      try ParoleRule.kuhp2023.eligibility(for: negative)
    }
    let allRemitted = SentenceTerm(
      countingStart: d("2025-01-01"), length: CivilDuration(months: 6), remission: CivilDuration(months: 6))
    #expect(
      throws: LegalCalendarError.remissionExceedsSentence(
        length: CivilDuration(months: 6), remission: CivilDuration(months: 6))
    ) {
      try AssimilationRule.permenkumham3of2018.eligibility(for: allRemitted)
    }
  }

  @Test func supervisionSentenceLimits_KUHP2023Pasal75to76() {
    let rule = SupervisionSentenceRule.kuhp2023
    let start = d("2026-03-01")
    #expect(rule.violations(threatened: CivilDuration(years: 5), term: CivilDuration(years: 3), start: start).isEmpty)
    #expect(
      rule.violations(threatened: CivilDuration(years: 6), term: CivilDuration(years: 1), start: start) == [
        .offenceTooSerious(threatened: CivilDuration(years: 6), maximum: CivilDuration(years: 5))
      ])
    #expect(
      rule.violations(threatened: CivilDuration(years: 5), term: CivilDuration(years: 3, months: 1), start: start) == [
        .termTooLong(term: CivilDuration(years: 3, months: 1), maximum: CivilDuration(years: 3))
      ])
    // The term may not exceed the threatened prison term either.
    #expect(
      rule.violations(threatened: CivilDuration(years: 1), term: CivilDuration(years: 2), start: start) == [
        .termTooLong(term: CivilDuration(years: 2), maximum: CivilDuration(years: 1))
      ])
    #expect(
      rule.period(start: start, term: CivilDuration(years: 2)) == CivilDateInterval(start: start, end: d("2028-03-01")))
  }

  @Test func juvenileSanctions_UU11of2012() {
    let rule = JuvenileSanctionRule.sppa2012
    let start = d("2025-01-01")
    // Diversi: threatened < 7 years and not a repeat offence (SPPA Pasal 7).
    #expect(rule.diversiAllowed(threatened: CivilDuration(years: 6, months: 11), isRepeatOffence: false, from: start))
    #expect(!rule.diversiAllowed(threatened: CivilDuration(years: 7), isRepeatOffence: false, from: start))
    #expect(!rule.diversiAllowed(threatened: CivilDuration(years: 2), isRepeatOffence: true, from: start))
    // Pelayanan masyarakat 7–120 hours.
    #expect(rule.communityServiceAllowed(hours: 7) && rule.communityServiceAllowed(hours: 120))
    #expect(!rule.communityServiceAllowed(hours: 6) && !rule.communityServiceAllowed(hours: 121))
    // Pidana dengan syarat only for a prison term ≤ 2 years.
    #expect(rule.conditionalSentenceAllowed(imposed: CivilDuration(years: 2), from: start))
    #expect(!rule.conditionalSentenceAllowed(imposed: CivilDuration(years: 2, days: 1), from: start))
    // Pidana pengawasan anak 3 months – 2 years (SPPA Pasal 77, unconfirmed).
    #expect(
      rule.supervisionViolations(term: CivilDuration(months: 2), start: start) == [
        .termTooShort(term: CivilDuration(months: 2), minimum: CivilDuration(months: 3))
      ])
    #expect(rule.supervisionViolations(term: CivilDuration(years: 1), start: start).isEmpty)
  }

  @Test func reassessmentEveryTwelveMonths_Permenkumham12of2013Pasal4() {
    let rule = ReassessmentRule.permenkumham12of2013
    #expect(rule.nextDue(lastAssessment: d("2025-01-25"), receivedOn: d("2025-01-20")) == d("2026-01-25"))
    #expect(rule.nextDue(lastAssessment: d("2024-02-29"), receivedOn: d("2024-01-01")) == d("2025-02-28"))
    #expect(rule.nextDue(lastAssessment: nil, receivedOn: d("2025-01-20")) == d("2025-01-20"))
  }

  @Test func guidanceStageBoundaries_unconfirmedThirds() {
    // 2025-01-20 … 2027-01-20 holds 731 days (both ends included). Thirds: ⌈731/3⌉ = 244 → 2025-09-21;
    // ⌈1462/3⌉ = 488 → 2026-05-23. Narapidana mirror: ⌈731/2⌉ = 366 → 2026-01-21.
    let period = CivilDateInterval(start: d("2025-01-20"), end: d("2027-01-20"))
    let b = GuidanceStageRule.thirds.boundaries(of: period)
    #expect(b.lanjutanFrom == d("2025-09-21"))
    #expect(b.akhirFrom == d("2026-05-23"))
    #expect(GuidanceStageRule.narapidanaMirror.boundaries(of: period).akhirFrom == d("2026-01-21"))
    #expect(GuidanceStageRule.thirds.expectedStage(on: d("2025-09-20"), in: period) == .tahapAwal)
    #expect(GuidanceStageRule.thirds.expectedStage(on: d("2025-09-21"), in: period) == .tahapLanjutan)
    #expect(GuidanceStageRule.thirds.expectedStage(on: d("2026-05-22"), in: period) == .tahapLanjutan)
    #expect(GuidanceStageRule.thirds.expectedStage(on: d("2026-05-23"), in: period) == .tahapAkhir)
    #expect(GuidanceStageRule.thirds.expectedStage(on: d("2027-01-21"), in: period) == .pengakhiran)
    #expect(GuidanceStageRule.thirds.source.evidence == .unconfirmed)
  }
}

@Suite("Legal calendar: behaviour windows and revocation limits")
struct LegalCalendarWindowTests {
  @Test func goodBehaviourWindows_Permenkumham3of2018() throws {
    // PB: 2/3 on 2025-01-10 → good behaviour from 2024-04-10 (9 months before).
    let pb = try ParoleRule.permenkumham3of2018.eligibility(
      for: SentenceTerm(countingStart: d("2023-01-10"), length: CivilDuration(years: 3)))
    #expect(pb.goodBehaviourSince == d("2024-04-10"))
    // CB: 2/3 on 2025-12-31 → from 2025-06-30 (6 months before; 31 June does not exist).
    let cb = try ConditionalLeaveRule.permenkumham3of2018.eligibility(
      for: SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: 1, months: 6)))
    #expect(cb.goodBehaviourSince == d("2025-06-30"))
    // Asimilasi: 1/2 on 2025-03-01 → no discipline since 2024-09-01.
    let asimilasi = try AssimilationRule.permenkumham3of2018.eligibility(
      for: SentenceTerm(countingStart: d("2024-03-01"), length: CivilDuration(years: 2)))
    #expect(asimilasi.goodBehaviourSince == d("2024-09-01"))
  }

  @Test func paroleRevocationDeadline_KUHP2023Pasal73() {
    // Masa percobaan ends 2027-01-10 → revocable until 2027-04-10; the old rules set no limit.
    #expect(ParoleRule.kuhp2023.revocationDeadline(probationEnd: d("2027-01-10")) == d("2027-04-10"))
    #expect(ParoleRule.permenkumham3of2018.revocationDeadline(probationEnd: d("2027-01-10")) == nil)
  }

  @Test func rulesAreConfigurable() throws {
    // An unconfirmed parameter can be changed by copying the published version.
    var cmb = LeaveBeforeReleaseRule.permenkumham3of2018
    cmb.maximumLeave = CivilDuration(months: 3)
    let term = SentenceTerm(
      countingStart: d("2023-01-10"), length: CivilDuration(years: 3), remission: CivilDuration(months: 3))
    // Expiry 2025-10-10; a last remisi of 8 months is now capped at 3 → from 2025-07-10.
    #expect(try cmb.eligibility(for: term, lastRemission: CivilDuration(months: 8)).earliestDate == d("2025-07-10"))
  }
}
