import AssessmentEngine
import Testing
import _AssessmentTestSupport

@testable import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// 40 ICQ responses: the Initiation items (1, 6, …, 36 in the original order) take `initiation`
/// (8 values), every other item 3; `nil` entries stay missing.
private func icq(_ initiation: [Int?]) -> String {
  var r: [Int?] = Array(repeating: 3, count: 40)
  for (k, v) in initiation.enumerated() { r[k * 5] = v }
  return "[" + r.map { $0.map(String.init) ?? "null" }.joined(separator: ", ") + "]"
}

private func admin(_ client: String, _ occasion: String, _ date: String, _ responses: String) -> String {
  #"{"client": "\#(client)", "instrument": "icq", "occasion": "\#(occasion)", "date": "\#(date)", "responses": \#(responses)}"#
}

/// The hand-worked example. ICQ, three clients; every non-Initiation item is 3 throughout.
///
///                 Initiation items          Initiation sum   Total (= sum + 32·3)
///   K-01 baseline 2,2,2,2,2,2,2,2                16               112
///   K-02 baseline 3,3,3,3,3,3,3,3                24               120
///   K-03 baseline 2,2,2,2,3,3,3,3                20               116
///   K-01 post     3 ×8                           24               120
///   K-02 post     3,3,3,3,3,3,4,4                26               122
///   K-03 post     2,2,2,2,3,3,3,3                20               116
private let handWorked: [String] = [
  admin("K-01", "baseline", "2026-02-02", icq([2, 2, 2, 2, 2, 2, 2, 2])),
  admin("K-02", "baseline", "2026-02-02", icq([3, 3, 3, 3, 3, 3, 3, 3])),
  admin("K-03", "baseline", "2026-02-03", icq([2, 2, 2, 2, 3, 3, 3, 3])),
  admin("K-01", "post", "2026-03-30", icq([3, 3, 3, 3, 3, 3, 3, 3])),
  admin("K-02", "post", "2026-03-30", icq([3, 3, 3, 3, 3, 3, 4, 4])),
  admin("K-03", "post", "2026-03-31", icq([2, 2, 2, 2, 3, 3, 3, 3])),
]

private let measures = """
  [{"instrument": "icq", "references": [
     {"scale": "Initiation", "reliability": 0.75, "reliabilitySource": "test value"},
     {"scale": "Total", "reliability": 0.84, "reliabilitySource": "test value", "sd": 20, "sdSource": "test norm"}]}]
  """

@Suite("Assertive training: outcomes, reliable change, effect sizes, indicators")
struct AssertiveTrainingOutcomeTests {
  func analyse(_ administrations: [String], observations: String = "[]", indicators: String = "[]") throws
    -> AssertiveTrainingAnalysis
  {
    let data = assertiveGroupJSON(
      administrations: "[" + administrations.joined(separator: ",\n") + "]", observations: observations,
      indicators: indicators,
      measures: measures)
    return AssertiveTrainingAnalysis(group: try AssertiveTrainingGroup.decode(jsonData: data))
  }

  @Test func reliableChangeByHand() throws {
    let analysis = try analyse(handWorked)
    #expect(analysis.issues.isEmpty)
    let icq = try #require(analysis.outcomes.instruments.first)
    // Initiation: no SD stated, so the group's baseline SD: scores 16, 24, 20, mean 20,
    // SD = √(((−4)² + 4² + 0²)/2) = √16 = 4 (n = 3).
    let initiationRef = try #require(icq.references.first { $0.scale == "Initiation" })
    #expect(initiationRef.sd == 4 && initiationRef.sdFromGroup && initiationRef.groupBaselineCount == 3)
    // SEM = 4·√(1 − .75) = 2; S_diff = √2·2 = 2.8284271247461903.
    // K-01: change 8 → RCI = 8 / 2.828427 = 2.8284271247461903 > 1.96 → reliably improved.
    // K-02: change 2 → RCI = 0.7071067811865476 → unchanged. K-03: change 0 → RCI 0 → unchanged.
    let rci = icq.clients.map { $0.scales.first { $0.scale == "Initiation" }?.changeToPost?.reliableChange }
    expectClose(rci[0]?.index, 2.8284271247461903, relative: 1e-12, "K-01 RCI")
    expectClose(rci[1]?.index, 0.7071067811865476, relative: 1e-12, "K-02 RCI")
    #expect(rci[2]?.index == 0)
    #expect(rci.map { $0?.category } == [.improved, .unchanged, .unchanged])
    expectClose(rci[0]?.standardErrorOfDifference, 2.8284271247461903, relative: 1e-12, "S_diff")
    // Total: stated SD 20, r .84: SEM = 20·√.16 = 8; S_diff = 8√2 = 11.313708498984761;
    // K-01: 120 − 112 = 8 → RCI = 0.7071067811865476, unchanged.
    let total = try #require(icq.clients.first?.scales.first { $0.scale == "Total" })
    #expect(total.baseline == 112 && total.post == 120)
    expectClose(total.changeToPost?.reliableChange?.index, 0.7071067811865476, relative: 1e-12, "Total RCI")
    #expect(icq.references.first { $0.scale == "Total" }?.sdFromGroup == false)
  }

