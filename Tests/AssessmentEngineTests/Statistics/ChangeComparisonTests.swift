import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

/// ``ChangeAnalysis/compare(pre:post:parameters:direction:criterion:)``: the whole pre–post comparison
/// `bapas change` renders, against the hand computations of `StatsChangeTests` (Jacobson & Truax 1991),
/// and a property test re-deriving the pairing with plain loops.
@Suite("Change comparison")
struct ChangeComparisonTests {
  /// Two sum scales: `S` (values given below), `U` (no values, no norm: reported without an RCI).
  static let json = """
    {
      "id": "pair-demo", "version": "1",
      "name": {"id": "Contoh", "en": "Demo"},
      "citation": {"source": "Our own test instrument", "year": 2026, "licence": "CC0"},
      "responseScale": {"min": 1, "max": 5},
      "items": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
      "scales": [{"id": "S", "items": ["a", "b"]}, {"id": "U", "items": ["c"]}]
    }
    """

  /// `S`: SD 7.5, r = .88, lower is better, functional N(10, 5), dysfunctional N(30, 8) (so c = 230/13);
  /// `U`: no RCI.
  static func parameters() throws -> [ChangeParameters] {
    let definition = try InstrumentDefinition(jsonData: Data(json.utf8))
    return try ChangeAnalysis.parameters(
      for: definition, metric: .sum, reliabilities: ["S": 0.88], standardDeviations: ["S": 7.5],
      norms: [
        "S": [
          .functional: ChangeAnalysis.NormValues(mean: 10, sd: 5),
          .dysfunctional: ChangeAnalysis.NormValues(mean: 30, sd: 8),
        ]
      ], direction: .lowerIsBetter)
  }

  static func score(_ sum: Double?) -> ScaleScore {
    ScaleScore(
      sum: sum, mean: sum.map { $0 / 2 }, answered: sum == nil ? 0 : 2, missing: sum == nil ? 2 : 0,
      absence: sum == nil ? .noItemsAnswered : nil)
  }

  static func respondent(_ id: String, line: Int, _ s: Double?, _ u: Double? = 3) -> ScoredRespondent {
    ScoredRespondent(id: id, line: line, scores: [score(s), score(u)])
  }

