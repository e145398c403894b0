import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

@Suite("Statistics: distributions")
struct StatsDistributionsTests {
  /// Standard normal quantiles, published to 16+ digits (e.g. Wichura 1988, AS 241 test values;
  /// they are also R's `qnorm` output): z_.975 = 1.959963984540054235…, z_.995 = 2.575829303548900759…,
  /// z_.95 = 1.644853626951472714…, z_.9 = 1.281551565544600466…, z(1e-10) = −6.361340902404056…
  @Test(arguments: [
    (0.975, 1.959963984540054), (0.995, 2.5758293035489004), (0.95, 1.6448536269514727),
    (0.9, 1.2815515655446004), (0.05, -1.6448536269514727), (1e-10, -6.361340902404056),
  ])
  func normalQuantileMatchesPublishedValues(p: Double, expected: Double) {
    expectClose(Distributions.normalQuantile(p), expected, relative: 1e-13, "qnorm(\(p))")
  }

  @Test func normalQuantileRejectsProbabilitiesOutsideTheOpenInterval() {
    #expect(Distributions.normalQuantile(0) == nil)
    #expect(Distributions.normalQuantile(1) == nil)
    #expect(Distributions.normalQuantile(.nan) == nil)
  }

  /// Student's t quantiles have closed forms for 1, 2 and 4 degrees of freedom (Hill 1970,
  /// *Comm. ACM* 13(10), Algorithm 396; also listed under "Student's t-distribution"):
  /// ν=1: tan(π(p−½)); ν=2: (2p−1)/√(2p(1−p)); ν=4: with α = 4p(1−p), q = cos(⅓·acos(√α))/√α,
  /// t = sign(p−½)·2√(q−1).
  @Test(arguments: [0.001, 0.025, 0.2, 0.6, 0.975, 0.9999])
  func tQuantileMatchesClosedForms(p: Double) {
    expectClose(Distributions.tQuantile(p, df: 1), tan(Double.pi * (p - 0.5)), relative: 1e-12, "ν=1")
    expectClose(Distributions.tQuantile(p, df: 2), (2 * p - 1) / (2 * p * (1 - p)).squareRoot(), relative: 1e-12, "ν=2")
    let alpha = 4 * p * (1 - p)
    let q = cos(acos(alpha.squareRoot()) / 3) / alpha.squareRoot()
    let t4 = (p < 0.5 ? -1.0 : 1.0) * 2 * (q - 1).squareRoot()
    expectClose(Distributions.tQuantile(p, df: 4), t4, relative: 1e-12, "ν=4")
  }

  /// For integer a, b: I_x(a, b) = P(Binomial(a+b−1, x) ≥ a) (Abramowitz & Stegun 26.5.24), an
  /// independent finite sum.
  static func binomialTail(_ x: Double, a: Int, b: Int) -> Double {
    let n = a + b - 1
    var total = 0.0
    for j in a...n {
      let logTerm =
        lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1))
        + Double(j) * log(x) + Double(n - j) * log1p(-x)
      total += exp(logTerm)
    }
    return total
  }

  @Test(arguments: [(2, 3), (5, 5), (12, 30), (40, 20)])
  func incompleteBetaMatchesBinomialSums(a: Int, b: Int) throws {
    for x in [0.05, 0.3, 0.5, 0.7, 0.95] {
      let reference = StatsDistributionsTests.binomialTail(x, a: a, b: b)
      guard reference > 1e-200 else { continue }
      expectClose(
        Distributions.regularizedIncompleteBeta(x, a: Double(a), b: Double(b)), reference, relative: 1e-12,
        "I_\(x)(\(a),\(b))")
    }
  }

  /// The F quantile is checked through its defining equation with the independent binomial sum:
  /// df1 = 2a, df2 = 2b even, x = df1·F/(df1·F + df2) must give I_x(a, b) = p.
  @Test(arguments: [(1, 1), (2, 6), (10, 30), (30, 87)])
  func fQuantileSolvesItsEquation(a: Int, b: Int) throws {
    for p in [0.025, 0.5, 0.975] {
      let f = try #require(Distributions.fQuantile(p, df1: Double(2 * a), df2: Double(2 * b)))
      let x = Double(2 * a) * f / (Double(2 * a) * f + Double(2 * b))
      expectClose(
        StatsDistributionsTests.binomialTail(x, a: a, b: b), p, relative: 1e-12, "F(\(2 * a),\(2 * b)) at \(p)")
    }
  }

  /// The F quantiles behind the Feldt interval for n = 1000, k = 4 and k = 12, checked against
  /// scipy 1.x `f.ppf` (Boost) as stored in pingouin_alpha.csv: qf = (1 − lower)/(1 − alpha).
  @Test func fQuantileMatchesScipyForTheFeldtDegreesOfFreedom() throws {
    let alphaGoal = 0.81307061160642635
    let qUpper = (1 - 0.79340942121613467) / (1 - alphaGoal)
    let qLower = (1 - 0.83129992357362403) / (1 - alphaGoal)
    expectClose(Distributions.fQuantile(0.975, df1: 999, df2: 2997), qUpper, relative: 1e-12, "qf(.975)")
    expectClose(Distributions.fQuantile(0.025, df1: 999, df2: 2997), qLower, relative: 1e-12, "qf(.025)")
    let alphaTotal = 0.82457331062400419
    let qTotal = (1 - 0.80807842167544419) / (1 - alphaTotal)
    expectClose(Distributions.fQuantile(0.975, df1: 999, df2: 10989), qTotal, relative: 1e-12, "qf(.975), k=12")
  }

  @Test func fCDFInvertsTheQuantile() throws {
    for (d1, d2) in [(3.0, 7.0), (999.0, 2997.0), (1.0, 1e6)] {
      for p in [1e-6, 0.1, 0.9, 0.999999] {
        let f = try #require(Distributions.fQuantile(p, df1: d1, df2: d2))
        expectClose(Distributions.fCDF(f, df1: d1, df2: d2), p, relative: 1e-12, "F(\(d1),\(d2)) p=\(p)")
      }
    }
  }
}
