import AssessmentEngine
import Testing
import WorkingAlliance
import _AssessmentTestSupport

@Suite("Dual-role relationship (DRI-R) support")
struct DualRoleTests {
  /// A made-up 7-item key on the DRI-R's 1–7 scale, only to exercise the scorer: it is NOT the DRI-R
  /// key (which the SDK does not ship). Toughness item t2 is reverse-keyed.
  func syntheticDefinition() throws -> InstrumentDefinition {
    try InstrumentDefinition.quick(
      [
        QuickKey(parsing: "CaringFairness=c1,c2,c3"), QuickKey(parsing: "Trust=t1,t2x"),
        QuickKey(parsing: "Toughness=h1,-h2"), QuickKey(parsing: "Total=c1,c2,c3,t1,t2x,h1,-h2"),
      ], min: 1, max: 7)
  }

  /// Responses c 7 6 5, trust 4 4, toughness 6 and 2 (reversed 8 − 2 = 6):
  /// CaringFairness 18, Trust 8, Toughness 12, Total 38.
  @Test func scoresTheThreeDomains() throws {
    let s = try DualRoleScorer(syntheticDefinition()).score(responses: [7, 6, 5, 4, 4, 6, 2])
    #expect(s.caringFairness.sum == 18)
    #expect(s.trust.sum == 8)
    #expect(s.toughness.sum == 12)
    #expect(s.total?.sum == 38)
  }

  /// A total of 180 beside the SSWR 2014 groups: 180 − 185.5 = −5.5, z = −5.5/29.27;
  /// 180 − 170.3 = 9.7, z = 9.7/41.7. Nothing is classified.
  @Test func totalBesidePublishedNorms() {
    let total = ScaleScore(sum: 180, mean: 6, answered: 30, missing: 0, absence: nil)
    let scores = DualRoleScores(caringFairness: total, trust: total, toughness: total, total: total)
    let c = scores.comparisons()
    #expect(c.map(\.norm.mean) == [185.5, 180.4, 170.3])
    expectClose(c[0].z, -5.5 / 29.27, relative: 1e-14)
    expectClose(c[2].difference, 9.7, relative: 1e-12)
    expectClose(c[2].z, (180 - 170.3) / 41.7, relative: 1e-14)
  }

  @Test func missingSubscalesAreATypedError() throws {
    let d = try InstrumentDefinition.quick([QuickKey(parsing: "Trust=a,b")], min: 1, max: 7)
    #expect(throws: DualRoleLayoutError(instrument: "quick-keys", missing: [.caringFairness, .toughness])) {
      try DualRoleScorer(d)
    }
  }
}
