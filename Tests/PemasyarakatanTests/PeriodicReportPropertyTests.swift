import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@testable import Pemasyarakatan

/// Invariants of the periodic report on random batches: the Bapas sections and the PK rows count the
/// same cases, and a quarter's flows are the sum of its three months (its stock is its last month's).
@Suite("Periodic report: invariants")
struct PeriodicReportPropertyTests {
  struct Sums: Equatable {
    var under = 0, receptions = 0, closings = 0, proposed = 0, suspended = 0, dismissed = 0, revoked = 0
    var litmas = 0, overdue = 0, attended = 0, excused = 0, missed = 0, contacts = 0, enrolments = 0
    var hours = 0.0
    init(_ rows: [PeriodicFigures], stock: Bool = true) {
      for f in rows {
        if stock { under += f.clientsUnderGuidance.total }
        receptions += f.receptions.total
        closings += f.closings.reduce(0) { $0 + $1.count } + f.closingsWithoutCertificate
        proposed += f.revocations.proposed
        suspended += f.revocations.suspended
        dismissed += f.revocations.dismissed
        revoked += f.revocations.revoked
        litmas += f.litmas.reduce(0) { $0 + $1.finished }
        overdue += f.litmas.reduce(0) { $0 + $1.overdue }
        attended += f.reporting.attended
        excused += f.reporting.excused
        missed += f.reporting.missed
        contacts += f.contacts.reduce(0) { $0 + $1.attended + $1.missed + $1.excused }
        enrolments += f.programmes.newEnrolments
        hours += f.programmes.hoursAttended
      }
    }
    static func + (a: Sums, b: Sums) -> Sums {
      var s = a
      s.under += b.under
      s.receptions += b.receptions
      s.closings += b.closings
      s.proposed += b.proposed
      s.suspended += b.suspended
      s.dismissed += b.dismissed
      s.revoked += b.revoked
      s.litmas += b.litmas
      s.overdue += b.overdue
      s.attended += b.attended
      s.excused += b.excused
      s.missed += b.missed
      s.contacts += b.contacts
      s.enrolments += b.enrolments
      s.hours += b.hours
      return s
    }
  }

  static func batch(seed: UInt64) -> [CaseFile] {
    var rng = SplitMix64(seed: seed)
    func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    let base = d("2024-10-01")
    return (0..<40).map { i in
      let received = base.adding(days: int(0...250))
      let client = Client(
        id: ClientID("K-\(i)"), name: "K", birthDate: base.adding(days: -int(4_500...20_000)),
        sex: int(0...1) == 0 ? .male : .female,
        legalBasis: [.pembebasanBersyarat, .cutiBersyarat, .asimilasi, .prosesPeradilanPidana][int(0...3)])
      var file = CaseFile(
        id: CaseID("C-\(i)"), bapasCode: BapasCode("B-\(int(0...2))"), officerID: OfficerID("PK-\(int(0...4))"),
        client: client,
        receivedOn: received,
        guidancePeriod: CivilDateInterval(start: received, end: received.adding(days: int(60...500))),
        reportingSchedule: int(0...3) == 0 ? .weekly : .monthly)
      var day = received
      let paths: [[CaseEvent]] = [
        [.beginGuidance], [.advanceToLanjutan, .advanceToAkhir, .close], [.suspend, .revoke], [.suspend, .reinstate],
      ]
      for event in paths[int(0...3)].prefix(int(0...3)) {
        day = day.adding(days: int(1...80))
        try? file.apply(
          event, on: day, decision: TPPDecision(date: day, reference: "T", outcome: event.requiredOutcome))
      }
      if file.stage == .pengakhiran, int(0...1) == 0 {
        file.closingCertificate = ClosingCertificate(
          number: "S", date: day, signedBy: "H", reason: [.completed, .transferred, .died][int(0...2)])
      }
      file.contacts = (0..<int(0...8)).map { k in
        Contact(
          id: ContactID("c\(k)"), date: received.adding(days: int(0...200)), officerID: file.officerID,
          modality: ContactModality.allCases[int(0...4)], purpose: [.wajibLapor, .guidance, .pendampingan][int(0...2)],
          attendance: [.attended, .missed, .excused][int(0...2)], excuseReason: "x")
      }
      file.litmas = (0..<int(0...2)).map { k in
        let done = base.adding(days: int(0...300))
        return Litmas(
          id: LitmasID("L\(k)"), type: LitmasType.allCases[int(0...12)], purpose: .pembimbinganProgramme,
          requester: LitmasRequester(kind: .bapas, name: "B"), dataSources: [], recommendation: "",
          authorID: file.officerID,
          date: done, requestedOn: done.adding(days: -int(0...20)),
          dueOn: int(0...1) == 0 ? nil : done.adding(days: int(-5...5)))
      }
      file.enrolments = (0..<int(0...2)).map { _ in
        Enrolment(
          programmeID: "P", enrolledOn: received.adding(days: int(0...100)),
          status: int(0...1) == 0 ? .active : .completed,
          attendance: (0..<int(0...6)).map { _ in
            SessionAttendance(
              date: received.adding(days: int(0...200)), status: [.attended, .missed][int(0...1)],
              hours: Double(int(0...4)))
          })
      }
      if int(0...3) == 0,
        var proceeding = try? RevocationProceeding(
          grounds: [.missedReports],
          bap: RevocationStep(state: .bapRecorded, date: received.adding(days: 30), actorID: "PK", actorRole: .pk))
      {
        try? proceeding.record(
          RevocationStep(state: .examined, date: received.adding(days: 35), actorID: "PK", actorRole: .pk))
        try? proceeding.record(
          RevocationStep(
            state: int(0...1) == 0 ? .tppRecommendedSuspension : .dismissed, date: received.adding(days: 40),
            actorID: "TPP", actorRole: .tpp))
        file.revocation = proceeding
      }
      return file
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func bapasAndOfficerViewsAgreeAndQuartersAreSumsOfMonths(seed: UInt64) {
    let input = PeriodicReportInput(cases: Self.batch(seed: seed))
    for q in 1...4 {
      let quarter = PeriodicReport(period: .quarter(year: 2025, quarter: q), input: input)
      #expect(Sums(quarter.bapas) == Sums(quarter.officers), "seed \(seed) Q\(q)")
      let months = (1...3).map { PeriodicReport(period: .month(year: 2025, month: (q - 1) * 3 + $0), input: input) }
      let flows = months.map { Sums($0.bapas, stock: false) }.reduce(Sums([])) { $0 + $1 }
      var quarterFlows = Sums(quarter.bapas, stock: false)
      // Hours are sums of halves and whole numbers: exact in binary.
      #expect(quarterFlows == flows, "seed \(seed) Q\(q)")
      quarterFlows.under = Sums(months[2].bapas).under
      #expect(Sums(quarter.bapas).under == quarterFlows.under)
    }
  }
}
