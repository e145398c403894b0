import AssessmentEngine
import Testing

@testable import Pemasyarakatan

@Suite("Caseload views")
struct CaseloadTests {
  static func file(
    _ id: String, officer: String, bapas: String = "DPS", received: String, stagePath: [CaseEvent] = [],
    reportsUntilMonth: Int = 12, assessed: String? = nil
  ) throws -> CaseFile {
    let client = Client(
      id: ClientID("K-" + id), name: "Client " + id, birthDate: d("1990-01-01"), sex: .female,
      legalBasis: .cutiBersyarat)
    var f = CaseFile(
      id: CaseID(id), bapasCode: BapasCode(bapas), officerID: OfficerID(officer), client: client,
      receivedOn: d(received),
      guidancePeriod: CivilDateInterval(start: d(received), end: d(received).adding(years: 1)))
    var day = d(received)
    for e in stagePath {
      day = day.adding(days: 1)
      try f.apply(e, on: day, decision: TPPDecision(date: day, reference: "T", outcome: e.requiredOutcome))
    }
    for m in 0..<reportsUntilMonth {
      f.contacts.append(
        Contact(
          id: ContactID("\(id)-\(m)"), date: d(received).adding(months: m).adding(days: 2),
          officerID: OfficerID(officer), modality: .officeVisit, purpose: .wajibLapor, attendance: .attended))
    }
    if let assessed { f.assessments = [AssessmentRecord(date: d(assessed), instrument: "RRI")] }
    return f
  }

  @Test func perOfficerAndPerBapas() throws {
    let cases = [
      try Self.file("A", officer: "PK-1", received: "2025-01-01", stagePath: [.beginGuidance], assessed: "2025-01-05"),
      // B stopped reporting after March: April, May, June empty as of 2025-07-10.
      try Self.file(
        "B", officer: "PK-1", received: "2025-01-01", stagePath: [.beginGuidance, .advanceToLanjutan],
        reportsUntilMonth: 3, assessed: "2024-06-01"),
      try Self.file("C", officer: "PK-2", received: "2025-03-01"),
      try Self.file("D", officer: "PK-1", received: "2025-01-01", stagePath: [.beginGuidance, .suspend, .revoke]),
      try Self.file("E", officer: "PK-3", bapas: "SBY", received: "2025-01-01"),
    ]
    let asOf = d("2025-07-10")
    let mine = CaseloadReport(officer: "PK-1", cases: cases, asOf: asOf)
    #expect(mine.entries.map(\.caseID) == ["A", "B"])  // D is revoked: no longer on the caseload
    #expect(
      mine.byStage == [
        StageGroup(stage: .tahapAwal, caseIDs: ["A"]), StageGroup(stage: .tahapLanjutan, caseIDs: ["B"]),
      ])
    // B: assessed 2024-06-01 → due 2025-06-01 (overdue); A: 2025-01-05 → 2026-01-05.
    #expect(mine.dueReassessments().map(\.caseID) == ["B"])
    #expect(mine.dueReassessments(withinDays: 180).map(\.caseID) == ["B", "A"])
    #expect(mine.overdueReports.map(\.caseID) == ["B"])
    #expect(mine.entries[1].overdueReports.map(\.start) == [d("2025-04-01"), d("2025-05-01"), d("2025-06-01")])
    #expect(mine.needingAction.map(\.caseID) == ["B"])
    #expect(mine.needingAction.first?.flagsNeedingAction.first?.raisedOn == d("2025-06-30"))
    // Thirds of 2025-01-01…2026-01-01 (365 days): lanjutan from ⌈365/3⌉ = 122 → 2025-05-03, so A
    // (still tahap awal) is due for a sidang TPP.
    #expect(mine.stageReviewsDue.map(\.caseID) == ["A"])

