import AssessmentEngine
import Testing
import _AssessmentTestSupport

@testable import Pemasyarakatan

/// Civil-date arithmetic at the calendar's ends through the Bapas domain types (sentence terms,
/// parole eligibility, reporting schedules); `CivilDate`'s own tests are in AssessmentEngineTests.
@Suite("Civil dates in sentence arithmetic")
struct SentenceDateOverflowTests {
  @Test func hugeSentenceFromJSONDoesNotTrap() throws {
    let term = SentenceTerm(countingStart: d("2025-01-01"), length: CivilDuration(years: Int.max))
    #expect(term.expiry == d("9999-12-01"))  // the month index saturates at December 9999, keeping the day
    _ = term.date(whenServed: Fraction(Int.max, 1), convention: .thirtyDayMonths)
    _ = try ParoleRule.kuhp2023.eligibility(for: term)
    var file = LifecycleTests.newCase()
    file.reportingSchedule = ReportingSchedule(every: Int.max, unit: .week)
    #expect(file.compliance(asOf: d("2025-06-01")).periods.isEmpty)
    file.reportingSchedule = ReportingSchedule(every: 0, unit: .day)
    #expect(file.compliance(asOf: d("2025-06-01")).periods.isEmpty)
  }
}
