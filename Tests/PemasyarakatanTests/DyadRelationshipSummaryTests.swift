import AssessmentEngine
import Testing
import WorkingAlliance

@testable import Pemasyarakatan

@Suite("Dyad relationship summary")
struct DyadRelationshipSummaryTests {
  func day(_ s: String) throws -> CivilDate { try #require((try? CivilDate(iso: s))) }

  func contact(_ id: String, _ date: String, _ phase: RelationshipPhase?) throws -> Contact {
    Contact(
      id: ContactID(stringLiteral: id), date: try CivilDate(iso: date), officerID: "198701012010011001",
      modality: .officeVisit, purpose: .guidance, attendance: .attended, relationshipPhase: phase)
  }

  /// WAI-SR totals as percent of range: (sum − 12)/48·100 → 48 → 75, 36 → 50, 45 → 68.75.
  func observation(_ session: Int, _ date: String, _ total: Double) throws -> AllianceObservation {
    let mean = total / 12
    return AllianceObservation(
      session: session, date: try day(date), instrument: "wai-sr", line: session + 1,
      scores: AllianceScores(
        goal: nil, task: nil, bond: nil,
        total: DimensionScore(sum: total, mean: mean, percentOfRange: (mean - 1) / 4 * 100, answered: 12, missing: 0)))
  }

  @Test func scoresBesideRecordedPhases() throws {
    let client = try AllianceSeries(
      dyad: "K-01", rater: .client,
      observations: [
        observation(1, "2026-01-10", 48), observation(2, "2026-02-10", 36), observation(3, "2026-03-10", 45),
      ])
    let contacts = [
      try contact("C1", "2026-01-05", .cooperative),
      try contact("C2", "2026-01-20", nil),
      try contact("C3", "2026-02-01", .passiveApathetic),
      try contact("C4", "2026-02-08", .confrontational),
      try contact("C5", "2026-03-01", .cooperative),
    ]
    let summary = try DyadRelationshipSummary(series: [client], contacts: contacts)
    #expect(summary.administrations.map(\.score) == [75, 50, 68.75])
    #expect(summary.administrations.map(\.phase) == [.cooperative, .confrontational, .cooperative])
    #expect(summary.administrations[1].phaseRecordedOn == (try CivilDate(iso: "2026-02-08")))
    #expect(summary.administrations[1].phaseContactID == "C4")
    // Between session 1 (2026-01-10) and session 2 (2026-02-10): C3 passive, C4 confrontational.
    #expect(
      summary.administrations[1].phasesSincePrevious == [
        .init(phase: .passiveApathetic, count: 1), .init(phase: .confrontational, count: 1),
      ])
    #expect(
      summary.phaseCounts == [
        .init(phase: .cooperative, count: 2), .init(phase: .passiveApathetic, count: 1),
        .init(phase: .confrontational, count: 1),
      ])
    #expect(summary.contactsWithPhase == 4)
    #expect(summary.falling.map(\.rater) == [.client])
  }

  @Test func undatedAdministrationsGetNoPhase() throws {
    let o = AllianceObservation(
      session: 1, instrument: "wai-sr", scores: AllianceScores(goal: nil, task: nil, bond: nil, total: nil))
    let s = try AllianceSeries(dyad: "K-02", rater: .pk, observations: [o])
    let summary = try DyadRelationshipSummary(series: [s], contacts: [try contact("C1", "2026-01-05", .cooperative)])
    #expect(summary.administrations[0].phase == nil && summary.administrations[0].score == nil)
    #expect(summary.falling[0].falling.notEnoughData?.available == 0)
  }
}
