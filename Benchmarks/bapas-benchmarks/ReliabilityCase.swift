import AssessmentEngine

extension BenchmarkCases {
  /// The reliability pass: accumulate every row (exact integer sums, all cores) and derive all four
  /// WAI-shaped scales' results — alpha, standardized alpha, λ6, CIs, omega and every item
  /// statistic. The baseline is R's approach written plainly: a pairwise covariance loop in
  /// `Double` over `[[Int?]]` per scale, then alpha, measured in the same run on the same data.
  func reliabilityCase(_ name: String, missing: Double, seed: UInt64) -> Case {
    Case(name: name) {
      guard let definition = Self.wai12Definition() else { fail("\(name): the benchmark definition did not load") }
      let codes = Self.generate(rows: rows, items: 12, min: 1, max: 5, missing: missing, seed: seed)
      // The scales as every command gets them: from the one compilation of the definition.
      let instrument = CompiledInstrument(definition)
      let scales = instrument.reliabilityScales
      let coding = instrument.coding
      var report: ReliabilityReport? = nil
      let fast = measure(name, rows: rows, runs: runs, warmup: 2) {
        guard var accumulator = try? ItemMomentAccumulator(itemCount: 12, coding: coding, scales: scales),
          (try? accumulator.add(rows: codes)) != nil
        else { fail("\(name): accumulation failed") }
        report = accumulator.reliabilityReport()
        blackHole(report)
      }
      guard let report else { fail("\(name): no report") }
      // Baseline data built outside the timed block.
      let data: [[Int?]] = (0..<rows).map { r in
        (0..<12).map { j in codes[r * 12 + j] == 0 ? nil : Int(codes[r * 12 + j]) }
      }
      var alphas: [Double] = []
      let base = measure(name + " (naive)", rows: rows, runs: 3, warmup: 0) {
        alphas = scales.map { Self.naiveAlpha(data, columns: $0.columns) }
        blackHole(alphas)
      }
      for (outcome, naive) in zip(report.scales, alphas) {
        guard let alpha = outcome.reliability?.alpha else { fail("\(name): scale \(outcome.name) has no result") }
        if abs(alpha - naive) > 1e-9 * abs(naive) {
          fail("\(name): scale \(outcome.name): alpha \(alpha) but the naive pairwise loop gives \(naive)")
        }
      }
      var m = fast
      m.baselineMedian = base.median
      return [m]
    }
  }

  /// Raw alpha from a pairwise covariance matrix computed with plain `Double` loops
  /// (`cov(x, use = "pairwise")`, then k/(k − 1)·(1 − tr C/ΣC)).
  static func naiveAlpha(_ data: [[Int?]], columns: [Int]) -> Double {
    let k = columns.count
    var c = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for b in a..<k {
        var n = 0.0
        var sx = 0.0
        var sy = 0.0
        var sxy = 0.0
        for row in data {
          guard let x = row[columns[a]], let y = row[columns[b]] else { continue }
          n += 1
          sx += Double(x)
          sy += Double(y)
          sxy += Double(x) * Double(y)
        }
        let cov = (sxy - sx * sy / n) / (n - 1)
        c[a * k + b] = cov
        c[b * k + a] = cov
      }
    }
    var trace = 0.0
    var total = 0.0
    for a in 0..<k {
      trace += c[a * k + a]
      for b in 0..<k { total += c[a * k + b] }
    }
    return Double(k) / Double(k - 1) * (1 - trace / total)
  }
}
