import AssessmentEngine

/// The state machine of one target behaviour through Joyce & Weil's five steps.
///
/// Rules (the rule set is ``TrainingRules``):
/// - A target starts at step 1. An event of a step's kind is accepted only while that step is the
///   current one; then, when the step's completion rule is met, the target **advances** to the next
///   step on the event's date (after step 5 it is *completed*). Further real-situation attempts after
///   completion are still recorded.
/// - An event for any other step is rejected (``StepRuleViolation/outOfOrder(current:recorded:)``):
///   skipping ahead is never allowed, and going back needs an explicit `regress` event with a reason,
///   which returns to an earlier step and restarts its counts.
/// - Events must be in date order; ratings must be on their scales; each kind's required fields must
///   be present. A rejected event leaves the state unchanged.
///
/// ```swift
/// var tracker = StepTracker(rules: .default)
/// try tracker.apply(StepEvent(date: try CivilDate(iso: "2026-02-02"), kind: .identify))
/// tracker.current   // .setPriorities
/// ```
public struct StepTracker: Sendable, Hashable, Codable {
  /// The rules applied.
  public let rules: TrainingRules
  /// The step being worked on, or `nil` once all five are complete.
  public private(set) var current: AssertiveTrainingStep?
  /// The highest step ever completed (kept after a step back).
  public private(set) var highestCompleted: AssertiveTrainingStep?
  /// Every advance and step back, dated.
  public private(set) var transitions: [StepTransition] = []
  /// The date of the last accepted event.
  public private(set) var lastDate: CivilDate?
  /// Counts since the current step was entered.
  public private(set) var counts = StepCounts()
  /// Totals over the whole record (never reset).
  public private(set) var totals = StepCounts()

  /// What has been counted for a step (or in total).
  public struct StepCounts: Sendable, Hashable, Codable {
    /// Situations in the latest ranked list.
    public var situations = 0
    /// Behaviours in the latest ranked list (1 when the list is absent: the target behaviour itself).
    public var behaviours = 0
    /// Role-play rehearsals.
    public var rehearsals = 0
    /// Rehearsals rated at least the pass rating.
    public var passingRehearsals = 0
    /// Repetitions.
    public var repetitions = 0
    /// Repetitions rated at least the pass rating.
    public var passingRepetitions = 0
    /// Real-situation attempts.
    public var attempts = 0
    /// Successful attempts.
    public var successfulAttempts = 0
    /// Creates zero counts.
    public init() {}
  }

  /// A tracker at step 1.
  public init(rules: TrainingRules) {
    self.rules = rules
    self.current = .identifyTarget
  }

  /// Whether all five steps are complete.
  public var isCompleted: Bool { current == nil }

  /// Applies one event.
  ///
  /// - Returns: the transition it caused (an advance or a step back), or `nil` when it was recorded
  ///   without changing the step.
  /// - Throws: ``StepRuleViolation``; the state is then unchanged.
  @discardableResult
  public mutating func apply(_ event: StepEvent) throws(StepRuleViolation) -> StepTransition? {
    if let lastDate, event.date < lastDate { throw .dateBeforePreviousEvent(date: event.date, previous: lastDate) }
    guard let step = event.kind.step else { return try regress(event) }
    guard step == current || (current == nil && step == .transfer) else {
      throw .outOfOrder(current: current, recorded: step)
    }
    try validateFields(of: event, step: step)
    lastDate = event.date
    count(event, into: &counts)
    count(event, into: &totals)
    guard let current, isMet(current) else { return nil }
    let transition = StepTransition(date: event.date, from: current, to: current.next, reason: nil)
    highestCompleted = max(highestCompleted ?? current, current)
    self.current = current.next
    counts = StepCounts()
    transitions.append(transition)
    return transition
  }

  private mutating func regress(_ event: StepEvent) throws(StepRuleViolation) -> StepTransition {
    guard let to = event.to else { throw .missingField("to") }
    guard let reason = event.reason, !reason.allSatisfy(\.isWhitespace) else {
      throw .missingRegressionReason(to: to)
    }
    if let current, to >= current { throw .regressionNotBackward(current: current, to: to) }
    let transition = StepTransition(date: event.date, from: current, to: to, reason: reason)
    lastDate = event.date
    current = to
    counts = StepCounts()
    transitions.append(transition)
    return transition
  }

