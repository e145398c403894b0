import AssessmentEngine

extension BenchmarkCases {
  /// Polychoric correlations and ordinal alpha/omega on 100,000 × 12 five-category items (issue 18:
  /// target under 1 s; psych 2.2.9 `polychoric` takes seconds on 1,000 × 12). Fixed size, whatever
  /// `--rows` says.
  func polychoricCase() -> Case {
    Case(name: "polychoric + ordinal alpha 100,000 x 12") {
      let n = 100_000
      let codes = Self.generate(rows: n, items: 12, min: 1, max: 5, missing: 0, seed: 1212)
      var alpha = 0.0
      let m = measure("polychoric + ordinal alpha 100,000 x 12", rows: n, runs: runs, warmup: 1) {
        guard let polychoric = try? PolychoricCorrelation(codes: codes, itemCount: 12, levels: 5) else {
          fail("polychoric failed")
        }
        let ordinal = OrdinalReliability(polychoric)
        alpha = ordinal.alpha
        blackHole(ordinal)
      }
      guard alpha > 0, alpha < 1 else { fail("polychoric: implausible ordinal alpha \(alpha)") }
      return [m]
    }
  }

  /// The six ICCs with F tests and bounds on 100,000 targets × 4 raters (target under 100 ms).
  func iccCase() -> Case {
    Case(name: "ICC 100,000 targets x 4 raters") {
      let n = 100_000
      let codes = Self.generate(rows: n, items: 4, min: 1, max: 10, missing: 0, seed: 4004)
      let ratings: [[Double]] = (0..<n).map { i in (0..<4).map { Double(codes[i * 4 + $0]) } }
      var value = 0.0
      let m = measure("ICC (six forms) 100,000 targets x 4 raters", rows: n, runs: runs, warmup: 2) {
        guard let icc = try? IntraclassCorrelation(ratings: ratings) else { fail("ICC failed") }
        value = icc.estimates[0].value
        blackHole(icc)
      }
      guard value > 0, value < 1 else { fail("ICC: implausible ICC1 \(value)") }
      return [m]
    }
  }
}
