import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@testable import Pemasyarakatan

/// The hand-worked RNR-8 case used throughout (adult man, born 1994-06-30, assessed 2025-02-01):
///
/// | Domain | Answers → points | Points / max | Share | Status |
/// |---|---|---|---|---|
/// | riwayat (static) | ch1 = 1 → 1, ch2 = no → 0, ch3 = 1 → 1 | 2 / 5 | — | static |
/// | kepribadian | ap1 = 0 → 0, ap2 = no → 0 | 0 / 3 | 0 | strength |
/// | kognisi | ac1 = 1 → 1, ac2 = 0 → 1 | 2 / 2 | 1.0 | need |
/// | pergaulan | as1 = 1 → 1, as2 = no → 0 | 1 / 3 | .33 | neither |
/// | keluarga | fm1 = 3 → 0 (strength), fm2 = no → 0 | 0 / 2 | 0 | strength |
/// | sekolahKerja | sw1 = yes → 1, sw2 = 1 → 1, sw3 = 1 → 1 | 3 / 4 | .75 | need |
/// | waktuLuang | lr1 = no → 0, lr2 = 2 → 0 | 0 / 2 | 0 | strength |
/// | zat | sa1 = 2 → 2, sa2 = yes → 1 | 3 / 3 | 1.0 | need |
///
/// Total 2+0+2+1+0+3+0+3 = 11: sedang for an adult man (8–15). Needs: kognisi and zat tie at 1.0 and
/// kognisi is Big Four, so 1 kognisi, 2 zat, 3 sekolahKerja (.75). Standard policy on sedang: 2
/// face-to-face and 1 field contact a month, 100 hours.
enum SupervisionFixture {
  static let answers: [String: RiskAnswer] = [
    "ch1": .count(1), "ch2": .choice("no"), "ch3": .choice("1"), "ap1": .choice("0"), "ap2": .choice("no"),
    "ac1": .choice("1"), "ac2": .choice("0"), "as1": .choice("1"), "as2": .choice("no"), "fm1": .choice("3"),
    "fm2": .choice("no"), "sw1": .choice("yes"), "sw2": .choice("1"), "sw3": .choice("1"), "lr1": .choice("no"),
    "lr2": .choice("2"), "sa1": .choice("2"), "sa2": .choice("yes"),
  ]
  static let bapas = Bapas(
    code: "BPS-DPS", name: "Bapas Kelas I Denpasar", bapasClass: .kelasI,
    outposts: [PosBapas(code: "POS-01", name: "Pos Bapas Contoh")])
  static let client = Client(
    id: "PB-2025-0142", name: "Made S.", birthDate: d("1994-06-30"), sex: .male, legalBasis: .pembebasanBersyarat)

  static func caseFile(bapas: BapasCode = "BPS-DPS", client: Client = client) -> CaseFile {
    var c = CaseFile(
      id: "K-1", bapasCode: bapas, officerID: "PK-1", client: client, receivedOn: d("2025-01-20"),
      guidancePeriod: CivilDateInterval(start: d("2025-01-20"), end: d("2026-07-20")))
    do { try c.apply(.beginGuidance, on: d("2025-01-25"), decision: tpp("2025-01-24", .approveGuidancePlan)) } catch {
      Issue.record("fixture: \(error)")
    }
    c.contacts = [contact("2025-02-10")]
    return c
  }

  static func contact(_ date: String) -> Contact {
    Contact(
      id: ContactID("WL-\(date)"), date: d(date), officerID: "PK-1", modality: .officeVisit, purpose: .wajibLapor,
      attendance: .attended)
  }

  static func programme(
    _ id: String, _ category: ProgrammeCategory, capacity: Int = 10, partner: PartnerID? = nil,
    end: String = "2025-12-31"
  ) -> Programme {
    Programme(
      id: ProgrammeID(id), name: id, category: category, method: .kelompok, partnerID: partner,
      schedule: ProgrammeSchedule(start: d("2025-01-06"), end: d(end), recurrence: .weekly, hoursPerSession: 2),
      capacity: capacity)
  }

