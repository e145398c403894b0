import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

/// `bapas reliability --ordinal` against psych 2.2.9 (`polychoric`, `alpha(rho)`; Fixtures/ord_*).
@Suite("bapas reliability --ordinal and --bootstrap")
struct ReliabilityOrdinalCommandTests {
  static let items = "S=" + (1...8).map { "item\($0)" }.joined(separator: ",")

  @Test func ordinalJSONMatchesPsych() throws {
    let r = runBapas([
      "reliability", statsFixture("ord_shared.csv"), "--scale", Self.items, "--min", "1", "--max", "5", "--ordinal",
      "--format", "json",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    let ordinal = try #require(try parsedJSON(r.stdout)["ordinal"] as? [String: Any])
    let s = try #require(ordinal["S"] as? [String: Any])
    expectClose((s["alpha"] as? NSNumber)?.doubleValue, 0.87064109841966331, relative: 5e-4, "ordinal alpha")
    expectClose((s["averageR"] as? NSNumber)?.doubleValue, 0.4569065722457944, relative: 5e-4, "average r")
    let rho = try #require(s["rho"] as? [String: [String: Any]])
    let thresholds = try #require(s["thresholds"] as? [String: [Any]])
    let rhoText = try String(contentsOfFile: statsFixture("ord_rho_shared_psych.csv"), encoding: .utf8)
    var worst = 0.0
    for line in rhoText.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      for j in 1...8 {
        let observed = try #require((rho[f[0]]?["item\(j)"] as? NSNumber)?.doubleValue)
        worst = max(worst, abs(observed - (Double(f[j]) ?? .nan)))
      }
    }
    #expect(worst <= 5e-4)
    let tauText = try String(contentsOfFile: statsFixture("ord_tau_shared_psych.csv"), encoding: .utf8)
    var worstTau = 0.0
    for line in tauText.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      let observed = try #require(thresholds[f[0]]).compactMap { ($0 as? NSNumber)?.doubleValue }
      for c in 0..<4 { worstTau = max(worstTau, abs(observed[c] - (Double(f[c + 1]) ?? .nan))) }
    }
    #expect(worstTau <= 1e-12)
    print("bapas reliability --ordinal: worst |Δρ| \(worst), worst |Δτ| \(worstTau) against psych")
  }

  @Test func bootstrapIsReproducibleThroughTheCLI() throws {
    let arguments = [
      "reliability", statsFixture("ord_shared.csv"), "--scale", Self.items, "--min", "1", "--max", "5", "--bootstrap",
      "50", "--seed", "9",
      "--format", "json",
    ]
    let first = runBapas(arguments)
    let second = runBapas(arguments)
    #expect(first.status == .success, "\(first.stderr)")
    let a = try #require(try parsedJSON(first.stdout)["bootstrap"] as? [String: Any])
    let b = try #require(try parsedJSON(second.stdout)["bootstrap"] as? [String: Any])
    #expect(NSDictionary(dictionary: a).isEqual(to: b))
    let s = try #require(a["S"] as? [String: Any])
    let alpha = try #require(s["alpha"] as? [String: Any])
    #expect(alpha["bcaLower"] is NSNumber && alpha["percentileUpper"] is NSNumber)
    #expect(runBapas(arguments.dropLast(4) + ["--bootstrap", "1"]).status == .usage)
  }
}
