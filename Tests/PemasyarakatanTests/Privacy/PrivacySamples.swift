import AssessmentEngine
import Foundation

@testable import Pemasyarakatan

/// Model instances with every optional filled and every array non-empty, so that both Mirror (which
/// lists every stored property) and the JSON encoder (which omits nil optionals) see every field.
enum PrivacySamples {
  static func caseFile() throws -> CaseFile {
    let released = d("2025-01-20")
    let client = Client(
      id: "3422812463849702", name: "Nyoman S.", birthDate: d("1988-08-02"), sex: .female,
      legalBasis: .pembebasanBersyarat,
      sentence: SentenceData(
        decisionNumber: "97/Pid.B/2023/PN Dps", length: CivilDuration(years: 3), countingStart: d("2023-01-10"),
        remission: CivilDuration(months: 2), releasedOn: released),
      addresses: [AddressRecord(address: "Jl. Melati 55", from: released, reportedOn: released)],
      contactPersons: [ContactPerson(name: "Keluarga", relationship: .parent, phone: "081226770448")],
      education: .seniorSecondary,
      employment: EmploymentRecord(status: .informal, occupation: "tukang", skills: ["las"]),
      family: FamilySituation(maritalStatus: .married, dependants: 2, livesWith: "istri", familySupport: .supportive),
      isRecidivist: false, offence: Offence(article: "Pasal 362 KUHP", category: .theft))
    var file = CaseFile(
      id: "CASE-0000-9702", bapasCode: "BPS-DPS", officerID: "198705122010121000", client: client, receivedOn: released,
      guidancePeriod: CivilDateInterval(start: released, end: d("2027-01-10")))
    try file.apply(
      .beginGuidance, on: d("2025-01-30"),
      decision: TPPDecision(date: d("2025-01-30"), reference: "TPP/01", outcome: .approveGuidancePlan, basis: "Litmas"))
    file.contacts = [
      Contact(
        id: "C-1", date: d("2025-02-10"), officerID: "198705122010121000", modality: .officeVisit, purpose: .wajibLapor,
        attendance: .excused, excuseReason: "sakit", notes: "catatan", relationshipPhase: .cooperative)
    ]
    file.enrolments = [
      Enrolment(
        programmeID: "PRG-1", enrolledOn: d("2025-02-01"), status: .active,
        attendance: [SessionAttendance(date: d("2025-02-08"), status: .attended, hours: 2)])
    ]
    file.litmas = [
      Litmas(
        id: "L-1", type: .pembimbingan, purpose: .pembimbinganProgramme,
        requester: LitmasRequester(kind: .bapas, name: "Bapas"),
        dataSources: [.clientInterview], recommendation: "…", authorID: "198705122010121000", date: d("2025-01-25"),
        requestedOn: d("2025-01-21"), dueOn: d("2025-02-04"),
        sections: LitmasSections(
          identity: "i", family: "f", socialBackground: "s",
          offenceAndReasons: "o", clientView: "c", familyView: "v", communityResponse: "r", analysis: "a",
          conclusion: "k"))
    ]
    file.preReleaseSessions = [
      PreReleaseSession(
        date: d("2025-01-05"), kind: .clientConsolidation, officerID: "198705122010121000", participants: 3, notes: "n")
    ]
    file.closingCertificate = ClosingCertificate(
      number: "SKA/01", date: d("2027-01-10"), signedBy: "198705122010121003")
    file.assessments = [AssessmentRecord(date: d("2025-01-22"), instrument: "RRI v02 2021", result: "sedang")]
    file.legalEvents = [LegalStatusEvent(date: d("2025-08-14"), status: .tersangka, reference: "LP/B/123")]
    file.revocation = try RevocationProceeding(
      grounds: [.newSuspectOrConvictStatus],
      bap: RevocationStep(
        state: .bapRecorded, date: d("2025-09-01"), actorID: "198705122010121000", actorRole: .pk, reference: "BAP/09",
        note: "n"))
    return file
  }

  static let officer = Officer(
    id: "198705122010121003", name: "Dian P.", rank: .pkAhliMadya, section: .bkd, bapasCode: "BPS-DPS",
    isHeadOfBapas: true,
    trainings: [
      OfficerTraining(name: "Asesmen RRI", completedOn: d("2024-05-01"), kind: .riskNeedAssessment, provider: "BPSDM")
    ], approachStyle: .suportif)
  static let bapas = Bapas(
    code: "BPS-DPS", name: "Bapas Kelas I Denpasar", bapasClass: .kelasI,
    workArea: [Region(name: "Badung", kind: .kabupaten)],
    outposts: [PosBapas(code: "POS-1", name: "Pos", serves: [Region(name: "Gianyar", kind: .kabupaten)])])
  static let partner: PokmasLipasPartner = {
    var p = PokmasLipasPartner(
      id: "POK-01", name: "Yayasan Gerasa", partnerType: .socialOrganisation, focusAreas: [.kemandirianKepribadian],
      services: [.vocationalTraining], programmeCategories: [.bakery], bapasCodes: ["BPS-DPS"])
    p.targetGroups = [.adultClients]
    p.agreements = [
      CooperationAgreement(
        number: "PKS/01", signedOn: d("2024-01-02"), validFrom: d("2024-01-02"), validUntil: d("2026-01-01"),
        bapasCode: "BPS-DPS")
    ]
    p.activities = [
      PartnerActivity(date: d("2025-03-01"), description: "pelatihan", clients: 4, hours: 3, programmeID: "PRG-1")
    ]
    return p
  }()
  static let programme = Programme(
    id: "PRG-1", name: "Budidaya ikan lele", category: .fishFarming, method: .kelompok, partnerID: "POK-01",
    schedule: ProgrammeSchedule(start: d("2025-03-01"), end: d("2025-05-31"), recurrence: .weekly, hoursPerSession: 2),
    capacity: 15)

  /// Every top-level model with its type name.
  static func all() throws -> [(String, any Encodable)] {
    [
      ("CaseFile", try caseFile()), ("Officer", officer), ("Bapas", bapas), ("PokmasLipasPartner", partner),
      ("Programme", programme),
    ]
  }
}