  /// S_diff = 7.5·√.24 = 3.674234614174767 (StatsChangeTests). A: 32 → 20, RCI = −12/S_diff =
  /// −3.265986323710904, reliably improved but 20 > c = 17.69… → improved. B: 32 → 15, RCI = −17/S_diff
  /// = −4.626813958590448, past c → recovered. C: no pre score → no change, the reason. U: change 1,
  /// no RCI, the parameters' note.
  @Test func handComputedComparison() throws {
    let parameters = try Self.parameters()
    let pre = [
      Self.respondent("A", line: 2, 32), Self.respondent("B", line: 3, 32), Self.respondent("", line: 4, 30),
      Self.respondent("X", line: 5, 30), Self.respondent("C", line: 6, nil),
    ]
    let post = [
      Self.respondent("B", line: 2, 15, 4), Self.respondent("Y", line: 3, 25), Self.respondent("A", line: 4, 20, 4),
      Self.respondent("  ", line: 5, 10), Self.respondent("C", line: 6, 20),
    ]
    let c = try ChangeAnalysis.compare(pre: pre, post: post, parameters: parameters, direction: .lowerIsBetter)
    #expect(c.rows.map(\.id) == ["A", "B", "C"])
    #expect(c.rows.map(\.preLine) == [2, 3, 6] && c.rows.map(\.postLine) == [4, 2, 6])
    #expect(c.onlyInPre == [UnpairedRespondent(id: "X", line: 5)])
    #expect(c.onlyInPost == [UnpairedRespondent(id: "Y", line: 3)])
    #expect(c.unidentifiedPre == [UnpairedRespondent(id: "", line: 4)])
    #expect(c.unidentifiedPost == [UnpairedRespondent(id: "  ", line: 5)])
    #expect(!c.isComplete)

    let sDiff = 3.674234614174767
    let a = c.rows[0].scales[0]
    #expect(a.pre == 32 && a.post == 20 && a.change == -12)
    expectClose(a.rci ?? .nan, -3.265986323710904, relative: 1e-14, "A RCI")
    #expect(a.reliableChange == .improved && a.clinicalSignificance == .improved && a.postIsFunctional == false)
    let b = c.rows[1].scales[0]
    expectClose(b.rci ?? .nan, -17 / sDiff, relative: 1e-14, "B RCI")
    expectClose(b.rci ?? .nan, -4.626813958590448, relative: 1e-14, "B RCI by hand")
    #expect(b.reliableChange == .improved && b.clinicalSignificance == .recovered && b.postIsFunctional == true)
    let missing = c.rows[2].scales[0]
    #expect(missing.change == nil && missing.rci == nil)
    #expect(missing.reason == "pre: \(AbsenceReason.noItemsAnswered.description)")
    let u = c.rows[0].scales[1]
    #expect(u.change == 1 && u.rci == nil && u.reason == parameters[1].note && u.reason != nil)
    // Every row is exactly what ScaleChange gives for the pair (compare adds pairing, not arithmetic).
    #expect(
      c.rows[1].scales[0]
        == ScaleChange(
          pre: pre[1].scores[0], post: post[0].scores[0], parameters: parameters[0], direction: .lowerIsBetter))
  }

  /// A stricter criterion turns A's change (|RCI| 3.27) into no reliable change.
  @Test func criterionReachesEveryRow() throws {
    let parameters = try Self.parameters()
    let c = try ChangeAnalysis.compare(
      pre: [Self.respondent("A", line: 2, 32)], post: [Self.respondent("A", line: 2, 20)], parameters: parameters,
      direction: .lowerIsBetter, criterion: 3.5)
    #expect(c.rows[0].scales[0].reliableChange == .unchanged && c.isComplete)
  }

  /// Duplicate ids are refused with every line, PRE before POST; empty ids are never duplicates.
  @Test func duplicateIDsAreATypedError() throws {
    let parameters = try Self.parameters()
    let dupPre = [
      Self.respondent("a", line: 2, 1), Self.respondent("", line: 3, 1), Self.respondent("a", line: 4, 1),
      Self.respondent("", line: 5, 1), Self.respondent("a", line: 9, 1),
    ]
    let dupPost = [Self.respondent("b", line: 2, 1), Self.respondent("b", line: 3, 1)]
    #expect(ChangeAnalysis.duplicates(in: dupPre) == [DuplicateRespondentID(id: "a", lines: [2, 4, 9])])
    #expect(throws: ChangeComparisonError.duplicateIDs(.pre, [DuplicateRespondentID(id: "a", lines: [2, 4, 9])])) {
      try ChangeAnalysis.compare(pre: dupPre, post: dupPost, parameters: parameters)
    }
    #expect(throws: ChangeComparisonError.duplicateIDs(.post, [DuplicateRespondentID(id: "b", lines: [2, 3])])) {
      try ChangeAnalysis.compare(pre: [], post: dupPost, parameters: parameters)
    }
    let error = ChangeComparisonError.duplicateIDs(.post, [DuplicateRespondentID(id: "NIK-1", lines: [2, 3])])
    #expect(
      error.description(.full)
        == "post: the id 'NIK-1' appears more than once, on lines 2, 3; each respondent must have one row.")
    #expect(!error.redactedDescription.contains("NIK-1") && error.redactedDescription.contains("lines 2, 3"))
  }

  /// Scores that do not match the parameters are an error naming the row, never an out-of-range read.
  @Test func scoreCountMismatchIsATypedError() throws {
    let parameters = try Self.parameters()
    let short = ScoredRespondent(id: "a", line: 7, scores: [Self.score(1)])
    #expect(throws: ChangeComparisonError.scoreCountMismatch(.post, line: 7, expected: 2, found: 1)) {
      try ChangeAnalysis.compare(pre: [Self.respondent("a", line: 2, 1)], post: [short], parameters: parameters)
    }
  }

  /// The JSON form is stable: keys as documented, and it round-trips.
  @Test func jsonIsStableAndRoundTrips() throws {
    let parameters = try Self.parameters()
    let c = try ChangeAnalysis.compare(
      pre: [Self.respondent("A", line: 2, 32), Self.respondent("X", line: 3, 1)],
      post: [Self.respondent("A", line: 5, 20, nil)], parameters: parameters,
      direction: .lowerIsBetter)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(c)
    #expect(try JSONDecoder().decode(ChangeComparison.self, from: data) == c)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object.keys.sorted() == ["onlyInPost", "onlyInPre", "rows", "unidentifiedPost", "unidentifiedPre"])
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.first?.keys.sorted() == ["id", "postLine", "preLine", "scales"])
    let s = try #require((rows.first?["scales"] as? [[String: Any]])?.first)
    #expect(
      s.keys.sorted() == [
        "change", "clinicalSignificance", "post", "postIsFunctional", "pre", "rci", "reliableChange",
      ])
    #expect(s["reliableChange"] as? String == "improved" && s["clinicalSignificance"] as? String == "improved")
    #expect(String(decoding: try encoder.encode(c.onlyInPre), as: UTF8.self) == #"[{"id":"X","line":3}]"#)
  }

  /// Property: on ids unique and non-empty within each administration, pairing is a bijection between
  /// the shared ids; rows follow PRE's order; every respondent is in exactly one list; and the result
  /// equals a naive re-derivation (linear search per PRE row).
  @Test(arguments: 0..<40)
  func pairingIsABijection(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
    let parameters = try Self.parameters()
    let universe = (0..<Int.random(in: 0...30, using: &random)).map { "R\($0)" }
    let preIDs = universe.filter { _ in Bool.random(using: &random) }.shuffled(using: &random)
    let postIDs = universe.filter { _ in Bool.random(using: &random) }.shuffled(using: &random)
    let pre = preIDs.enumerated().map {
      Self.respondent($0.element, line: $0.offset + 2, Double(Int.random(in: 2...10, using: &random)))
    }
    let post = postIDs.enumerated().map {
      Self.respondent($0.element, line: $0.offset + 2, Double(Int.random(in: 2...10, using: &random)))
    }
    let c = try ChangeAnalysis.compare(pre: pre, post: post, parameters: parameters)

    // Naive: every PRE row in order, its POST row by linear search.
    var rows: [RespondentChange] = []
    var onlyInPre: [UnpairedRespondent] = []
    for before in pre {
      var match: ScoredRespondent? = nil
      for after in post where after.id == before.id { match = after }
      if let after = match {
        let scales = (0..<2).map {
          ScaleChange(pre: before.scores[$0], post: after.scores[$0], parameters: parameters[$0])
        }
        rows.append(RespondentChange(id: before.id, preLine: before.line, postLine: after.line, scales: scales))
      } else {
        onlyInPre.append(UnpairedRespondent(id: before.id, line: before.line))
      }
    }
    let onlyInPost = post.filter { p in !pre.contains { $0.id == p.id } }.map {
      UnpairedRespondent(id: $0.id, line: $0.line)
    }
    #expect(c.rows == rows && c.onlyInPre == onlyInPre && c.onlyInPost == onlyInPost)
    #expect(c.unidentifiedPre.isEmpty && c.unidentifiedPost.isEmpty)

    // A bijection: no PRE or POST line used twice, and ids agree on both sides.
    #expect(Set(c.rows.map(\.preLine)).count == c.rows.count && Set(c.rows.map(\.postLine)).count == c.rows.count)
    #expect(c.rows.allSatisfy { r in pre[r.preLine - 2].id == r.id && post[r.postLine - 2].id == r.id })
    #expect(Set(c.rows.map(\.id)) == Set(preIDs).intersection(postIDs))
    // Rows in PRE's order; everyone accounted for exactly once per side.
    #expect(c.rows.map(\.preLine) == c.rows.map(\.preLine).sorted())
    #expect(c.rows.count + c.onlyInPre.count == pre.count && c.rows.count + c.onlyInPost.count == post.count)
    #expect(c.isComplete == (c.onlyInPre.isEmpty && c.onlyInPost.isEmpty))
  }
}
