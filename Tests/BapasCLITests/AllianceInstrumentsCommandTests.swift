import AssessmentEngine
import Testing

@testable import BapasCLI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

// `runBapas` and `temporaryFile` are shared with ScoreCommandTests.swift.

@Suite("bapas instruments")
struct AllianceInstrumentsCommandTests {
  @Test func listsEveryBuiltInWithCitationAndLicence() {
    let (status, out, _) = runBapas(["instruments"])
    #expect(status == .success)
    for d in builtInInstruments.definitions {
      #expect(out.contains("\(d.id) (version \(d.version))"))
      #expect(out.contains("licence: \(d.citation.licence)"))
    }
    #expect(out.contains("Hatcher, R. L., & Gillaspy, J. A. (2006)"))
  }

  @Test func jsonListParsesAndNamesEveryID() throws {
    let (status, out, _) = runBapas(["instruments", "--format", "json"])
    #expect(status == .success)
    let value = try JSONValue.parse(Data(out.utf8))
    guard case .object(let root) = value, case .array(let entries)? = root["instruments"] else {
      Issue.record("unexpected JSON shape")
      return
    }
    let ids = entries.compactMap { entry -> String? in
      if case .object(let o) = entry, case .string(let id)? = o["id"] { return id }
      return nil
    }
    #expect(ids == builtInInstruments.ids)
  }

  @Test(arguments: ["wai-sr", "icq", "ras"]) func showPrintsALoadableDefinition(id: String) throws {
    let (status, out, _) = runBapas(["instruments", "--show", id])
    #expect(status == .success)
    let reloaded = try InstrumentDefinition(jsonData: Data(out.utf8))
    #expect(reloaded == builtInInstruments.definition(id: id))
  }

  @Test func showUnknownIDIsAUsageError() {
    let (status, _, err) = runBapas(["instruments", "--show", "wai-36"])
    #expect(status == .usage)
    #expect(err.contains("The value 'wai-36' is invalid for '--show'"))
  }

  /// `bapas score --instrument Documentation/Samples/wai-s-draft.json` on two hand-scored rows.
  ///
  ///     row 1: 7 6 5 2 7 6 5 6 7 3 6 5 → Goal 6+6+6+6 = 24, Task 7+6+5+5 = 23, Bond 5+7+5+7 = 24, Total 71
  ///     row 2: all 4                    → reversed 8−4 = 4, so every scale is 16, Total 48
  @Test func scoreWithWaiS() throws {
    let header = (1...12).map { "item\($0)" }.joined(separator: ",")
    let path = try temporaryFile("id,\(header)\nA,7,6,5,2,7,6,5,6,7,3,6,5\nB,4,4,4,4,4,4,4,4,4,4,4,4\n")
    let draft = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Documentation/Samples/wai-s-draft.json").path
    let (status, out, _) = runBapas(["score", path, "--instrument", draft, "--id-column", "id"])
    #expect(status == .success)
    let lines = out.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "id,Goal_sum,Goal_mean,Goal_missing,Task_sum,Task_mean,Task_missing,Bond_sum,Bond_mean,Bond_missing,Total_sum,Total_mean,Total_missing"
    )
    #expect(lines[1] == "A,24,6,0,23,5.75,0,24,6,0,71,\(71.0 / 12),0")
    #expect(lines[2] == "B,16,4,0,16,4,0,16,4,0,48,4,0")
  }

  /// WAI-SR: row 1 of the reference data (4,4,4,4,5,4,2,4,5,4,5,5) gives R's Goal 17, Task 17, Bond 16, Total 50.
  @Test func scoreWithWaiSR() throws {
    let header = (1...12).map { "item\($0)" }.joined(separator: ",")
    let path = try temporaryFile("\(header)\n4,4,4,4,5,4,2,4,5,4,5,5\n")
    let (status, out, _) = runBapas(["score", path, "--instrument", "wai-sr"])
    #expect(status == .success)
    #expect(out.split(separator: "\n")[1] == "17,4.25,0,17,4.25,0,16,4,0,50,\(50.0 / 12),0")
  }
}

@Suite("bapas score --instrument wai-sr on the reference data")
struct AllianceReferenceScoreTests {
  /// `bapas score wai12_1000.csv --instrument wai-sr --impute none` reproduces psych::scoreItems
  /// (R 4.2.2, psych 2.2.9) sums and means exactly; the key equals the reference layout.
  @Test func reproducesPsych() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("AssessmentEngineTests/Fixtures")
    let (status, out, _) = runBapas([
      "score", fixtures.appendingPathComponent("wai12_1000.csv").path, "--instrument", "wai-sr", "--impute", "none",
    ])
    #expect(status == .success)
    let reference = try String(
      contentsOf: fixtures.appendingPathComponent("wai12_scores_impute_none.csv"), encoding: .utf8)
    let ours = out.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let theirs = reference.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(ours.count == 1001 && theirs.count == 1001)
    var compared = 0
    for column in [
      "Goal_sum", "Goal_mean", "Task_sum", "Task_mean", "Bond_sum", "Bond_mean", "Total_sum", "Total_mean",
    ] {
      let a = try #require(ours[0].firstIndex(of: column))
      let b = try #require(theirs[0].firstIndex(of: column))
      for row in 1...1000 {
        #expect(Double(ours[row][a]) == Double(theirs[row][b]), "row \(row) \(column)")
        compared += 1
      }
    }
    #expect(compared == 8000)
  }
}
