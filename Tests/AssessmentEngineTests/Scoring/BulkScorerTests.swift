import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The bulk pass gives bit-identical output whatever the number of threads, and its vector kernels
/// agree with the plain reference path on shapes that exercise every kernel and tail.
@Suite("Bulk scoring kernels")
struct BulkScorerTests {
  static func matrix(rows: Int, items: Int, missing: Double, seed: UInt64, min: Int = 1, max: Int = 7) throws
    -> ResponseMatrix
  {
    var g = SplitMix64(seed: seed)
    var m = ResponseMatrix(columns: (1...items).map { "i\($0)" }, scale: ResponseScale(min: min, max: max))
    for _ in 0..<rows {
      try m.append((0..<items).map { _ in g.uniform() < missing ? nil : Int.random(in: min...max, using: &g) })
    }
    return m
  }

  static func definition(items: Int, min: Int = 1, max: Int = 7) throws -> InstrumentDefinition {
    // Three interleaved subscales with a reverse key in each, plus the total.
    let ids = (1...items).map { "i\($0)" }
    var scales = (0..<3).map { s in
      let members = ids.enumerated().filter { $0.offset % 3 == s }.map(\.element)
      return ScaleDefinition(id: "S\(s)", items: members, reversed: members.isEmpty ? [] : [members[0]])
    }
    scales.append(
      ScaleDefinition(id: "Total", items: ids, reversed: ids.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)))
    return try InstrumentDefinition(
      id: "bulk", version: "1", name: .init(id: "x", en: "x"),
      citation: .init(source: "test", year: 2026, licence: "test"),
      responseScale: ResponseScale(min: min, max: max), items: ids.map { ItemDefinition(id: $0) }, scales: scales)
  }

  @Test(arguments: [(0.0, 12), (0.03, 12), (0.3, 36), (0.0, 40)])
  func threadCountDoesNotChangeTheOutput(missing: Double, items: Int) throws {
    let m = try Self.matrix(rows: 35_001, items: items, missing: missing, seed: 99)
    let plan = ScoringPlan(try Self.definition(items: items), policy: .noImputation)
    var reference = try plan.score(m)
    BulkScorer(plan: plan, imputation: nil).score(m, into: &reference, threads: 1)
    for threads in [2, 3, 8] {
      var table = try plan.score(m)
      BulkScorer(plan: plan, imputation: nil).score(m, into: &table, threads: threads)
      #expect(table.rawSums.elementsEqual(reference.rawSums) { $0.bitPattern == $1.bitPattern })
      #expect(table.missingCounts == reference.missingCounts)
    }
  }

  /// Row counts around the 16-row groups and the end-of-buffer tail, every policy, against the
  /// plain reference path.
  @Test(arguments: [1, 15, 16, 17, 31, 33, 100])
  func vectorKernelsAgreeWithTheReferencePath(rows: Int) throws {
    for (items, missing) in [(5, 0.0), (12, 0.0), (12, 0.2), (17, 0.1), (36, 0.05)] {
      let m = try Self.matrix(rows: rows, items: items, missing: missing, seed: UInt64(rows * 100 + items))
      let definition = try Self.definition(items: items)
      let data = (0..<m.rowCount).map { m.row($0) }
      for policy in [MissingDataPolicy.noImputation, .itemMean, .default] {
        let table = try ScoringPlan(definition, policy: policy).score(m)
        for r in 0..<rows {
          let expected = referenceScores(definition, policy: policy, responses: data[r], allResponses: data)
          for (s, e) in expected.enumerated() {
            let o = table[r, s]
            #expect(o.missing == e.missing && o.absence == e.absence)
            if let es = e.sum {
              expectClose(o.sum, es, relative: 1e-12, "rows \(rows) items \(items)")
            } else {
              #expect(o.sum == nil)
            }
          }
        }
      }
    }
  }
}
