import AssessmentEngine
import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The Bapas domain methods: case files, the legal calendar, compliance, caseloads and the
/// assertive-training report.
enum CaseMethods {
  /// `case.validate`: `{"cases": [case file…]}` → `{"records": [good case files], "errors": […],
  /// "rejected": [indices]}` — every good record kept, every error with its JSON path.
  static func validate(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let cases = params.array("cases", required: true)
    try params.check()
    guard let cases else { throw .invalidParams(params.member("cases"), "missingKey", "the case files are required.") }
    let batch = decodeCases(cases, path: params.member("cases"))
    return .value(
      .object([
        ("records", try encodeDocument(batch.records)), ("errors", .array(batch.problems.map(\.json))),
        ("rejected", .array(batch.rejected.map { .int($0) })),
      ]))
  }

  struct Cases {
    var records: [CaseFile]
    var problems: [RPCProblem]
    var rejected: [Int]
  }

  /// Decodes case files through the library's importer, re-rooting its paths under `path`.
  static func decodeCases(_ cases: [JSONValue], path: String) -> Cases {
    let batch = CaseFileImport.decodeBatch(Data(JSONOut(.array(cases)).bytes))
    return Cases(
      records: batch.records, problems: batch.errors.map { $0.problem(under: path) }, rejected: batch.rejectedIndices)
  }

  /// One case file (`case` member) through the library's importer.
  static func decodeCase(_ value: JSONValue, path: String) throws(RPCError) -> CaseFile {
    do { return try CaseFileImport.decode(Data(JSONOut(value).bytes)) } catch {
      throw .invalidParams([error.problem(under: path)])
    }
  }

  /// `calendar.integration`: the PB, CB, CMB and asimilasi dates of a sentence and their blockers.
  ///
  /// Params: `sentence` (`{"countingStart": "2023-01-10", "length": {"years": 3}, "remission": {"months": 2}}`;
  /// no `remission` means none),
  /// `asOf` (the day whose rule versions apply, `YYYY-MM-DD`), optional `lastRemission` (a duration,
  /// for CMB), `convention` (`calendarDays|thirtyDayMonths`), `remission` (`reducesSentence|ignored`).
  ///
  /// Result: `{"nominalEnd", "expiry", "parole": {…}|null, "conditionalLeave": …, "leaveBeforeRelease": …,
  /// "assimilation": …}`, each `{"eligible", "earliestDate", "expiry", "programmeEnd",
  /// "goodBehaviourSince", "blockers": [{"what", "why"}], "source": RuleSource}`; `null` when no version
  /// of the rule was in force on `asOf`.
  static func integration(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let sentenceValue = params.value("sentence", required: true)
    let asOf = params.date("asOf", required: true)
    let lastRemissionValue = params.value("lastRemission")
    let convention =
      params.choice("convention", DayCountConvention.allCases.map(\.rawValue)).flatMap(
        DayCountConvention.init(rawValue:)) ?? .calendarDays
    let remission =
      params.choice("remission", RemissionTreatment.allCases.map(\.rawValue)).flatMap(
        RemissionTreatment.init(rawValue:)) ?? .reducesSentence
    try params.check()
    guard let sentenceValue, let asOf else {
      throw .invalidParams(params.path, "missingKey", "'sentence' and 'asOf' are required.")
    }
    // No remission given means none (the library's JSON form requires the member).
    var sentence = sentenceValue
    if case .object(var members) = sentence, members["remission"] == nil {
      members["remission"] = .object([:])
      sentence = .object(members)
    }
    let term = try decodeDocument(SentenceTerm.self, from: sentence, path: params.member("sentence"))
    let lastRemission = try lastRemissionValue.map { (v) throws(RPCError) in
      try decodeDocument(CivilDuration.self, from: v, path: params.member("lastRemission"))
    }
    do { try term.validate() } catch {
      throw .invalidParams(params.member("sentence"), "invalidValue", error.description)
    }
    func entry(_ result: () throws(LegalCalendarError) -> IntegrationEligibility?) throws(RPCError) -> JSONOut {
      let eligibility: IntegrationEligibility?
      do { eligibility = try result() } catch {
        throw .invalidParams(params.member("sentence"), "invalidValue", error.description)
      }
      guard let e = eligibility else { return .null }
      let blockers: [JSONOut] = e.blockers.map { b in
        let what = caseName(b)
        return .object([
          ("what", .string(what)), ("why", .string(b.description)), ("detail", (try? JSONTree.encode(b)) ?? .null),
        ])
      }
      return .object([
        ("eligible", .bool(e.isEligible)), ("earliestDate", .string(e.earliestDate.description)),
        ("expiry", .string(e.expiry.description)),
        ("programmeEnd", .string(e.programmeEnd.description)),
        ("goodBehaviourSince", .string(e.goodBehaviourSince?.description)),
        ("blockers", .array(blockers)), ("source", try encodeDocument(e.source)),
      ])
    }
    return .value(
      .object([
        ("asOf", .string(asOf.description)), ("nominalEnd", .string(term.nominalEnd.description)),
        ("expiry", .string(term.expiry.description)),
        (
          "parole",
          try entry { () throws(LegalCalendarError) in
            try ParoleRule.inForce(on: asOf)?.eligibility(for: term, convention: convention, remission: remission)
          }
        ),
        (
          "conditionalLeave",
          try entry { () throws(LegalCalendarError) in
            try ConditionalLeaveRule.inForce(on: asOf)?.eligibility(
              for: term, convention: convention, remission: remission)
          }
        ),
        (
          "leaveBeforeRelease",
          try entry { () throws(LegalCalendarError) in
            try LeaveBeforeReleaseRule.inForce(on: asOf)?.eligibility(
              for: term, lastRemission: lastRemission ?? CivilDuration(), convention: convention, remission: remission)
          }
        ),
        (
          "assimilation",
          try entry { () throws(LegalCalendarError) in
            try AssimilationRule.inForce(on: asOf)?.eligibility(for: term, convention: convention, remission: remission)
          }
        ),
      ]))
  }

