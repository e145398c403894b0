import AssessmentEngine
import Testing
import _AssessmentTestSupport

/// Invariants of scoring over random instruments and responses (seeded, deterministic).
@Suite("Scoring properties")
struct ScoringPropertyTests {
  /// A random instrument: 1–3 scales over k items, random reverse keys, on a random scale.
  static func randomCase(seed: UInt64, rows: Int, missingRate: Double) throws -> (InstrumentDefinition, [[Int?]]) {
    var g = SplitMix64(seed: seed)
    let lo = Int.random(in: -3...1, using: &g)
    let hi = lo + Int.random(in: 1...8, using: &g)
    let k = Int.random(in: 1...14, using: &g)
    let items = (1...k).map { "i\($0)" }
    var scales: [ScaleDefinition] = []
    for s in 0..<Int.random(in: 1...3, using: &g) {
      let members = items.filter { _ in Bool.random(using: &g) }
      let chosen = members.isEmpty ? [items[0]] : members
      scales.append(
        ScaleDefinition(id: "S\(s)", items: chosen, reversed: chosen.filter { _ in Bool.random(using: &g) }))
    }
    let definition = try InstrumentDefinition(
      id: "random", version: "1", name: .init(id: "acak", en: "random"),
      citation: .init(source: "test", year: 2026, licence: "test"),
      responseScale: ResponseScale(min: lo, max: hi), items: items.map { ItemDefinition(id: $0) }, scales: scales)
    let data: [[Int?]] = (0..<rows).map { _ in
      items.map { _ in Double.random(in: 0..<1, using: &g) < missingRate ? nil : Int.random(in: lo...hi, using: &g) }
    }
    return (definition, data)
  }

  static let policies: [MissingDataPolicy] = [
    .noImputation, .itemMean, .itemMedian, .default, .prorate(minimum: .count(2)),
  ]

  @Test(arguments: 0..<40)
  func bulkPathEqualsReferencePath(seed: Int) throws {
    let rows = [0, 1, 2, 7, 63, 64, 65, 300][seed % 8]
    let (definition, data) = try Self.randomCase(seed: UInt64(seed), rows: rows, missingRate: seed % 3 == 0 ? 0 : 0.2)
    var matrix = ResponseMatrix(columns: definition.items.map(\.id), scale: definition.responseScale)
    for row in data { try matrix.append(row) }
    for policy in Self.policies {
      let table = try ScoringPlan(definition, policy: policy).score(matrix)
      #expect(table.rowCount == rows)
      for (r, row) in data.enumerated() {
        let expected = referenceScores(definition, policy: policy, responses: row, allResponses: data)
        let observed = table.scores(row: r)
        for (e, o) in zip(expected, observed) {
          #expect(o.answered == e.answered && o.missing == e.missing && o.absence == e.absence)
          if let es = e.sum {
            expectClose(o.sum, es, relative: 1e-12, "sum, seed \(seed)")
          } else {
            #expect(o.sum == nil)
          }
          if let em = e.mean {
            expectClose(o.mean, em, relative: 1e-12, "mean, seed \(seed)")
          } else {
            #expect(o.mean == nil)
          }
        }
      }
    }
  }

  @Test(arguments: 0..<20)
  func meansStayWithinTheScale(seed: Int) throws {
    let (definition, data) = try Self.randomCase(seed: UInt64(1000 + seed), rows: 50, missingRate: 0.25)
    var matrix = ResponseMatrix(columns: definition.items.map(\.id), scale: definition.responseScale)
    for row in data { try matrix.append(row) }
    for policy in Self.policies {
      let table = try ScoringPlan(definition, policy: policy).score(matrix)
      for r in 0..<table.rowCount {
        for s in 0..<table.scaleCount {
          if let mean = table[r, s].mean {
            #expect(
              mean >= Double(definition.responseScale.min) - 1e-12
                && mean <= Double(definition.responseScale.max) + 1e-12)
          }
        }
      }
    }
  }

  @Test(arguments: 0..<10)
  func rowOrderDoesNotChangeARespondentsScores(seed: Int) throws {
    let (definition, data) = try Self.randomCase(seed: UInt64(2000 + seed), rows: 80, missingRate: 0.15)
    var g = SplitMix64(seed: UInt64(seed))
    let order = Array(data.indices).shuffled(using: &g)
    var a = ResponseMatrix(columns: definition.items.map(\.id), scale: definition.responseScale)
    var b = a
    for row in data { try a.append(row) }
    for i in order { try b.append(data[i]) }
    for policy in Self.policies {
      let plan = ScoringPlan(definition, policy: policy)
      let ta = try plan.score(a)
      let tb = try plan.score(b)
      for (newRow, oldRow) in order.enumerated() {
        // Bit-identical: column statistics come from exact integer counts, not from summation order.
        #expect(ta.scores(row: oldRow) == tb.scores(row: newRow))
      }
    }
  }

  @Test(arguments: [(1, 5), (1, 7), (-3, 3), (0, 1), (0, 100)])
  func reverseKeyingTwiceIsIdentity(bounds: (Int, Int)) {
    let scale = ResponseScale(min: bounds.0, max: bounds.1)
    for x in bounds.0...bounds.1 {
      #expect(scale.reversed(scale.reversed(x)) == x)
      #expect(scale.contains(scale.reversed(x)))
    }
  }
}