  @Test func groupEffectSizeByHand() throws {
    let icq = try #require(try analyse(handWorked).outcomes.instruments.first)
    let effect = try #require(icq.groupEffects.first { $0.scale == "Initiation" && $0.occasion == .post }?.effect)
    // Differences 8, 2, 0: mean 10/3 = 3.3333; SD_diff = √((4.667² + 1.333² + 3.333²)/2) = √17.333 = 4.1633.
    // d_z = 3.3333/4.1633 = 0.8006407690254358. Exact noncentral-t 95% CI, paired t and p from R
    // 4.2.2 (AssessmentEngineTests/Fixtures/R/effect_sizes.R, case assertive_hand_worked).
    #expect(effect.n == 3)
    expectClose(effect.meanDifference, 10.0 / 3.0, relative: 1e-12, "mean difference")
    expectClose(effect.dz, 0.8006407690254358, relative: 1e-9, "d_z")
    #expect(abs(effect.dzLower - -0.60271479719077092) <= 1e-6, "d_z lower \(effect.dzLower)")
    #expect(abs(effect.dzUpper - 2.0876224375145402) <= 1e-6, "d_z upper \(effect.dzUpper)")
    expectClose(effect.t, 1.3867504905630728, relative: 1e-12, "t")
    expectClose(effect.p, 0.29985995798599507, relative: 1e-9, "p")
    // SD_pre = 4, SD_post (24, 26, 20) = 3.0550504633; d_av = 3.3333/((4 + 3.05505)/2) = 0.9449495367;
    // J = 1 − 3/(4·2 − 1) = 4/7; g_av = 0.5399711638263467; limits = d_z limits · J·SD_diff/SD_av.
    expectClose(effect.gav, 0.5399711638263467, relative: 1e-9, "g_av")
    #expect(abs(effect.gavLower - -0.40648518422388974) <= 1e-6, "g_av lower")
    #expect(abs(effect.gavUpper - 1.4079421893377364) <= 1e-6, "g_av upper")
  }

