import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// Every alpha()/alpha.ci()/omega(nfactors = 1) number in Fixtures/r_stats_long.csv (R 4.2.2,
/// psych 2.2.9) for wai12 and wai12_miss, reproduced from the exact accumulator.
@Suite("Statistics: psych 2.2.9 reference")
struct StatsPsychReferenceTests {
  static let policies: [String: ReliabilityMissingData] = [
    "alpha(use='pairwise')": .pairwise,
    "alpha(use='complete.obs')": .listwise,
    "alpha(impute='mean')": .imputeMean,
    "alpha.ci(std.alpha;n.obs;n.var)": .pairwise,
    "omega(nfactors=1)": .pairwise,
  ]

  /// The SDK's value for one reference row, and the tolerance class it falls in.
  static func observed(_ ref: StatsFixtures.Reference, _ result: ScaleReliability) -> (Double?, Double)? {
    let item = result.items[ref.item]
    switch (ref.source, ref.statistic) {
    case ("alpha.ci(std.alpha;n.obs;n.var)", "feldt.lower"): return (result.standardizedFeldtLower, 1e-9)
    case ("alpha.ci(std.alpha;n.obs;n.var)", "feldt.upper"): return (result.standardizedFeldtUpper, 1e-9)
    case ("omega(nfactors=1)", "omega.tot"): return (result.omegaTotal, 1e-6)
    // psych's L-BFGS-B stops before the individual loadings settle (the sum is well determined,
    // the split between items is flat): per-item values agree to ~2e-5, omega total to ~5e-8.
    case ("omega(nfactors=1)", "sl.h2"):
      return (result.itemOrder.firstIndex(of: ref.item).map { result.omega.communalities[$0] }, 5e-5)
    case ("omega(nfactors=1)", "sl.u2"):
      return (result.itemOrder.firstIndex(of: ref.item).map { result.omega.uniquenesses[$0] }, 5e-5)
    case ("omega(nfactors=1)", "sl.g"):
      return (result.itemOrder.firstIndex(of: ref.item).map { result.omega.loadings[$0] }, 5e-5)
    case ("omega(nfactors=1)", _): return nil
    default: break
    }
    let tight = 1e-12
    switch ref.statistic {
    case "total.raw_alpha": return (result.alpha, tight)
    case "total.std.alpha": return (result.standardizedAlpha, tight)
    case "total.G6(smc)": return (result.lambda6, tight)
    case "total.average_r": return (result.averageR, tight)
    case "total.S/N": return (result.signalToNoise, tight)
    case "total.ase": return (result.ase, tight)
    case "total.mean": return (result.mean, tight)
    case "total.sd": return (result.sd, tight)
    case "total.median_r": return (result.medianR, tight)
    case "feldt.lower": return (result.feldtLower, 1e-9)
    case "feldt.upper": return (result.feldtUpper, 1e-9)
    case "duhachek.lower": return (result.duhachekLower, tight)
    case "duhachek.upper": return (result.duhachekUpper, tight)
    case "n.obs": return (Double(result.n), 0)
    case "alpha.drop.raw_alpha": return (item?.alphaIfDeleted, tight)
    case "alpha.drop.std.alpha": return (item?.standardizedAlphaIfDeleted, tight)
    case "alpha.drop.G6(smc)": return (item?.lambda6IfDeleted, tight)
    case "alpha.drop.average_r": return (item?.averageRIfDeleted, tight)
    case "alpha.drop.S/N": return (item?.signalToNoiseIfDeleted, tight)
    case "alpha.drop.alpha se": return (item?.aseIfDeleted, tight)
    case "alpha.drop.var.r": return (item?.varianceRIfDeleted, 1e-10)
    case "alpha.drop.med.r": return (item?.medianRIfDeleted, tight)
    case "item.stats.n": return (item.map { Double($0.n) }, 0)
    case "item.stats.raw.r": return (item?.rawR, tight)
    case "item.stats.std.r": return (item?.stdR, tight)
    case "item.stats.r.cor": return (item?.rCor, tight)
    case "item.stats.r.drop": return (item?.rDrop, tight)
    case "item.stats.mean": return (item?.mean, tight)
    case "item.stats.sd": return (item?.sd, tight)
    default: return nil
    }
  }

  @Test(arguments: ["wai12", "wai12_miss"])
  func alphaOmegaAndItemStatisticsMatchPsych(dataset: String) throws {
    let accumulator = try StatsFixtures.accumulator(dataset)
    let references = try StatsFixtures.references().filter { $0.dataset == dataset }
    var results: [String: ScaleReliability] = [:]
    var worst: [String: (Double, String)] = [:]
    var compared = 0
    for ref in references {
      guard let policy = Self.policies[ref.source] else { continue }
      let key = "\(ref.scale)|\(policy)"
      if results[key] == nil {
        results[key] = try accumulator.reliability(
          ofScaleNamed: ref.scale, options: ReliabilityOptions(missingData: policy))
      }
      let result = try #require(results[key])
      guard let (value, tolerance) = Self.observed(ref, result) else { continue }
      compared += 1
      let label = "\(dataset) \(ref.scale) \(ref.source) \(ref.statistic) \(ref.item)"
      expectClose(value, ref.value, relative: tolerance, label)
      if let value {
        let group = "\(ref.source) \(ref.statistic)"
        let error = relativeError(value, ref.value)
        if error >= (worst[group]?.0 ?? -1) { worst[group] = (error, label) }
      }
    }
    #expect(compared > 400)
    for (group, (error, _)) in worst.sorted(by: { $0.key < $1.key }) {
      print("worst relative error [\(dataset)] \(group): \(error)")
    }
  }
}