  static let programmes: [Programme] = [
    programme("PRG-SIKAP", .attitudeAndBehaviour),
    programme("PRG-HUKUM", .legalAwareness, capacity: 2),
    programme("PRG-LELE", .fishFarming, capacity: 15),
    programme("PRG-KUE", .bakery, capacity: 8, partner: "POK-GERASA"),
    programme("PRG-SEHAT", .health, capacity: 20),
    programme("PRG-LAMA", .attitudeAndBehaviour, end: "2024-12-31"),
  ]

  static let partners: [PokmasLipasPartner] = [
    PokmasLipasPartner(
      id: "POK-GERASA", name: "Yayasan Gerasa", partnerType: .socialOrganisation, focusAreas: [.kemandirianKepribadian],
      services: [.vocationalTraining], programmeCategories: [.bartending, .bakery, .clothing], bapasCodes: ["BPS-DPS"]),
    PokmasLipasPartner(
      id: "POK-REHAB", name: "Loka Rehabilitasi", partnerType: .governmentBody, focusAreas: [.kemandirianKepribadian],
      services: [.socialRehabilitation, .narcoticsRehabilitation], bapasCodes: ["BPS-DPS"]),
    PokmasLipasPartner(
      id: "POK-LBH", name: "LBH Bali", partnerType: .legalAid, focusAreas: [.hukumKemasyarakatan],
      services: [.legalAid, .legalEducation], bapasCodes: ["BPS-DPS"]),
    PokmasLipasPartner(
      id: "POK-JKT", name: "Rehabilitasi Jakarta", partnerType: .governmentBody, focusAreas: [.kemandirianKepribadian],
      services: [.narcoticsRehabilitation], bapasCodes: ["BPS-JKT"]),
  ]

  /// Two other cases fill PRG-HUKUM's two places.
  static var caseload: [CaseFile] {
    (1...2).map { i in
      var other = CaseFile(
        id: CaseID("K-\(i + 1)"), bapasCode: "BPS-DPS", officerID: "PK-2", client: client, receivedOn: d("2025-01-01"),
        guidancePeriod: CivilDateInterval(start: d("2025-01-01"), end: d("2026-01-01")))
      other.enrolments = [Enrolment(programmeID: "PRG-HUKUM", enrolledOn: d("2025-01-10"))]
      return other
    }
  }

  static func assessment() throws -> (RiskInstrumentDefinition, RiskAssessment) {
    let instrument = try IllustrativeInstruments.rnr8()
    return (instrument, try instrument.assess(answers, population: client.riskPopulation(on: d("2025-02-01"))))
  }
}

@Suite("Supervision composition: Bapas plan from the generic RNR plan")
struct SupervisionCompositionTests {
  typealias F = SupervisionFixture