  private func validateFields(of event: StepEvent, step: AssertiveTrainingStep) throws(StepRuleViolation) {
    switch step {
    case .identifyTarget:
      break
    case .setPriorities:
      guard let situations = event.situations, !situations.isEmpty else { throw .missingField("situations") }
      let ranks = situations.map(\.rank).sorted()
      guard ranks == Array(1...situations.count) else { throw .invalidRanking(ranks: situations.map(\.rank)) }
      if let behaviours = event.behaviours {
        guard !behaviours.isEmpty else { throw .missingField("behaviours") }
        let ranks = behaviours.map(\.rank).sorted()
        guard ranks == Array(1...behaviours.count) else {
          throw .invalidBehaviourRanking(ranks: behaviours.map(\.rank))
        }
      }
    case .rolePlay, .repetition:
      guard let rating = event.rating else { throw .missingField("rating") }
      guard rules.pkRatingScale.contains(rating) else {
        throw .ratingOutOfScale(
          field: "rating", value: rating, min: rules.pkRatingScale.min, max: rules.pkRatingScale.max)
      }
    case .transfer:
      guard event.outcome != nil else { throw .missingField("outcome") }
      guard let rating = event.selfRating else { throw .missingField("selfRating") }
      guard rules.selfRatingScale.contains(rating) else {
        throw .ratingOutOfScale(
          field: "selfRating", value: rating, min: rules.selfRatingScale.min, max: rules.selfRatingScale.max)
      }
    }
  }

  private func count(_ event: StepEvent, into c: inout StepCounts) {
    switch event.kind {
    case .identify, .regress: break
    case .prioritise:
      c.situations = event.situations?.count ?? 0
      c.behaviours = event.behaviours?.count ?? 1
    case .rolePlay:
      c.rehearsals += 1
      if (event.rating ?? .min) >= rules.rehearsalPassRating { c.passingRehearsals += 1 }
    case .repetition:
      c.repetitions += 1
      if (event.rating ?? .min) >= rules.repetitionPassRating { c.passingRepetitions += 1 }
    case .attempt:
      c.attempts += 1
      if event.outcome == .success { c.successfulAttempts += 1 }
    }
  }

  /// Whether the completion rule of `step` is met by the counts since it was entered.
  private func isMet(_ step: AssertiveTrainingStep) -> Bool {
    switch step {
    case .identifyTarget: true
    case .setPriorities: counts.situations >= rules.minimumSituations && counts.behaviours >= rules.minimumBehaviours
    case .rolePlay:
      counts.rehearsals >= rules.minimumRehearsals && counts.passingRehearsals >= rules.minimumPassingRehearsals
    case .repetition: counts.passingRepetitions >= rules.minimumPassingRepetitions
    case .transfer: counts.successfulAttempts >= rules.minimumSuccessfulAttempts
    }
  }
}

/// A dated change of step: an advance (`reason == nil`) or a step back with its reason.
public struct StepTransition: Sendable, Hashable, Codable {
  /// The day.
  public var date: CivilDate
  /// The step left (`nil` when stepping back from a completed target).
  public var from: AssertiveTrainingStep?
  /// The step entered (`nil` when the fifth step was completed).
  public var to: AssertiveTrainingStep?
  /// Why the PK stepped back; `nil` for an advance.
  public var reason: String?

  /// Creates a transition.
  public init(date: CivilDate, from: AssertiveTrainingStep?, to: AssertiveTrainingStep?, reason: String?) {
    self.date = date
    self.from = from
    self.to = to
    self.reason = reason
  }

  /// Whether this is a step back.
  public var isRegression: Bool { reason != nil }
}