  /// `compliance.flags`: `{"case": case file, "asOf": "YYYY-MM-DD", "policy": {"missedReportThreshold": 3,
  /// "missedSessionThreshold": 3}}` → `{"report": ComplianceReport, "overduePeriods": […],
  /// "needingAction": [ComplianceFlag]}`.
  static func complianceFlags(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let caseValue = params.value("case", required: true)
    let asOf = params.date("asOf", required: true)
    let policyValue = params.value("policy")
    try params.check()
    guard let caseValue, let asOf else {
      throw .invalidParams(params.path, "missingKey", "'case' and 'asOf' are required.")
    }
    let file = try decodeCase(caseValue, path: params.member("case"))
    let policy =
      try policyValue.map { (v) throws(RPCError) in
        try decodeDocument(CompliancePolicy.self, from: v, path: params.member("policy"))
      } ?? .standard
    // The library indexes the n-th miss of a run, so a threshold must be a count of at least one.
    for (name, value) in [
      ("missedReportThreshold", policy.missedReportThreshold),
      ("missedSessionThreshold", policy.missedSessionThreshold),
    ]
    where !(1...1000).contains(value) {
      throw .invalidParams(
        "\(params.member("policy")).\(name)", "invalidValue", "expected a count between 1 and 1000, not \(value).")
    }
    let report = file.compliance(asOf: asOf, policy: policy)
    return .value(
      .object([
        ("caseID", try encodeDocument(file.id)), ("report", try encodeDocument(report)),
        ("overduePeriods", try encodeDocument(report.overduePeriods)),
        ("needingAction", try encodeDocument(file.flagsNeedingAction(asOf: asOf, policy: policy))),
      ]))
  }

