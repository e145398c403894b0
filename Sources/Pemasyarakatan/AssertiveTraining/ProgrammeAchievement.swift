import AssessmentEngine

/// One success indicator evaluated on the group's records.
public struct IndicatorResult: Sendable, Hashable, Codable {
  /// The indicator.
  public var indicator: SuccessIndicator
  /// The measured value, when it can be measured.
  public var achieved: Double?
  /// min(1, achieved ÷ target), when measured.
  public var achievement: Double?
  /// Whether the target is reached.
  public var met: Bool?
  /// Why it could not be measured.
  public var unavailable: String?
}

/// The programme's success indicators (seed 002) and their weighted achievement.
///
/// weighted achievement = Σ wᵢ·aᵢ ÷ Σ wᵢ over the measured indicators, where aᵢ = min(1, achievedᵢ ÷
/// targetᵢ). Indicators that cannot be measured are left out of both sums and ``weightCovered`` says
/// how much of ``totalWeight`` the figure rests on.
public struct ProgrammeAchievement: Sendable, Hashable, Codable {
  /// Per readable indicator with a positive weight and target, in file order.
  public var results: [IndicatorResult]
  /// The weighted achievement in [0, 1], or `nil` when no indicator could be measured.
  public var weightedAchievement: Double?
  /// Σ weights of the measured indicators.
  public var weightCovered: Double
  /// Σ weights of all evaluated indicators.
  public var totalWeight: Double
  /// Problems found in the indicator records.
  public var issues: [AssertiveTrainingIssue]

  /// Evaluates the indicators of `group` on its analysed progress and outcomes.
  ///
  /// - Complexity: O(*i*·*c*) for *i* indicators and *c* clients.
  public init(group: AssertiveTrainingGroup, progress: GroupProgress, outcomes: OutcomeAnalysis) {
    var issues: [AssertiveTrainingIssue] = []
    var results: [IndicatorResult] = []
    for (i, record) in group.indicators.enumerated() {
      let path = "$.indicators[\(i)]"
      guard let indicator = record.value else {
        if case .invalid(_, let p, let reason) = record { issues.append(.init(path: p, problem: .unreadableRecord(reason: reason))) }
        continue
      }
      guard indicator.weight > 0, indicator.weight.isFinite else {
        issues.append(.init(path: "\(path).weight", problem: .invalidIndicator(field: "weight", value: indicator.weight)))
        continue
      }
      guard indicator.target > 0, indicator.target.isFinite else {
        issues.append(.init(path: "\(path).target", problem: .invalidIndicator(field: "target", value: indicator.target)))
        continue
      }
      let (value, reason) = Self.measure(indicator.measure, progress: progress, outcomes: outcomes)
      let achievement = value.map { Swift.min(1, Swift.max(0, $0 / indicator.target)) }
      results.append(IndicatorResult(
        indicator: indicator, achieved: value, achievement: achievement, met: value.map { $0 >= indicator.target }, unavailable: reason))
    }
    let measured = results.filter { $0.achievement != nil }
    let covered = measured.reduce(0) { $0 + $1.indicator.weight }
    self.results = results
    self.totalWeight = results.reduce(0) { $0 + $1.indicator.weight }
    self.weightCovered = covered
    self.weightedAchievement = covered > 0 ? measured.reduce(0) { $0 + $1.indicator.weight * ($1.achievement ?? 0) } / covered : nil
    self.issues = issues
  }

  static func measure(_ measure: IndicatorMeasure, progress: GroupProgress, outcomes: OutcomeAnalysis) -> (Double?, String?) {
    switch measure {
    case .attendanceRate:
      return progress.attendanceRate.map { ($0, nil) } ?? (nil, "no sessions or no enrolled clients")
    case .clientsReachingStep(let step):
      guard !progress.clients.isEmpty else { return (nil, "no enrolled clients") }
      let reached = progress.clients.filter { ($0.highestCompleted.map { $0 >= step }) ?? false }.count
      return (Double(reached) / Double(progress.clients.count), nil)
    case .reliableImprovement(let instrument, let scale):
      let changes = outcomes.instruments.first { $0.instrument == instrument }?.clients
        .compactMap { $0.scales.first { $0.scale == scale }?.changeToPost?.reliableChange } ?? []
      guard !changes.isEmpty else { return (nil, "no client has a reliable change index on \(instrument.uppercased()) \(scale)") }
      return (Double(changes.filter { $0.category == .improved }.count) / Double(changes.count), nil)
    case .observedOutcome(let outcome):
      let post = outcomes.checklists.filter { $0.occasion == .post }
      guard !post.isEmpty else { return (nil, "no checklist after the programme") }
      return (Double(post.filter { $0.observed.contains(outcome) }.count) / Double(post.count), nil)
    case .meanObservedOutcomes:
      let post = outcomes.checklists.filter { $0.occasion == .post }
      guard !post.isEmpty else { return (nil, "no checklist after the programme") }
      return (Double(post.reduce(0) { $0 + $1.observed.count }) / Double(post.count), nil)
    case .manual(let achieved, _):
      return achieved.isFinite ? (achieved, nil) : (nil, "the value is not a number")
    }
  }
}

/// The whole analysis of an assertive-training group: five-step progress, outcomes with reliable
/// change and effect sizes, the observable-outcome checklist, the weighted success indicators, and
/// every problem found (each record is checked on its own; a bad one is listed and left out).
///
/// ```swift
/// let group = try AssertiveTrainingGroup.decode(jsonData: data)
/// let analysis = AssertiveTrainingAnalysis(group: group)
/// let markdown = AssertiveTrainingReport(analysis: analysis, language: .indonesian).markdown()
/// ```
public struct AssertiveTrainingAnalysis: Sendable, Hashable, Codable {
  /// The group analysed.
  public var group: AssertiveTrainingGroup
  /// Steps, sessions and attendance.
  public var progress: GroupProgress
  /// ICQ/RAS outcomes and the checklist.
  public var outcomes: OutcomeAnalysis
  /// Success indicators.
  public var achievement: ProgrammeAchievement

  /// Analyses `group`.
  ///
  /// - Complexity: O(*e* + *n*·*k* + *i*·*c*) for *e* step events, *n* administrations of *k* items,
  ///   *i* indicators and *c* clients.
  public init(group: AssertiveTrainingGroup) {
    self.group = group
    self.progress = GroupProgress(group: group)
    self.outcomes = OutcomeAnalysis(group: group)
    self.achievement = ProgrammeAchievement(group: group, progress: progress, outcomes: outcomes)
  }

  /// Every problem found: rules and sessions, step records, outcome records, checklists, indicators.
  public var issues: [AssertiveTrainingIssue] { progress.issues + outcomes.issues + achievement.issues }
}
