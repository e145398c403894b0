import AssessmentEngine
import Testing
import WorkingAlliance
import _AssessmentTestSupport

/// Runs the code of Documentation/AllianceRuptureWalkthrough.md and checks the numbers it states.
@Suite("Walkthrough: first session to rupture and repair")
struct AllianceRuptureWalkthroughTests {
  let responses: [[Int?]] = [
    [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 4, 3, 4, 4, 4, 3, 4, 3, 4, 4],
    [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
    [2, 2, 3, 2, 3, 2, 3, 2, 3, 2, 2, 2],
    [3, 3, 4, 3, 4, 3, 4, 3, 4, 3, 3, 3],
    [4, 4, 5, 4, 4, 4, 5, 4, 5, 4, 4, 4],
  ]
  let dates = ["2026-01-12", "2026-02-09", "2026-03-09", "2026-04-13", "2026-05-11", "2026-06-08"]

  func observations(upTo last: Int) throws -> [AllianceObservation] {
    guard let waiSR = InstrumentLibrary.workingAlliance.definition(id: "wai-sr") else { return [] }
    let scorer = try AllianceScorer(waiSR)
    return try (0..<last).map { i in
      AllianceObservation(
        session: i + 1, date: (try? CivilDate(iso: dates[i])), instrument: waiSR.id,
        scores: try scorer.score(responses: responses[i]))
    }
  }

  @Test func scoresTheSessions() throws {
    let o = try observations(upTo: 6)
    #expect(o.map { $0.scores.total?.sum } == [36, 44, 48, 28, 40, 51])
    #expect(o[0].scores.total?.percentOfRange == 50)
    #expect(o[3].scores.goal?.sum == 8)
  }

  @Test func afterSessionFourTheFlagIsUp() throws {
    let early = try AllianceSeries(dyad: "K-2026-014", rater: .client, observations: observations(upTo: 4))
    let ruptures = try #require(early.ruptures().value)
    expectClose(ruptures.sd, (236.0 / 3).squareRoot(), relative: 1e-14)
    #expect(ruptures.events.map(\.ruptureSession) == [4])
    #expect(ruptures.events.map(\.status) == [.open])
    #expect(ruptures.events.first?.drop == 20)
    let flag = try #require(early.falling().value)
    #expect(flag.isFalling)
    guard case .unrepairedRupture(let e)? = flag.evidence.first else {
      Issue.record("expected an unrepaired rupture")
      return
    }
    #expect(e.ruptureSession == 4 && e.drop == 20)
  }

  @Test func afterSessionSixItIsRepaired() throws {
    let full = try AllianceSeries(dyad: "K-2026-014", rater: .client, observations: observations(upTo: 6))
    let analysis = try #require(full.ruptures().value)
    // Σ squared deviations from 247/6: 352.8333…, SD = √(352.8333…/5)
    expectClose(analysis.sd, ((352.0 + 5.0 / 6) / 5).squareRoot(), relative: 1e-12)
    let repaired = try #require(analysis.events.first)
    #expect(repaired.status == .repaired && repaired.repairSession == 6 && repaired.repairedTo == 51)
    expectClose(full.trajectory().value?.slope, 21.5 / 17.5, relative: 1e-13)
    #expect(full.falling().value?.isFalling == false)
  }
}
