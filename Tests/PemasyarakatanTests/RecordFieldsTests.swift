import AssessmentEngine
import Foundation
import Testing

@testable import Pemasyarakatan

/// The record fields the seeds list (issue 16): they round-trip, they are optional in older files, and
/// the new checks name their JSON path.
@Suite("Record fields from the seeds")
struct RecordFieldsTests {
  static func fullCase() throws -> CaseFile {
    let client = Client(
      id: "K-9", name: "Wayan A.", birthDate: d("1991-04-02"), sex: .male, legalBasis: .pembebasanBersyarat,
      education: .juniorSecondary,
      employment: EmploymentRecord(status: .informal, occupation: "buruh", skills: ["las"]),
      family: FamilySituation(maritalStatus: .married, dependants: 2, livesWith: "istri", familySupport: .supportive),
      isRecidivist: true, offence: Offence(article: "Pasal 362 KUHP", category: .theft))
    var file = CaseFile(
      id: "C-9", bapasCode: "BPS-DPS", officerID: "PK-1", client: client, receivedOn: d("2025-01-20"),
      guidancePeriod: CivilDateInterval(start: d("2025-01-20"), end: d("2025-12-31")))
    file.litmas.append(
      Litmas(
        id: "L-1", type: .pembimbingan, purpose: .pembimbinganProgramme,
        requester: LitmasRequester(kind: .bapas, name: "Bapas"),
        dataSources: [.clientInterview], recommendation: "…", authorID: "PK-1", date: d("2025-01-30"),
        requestedOn: d("2025-01-20"), dueOn: d("2025-01-27"), sections: LitmasSections(identity: "…", analysis: "…")))
    file.preReleaseSessions = [
      PreReleaseSession(date: d("2025-11-03"), kind: .family, officerID: "PK-1", participants: 3)
    ]
    for (event, day) in [
      (CaseEvent.advanceToLanjutan, "2025-05-01"), (.advanceToAkhir, "2025-09-01"), (.close, "2025-12-31"),
    ] {
      try file.apply(event, on: d(day), decision: tpp(day, event.requiredOutcome))
    }
    file.closingCertificate = ClosingCertificate(
      number: "SK-1", date: d("2025-12-31"), signedBy: "KABAPAS", reason: .completed)
    return file
  }

  @Test func everyNewFieldRoundTripsAndValidates() throws {
    let file = try Self.fullCase()
    #expect(file.validate().isEmpty)
    #expect(try CaseFileImport.decode(try JSONEncoder().encode(file)) == file)
    // 2025-01-20 → 2025-01-30 = 10 days; due 01-27 → late.
    #expect(file.litmas[0].turnaroundDays == 10 && file.litmas[0].isOverdue == true)
    #expect(file.litmas[0].sections?.filled.map(\.key) == ["identity", "analysis"])
    let officer = Officer(
      id: "PK-1", name: "Dian", rank: .pkAhliMuda, section: .bkd, bapasCode: "BPS-DPS",
      trainings: [OfficerTraining(name: "RRI", completedOn: d("2021-08-20"), kind: .riskNeedAssessment)],
      approachStyle: .transformatif)
    #expect(try roundTrip(officer) == officer)
    var partner = PokmasLipasPartner(
      id: "P", name: "Yayasan", partnerType: .socialOrganisation, focusAreas: [.kemandirianKepribadian])
    partner.agreements = [CooperationAgreement(number: "PKS-1", signedOn: d("2024-01-01"), validUntil: d("2024-12-31"))]
    partner.activities = [PartnerActivity(date: d("2025-03-14"), description: "kue", clients: 6, hours: 3)]
    partner.targetGroups = [.childClients]
    #expect(try roundTrip(partner) == partner)
    #expect(partner.isActive(in: CivilDateInterval(start: d("2025-03-01"), end: d("2025-03-31"))))
    #expect(!partner.isActive(in: CivilDateInterval(start: d("2025-01-01"), end: d("2025-02-28"))))
    #expect(partner.isActive(in: CivilDateInterval(start: d("2024-12-31"), end: d("2025-01-31"))))
    let obstacle = InstitutionalObstacle(
      bapasCode: "BPS-DPS", reportedOn: d("2025-03-31"), kind: .slowLitmas, description: "…")
    #expect(try roundTrip(obstacle) == obstacle)
  }

