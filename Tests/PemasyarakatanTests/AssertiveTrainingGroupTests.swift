import AssessmentEngine
import Testing

@testable import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A small group file; `clients`, `administrations`, … are spliced in by each test.
func assertiveGroupJSON(
  sessions: String = """
  [{"number": 1, "date": "2026-02-02", "facilitator": "PK-01", "partner": "POK-01", "attendance": ["K-01", "K-02"]},
   {"number": 2, "date": "2026-02-09", "facilitator": "PK-01", "attendance": ["K-01"]}]
  """,
  clients: String = "[]", administrations: String = "[]", observations: String = "[]", indicators: String = "[]",
  measures: String = "[]", rules: String = "{}"
) -> Data {
  Data(
    """
    {"id": "AT-T", "name": {"id": "Kelompok uji", "en": "Test group"},
     "programme": {"id": "PRG-AT", "name": "Assertive training", "category": "attitudeAndBehaviour", "method": "kelompok",
                   "partnerID": "POK-01", "schedule": {"start": "2026-02-02", "end": "2026-03-30", "recurrence": "weekly", "hoursPerSession": 2},
                   "capacity": 10},
     "facilitators": ["PK-01"], "partners": ["POK-01"], "enrolled": ["K-01", "K-02", "K-03"], "rules": \(rules),
     "sessions": \(sessions), "clients": \(clients), "outcomeMeasures": \(measures),
     "administrations": \(administrations), "observations": \(observations), "indicators": \(indicators)}
    """.utf8)
}

