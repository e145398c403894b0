import AssessmentEngine
import Testing
import _AssessmentTestSupport

@testable import WorkingAlliance

/// A WAI-SR administration carrying only a total sum (12 items, 1–5): mean = sum/12, percent =
/// (sum − 12)/48 · 100.
func waiSRTotal(_ sum: Double) -> AllianceScores {
  let mean = sum / 12
  return AllianceScores(
    goal: nil, task: nil, bond: nil,
    total: DimensionScore(sum: sum, mean: mean, percentOfRange: (mean - 1) / 4 * 100, answered: 12, missing: 0))
}

/// A series of WAI-SR totals at sessions 1…n (or the given sessions), line = session + 1.
func series(_ totals: [Double], sessions: [Int]? = nil, rater: AllianceRater = .client, dyad: String = "K-01") throws
  -> AllianceSeries
{
  let s = sessions ?? Array(1...totals.count)
  return try AllianceSeries(
    dyad: dyad, rater: rater,
    observations: zip(s, totals).map {
      AllianceObservation(session: $0, instrument: "wai-sr", line: $0 + 1, scores: waiSRTotal($1))
    })
}

@Suite("Alliance series: validation")
struct AllianceSeriesValidationTests {
  @Test func ordersBySession() throws {
    let s = try series([44, 40, 46], sessions: [2, 1, 3])
    #expect(s.observations.map(\.session) == [1, 2, 3])
    #expect(s.observations.map { $0.scores.total?.sum } == [40, 44, 46])
  }

  @Test func duplicateSessionNamesTheDyadAndLines() {
    let o = [1, 2, 2].enumerated().map {
      AllianceObservation(session: $1, instrument: "wai-sr", line: $0 + 2, scores: waiSRTotal(40))
    }
    #expect(
      throws: AllianceSeriesError(dyad: "K-01", rater: .client, kind: .duplicateSession(session: 2), lines: [3, 4])
    ) {
      try AllianceSeries(dyad: "K-01", rater: .client, observations: o)
    }
  }

  @Test func datesOutOfOrder() throws {
    let d1 = try #require((try? CivilDate(iso: "2026-02-10")))
    let d2 = try #require((try? CivilDate(iso: "2026-02-03")))
    let o = [
      AllianceObservation(session: 1, date: d1, instrument: "wai-sr", line: 2, scores: waiSRTotal(40)),
      AllianceObservation(session: 2, date: d2, instrument: "wai-sr", line: 3, scores: waiSRTotal(41)),
    ]
    let expected = AllianceSeriesError(
      dyad: "K-01", rater: .pk, kind: .datesOutOfOrder(session: 1, date: d1, laterSession: 2, laterDate: d2),
      lines: [2, 3])
    #expect(throws: expected) { try AllianceSeries(dyad: "K-01", rater: .pk, observations: o) }
    #expect(
      expected.description
        == "Dyad 'K-01' (probation officer (pk) ratings): session 2 is dated 2026-02-03, before session 1 on 2026-02-10 (lines 2, 3); check the session numbers or the dates."
    )
  }

  @Test func mixedForms() {
    let o = [
      AllianceObservation(session: 1, instrument: "wai-sr", line: 2, scores: waiSRTotal(40)),
      AllianceObservation(session: 2, instrument: "wai-s", line: 3, scores: waiSRTotal(41)),
    ]
    #expect(
      throws: AllianceSeriesError(
        dyad: "K-01", rater: .client, kind: .mixedForms(instruments: ["wai-sr", "wai-s"]), lines: [3])
    ) {
      try AllianceSeries(dyad: "K-01", rater: .client, observations: o)
    }
  }

  @Test func emptySeries() {
    #expect(throws: AllianceSeriesError(dyad: "K-01", rater: .client, kind: .empty, lines: [])) {
      try AllianceSeries(dyad: "K-01", rater: .client, observations: [])
    }
  }

  @Test(arguments: [
    ("2026-02-29", false), ("2024-02-29", true), ("2026-13-01", false), ("2026-1-05", false), ("2026-04-31", false),
    ("2026-12-31", true),
  ])
  func calendarDays(text: String, valid: Bool) {
    #expect(((try? CivilDate(iso: text)) != nil) == valid)
  }

  @Test func raterCells() {
    #expect(AllianceRater(parsing: " Klien ") == .client)
    #expect(AllianceRater(parsing: "PK") == .pk)
    #expect(AllianceRater(parsing: "therapist") == nil)
  }
}