  @Test func filesWithoutTheNewFieldsStillRead() throws {
    // The shared reference batch (Tests/PemasyarakatanTests/Fixtures/privacy/PROVENANCE.md) predates every new field.
    let data = try Data(contentsOf: URL(fileURLWithPath: sharedCaseBatchPath))
    let batch = CaseFileImport.decodeBatch(data)
    #expect(batch.errors.isEmpty && batch.records.count == 40)
    let c = try #require(batch.records.first)
    #expect(
      c.client.education == nil && c.client.offence == nil && c.preReleaseSessions.isEmpty
        && c.closingCertificate == nil)
    let partner = try JSONDecoder().decode(
      PokmasLipasPartner.self,
      from: Data(#"{"id": "P", "name": "Y", "partnerType": "academic", "focusAreas": []}"#.utf8))
    #expect(partner.agreements.isEmpty && partner.activities.isEmpty && partner.targetGroups.isEmpty)
  }

  @Test func newChecksNameTheirPath() throws {
    var file = try Self.fullCase()
    file.litmas[0].requestedOn = d("2025-02-01")
    #expect(
      file.validate() == [
        CaseFileError(
          path: "$.litmas[0].requestedOn",
          reason: .datesOutOfOrder(
            earlierField: "litmas[0].requestedOn", earlierDate: d("2025-02-01"), laterField: "litmas[0].date",
            laterDate: d("2025-01-30")))
      ])
    var open = CaseFile(
      id: "C-1", bapasCode: "B", officerID: "PK-1", client: file.client, receivedOn: d("2025-01-20"),
      guidancePeriod: CivilDateInterval(start: d("2025-01-20"), end: d("2025-12-31")))
    open.closingCertificate = ClosingCertificate(number: "SK", date: d("2025-06-01"), signedBy: "KABAPAS")
    #expect(
      open.validate() == [
        CaseFileError(path: "$.closingCertificate", reason: .closingCertificateWithoutClosing(stage: .tahapAwal))
      ])
  }
}

/// The shared reference batch of 40 case files (one copy for the privacy and report tests; provenance
/// in `Fixtures/privacy/PROVENANCE.md`).
let sharedCaseBatchPath: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast()
  return parts.joined(separator: "/") + "/Fixtures/privacy/cases_shared.json"
}()

/// Plain `JSONDecoder` validates the case's lifecycle (issue 16): the stage no longer stops silently at
/// the last legal step.
@Suite("Case file: decoding validates the lifecycle")
struct CaseFileDecodingTests {
  @Test func illegalTransitionIsRefusedByAPlainDecoder() throws {
    var file = try RecordFieldsTests.fullCase()
    file.closingCertificate = nil
    var object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(file)) as? [String: Any])
    var transitions = try #require(object["transitions"] as? [[String: Any]])
    transitions.swapAt(0, 1)  // tahap akhir before tahap lanjutan
    object["transitions"] = transitions
    let data = try JSONSerialization.data(withJSONObject: object)
    do {
      _ = try JSONDecoder().decode(CaseFile.self, from: data)
      Issue.record("an illegal history decoded")
    } catch let DecodingError.dataCorrupted(context) {
      #expect(jsonPath(context.codingPath) == "$.transitions[0].event")
      #expect(
        context.underlyingError as? LifecycleError == .illegalTransition(from: .tahapAwal, event: .advanceToAkhir))
    }
    // The importer reports the same, with its typed error.
    #expect(
      throws: CaseFileError(
        path: "$.transitions[0].event", reason: .lifecycle(.illegalTransition(from: .tahapAwal, event: .advanceToAkhir))
      )
    ) {
      try CaseFileImport.decode(data)
    }
  }
}

/// One documented mapping between the domain's Sex/AgeCategory and the engine's Gender/AgeGroup.
@Suite("Sex and age category map onto the engine's gender and age group")
struct PopulationMappingTests {
  @Test func mappingIsOneToOneWithTheSameWireNames() {
    for sex in Sex.allCases {
      #expect(Sex(sex.gender) == sex && sex.gender.rawValue == sex.rawValue)
    }
    for category in AgeCategory.allCases {
      #expect(AgeCategory(category.ageGroup) == category && category.ageGroup.rawValue == category.rawValue)
    }
    let girl = Client(id: "K", name: "A", birthDate: d("2010-06-01"), sex: .female, legalBasis: .diversi)
    #expect(
      girl.riskPopulation(on: d("2025-06-01")) == ClientPopulation(gender: .female, ageGroup: .child, ageYears: 15))
  }
}

/// One JSON style for enumerations with payloads: `kind` plus the case's fields; the synthesized form
/// written before still reads.
@Suite("Enumerations with payloads in JSON")
struct KindTaggedJSONTests {
  func json<T: Encodable>(_ value: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return String(decoding: try e.encode(value), as: UTF8.self)
  }

