import Foundation
import Pemasyarakatan
import Testing

/// The listing in `Documentation/CaseLifecycleGuide.md`, verbatim between the BEGIN/END markers, so that it is
/// known to compile against the public API and to run. Only public API is visible here (no @testable), and
/// only `import Pemasyarakatan`: it re-exports CivilDate, CivilDuration and the rest of the engines.
@Suite("Documentation: case from reception to closing")
struct DocumentationExampleTests {
  @Test func receptionToClosing() throws {
    // BEGIN LISTING
    // Tahap awal begins with penerimaan: a parolee released from prison is received at Bapas Kelas I Denpasar.
    let sentence = SentenceData(
      decisionNumber: "123/Pid.B/2023/PN Dps",
      length: CivilDuration(years: 3),
      countingStart: try CivilDate(year: 2023, month: 1, day: 10))
    let pb = try ParoleRule.permenkumham3of2018.eligibility(for: sentence.term)
    print(pb.earliestDate, pb.programmeEnd)  // 2025-01-10 2027-01-10

    let released = try CivilDate(year: 2025, month: 1, day: 20)
    let client = Client(
      id: "PB-2025-0142", name: "Made S.", birthDate: try CivilDate(year: 1994, month: 6, day: 30),
      sex: .male, legalBasis: .pembebasanBersyarat, sentence: sentence,
      addresses: [AddressRecord(address: "Jl. Gatot Subroto 5, Denpasar", from: released, reportedOn: released)])
    let pk = Officer(
      id: "198705122010121003", name: "Dian P.", rank: .pkAhliMadya, section: .bkd, bapasCode: "BPS-DPS")
    var file = CaseFile(
      id: "DPS-2025-0142", bapasCode: "BPS-DPS", officerID: pk.id, client: client, receivedOn: released,
      guidancePeriod: ParoleRule.permenkumham3of2018.probationPeriod(for: sentence.term, releasedOn: released))
    file.assessments.append(
      AssessmentRecord(date: released.adding(days: 3), instrument: "RRI v02 2021", result: "sedang"))

    // Still tahap awal: the Litmas for guidance, then the sidang TPP approves the programme drawn from it
    // and from the assessment (seed 004 lines 79–80). The stage stays tahap awal.
    file.litmas.append(
      Litmas(
        id: "L-2025-031", type: .pembimbingan, purpose: .pembimbinganProgramme,
        requester: LitmasRequester(kind: .bapas, name: "Bapas Kelas I Denpasar"),
        dataSources: [.clientInterview, .familyInterview, .verdict, .assessmentResults],
        recommendation: "Bimbingan kemandirian (budidaya ikan lele) dan wajib lapor bulanan.",
        authorID: pk.id, date: released.adding(days: 7)))
    try file.apply(
      .beginGuidance, on: released.adding(days: 10),
      decision: TPPDecision(
        date: released.adding(days: 10), reference: "TPP/02/2025", outcome: .approveGuidancePlan))
    file.enrolments.append(Enrolment(programmeID: "PRG-LELE", enrolledOn: released.adding(days: 14)))

    // Monthly wajib lapor for the whole masa bimbingan, every third month as a home visit.
    for month in 0..<24 {
      let day = released.adding(months: month).adding(days: 3)
      guard day <= file.guidancePeriod.end else { break }
      file.contacts.append(
        Contact(
          id: ContactID("WL-\(month)"), date: day, officerID: pk.id,
          modality: month % 3 == 0 ? .homeVisit : .officeVisit, purpose: .wajibLapor,
          attendance: .attended, relationshipPhase: .cooperative))
    }

    // Tahap lanjutan and tahap akhir at the calendar boundaries, each after a sidang TPP.
    let stages = GuidanceStageRule.thirds.boundaries(of: file.guidancePeriod)
    print(stages.lanjutanFrom, stages.akhirFrom)  // 2025-09-17 2026-05-15
    try file.apply(
      .advanceToLanjutan, on: stages.lanjutanFrom,
      decision: TPPDecision(
        date: stages.lanjutanFrom, reference: "TPP/09/2025", outcome: .approveStageAdvance))
    file.assessments.append(
      AssessmentRecord(date: released.adding(months: 12), instrument: "RRI v02 2021", result: "rendah"))
    try file.apply(
      .advanceToAkhir, on: stages.akhirFrom,
      decision: TPPDecision(
        date: stages.akhirFrom, reference: "TPP/05/2026", outcome: .approveStageAdvance))

    // The PK's caseload in the last month: no flags, no overdue reports.
    let lastMonth = try CivilDate(year: 2026, month: 12, day: 15)
    let caseload = CaseloadReport(officer: pk.id, cases: [file], asOf: lastMonth)
    print(caseload.byStage.map { "\($0.stage.label.indonesian): \($0.caseIDs.count)" })  // ["Tahap akhir: 1"]
    print(file.compliance(asOf: lastMonth).flags.isEmpty)  // true

    // Pengakhiran at the end of the masa percobaan, after the last sidang TPP.
    try file.apply(
      .close, on: file.guidancePeriod.end,
      decision: TPPDecision(
        date: file.guidancePeriod.end, reference: "TPP/01/2027", outcome: .approveClosing))
    print(file.stage.label.english)  // Closed

    // The case file travels as JSON and comes back validated.
    let json = try JSONEncoder().encode(file)
    let back = try CaseFileImport.decode(json)
    print(back == file)  // true
    // END LISTING

    #expect(pb.earliestDate == (try CivilDate(iso: "2025-01-10")))
    #expect(pb.programmeEnd == (try CivilDate(iso: "2027-01-10")))
    #expect(stages.lanjutanFrom == (try CivilDate(iso: "2025-09-17")))
    #expect(stages.akhirFrom == (try CivilDate(iso: "2026-05-15")))
    #expect(caseload.byStage == [StageGroup(stage: .tahapAkhir, caseIDs: ["DPS-2025-0142"])])
    #expect(caseload.overdueReports.isEmpty && caseload.needingAction.isEmpty)
    #expect(caseload.dueReassessments().isEmpty)  // last assessment 2026-01-20, next due 2027-01-20
    #expect(file.stage == .pengakhiran)
    #expect(file.transitions.count == 4)
    #expect(back == file)
    #expect(back.validate().isEmpty)
  }
}

