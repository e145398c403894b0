import AssessmentEngine
import Testing

@testable import WorkingAlliance

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

@Suite("Alliance built-in instruments")
struct AllianceInstrumentsTests {
  @Test func everyEmbeddedDefinitionLoads() throws {
    // fromEmbeddedJSON drops a text that does not load, so load each one directly as well.
    for text in AllianceInstrumentJSON.all {
      _ = try InstrumentDefinition(jsonData: Data(text.utf8))
    }
    // WAI-S is shipped as a draft definition file, not a built-in: its reverse keys are unverified.
    #expect(InstrumentLibrary.workingAlliance.ids == ["wai-sr"])
  }

  @Test func itemIDsAreItem1ThroughItemK() throws {
    for d in InstrumentLibrary.workingAlliance.definitions {
      #expect(d.items.map(\.id) == (1...d.items.count).map { "item\($0)" })
      #expect(!d.citation.licence.isEmpty)
      #expect(d.citation.doi != nil)
    }
  }

  /// Published layout shared by WAI-S and WAI-SR: Task 1,2,10,12 · Goal 4,6,8,11 · Bond 3,5,7,9.
  @Test(arguments: ["wai-sr", "wai-s"]) func subscaleLayout(id: String) throws {
    let d = try #require(id == "wai-s" ? waiSDraft() : InstrumentLibrary.workingAlliance.definition(id: id))
    #expect(d.scale("Goal")?.items == ["item4", "item6", "item8", "item11"])
    #expect(d.scale("Task")?.items == ["item1", "item2", "item10", "item12"])
    #expect(d.scale("Bond")?.items == ["item3", "item5", "item7", "item9"])
    #expect(d.scale("Total")?.items.count == 12)
  }

  @Test func waiSRHasNoReverseKeysAndWaiSReversesItems4And10() throws {
    let sr = try #require(InstrumentLibrary.workingAlliance.definition(id: "wai-sr"))
    #expect(sr.scales.allSatisfy { $0.reversed.isEmpty })
    #expect(sr.responseScale.min == 1 && sr.responseScale.max == 5)
    let s = try #require(waiSDraft())
    #expect(s.responseScale.min == 1 && s.responseScale.max == 7)
    #expect(s.scale("Goal")?.reversed == ["item4"])
    #expect(s.scale("Task")?.reversed == ["item10"])
    #expect(s.scale("Bond")?.reversed == [])
    #expect(s.scale("Total")?.reversed == ["item4", "item10"])
  }

  /// A hand-scored WAI-S client form.
  ///
  ///     responses 7 6 5 2 7 6 5 6 7 3 6 5   (items 1…12)
  ///     Goal  = (8−2) + 6 + 6 + 6           = 24
  ///     Task  = 7 + 6 + (8−3) + 5           = 23
  ///     Bond  = 5 + 7 + 5 + 7               = 24
  ///     Total = 24 + 23 + 24                = 71, mean 71/12
  @Test func waiSHandScored() throws {
    let d = try #require(waiSDraft())
    let scores = try ScoringPlan(d).score(responses: [7, 6, 5, 2, 7, 6, 5, 6, 7, 3, 6, 5])
    #expect(scores.map(\.sum) == [24, 23, 24, 71])
    #expect(scores[3].mean == 71.0 / 12)
  }

  /// WAI-SR's key equals the layout of the team's reference data, so scoring `wai12_1000.csv` must give
  /// psych::scoreItems(impute = "none") sums and means exactly (R 4.2.2, psych 2.2.9).
  @Test func waiSRReproducesPsychScoresOnTheReferenceData() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("AssessmentEngineTests/Fixtures")
    let data = try Data(contentsOf: fixtures.appendingPathComponent("wai12_1000.csv"))
    let reference = try String(
      contentsOf: fixtures.appendingPathComponent("wai12_scores_impute_none.csv"), encoding: .utf8)
    let d = try #require(InstrumentLibrary.workingAlliance.definition(id: "wai-sr"))
    let plan = ScoringPlan(d, policy: MissingDataPolicy.noImputation)
    let batch = try ResponseCSVParser.read(Array(data), columns: plan.columns, scale: d.responseScale)
    #expect(batch.matrix.rowCount == 1000 && batch.issues.isEmpty)
    let table = try plan.score(batch.matrix)

    let lines = reference.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let header = lines[0]
    #expect(lines.count == 1001)
    var compared = 0
    for (row, cells) in lines.dropFirst().enumerated() {
      for (s, scale) in plan.scaleIDs.enumerated() {
        let score = table.score(row: row, scale: s)
        let sumColumn = try #require(header.firstIndex(of: "\(scale)_sum"))
        let meanColumn = try #require(header.firstIndex(of: "\(scale)_mean"))
        #expect(score.sum == Double(cells[sumColumn]), "row \(row + 1) \(scale)_sum")
        #expect(score.mean == Double(cells[meanColumn]), "row \(row + 1) \(scale)_mean")
        compared += 1
      }
    }
    #expect(compared == 4000)
  }
}
