import AssessmentEngine
import Foundation
import Pemasyarakatan
import Testing

/// The Bapas values that left the engine keep their numbers (issue 13: no Bapas policy in
/// AssessmentEngine; the engine takes them as configuration).
@Suite("Bapas risk policies")
struct BapasRiskPoliciesTests {
  @Test func supervisionPolicyKeepsTheFormerEngineTable() throws {
    let p = SupervisionPolicy.bapas
    #expect(p.scheme == "rst")
    #expect(
      p.contactStandards == [
        "rendah": ContactStandard(faceToFacePerMonth: 1),
        "sedang": ContactStandard(faceToFacePerMonth: 2, fieldContactsPerMonth: 1),
        "tinggi": ContactStandard(faceToFacePerMonth: 4, fieldContactsPerMonth: 2),
      ])
    #expect(p.dosageHours == ["rendah": 0, "sedang": 100, "tinggi": 200])
    #expect(p.multipleNeedsDosage == MultipleNeedsDosage(band: "tinggi", minimumNeeds: 3, hours: 300))
    #expect(p.maximumTargets == 3)
    #expect(p.legalFloorContactsPerMonth == 1)  // wajib lapor: at least once a month
    // The JSON written before the move (keys and values) is what `.bapas` writes now.
    let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(p)) as? [String: Any]
    #expect(json?["legalFloorContactsPerMonth"] as? Int == 1 && json?["scheme"] as? String == "rst")
  }

  @Test func reassessmentPolicyFollowsPermenkumham12of2013() throws {
    let p = ReassessmentPolicy.bapas
    #expect(p.intervalMonths == 12 && p.daysAfterEvent == 30 && p.triggers == Set(ReassessmentEvent.allCases))
    let due = p.nextDue(after: try CivilDate(iso: "2025-02-10"))
    #expect(due.date == (try CivilDate(iso: "2026-02-10")) && due.reason == .scheduled)
    #expect(BapasSupervisionPlanner().supervisionPolicy == .bapas)
    #expect(BapasSupervisionPlanner().reassessmentPolicy == .bapas)
  }
}
