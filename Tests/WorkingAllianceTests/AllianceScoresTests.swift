import AssessmentEngine
import Testing
import _AssessmentTestSupport

@testable import WorkingAlliance

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

@Suite("Alliance scores per administration")
struct AllianceScoresTests {
  let waiSR = InstrumentLibrary.workingAlliance.definition(id: "wai-sr")!
  let waiS = waiSDraft()!

  /// Row 1 of the reference data, 4 4 4 4 5 4 2 4 5 4 5 5 (R: Goal 17, Task 17, Bond 16, Total 50).
  ///
  ///     percent = (mean − 1) / (5 − 1) · 100
  ///     Goal 17/4 = 4.25 → 81.25;  Bond 16/4 = 4 → 75;  Total 50/12 → (50/12 − 1) · 25 = 79.1666…
  @Test func waiSRGoalTaskBondTotalAndPercent() throws {
    let scorer = try AllianceScorer(waiSR)
    let s = try scorer.score(responses: [4, 4, 4, 4, 5, 4, 2, 4, 5, 4, 5, 5])
    #expect(s.goal == DimensionScore(sum: 17, mean: 4.25, percentOfRange: 81.25, answered: 4, missing: 0))
    #expect(s.task?.sum == 17)
    #expect(s.bond == DimensionScore(sum: 16, mean: 4, percentOfRange: 75, answered: 4, missing: 0))
    #expect(s.total?.sum == 50)
    #expect(s.total?.percentOfRange == (50.0 / 12 - 1) / 4 * 100)
    #expect(s.absences.isEmpty)
  }

  /// WAI-S all 7: items 4 and 10 reverse to 1. Goal = 1 + 7 + 7 + 7 = 22, mean 5.5,
  /// percent (5.5 − 1)/6 · 100 = 75; Bond 28 → 100; Total 7·10 + 1 + 1 = 72.
  @Test func waiSPercentOnASevenPointScale() throws {
    let s = try AllianceScorer(waiS).score(responses: Array(repeating: 7, count: 12))
    #expect(s.goal?.sum == 22)
    #expect(s.goal?.percentOfRange == 75)
    #expect(s.bond?.percentOfRange == 100)
    #expect(s.total?.sum == 72)
  }

  @Test func theExtremesMapTo0And100() throws {
    let scorer = try AllianceScorer(waiSR)
    #expect(try scorer.score(responses: Array(repeating: 1, count: 12)).total?.percentOfRange == 0)
    #expect(try scorer.score(responses: Array(repeating: 5, count: 12)).total?.percentOfRange == 100)
    #expect(scorer.range(of: .total, on: .sum) == 12...60)
    #expect(scorer.range(of: .goal, on: .mean) == 1...5)
  }

  /// Goal items 4, 6, 8, 11 missing: no Goal score (noItemsAnswered); the total is prorated under
  /// the SDK default: 8 answered, mean of the rest.
  @Test func aWhollyMissingDimensionIsAbsentWithItsReason() throws {
    let s = try AllianceScorer(waiSR).score(responses: [4, 4, 4, nil, 5, nil, 2, nil, 5, 4, nil, 5])
    #expect(s.goal == nil)
    #expect(s.absences == [.init(measure: .goal, reason: .noItemsAnswered)])
    // answered: 4+4+4+5+2+5+4+5 = 33 over 8 → mean 4.125, prorated sum 49.5
    #expect(s.total?.mean == 4.125)
    #expect(s.total?.sum == 49.5)
  }

  @Test func anInstrumentWithoutAllianceScalesIsATypedError() throws {
    let d = try InstrumentDefinition.quick(
      [QuickKey(parsing: "A=x1,x2"), QuickKey(parsing: "Goal=x3")], min: 1, max: 5)
    #expect(
      throws: AllianceLayoutError(instrument: "quick-keys", missing: [.task, .bond, .total], available: ["A", "Goal"])
    ) {
      try AllianceScorer(d)
    }
  }
}

@Suite("Alliance scores: invariants")
struct AllianceScoresInvariantTests {
  /// For seeded random complete responses on both built-ins: every percent lies in [0, 100], equals
  /// (mean − min)/(max − min)·100, and sum = mean × items.
  @Test(arguments: ["wai-sr", "wai-s"]) func percentOfRangeInvariants(id: String) throws {
    let d = try #require(id == "wai-s" ? waiSDraft() : InstrumentLibrary.workingAlliance.definition(id: id))
    let scorer = try AllianceScorer(d)
    let lo = d.responseScale.min
    let hi = d.responseScale.max
    var rng = SplitMix64(seed: 0xA11_1A9CE)
    for _ in 0..<300 {
      let responses: [Int?] = (0..<12).map { _ in lo + Int(rng.next() % UInt64(hi - lo + 1)) }
      let s = try scorer.score(responses: responses)
      for m in AllianceMeasure.allCases {
        let score = try #require(s[m])
        #expect(score.percentOfRange >= 0 && score.percentOfRange <= 100)
        #expect(abs(score.percentOfRange - (score.mean - Double(lo)) / Double(hi - lo) * 100) < 1e-12)
        let k = Double(d.scale(scorer.layout[m])?.items.count ?? 0)
        #expect(abs(score.sum - score.mean * k) < 1e-12)
      }
    }
  }
}

@Suite("Alliance reports: JSON round trip")
struct AllianceReportCodingTests {
  @Test func dyadReportRoundTrips() throws {
    let client = try series([48, 45, 47, 30, 46], sessions: [1, 2, 3, 4, 5])
    let pk = try series([40], sessions: [1], rater: .pk)
    let basis = try ReliabilityBasis(reliability: 0.9, sd: 8, metric: .sum, source: .published, note: "test")
    let report = try DyadAllianceReport(series: [client, pk], options: AllianceAnalysisOptions(reliability: basis))
    let data = try JSONEncoder().encode(report)
    let back = try JSONDecoder().decode(DyadAllianceReport.self, from: data)
    #expect(back == report)
    #expect(String(decoding: data, as: UTF8.self).contains("\"notEnoughData\""))
  }
}

/// The WAI-S draft definition (not a built-in: its reverse keys are unverified), loaded from
/// Documentation/Samples/wai-s-draft.json.
func waiSDraft() -> InstrumentDefinition? {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Documentation/Samples/wai-s-draft.json")
  guard let data = try? Data(contentsOf: url) else { return nil }
  return try? InstrumentDefinition(jsonData: data)
}
