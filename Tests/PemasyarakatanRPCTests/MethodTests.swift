import AssessmentEngine
import Foundation
import Pemasyarakatan
import Testing
import _AssessmentTestSupport

@testable import PemasyarakatanRPC

/// Every method through the dispatcher, on the documented sample requests
/// (`Documentation/Samples/rpc/*.json`), with values checked by hand or against the library.
@Suite("methods on the documented samples")
struct MethodTests {
  static func sample(_ method: String) throws -> String {
    try String(
      contentsOf: repositoryRoot.appendingPathComponent("Documentation/Samples/rpc/\(method).json"), encoding: .utf8)
  }

  static let methods = [
    "sdk.version", "instruments.list", "instruments.get", "instruments.validate", "score", "score-rows", "reliability",
    "change",
    "alliance.series", "risk.assess", "risk.validate", "case.validate", "calendar.integration", "compliance.flags",
    "caseload.report", "assertive.report",
  ]

  @Test(arguments: methods)
  func everySampleSucceeds(_ name: String) throws {
    let response = try call(try Self.sample(name))
    #expect(result(response) != nil)
    #expect(response?["id"]?.double == 1)
  }

  @Test func everyMethodHasASample() {
    #expect(Set(Self.methods.filter { $0 != "score-rows" }) == Set(RPCDispatcher.methodNames))
  }