    let bapas = CaseloadReport(bapas: "DPS", cases: cases, asOf: asOf)
    #expect(bapas.entries.map(\.caseID) == ["A", "B", "C"])
    #expect(
      bapas.countsByOfficer == [OfficerCount(officerID: "PK-1", count: 2), OfficerCount(officerID: "PK-2", count: 1)])
    // C has no assessment: due at reception.
    #expect(bapas.dueReassessments().map(\.caseID) == ["C", "B"])
    #expect(try roundTrip(bapas) == bapas)
  }

  @Test func officerCaseloadIsDerived() throws {
    let pk = Officer(id: "PK-1", name: "Dian", rank: .pkAhliMuda, section: .bkd, bapasCode: "DPS")
    let cases = [
      try Self.file("A", officer: "PK-1", received: "2025-01-01"),
      try Self.file("C", officer: "PK-2", received: "2025-03-01"),
    ]
    #expect(pk.caseload(in: cases).map(\.id) == ["A"])
  }
}

@Suite("Programmes and relationship timeline")
struct ProgrammeAndTimelineTests {
  @Test func capacityCountsActiveEnrolmentsOnly() throws {
    let programme = Programme(
      id: "LELE", name: "Budidaya ikan lele", category: .fishFarming, method: .kelompok,
      schedule: ProgrammeSchedule(
        start: d("2025-03-01"), end: d("2025-03-31"), recurrence: .fortnightly, hoursPerSession: 3), capacity: 2)
    var a = try CaseloadTests.file("A", officer: "PK-1", received: "2025-01-01")
    var b = try CaseloadTests.file("B", officer: "PK-1", received: "2025-01-01")
    a.enrolments = [Enrolment(programmeID: "LELE", enrolledOn: d("2025-03-01"))]
    b.enrolments = [Enrolment(programmeID: "LELE", enrolledOn: d("2025-03-01"), status: .withdrawn)]
    #expect(programme.activeEnrolments(in: [a, b]) == 1)
    #expect(programme.remainingPlaces(in: [a, b]) == 1)
    // Fortnightly from 03-01 to 03-31: 03-01, 03-15, 03-29 → 3 sessions × 3 h.
    #expect(programme.schedule.sessionDates == [d("2025-03-01"), d("2025-03-15"), d("2025-03-29")])
    #expect(programme.schedule.plannedHours == 9)
  }

  @Test func monthlyAndOnceSchedules() {
    let monthly = ProgrammeSchedule(
      start: d("2025-01-31"), end: d("2025-04-30"), recurrence: .monthly, hoursPerSession: 1)
    #expect(monthly.sessionDates == [d("2025-01-31"), d("2025-02-28"), d("2025-03-31"), d("2025-04-30")])
    let once = ProgrammeSchedule(start: d("2025-06-01"), end: d("2025-06-30"), recurrence: .once, hoursPerSession: 4)
    #expect(once.sessionDates == [d("2025-06-01")])
    let backwards = ProgrammeSchedule(
      start: d("2025-06-30"), end: d("2025-06-01"), recurrence: .weekly, hoursPerSession: 4)
    #expect(backwards.sessionDates.isEmpty)
  }

  @Test func relationshipTimelineIsInDateOrder() {
    let contacts = [
      Contact(
        id: "2", date: d("2025-03-01"), officerID: "PK", modality: .homeVisit, purpose: .guidance,
        attendance: .attended, relationshipPhase: .confrontational),
      Contact(
        id: "1", date: d("2025-02-01"), officerID: "PK", modality: .officeVisit, purpose: .wajibLapor,
        attendance: .attended, relationshipPhase: .passiveApathetic),
      Contact(
        id: "x", date: d("2025-02-15"), officerID: "PK", modality: .videoCall, purpose: .wajibLapor, attendance: .missed
      ),
      Contact(
        id: "3", date: d("2025-04-01"), officerID: "PK", modality: .groupSession, purpose: .guidance,
        attendance: .attended, relationshipPhase: .cooperative),
    ]
    #expect(contacts.relationshipTimeline.map(\.phase) == [.passiveApathetic, .confrontational, .cooperative])
    #expect(contacts.relationshipTimeline.map(\.contactID) == ["1", "2", "3"])
  }
}