@Suite("Assertive training: group records")
struct AssertiveTrainingGroupTests {
  @Test func attendanceAndProgress() throws {
    let clients = """
      [{"client": "K-01", "targets": [{"id": "T1", "behaviour": "menolak ajakan", "domain": "negativeAssertion", "events": [
          {"date": "2026-02-02", "kind": "identify"},
          {"date": "2026-02-02", "kind": "prioritise", "session": 1, "situations": [{"rank": 1, "description": "a"}, {"rank": 2, "description": "b"}]}]}]}]
      """
    let group = try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(clients: clients))
    let progress = GroupProgress(group: group)
    #expect(progress.issues.isEmpty)
    #expect(progress.clients.map(\.client) == ["K-01", "K-02", "K-03"])
    #expect(progress.clients.map(\.sessionsAttended) == [2, 1, 0])
    // (2/2 + 1/2 + 0/2) / 3 = 1.5 / 3 = 0.5
    #expect(progress.attendanceRate == 0.5)
    let t1 = try #require(progress.clients.first?.targets.first)
    #expect(t1.currentStep == .rolePlay && t1.highestCompleted == .setPriorities)
  }

  @Test func stepOutOfOrderNamesClientTargetStepAndField() throws {
    let clients = """
      [{"client": "K-02", "targets": [{"id": "T1", "behaviour": "b", "domain": "initiation", "events": [
          {"date": "2026-02-02", "kind": "identify"},
          {"date": "2026-02-03", "kind": "rolePlay", "rating": 4}]}]}]
      """
    let progress = GroupProgress(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(clients: clients)))
    #expect(
      progress.issues == [
        AssertiveTrainingIssue(
          path: "$.clients[0].targets[0].events[1].kind", client: "K-02", target: "T1", step: .rolePlay,
          problem: .stepRule(.outOfOrder(current: .setPriorities, recorded: .rolePlay)))
      ])
    #expect(progress.clients[1].targets[0].rejectedEvents == 1)
  }

  @Test func ratingOutsideScaleIsReportedAndTheRestKept() throws {
    let clients = """
      [{"client": "K-01", "targets": [{"id": "T1", "behaviour": "b", "domain": "initiation", "events": [
          {"date": "2026-02-02", "kind": "identify"},
          {"date": "2026-02-02", "kind": "prioritise", "situations": [{"rank": 1, "description": "a"}]},
          {"date": "2026-02-09", "kind": "rolePlay", "rating": 7}]}]},
       {"client": "K-03", "targets": [{"id": "T1", "behaviour": "b", "domain": "disclosure", "events": [{"date": "2026-02-02", "kind": "identify"}]}]}]
      """
    let rules = #"{"minimumSituations": 1}"#
    let progress = GroupProgress(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(clients: clients, rules: rules)))
    #expect(progress.issues.map(\.problem) == [.stepRule(.ratingOutOfScale(field: "rating", value: 7, min: 1, max: 5))])
    #expect(progress.issues.first?.path == "$.clients[0].targets[0].events[2].rating")
    #expect(progress.issues.first?.field == "rating")
    #expect(progress.clients[2].targets.first?.currentStep == .setPriorities, "the other client is still analysed")
  }

  @Test func clientNotEnrolled() throws {
    let clients = #"[{"client": "K-99", "targets": []}]"#
    let sessions = #"[{"number": 1, "date": "2026-02-02", "facilitator": "PK-01", "attendance": ["K-01", "K-98"]}]"#
    let progress = GroupProgress(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(sessions: sessions, clients: clients)))
    #expect(
      progress.issues == [
        AssertiveTrainingIssue(path: "$.sessions[0].attendance[1]", client: "K-98", problem: .clientNotEnrolled),
        AssertiveTrainingIssue(path: "$.clients[0].client", client: "K-99", problem: .clientNotEnrolled),
      ])
    #expect(
      progress.issues[1].description
        == "client K-99: the client is not enrolled in this group; the record is left out. [$.clients[0].client]")
  }

  @Test func unreadableRecordIsListedAndTheRestRead() throws {
    let clients = """
      [{"client": "K-01", "targets": [{"id": "T1", "behaviour": "b", "domain": "initiation", "events": [
          {"date": "2026-02-30", "kind": "identify"},
          {"date": "2026-02-03", "kind": "identfy"}]}]}]
      """
    let sessions =
      #"[{"number": 1, "date": "2026-02-02", "facilitator": "PK-07", "attendance": []}, {"number": "two"}]"#
    let progress = GroupProgress(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(sessions: sessions, clients: clients)))
    #expect(
      progress.issues.map(\.path) == [
        "$.sessions[0].facilitator", "$.sessions[1].number",
        "$.clients[0].targets[0].events[0].date", "$.clients[0].targets[0].events[1].kind",
      ])
    #expect(progress.issues[0].problem == .unknownFacilitator("PK-07"))
    #expect(progress.issues[1].problem == .unreadableRecord(reason: "expected a whole number"))
    #expect(
      progress.issues[2].problem
        == .unreadableRecord(reason: "'2026-02-30' is not a valid date; please write an existing day as YYYY-MM-DD."))
    guard case .unreadableRecord(let reason) = progress.issues[3].problem else {
      Issue.record("wrong case")
      return
    }
    #expect(reason.hasPrefix("'identfy' is not one of 'identify', 'prioritise'"))
  }

  @Test func brokenFileIsATypedError() {
    // A syntax error says where (line and column), in words.
    #expect(
      throws: AssertiveGroupFileError(
        path: "$",
        reason: "the file is not valid JSON (line 1, column 2: expected a key in double quotes, found end of text)")
    ) {
      try AssertiveTrainingGroup.decode(jsonData: Data("{".utf8))
    }
    #expect(throws: AssertiveGroupFileError(path: "$.enrolled", reason: "the required key 'enrolled' is missing")) {
      try AssertiveTrainingGroup.decode(
        jsonData: Data(
          #"{"id": "x", "name": {"id": "a", "en": "b"}, "programme": {"id": "P", "name": "n", "category": "social", "method": "kelompok", "schedule": {"start": "2026-01-01", "end": "2026-01-02", "recurrence": "weekly", "hoursPerSession": 1}, "capacity": 1}, "facilitators": []}"#
            .utf8))
    }
  }

  @Test func invalidRulesFallBackToDefaults() throws {
    let progress = GroupProgress(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(rules: #"{"rehearsalPassRating": 9}"#)))
    #expect(progress.rules == .default)
    #expect(
      progress.issues == [
        AssertiveTrainingIssue(
          path: "$.rules.rehearsalPassRating",
          problem: .invalidRules(field: "rehearsalPassRating", reason: "9 is not on the PK rating scale 1–5"))
      ])
  }
}

