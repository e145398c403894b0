import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@testable import Pemasyarakatan

@Suite("Bapas models: JSON round trip")
struct RoundTripTests {
  @Test(arguments: [UInt64(1), 2, 3, 42, 2026])
  func everyModelRoundTrips(seed: UInt64) throws {
    var g = Generator(rng: SplitMix64(seed: seed))
    for _ in 0..<40 {
      let file = g.caseFile()
      #expect(try roundTrip(file) == file)
      let bapas = g.bapas()
      #expect(try roundTrip(bapas) == bapas)
      let officer = g.officer()
      #expect(try roundTrip(officer) == officer)
      let partner = g.partner()
      #expect(try roundTrip(partner) == partner)
      let programme = g.programme()
      #expect(try roundTrip(programme) == programme)
      let litmas = g.litmas()
      #expect(try roundTrip(litmas) == litmas)
      let contact = g.contact()
      #expect(try roundTrip(contact) == contact)
    }
  }

  @Test(arguments: [UInt64(7), 8, 9])
  func derivedStateSurvivesRoundTrip(seed: UInt64) throws {
    var g = Generator(rng: SplitMix64(seed: seed))
    for _ in 0..<40 {
      let file = g.caseFile()
      let back = try roundTrip(file)
      #expect(back.stage == file.stage)
      #expect(back.stageBeforeSuspension == file.stageBeforeSuspension)
      #expect(back.ageCategoryAtReception == file.ageCategoryAtReception)
    }
  }

  @Test func civilDateIsAPlainString() throws {
    let data = try JSONEncoder().encode([d("2024-02-29")])
    #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
  }

  @Test func documentedClientJSONDecodes() throws {
    // The example from Client's doc comment and BapasModels.md.
    let json = #"""
      {"id": "PB-2025-0142", "name": "Made S.", "birthDate": "1994-06-30", "sex": "male",
       "legalBasis": "pembebasanBersyarat",
       "sentence": {"decisionNumber": "123/Pid.B/2023/PN Dps", "length": {"years": 3},
                    "countingStart": "2023-01-10", "remission": {"months": 2}, "releasedOn": "2025-01-20"},
       "addresses": [{"address": "Jl. Gatot Subroto 5, Denpasar", "from": "2025-01-20"}],
       "contactPersons": [{"name": "Ketut S.", "relationship": "parent"}]}
      """#
    let client = try JSONDecoder().decode(Client.self, from: Data(json.utf8))
    #expect(client.sentence?.length == CivilDuration(years: 3))
    #expect(client.sentence?.remission == CivilDuration(months: 2))
    #expect(client.ageCategory(on: d("2025-01-20")) == .adult)
    #expect(client.contactPersons.first?.phone == nil)
  }
}

/// Every enum has a distinct wire name and a non-empty Indonesian and English label.
@Suite("Bapas models: enum labels")
struct EnumLabelTests {
  func check<E: WireEnum>(_: E.Type) throws {
    let raw = E.allCases.map(\.rawValue)
    #expect(Set(raw).count == raw.count)
    for value in E.allCases {
      #expect(!value.label.indonesian.isEmpty && !value.label.english.isEmpty)
      #expect(try roundTrip([value]) == [value])
    }
  }

  @Test func allEnumsAreLabelledAndRoundTrip() throws {
    try check(BapasClass.self)
    try check(RegionKind.self)
    try check(OfficerRank.self)
    try check(OfficerTrack.self)
    try check(BapasSection.self)
    try check(AgeCategory.self)
    try check(Sex.self)
    try check(LegalBasis.self)
    try check(ContactRelationship.self)
    try check(PartnerType.self)
    try check(PartnerFocus.self)
    try check(PartnerService.self)
    try check(ProgrammeKind.self)
    try check(ProgrammeCategory.self)
    try check(GuidanceMethod.self)
    try check(Recurrence.self)
    try check(EnrolmentStatus.self)
    try check(AttendanceStatus.self)
    try check(ContactModality.self)
    try check(ContactPurpose.self)
    try check(RelationshipPhase.self)
    try check(LitmasType.self)
    try check(LitmasPurpose.self)
    try check(RequesterKind.self)
    try check(LitmasDataSource.self)
    try check(CaseStage.self)
    try check(CaseEvent.self)
    try check(TPPOutcome.self)
    try check(LegalStatus.self)
    try check(ReportingUnit.self)
    try check(RevocationState.self)
    try check(RevocationActorRole.self)
    try check(ComplianceFlagKind.self)
  }

  @Test func thirteenLitmasTypes() {
    // field-facts.md B7 lists 13 types.
    #expect(LitmasType.allCases.count == 13)
  }

  @Test func programmeCategoriesExposeTheirKind() {
    #expect(ProgrammeCategory.fishFarming.kind == .kemandirian)
    #expect(ProgrammeCategory.religious.kind == .kepribadian)
    #expect(ProgrammeCategory.attitudeAndBehaviour.kind == .kepribadian)
    let partner = PokmasLipasPartner(
      id: "P", name: "Yayasan Gerasa", partnerType: .socialOrganisation, focusAreas: [.kemandirianKepribadian],
      programmeCategories: [.bartending, .bakery])
    #expect(partner.delivers(.kemandirian))
    #expect(!partner.delivers(.kepribadian))
  }

  @Test func officerRankTracks() {
    #expect(OfficerRank.pkAhliMadya.track == .expert)
    #expect(OfficerRank.apkMahir.track == .skilled)
  }
}
