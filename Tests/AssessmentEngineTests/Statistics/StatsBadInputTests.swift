import Foundation
import Testing

@testable import AssessmentEngine

/// One test per class of bad input, asserting the exact typed error.
@Suite("Statistics: reliability bad input")
struct StatsBadInputTests {
  static let five = ResponseCoding(minimum: 1, maximum: 5)

  static func accumulator(_ rows: [[UInt8]], scales: [ReliabilityScale]) throws -> ItemMomentAccumulator {
    var accumulator = try ItemMomentAccumulator(itemCount: rows[0].count, coding: five, scales: scales)
    try accumulator.add(rows: rows.flatMap { $0 })
    return accumulator
  }

  static let varied: [[UInt8]] = [[1, 2, 3], [2, 2, 4], [3, 4, 4], [4, 3, 5], [5, 5, 5], [2, 1, 1]]

  /// psych deletes an item without variance and analyses the rest; so does the SDK, naming it.
  @Test func zeroVarianceItem() throws {
    let rows = Self.varied.map { [$0[0], 3, $0[2]] }
    let scale = ReliabilityScale(name: "S", columns: [0, 1, 2])
    let result = try Self.accumulator(rows, scales: [scale]).reliability(ofScaleAt: 0)
    #expect(result.setAsideItems == ["item2"])
    #expect(result.itemOrder == ["item1", "item3"])
    #expect(result.notes.first?.status == .adjusted)
    // Only one item left: the whole scale has no alpha, and the error names the item.
    #expect(throws: ReliabilityError.zeroVariance(scale: "T", item: "item2")) {
      try Self.accumulator(rows, scales: [ReliabilityScale(name: "T", columns: [0, 1])]).reliability(ofScaleAt: 0)
    }
  }

  @Test func oneItemScale() throws {
    let scale = ReliabilityScale(name: "Single", columns: [1])
    #expect(throws: ReliabilityError.tooFewItems(scale: "Single", itemCount: 1)) {
      try Self.accumulator(Self.varied, scales: [scale]).reliability(ofScaleAt: 0)
    }
  }

  @Test func allMissingItem() throws {
    let rows = Self.varied.map { [$0[0], $0[1], 0] }
    let scale = ReliabilityScale(name: "S", columns: [0, 1, 2])
    let result = try Self.accumulator(rows, scales: [scale]).reliability(ofScaleAt: 0)
    #expect(result.setAsideItems == ["item3"])
    #expect(throws: ReliabilityError.allMissing(scale: "T", item: "item3")) {
      try Self.accumulator(rows, scales: [ReliabilityScale(name: "T", columns: [0, 2])]).reliability(ofScaleAt: 0)
    }
  }

  @Test func fewerThanThreeRows() throws {
    let scale = ReliabilityScale(name: "S", columns: [0, 1])
    #expect(throws: ReliabilityError.tooFewObservations(scale: "S", count: 2, minimum: 3)) {
      try Self.accumulator([[1, 2], [3, 5]], scales: [scale]).reliability(ofScaleAt: 0)
    }
  }

  @Test func perfectlyCorrelatedItems() throws {
    let rows = Self.varied.map { [$0[0], $0[0], $0[2]] }
    let scale = ReliabilityScale(name: "S", columns: [0, 1, 2])
    // psych reports alpha; λ6 uses the pseudo-inverse; S/N without item 3 (r = 1) is infinite.
    let result = try Self.accumulator(rows, scales: [scale]).reliability(ofScaleAt: 0)
    #expect(result.alpha.isFinite)
    #expect(result.notes.contains { $0.statistic == "lambda6, rCor" && $0.status == .adjusted })
    #expect(
      result.notes.contains { $0.status == .notComputed && $0.statistic.contains("signalToNoiseIfDeleted[item3]") })
  }

  /// Pairwise deletion can produce an impossible matrix: items 1 and 2 agree where both are
  /// answered, 2 and 3 agree, but 1 and 3 are opposite.
  @Test func nonPositiveDefinitePairwiseMatrix() throws {
    var rows: [[UInt8]] = []
    for v: UInt8 in [1, 2, 3, 4, 5, 1, 5] {
      rows.append([v, v, 0])
      rows.append([0, v, v])
      rows.append([v, 0, 6 - v])
    }
    let scale = ReliabilityScale(name: "S", columns: [0, 1, 2])
    let result = try Self.accumulator(rows, scales: [scale]).reliability(ofScaleAt: 0)
    #expect(result.alpha.isFinite)
    #expect(result.notes.contains { $0.statistic == "lambda6, rCor" })
    #expect(result.notes.contains { $0.statistic == "omegaTotal" })
  }

  @Test func itemsNeverAnsweredTogether() throws {
    let rows: [[UInt8]] = [[1, 0, 2], [2, 0, 3], [0, 4, 5], [0, 2, 1], [3, 0, 3]]
    let scale = ReliabilityScale(name: "S", columns: [0, 1, 2])
    #expect(throws: ReliabilityError.noOverlap(scale: "S", item: "item1", otherItem: "item2", count: 0)) {
      try Self.accumulator(rows, scales: [scale]).reliability(ofScaleAt: 0)
    }
  }

  @Test func listwiseWithTooFewCompleteRows() throws {
    let rows: [[UInt8]] = [[1, 2], [2, 0], [0, 4], [3, 3], [4, 0]]
    let scale = ReliabilityScale(name: "S", columns: [0, 1])
    #expect(throws: ReliabilityError.tooFewObservations(scale: "S", count: 2, minimum: 3)) {
      try Self.accumulator(rows, scales: [scale]).reliability(
        ofScaleAt: 0, options: ReliabilityOptions(missingData: .listwise))
    }
  }

  /// Two items correlating negatively: ΣR with SMC diagonal is negative, so r.cor = colSums/√ΣRC
  /// has no real value (psych prints NaN); the SDK names the statistic in a note and reports the rest.
  @Test func negativelyCorrelatedItemsGiveANamedUndefinedStatistic() throws {
    let rows: [[UInt8]] = [[1, 5], [2, 3], [3, 4], [4, 2], [5, 1], [2, 4]]
    let scale = ReliabilityScale(name: "S", columns: [0, 1])
    let result = try Self.accumulator(rows, scales: [scale]).reliability(ofScaleAt: 0)
    #expect(result.alpha < 0)
    #expect(result.notes.contains { $0.status == .notComputed && $0.statistic == "rCor[item1], rCor[item2]" })
  }

  @Test func codeAboveTheScaleLeavesTheAccumulatorUnchanged() throws {
    var accumulator = try ItemMomentAccumulator(itemCount: 2, coding: Self.five, scales: [])
    try accumulator.add(rows: [1, 2])
    let before = accumulator
    #expect(throws: ReliabilityError.codeOutOfRange(row: 2, column: 1, code: 6, levels: 5)) {
      try accumulator.add(rows: [3, 4, 5, 6])
    }
    #expect(accumulator == before)
  }

  @Test func rowBufferOfWrongLength() throws {
    var accumulator = try ItemMomentAccumulator(itemCount: 3, coding: Self.five, scales: [])
    #expect(throws: ReliabilityError.rowBufferLength(count: 4, itemCount: 3)) {
      try accumulator.add(rows: [1, 2, 3, 4])
    }
  }

  @Test func invalidScaleDefinitions() {
    #expect(throws: ReliabilityError.columnOutOfRange(scale: "S", column: 3, itemCount: 3)) {
      try ItemMomentAccumulator(
        itemCount: 3, coding: Self.five, scales: [ReliabilityScale(name: "S", columns: [0, 3])])
    }
    #expect(throws: ReliabilityError.duplicateColumn(scale: "S", column: 1)) {
      try ItemMomentAccumulator(
        itemCount: 3, coding: Self.five, scales: [ReliabilityScale(name: "S", columns: [1, 1])])
    }
    #expect(throws: ReliabilityError.invalidKeys(scale: "S")) {
      try ItemMomentAccumulator(
        itemCount: 3, coding: Self.five, scales: [ReliabilityScale(name: "S", columns: [0, 1], keys: [1, 2])])
    }
    #expect(throws: ReliabilityError.invalidLayout(itemCount: 0, minimum: 1, maximum: 5)) {
      try ItemMomentAccumulator(itemCount: 0, coding: Self.five, scales: [])
    }
  }

  @Test func mergingDifferentLayoutsFails() throws {
    var a = try ItemMomentAccumulator(itemCount: 3, coding: Self.five, scales: [])
    let b = try ItemMomentAccumulator(itemCount: 4, coding: Self.five, scales: [])
    #expect(throws: ReliabilityError.incompatibleMerge) { try a.merge(b) }
  }

  @Test func reportKeepsGoodScalesAndNamesTheBadOne() throws {
    let rows = Self.varied.map { [$0[0], $0[1], $0[2], 2] }
    let good = ReliabilityScale(name: "Good", columns: [0, 1, 2])
    let bad = ReliabilityScale(name: "Bad", columns: [2, 3])
    let report = try Self.accumulator(rows, scales: [good, bad]).reliabilityReport()
    #expect(report.scales[0].reliability != nil)
    #expect(report.scales[0].error == nil)
    #expect(report.scales[1].reliability == nil)
    #expect(report.scales[1].error == .zeroVariance(scale: "Bad", item: "item4"))
  }

  /// Hand-counted sums: rows (1,2), (3,0), (0,4), (5,5) on codes → pair (0,1) over rows 1 and 4:
  /// n = 2, Σx = 6, Σy = 7, Σx² = 26, Σy² = 29, Σxy = 27; item 0 alone: n = 3, Σ = 9, Σ² = 35.
  @Test func accumulatorHoldsExactSums() throws {
    var accumulator = try ItemMomentAccumulator(itemCount: 2, coding: Self.five, scales: [])
    try accumulator.add(rows: [1, 2, 3, 0, 0, 4, 5, 5])
    #expect(
      accumulator.pairMoments(0, 1)
        == PairMoments(count: 2, sumFirst: 6, sumSecond: 7, sumSquaresFirst: 26, sumSquaresSecond: 29, sumProducts: 27))
    #expect(accumulator.pairMoments(1, 0)?.sumFirst == 7)
    #expect(accumulator.pairMoments(0, 0)?.count == 3)
    #expect(accumulator.pairMoments(0, 0)?.sumSquaresFirst == 35)
    #expect(accumulator.histogram(ofColumn: 0) == [1, 1, 0, 1, 0, 1])
    #expect(accumulator.pairMoments(0, 2) == nil)
    #expect(accumulator.histogram(ofColumn: -1) == nil)
  }

  @Test func errorsReadAsSentences() {
    #expect(
      ReliabilityError.zeroVariance(scale: "Goal", item: "item4").description
        == "In scale Goal, item item4 has the same answer in every row (no variance).")
    #expect(
      ReliabilityError.codeOutOfRange(row: 2, column: 1, code: 6, levels: 5).description
        == "Row 3, column 2 holds code 6, but codes run from 0 (missing) to 5.")
  }
}
