import AssessmentEngine
import Foundation
import Testing

@Suite("Supervision plan")
struct RiskSupervisionPlanTests {
  /// The documented three-level table on the fixtures' `rst` band ids, with a floor of one contact a
  /// month (the engine itself sets none).
  static let rst = SupervisionPolicy.threeLevel(
    scheme: "rst", low: "rendah", moderate: "sedang", high: "tinggi", legalFloorContactsPerMonth: 1)

  /// The engine's defaults are neutral: no floor unless configured, tables keyed on the caller's ids.
  @Test func defaultsCarryNoAgencyPolicy() throws {
    let neutral = SupervisionPolicy.threeLevel(scheme: "lmh", low: "low", moderate: "moderate", high: "high")
    #expect(neutral.legalFloorContactsPerMonth == 0)
    #expect(SupervisionPolicy(scheme: "s", contactStandards: [:], dosageHours: [:]).legalFloorContactsPerMonth == 0)
    #expect(neutral.contactStandards["moderate"] == ContactStandard(faceToFacePerMonth: 2, fieldContactsPerMonth: 1))
    #expect(neutral.dosageHours == ["low": 0, "moderate": 100, "high": 200])
    #expect(neutral.multipleNeedsDosage == MultipleNeedsDosage(band: "high", minimumNeeds: 3, hours: 300))
    // JSON keeps its keys: a policy written before the move decodes unchanged.
    let old =
      #"{"scheme":"rst","contactStandards":{"sedang":{"faceToFacePerMonth":2}},"dosageHours":{"sedang":100},"maximumTargets":3,"legalFloorContactsPerMonth":1}"#
    let decoded = try JSONDecoder().decode(SupervisionPolicy.self, from: Data(old.utf8))
    #expect(decoded.legalFloorContactsPerMonth == 1 && decoded.contactStandards["sedang"]?.faceToFacePerMonth == 2)
  }

  /// Case A (sedang): 2 contacts a month, 100 hours, top three needs kognisi, pergaulan, waktuLuang.
  @Test func planFromCaseA() throws {
    let rnr8 = try RiskFixtures.rnr8()
    let a = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    let plan = try Self.rst.plan(for: a, instrument: rnr8, responsivity: [.workingHours, .noPhoneDataOrSignal])
    #expect(plan.policyBand.band == "sedang")
    #expect(plan.contactStandard == ContactStandard(faceToFacePerMonth: 2, fieldContactsPerMonth: 1))
    #expect(plan.dosageHours == 100)
    #expect(plan.targets.map(\.domain) == ["kognisi", "pergaulan", "waktuLuang"])
    #expect(plan.targets.map(\.centralEight) == [.antisocialCognition, .antisocialAssociates, .leisureRecreation])
    #expect(
      plan.targets.map(\.id) == [
        "rnr8-illustrative/kognisi", "rnr8-illustrative/pergaulan", "rnr8-illustrative/waktuLuang",
      ])
    #expect(plan.strengths == ["keluarga", "zat"])
    #expect(plan.responsivity.outsideWorkingHours)
    #expect(!plan.responsivity.modalities.contains(.videoCall))
    #expect(plan.instrumentStatus == .illustrative)
    #expect(try JSONDecoder().decode(SupervisionPlan.self, from: JSONEncoder().encode(plan)) == plan)
  }

  /// Case A + sa1 "2" = 16 → tinggi with five needs ≥ 3 → 300 hours, 4 contacts.
  @Test func highRiskWithMultipleNeeds() throws {
    let rnr8 = try RiskFixtures.rnr8()
    var answers = RiskFixtures.caseA
    answers["sa1"] = .choice("2")
    let a = try rnr8.assess(answers, population: RiskFixtures.maleAdult)
    let plan = try Self.rst.plan(for: a, instrument: rnr8)
    #expect(plan.contactStandard.faceToFacePerMonth == 4)
    #expect(plan.dosageHours == 300)
    var fewer = Self.rst
    fewer.multipleNeedsDosage = MultipleNeedsDosage(band: "tinggi", minimumNeeds: 6, hours: 300)
    #expect(try fewer.plan(for: a, instrument: rnr8).dosageHours == 200)
  }

  /// An override to tinggi drives the plan; the computed band is kept.
  @Test func overrideDrivesIntensity() throws {
    let rnr8 = try RiskFixtures.rnr8()
    let a = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    let o = try OverridePolicy().override(
      a, to: "tinggi", reason: OverrideReason(kind: .policy, code: "P01", text: "Policy."),
      approval: OverrideApproval(role: .supervisor, approverID: "S", approvedAt: Date(timeIntervalSince1970: 0)),
      officerID: "O", instrument: rnr8)
    let plan = try Self.rst.plan(for: a, override: o, instrument: rnr8)
    #expect(plan.computedBand.band == "sedang")
    #expect(plan.finalBand.band == "tinggi")
    #expect(plan.contactStandard.faceToFacePerMonth == 4)
    #expect(plan.dosageHours == 300)  // four needs ≥ 3
  }

  /// The LSI-R-shaped instrument's five-level band (moderate) is mapped onto rst (sedang).
  @Test func mapsFiveLevelBandsOntoPolicyScheme() throws {
    let lsi = try RiskFixtures.lsiShaped()
    let a = try lsi.assess(RiskFixtures.lsiCase, population: ClientPopulation())
    let plan = try Self.rst.plan(for: a, instrument: lsi)
    #expect(plan.finalBand.band == "moderate")
    #expect(plan.policyBand.band == "sedang")
    #expect(plan.targets.map(\.domain) == ["attitudes", "financial", "leisure"])
  }

  @Test func planErrors() throws {
    let rnr8 = try RiskFixtures.rnr8()
    let a = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    var noBand = a
    noBand.band = nil
    #expect(throws: SupervisionPlanError.noBand) { try Self.rst.plan(for: noBand, instrument: rnr8) }

    var other = Self.rst
    other.scheme = "csg5"
    #expect(throws: SupervisionPlanError.noMapping(from: "rst", to: "csg5")) {
      try other.plan(for: a, instrument: rnr8)
    }

    var gap = Self.rst
    gap.contactStandards["sedang"] = nil
    #expect(throws: SupervisionPlanError.missingContactStandard(band: "sedang")) {
      try gap.plan(for: a, instrument: rnr8)
    }

    var noDose = Self.rst
    noDose.dosageHours["sedang"] = nil
    #expect(throws: SupervisionPlanError.missingDosage(band: "sedang")) { try noDose.plan(for: a, instrument: rnr8) }

    var belowFloor = Self.rst
    belowFloor.contactStandards["sedang"] = ContactStandard(faceToFacePerMonth: 0)
    #expect(throws: SupervisionPlanError.belowLegalFloor(band: "sedang", perMonth: 0, floor: 1)) {
      try belowFloor.plan(for: a, instrument: rnr8)
    }

    var higher = a
    higher.band = rnr8.bandReference(scheme: "rst", band: "tinggi")
    let o = try OverridePolicy().override(
      higher, to: "sedang", reason: OverrideReason(kind: .discretionary, code: "D", text: "t"),
      approval: OverrideApproval(role: .supervisor, approverID: "S", approvedAt: Date(timeIntervalSince1970: 0)),
      officerID: "O", instrument: rnr8)
    #expect(throws: SupervisionPlanError.overrideDoesNotMatch(computed: "sedang", overridden: "tinggi")) {
      try Self.rst.plan(for: a, override: o, instrument: rnr8)
    }
  }
}
