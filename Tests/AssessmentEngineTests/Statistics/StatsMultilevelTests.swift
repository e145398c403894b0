import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// psych 2.2.9 `multilevel.reliability(x, grp = "client", Time = "session", items = …)` on the shared
/// 40 × 5 × 4 set (Fixtures/ml_shared*.csv, PROVENANCE.md). Crossed components and RkF, R1R, RkR, Rc
/// to 1e-9; the lme-based nested values to 1e-4 (R prints the lme components to 7 digits and lme
/// stops short of the REML optimum; the REML likelihood test below shows the SDK's are the optimum).
@Suite("Statistics: multilevel reliability")
struct StatsMultilevelTests {
  static func records() throws -> [MultilevelRecord] {
    let text = try String(contentsOf: StatsFixtures.url("ml_shared", "csv"), encoding: .utf8)
    return try text.split(separator: "\n").dropFirst().map { line in
      let f = line.split(separator: ",").map(String.init)
      return MultilevelRecord(person: f[0], time: f[1], values: try f.dropFirst(2).map { try #require(Double($0)) })
    }
  }

  static func reference() throws -> [String: Double] {
    let text = try String(contentsOf: StatsFixtures.url("ml_shared_psych", "csv"), encoding: .utf8)
    var out: [String: Double] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map(String.init)
      out[f[0]] = Double(f[1])
    }
    return out
  }

  @Test func sharedSetMatchesPsych() throws {
    let result = try MultilevelReliability(records: try Self.records())
    let psych = try Self.reference()
    #expect(result.persons == 40 && result.times == 5 && result.items == 4)
    var worstExact = 0.0
    var worstNested = 0.0
    let exact: [(String, Double)] =
      [("RkF", result.RkF), ("R1R", result.R1R), ("RkR", result.RkR), ("Rc", result.Rc)]
      + ["ID", "Time", "Items", "ID x time", "ID x items", "time x items", "Residual", "Total"].map {
        ("var_\($0)", result.components[$0] ?? .nan)
      }
    for (key, value) in exact {
      let reference = try #require(psych[key], "\(key)")
      expectClose(value, reference, relative: 1e-9, key)
      worstExact = max(worstExact, abs(value - reference))
    }
    let nested: [(String, Double)] =
      [("RkRn", result.RkRn), ("Rcn", result.Rcn)]
      + ["id", "id(time)", "residual", "total"].map { ("var_\($0)", result.nestedComponents[$0] ?? .nan) }
    for (key, value) in nested {
      let reference = try #require(psych[key], "\(key)")
      expectClose(value, reference, relative: 1e-4, key)
      worstNested = max(worstNested, abs(value - reference))
    }
    print("multilevel worst absolute difference from psych: \(worstExact) (ANOVA-based), \(worstNested) (lme-based)")
  }

  /// The REML log-likelihood of the balanced nested model factorizes over the strata (id, time
  /// within id, within): ℓ = −½ Σ_s [df_s·log λ_s + SS_s/λ_s] + const, with λ_id = σ²_e + mσ²_t + kmσ²_id,
  /// λ_t = σ²_e + mσ²_t, λ_e = σ²_e. It is maximised at λ_s = MS_s, i.e. at the SDK's components;
  /// psych's lme values (printed to 7 digits) give a lower likelihood.
  @Test func nestedComponentsMaximiseTheREMLLikelihood() throws {
    let records = try Self.records()
    let result = try MultilevelReliability(records: records)
    let psych = try Self.reference()
    // Strata sums of squares by direct loops.
    var byPerson: [String: [[Double]]] = [:]
    for r in records { byPerson[r.person, default: []].append(r.values) }
    let m = 4.0
    let k = 5.0
    let p = Double(byPerson.count)
    let grand = records.flatMap(\.values).reduce(0, +) / (p * k * m)
    var ssId = 0.0
    var ssTime = 0.0
    var ssWithin = 0.0
    for occasions in byPerson.values {
      let personMean = occasions.flatMap { $0 }.reduce(0, +) / (k * m)
      ssId += k * m * (personMean - grand) * (personMean - grand)
      for values in occasions {
        let cellMean = values.reduce(0, +) / m
        ssTime += m * (cellMean - personMean) * (cellMean - personMean)
        for v in values { ssWithin += (v - cellMean) * (v - cellMean) }
      }
    }
    func logLikelihood(id: Double, time: Double, residual: Double) -> Double {
      let strata: [(df: Double, ss: Double, lambda: Double)] = [
        (p - 1, ssId, residual + m * time + k * m * id), (p * (k - 1), ssTime, residual + m * time),
        (p * k * (m - 1), ssWithin, residual),
      ]
      return -0.5 * strata.map { $0.df * log($0.lambda) + $0.ss / $0.lambda }.reduce(0, +)
    }
    let ours = logLikelihood(
      id: result.nestedComponents["id"] ?? .nan, time: result.nestedComponents["id(time)"] ?? .nan,
      residual: result.nestedComponents["residual"] ?? .nan)
    let theirs = logLikelihood(
      id: try #require(psych["var_id"]), time: try #require(psych["var_id(time)"]),
      residual: try #require(psych["var_residual"]))
    #expect(ours >= theirs, "REML log-likelihood: SDK \(ours), psych/lme \(theirs)")
    print("nested REML log-likelihood: SDK \(ours), psych/lme \(theirs), difference \(ours - theirs)")
    // And it is a maximum: moving any component lowers it.
    for (dId, dTime, dResid) in [
      (1e-4, 0.0, 0.0), (-1e-4, 0.0, 0.0), (0.0, 1e-4, 0.0), (0.0, -1e-4, 0.0), (0.0, 0.0, 1e-4), (0.0, 0.0, -1e-4),
    ] {
      let moved = logLikelihood(
        id: (result.nestedComponents["id"] ?? .nan) + dId, time: (result.nestedComponents["id(time)"] ?? .nan) + dTime,
        residual: (result.nestedComponents["residual"] ?? .nan) + dResid)
      #expect(moved < ours)
    }
  }

  @Test func orderOfRowsDoesNotMatter() throws {
    let records = try Self.records()
    let a = try MultilevelReliability(records: records)
    let b = try MultilevelReliability(records: records.reversed())
    expectClose(b.RkF, a.RkF, relative: 1e-13, "RkF")
    expectClose(b.Rc, a.Rc, relative: 1e-12, "Rc")
    expectClose(b.RkRn, a.RkRn, relative: 1e-12, "RkRn")
  }

  @Test func unbalancedDesignNamesPersonsAndTimes() throws {
    var records = try Self.records()
    records.removeAll {
      ($0.person == "C003" && $0.time == "2") || ($0.person == "C010" && ($0.time == "4" || $0.time == "5"))
    }
    #expect(
      throws: MultilevelReliabilityError.unbalanced(missing: [
        .init(person: "C003", times: ["2"]), .init(person: "C010", times: ["4", "5"]),
      ])
    ) {
      try MultilevelReliability(records: records)
    }
    var twice = try Self.records()
    twice.append(twice[0])
    #expect(throws: MultilevelReliabilityError.duplicateOccasion(person: "C001", time: "1")) {
      try MultilevelReliability(records: twice)
    }
  }
}
