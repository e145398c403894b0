import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The bivariate normal distribution function and psych 2.2.9 `polychoric` / `alpha(rho)` on the
/// shared 500 × 8 ordinal set (Fixtures/PROVENANCE.md).
@Suite("Statistics: polychoric and ordinal alpha")
struct StatsPolychoricTests {
  // MARK: Bivariate normal

  /// Plackett's (1954) formula Φ₂(h,k;ρ) = Φ(h)Φ(k) + ∫₀^ρ φ₂(h,k;t) dt, integrated by composite
  /// 20-point Gauss–Legendre on 400 panels (nodes computed here by Newton on P₂₀): an independent check.
  static func plackett(_ h: Double, _ k: Double, _ rho: Double) -> Double {
    let (nodes, weights) = gaussLegendre(20)
    let panels = 400
    var integral = 0.0
    for p in 0..<panels {
      let a = rho * Double(p) / Double(panels)
      let b = rho * Double(p + 1) / Double(panels)
      for (x, w) in zip(nodes, weights) {
        let t = (a + b) / 2 + (b - a) / 2 * x
        let density =
          exp(-(h * h - 2 * t * h * k + k * k) / (2 * (1 - t * t))) / (2 * Double.pi * (1 - t * t).squareRoot())
        integral += w * (b - a) / 2 * density
      }
    }
    return Distributions.normalCDF(h) * Distributions.normalCDF(k) + integral
  }

