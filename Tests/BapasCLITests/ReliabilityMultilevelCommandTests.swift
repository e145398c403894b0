import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

/// `bapas reliability --multilevel` against psych 2.2.9 `multilevel.reliability` (Fixtures/ml_shared*.csv).
@Suite("bapas reliability --multilevel")
struct ReliabilityMultilevelCommandTests {
  @Test func jsonMatchesPsych() throws {
    let r = runBapas([
      "reliability", statsFixture("ml_shared.csv"), "--multilevel", "--id-column", "client", "--time-column", "session",
      "--scale", "Alliance=item1,item2,item3,item4", "--min", "1", "--max", "7", "--format", "json",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    let multilevel = try #require(try parsedJSON(r.stdout)["multilevel"] as? [String: Any])
    let alliance = try #require(multilevel["Alliance"] as? [String: Any])
    let text = try String(contentsOfFile: statsFixture("ml_shared_psych.csv"), encoding: .utf8)
    var psych: [String: Double] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      psych[f[0]] = Double(f[1])
    }
    for key in ["RkF", "R1R", "RkR", "Rc"] {
      expectClose((alliance[key] as? NSNumber)?.doubleValue, try #require(psych[key]), relative: 1e-9, key)
    }
    for key in ["RkRn", "Rcn"] {
      expectClose((alliance[key] as? NSNumber)?.doubleValue, try #require(psych[key]), relative: 1e-4, key)
    }
    let components = try #require(alliance["components"] as? [String: Any])
    for key in ["ID", "Time", "Items", "ID x time", "ID x items", "time x items", "Residual", "Total"] {
      expectClose((components[key] as? NSNumber)?.doubleValue, try #require(psych["var_\(key)"]), relative: 1e-9, key)
    }
  }

  @Test func missingOccasionIsNamed() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bapas-ml-\(ProcessInfo.processInfo.processIdentifier).csv"
    ).path
    try "client,session,a,b\nK1,1,3,4\nK1,2,4,4\nK2,1,2,3\nK2,2,,3\nK3,1,5,5\nK3,2,4,5\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = runBapas([
      "reliability", path, "--multilevel", "--id-column", "client", "--time-column", "session", "--scale", "S=a,b",
      "--min", "1", "--max", "5",
    ])
    #expect(r.status == .someRowsRejected)
    #expect(r.stderr.contains(":5: warning: person 'K2' at time '2' has an unanswered item"))
    #expect(r.stderr.contains("K2 lacks time 2"))
  }

  @Test func multilevelNeedsItsColumns() {
    let r = runBapas([
      "reliability", statsFixture("ml_shared.csv"), "--multilevel", "--scale", "A=item1,item2", "--min", "1", "--max",
      "7",
    ])
    #expect(r.status == .usage)
  }
}