  @Test func writesKindAndFields() throws {
    #expect(
      try json(ComplianceEvidence.contact(id: "C-9", date: d("2025-05-20"), attendance: .missed))
        == #"{"attendance":"missed","date":"2025-05-20","id":"C-9","kind":"contact"}"#)
    #expect(
      try json(IntegrationBlocker.sentenceTooLong(maximum: CivilDuration(years: 1, months: 6)))
        == #"{"kind":"sentenceTooLong","maximum":{"days":0,"months":6,"years":1}}"#)
    #expect(
      try json(LifecycleError.illegalTransition(from: .tahapAwal, event: .close))
        == #"{"event":"close","from":"tahapAwal","kind":"illegalTransition"}"#)
    #expect(try json(ReportPeriod.quarter(year: 2025, quarter: 2)) == #"{"kind":"quarter","quarter":2,"year":2025}"#)
    let all: [ComplianceEvidence] = [
      .contact(id: "C", date: d("2025-01-01"), attendance: .excused),
      .periodWithoutReport(start: d("2025-01-01"), end: d("2025-01-31")),
      .address(index: 2, movedOn: d("2025-02-01")),
      .legalStatus(date: d("2025-03-01"), status: .tersangka, reference: "LP"),
      .session(programmeID: "P", date: d("2025-03-02"), attendance: .missed),
      .droppedOut(programmeID: "P", enrolledOn: d("2025-01-05")),
    ]
    #expect(try roundTrip(all) == all)
    let errors: [LifecycleError] = [
      .tppOutcomeMismatch(event: .close, outcome: .noChange),
      .tppDecisionAfterTransition(decision: d("2025-01-02"), transition: d("2025-01-01")),
      .transitionBeforePrevious(previous: d("2025-01-02"), date: d("2025-01-01")),
    ]
    #expect(try roundTrip(errors) == errors)
    let revocation: [RevocationError] = [
      .outOfOrder(current: .bapRecorded, attempted: .dismissed), .wrongActor(step: .examined, role: .tpp),
      .dateBeforePrevious(previous: d("2025-01-02"), date: d("2025-01-01")),
    ]
    #expect(try roundTrip(revocation) == revocation)
    let calendar: [LegalCalendarError] = [
      .negativeDuration(field: "length"),
      .remissionExceedsSentence(length: CivilDuration(years: 1), remission: CivilDuration(years: 2)),
    ]
    #expect(try roundTrip(calendar) == calendar)
  }

  @Test func caseFileErrorsAndSanctionViolationsToo() throws {
    let e = CaseFileError(
      path: "$.transitions[0].event", reason: .lifecycle(.illegalTransition(from: .tahapAwal, event: .close)))
    #expect(
      try json(e)
        == #"{"path":"$.transitions[0].event","reason":{"error":{"event":"close","from":"tahapAwal","kind":"illegalTransition"},"kind":"lifecycle"}}"#
    )
    let reasons: [CaseFileError.Reason] = [
      .malformedJSON(detail: "x"), .missingField(name: "id"), .wrongType(expected: "a string"),
      .unknownValue(value: "v", type: "T", allowed: ["a"]), .invalidDate(text: "2025-02-30"),
      .datesOutOfOrder(earlierField: "a", earlierDate: d("2025-01-02"), laterField: "b", laterDate: d("2025-01-01")),
      .ageCategoryContradictsBirthDate(declared: .adult, derived: .child, age: 16, on: d("2025-01-01")),
      .legalBasisNotForAge(basis: .diversi, ageCategory: .adult), .stageChangeWithoutTPPDecision,
      .lifecycle(.transitionBeforePrevious(previous: d("2025-01-02"), date: d("2025-01-01"))),
      .revocation(.wrongActor(step: .examined, role: .tpp)), .sentence(.negativeDuration(field: "length")),
      .reportingLessThanMonthly(every: 2, unit: .month), .excusedWithoutReason, .duplicateID(id: "C-1"),
      .closingCertificateWithoutClosing(stage: .tahapAkhir),
    ]
    #expect(reasons.count == CaseFileError.Reason.kinds.count)
    #expect(try roundTrip(reasons) == reasons)
    #expect(
      try JSONDecoder().decode(CaseFileError.Reason.self, from: Data(#"{"stageChangeWithoutTPPDecision": {}}"#.utf8))
        == .stageChangeWithoutTPPDecision)
    #expect(
      try JSONDecoder().decode(
        CaseFileError.Reason.self,
        from: Data(#"{"lifecycle": {"_0": {"illegalTransition": {"from": "tahapAwal", "event": "close"}}}}"#.utf8))
        == .lifecycle(.illegalTransition(from: .tahapAwal, event: .close)))
    let violations: [SanctionLimitViolation] = [
      .offenceTooSerious(threatened: CivilDuration(years: 6), maximum: CivilDuration(years: 5)),
      .termTooLong(term: CivilDuration(years: 4), maximum: CivilDuration(years: 3)),
      .termTooShort(term: CivilDuration(months: 1), minimum: CivilDuration(months: 3)),
    ]
    #expect(try roundTrip(violations) == violations)
  }

  @Test func legacySynthesizedFormStillReadsAndUnknownKindsAreNamed() throws {
    let legacy = try JSONDecoder().decode(
      ComplianceEvidence.self,
      from: Data(#"{"contact": {"id": "C-9", "date": "2025-05-20", "attendance": "missed"}}"#.utf8))
    #expect(legacy == .contact(id: "C-9", date: d("2025-05-20"), attendance: .missed))
    let blocker = try JSONDecoder().decode(
      IntegrationBlocker.self, from: Data(#"{"noTimeLeftBeforeExpiry": {"expiry": "2026-01-10"}}"#.utf8))
    #expect(blocker == .noTimeLeftBeforeExpiry(expiry: d("2026-01-10")))
    do {
      _ = try JSONDecoder().decode(IntegrationBlocker.self, from: Data(#"{"kind": "tooTall"}"#.utf8))
      Issue.record("decoded")
    } catch let DecodingError.dataCorrupted(context) {
      #expect((context.underlyingError as? UnknownWireValue)?.allowed.count == 4)
      #expect(context.codingPath.map(\.stringValue) == ["kind"])
    }
  }
}