  @Test func handWorkedPlanMatchesProgrammesAndPartnersToEachNeed() throws {
    let (instrument, assessment) = try F.assessment()
    #expect(assessment.total == 11 && assessment.band?.band == "sedang")
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"), responsivity: [.workingHours, .travelCost], programmes: F.programmes, partners: F.partners,
      caseload: F.caseload)
    #expect(plan.generic.contactStandard == ContactStandard(faceToFacePerMonth: 2, fieldContactsPerMonth: 1))
    #expect(plan.generic.dosageHours == 100)
    #expect(plan.needs.map(\.need.domain) == ["kognisi", "zat", "sekolahKerja"])
    #expect(
      plan.needs.map(\.need.id) == [
        "rnr8-illustrative/kognisi", "rnr8-illustrative/zat", "rnr8-illustrative/sekolahKerja",
      ])

    // kognisi: SIKAP is category 0 (attitudes); HUKUM (category 1) is full (2 of 2); the other running
    // kepribadian programme, SEHAT, matches by kind; LAMA ended in 2024. Partner: only LBH offers legal education.
    let kognisi = plan.needs[0]
    #expect(kognisi.programmes.map(\.programmeID) == ["PRG-SIKAP", "PRG-SEHAT"])
    #expect(kognisi.programmes.map(\.basis) == [.category, .kind])
    #expect(kognisi.programmes[0].remainingPlaces == 10)
    #expect(kognisi.fullProgrammes == ["PRG-HUKUM"])
    #expect(kognisi.partners.map(\.partnerID) == ["POK-LBH"])
    #expect(kognisi.partners[0].services == [.legalEducation])
    #expect(
      kognisi.partners[0].reason.english
        == "Focus 'Law and community'; offers legal education — for the need 'Antisocial cognition'.")
    #expect(
      kognisi.programmes[0].reason.english
        == "Category 'Attitudes and behaviour' (personality guidance) answers the need 'Antisocial cognition'.")

    // zat: SEHAT by category (health), SIKAP by kind; the rehabilitation partner of this Bapas (narcotics
    // rehabilitation is the rule's first service, so it is listed first), not the Jakarta one.
    let zat = plan.needs[1]
    #expect(zat.programmes.map(\.programmeID) == ["PRG-SEHAT", "PRG-SIKAP"])
    #expect(zat.partners.map(\.partnerID) == ["POK-REHAB"])
    #expect(zat.partners[0].services == [.narcoticsRehabilitation, .socialRehabilitation])

    // sekolahKerja: no intellectual programme, so the two kemandirian programmes match by kind, sorted
    // by id. Gerasa fits by its vocational-training service; its bakery category is not one the rule
    // names (the rule's only category is intellectual), so `categories` stays empty.
    let work = plan.needs[2]
    #expect(work.programmes.map(\.programmeID) == ["PRG-KUE", "PRG-LELE"])
    #expect(work.programmes.allSatisfy { $0.basis == .kind && $0.kind == .kemandirian })
    #expect(work.partners.map(\.partnerID) == ["POK-GERASA"])
    #expect(work.partners[0].services == [.vocationalTraining] && work.partners[0].categories.isEmpty)
    #expect(plan.needs.allSatisfy { !$0.isUnserved })
  }

  /// workingHours → outside hours, mobile counselling, video call, employer; travelCost adds home visit.
  /// Engine modalities: office, mobile counselling, video call, home visit; format group → group session.
  @Test func responsivityBecomesBapasModalities() throws {
    let (instrument, assessment) = try F.assessment()
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"), responsivity: [.workingHours, .travelCost])
    #expect(
      plan.modalities.map(\.modality) == [.officeVisit, .mobileCounselling, .videoCall, .homeVisit, .groupSession])
    #expect(plan.modalities[1].note.english == "Mobile counselling every second Saturday in a different kelurahan.")
    #expect(plan.generic.responsivity.outsideWorkingHours)

    // Distance adds the outpost: reported as an office visit at the Pos Bapas. Trauma makes it individual.
    let far = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"), responsivity: [.largeWorkArea, .trauma])
    #expect(far.modalities.map(\.modality) == [.officeVisit, .officeVisit, .mobileCounselling, .videoCall, .homeVisit])
    #expect(far.modalities[1].adjustment == .reportAtNearerOutpost)
    #expect(far.modalities[1].note.indonesian == "Lapor di Pos Bapas Contoh.")
  }

  @Test func legalFloorIsStatedBesideThePlannedContacts() throws {
    let (instrument, assessment) = try F.assessment()
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"))
    #expect(plan.legalFloor.minimumPerMonth == 1 && plan.legalFloor.plannedFaceToFacePerMonth == 2)
    #expect(
      plan.legalFloor.statement.english.hasPrefix(
        "Mandatory reporting at least 1 time a month (legal floor); this plan: 2 face-to-face contacts a month."))
  }

  /// Scheduled: 2025-02-01 + 12 months = 2026-02-01 (Permenkumham 12/2013). The stage change on
  /// 2025-01-25 predates the assessment and does not count.
  @Test func reassessmentIsScheduledTwelveMonthsAfterTheAssessment() throws {
    let (instrument, assessment) = try F.assessment()
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"))
    #expect(plan.reassessment.date == d("2026-02-01"))
    #expect(plan.reassessment.reason == .scheduled)
    #expect(plan.reassessment.source.citation.hasPrefix("Permenkumham 12/2013"))
    // A later assessment on the case file moves the schedule: 2025-03-05 + 12 months.
    var c = F.caseFile()
    c.assessments = [AssessmentRecord(date: d("2025-03-05"), instrument: "rnr8-illustrative 1.0", result: "sedang")]
    #expect(
      BapasSupervisionPlanner().reassessmentDue(c, assessedOn: d("2025-02-01"), asOf: d("2025-03-10")).date
        == d("2026-03-05"))
  }

  /// New offence information on 2025-05-10 → due 30 days later, 2025-06-09 (monthly reports attended).
  @Test func newOffenceInformationBringsTheReassessmentForward() {
    var c = F.caseFile()
    c.contacts = ["2025-02-10", "2025-03-10", "2025-04-10", "2025-05-10"].map(F.contact)
    c.legalEvents = [LegalStatusEvent(date: d("2025-05-10"), status: .tersangka, reference: "LP/B/1/V/2025")]
    let due = BapasSupervisionPlanner().reassessmentDue(c, assessedOn: d("2025-02-01"), asOf: d("2025-06-01"))
    #expect(due.date == d("2025-06-09"))
    #expect(due.reason == .event(.newOffenceInformation))
    #expect(due.eventDate == d("2025-05-10"))
  }

  /// Monthly periods from 2025-01-20: the report of 02-10 covers the first; the periods ending 03-19,
  /// 04-19 and 05-19 have none, so the third miss raises the flag on 2025-05-19 → due 2025-06-18.
  @Test func aViolationBringsTheReassessmentForward() {
    let due = BapasSupervisionPlanner().reassessmentDue(
      F.caseFile(), assessedOn: d("2025-02-01"), asOf: d("2025-06-01"))
    #expect(due.date == d("2025-06-18"))
    #expect(due.reason == .event(.violation))
  }

  /// Tahap lanjutan from 2025-04-01 → due 2025-05-01.
  @Test func aStageChangeBringsTheReassessmentForward() throws {
    var c = F.caseFile()
    c.contacts = ["2025-02-10", "2025-03-10"].map(F.contact)
    try c.apply(.advanceToLanjutan, on: d("2025-04-01"), decision: tpp("2025-03-28", .approveStageAdvance))
    let due = BapasSupervisionPlanner().reassessmentDue(c, assessedOn: d("2025-02-01"), asOf: d("2025-04-10"))
    #expect(due.date == d("2025-05-01"))
    #expect(due.reason == .event(.stageChange))
    // A policy without stage-change triggers keeps the schedule.
    var planner = BapasSupervisionPlanner()
    planner.reassessmentPolicy.triggers = [.newOffenceInformation, .violation]
    #expect(planner.reassessmentDue(c, assessedOn: d("2025-02-01"), asOf: d("2025-04-10")).reason == .scheduled)
  }

  /// An event whose 30 days end exactly on the scheduled date (2026-01-02 + 30 = 2026-02-01) leaves the
  /// schedule as the reason; one day earlier brings it forward.
  @Test func onEqualDatesTheScheduleWins() {
    var planner = BapasSupervisionPlanner()
    planner.reassessmentPolicy.triggers = [.newOffenceInformation]
    var c = F.caseFile()
    c.legalEvents = [LegalStatusEvent(date: d("2026-01-02"), status: .tersangka, reference: "LP-1")]
    let tie = planner.reassessmentDue(c, assessedOn: d("2025-02-01"), asOf: d("2026-01-10"))
    #expect(tie.date == d("2026-02-01") && tie.reason == .scheduled)
    c.legalEvents[0].date = d("2026-01-01")
    let earlier = planner.reassessmentDue(c, assessedOn: d("2025-02-01"), asOf: d("2026-01-10"))
    #expect(earlier.date == d("2026-01-31") && earlier.reason == .event(.newOffenceInformation))
  }

  /// A partner can fit by a programme category alone: a social group delivering `social` guidance,
  /// with no listed service, fits antisocial associates (rule categories: social, attitudes, arts).
  @Test func aPartnerCanFitByCategoryAlone() throws {
    let need = CriminogenicNeed(
      id: "x/pergaulan", rank: 1, domain: "pergaulan", label: CentralEightFactor.antisocialAssociates.label,
      centralEight: .antisocialAssociates, points: 3, maximum: 3, share: 1, drivers: ["as1"])
    let club = PokmasLipasPartner(
      id: "POK-KARANG", name: "Karang Taruna", partnerType: .socialOrganisation, focusAreas: [.hukumKemasyarakatan],
      programmeCategories: [.social, .bakery], bapasCodes: ["BPS-DPS"])
    let m = BapasSupervisionPlanner().match(need, programmes: [], partners: [club], caseload: [])
    #expect(m.partners.map(\.partnerID) == ["POK-KARANG"])
    #expect(m.partners[0].services.isEmpty && m.partners[0].categories == [.social])
    #expect(
      m.partners[0].reason.english
        == "Focus 'Law and community'; delivers social guidance — for the need 'Antisocial associates'.")
    // A need outside the eight has no rule and is unserved.
    let other = CriminogenicNeed(
      id: "x/keuangan", rank: 1, domain: "keuangan", label: LocalizedText(id: "Keuangan", en: "Financial"),
      centralEight: nil, points: 2, maximum: 2, share: 1, drivers: [])
    let none = BapasSupervisionPlanner().match(other, programmes: F.programmes, partners: F.partners, caseload: [])
    #expect(none.rule == nil && none.isUnserved)
  }

  /// Override sedang → tinggi (one level) approved by the Kasie: tinggi with 3 needs gives 4 contacts and
  /// the multiple-needs dosage of 300 hours.
  @Test func overrideApprovalIsNamedInBapasRoles() throws {
    let (instrument, assessment) = try F.assessment()
    let reason = OverrideReason(
      kind: .discretionary, code: "new-info", text: "Informasi keluarga tentang penggunaan narkotika.")
    let override = try OverridePolicy.bapasDefault.override(
      assessment, to: "tinggi", reason: reason,
      approval: BapasApprover.kasieOrKasubsi.approval(by: "KASIE-1", on: d("2025-02-02")),
      officerID: "PK-1", instrument: instrument)
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"), override: override)
    #expect(plan.overrideApprover == .kasieOrKasubsi)
    #expect(plan.generic.contactStandard.faceToFacePerMonth == 4 && plan.generic.dosageHours == 300)
    // 2025-02-02 00:00 WIB = 2025-02-01 17:00 UTC = 1738429200 s.
    #expect(override.approval.approvedAt == Date(timeIntervalSince1970: 1_738_429_200))

    // A PK cannot approve; two levels (sedang → rendah is one; use a rendah client) need the Kabapas.
    #expect(throws: OverrideError.approverRoleTooLow(required: .supervisor, actual: .officer, levels: 1)) {
      try OverridePolicy.bapasDefault.override(
        assessment, to: "rendah", reason: reason, approval: BapasApprover.pk.approval(by: "PK-1", on: d("2025-02-02")),
        officerID: "PK-1", instrument: instrument)
    }
    var low = F.answers
    for k in ["ac1", "ac2"] { low[k] = .choice("3") }
    low["sa1"] = .choice("0")
    low["sa2"] = .choice("no")
    low["sw1"] = .choice("no")
    // Total now 2 + 0 + 0 + 1 + 0 + 2 + 0 + 0 = 5: rendah.
    let rendah = try instrument.assess(low, population: ClientPopulation(gender: .male, ageGroup: .adult))
    #expect(rendah.total == 5 && rendah.band?.band == "rendah")
    #expect(throws: OverrideError.approverRoleTooLow(required: .unitHead, actual: .supervisor, levels: 2)) {
      try OverridePolicy.bapasDefault.override(
        rendah, to: "tinggi", reason: reason,
        approval: BapasApprover.kasieOrKasubsi.approval(by: "KASIE-1", on: d("2025-02-02")),
        officerID: "PK-1", instrument: instrument)
    }
    let byKabapas = try OverridePolicy.bapasDefault.override(
      rendah, to: "tinggi", reason: reason,
      approval: BapasApprover.kabapas.approval(by: "KABAPAS", on: d("2025-02-02")),
      officerID: "PK-1", instrument: instrument)
    #expect(BapasApprover(byKabapas.approval.role) == .kabapas)
  }

  @Test(arguments: BapasApprover.allCases)
  func approverRolesMapBothWays(role: BapasApprover) {
    #expect(BapasApprover(role.approverRole) == role)
  }

  @Test func approverTable() {
    #expect(BapasApprover.allCases.map(\.approverRole) == [.officer, .supervisor, .unitHead, .reviewBoard])
  }

  /// PK-A: 3 assessments, 1 upward discretionary override; PK-B: 1 assessment, 1 downward policy
  /// override (both at Denpasar); PK-C at Jakarta: 1 assessment, none.
  /// Denpasar: 4 assessments, 2 overrides → .5; Jakarta: 1, 0 → 0.
  @Test func overrideRatesPerOfficerAndPerBapas() throws {
    let (instrument, assessment) = try F.assessment()
    let approval = BapasApprover.kabapas.approval(by: "KABAPAS", on: d("2025-02-02"))
    let up = try OverridePolicy.bapasDefault.override(
      assessment, to: "tinggi", reason: OverrideReason(kind: .discretionary, code: "x", text: "y"), approval: approval,
      officerID: "PK-A", instrument: instrument)
    let down = try OverridePolicy.bapasDefault.override(
      assessment, to: "rendah", reason: OverrideReason(kind: .policy, code: "p", text: "q"), approval: approval,
      officerID: "PK-B", instrument: instrument)
    let records = [
      BapasOverrideRecord(caseID: "K-1", officerID: "PK-A", bapasCode: "BPS-DPS", override: up),
      BapasOverrideRecord(caseID: "K-2", officerID: "PK-A", bapasCode: "BPS-DPS", override: nil),
      BapasOverrideRecord(caseID: "K-3", officerID: "PK-A", bapasCode: "BPS-DPS", override: nil),
      BapasOverrideRecord(caseID: "K-4", officerID: "PK-B", bapasCode: "BPS-DPS", override: down),
      BapasOverrideRecord(caseID: "K-5", officerID: "PK-C", bapasCode: "BPS-JKT", override: nil),
    ]
    let officers = BapasOverrideRates.perOfficer(records)
    #expect(
      officers == [
        OverrideRateSummary(
          key: "PK-A", assessments: 3, overrides: 1, upward: 1, downward: 0, policy: 0, discretionary: 1),
        OverrideRateSummary(
          key: "PK-B", assessments: 1, overrides: 1, upward: 0, downward: 1, policy: 1, discretionary: 0),
        OverrideRateSummary(
          key: "PK-C", assessments: 1, overrides: 0, upward: 0, downward: 0, policy: 0, discretionary: 0),
      ])
    expectClose(officers[0].rate, 1.0 / 3.0, relative: 1e-15, "PK-A rate")
    let bapas = BapasOverrideRates.perBapas(records)
    #expect(bapas.map(\.key) == ["BPS-DPS", "BPS-JKT"])
    #expect(bapas[0].assessments == 4 && bapas[0].overrides == 2 && bapas[0].rate == 0.5)
    #expect(bapas[1].rate == 0)
  }

  /// Born 2009-01-01: 16 on 2025-03-01, a child; the child cut-off table (0–6 / 7–13 / 14+) puts 11 in
  /// sedang, and the plan adds the child responsivity factor.
  @Test func aChildClientGetsTheChildFactorAndTable() throws {
    let child = Client(
      id: "AN-1", name: "Putu", birthDate: d("2009-01-01"), sex: .female, legalBasis: .pembebasanBersyarat)
    let instrument = try IllustrativeInstruments.rnr8()
    let population = child.riskPopulation(on: d("2025-02-01"))
    #expect(population == ClientPopulation(gender: .female, ageGroup: .child, ageYears: 16))
    let assessment = try instrument.assess(F.answers, population: population)
    #expect(assessment.cutoffTable == "child" && assessment.band?.band == "sedang")
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(client: child), at: F.bapas, assessment: assessment, instrument: instrument,
      assessedOn: d("2025-02-01"), asOf: d("2025-03-01"))
    #expect(plan.generic.responsivity.factors == [.child])
    #expect(plan.generic.responsivity.adjustments == [.childFriendlyWithGuardian, .familySessions])
  }

  @Test func enrolmentRequestsAreChecked() throws {
    let (instrument, assessment) = try F.assessment()
    func plan(_ ids: [ProgrammeID], planner: BapasSupervisionPlanner = BapasSupervisionPlanner())
      throws(BapasSupervisionError) -> BapasSupervisionPlan
    {
      try planner.plan(
        for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
        asOf: d("2025-03-01"), programmes: F.programmes, partners: F.partners, caseload: F.caseload, enrolIn: ids)
    }
    #expect(try plan(["PRG-SIKAP", "PRG-LELE"]).enrolIn == ["PRG-SIKAP", "PRG-LELE"])
    #expect(throws: BapasSupervisionError.unknownProgramme("PRG-X")) { try plan(["PRG-X"]) }
    #expect(throws: BapasSupervisionError.programmeFull(programme: "PRG-HUKUM", capacity: 2, enrolled: 2)) {
      try plan(["PRG-HUKUM"])
    }
    var one = BapasSupervisionPlanner()
    one.supervisionPolicy.maximumTargets = 1
    #expect(throws: BapasSupervisionError.programmeFitsNoTarget(programme: "PRG-LELE", targets: ["kognisi"])) {
      try plan(["PRG-LELE"], planner: one)
    }
  }

  @Test func badInputIsRefusedWithATypedError() throws {
    let (instrument, assessment) = try F.assessment()
    func plan(
      _ c: CaseFile = F.caseFile(), bapas: Bapas = F.bapas, assessedOn: String = "2025-02-01",
      programmes: [Programme] = [],
      planner: BapasSupervisionPlanner = BapasSupervisionPlanner()
    ) throws(BapasSupervisionError) {
      _ = try planner.plan(
        for: c, at: bapas, assessment: assessment, instrument: instrument, assessedOn: d(assessedOn),
        asOf: d("2025-03-01"),
        programmes: programmes, partners: F.partners)
    }
    #expect(throws: BapasSupervisionError.clientOfAnotherBapas(caseID: "K-1", caseBapas: "BPS-JKT", bapas: "BPS-DPS")) {
      try plan(F.caseFile(bapas: "BPS-JKT"))
    }
    var suspended = F.caseFile()
    try suspended.apply(.suspend, on: d("2025-02-20"), decision: tpp("2025-02-19", .recommendSuspension))
    #expect(throws: BapasSupervisionError.caseNotActive(caseID: "K-1", stage: .suspended)) { try plan(suspended) }
    var rare = F.caseFile()
    rare.reportingSchedule = ReportingSchedule(every: 2, unit: .month)
    #expect(throws: BapasSupervisionError.reportingBelowLegalFloor(every: 2, unit: .month)) { try plan(rare) }
    #expect(throws: BapasSupervisionError.assessmentAfterPlanDate(assessedOn: d("2025-03-02"), asOf: d("2025-03-01"))) {
      try plan(assessedOn: "2025-03-02")
    }
    #expect(throws: BapasSupervisionError.duplicateProgramme("P")) {
      try plan(programmes: [F.programme("P", .health), F.programme("P", .social)])
    }
    #expect(throws: BapasSupervisionError.invalidCapacity(programme: "P", capacity: -1)) {
      try plan(programmes: [F.programme("P", .health, capacity: -1)])
    }
    #expect(throws: BapasSupervisionError.unknownPartner(programme: "P", partner: "POK-X")) {
      try plan(programmes: [F.programme("P", .health, partner: "POK-X")])
    }
    #expect(throws: BapasSupervisionError.partnerOfAnotherBapas(programme: "P", partner: "POK-JKT", bapas: "BPS-DPS")) {
      try plan(programmes: [F.programme("P", .health, partner: "POK-JKT")])
    }
    var other = BapasSupervisionPlanner()
    other.supervisionPolicy.scheme = "five"
    other.supervisionPolicy.contactStandards = [:]
    #expect(throws: BapasSupervisionError.plan(.missingContactStandard(band: "moderate"))) { try plan(planner: other) }
    other.supervisionPolicy.scheme = "unknown"
    #expect(throws: BapasSupervisionError.plan(.noMapping(from: "rst", to: "unknown"))) { try plan(planner: other) }
    #expect(
      BapasSupervisionError.programmeFull(programme: "PRG-HUKUM", capacity: 2, enrolled: 2).description
        == "Programme 'PRG-HUKUM' is full: 2 active enrolments for 2 places.")
  }

  /// Property (seeded): every listed programme fits the need's rule by category or kind and has a place;
  /// every full programme fits and has none; every partner lists this Bapas and shares a focus.
  @Test func matchingInvariants() throws {
    var rng = SplitMix64(seed: 20_251_123)
    let (instrument, assessment) = try F.assessment()
    let categories = ProgrammeCategory.allCases
    for _ in 0..<50 {
      let programmes = (0..<8).map { i in
        F.programme(
          "P\(i)", categories[Int.random(in: 0..<categories.count, using: &rng)],
          capacity: Int.random(in: 0...3, using: &rng))
      }
      var load: [CaseFile] = []
      for p in programmes where Bool.random(using: &rng) {
        var c = F.caseFile()
        c.enrolments = [Enrolment(programmeID: p.id, enrolledOn: d("2025-02-01"))]
        load.append(c)
      }
      let plan = try BapasSupervisionPlanner().plan(
        for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
        asOf: d("2025-03-01"), programmes: programmes, partners: F.partners, caseload: load)
      for match in plan.needs {
        let rule = try #require(match.rule)
        for m in match.programmes {
          #expect(rule.programmeCategories.contains(m.category) || rule.programmeKinds.contains(m.kind))
          #expect(m.remainingPlaces > 0)
        }
        for id in match.fullProgrammes {
          let p = try #require(programmes.first { $0.id == id })
          #expect(p.remainingPlaces(in: load) == 0)
        }
        for partner in match.partners {
          let p = try #require(F.partners.first { $0.id == partner.partnerID })
          #expect(p.bapasCodes.contains("BPS-DPS") && !partner.focus.isEmpty)
        }
      }
    }
  }

  @Test func planRoundTripsThroughJSON() throws {
    let (instrument, assessment) = try F.assessment()
    let plan = try BapasSupervisionPlanner().plan(
      for: F.caseFile(), at: F.bapas, assessment: assessment, instrument: instrument, assessedOn: d("2025-02-01"),
      asOf: d("2025-03-01"), programmes: F.programmes, partners: F.partners, caseload: F.caseload)
    #expect(try roundTrip(plan) == plan)
    #expect(try roundTrip(NeedServiceMap.standard) == NeedServiceMap.standard)
  }

  @Test func standardMapCoversTheSevenDynamicFactorsAndIsPolicyDefault() {
    let factors = NeedServiceMap.standard.rules.map(\.factor)
    #expect(Set(factors) == Set(CentralEightFactor.allCases.filter { $0 != .criminalHistory }))
    #expect(factors.count == 7)
    #expect(NeedServiceMap.standard.rules.allSatisfy { $0.isPolicyDefault })
    #expect(NeedServiceMap.standard.rule(for: .schoolWork)?.programmeKinds == [.kemandirian])
    #expect(NeedServiceMap.standard.rule(for: .substanceAbuse)?.partnerServices.first == .narcoticsRehabilitation)
    let custom = NeedServiceMap.standard.replacing(
      NeedServiceRule(
        factor: .leisureRecreation, programmeKinds: [], programmeCategories: [.artsAndCulture], partnerFocus: [],
        partnerServices: [],
        rationale: LocalizedText(id: "x", en: "x"), source: "agency"))
    #expect(custom.rules.count == 7 && custom.rule(for: .leisureRecreation)?.source == "agency")
  }
}
