import AssessmentEngine

/// One case as it appears on a caseload list.
public struct CaseloadEntry: Sendable, Hashable, Codable {
  /// The case.
  public var caseID: CaseID
  /// The client.
  public var clientID: ClientID
  /// The client's name.
  public var clientName: String
  /// The PK.
  public var officerID: OfficerID
  /// The current stage.
  public var stage: CaseStage
  /// The stage the calendar expects under the stage rule (a sidang TPP may be due when it differs).
  public var expectedStage: CaseStage
  /// When the next risk/need reassessment is due (Permenkumham 12/2013: every 12 months).
  public var reassessmentDue: CivilDate
  /// Completed reporting periods with no report.
  public var overdueReports: [ReportingPeriod]
  /// Flags not yet answered by a revocation proceeding.
  public var flagsNeedingAction: [ComplianceFlag]
}

/// Cases grouped by stage. JSON: `{"stage": "tahapAwal", "caseIDs": ["K-1", "K-7"]}`.
public struct StageGroup: Sendable, Hashable, Codable {
  /// The stage.
  public var stage: CaseStage
  /// The cases in it, sorted.
  public var caseIDs: [CaseID]
  /// Creates a group.
  public init(stage: CaseStage, caseIDs: [CaseID]) {
    self.stage = stage
    self.caseIDs = caseIDs
  }
}

/// A caseload on a date, for one PK or one Bapas: clients by stage, reassessments due, overdue reports,
/// clients whose flags need action.
///
/// ```swift
/// let mine = CaseloadReport(officer: "198705122010121003", cases: allCases, asOf: today)
/// mine.dueReassessments.map(\.clientName)
/// ```
public struct CaseloadReport: Sendable, Hashable, Codable {
  /// The day the report is for.
  public var asOf: CivilDate
  /// Every case in scope, sorted by case id.
  public var entries: [CaseloadEntry]

  /// A PK's caseload: the open cases (not closed or revoked) whose ``CaseFile/officerID`` is `officer`.
  ///
  /// - Complexity: O(*n*·*c*) for *n* cases of *c* records each.
  public init(
    officer: OfficerID, cases: [CaseFile], asOf: CivilDate, policy: CompliancePolicy = .standard,
    stageRule: GuidanceStageRule = .thirds, reassessment: ReassessmentRule = .permenkumham12of2013
  ) {
    self.init(
      cases: cases.filter { $0.officerID == officer }, asOf: asOf, policy: policy, stageRule: stageRule,
      reassessment: reassessment)
  }

  /// A Bapas caseload: the open cases whose ``CaseFile/bapasCode`` is `bapas`.
  public init(
    bapas: BapasCode, cases: [CaseFile], asOf: CivilDate, policy: CompliancePolicy = .standard,
    stageRule: GuidanceStageRule = .thirds, reassessment: ReassessmentRule = .permenkumham12of2013
  ) {
    self.init(
      cases: cases.filter { $0.bapasCode == bapas }, asOf: asOf, policy: policy, stageRule: stageRule,
      reassessment: reassessment)
  }

  init(
    cases: [CaseFile], asOf: CivilDate, policy: CompliancePolicy, stageRule: GuidanceStageRule,
    reassessment: ReassessmentRule
  ) {
    self.asOf = asOf
    entries = cases.filter { !$0.stage.isFinal }.sorted { $0.id < $1.id }.map { file in
      CaseloadEntry(
        caseID: file.id, clientID: file.client.id, clientName: file.client.name, officerID: file.officerID,
        stage: file.stage, expectedStage: stageRule.expectedStage(on: asOf, in: file.guidancePeriod),
        reassessmentDue: file.nextReassessmentDue(rule: reassessment),
        overdueReports: file.compliance(asOf: asOf, policy: policy).overduePeriods,
        flagsNeedingAction: file.flagsNeedingAction(asOf: asOf, policy: policy))
    }
  }

  /// Cases grouped by stage, in lifecycle order, empty stages left out.
  public var byStage: [StageGroup] {
    CaseStage.allCases.compactMap { stage in
      let ids = entries.filter { $0.stage == stage }.map(\.caseID)
      return ids.isEmpty ? nil : StageGroup(stage: stage, caseIDs: ids)
    }
  }

  /// Cases whose reassessment is due on or before `asOf` + `withinDays`, soonest first.
  public func dueReassessments(withinDays: Int = 0) -> [CaseloadEntry] {
    let limit = asOf.adding(days: withinDays)
    return entries.filter { $0.reassessmentDue <= limit }.sorted {
      ($0.reassessmentDue, $0.caseID) < ($1.reassessmentDue, $1.caseID)
    }
  }

  /// Cases with at least one completed reporting period without a report.
  public var overdueReports: [CaseloadEntry] { entries.filter { !$0.overdueReports.isEmpty } }

  /// Cases with flags that need action, earliest flag first.
  public var needingAction: [CaseloadEntry] {
    entries.filter { !$0.flagsNeedingAction.isEmpty }.sorted {
      ($0.flagsNeedingAction[0].raisedOn, $0.caseID) < ($1.flagsNeedingAction[0].raisedOn, $1.caseID)
    }
  }

  /// Cases whose recorded stage differs from the stage the calendar expects (a sidang TPP may be due).
  public var stageReviewsDue: [CaseloadEntry] {
    entries.filter { $0.stage != $0.expectedStage && $0.stage != .suspended }
  }

  /// Open cases per PK, for a Bapas view. JSON: `{"officerID": "…", "count": 12}`.
  public var countsByOfficer: [OfficerCount] {
    Dictionary(grouping: entries, by: \.officerID).map { OfficerCount(officerID: $0.key, count: $0.value.count) }
      .sorted { $0.officerID < $1.officerID }
  }
}

/// The number of open cases of a PK.
public struct OfficerCount: Sendable, Hashable, Codable {
  /// The PK.
  public var officerID: OfficerID
  /// Open cases.
  public var count: Int
  /// Creates a count.
  public init(officerID: OfficerID, count: Int) {
    self.officerID = officerID
    self.count = count
  }
}

extension Officer {
  /// The officer's caseload: the open cases assigned to them.
  public func caseload(in cases: [CaseFile]) -> [CaseFile] {
    cases.filter { $0.officerID == id && !$0.stage.isFinal }
  }
}
