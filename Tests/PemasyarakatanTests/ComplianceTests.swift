import AssessmentEngine
import Testing

@testable import Pemasyarakatan

@Suite("Compliance and revocation")
struct ComplianceTests {
  static func base() -> CaseFile {
    let client = Client(
      id: "K-2", name: "Ketut W.", birthDate: d("1990-05-05"), sex: .male, legalBasis: .pembebasanBersyarat,
      addresses: [AddressRecord(address: "Jl. A", from: d("2025-01-01"), reportedOn: d("2025-01-01"))])
    return CaseFile(
      id: "C-2", bapasCode: "DPS", officerID: "PK-1", client: client, receivedOn: d("2025-01-01"),
      guidancePeriod: CivilDateInterval(start: d("2025-01-01"), end: d("2026-12-31")))
  }

  static func report(_ id: String, _ date: String, _ status: AttendanceStatus, reason: String? = nil) -> Contact {
    Contact(
      id: ContactID(id), date: d(date), officerID: "PK-1", modality: .officeVisit, purpose: .wajibLapor,
      attendance: status, excuseReason: reason)
  }

  @Test func threeConsecutiveMissedReportsRaiseAFlag_Permenkumham3of2018() {
    // Monthly periods from 2025-01-01: Jan attended; Feb, Mar, Apr missed (recorded); May attended.
    var file = Self.base()
    file.contacts = [
      Self.report("r1", "2025-01-10", .attended), Self.report("r2", "2025-02-10", .missed),
      Self.report("r3", "2025-03-10", .missed), Self.report("r4", "2025-04-10", .missed),
      Self.report("r5", "2025-05-10", .attended),
    ]
    let report = file.compliance(asOf: d("2025-06-01"))
    #expect(
      report.flags == [
        ComplianceFlag(
          kind: .missedReports, raisedOn: d("2025-04-10"),
          evidence: [
            .contact(id: "r2", date: d("2025-02-10"), attendance: .missed),
            .contact(id: "r3", date: d("2025-03-10"), attendance: .missed),
            .contact(id: "r4", date: d("2025-04-10"), attendance: .missed),
          ])
      ])
    // Five completed months (Jan–May); Feb, Mar, Apr have no attended report.
    #expect(report.periods.count == 5)
    #expect(report.overduePeriods.map(\.start) == [d("2025-02-01"), d("2025-03-01"), d("2025-04-01")])
    #expect(report.currentPeriodStart == d("2025-06-01"))
  }

  /// A policy decoded from JSON (or set through its public properties) with a threshold of 0 no longer
  /// indexes `run[-1]`: a threshold below 1 counts as 1 (found through the JSON-RPC `compliance.flags`
  /// method, issue 15).
  @Test func aThresholdOfZeroDoesNotTrap() throws {
    var file = Self.base()
    file.contacts = [Self.report("r1", "2025-01-10", .attended), Self.report("r2", "2025-02-10", .missed)]
    var policy = CompliancePolicy.standard
    policy.missedReportThreshold = 0
    policy.missedSessionThreshold = -5
    let report = file.compliance(asOf: d("2025-03-01"), policy: policy)
    #expect(report.flags.first?.kind == .missedReports && report.flags.first?.raisedOn == d("2025-02-10"))
  }

  @Test func twoMissesDoNotFlagAndAnExcuseDoesNotBreakARun() {
    var file = Self.base()
    file.contacts = [
      Self.report("r1", "2025-01-10", .missed), Self.report("r2", "2025-02-10", .missed),
      Self.report("r3", "2025-03-10", .attended),
    ]
    #expect(file.compliance(asOf: d("2025-04-01")).flags.isEmpty)
    file.contacts = [
      Self.report("r1", "2025-01-10", .missed), Self.report("r2", "2025-02-10", .excused, reason: "sakit"),
      Self.report("r3", "2025-03-10", .missed), Self.report("r4", "2025-04-10", .missed),
    ]
    let flags = file.compliance(asOf: d("2025-05-01")).flags
    #expect(flags.count == 1)
    #expect(flags.first?.raisedOn == d("2025-04-10"))
    #expect(flags.first?.evidence.count == 3)
  }

  @Test func monthsWithNoReportAtAllCountAsMisses() {
    // Reported in January only; February, March and April end with nothing recorded.
    var file = Self.base()
    file.contacts = [Self.report("r1", "2025-01-10", .attended)]
    let report = file.compliance(asOf: d("2025-05-15"))
    #expect(
      report.flags == [
        ComplianceFlag(
          kind: .missedReports, raisedOn: d("2025-04-30"),
          evidence: [
            .periodWithoutReport(start: d("2025-02-01"), end: d("2025-02-28")),
            .periodWithoutReport(start: d("2025-03-01"), end: d("2025-03-31")),
            .periodWithoutReport(start: d("2025-04-01"), end: d("2025-04-30")),
          ])
      ])
  }

  @Test func weeklyScheduleCountsWeeks() {
    var file = Self.base()
    file.reportingSchedule = .weekly
    file.contacts = [Self.report("r1", "2025-01-02", .attended)]
    // Weeks start 01-01, 01-08, 01-15, 01-22; as of 2025-01-29 the last three are empty.
    let report = file.compliance(asOf: d("2025-01-29"))
    #expect(report.flags.first?.raisedOn == d("2025-01-28"))
  }

  @Test func unreportedAddressChange() {
    var file = Self.base()
    file.client.addresses.append(AddressRecord(address: "Jl. B", from: d("2025-03-15")))
    file.client.addresses.append(AddressRecord(address: "Jl. C", from: d("2025-05-01"), reportedOn: d("2025-04-28")))
    file.contacts = [
      Self.report("a", "2025-01-05", .attended), Self.report("b", "2025-02-05", .attended),
      Self.report("c", "2025-03-05", .attended), Self.report("d", "2025-04-05", .attended),
      Self.report("e", "2025-05-05", .attended),
    ]
    #expect(
      file.compliance(asOf: d("2025-05-20")).flags == [
        ComplianceFlag(
          kind: .unreportedAddressChange, raisedOn: d("2025-03-15"),
          evidence: [.address(index: 1, movedOn: d("2025-03-15"))])
      ])
  }

  @Test func newSuspectStatus() {
    var file = Self.base()
    file.contacts = [Self.report("a", "2025-01-05", .attended)]
    file.legalEvents = [LegalStatusEvent(date: d("2025-01-20"), status: .tersangka, reference: "LP/B/12/I/2025")]
    #expect(
      file.compliance(asOf: d("2025-01-25")).flags == [
        ComplianceFlag(
          kind: .newSuspectOrConvictStatus, raisedOn: d("2025-01-20"),
          evidence: [.legalStatus(date: d("2025-01-20"), status: .tersangka, reference: "LP/B/12/I/2025")])
      ])
  }

  @Test func programmeNonParticipation() {
    var file = Self.base()
    file.contacts = [Self.report("a", "2025-01-05", .attended)]
    file.enrolments = [
      Enrolment(
        programmeID: "LELE", enrolledOn: d("2025-01-06"),
        attendance: [
          SessionAttendance(date: d("2025-01-07"), status: .attended, hours: 2),
          SessionAttendance(date: d("2025-01-14"), status: .missed),
          SessionAttendance(date: d("2025-01-21"), status: .missed),
          SessionAttendance(date: d("2025-01-28"), status: .missed),
        ])
    ]
    let flags = file.compliance(asOf: d("2025-01-30")).flags
    #expect(flags.map(\.kind) == [.programmeNonParticipation])
    #expect(flags.first?.raisedOn == d("2025-01-28"))
    #expect(file.enrolments[0].hoursAttended == 2)
    #expect(file.enrolments[0].attendanceRate == 0.25)  // 1 attended ÷ (1 + 3 missed)
  }

  @Test func revocationWorkflowInOrder() throws {
    var p = try RevocationProceeding(
      grounds: [.missedReports],
      bap: RevocationStep(
        state: .bapRecorded, date: d("2025-05-02"), actorID: "PK-1", actorRole: .pk, reference: "BAP/05/2025"))
    try p.record(RevocationStep(state: .examined, date: d("2025-05-05"), actorID: "PK-1", actorRole: .pk))
    try p.record(
      RevocationStep(state: .tppRecommendedSuspension, date: d("2025-05-12"), actorID: "TPP-chair", actorRole: .tpp))
    try p.record(
      RevocationStep(state: .suspendedByHead, date: d("2025-05-13"), actorID: "KABAPAS", actorRole: .headOfBapas))
    try p.record(
      RevocationStep(state: .reportedUpward, date: d("2025-05-14"), actorID: "KABAPAS", actorRole: .headOfBapas))
    #expect(p.state == .reportedUpward)
    #expect(p.step(.suspendedByHead)?.actorID == "KABAPAS")
    #expect(throws: RevocationError.outOfOrder(current: .reportedUpward, attempted: .examined)) {
      try p.record(RevocationStep(state: .examined, date: d("2025-05-20"), actorID: "PK-1", actorRole: .pk))
    }
  }

  @Test func revocationRefusesSkippedStepsWrongActorsAndBackdating() throws {
    var p = try RevocationProceeding(
      grounds: [.newSuspectOrConvictStatus],
      bap: RevocationStep(state: .bapRecorded, date: d("2025-05-02"), actorID: "PK-1", actorRole: .pk))
    #expect(throws: RevocationError.outOfOrder(current: .bapRecorded, attempted: .suspendedByHead)) {
      try p.record(
        RevocationStep(state: .suspendedByHead, date: d("2025-05-03"), actorID: "KABAPAS", actorRole: .headOfBapas))
    }
    try p.record(RevocationStep(state: .examined, date: d("2025-05-03"), actorID: "PK-1", actorRole: .pk))
    #expect(throws: RevocationError.dateBeforePrevious(previous: d("2025-05-03"), date: d("2025-05-01"))) {
      try p.record(
        RevocationStep(state: .tppRecommendedSuspension, date: d("2025-05-01"), actorID: "T", actorRole: .tpp))
    }
    try p.record(RevocationStep(state: .tppRecommendedSuspension, date: d("2025-05-10"), actorID: "T", actorRole: .tpp))
    // Only the head of Bapas suspends.
    #expect(throws: RevocationError.wrongActor(step: .suspendedByHead, role: .pk)) {
      try p.record(RevocationStep(state: .suspendedByHead, date: d("2025-05-11"), actorID: "PK-1", actorRole: .pk))
    }
    #expect(
      RevocationError.wrongActor(step: .suspendedByHead, role: .pk).description
        == "'Suspended by the head of Bapas' must be recorded by the head of bapas, not by the probation officer.")
  }

  @Test func tppMayDismiss() throws {
    var p = try RevocationProceeding(
      grounds: [.missedReports],
      bap: RevocationStep(state: .bapRecorded, date: d("2025-05-02"), actorID: "PK-1", actorRole: .pk))
    try p.record(RevocationStep(state: .examined, date: d("2025-05-03"), actorID: "PK-1", actorRole: .bapasStaff))
    try p.record(RevocationStep(state: .dismissed, date: d("2025-05-10"), actorID: "T", actorRole: .tpp))
    #expect(p.state.allowedNext.isEmpty)
  }

  @Test func flagsAnsweredByABAPNeedNoAction() throws {
    var file = Self.base()
    file.contacts = [Self.report("r1", "2025-01-10", .attended)]
    #expect(file.flagsNeedingAction(asOf: d("2025-05-15")).count == 1)
    file.revocation = try RevocationProceeding(
      grounds: [.missedReports],
      bap: RevocationStep(state: .bapRecorded, date: d("2025-05-02"), actorID: "PK-1", actorRole: .pk))
    #expect(file.flagsNeedingAction(asOf: d("2025-05-15")).isEmpty)
  }
}
