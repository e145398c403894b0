import AssessmentEngine
import Foundation
import Testing

@Suite("Professional override")
struct RiskOverrideTests {
  let when = Date(timeIntervalSince1970: 1_790_000_000)
  let reason = OverrideReason(
    kind: .discretionary, code: "D01", text: "Recent threats against the victim not captured by the items.")

  func sedangCase() throws -> (RiskInstrumentDefinition, RiskAssessment) {
    let rnr8 = try RiskFixtures.rnr8()
    return (rnr8, try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult))
  }

  @Test func oneLevelUpWithSupervisorApproval() throws {
    let (rnr8, a) = try sedangCase()
    let o = try OverridePolicy().override(
      a, to: "tinggi", reason: reason,
      approval: OverrideApproval(role: .supervisor, approverID: "S-7", approvedAt: when),
      officerID: "O-1", instrument: rnr8)
    #expect(o.computed.band == "sedang")
    #expect(o.final.band == "tinggi")
    #expect(o.direction == .up)
    #expect(o.levels == 1)
    #expect(o.approval.approvedAt == when)
    #expect(try JSONDecoder().decode(RiskOverride.self, from: JSONEncoder().encode(o)) == o)
  }

  /// Two levels (tinggi → rendah) need the unit head under the default policy.
  @Test func twoLevelsNeedHigherApproval() throws {
    let rnr8 = try RiskFixtures.rnr8()
    var answers = RiskFixtures.caseA
    answers["sa1"] = .choice("2")  // total 16 → tinggi for an adult man
    let a = try rnr8.assess(answers, population: RiskFixtures.maleAdult)
    let supervisor = OverrideApproval(role: .supervisor, approverID: "S-7", approvedAt: when)
    #expect(throws: OverrideError.approverRoleTooLow(required: .unitHead, actual: .supervisor, levels: 2)) {
      try OverridePolicy().override(
        a, to: "rendah", reason: reason, approval: supervisor, officerID: "O-1", instrument: rnr8)
    }
    let head = OverrideApproval(role: .unitHead, approverID: "H-1", approvedAt: when)
    let o = try OverridePolicy().override(
      a, to: "rendah", reason: reason, approval: head, officerID: "O-1", instrument: rnr8)
    #expect(o.direction == .down)
    #expect(o.levels == 2)
    #expect(throws: OverrideError.tooManyLevels(levels: 2, maximum: 1)) {
      try OverridePolicy(maximumLevels: 1).override(
        a, to: "rendah", reason: reason, approval: head, officerID: "O-1", instrument: rnr8)
    }
  }

  @Test func officerAloneCannotApprove() throws {
    let (rnr8, a) = try sedangCase()
    let own = OverrideApproval(role: .officer, approverID: "O-1", approvedAt: when)
    #expect(throws: OverrideError.approverRoleTooLow(required: .supervisor, actual: .officer, levels: 1)) {
      try OverridePolicy().override(a, to: "rendah", reason: reason, approval: own, officerID: "O-1", instrument: rnr8)
    }
  }

  @Test func missingOrEmptyReasonAndApproval() throws {
    let (rnr8, a) = try sedangCase()
    let ok = OverrideApproval(role: .supervisor, approverID: "S-7", approvedAt: when)
    let policy = OverridePolicy(allowedReasonCodes: ["D01", "P01"])
    func attempt(_ reason: OverrideReason?, _ approval: OverrideApproval?, band: String = "tinggi") throws {
      _ = try policy.override(a, to: band, reason: reason, approval: approval, officerID: "O-1", instrument: rnr8)
    }
    #expect(throws: OverrideError.missingReason) { try attempt(nil, ok) }
    #expect(throws: OverrideError.emptyReasonCode) {
      try attempt(OverrideReason(kind: .policy, code: " ", text: "x"), ok)
    }
    #expect(throws: OverrideError.emptyReasonText) {
      try attempt(OverrideReason(kind: .policy, code: "P01", text: ""), ok)
    }
    #expect(throws: OverrideError.reasonCodeNotAllowed(code: "X9", allowed: ["D01", "P01"])) {
      try attempt(OverrideReason(kind: .policy, code: "X9", text: "x"), ok)
    }
    #expect(throws: OverrideError.missingApproval) { try attempt(reason, nil) }
    #expect(throws: OverrideError.emptyApproverID) {
      try attempt(reason, OverrideApproval(role: .supervisor, approverID: "", approvedAt: when))
    }
    #expect(throws: OverrideError.sameBand("sedang")) { try attempt(reason, ok, band: "sedang") }
    #expect(throws: OverrideError.unknownBand(scheme: "rst", band: "high")) { try attempt(reason, ok, band: "high") }
    #expect(
      OverrideError.approverRoleTooLow(required: .unitHead, actual: .supervisor, levels: 2).description
        == "Override: moving 2 levels needs approval by unit head or higher, not supervisor.")
  }

  @Test func withheldTotalCannotBeOverridden() throws {
    let (rnr8, a) = try sedangCase()
    var withheld = a
    withheld.band = nil
    #expect(throws: OverrideError.noComputedBand) {
      try OverridePolicy().override(
        withheld, to: "tinggi", reason: reason, approval: nil, officerID: "O-1", instrument: rnr8)
    }
  }

  /// Officer O-1: 4 assessments, 2 overrides (1 up policy, 1 down discretionary) → .5;
  /// O-2: 2 assessments, 0 → 0. Office A holds O-1's 4 and one of O-2's; office B the other.
  @Test func overrideRates() throws {
    let (rnr8, a) = try sedangCase()
    let approval = OverrideApproval(role: .supervisor, approverID: "S-7", approvedAt: when)
    let up = try OverridePolicy().override(
      a, to: "tinggi", reason: OverrideReason(kind: .policy, code: "P01", text: "Policy."),
      approval: approval, officerID: "O-1", instrument: rnr8)
    let down = try OverridePolicy().override(
      a, to: "rendah", reason: reason, approval: approval, officerID: "O-1", instrument: rnr8)
    let records = [
      OverrideRecord(officerID: "O-1", agencyID: "A", override: up),
      OverrideRecord(officerID: "O-1", agencyID: "A", override: down),
      OverrideRecord(officerID: "O-1", agencyID: "A", override: nil),
      OverrideRecord(officerID: "O-1", agencyID: "A", override: nil),
      OverrideRecord(officerID: "O-2", agencyID: "A", override: nil),
      OverrideRecord(officerID: "O-2", agencyID: "B", override: nil),
    ]
    let officers = OverrideRateSummary.byOfficer(records)
    #expect(
      officers == [
        OverrideRateSummary(
          key: "O-1", assessments: 4, overrides: 2, upward: 1, downward: 1, policy: 1, discretionary: 1),
        OverrideRateSummary(
          key: "O-2", assessments: 2, overrides: 0, upward: 0, downward: 0, policy: 0, discretionary: 0),
      ])
    #expect(officers[0].rate == 0.5)
    #expect(officers[0].exceeds(0.15))
    #expect(!officers[1].exceeds(0.15))
    let offices = OverrideRateSummary.byAgency(records)
    #expect(offices.map(\.key) == ["A", "B"])
    #expect(offices[0].rate == 2.0 / 5.0)
  }
}