@Suite("Documentation: listing is in sync")
struct DocumentationSyncTests {
  /// The article's listing must be the test's listing, so the article never drifts from the API.
  @Test func articleListingMatchesTheTest() throws {
    let testFile = URL(fileURLWithPath: #filePath)
    let root = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let source = try String(contentsOf: testFile, encoding: .utf8)
    let article = try String(
      contentsOf: root.appendingPathComponent("Documentation/CaseLifecycleGuide.md"), encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let begin = lines.firstIndex(where: { $0.contains("// BEGIN LISTING") }),
      let end = lines.firstIndex(where: { $0.contains("// END LISTING") })
    else {
      Issue.record("listing markers not found")
      return
    }
    let listing = lines[(begin + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
      .joined(separator: "\n")
    #expect(article.contains(listing))
  }
}

@Suite("Documentation: short listings")
struct DocumentationShortListingTests {
  /// `Documentation/LegalCalendar.md`, "Example".
  @Test func legalCalendarExample() throws {
    let term = SentenceTerm(
      countingStart: try CivilDate(year: 2023, month: 1, day: 10),
      length: CivilDuration(years: 3), remission: CivilDuration(months: 2))
    let rule = ParoleRule.inForce(on: try CivilDate(year: 2025, month: 6, day: 1)) ?? .kuhp2023
    let pb = try rule.eligibility(for: term)
    #expect(pb.earliestDate == (try CivilDate(iso: "2024-11-30")))
    #expect(pb.isEligible)
    #expect(pb.source.citation.hasPrefix("Permenkumham 3/2018"))
  }

  /// `Documentation/CaseCompliance.md`, "Caseloads".
  @Test func caseloadExample() throws {
    let client = Client(
      id: "K-9", name: "Wayan", birthDate: try CivilDate(year: 1999, month: 9, day: 9), sex: .male,
      legalBasis: .cutiBersyarat)
    let start = try CivilDate(year: 2025, month: 1, day: 1)
    let caseFiles = [
      CaseFile(
        id: "C-9", bapasCode: "BPS-DPS", officerID: "198705122010121003", client: client, receivedOn: start,
        guidancePeriod: CivilDateInterval(start: start, end: start.adding(months: 6)))
    ]
    let today = try CivilDate(year: 2025, month: 7, day: 10)
    let report = CaseloadReport(officer: "198705122010121003", cases: caseFiles, asOf: today)
    var lines: [String] = []
    for entry in report.needingAction {
      lines.append(
        "\(entry.clientName) \(entry.flagsNeedingAction.map { "\($0.kind.label.indonesian) \($0.raisedOn)" })")
    }
    // No report in January, February, March: flagged at the end of March.
    #expect(lines == [#"Wayan ["Tidak wajib lapor berturut-turut 2025-03-31"]"#])
  }
}

@Suite("Documentation: JSON examples decode")
struct DocumentationJSONExampleTests {
  /// Every ```json block of `Documentation/BapasModels.md`, in order, decodes as the model it documents.
  @Test func everyJSONExampleDecodes() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let article = try String(contentsOf: root.appendingPathComponent("Documentation/BapasModels.md"), encoding: .utf8)
    let blocks = article.components(separatedBy: "```json\n").dropFirst().compactMap {
      $0.components(separatedBy: "```").first
    }
    #expect(blocks.count == 11)
    guard blocks.count == 11 else { return }
    let decoder = JSONDecoder()
    func data(_ i: Int) -> Data { Data(blocks[i].utf8) }
    let bapas = try decoder.decode(Bapas.self, from: data(0))
    #expect(bapas.bapasClass == .kelasI && bapas.outposts.isEmpty && bapas.workArea.count == 6)
    let officer = try decoder.decode(Officer.self, from: data(1))
    #expect(
      officer.rank == .pkAhliMadya && officer.approachStyle == .suportif
        && officer.trainings.map(\.kind) == [.riskNeedAssessment])
    let client = try decoder.decode(Client.self, from: data(2))
    #expect(
      client.legalBasis == .pembebasanBersyarat && client.education == .seniorSecondary && client.isRecidivist == false)
    #expect(
      client.employment?.skills == ["las", "pertukangan"] && client.family?.dependants == 2
        && client.offence?.category == .theft)
    let partner = try decoder.decode(PokmasLipasPartner.self, from: data(3))
    #expect(partner.delivers(.kemandirian) && partner.targetGroups.count == 3 && partner.activities[0].clients == 6)
    #expect(
      partner.isActive(
        in: CivilDateInterval(start: try CivilDate(iso: "2026-01-31"), end: try CivilDate(iso: "2026-02-28"))))
    #expect(
      !partner.isActive(
        in: CivilDateInterval(start: try CivilDate(iso: "2026-02-01"), end: try CivilDate(iso: "2026-02-28"))))
    let programme = try decoder.decode(Programme.self, from: data(4))
    // Weekly from 2025-03-01 to 2025-05-31 (91 days = 13 weeks later): 14 sessions, 03-01 … 05-31, 2 h each.
    #expect(programme.kind == .kemandirian && programme.schedule.plannedHours == 28)
    #expect(try decoder.decode(Enrolment.self, from: data(5)).hoursAttended == 2)
    #expect(try decoder.decode(Contact.self, from: data(6)).relationshipPhase == .passiveApathetic)
    let litmas = try decoder.decode(Litmas.self, from: data(7))
    // 2024-10-21 → 2024-11-02 = 12 days; due 2024-11-04, so on time.
    #expect(
      litmas.type == .integrasi && litmas.turnaroundDays == 12 && litmas.isOverdue == false
        && litmas.sections?.filled.count == 9)
    struct Closing: Decodable {
      var preReleaseSessions: [PreReleaseSession]
      var closingCertificate: ClosingCertificate
    }
    let closing = try decoder.decode(Closing.self, from: data(9))
    #expect(
      closing.preReleaseSessions.map(\.kind) == [.family, .community] && closing.closingCertificate.reason == .completed
    )
    let file = try CaseFileImport.decode(data(8))
    #expect(file.stage == .tahapAwal)
    #expect(
      file.compliance(asOf: try CivilDate(iso: "2025-08-31")).flags.map(\.kind).contains(.newSuspectOrConvictStatus))
    let obstacles = try decoder.decode([InstitutionalObstacle].self, from: data(10))
    #expect(obstacles.map(\.kind) == [.pkShortage])
  }
}
