import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// scoreItems(impute = none | mean | median) numbers of Fixtures/r_stats_long.csv (psych 2.2.9).
@Suite("Statistics: scoreItems reference")
struct StatsScoreItemsTests {
  static let sources: [String: ScoreItemsImputation] = [
    "scoreItems(impute='none')": .none, "scoreItems(impute='mean')": .mean, "scoreItems(impute='median')": .median,
  ]

  @Test(arguments: ["wai12", "wai12_miss"])
  func scoreItemsStatisticsMatchPsych(dataset: String) throws {
    let accumulator = try StatsFixtures.accumulator(dataset)
    let references = try StatsFixtures.references().filter { $0.dataset == dataset }
    var cache: [ScoreItemsImputation: [ScoreItemsStatistics]] = [:]
    var worst: [String: Double] = [:]
    var compared = 0
    for ref in references {
      guard let imputation = Self.sources[ref.source] else { continue }
      if cache[imputation] == nil { cache[imputation] = try accumulator.scoreItemsStatistics(imputation: imputation) }
      let scale = try #require(cache[imputation]?.first { $0.name == ref.scale })
      let observed: Double? =
        switch ref.statistic {
        case "alpha": scale.alpha
        case "G6": scale.lambda6
        case "average_r": scale.averageR
        case "ase": scale.ase
        case "item.cor": scale.items[ref.item]?.itemCorrelation
        case "item.corrected": scale.items[ref.item]?.itemCorrected
        default: nil
        }
      guard let observed else {
        Issue.record("no value for \(ref.statistic) \(ref.item)")
        continue
      }
      compared += 1
      expectClose(
        observed, ref.value, relative: 1e-12, "\(dataset) \(ref.scale) \(ref.source) \(ref.statistic) \(ref.item)")
      let group = "\(ref.source) \(ref.statistic)"
      worst[group] = max(worst[group] ?? 0, relativeError(observed, ref.value))
    }
    #expect(compared >= (dataset == "wai12" ? 24 : 72))
    for (group, error) in worst.sorted(by: { $0.key < $1.key }) {
      print("worst relative error [\(dataset)] \(group): \(error)")
    }
  }
}