/// Why an event cannot be applied to a target behaviour's record.
public enum StepRuleViolation: Error, Hashable, Codable, Sendable, CustomStringConvertible {
  /// An event for `recorded` while the target is at `current` (`nil` = all steps complete). Skipping
  /// ahead is not allowed; returning needs a `regress` event with a reason first.
  case outOfOrder(current: AssertiveTrainingStep?, recorded: AssertiveTrainingStep)
  /// A step back without a reason.
  case missingRegressionReason(to: AssertiveTrainingStep)
  /// A step back to the current step or a later one.
  case regressionNotBackward(current: AssertiveTrainingStep, to: AssertiveTrainingStep)
  /// A rating off its scale (`field` is `rating` or `selfRating`).
  case ratingOutOfScale(field: String, value: Int, min: Int, max: Int)
  /// A field the event's kind requires is absent.
  case missingField(String)
  /// Step 2's situation ranks are not 1…n, each once.
  case invalidRanking(ranks: [Int])
  /// Step 2's behaviour ranks are not 1…n, each once.
  case invalidBehaviourRanking(ranks: [Int])
  /// The event is dated before the previous accepted event.
  case dateBeforePreviousEvent(date: CivilDate, previous: CivilDate)

  /// The JSON field the violation is about.
  public var field: String {
    switch self {
    case .outOfOrder: "kind"
    case .missingRegressionReason: "reason"
    case .regressionNotBackward: "to"
    case .ratingOutOfScale(let field, _, _, _): field
    case .missingField(let field): field
    case .invalidRanking: "situations"
    case .invalidBehaviourRanking: "behaviours"
    case .dateBeforePreviousEvent: "date"
    }
  }

  /// The sentence in the given language.
  public func message(in language: DisplayLanguage) -> String {
    let en = language == .english
    func step(_ s: AssertiveTrainingStep?) -> String {
      guard let s else { return en ? "completed (all five steps)" : "selesai (kelima langkah)" }
      return "\(s.number) (\(s.label.text(in: language)))"
    }
    switch self {
    case .outOfOrder(let current, let recorded):
      return en
        ? "an event of step \(step(recorded)) was recorded while the target is at step \(step(current)); steps advance in order, and going back needs a 'regress' event with a reason."
        : "kegiatan langkah \(step(recorded)) dicatat saat target berada pada langkah \(step(current)); langkah maju berurutan, dan kembali ke langkah sebelumnya memerlukan catatan 'regress' beserta alasannya."
    case .missingRegressionReason(let to):
      return en
        ? "the step back to step \(step(to)) has no reason; please state why."
        : "kembali ke langkah \(step(to)) tanpa alasan; mohon tuliskan alasannya."
    case .regressionNotBackward(let current, let to):
      return en
        ? "a step back must go to an earlier step, but step \(step(to)) is not before the current step \(step(current))."
        : "kembali harus ke langkah sebelumnya, tetapi langkah \(step(to)) tidak sebelum langkah saat ini \(step(current))."
    case .ratingOutOfScale(let field, let value, let min, let max):
      return en
        ? "'\(field)' is \(value), outside the scale \(min)–\(max)."
        : "'\(field)' bernilai \(value), di luar skala \(min)–\(max)."
    case .missingField(let field):
      return en
        ? "the field '\(field)' is required for this kind of event."
        : "kolom '\(field)' wajib untuk jenis kegiatan ini."
    case .invalidRanking(let ranks):
      let list = ranks.map(String.init).joined(separator: ", ")
      return en
        ? "the situation ranks (\(list)) must be 1, 2, … each once."
        : "peringkat situasi (\(list)) harus 1, 2, … masing-masing satu kali."
    case .invalidBehaviourRanking(let ranks):
      let list = ranks.map(String.init).joined(separator: ", ")
      return en
        ? "the behaviour ranks (\(list)) must be 1, 2, … each once."
        : "peringkat perilaku (\(list)) harus 1, 2, … masing-masing satu kali."
    case .dateBeforePreviousEvent(let date, let previous):
      return en
        ? "the event is dated \(date), before the previous event (\(previous))."
        : "kegiatan bertanggal \(date), sebelum kegiatan sebelumnya (\(previous))."
    }
  }

  /// The English sentence.
  public var description: String { message(in: .english) }
}