  @Test func followUpBeforeBaselineIsLeftOut() throws {
    let analysis = try analyse(handWorked + [admin("K-01", "followUp", "2026-01-15", icq([4, 4, 4, 4, 4, 4, 4, 4]))])
    #expect(
      analysis.issues == [
        AssertiveTrainingIssue(
          path: "$.administrations[6].date", client: "K-01",
          problem: .occasionBeforeBaseline(
            occasion: .followUp, date: try CivilDate(iso: "2026-01-15"), baseline: try CivilDate(iso: "2026-02-02")))
      ])
    #expect(analysis.outcomes.instruments[0].clients[0].followUpDate == nil)
  }

  @Test func tooManyMissingItemsNamesTheScale() throws {
    // Only 3 of the 8 Initiation items answered; the half-scale rule needs 4. The Total (35 of 40
    // answered, all 3) is still prorated: mean 3 × 40 = 120.
    let analysis = try analyse(
      handWorked + [admin("K-02", "followUp", "2026-05-04", icq([3, 3, 3, nil, nil, nil, nil, nil]))])
    #expect(
      analysis.issues == [
        AssertiveTrainingIssue(
          path: "$.administrations[6].responses", client: "K-02",
          problem: .tooManyMissingItems(instrument: "icq", scale: "Initiation", answered: 3, required: 4))
      ])
    let k02 = analysis.outcomes.instruments[0].clients[1].scales
    #expect(k02.first { $0.scale == "Initiation" }?.followUp == nil)
    #expect(k02.first { $0.scale == "Total" }?.followUp == 120)
  }

  @Test func responsesOffTheScaleAndNotEnrolled() throws {
    let analysis = try analyse(
      handWorked + [
        admin("K-03", "followUp", "2026-05-04", icq([3, 3, 6, 3, 3, 3, 3, 3])),
        admin("K-09", "baseline", "2026-02-02", icq([3, 3, 3, 3, 3, 3, 3, 3])),
        admin("K-01", "followUp", "2026-05-04", "[1, 2]"),
      ])
    #expect(
      analysis.issues.map(\.problem) == [
        .responseOutOfScale(item: "item11", value: 6, min: 1, max: 5, excluded: []),
        .clientNotEnrolled,
        .responseCount(expected: 40, found: 2),
      ])
    #expect(analysis.issues[0].path == "$.administrations[6].responses[10]")
  }

  @Test func tooFewPairsIsATypedAbsence() throws {
    let icq = try #require(try analyse(Array(handWorked.prefix(4))).outcomes.instruments.first)
    let effect = try #require(icq.groupEffects.first { $0.scale == "Initiation" })
    #expect(effect.pairs == 1 && effect.effect == nil)
    #expect(effect.unavailable == ChangeStatisticsError.tooFewPairs(count: 1, minimum: 3).description)
  }

  @Test func checklistAndWeightedIndicators() throws {
    let observations = """
      [{"client": "K-01", "occasion": "post", "date": "2026-03-30", "rater": "PK-01", "observed": ["encouragesOthers", "interactsInCommunity"]},
       {"client": "K-02", "occasion": "post", "date": "2026-03-30", "rater": "PK-01", "observed": ["interactsInCommunity"]}]
      """
    let indicators = """
      [{"id": "I1", "criterion": {"id": "Kehadiran", "en": "Attendance"}, "weight": 30, "measure": {"kind": "attendanceRate"}, "target": 0.75},
       {"id": "I2", "criterion": {"id": "Membaik", "en": "Improved"}, "weight": 40, "measure": {"kind": "reliableImprovement", "instrument": "icq", "scale": "Initiation"}, "target": 0.5},
       {"id": "I3", "criterion": {"id": "Interaksi", "en": "Interaction"}, "weight": 30, "measure": {"kind": "observedOutcome", "outcome": "interactsInCommunity"}, "target": 0.8},
       {"id": "I4", "criterion": {"id": "x", "en": "x"}, "weight": 0, "measure": {"kind": "meanObservedOutcomes"}, "target": 3}]
      """
    let analysis = try analyse(handWorked, observations: observations, indicators: indicators)
    let post = try #require(analysis.outcomes.checklistCounts.first { $0.occasion == .post })
    #expect(post.clientsChecked == 2)
    #expect(post.observed.map(\.count) == [2, 0, 0, 0, 1])
    let a = analysis.achievement
    // A ketuntasan of 0 is allowed (seeds/002_2239df8a37d00bc2.txt:248 leaves one blank): I4 is
    // evaluated (mean 1.5 of target 3 → 0.5) and reported but carries no weight.
    #expect(analysis.issues.isEmpty)
    #expect(a.results.count == 4 && a.results[3].achievement == 0.5)
    // I1: attendance (2/2 + 1/2 + 0/2)/3 = 0.5 → 0.5/0.75 = 2/3.
    // I2: 1 of 3 reliably improved = 1/3 → (1/3)/0.5 = 2/3.
    // I3: observed in 2 of 2 → 1 ≥ 0.8 → capped at 1.
    // Weighted: (30·2/3 + 40·2/3 + 30·1)/100 = (20 + 26.667 + 30)/100 = 0.7666666666666667.
    expectClose(a.results[0].achievement, 2.0 / 3.0, relative: 1e-12, "I1")
    expectClose(a.results[1].achievement, 2.0 / 3.0, relative: 1e-12, "I2")
    #expect(a.results[2].achievement == 1 && a.results[2].met == true)
    expectClose(a.weightedAchievement, 0.7666666666666667, relative: 1e-12, "weighted")
    #expect(a.weightCovered == 100 && a.totalWeight == 100)
  }
}
