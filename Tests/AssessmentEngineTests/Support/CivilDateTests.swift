import AssessmentEngine
import Testing
import _AssessmentTestSupport

/// A date literal for these tests: `d("2025-01-10")`; a bad literal is a bug in the test and fails loudly.
private func d(_ text: String) -> CivilDate {
  do { return try CivilDate(iso: text) } catch {
    Issue.record("bad test date \(text)")
    return CivilDate(dayNumber: 0)
  }
}

@Suite("Civil dates")
struct CivilDateTests {
  @Test func dayNumbersOfKnownDates() {
    // 1970-01-01 is day 0 (Unix epoch); 2000-01-01 is 10957 days later (30 years, 7 leap days:
    // 30 × 365 + 7 = 10957); 2000-03-01 adds 31 + 29 = 60 (2000 is a leap year: divisible by 400).
    #expect(d("1970-01-01").dayNumber == 0)
    #expect(d("2000-01-01").dayNumber == 10957)
    #expect(d("2000-03-01").dayNumber == 11017)
    #expect(d("1969-12-31").dayNumber == -1)
  }

  @Test func leapYears() {
    #expect(CivilDate.isLeapYear(2024))
    #expect(!CivilDate.isLeapYear(2025))
    #expect(!CivilDate.isLeapYear(1900))  // century not divisible by 400
    #expect(CivilDate.isLeapYear(2000))
    #expect(throws: CivilDateError(text: "2025-02-29")) { try CivilDate(year: 2025, month: 2, day: 29) }
  }

  @Test func monthArithmeticClampsToMonthEnd() {
    // 31 January + 1 month: February has no 31st, so the day is clamped to the month end.
    #expect(d("2024-01-31").adding(months: 1) == d("2024-02-29"))
    #expect(d("2025-01-31").adding(months: 1) == d("2025-02-28"))
    #expect(d("2025-03-31").adding(months: -1) == d("2025-02-28"))
    #expect(d("2025-08-31").adding(months: 1) == d("2025-09-30"))
    // A 29 February anniversary falls on 28 February in a common year.
    #expect(d("2024-02-29").adding(years: 1) == d("2025-02-28"))
    #expect(d("2024-02-29").adding(years: 4) == d("2028-02-29"))
    #expect(d("2025-11-15").adding(months: 3) == d("2026-02-15"))
  }

  @Test func durationsAddMonthsThenDays() {
    // 2025-01-31 + (1 m 1 d): months first → 2025-02-28, then a day → 2025-03-01. Doing days first
    // would give 2025-02-01 + 1 m = 2025-03-01 as well here, but 2025-01-30 + (1 m 1 d) shows the order:
    // months first → 2025-02-28 → 2025-03-01; days first → 2025-01-31 → 2025-02-28.
    #expect(d("2025-01-31").adding(CivilDuration(months: 1, days: 1)) == d("2025-03-01"))
    #expect(d("2025-01-30").adding(CivilDuration(months: 1, days: 1)) == d("2025-03-01"))
    #expect(d("2023-01-10").adding(CivilDuration(years: 3)) == d("2026-01-10"))
    #expect(d("2026-01-10").subtracting(CivilDuration(months: 2)) == d("2025-11-10"))
  }

  @Test func dayCountsAcrossLeapYears() {
    // 2023-01-10 → 2026-01-10: 365 + 366 (contains 2024-02-29) + 365 = 1096.
    #expect(d("2023-01-10").days(to: d("2026-01-10")) == 1096)
    #expect(d("2024-02-28").adding(days: 1) == d("2024-02-29"))
    #expect(d("2024-12-31").adding(days: 1) == d("2025-01-01"))
  }

  @Test func completedYears() {
    let born = d("2007-03-15")
    #expect(born.completedYears(on: d("2025-03-14")) == 17)
    #expect(born.completedYears(on: d("2025-03-15")) == 18)
    #expect(d("2008-02-29").completedYears(on: d("2026-02-28")) == 18)
    #expect(d("2008-02-29").completedYears(on: d("2026-02-27")) == 17)
  }

  @Test(arguments: [
    "2025-2-01", "2025-13-01", "2025-02-30", "20250201", "2025-02-01T00:00", "", "abcd-ef-gh", "٢٠٢٥-٠٢-٠١",
  ])
  func rejectsBadText(_ text: String) {
    #expect(throws: CivilDateError(text: text)) { try CivilDate(iso: text) }
  }

  @Test(arguments: [UInt64(11), 12, 13])
  func dayNumberRoundTripsAndOrders(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<500 {
      let n = Int.random(in: -700_000...2_900_000, using: &rng)
      let date = CivilDate(dayNumber: n)
      #expect(date.dayNumber == n)
      #expect(CivilDate(dayNumber: n + 1) > date)
      #expect((try? CivilDate(iso: date.description)) == date)
      // Adding k months then −k months returns to a day no later than the start (clamping only shortens).
      let k = Int.random(in: -30...30, using: &rng)
      #expect(date.adding(months: k).adding(months: -k) <= date)
    }
  }
}

@Suite("Civil dates: absurd input clamps instead of trapping")
struct CivilDateExtremesTests {
  @Test func hugeOffsetsClampToTheCalendarEnds() {
    let date = d("2025-06-15")
    #expect(date.adding(days: Int.max) == d("9999-12-31"))
    #expect(date.adding(days: Int.min) == d("0001-01-01"))
    #expect(date.adding(months: Int.max).year == 9999)
    #expect(date.adding(months: Int.min) == d("0001-01-15"))
    #expect(date.adding(years: Int.max / 2).year == 9999)
    #expect(date.adding(CivilDuration(years: Int.max, months: Int.max, days: Int.max)) == d("9999-12-31"))
    #expect(date.subtracting(CivilDuration(years: Int.max, months: Int.max, days: Int.min)).year == 1)
  }
}
