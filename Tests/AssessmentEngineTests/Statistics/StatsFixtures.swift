import Foundation
import Testing

@testable import AssessmentEngine

/// Loading of the R reference fixtures (copied from the team's reference set; provenance in
/// Fixtures/r_versions.txt: R 4.2.2, psych 2.2.9) and the WAI-SR-shaped subscales.
enum StatsFixtures {
  /// Goal 4, 6, 8, 11; Task 1, 2, 10, 12; Bond 3, 5, 7, 9; Total 1–12 (1-based in the reference;
  /// 0-based columns here).
  static let scales: [ReliabilityScale] = [
    ReliabilityScale(name: "Goal", columns: [3, 5, 7, 10]),
    ReliabilityScale(name: "Task", columns: [0, 1, 9, 11]),
    ReliabilityScale(name: "Bond", columns: [2, 4, 6, 8]),
    ReliabilityScale(name: "Total", columns: Array(0..<12)),
  ]

  static func url(_ name: String, _ ext: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
  }

  /// A fixture data CSV as codes (values 1…5 are codes 1…5; an empty cell is 0 = missing).
  static func codes(_ name: String) throws -> (header: [String], codes: [UInt8], rows: Int) {
    let text = try String(contentsOf: url(name, "csv"), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var codes: [UInt8] = []
    codes.reserveCapacity(lines.count * header.count)
    for line in lines {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      for cell in cells { codes.append(cell.isEmpty ? 0 : UInt8(cell) ?? 255) }
    }
    return (header, codes, lines.count)
  }

  /// One row of r_stats_long.csv.
  struct Reference {
    var dataset: String
    var scale: String
    var source: String
    var statistic: String
    var item: String
    var value: Double
  }

  static func references() throws -> [Reference] {
    let text = try String(contentsOf: url("r_stats_long", "csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 6, let value = Double(f[5]) else { return nil }
      return Reference(dataset: f[0], scale: f[1], source: f[2], statistic: f[3], item: f[4], value: value)
    }
  }

  static func accumulator(_ dataset: String) throws -> ItemMomentAccumulator {
    let data = try codes(dataset == "wai12" ? "wai12_1000" : "wai12_miss_1000")
    var accumulator = try ItemMomentAccumulator(
      itemCount: 12, coding: ResponseCoding(minimum: 1, maximum: 5), scales: scales, columnNames: data.header)
    try accumulator.add(rows: data.codes)
    return accumulator
  }
}
