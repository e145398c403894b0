import AssessmentEngine

/// The state machine of a case: which event is legal in which stage.
///
/// | from \ event | beginGuidance | advanceToLanjutan | advanceToAkhir | close | suspend | reinstate | revoke |
/// |---|---|---|---|---|---|---|---|
/// | tahapAwal | tahapAwal | tahapLanjutan | – | – | suspended | – | – |
/// | tahapLanjutan | – | – | tahapAkhir | – | suspended | – | – |
/// | tahapAkhir | – | – | – | pengakhiran | suspended | – | – |
/// | suspended | – | – | – | – | – | (previous stage) | revoked |
/// | pengakhiran, revoked | – | – | – | – | – | – | – |
///
/// A case starts in tahap awal on the day of reception (seed 004 lines 76–82: reception and
/// registration are the first activity of tahap awal); ``CaseEvent/beginGuidance`` records the sidang
/// TPP approving the tahap-awal programme and leaves the stage unchanged.
public enum CaseLifecycle {
  /// The stage an event leads to, or `nil` when the event is illegal in `stage`. For
  /// ``CaseEvent/reinstate`` the result is `resuming`, the stage the case was suspended from.
  public static func target(from stage: CaseStage, on event: CaseEvent, resuming: CaseStage? = nil) -> CaseStage? {
    switch (stage, event) {
    case (.tahapAwal, .beginGuidance): .tahapAwal
    case (.tahapAwal, .advanceToLanjutan): .tahapLanjutan
    case (.tahapLanjutan, .advanceToAkhir): .tahapAkhir
    case (.tahapAkhir, .close): .pengakhiran
    case (let s, .suspend) where s.isActive: .suspended
    case (.suspended, .reinstate): resuming.flatMap { $0.isActive ? $0 : nil }
    case (.suspended, .revoke): .revoked
    default: nil
    }
  }

  /// Checks one transition against the current stage and the previous date, and returns the new stage.
  ///
  /// Checks, in order: the event is legal in `stage`; the TPP outcome matches the event; the sidang was
  /// held on or before the transition date; the transition is not dated before `notBefore`.
  public static func apply(
    _ transition: StageTransition, to stage: CaseStage, resuming: CaseStage?, notBefore: CivilDate
  ) throws(LifecycleError) -> CaseStage {
    guard let next = target(from: stage, on: transition.event, resuming: resuming) else {
      throw .illegalTransition(from: stage, event: transition.event)
    }
    guard transition.tppDecision.outcome == transition.event.requiredOutcome else {
      throw .tppOutcomeMismatch(event: transition.event, outcome: transition.tppDecision.outcome)
    }
    guard transition.tppDecision.date <= transition.date else {
      throw .tppDecisionAfterTransition(decision: transition.tppDecision.date, transition: transition.date)
    }
    guard transition.date >= notBefore else {
      throw .transitionBeforePrevious(previous: notBefore, date: transition.date)
    }
    return next
  }

  /// Replays transitions from reception (in tahap awal), returning the stage after each one.
  ///
  /// - Throws: ``LifecycleIssue`` naming the index of the first bad transition.
  /// - Complexity: O(*n*) for *n* transitions.
  public static func replay(_ transitions: [StageTransition], receivedOn: CivilDate) throws(LifecycleIssue)
    -> [CaseStage]
  {
    var stages: [CaseStage] = []
    var stage = CaseStage.tahapAwal
    var resume: CaseStage?
    var notBefore = receivedOn
    for (index, t) in transitions.enumerated() {
      do {
        let next = try apply(t, to: stage, resuming: resume, notBefore: notBefore)
        if next == .suspended { resume = stage }
        stage = next
        notBefore = t.date
        stages.append(stage)
      } catch {
        throw LifecycleIssue(index: index, error: error)
      }
    }
    return stages
  }
}

/// Why a stage change is refused.
public enum LifecycleError: Error, Equatable, Hashable, Codable, Sendable, RedactableDescription {
  /// The event is not allowed in the current stage.
  case illegalTransition(from: CaseStage, event: CaseEvent)
  /// The TPP decision does not authorise this event.
  case tppOutcomeMismatch(event: CaseEvent, outcome: TPPOutcome)
  /// The sidang TPP is dated after the change it authorises.
  case tppDecisionAfterTransition(decision: CivilDate, transition: CivilDate)
  /// The change is dated before the previous change (or before reception).
  case transitionBeforePrevious(previous: CivilDate, date: CivilDate)

  /// A one-sentence explanation for a PK.
  public var description: String {
    switch self {
    case .illegalTransition(let from, let event):
      "'\(event.label.english)' is not possible in the stage '\(from.label.english)' (\(from.label.indonesian))."
    case .tppOutcomeMismatch(let event, let outcome):
      "'\(event.label.english)' needs a sidang TPP decision to '\(event.requiredOutcome.label.english)', but the decision recorded is to '\(outcome.label.english)'."
    case .tppDecisionAfterTransition(let d, let t):
      "The sidang TPP on \(Redaction.bare(d.description)) is after the stage change on \(Redaction.bare(t.description)) it should authorise."
    case .transitionBeforePrevious(let p, let d):
      "The stage change on \(Redaction.bare(d.description)) is dated before the previous step on \(Redaction.bare(p.description))."
    }
  }
}

/// A ``LifecycleError`` at a position in a list of transitions.
public struct LifecycleIssue: Error, Equatable, Codable, Sendable, CustomStringConvertible {
  /// The 0-based index of the transition.
  public var index: Int
  /// What is wrong with it.
  public var error: LifecycleError
  /// `transition <index>: <reason>`.
  public var description: String { "transition \(index): \(error.description)" }
}
