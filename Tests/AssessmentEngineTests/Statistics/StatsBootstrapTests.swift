import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

@Suite("Statistics: bootstrap intervals")
struct StatsBootstrapTests {
  static func sample() throws -> ([UInt8], [String]) {
    let data = try StatsFixtures.codes("wai12_1000")
    // The first 200 rows, Goal items 4, 6, 8, 11.
    return (Array(data.codes.prefix(200 * 12)), data.header)
  }

  @Test func seededAndReproducible() throws {
    let (codes, names) = try Self.sample()
    let goal = ReliabilityScale(name: "Goal", columns: [3, 5, 7, 10])
    let coding = ResponseCoding(minimum: 1, maximum: 5)
    let a = try ReliabilityBootstrap(
      codes: codes, itemCount: 12, coding: coding, scale: goal, columnNames: names, replicates: 200, seed: 42)
    let b = try ReliabilityBootstrap(
      codes: codes, itemCount: 12, coding: coding, scale: goal, columnNames: names, replicates: 200, seed: 42)
    let c = try ReliabilityBootstrap(
      codes: codes, itemCount: 12, coding: coding, scale: goal, columnNames: names, replicates: 200, seed: 43)
    #expect(a == b)
    #expect(a.alpha.percentileLower != c.alpha.percentileLower)
    #expect(a.jackknifeGroups == 200)
    #expect(a.failedReplicates == 0)
    // The estimate is the full-sample alpha, inside both intervals.
    var accumulator = try ItemMomentAccumulator(itemCount: 12, coding: coding, scales: [goal], columnNames: names)
    try accumulator.add(rows: codes)
    let alpha = try accumulator.reliability(ofScaleAt: 0).alpha
    #expect(a.alpha.estimate == alpha)
    for interval in [a.alpha, a.omegaTotal] {
      #expect(interval.percentileLower < interval.estimate && interval.estimate < interval.percentileUpper)
      #expect(interval.bcaLower < interval.estimate && interval.estimate < interval.bcaUpper)
    }
  }

  /// The interval arithmetic by hand: replicates 1…9 (sorted), estimate 5, symmetric jackknife.
  @Test func intervalArithmeticByHand() {
    let replicates = (1...9).map(Double.init)
    let i = ReliabilityBootstrap.intervals(estimate: 5, replicates: replicates, jackknife: [4, 5, 6], level: 0.8)
    // Type-7 quantiles at .1 and .9 of 1…9: 1 + 8·.1 = 1.8 and 8.2.
    expectClose(i.percentileLower, 1.8, relative: 1e-14, "percentile lower")
    expectClose(i.percentileUpper, 8.2, relative: 1e-14, "percentile upper")
    // 4 below, 1 equal: share = 4.5/9 = .5 → z0 = 0; symmetric jackknife → a = 0: BCa = percentile.
    #expect(i.biasCorrection == 0)
    #expect(i.acceleration == 0)
    expectClose(i.bcaLower, 1.8, relative: 1e-12, "BCa lower")
    // Skewed jackknife: a = Σd³/(6(Σd²)^1.5) with d = mean − θᵢ = (1, 1, −2)/... by hand.
    let skew = ReliabilityBootstrap.intervals(estimate: 5, replicates: replicates, jackknife: [1, 1, 4], level: 0.8)
    // mean 2, d = 1, 1, −2: Σd³ = −6, Σd² = 6 → a = −6/(6·6^1.5) = −0.06804138174397717.
    expectClose(skew.acceleration, -0.06804138174397717, relative: 1e-13, "acceleration")
  }

  @Test func splitMixIsTheReferenceSequence() {
    // SplitMix64 with seed 0 (reference outputs of Vigna's splitmix64.c).
    var random = BootstrapRandom(seed: 0)
    #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
  }
}
