import AssessmentEngine
import Testing
import _AssessmentTestSupport

/// Agreement with `psych::scoreItems` (R 4.2.2, psych 2.2.9) on the reference data:
/// sums exact, means within 1e-12 relative, missing counts exact.
@Suite("Scoring agrees with psych::scoreItems")
struct PsychAgreementTests {
  static let cases: [(data: String, reference: String, policy: MissingDataPolicy)] = [
    ("wai12_1000.csv", "wai12_scores_impute_none.csv", .noImputation),
    ("wai12_miss_1000.csv", "wai12_miss_scores_impute_none.csv", .noImputation),
    ("wai12_miss_1000.csv", "wai12_miss_scores_impute_mean.csv", .itemMean),
    ("wai12_miss_1000.csv", "wai12_miss_scores_impute_median.csv", .itemMedian),
  ]

  @Test(arguments: 0..<4)
  func reproducesR(caseIndex: Int) throws {
    let c = Self.cases[caseIndex]
    let definition = try Fixture.waiKeys()
    let batch = try ResponseCSVParser.read(
      try Fixture.bytes(c.data), columns: definition.items.map(\.id), scale: definition.responseScale)
    #expect(batch.rowsRejected == 0)
    let table = try ScoringPlan(definition, policy: c.policy).score(batch.matrix)
    let reference = try Fixture.table(c.reference)
    #expect(table.rowCount == reference.count)
    for (row, r) in reference.enumerated() {
      for (s, scale) in ["Goal", "Task", "Bond", "Total"].enumerated() {
        let score = table[row, s]
        let rSum = try #require(r["\(scale)_sum"])
        let rMean = try #require(r["\(scale)_mean"])
        if c.policy == .noImputation {
          #expect(score.sum == rSum, "row \(row + 1) \(scale)_sum")
        } else {
          expectClose(score.sum, rSum, relative: 1e-12, "row \(row + 1) \(scale)_sum")
        }
        expectClose(score.mean, rMean, relative: 1e-12, "row \(row + 1) \(scale)_mean")
        #expect(Double(score.missing) == r["\(scale)_nmissing"], "row \(row + 1) \(scale)_nmissing")
      }
    }
  }

  /// psych keys reverse items as min + max − x with the given min and max; on a 1–7 scale with
  /// reverse keys, a hand-computed respondent:
  /// items (a, b, c, d) = (7, 2, 5, missing), key A = a, -b, c, d  →  keyed (7, 6, 5, –)
  /// none: sum 18, mean 6; prorate(≥3): mean 6, sum 24; prorate(4): absent.
  @Test func handComputedSevenPointReverseKeyed() throws {
    let definition = try InstrumentDefinition.quick([QuickKey(parsing: "A=a,-b,c,d")], min: 1, max: 7)
    let responses: [Int?] = [7, 2, 5, nil]
    let none = try ScoringPlan(definition, policy: .noImputation).score(responses: responses)[0]
    #expect(none.sum == 18 && none.mean == 6 && none.answered == 3 && none.missing == 1)
    let prorated = try ScoringPlan(definition, policy: .prorate(minimum: .count(3))).score(responses: responses)[0]
    #expect(prorated.sum == 24 && prorated.mean == 6)
    let strict = try ScoringPlan(definition, policy: .prorate(minimum: .count(4))).score(responses: responses)[0]
    #expect(strict.sum == nil && strict.absence == .tooFewAnswered(answered: 3, required: 4))
    // Item mean imputation with column d's values {3, 4} elsewhere: mean 3.5 → sum 21.5, mean 5.375.
    let imputed = try ScoringPlan(definition, policy: .itemMean).score(
      responses: responses, imputationValues: [nil, nil, nil, 3.5])[0]
    #expect(imputed.sum == 21.5 && imputed.mean == 5.375)
  }

  /// The Rathus-style scale −3…+3 without 0: reverse keying is sign change.
  @Test func reverseKeyingOnASignedScaleIsNegation() throws {
    let definition = try InstrumentDefinition(
      id: "signed", version: "1", name: .init(id: "x", en: "x"),
      citation: .init(source: "test", year: 2026, licence: "test"),
      responseScale: ResponseScale(min: -3, max: 3, excluded: [0]), items: [.init(id: "a"), .init(id: "b")],
      scales: [ScaleDefinition(id: "T", items: ["a", "b"], reversed: ["b"])])
    let score = try ScoringPlan(definition, policy: .noImputation).score(responses: [3, -2])[0]
    #expect(score.sum == 5)  // 3 + 2
    #expect(throws: ScoringError.invalidResponses(.valueOutOfScale(row: 0, column: "a", value: 0))) {
      try ScoringPlan(definition, policy: .noImputation).score(responses: [0, 1])
    }
  }

  @Test func defaultPolicyIsTheHalfScaleRule() throws {
    #expect(MissingDataPolicy.default == .prorate(minimum: .fraction(0.5)))
    #expect(MinimumAnswered.fraction(0.5).required(of: 4) == 2)
    #expect(MinimumAnswered.fraction(0.5).required(of: 5) == 3)
    #expect(MinimumAnswered.fraction(0.8).required(of: 5) == 4)
    #expect(MinimumAnswered.count(9).required(of: 4) == 4)
    let plan = ScoringPlan(try Fixture.waiKeys())
    #expect(plan.policy == .default)
  }

  @Test func aRespondentWithNoAnswersGetsNoScoreUnderEveryPolicy() throws {
    let definition = try InstrumentDefinition.quick([QuickKey(parsing: "A=a,b")], min: 1, max: 5)
    for policy in [MissingDataPolicy.noImputation, .itemMean, .itemMedian, .default] {
      let score = try ScoringPlan(definition, policy: policy).score(responses: [nil, nil], imputationValues: [3, 3])[0]
      #expect(score.sum == nil && score.mean == nil && score.absence == .noItemsAnswered)
    }
  }
}