  @Test func instrumentsListAndGetRoundTrip() throws {
    let list = result(try call(request("instruments.list")))?["instruments"]?.array ?? []
    #expect(list.contains { $0["id"]?.string == "wai-sr" && $0["items"]?.double == 12 })
    #expect(list.contains { $0["kind"]?.string == "risk" })
    let got = result(try call(request("instruments.get", #"{"id": "WAI-SR"}"#)))
    // The definition written by the protocol loads back into the same built-in.
    let reloaded = try InstrumentDefinition(json: got?["definition"] ?? .null)
    #expect(reloaded == InstrumentMethods.library.definition(id: "wai-sr"))
    #expect(errorOf(try call(request("instruments.get", #"{"id": "wai-rs"}"#)))?.what == ["unknownInstrument"])
  }

  @Test func validateReportsEveryProblemWithItsPath() throws {
    let r = result(
      try call(
        request(
          "instruments.validate",
          #"{"definition": {"id": "x", "version": "1", "name": {"id": "a", "en": "a"}, "citation": {"source": "s", "year": 2020, "licence": "l"}, "responseScale": {"min": 5, "max": 1}, "items": [{"id": "a"}], "scales": [{"id": "S", "items": ["a", "b"]}], "extra": 1}}"#
        )))
    #expect(r?["valid"]?.bool == false)
    let paths = (r?["problems"]?.array ?? []).compactMap { $0["where"]?["path"]?.string }
    #expect(paths.contains("$.params.definition.responseScale"))
    #expect(paths.contains("$.params.definition.scales[0].items[1]"))
    #expect(paths.contains("$.params.definition"))
    let risk = result(try call(request("instruments.validate", #"{"kind": "risk", "definition": {}}"#)))
    #expect(risk?["valid"]?.bool == false)
  }

  /// psych 2.2.9 `alpha(use = "pairwise")` raw alpha on wai12_miss (shared reference README table).
  @Test func reliabilityAgreesWithPsych() throws {
    let csv = try fixture("wai12_miss_1000.csv")
    let r = result(
      try call(
        request("reliability", #"{"scales": \#(ScoreMethodTests.keys), "min": 1, "max": 5, "csv": \#(quoted(csv))}"#)))
    expectClose(r?["scales"]?["Goal"]?["alpha"]?.double, 0.813358, relative: 1e-6, "Goal alpha")
    expectClose(r?["scales"]?["Task"]?["alpha"]?.double, 0.730054, relative: 1e-6, "Task alpha")
    expectClose(r?["scales"]?["Total"]?["alpha"]?.double, 0.824566, relative: 1e-6, "Total alpha")
    #expect(r?["rowsAnalysed"]?.double == 1000)
  }

  @Test func reliabilityReportsAScaleItCannotAnalyse() throws {
    let r = result(
      try call(
        request(
          "reliability",
          #"{"scales": {"A": ["x", "y"]}, "min": 1, "max": 4, "rows": [{"x": 1, "y": 2}, {"x": 1, "y": 3}]}"#)))
    #expect(r?["scales"]?["A"]?["error"]?["what"]?.string == "notComputed")
  }

  /// Jacobson & Truax: RCI = (post − pre) / (√2 · SD · √(1 − r)).
  @Test func changeGivesTheReliableChangeIndex() throws {
    let r = result(try call(try Self.sample("change")))
    let first = r?["respondents"]?[0]
    #expect(first?["id"]?.string == "K-001")
    let goal = first?["scales"]?["Goal"]
    #expect(goal?["pre"]?.double == 18)
    #expect(goal?["post"]?.double == 20)
    expectClose(goal?["rci"]?.double, 2 / (2.0.squareRoot() * 2.5 * (1 - 0.85).squareRoot()), relative: 1e-12, "RCI")
    #expect(goal?["reliableChange"]?.string == "unchanged")
    let e = errorOf(
      try call(request("change", #"{"instrument": "wai-sr", "pre": {"csv": "x"}, "post": {"csv": "x"}}"#)))
    #expect(e?.paths.contains("$.params.idColumn") == true)
  }

  /// Session 1 of K-001 (client): Goal items 4, 6, 8, 11 = 4 + 2 + 3 + 4 = 13 on 4…20 → 56.25% of the range.
  @Test func allianceSeriesPerDyad() throws {
    let r = result(try call(try Self.sample("alliance.series")))
    let dyads = r?["dyads"]?.array ?? []
    #expect(dyads.map { $0["dyad"]?.string } == ["K-001", "K-002"])
    let gaps = dyads.first?["ratingGaps"]?["value"]?["sessions"]?[0]?["gaps"]?[0]
    #expect(gaps?["measure"]?.string == "goal")
    #expect(gaps?["client"]?.double == 56.25)
    #expect(r?["rowErrors"]?.array?.isEmpty == true)
  }

  @Test func riskAssessMatchesTheLibrary() throws {
    let r = result(try call(try Self.sample("risk.assess")))
    let results = r?["results"]?.array ?? []
    #expect(!results.isEmpty)
    let instrument = try IllustrativeInstruments.rnr8()
    // The first sample client, answered through the library directly.
    let given: [String: Int] = [
      "ch1": 1, "ch3": 1, "ap1": 0, "ac1": 1, "ac2": 0, "as1": 1, "fm1": 3, "sw2": 1, "sw3": 1, "lr2": 2, "sa1": 2,
    ]
    let yesNo: [String: String] = [
      "ch2": "no", "ap2": "no", "as2": "no", "fm2": "no", "sw1": "yes", "lr1": "no", "sa2": "yes",
    ]
    var answers: [String: RiskAnswer] = yesNo.mapValues { .choice($0) }
    for item in instrument.allItems {
      guard let n = given[item.id] else { continue }
      if case .count = item.response { answers[item.id] = .count(n) } else { answers[item.id] = .choice(String(n)) }
    }
    let direct = try instrument.assess(
      answers, population: ClientPopulation(gender: .male, ageGroup: .adult, ageYears: 30))
    #expect(results[0]["client"]?.string == "K-01")
    #expect(JSONOut(results[0]["assessment"] ?? .null).text == (try JSONTree.encode(direct)).text)
    #expect(results.allSatisfy { $0["plan"] != .null })
    let bad = result(
      try call(
        request("risk.assess", #"{"instrument": "rnr8", "clients": [{"client": "A", "answers": {"zz": 1}}, 3]}"#)))
    #expect(
      (bad?["problems"]?.array ?? []).compactMap { $0["where"]?["path"]?.string } == [
        "$.params.clients[0].answers.zz", "$.params.clients[1]",
      ])
  }

  /// AUC by counting pairs (Mann–Whitney) on validation.csv: 20 of 24 positive–negative pairs ordered.
  @Test func riskValidateAUC() throws {
    let r = result(try call(try Self.sample("risk.validate")))
    expectClose(r?["auc"]?["auc"]?.double, 20.0 / 24.0, relative: 1e-15, "AUC")
    #expect(r?["people"]?.double == 10)
    #expect(r?["bandRates"]?.array?.count == 3)
    #expect(r?["subgroups"]?["gender"]?.array?.count == 2)
    #expect(
      errorOf(try call(request("risk.validate", #"{"scores": [1, "x"], "outcomes": [true, 2]}"#)))?.paths == [
        "$.params.scores[1]", "$.params.outcomes[1]",
      ])
  }

  @Test func caseValidateKeepsGoodRecordsAndLocatesErrors() throws {
    let r = result(try call(try Self.sample("case.validate")))
    #expect(r?["records"]?.array?.map { $0["id"]?.string } == ["C-1", "C-2"])
    #expect(r?["rejected"]?.array?.map(\.double) == [2])
    let errors = r?["errors"]?.array ?? []
    #expect(errors.first?["where"]?["path"]?.string == "$.params.cases[2].contacts[0].modality")
    #expect(errors.first?["what"]?.string == "unknownValue")
  }

  /// 3 years from 2023-01-10 less 2 months' remission: expiry 2025-11-10, 1035 days; ⌈2/3 · 1035⌉ = 690
  /// days → 2024-11-30 (PB); ⌈1035 / 2⌉ = 518 days → 2024-06-11 (asimilasi); CB needs ≤ 1 y 6 m.
  @Test func calendarIntegrationDates() throws {
    let r = result(try call(try Self.sample("calendar.integration")))
    #expect(r?["expiry"]?.string == "2025-11-10")
    #expect(r?["parole"]?["earliestDate"]?.string == "2024-11-30")
    #expect(r?["parole"]?["eligible"]?.bool == true)
    #expect(r?["assimilation"]?["earliestDate"]?.string == "2024-06-11")
    #expect(r?["conditionalLeave"]?["eligible"]?.bool == false)
    #expect(r?["conditionalLeave"]?["blockers"]?[0]?["what"]?.string == "sentenceTooLong")
    let e = errorOf(
      try call(
        request(
          "calendar.integration",
          #"{"sentence": {"countingStart": "2023-02-30", "length": {"years": 1}}, "asOf": "2025-13-01"}"#)))
    #expect(e?.paths == ["$.params.asOf"])
    let e2 = errorOf(
      try call(
        request(
          "calendar.integration",
          #"{"sentence": {"countingStart": "2023-02-30", "length": {"years": 1}}, "asOf": "2025-01-01"}"#)))
    #expect(e2?.paths == ["$.params.sentence.countingStart"])
  }

  /// Three missed monthly reports (10 March, 10 April, 12 May) raise one flag on the third.
  @Test func complianceFlagsAndCaseload() throws {
    let r = result(try call(try Self.sample("compliance.flags")))
    let flag = r?["needingAction"]?[0]
    #expect(flag?["kind"]?.string == "missedReports")
    #expect(flag?["raisedOn"]?.string == "2025-05-12")
    #expect(flag?["evidence"]?.array?.count == 3)
    let load = result(try call(try Self.sample("caseload.report")))
    #expect(load?["entries"]?.array?.count == 2)
    // C-2 stopped reporting after June 2024, so its flag (autumn 2024) comes before C-1's.
    #expect(load?["needingAction"]?.array?.map(\.string) == ["C-2", "C-1"])
    #expect(
      errorOf(try call(request("caseload.report", #"{"cases": [], "asOf": "2025-01-01"}"#)))?.paths == [
        "$.params.officer"
      ])
  }

  @Test func assertiveReportInBothFormats() throws {
    let r = result(try call(try Self.sample("assertive.report")))
    #expect(r?["report"]?["clients"]?.array?.count == 6)
    var markdownRequest = try Self.sample("assertive.report")
    markdownRequest = markdownRequest.replacingOccurrences(
      of: #""language": "en""#, with: #""language": "id", "format": "markdown""#)
    let md = result(try call(markdownRequest))
    #expect(md?["markdown"]?.string?.hasPrefix("#") == true)
    #expect(
      errorOf(try call(request("assertive.report", #"{"group": {"id": 1}}"#)))?.paths.first?.hasPrefix("$.params.group")
        == true)
  }
}

/// Sentences without remission, and the dispatcher shared by threads.
@Suite("calendar and concurrency")
struct CalendarAndConcurrencyTests {
  /// 3 years from 2023-01-10, no remission: 1096 days (2024 is a leap year); ⌈2/3 · 1096⌉ = 731 → 2025-01-10.
  @Test func noRemissionMeansNone() throws {
    let r = result(
      try call(
        request(
          "calendar.integration",
          #"{"sentence": {"countingStart": "2023-01-10", "length": {"years": 3}}, "asOf": "2025-01-01"}"#)))
    #expect(r?["expiry"]?.string == "2026-01-10")
    #expect(r?["parole"]?["earliestDate"]?.string == "2025-01-10")
    #expect(r?["parole"]?["programmeEnd"]?.string == "2027-01-10")
  }

  @Test func fourThreadsAgree() throws {
    let csv = try fixture("wai12_miss_1000.csv")
    let text = request(
      "score", #"{"scales": \#(ScoreMethodTests.keys), "min": 1, "max": 5, "impute": "mean", "csv": \#(quoted(csv))}"#)
    let dispatcher = RPCDispatcher()
    let single = dispatcher.respond(to: text)
    let replies = Replies()
    DispatchQueue.concurrentPerform(iterations: 4) { i in replies.set(i, dispatcher.respond(to: text)) }
    #expect(replies.all.allSatisfy { $0 == single })
    #expect(single?.contains(#""result""#) == true)
  }
}

/// Slots for the threads' replies.
final class Replies: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int: String?] = [:]
  func set(_ i: Int, _ value: String?) {
    lock.lock()
    values[i] = value
    lock.unlock()
  }
  var all: [String?] {
    lock.lock()
    defer { lock.unlock() }
    return (0..<4).map { values[$0] ?? nil }
  }
}

/// Values that would make the library index out of range or overflow are refused as params.
@Suite("params that would trap the library")
struct TrapGuardTests {
  @Test func complianceThresholdsMustBeCounts() throws {
    let sample = try MethodTests.sample("compliance.flags")
    let zero = sample.replacingOccurrences(
      of: #""asOf": "2025-06-01""#,
      with: #""asOf": "2025-06-01", "policy": {"missedReportThreshold": 0, "missedSessionThreshold": 3}"#)
    #expect(errorOf(try call(zero))?.paths == ["$.params.policy.missedReportThreshold"])
  }

  @Test func allianceCountsAreBounded() throws {
    let sample = try MethodTests.sample("alliance.series")
    let huge = sample.replacingOccurrences(
      of: #""sessionColumn": "session""#, with: #""sessionColumn": "session", "repairWithin": 900000000000000"#)
    #expect(errorOf(try call(huge))?.paths == ["$.params.repairWithin"])
  }

  @Test func riskDefinitionNumbersAreBounded() throws {
    let r = result(
      try call(
        request(
          "instruments.validate",
          #"{"kind": "risk", "definition": {"domains": [{"items": [{"response": {"type": "count", "ranges": [{"minimum": 0, "points": 900000000000000}]}}]}]}}"#
        )))
    #expect(r?["valid"]?.bool == false)
    #expect(
      r?["problems"]?[0]?["where"]?["path"]?.string
        == "$.params.definition.domains[0].items[0].response.ranges[0].points")
  }
}
