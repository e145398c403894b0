import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// Small real samples (pingouin 0.7.0 public data sets, psych 2.2.9 outputs; Fixtures/PROVENANCE.md):
/// a non-positive-definite pairwise matrix and an item without variance must not stop the scale.
@Suite("Statistics: small samples")
struct StatsSmallSampleTests {
  /// A CSV whose cells are numbers like `1.0` or blank, as codes for `minimum...`.
  static func load(_ name: String, minimum: Int) throws -> (header: [String], codes: [UInt8]) {
    let text = try String(contentsOf: StatsFixtures.url(name, "csv"), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var codes: [UInt8] = []
    for line in lines {
      for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
        if cell.isEmpty {
          codes.append(0)
        } else {
          let value = try #require(Double(cell))
          codes.append(UInt8(Int(value) - minimum + 1))
        }
      }
    }
    return (header, codes)
  }

  static func reference(_ name: String) throws -> [[String]] {
    let text = try String(contentsOf: StatsFixtures.url(name, "csv"), encoding: .utf8)
    return text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func binaryItemsWithNonPositiveDefiniteMatrixMatchPsych() throws {
    let data = try Self.load("binary_missing", minimum: 0)
    let scale = ReliabilityScale(name: "All", columns: Array(0..<11))
    var accumulator = try ItemMomentAccumulator(
      itemCount: 11, coding: ResponseCoding(minimum: 0, maximum: 1), scales: [scale], columnNames: data.header)
    try accumulator.add(rows: data.codes)
    // binary_missing_psych.csv: use,raw_alpha,std_alpha,G6,average_r
    let rows = try Self.reference("binary_missing_psych").dropFirst()
    #expect(rows.count == 2)
    for row in rows {
      let policy: ReliabilityMissingData = row[0] == "pairwise" ? .pairwise : .listwise
      let result = try accumulator.reliability(ofScaleAt: 0, options: ReliabilityOptions(missingData: policy))
      expectClose(result.alpha, try #require(Double(row[1])), relative: 1e-12, "\(row[0]) alpha")
      expectClose(result.standardizedAlpha, try #require(Double(row[2])), relative: 1e-12, "\(row[0]) std alpha")
      expectClose(result.lambda6, try #require(Double(row[3])), relative: 1e-9, "\(row[0]) G6")
      expectClose(result.averageR, try #require(Double(row[4])), relative: 1e-12, "\(row[0]) average r")
      #expect(result.notes.contains { $0.statistic == "lambda6, rCor" && $0.status == .adjusted })
      #expect(result.setAsideItems.isEmpty)
    }
  }

  @Test func itemWithoutVarianceIsSetAsideAsPsychDoes() throws {
    let data = try Self.load("zero_variance_item", minimum: 1)
    let scale = ReliabilityScale(name: "S", columns: [0, 1, 2, 3])
    var accumulator = try ItemMomentAccumulator(
      itemCount: 4, coding: ResponseCoding(minimum: 1, maximum: 5), scales: [scale], columnNames: data.header)
    try accumulator.add(rows: data.codes)
    let result = try accumulator.reliability(ofScaleAt: 0)
    // psych::alpha (2.2.9) on the same data, printed with 15 digits (warning: "Item = item1 had no
    // variance and was deleted but still is counted in the score").
    #expect(result.setAsideItems == ["item1"])
    #expect(result.itemCount == 3)
    #expect(result.itemOrder == ["item2", "item3", "item4"])
    expectClose(result.alpha, 0.933510638297872, relative: 1e-13, "alpha")
    expectClose(result.standardizedAlpha, 0.936710197657542, relative: 1e-13, "std alpha")
    expectClose(result.lambda6, 0.916898493941047, relative: 1e-13, "G6")
    expectClose(result.averageR, 0.831463834213051, relative: 1e-13, "average r")
    expectClose(result.signalToNoise, 14.8003337502787, relative: 1e-13, "S/N")
    expectClose(result.ase, 0.0483018868372648, relative: 1e-12, "ase")
    expectClose(result.mean, 2.85, relative: 1e-13, "mean (the score still counts item1)")
    expectClose(result.sd, 1.08397416943394, relative: 1e-13, "sd")
    expectClose(result.items["item2"]?.rawR, 0.961456776550942, relative: 1e-13, "item2 raw.r")
    expectClose(result.items["item3"]?.rCor, 0.830302956852033, relative: 1e-12, "item3 r.cor")
    expectClose(result.items["item2"]?.alphaIfDeleted, 0.871794871794872, relative: 1e-13, "item2 alpha.drop")
    expectClose(result.items["item3"]?.signalToNoiseIfDeleted, 19.60000000000001, relative: 1e-13, "item3 S/N drop")
    #expect(result.notes.first?.reason.contains("item1") == true)
  }

  @Test func reportCarriesEveryScaleEvenWithASingularMatrix() throws {
    // Two identical items make R singular: psych still reports alpha; G6 uses the pseudo-inverse.
    let rows: [[UInt8]] = [[1, 1, 2], [2, 2, 2], [3, 3, 4], [4, 4, 3], [5, 5, 5], [2, 2, 1]]
    var accumulator = try ItemMomentAccumulator(
      itemCount: 3, coding: ResponseCoding(minimum: 1, maximum: 5),
      scales: [ReliabilityScale(name: "S", columns: [0, 1, 2])])
    try accumulator.add(rows: rows.flatMap { $0 })
    let report = accumulator.reliabilityReport()
    let result = try #require(report.scales[0].reliability)
    #expect(report.scales[0].error == nil)
    // Hand computation: C from the six rows; alpha = k/(k−1)(1 − trC/ΣC).
    let x = rows.map { $0.map(Double.init) }
    var c = [[Double]](repeating: [0, 0, 0], count: 3)
    let means = (0..<3).map { j in x.map { $0[j] }.reduce(0, +) / 6 }
    for i in 0..<3 { for j in 0..<3 { c[i][j] = x.map { ($0[i] - means[i]) * ($0[j] - means[j]) }.reduce(0, +) / 5 } }
    let sum = c.flatMap { $0 }.reduce(0, +)
    let trace = c[0][0] + c[1][1] + c[2][2]
    expectClose(result.alpha, 1.5 * (1 - trace / sum), relative: 1e-13, "alpha")
    #expect(result.lambda6 <= 1)
    #expect(result.notes.contains { $0.status == .adjusted })
  }
}