@Suite("Alliance series: trajectory and early alliance")
struct AllianceTrajectoryTests {
  /// Sessions 1–4, totals 40 44 46 50: x̄ 2.5, ȳ 45, Sxx 5, Sxy 16 → slope 3.2, intercept 37;
  /// residuals −0.2 0.6 −0.6 0.2, SSE 0.8 → SE = √(0.8/2/5) = √0.08.
  @Test func olsSlopeAndStandardError() throws {
    let t = try #require(try series([40, 44, 46, 50]).trajectory().value)
    expectClose(t.slope, 3.2, relative: 1e-14)
    expectClose(t.intercept, 37, relative: 1e-14)
    expectClose(t.slopeStandardError, 0.08.squareRoot(), relative: 1e-12)
    #expect(t.n == 4 && t.sessions == [1, 2, 3, 4])
  }

  /// Two points: sessions 1 and 3, 40 → 46, slope 3 per session; no SE (no residual df).
  @Test func twoPointsGiveASlopeWithoutStandardError() throws {
    let t = try #require(try series([40, 46], sessions: [1, 3]).trajectory().value)
    #expect(t.slope == 3)
    #expect(t.slopeStandardError == nil)
  }

  @Test func aSeriesOfOneHasNoSlope() throws {
    let outcome = try series([40]).trajectory()
    let expected = NotEnoughData(
      dyad: "K-01", rater: .client, analysis: .trajectory, available: 1, required: 2, sessions: [1], lines: [2])
    #expect(outcome == .notEnoughData(expected))
    #expect(
      expected.description
        == "Dyad 'K-01' (client ratings): trajectory needs at least 2 scored sessions; there is 1 (session 1, line 2).")
  }

  @Test func sessionsWithoutTheMeasureAreLeftOut() throws {
    let o = [
      AllianceObservation(session: 1, instrument: "wai-sr", scores: waiSRTotal(40)),
      AllianceObservation(
        session: 2, instrument: "wai-sr", scores: AllianceScores(goal: nil, task: nil, bond: nil, total: nil)),
    ]
    let s = try AllianceSeries(dyad: "K-02", rater: .client, observations: o)
    #expect(s.trajectory().notEnoughData?.available == 1)
  }

  /// Early alliance over sessions 1–3: (40 + 44 + 46)/3.
  @Test func earlyAlliance() throws {
    let s = try series([40, 44, 46, 50])
    #expect(s.earlyAlliance().value?.mean == 130.0 / 3)
    #expect(s.earlyAlliance(count: 2).value?.mean == 42)
    #expect(s.earlyAlliance(count: 5).notEnoughData?.required == 5)
  }

  /// y = a + b·session exactly: OLS recovers b and SE ≈ 0, for seeded random a, b and sessions.
  @Test func recoversAnExactLine() throws {
    var rng = SplitMix64(seed: 20_260_123)
    for _ in 0..<200 {
      let n = 3 + Int(rng.next() % 10)
      var sessions = Set<Int>()
      while sessions.count < n { sessions.insert(1 + Int(rng.next() % 40)) }
      let xs = sessions.sorted()
      let a = 20 + 30 * rng.uniform()
      let b = -2 + 4 * rng.uniform()
      let t = try #require(try series(xs.map { a + b * Double($0) }, sessions: xs).trajectory().value)
      #expect(abs(t.slope - b) < 1e-9)
      #expect(try #require(t.slopeStandardError) < 1e-7)
    }
  }
}

@Suite("Alliance series: reliable change")
struct AllianceChangeTests {
  /// r = .9, SD = 8: SE = 8√.1, S_diff = √2·SE = 8√.2 = 3.5777087639996634.
  /// 40 → 50: RCI = 10/3.5777… = 2.7950849718747373 > 1.96 → improved.
  @Test func jacobsonTruax() throws {
    let basis = try ReliabilityBasis(reliability: 0.9, sd: 8, metric: .sum, source: .published, note: "test figures")
    let s = try series([40, 50, 44])
    let up = try s.change(from: 1, to: 2, basis: basis)
    expectClose(up.reliableChange.standardErrorOfDifference, 3.5777087639996634, relative: 1e-14)
    expectClose(up.rci, 2.7950849718747373, relative: 1e-14)
    #expect(up.category == .improved)
    // 50 → 44: −6/3.5777… = −1.677 → within error.
    let down = try s.change(from: 2, to: 3, basis: basis)
    #expect(down.category == .unchanged)
    expectClose(down.rci, -6 / (8 * 0.2.squareRoot()), relative: 1e-14)
    #expect(down.basis.note == "test figures")
  }

