import Foundation
import Testing

@testable import AssessmentEngine

@Suite("Statistics: reports and JSON")
struct StatsReportTests {
  @Test func textReadsLikePsychPrint() throws {
    let goal = try StatsFixtures.accumulator("wai12_miss").reliability(ofScaleNamed: "Goal")
    let text = goal.formattedReport()
    print(text)
    // psych 2.2.9 print(alpha(...)) for wai12_miss Goal: raw 0.81, std 0.81, G6 0.77, average_r 0.52,
    // S/N 4.4, ase 0.0096, mean 3.7, sd 0.83, median_r 0.53; Feldt 0.79 0.81 0.83.
    #expect(text.contains("      0.81      0.81    0.77      0.52 4.4 0.0096  3.7 0.83     0.53"))
    #expect(text.contains("Feldt     0.79  0.81  0.83"))
    #expect(text.contains("item4  968  0.78  0.78  0.66   0.60  3.7 1.02"))
    #expect(text.contains("Non missing response frequency for each item"))
  }

  @Test func jsonUsesTheDocumentedKeys() throws {
    let goal = try StatsFixtures.accumulator("wai12").reliability(ofScaleNamed: "Goal")
    let data = try JSONEncoder().encode(goal)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "alpha", "standardizedAlpha", "lambda6", "averageR", "medianR", "signalToNoise", "ase", "feldtLower",
      "feldtUpper", "duhachekLower", "duhachekUpper", "omegaTotal", "mean", "sd", "n", "items",
    ] {
      #expect(object[key] != nil, "missing key \(key)")
    }
    let items = try #require(object["items"] as? [String: Any])
    let item4 = try #require(items["item4"] as? [String: Any])
    for key in ["n", "rawR", "stdR", "rCor", "rDrop", "mean", "sd", "alphaIfDeleted", "standardizedAlphaIfDeleted"] {
      #expect(item4[key] != nil, "missing item key \(key)")
    }
    #expect(try JSONDecoder().decode(ScaleReliability.self, from: data) == goal)
  }
}