  static func gaussLegendre(_ n: Int) -> ([Double], [Double]) {
    var nodes: [Double] = []
    var weights: [Double] = []
    for i in 1...n {
      var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var p0 = 1.0
        var p1 = x
        for j in 2...n {
          let p2 = ((2 * Double(j) - 1) * x * p1 - (Double(j) - 1) * p0) / Double(j)
          p0 = p1
          p1 = p2
        }
        derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
        let step = p1 / derivative
        x -= step
        if abs(step) < 1e-16 { break }
      }
      nodes.append(x)
      weights.append(2 / ((1 - x * x) * derivative * derivative))
    }
    return (nodes, weights)
  }

  @Test func bivariateNormalClosedForms() throws {
    for rho in [-0.999, -0.95, -0.5, -0.1, 0, 0.2, 0.74, 0.93, 0.9999] {
      let value = try #require(Distributions.bivariateNormalCDF(0, 0, rho: rho))
      #expect(abs(value - (0.25 + asin(rho) / (2 * Double.pi))) <= 1e-15, "Φ2(0,0;\(rho))")
    }
    for (h, k) in [(-1.3, 0.4), (2.2, -0.7), (0.5, 0.5)] {
      #expect(
        abs(
          (Distributions.bivariateNormalCDF(h, k, rho: 0) ?? .nan) - Distributions.normalCDF(h)
            * Distributions.normalCDF(k)) <= 1e-16)
      #expect(Distributions.bivariateNormalCDF(h, k, rho: 1) == Distributions.normalCDF(min(h, k)))
      #expect(Distributions.bivariateNormalCDF(h, .infinity, rho: 0.3) == Distributions.normalCDF(h))
    }
    #expect(Distributions.bivariateNormalCDF(0, 0, rho: 1.5) == nil)
  }

  @Test func bivariateNormalAgreesWithQuadratureAndR() throws {
    var worstQuadrature = 0.0
    for h in [-3.0, -1.1, 0.2, 0.9, 2.5] {
      for k in [-2.0, -0.4, 0.7, 1.6] {
        for rho in [-0.98, -0.7, -0.3, 0.05, 0.5, 0.8, 0.94, 0.98] {
          let value = try #require(Distributions.bivariateNormalCDF(h, k, rho: rho))
          worstQuadrature = max(worstQuadrature, abs(value - Self.plackett(h, k, rho)))
        }
      }
    }
    #expect(worstQuadrature <= 1e-12, "worst difference from Plackett quadrature \(worstQuadrature)")
    // mnormt::pmnorm (R 4.2.2; Fixtures/R/bivariate_normal.R).
    let text = try String(contentsOf: StatsFixtures.url("bivariate_normal_r", "csv"), encoding: .utf8)
    var worstR = 0.0
    var compared = 0
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").compactMap { Double($0) }
      guard f.count == 4 else { continue }
      let value = try #require(Distributions.bivariateNormalCDF(f[0], f[1], rho: f[2]))
      worstR = max(worstR, abs(value - f[3]))
      compared += 1
    }
    #expect(compared == 462)
    #expect(worstR <= 1e-12, "worst difference from mnormt \(worstR)")
    print("bivariate normal: worst |Δ| vs Plackett quadrature \(worstQuadrature), vs mnormt::pmnorm \(worstR)")
  }

  // MARK: Polychoric

  static func ordinal() throws -> (names: [String], codes: [UInt8]) {
    let text = try String(contentsOf: StatsFixtures.url("ord_shared", "csv"), encoding: .utf8)
    var lines = text.split(separator: "\n")
    let names = lines.removeFirst().split(separator: ",").map(String.init)
    let codes = try lines.flatMap { line in try line.split(separator: ",").map { try #require(UInt8($0)) } }
    return (names, codes)
  }

  static func matrix(_ name: String) throws -> [[Double]] {
    let text = try String(contentsOf: StatsFixtures.url(name, "csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").dropFirst().compactMap { Double($0) }
    }
  }

  @Test func sharedSetMatchesPsychAndBeatsItsLikelihood() throws {
    let data = try Self.ordinal()
    let polychoric = try PolychoricCorrelation(codes: data.codes, itemCount: 8, levels: 5, itemNames: data.names)
    let psychRho = try Self.matrix("ord_rho_shared_psych")
    let psychTau = try Self.matrix("ord_tau_shared_psych")
    #expect(polychoric.globalThresholds)
    #expect(!polychoric.smoothed)
    var worstRho = 0.0
    var worstTau = 0.0
    for i in 0..<8 {
      for j in 0..<8 {
        worstRho = max(worstRho, abs(polychoric.rho[i][j] - psychRho[i][j]))
        #expect(abs(polychoric.rho[i][j] - psychRho[i][j]) <= 5e-4, "rho[\(i)][\(j)]")
      }
      for c in 0..<4 {
        worstTau = max(worstTau, abs(polychoric.thresholds[i][c] - psychTau[i][c]))
        expectClose(polychoric.thresholds[i][c], psychTau[i][c], relative: 1e-12, "tau[\(i)][\(c)]")
      }
    }
    // At psych's ρ the pair likelihood is lower than (or equal to) at the SDK's ρ, for every pair.
    var better = 0
    var largestGain = 0.0
    for a in 0..<8 {
      for b in (a + 1)..<8 {
        var counts = [Double](repeating: 0, count: 25)
        for row in 0..<(data.codes.count / 8) {
          counts[(Int(data.codes[row * 8 + a]) - 1) * 5 + Int(data.codes[row * 8 + b]) - 1] += 1
        }
        let shares = counts.map { $0 / 500 }
        func nll(_ rho: Double) -> Double {
          PolychoricCorrelation.negativeLogLikelihood(
            rho, shares: shares, rows: 5, columns: 5, rowCuts: polychoric.thresholds[a],
            columnCuts: polychoric.thresholds[b])
        }
        let ours = nll(polychoric.rho[a][b])
        let theirs = nll(psychRho[a][b])
        #expect(ours <= theirs + 1e-15, "pair \(a),\(b): −ℓ SDK \(ours), psych \(theirs)")
        if ours < theirs { better += 1 }
        largestGain = max(largestGain, 500 * (theirs - ours))
      }
    }
    print(
      "polychoric: worst |Δρ| \(worstRho), worst |Δτ| \(worstTau); SDK likelihood higher on \(better) of 28 pairs, by up to \(largestGain) in log-likelihood units (n = 500)"
    )
  }

  @Test func ordinalAlphaMatchesPsych() throws {
    let data = try Self.ordinal()
    let ordinal = OrdinalReliability(
      try PolychoricCorrelation(codes: data.codes, itemCount: 8, levels: 5, itemNames: data.names))
    // Fixtures/ord_alpha_shared_psych.csv: psych::alpha(rho, n.obs = 500).
    expectClose(ordinal.alpha, 0.87064109841966331, relative: 5e-4, "ordinal alpha")
    expectClose(ordinal.averageR, 0.4569065722457944, relative: 5e-4, "average r")
    #expect(abs(ordinal.alpha - 0.87064109841966331) <= 5e-4)
    #expect(ordinal.omegaTotal >= ordinal.alpha - 0.01)
    #expect(ordinal.rho["item1"]?["item2"] == ordinal.rho["item2"]?["item1"])
    print(
      "ordinal alpha \(ordinal.alpha) (psych 0.87064109841966331), average r \(ordinal.averageR) (psych 0.4569065722457944)"
    )
  }

  /// Items spanning different categories: psych switches to global = FALSE (per-pair thresholds,
  /// `correct = 0.5`). psych 2.2.9 `polychoric` on these 10 rows, printed to 10 digits:
  /// ρ_ab 0.5615068772, ρ_ac 0.6029973169, ρ_bc 0.4958094421.
  @Test func perPairThresholdsWhenCategoriesDiffer() throws {
    let rows: [[UInt8]] = [
      [1, 1, 2], [2, 2, 2], [3, 2, 3], [2, 1, 1], [3, 2, 3], [1, 1, 1], [2, 1, 2], [3, 2, 3], [1, 2, 1], [2, 1, 3],
    ]
    let polychoric = try PolychoricCorrelation(codes: rows.flatMap { $0 }, itemCount: 3, levels: 3)
    #expect(!polychoric.globalThresholds)
    #expect(abs(polychoric.rho[0][1] - 0.5615068772) <= 5e-4)
    #expect(abs(polychoric.rho[0][2] - 0.6029973169) <= 5e-4)
    #expect(abs(polychoric.rho[1][2] - 0.4958094421) <= 5e-4)
  }

  /// Invariance: polychoric correlations do not depend on row order; a perfectly ordered pair has ρ → 1.
  @Test func propertiesAndErrors() throws {
    let data = try Self.ordinal()
    var reversed: [UInt8] = []
    for row in stride(from: data.codes.count / 8 - 1, through: 0, by: -1) {
      reversed += data.codes[(row * 8)..<(row * 8 + 8)]
    }
    let a = try PolychoricCorrelation(codes: data.codes, itemCount: 8, levels: 5)
    let b = try PolychoricCorrelation(codes: reversed, itemCount: 8, levels: 5)
    #expect(a.rho == b.rho)
    #expect(throws: PolychoricError.noVariance(item: "item2")) {
      try PolychoricCorrelation(codes: [1, 3, 2, 3, 3, 3], itemCount: 2, levels: 5)
    }
  }
}