  @Test func aMissingSessionIsATypedError() throws {
    let basis = try ReliabilityBasis(reliability: 0.9, sd: 8, metric: .sum, source: .user, note: "")
    #expect(throws: AllianceChangeError(dyad: "K-01", rater: .client, unscoredSessions: [9], measure: .total)) {
      try series([40, 50]).change(from: 1, to: 9, basis: basis)
    }
  }

  @Test func nonFiniteScoresAreRejected() {
    let o = [AllianceObservation(session: 1, instrument: "wai-sr", line: 2, scores: waiSRTotal(.nan))]
    #expect(throws: AllianceSeriesError(dyad: "K-01", rater: .client, kind: .nonFiniteScore(session: 1), lines: [2])) {
      try AllianceSeries(dyad: "K-01", rater: .client, observations: o)
    }
  }

  /// First sessions 48 and 60 across two dyads: SD = √((6² + 6²)/1) = √72.
  @Test func basisFromTheSample() throws {
    let a = try series([48, 50], dyad: "A")
    let b = try series([60, 58], dyad: "B")
    let basis = try ReliabilityBasis.fromSample([a, b], reliability: 0.9, reliabilityOrigin: "published alpha")
    expectClose(basis.sd, 72.0.squareRoot(), relative: 1e-14)
    #expect(basis.source == .sample)
    #expect(throws: ReliabilityBasisError.tooFewSeries(1)) {
      try ReliabilityBasis.fromSample([a], reliability: 0.9, reliabilityOrigin: "")
    }
  }

  @Test func basisFromADefinitionsNorms() throws {
    var d = try #require(InstrumentLibrary.workingAlliance.definition(id: "wai-sr"))
    #expect(ReliabilityBasis.published(in: d) == nil)
    d.norms = [
      ScaleNorm(
        scale: "Total", population: LocalizedText(id: "X", en: "X"), metric: .mean, mean: 4, sd: 0.6, reliability: 0.93,
        source: "S")
    ]
    let basis = try #require(ReliabilityBasis.published(in: d))
    #expect(basis.metric == .mean && basis.sd == 0.6 && basis.reliability == 0.93 && basis.source == .published)
  }

  @Test func invalidBasis() {
    #expect(throws: ReliabilityBasisError.reliabilityOutOfRange(1)) {
      try ReliabilityBasis(reliability: 1, sd: 8, metric: .sum, source: .user, note: "")
    }
    #expect(throws: ReliabilityBasisError.nonPositiveSD(0)) {
      try ReliabilityBasis(reliability: 0.8, sd: 0, metric: .sum, source: .user, note: "")
    }
  }
}

@Suite("Alliance series: ruptures and repairs")
struct RuptureRepairTests {
  /// 50 51 49 38 47 50, fixed SD 4, 2 SD → threshold 8. Drop 49 → 38 = 11 at session 4; repair target
  /// 38 + 11 = 49: session 5 (47) short, session 6 (50) reaches it → repaired at 6.
  @Test func ruptureAndRepairWithAFixedSD() throws {
    let r = try #require(try series([50, 51, 49, 38, 47, 50]).ruptures(criterion: RuptureCriterion(fixedSD: 4)).value)
    #expect(
      r.events == [
        RuptureEvent(
          beforeSession: 3, ruptureSession: 4, before: 49, atRupture: 38, drop: 11, threshold: 8, sd: 4,
          status: .repaired, repairSession: 6, repairedTo: 50)
      ])
    #expect(!r.sdFromSeries)
  }

  /// The series' own SD: mean 47.5, squared deviations sum 117.5, SD = √(117.5/5) = √23.5 ≈ 4.848;
  /// threshold 2·SD ≈ 9.695 < 11 → the same rupture.
  @Test func ruptureWithTheSeriesOwnSD() throws {
    let r = try #require(try series([50, 51, 49, 38, 47, 50]).ruptures().value)
    expectClose(r.sd, 23.5.squareRoot(), relative: 1e-14)
    #expect(r.events.map(\.ruptureSession) == [4])
    #expect(r.sdFromSeries)
  }

  @Test func unrepairedAndOpen() throws {
    let c = RuptureCriterion(fixedSD: 4)
    let unrepaired = try #require(try series([50, 51, 49, 38, 40, 41, 42]).ruptures(criterion: c).value)
    #expect(unrepaired.events.map(\.status) == [.unrepaired])
    let open = try #require(try series([50, 51, 38]).ruptures(criterion: c).value)
    #expect(open.events.map(\.status) == [.open])
  }

  /// Strauss et al.'s laxer 1 SD with SD 4 (threshold 4): 51 → 46 (drop 5) is a rupture; 2 SD is not.
  @Test func thresholdIsConfigurable() throws {
    let s = try series([50, 51, 46, 51])
    #expect(s.ruptures(criterion: RuptureCriterion(dropInSDs: 1, fixedSD: 4)).value?.events.count == 1)
    #expect(s.ruptures(criterion: RuptureCriterion(dropInSDs: 2, fixedSD: 4)).value?.events.isEmpty == true)
  }

  @Test func flatSeriesAndShortSeries() throws {
    #expect(try series([48, 48, 48]).ruptures().value?.events.isEmpty == true)
    #expect(try series([48, 30]).ruptures().notEnoughData?.required == 3)
  }
}

