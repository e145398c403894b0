import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The vector kernel of ``ItemMomentAccumulator/add(rowBlock:)`` against the scalar reference
/// (`addReference(rowBlock:)`): the accumulators, all integer sums, must be equal — not close.
@Suite("Statistics: vector kernel equals the reference")
struct StatsKernelTests {
  /// Random codes: each cell missing with probability `missing`, otherwise uniform on 1…levels.
  static func codes(rows: Int, items: Int, levels: Int, missing: Double, seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    return (0..<(rows * items)).map { _ in
      Double.random(in: 0..<1, using: &random) < missing ? 0 : UInt8.random(in: 1...UInt8(levels), using: &random)
    }
  }

  static func scales(items: Int) -> [ReliabilityScale] {
    [
      ReliabilityScale(name: "Odd", columns: Array(stride(from: 0, to: items, by: 2))),
      ReliabilityScale(name: "Keyed", columns: Array(0..<min(items, 5)), reversed: [1, 3]),
      ReliabilityScale(name: "All", columns: Array((0..<items).reversed())),
    ]
  }

  static func pair(items: Int, levels: Int, codes: [UInt8], threads: Int) throws -> (
    ItemMomentAccumulator, ItemMomentAccumulator
  ) {
    let coding = ResponseCoding(minimum: 1, maximum: levels)
    var reference = try ItemMomentAccumulator(itemCount: items, coding: coding, scales: scales(items: items))
    var fast = reference
    try codes.withUnsafeBufferPointer { (b) throws(ReliabilityError) in
      try reference.addReference(rowBlock: b)
      try fast.add(rowBlock: b, threads: threads)
    }
    return (reference, fast)
  }

  @Test(arguments: [
    // (rows, items, levels, missing share)
    (0, 12, 5, 0.0), (1, 12, 5, 0.0), (1, 12, 5, 0.5), (15, 12, 5, 0.03), (16, 12, 5, 0.0), (17, 12, 5, 0.03),
    (1000, 12, 5, 0.0), (1000, 12, 5, 0.03), (1003, 7, 7, 0.2), (999, 20, 4, 0.1), (40_000, 12, 5, 0.0),
    (40_000, 12, 5, 0.03), (5000, 3, 255, 0.05), (2000, 16, 17, 0.02), (3000, 33, 2, 0.3),
    // Incomplete rows by missing pattern (≤ 16 items): many distinct patterns fill the bounded table
    // and drain it mid-block; levels above 15 take the per-row histogram; a single item; 17 items
    // (one past the pattern path) at the same settings.
    (20_000, 16, 5, 0.5), (20_000, 16, 255, 0.3), (5000, 1, 5, 0.3), (9000, 12, 1, 0.2), (9000, 17, 5, 0.5),
  ])
  func fastPathEqualsReference(rows: Int, items: Int, levels: Int, missing: Double) throws {
    let data = Self.codes(rows: rows, items: items, levels: levels, missing: missing, seed: UInt64(rows * 31 + items))
    for threads in [1, 2, 3] {
      let (reference, fast) = try Self.pair(items: items, levels: levels, codes: data, threads: threads)
      #expect(
        fast == reference, "rows \(rows), items \(items), levels \(levels), missing \(missing), threads \(threads)")
    }
  }

  @Test func chunkedAndPermutedRowsGiveBitIdenticalStatistics() throws {
    let items = 12
    // Factor-structured data (items 1 and 3 reverse-keyed), so that the statistics are defined.
    let data = StatsAccumulatorPropertyTests.generate(
      rows: 20_011, items: items, levels: 5, keys: [1, -1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1], missing: 0.03, seed: 7)
    let coding = ResponseCoding(minimum: 1, maximum: 5)
    var whole = try ItemMomentAccumulator(itemCount: items, coding: coding, scales: Self.scales(items: items))
    try whole.add(rows: data)
    // Rows in reverse order, in chunks of 1,237 rows.
    var reversed: [UInt8] = []
    for row in (0..<20_011).reversed() { reversed += data[(row * items)..<((row + 1) * items)] }
    var chunked = try ItemMomentAccumulator(itemCount: items, coding: coding, scales: Self.scales(items: items))
    var start = 0
    while start < reversed.count {
      let end = min(reversed.count, start + 1237 * items)
      try chunked.add(rows: Array(reversed[start..<end]))
      start = end
    }
    #expect(chunked == whole)
    let a = try whole.reliability(ofScaleNamed: "Keyed")
    let b = try chunked.reliability(ofScaleNamed: "Keyed")
    #expect(a == b)
  }

  @Test func aCodeAboveTheLevelsIsReportedAtItsCellAndNothingIsAdded() throws {
    var data = Self.codes(rows: 100, items: 12, levels: 5, missing: 0.0, seed: 3)
    data[57 * 12 + 4] = 6
    var accumulator = try ItemMomentAccumulator(
      itemCount: 12, coding: ResponseCoding(minimum: 1, maximum: 5), scales: Self.scales(items: 12))
    let before = accumulator
    #expect(throws: ReliabilityError.codeOutOfRange(row: 57, column: 4, code: 6, levels: 5)) {
      try accumulator.add(rows: data)
    }
    #expect(accumulator == before)
  }
}
