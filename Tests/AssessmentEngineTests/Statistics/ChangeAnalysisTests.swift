import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

/// Change analysis in the library (issue 13): pairing, parameters and classification, against hand
/// computations. `bapas change` is a thin adapter over these (its own tests check its output).
@Suite("Change analysis")
struct ChangeAnalysisTests {
  /// Two sum scales: `T` with a published general norm (r = .84, SD = 10) and functional and
  /// dysfunctional norms; `U` with none.
  static let json = """
    {
      "id": "demo", "version": "1",
      "name": {"id": "Contoh", "en": "Demo"},
      "citation": {"source": "Our own test instrument", "year": 2026, "licence": "CC0"},
      "responseScale": {"min": 1, "max": 5},
      "items": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
      "scales": [{"id": "T", "items": ["a", "b"]}, {"id": "U", "items": ["c"]}],
      "norms": [
        {"scale": "T", "population": {"id": "Umum", "en": "General"}, "metric": "sum", "mean": 25, "sd": 10, "reliability": 0.84, "source": "made up"},
        {"scale": "T", "population": {"id": "Fungsional", "en": "Functional"}, "group": "functional", "metric": "sum", "mean": 35, "sd": 5, "source": "made up"},
        {"scale": "T", "population": {"id": "Disfungsional", "en": "Dysfunctional"}, "group": "dysfunctional", "metric": "sum", "mean": 15, "sd": 5, "source": "made up"}
      ]
    }
    """

  static func score(_ sum: Double?) -> ScaleScore {
    ScaleScore(
      sum: sum, mean: sum.map { $0 / 2 }, answered: sum == nil ? 0 : 2, missing: sum == nil ? 2 : 0,
      absence: sum == nil ? .noItemsAnswered : nil)
  }

  /// Ids pair in PRE's order; empty (or blank) ids are never paired; the rest are listed per side.
  @Test func pairing() {
    let p = ChangeAnalysis.pair(pre: ["a", "b", "", "x"], post: ["b", " ", "c", "a"])
    #expect(p.pairs == [RespondentPair(pre: 0, post: 3), RespondentPair(pre: 1, post: 0)])
    #expect(p.onlyInPre == [3] && p.onlyInPost == [2])
    #expect(p.unidentifiedPre == [2] && p.unidentifiedPost == [1])
    // Two empty ids are not one person.
    #expect(ChangeAnalysis.pair(pre: [""], post: [""]).pairs.isEmpty)
    let d = ChangeAnalysis.duplicateIDs(["a", "b", "a", "", "", "b", "a"])
    #expect(d.map(\.id) == ["a", "b"] && d.map(\.positions) == [[0, 2, 6], [1, 5]])
  }

  /// SEM = 10·√(1 − .84) = 4; threshold = 1.96·√2·4 = 11.087…; pre 20 → post 32: change 12,
  /// RCI = 12 / (4√2) = 2.1213… → reliable improvement; c = (5·15 + 5·35)/10 = 25 and 32 > 25 →
  /// recovered.
  @Test func parametersAndClassificationFromPublishedNorms() throws {
    let definition = try InstrumentDefinition(jsonData: Data(Self.json.utf8))
    let parameters = try ChangeAnalysis.parameters(
      for: definition, reliabilities: ["T": 0.84], standardDeviations: ["T": 10])
    #expect(parameters.map(\.scale) == ["T", "U"])
    let t = parameters[0]
    expectClose(t.standardErrorOfMeasurement ?? .nan, 4, relative: 1e-15, "SEM")
    expectClose(t.reliableChangeThreshold ?? .nan, 1.96 * 4 * 2.0.squareRoot(), relative: 1e-15, "threshold")
    expectClose(t.cutoffs?.c ?? .nan, 25, relative: 1e-15, "c")
    #expect(parameters[1].reliability == nil && parameters[1].note != nil)

    let change = ScaleChange(pre: Self.score(20), post: Self.score(32), parameters: t)
    #expect(change.change == 12)
    expectClose(change.rci ?? .nan, 12 / (4 * 2.0.squareRoot()), relative: 1e-14, "RCI")
    #expect(change.reliableChange == .improved)
    #expect(change.clinicalSignificance == .recovered && change.postIsFunctional == true)

    let worse = ScaleChange(pre: Self.score(32), post: Self.score(20), parameters: t)
    #expect(worse.reliableChange == .deteriorated)
    let small = ScaleChange(pre: Self.score(20), post: Self.score(25), parameters: t)
    #expect(small.reliableChange == .unchanged)

    let absent = ScaleChange(pre: Self.score(nil), post: Self.score(25), parameters: t)
    #expect(absent.change == nil && absent.rci == nil && absent.reason?.hasPrefix("pre: ") == true)
    let noRCI = ScaleChange(pre: Self.score(3), post: Self.score(4), parameters: parameters[1])
    #expect(noRCI.change == 1 && noRCI.rci == nil && noRCI.reason == parameters[1].note)
  }

  @Test func parameterErrorsNameTheScale() throws {
    let definition = try InstrumentDefinition(jsonData: Data(Self.json.utf8))
    // The published norm gives T its reliability and SD; U has none and nothing was given for it.
    #expect(throws: ChangeParameterError.missingReliability(scale: "U")) {
      try ChangeAnalysis.parameters(for: definition, metric: .sum)
    }
    #expect(throws: ChangeParameterError.missingStandardDeviation(scale: "T", metric: .sum)) {
      try ChangeAnalysis.parameters(for: definition, reliabilities: ["T": 0.8, "U": 0.7], standardDeviations: ["U": 1])
    }
    #expect(throws: ChangeParameterError.incompleteNorms(scale: "T")) {
      try ChangeAnalysis.parameters(
        for: definition, reliabilities: ["T": 0.8], standardDeviations: ["T": 1],
        norms: ["T": [.functional: ChangeAnalysis.NormValues(mean: 1, sd: 1)]])
    }
    #expect(throws: ChangeParameterError.invalid(scale: "T", .reliabilityOutOfRange(value: 1.5))) {
      try ChangeAnalysis.parameters(for: definition, reliabilities: ["T": 1.5], standardDeviations: ["T": 1])
    }
  }
}