@Suite("Alliance series: client–PK gaps and the falling flag")
struct AllianceGapAndFallingTests {
  /// Client 48, 45 at sessions 1, 2; PK 40, 42 at sessions 1, 3: only session 1 is shared.
  /// Percent = (sum − 12)/48·100: client 75, PK 58.333… → gap 16.666…
  @Test func gapsOnSharedSessions() throws {
    let client = try series([48, 45], sessions: [1, 2])
    let pk = try series([40, 42], sessions: [1, 3], rater: .pk)
    let gaps = try #require(try AllianceRatingGaps.compare(client: client, pk: pk).value)
    #expect(gaps.sessions.map(\.session) == [1])
    let total = try #require(gaps.sessions[0].gaps.first { $0.measure == .total })
    #expect(total.client == 75)
    expectClose(total.gap, 75 - 28.0 / 48 * 100, relative: 1e-14)
  }

  @Test func gapsWithoutSharedSessionsOrWithWrongRaters() throws {
    let client = try series([48], sessions: [1])
    let pk = try series([40], sessions: [2], rater: .pk)
    #expect(try AllianceRatingGaps.compare(client: client, pk: pk).notEnoughData?.analysis == .ratingGaps)
    #expect(throws: AllianceGapError(given: ["K-01/client", "K-01/client"])) {
      try AllianceRatingGaps.compare(client: client, pk: client)
    }
  }

  /// 55 54 50 47 44: the last three changes (54→50→47→44) all fall, by (54 − 44)/48·100 = 20.83
  /// points ≥ 10. With r = .9, SD 8: peak 55 → 44 gives RCI −11/(8√.2) = −3.07 < −1.96.
  @Test func fallingWithEvidence() throws {
    let basis = try ReliabilityBasis(reliability: 0.9, sd: 8, metric: .sum, source: .published, note: "")
    let flag = try #require(try series([55, 54, 50, 47, 44]).falling(basis: basis).value)
    #expect(flag.isFalling)
    #expect(flag.latestSession == 5)
    guard flag.evidence.count == 2,
      case .successiveDeclines(let sessions, let decline, let threshold) = flag.evidence[0],
      case .reliableDeterioration(let change) = flag.evidence[1]
    else {
      Issue.record("unexpected evidence \(flag.evidence)")
      return
    }
    #expect(sessions == [2, 3, 4, 5] && threshold == 10)
    expectClose(decline, 1000.0 / 48, relative: 1e-12)
    #expect(change.fromSession == 1 && change.toSession == 5)
    expectClose(change.rci, -11 / (8 * 0.2.squareRoot()), relative: 1e-14)
  }

  @Test func unrepairedRuptureRaisesTheFlag() throws {
    let flag = try #require(try series([50, 51, 49, 38, 40]).falling(ruptures: RuptureCriterion(fixedSD: 4)).value)
    #expect(flag.isFalling)
    guard case .unrepairedRupture(let e)? = flag.evidence.first else {
      Issue.record("expected an unrepaired rupture")
      return
    }
    #expect(e.ruptureSession == 4)
  }

  @Test func stableSeriesIsNotFlaggedAndOneSessionIsNotEnough() throws {
    let flag = try #require(try series([50, 51, 50, 52]).falling().value)
    #expect(!flag.isFalling && flag.evidence.isEmpty)
    #expect(try series([50]).falling().notEnoughData?.required == 2)
  }

  @Test func dyadReport() throws {
    let client = try series([48, 45, 47], sessions: [1, 2, 3])
    let pk = try series([40, 42], sessions: [1, 3], rater: .pk)
    let report = try DyadAllianceReport(series: [pk, client])
    #expect(report.series.map(\.rater) == [.client, .pk])
    #expect(report.ratingGaps?.value?.sessions.map(\.session) == [1, 3])
    #expect(report.series[1].ruptures.notEnoughData?.available == 2)
    #expect(throws: DyadAllianceError(kind: .twoSeriesForRater(dyad: "K-01", rater: .client))) {
      try DyadAllianceReport(series: [client, client])
    }
    #expect(throws: DyadAllianceError(kind: .differentDyads(["K-01", "K-02"]))) {
      try DyadAllianceReport(series: [client, try series([40], dyad: "K-02")])
    }
  }
}