  /// `caseload.report`: `{"cases": […], "asOf": "YYYY-MM-DD", "officer": "NIP" | "bapas": "code",
  /// "withinDays": 30}` → the PK's or the Bapas's open cases with due reassessments, overdue reports,
  /// flags needing action, stage reviews and counts per PK; invalid case files are listed in
  /// `errors` and left out.
  static func caseload(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let cases = params.array("cases", required: true)
    let asOf = params.date("asOf", required: true)
    let officer = params.string("officer")
    let bapas = params.string("bapas")
    let within = params.integer("withinDays") ?? 0
    if (officer == nil) == (bapas == nil) {
      params.fail("officer", "give exactly one of 'officer' (a PK's NIP) and 'bapas' (a Bapas code)")
    }
    if within < 0 || within > 36_500 { params.fail("withinDays", "expected a number of days between 0 and 36500") }
    try params.check()
    guard let cases, let asOf else {
      throw .invalidParams(params.path, "missingKey", "'cases' and 'asOf' are required.")
    }
    let decoded = decodeCases(cases, path: params.member("cases"))
    let report =
      officer.map { CaseloadReport(officer: OfficerID($0), cases: decoded.records, asOf: asOf) }
      ?? CaseloadReport(bapas: BapasCode(bapas ?? ""), cases: decoded.records, asOf: asOf)
    return .value(
      .object([
        ("asOf", .string(asOf.description)), ("entries", try encodeDocument(report.entries)),
        ("byStage", try encodeDocument(report.byStage)),
        ("dueReassessments", try encodeDocument(report.dueReassessments(withinDays: within))),
        ("overdueReports", .array(report.overdueReports.map { .string($0.caseID.rawValue) })),
        ("needingAction", .array(report.needingAction.map { .string($0.caseID.rawValue) })),
        ("stageReviewsDue", .array(report.stageReviewsDue.map { .string($0.caseID.rawValue) })),
        ("countsByOfficer", try encodeDocument(report.countsByOfficer)),
        ("errors", .array(decoded.problems.map(\.json))), ("rejected", .array(decoded.rejected.map { .int($0) })),
      ]))
  }

  /// `assertive.report`: `{"group": group file, "language": "id"|"en", "format": "json"|"markdown"}` →
  /// the report (JSON form) or `{"markdown": "…"}`, with `problems` listing records left out.
  static func assertiveReport(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let groupValue = params.value("group", required: true)
    let language: DisplayLanguage = params.choice("language", ["id", "en"]) == "en" ? .english : .indonesian
    let format = params.choice("format", ["json", "markdown"]) ?? "json"
    try params.check()
    guard let groupValue else {
      throw .invalidParams(params.member("group"), "missingKey", "the group file is required.")
    }
    let group: AssertiveTrainingGroup
    do { group = try AssertiveTrainingGroup.decode(jsonData: Data(JSONOut(groupValue).bytes)) } catch {
      throw .invalidParams(rebase(error.path, under: params.member("group")), "invalidValue", error.reason + ".")
    }
    let analysis = AssertiveTrainingAnalysis(group: group)
    let report = AssertiveTrainingReport(analysis: analysis, language: language)
    let problems: [JSONOut] = analysis.issues.map {
      .object([("what", .string("record")), ("why", .string($0.description))])
    }
    if format == "markdown" {
      return .value(.object([("markdown", .string(report.markdown())), ("problems", .array(problems))]))
    }
    return .value(.object([("report", try encodeDocument(report)), ("problems", .array(problems))]))
  }
}

extension CaseFileError {
  /// The error as a problem, re-rooted under `base`.
  func problem(under base: String) -> RPCProblem {
    var why = description
    if why.hasPrefix(path + ": ") { why.removeFirst(path.count + 2) }
    let what = caseName(reason)
    return RPCProblem(what: what, location: .init(path: rebase(path, under: base)), why: why)
  }
}

/// The name of an enum case (`sentenceTooLong`), for a problem's `what`.
func caseName(_ value: Any) -> String {
  if let label = Mirror(reflecting: value).children.first?.label { return label }
  return String(String(describing: value).prefix { $0 != "(" })
}