@Suite("Assertive training: every remaining class of bad record")
struct AssertiveTrainingBadRecordTests {
  @Test func duplicatesAndUnknownReferences() throws {
    let sessions = """
      [{"number": 1, "date": "2026-02-02", "facilitator": "PK-01", "partner": "POK-09", "attendance": ["K-01"]},
       {"number": 1, "date": "2026-02-09", "facilitator": "PK-01", "attendance": ["K-01"]}]
      """
    let clients = """
      [{"client": "K-01", "targets": [
          {"id": "T1", "behaviour": "b", "domain": "initiation", "events": [{"date": "2026-02-02", "kind": "identify", "session": 4}]},
          {"id": "T1", "behaviour": "c", "domain": "disclosure", "events": []}]},
       {"client": "K-01", "targets": []}]
      """
    let progress = GroupProgress(
      group: try AssertiveTrainingGroup.decode(jsonData: assertiveGroupJSON(sessions: sessions, clients: clients)))
    #expect(
      progress.issues == [
        AssertiveTrainingIssue(path: "$.sessions[0].partner", problem: .unknownPartner("POK-09")),
        AssertiveTrainingIssue(path: "$.sessions[1].number", problem: .duplicateSession(1)),
        AssertiveTrainingIssue(
          path: "$.clients[0].targets[0].events[0].session", client: "K-01", target: "T1", step: .identifyTarget,
          problem: .unknownSession(4)),
        AssertiveTrainingIssue(
          path: "$.clients[0].targets[1].id", client: "K-01", target: "T1", problem: .duplicateTarget),
        AssertiveTrainingIssue(path: "$.clients[1].client", client: "K-01", problem: .duplicateClientRecord),
      ])
    #expect(progress.sessions.count == 1 && progress.clients[0].sessionsAttended == 1)
  }

  @Test func outcomeReferencesAndInstruments() throws {
    let measures = """
      [{"instrument": "icq", "references": [{"scale": "Warmth", "reliability": 0.8, "reliabilitySource": "x"},
                                           {"scale": "Total", "reliability": 1.2, "reliabilitySource": "x", "sd": -3}]},
       {"instrument": "bdi"}]
      """
    let icq = "[" + Array(repeating: "3", count: 40).joined(separator: ", ") + "]"
    let administrations = """
      [{"client": "K-01", "instrument": "icq", "occasion": "baseline", "date": "2026-02-02", "responses": \(icq)},
       {"client": "K-01", "instrument": "icq", "occasion": "baseline", "date": "2026-02-03", "responses": \(icq)},
       {"client": "K-02", "instrument": "phq9", "occasion": "baseline", "date": "2026-02-02", "responses": [1]}]
      """
    let observations = """
      [{"client": "K-01", "occasion": "baseline", "date": "2026-02-09", "rater": "PK-01", "observed": []},
       {"client": "K-01", "occasion": "post", "date": "2026-02-02", "rater": "PK-01", "observed": ["encouragesOthers"]},
       {"client": "K-01", "occasion": "baseline", "date": "2026-02-10", "rater": "PK-01", "observed": []}]
      """
    let data = assertiveGroupJSON(administrations: administrations, observations: observations, measures: measures)
    let outcomes = OutcomeAnalysis(group: try AssertiveTrainingGroup.decode(jsonData: data))
    #expect(
      outcomes.issues == [
        AssertiveTrainingIssue(
          path: "$.outcomeMeasures[0].references[0].scale", problem: .unknownScale(instrument: "icq", scale: "Warmth")),
        AssertiveTrainingIssue(
          path: "$.outcomeMeasures[0].references[1].reliability",
          problem: .invalidReference(field: "reliability", value: 1.2)),
        AssertiveTrainingIssue(
          path: "$.outcomeMeasures[0].references[1].sd", problem: .invalidReference(field: "sd", value: -3)),
        AssertiveTrainingIssue(path: "$.outcomeMeasures[1].instrument", problem: .unknownInstrument("bdi")),
        AssertiveTrainingIssue(
          path: "$.administrations[1].occasion", client: "K-01", problem: .duplicateAdministration),
        AssertiveTrainingIssue(
          path: "$.administrations[2].instrument", client: "K-02", problem: .unknownInstrument("phq9")),
        AssertiveTrainingIssue(
          path: "$.observations[1].date", client: "K-01",
          problem: .occasionBeforeBaseline(
            occasion: .post, date: try CivilDate(iso: "2026-02-02"), baseline: try CivilDate(iso: "2026-02-09"))),
        AssertiveTrainingIssue(path: "$.observations[2].occasion", client: "K-01", problem: .duplicateChecklist),
      ])
    // The invalid reliability is dropped, so Total has no reliable change index; the scale itself is kept.
    #expect(outcomes.instruments[0].references.map(\.scale) == ["Total"])
    #expect(outcomes.instruments[0].references[0].reliability == nil)
  }
}
