import AssessmentEngine

/// The assertive-training group's success indicators (seed 002's layout, ``IndicatorEvaluation``)
/// measured on the group's progress and outcomes.
///
/// weighted achievement = Σ wᵢ·aᵢ ÷ Σ wᵢ over the measured indicators with a positive weight, where
/// aᵢ = min(1, achievedᵢ ÷ targetᵢ) (or achievedᵢ on the measure's full scale without a target).
/// Indicators that cannot be measured are left out of both sums and ``weightCovered`` says how much
/// of ``totalWeight`` the figure rests on.
public struct ProgrammeAchievement: Sendable, Hashable, Codable {
  /// Per readable indicator, in file order.
  public var results: [IndicatorResult]
  /// The weighted achievement in [0, 1], or `nil` when no weighted indicator could be measured.
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
    let evaluation = IndicatorEvaluation(group.indicators) { Self.measure($0, progress: progress, outcomes: outcomes) }
    self.results = evaluation.results
    self.weightedAchievement = evaluation.weightedAchievement
    self.weightCovered = evaluation.weightCovered
    self.totalWeight = evaluation.totalWeight
    self.issues = evaluation.problems.map { p in
      if p.field == "record" {
        return AssertiveTrainingIssue(path: p.path, problem: .unreadableRecord(reason: p.reason ?? ""))
      }
      return AssertiveTrainingIssue(path: p.path, problem: .invalidIndicator(field: p.field, value: p.value ?? .nan))
    }
  }

  static func measure(_ measure: IndicatorMeasure, progress: GroupProgress, outcomes: OutcomeAnalysis) -> (
    Double?, String?
  ) {
    switch measure {
    case .attendanceRate:
      return progress.attendanceRate.map { ($0, nil) } ?? (nil, "no sessions or no enrolled clients")
    case .clientsReachingStep(let step):
      guard !progress.clients.isEmpty else { return (nil, "no enrolled clients") }
      let reached = progress.clients.filter { ($0.highestCompleted.map { $0 >= step }) ?? false }.count
      return (Double(reached) / Double(progress.clients.count), nil)
    case .reliableImprovement(let instrument, let scale):
      let changes =
        outcomes.instruments.first { $0.instrument == instrument }?.clients
        .compactMap { $0.scales.first { $0.scale == scale }?.changeToPost?.reliableChange } ?? []
      guard !changes.isEmpty else {
        return (nil, "no client has a reliable change index on \(instrument.uppercased()) \(scale)")
      }
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
