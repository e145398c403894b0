import AssessmentEngine
import Testing

@testable import Pemasyarakatan

/// A date in February 2026 (day `d`), for event sequences.
private func feb(_ d: Int) -> CivilDate { (try? CivilDate(year: 2026, month: 2, day: d)) ?? CivilDate(dayNumber: 0) }

/// Rules where one qualifying event completes every step, so any state is reached in one event per step.
private let oneEach = TrainingRules(
  minimumSituations: 1, minimumRehearsals: 1, rehearsalPassRating: 4, minimumPassingRehearsals: 1,
  minimumPassingRepetitions: 1, repetitionPassRating: 4, minimumSuccessfulAttempts: 1)

/// A state of a target: at a step, or completed.
enum AssertiveTrackerState: CaseIterable, Sendable, CustomStringConvertible {
  case at1, at2, at3, at4, at5, completed
  var step: AssertiveTrainingStep? {
    switch self {
    case .at1: .identifyTarget
    case .at2: .setPriorities
    case .at3: .rolePlay
    case .at4: .repetition
    case .at5: .transfer
    case .completed: nil
    }
  }
  /// How many qualifying events (one per step) lead from step 1 to this state.
  var eventsToReach: Int { step?.number.advanced(by: -1) ?? 5 }
  var description: String { step.map { "at step \($0.number)" } ?? "completed" }
}

/// A qualifying event of each kind (passing ratings, a successful attempt, a step back with reason).
private func qualifying(_ kind: StepEvent.Kind, day: Int) -> StepEvent {
  switch kind {
  case .identify: StepEvent(date: feb(day), kind: .identify)
  case .prioritise: StepEvent(date: feb(day), kind: .prioritise, situations: [.init(rank: 1, description: "s")])
  case .rolePlay: StepEvent(date: feb(day), kind: .rolePlay, rating: 5)
  case .repetition: StepEvent(date: feb(day), kind: .repetition, rating: 5)
  case .attempt: StepEvent(date: feb(day), kind: .attempt, outcome: .success, selfRating: 4)
  case .regress: StepEvent(date: feb(day), kind: .regress, to: .identifyTarget, reason: "lupa langkahnya")
  }
}

private func tracker(in state: AssertiveTrackerState, rules: TrainingRules = oneEach) throws -> StepTracker {
  var t = StepTracker(rules: rules)
  let path: [StepEvent.Kind] = [.identify, .prioritise, .rolePlay, .repetition, .attempt]
  for (i, kind) in path.prefix(state.eventsToReach).enumerated() { try t.apply(qualifying(kind, day: i + 1)) }
  return t
}

@Suite("Assertive training: step rules")
struct AssertiveTrainingStepTests {
  @Test func statesAreReachedInOrder() throws {
    for state in AssertiveTrackerState.allCases {
      let t = try tracker(in: state)
      #expect(t.current == state.step, "\(state)")
      #expect(t.transitions.count == state.eventsToReach)
      #expect(t.transitions.allSatisfy { !$0.isRegression })
    }
  }

  /// Every step × every event kind: a step's own event advances it (one qualifying event completes
  /// a step under `oneEach`); attempts after completion are recorded without a transition; any other
  /// step's event is out of order; a step back to step 1 works from every state but step 1.
  @Test(arguments: AssertiveTrackerState.allCases, StepEvent.Kind.allCases)
  func everyStepAgainstEveryEvent(state: AssertiveTrackerState, kind: StepEvent.Kind) throws {
    var t = try tracker(in: state)
    let before = t
    let event = qualifying(kind, day: 20)
    switch (kind.step, state.step) {
    case (nil, .identifyTarget?):
      #expect(throws: StepRuleViolation.regressionNotBackward(current: .identifyTarget, to: .identifyTarget)) {
        try t.apply(event)
      }
      #expect(t == before)
    case (nil, let current):
      let transition = try t.apply(event)
      #expect(
        transition == StepTransition(date: feb(20), from: current, to: .identifyTarget, reason: "lupa langkahnya"))
      #expect(t.current == .identifyTarget)
      #expect(t.highestCompleted == before.highestCompleted, "a step back keeps the highest step completed")
    case (let recorded?, let current) where recorded == current:
      let transition = try t.apply(event)
      #expect(transition == StepTransition(date: feb(20), from: recorded, to: recorded.next, reason: nil))
      #expect(t.current == recorded.next)
      #expect(t.highestCompleted == recorded)
    case (.transfer?, nil):
      #expect(try t.apply(event) == nil)
      #expect(t.isCompleted)
      #expect(t.totals.attempts == 2 && t.totals.successfulAttempts == 2)
    case (let recorded?, let current):
      #expect(throws: StepRuleViolation.outOfOrder(current: current, recorded: recorded)) { try t.apply(event) }
      #expect(t == before, "a rejected event leaves the state unchanged")
    }
  }

  @Test func defaultRulesNeedTheCounts() throws {
    // Defaults: ≥1 situation and ≥1 behaviour (seeds/000_03370522639aaf9c.txt:83); ≥2 rehearsals with
    // ≥1 rated ≥4; ≥2 repetitions rated ≥4; 1 success.
    var t = StepTracker(rules: .default)
    try t.apply(StepEvent(date: feb(1), kind: .identify))
    #expect(throws: StepRuleViolation.missingField("situations")) {
      try t.apply(StepEvent(date: feb(2), kind: .prioritise, situations: []))
    }
    #expect(t.current == .setPriorities, "no situation: the step is not met")
    let two: [StepEvent.Situation] = [.init(rank: 2, description: "b"), .init(rank: 1, description: "a")]
    #expect(try t.apply(StepEvent(date: feb(3), kind: .prioritise, situations: two))?.to == .rolePlay)
    #expect(try t.apply(StepEvent(date: feb(4), kind: .rolePlay, rating: 5)) == nil, "1 rehearsal of 2")
    #expect(
      try t.apply(StepEvent(date: feb(5), kind: .rolePlay, rating: 2))?.to == .repetition, "2 rehearsals, 1 passing")
    #expect(try t.apply(StepEvent(date: feb(6), kind: .repetition, rating: 3)) == nil, "3 does not pass")
    #expect(try t.apply(StepEvent(date: feb(7), kind: .repetition, rating: 4)) == nil, "1 passing of 2")
    #expect(try t.apply(StepEvent(date: feb(8), kind: .repetition, rating: 4))?.to == .transfer)
    #expect(try t.apply(StepEvent(date: feb(9), kind: .attempt, outcome: .partial, selfRating: 3)) == nil)
    #expect(try t.apply(StepEvent(date: feb(10), kind: .attempt, outcome: .success, selfRating: 4))?.to == nil)
    #expect(t.isCompleted && t.highestCompleted == .transfer)
    #expect(
      t.totals.rehearsals == 2 && t.totals.repetitions == 3 && t.totals.attempts == 2
        && t.totals.successfulAttempts == 1)
  }

  @Test func aStepBackRestartsTheStepsCounts() throws {
    var t = try tracker(in: .at5)
    try t.apply(StepEvent(date: feb(20), kind: .regress, to: .rolePlay, reason: "cemas saat situasi nyata"))
    #expect(t.current == .rolePlay && t.counts == StepTracker.StepCounts())
    #expect(t.highestCompleted == .repetition)
    #expect(try t.apply(StepEvent(date: feb(21), kind: .rolePlay, rating: 4))?.to == .repetition)
    #expect(t.transitions.filter(\.isRegression).map(\.reason) == ["cemas saat situasi nyata"])
  }

  // MARK: One test per class of bad event

  @Test func ratingOutsideTheScale() throws {
    var t = try tracker(in: .at3)
    #expect(throws: StepRuleViolation.ratingOutOfScale(field: "rating", value: 6, min: 1, max: 5)) {
      try t.apply(StepEvent(date: feb(20), kind: .rolePlay, rating: 6))
    }
    var u = try tracker(in: .at5)
    #expect(throws: StepRuleViolation.ratingOutOfScale(field: "selfRating", value: 0, min: 1, max: 5)) {
      try u.apply(StepEvent(date: feb(20), kind: .attempt, outcome: .success, selfRating: 0))
    }
  }

  @Test func aConfiguredScaleIsUsed() throws {
    let rules = oneEach.with {
      $0.pkRatingScale = RatingScale(min: 0, max: 10)
      $0.rehearsalPassRating = 7
    }
    var t = try tracker(in: .at3, rules: rules)
    #expect(try t.apply(StepEvent(date: feb(20), kind: .rolePlay, rating: 6)) == nil, "6 < 7 on 0–10")
    #expect(try t.apply(StepEvent(date: feb(21), kind: .rolePlay, rating: 10))?.to == .repetition)
  }

  @Test func stepBackWithoutReason() throws {
    var t = try tracker(in: .at4)
    #expect(throws: StepRuleViolation.missingRegressionReason(to: .rolePlay)) {
      try t.apply(StepEvent(date: feb(20), kind: .regress, to: .rolePlay))
    }
    #expect(throws: StepRuleViolation.missingRegressionReason(to: .rolePlay)) {
      try t.apply(StepEvent(date: feb(20), kind: .regress, to: .rolePlay, reason: "  "))
    }
    #expect(throws: StepRuleViolation.missingField("to")) {
      try t.apply(StepEvent(date: feb(20), kind: .regress, reason: "x"))
    }
  }

  @Test func missingFieldsAndRanks() throws {
    var t2 = try tracker(in: .at2)
    #expect(throws: StepRuleViolation.missingField("situations")) {
      try t2.apply(StepEvent(date: feb(20), kind: .prioritise))
    }
    #expect(throws: StepRuleViolation.invalidRanking(ranks: [1, 3])) {
      try t2.apply(
        StepEvent(
          date: feb(20), kind: .prioritise,
          situations: [.init(rank: 1, description: "a"), .init(rank: 3, description: "b")]))
    }
    var t3 = try tracker(in: .at3)
    #expect(throws: StepRuleViolation.missingField("rating")) {
      try t3.apply(StepEvent(date: feb(20), kind: .rolePlay))
    }
    var t5 = try tracker(in: .at5)
    #expect(throws: StepRuleViolation.missingField("outcome")) {
      try t5.apply(StepEvent(date: feb(20), kind: .attempt, selfRating: 3))
    }
    #expect(throws: StepRuleViolation.missingField("selfRating")) {
      try t5.apply(StepEvent(date: feb(20), kind: .attempt, outcome: .success))
    }
  }

  @Test func eventsMustBeInDateOrder() throws {
    var t = try tracker(in: .at3)  // last event on 2 February
    #expect(throws: StepRuleViolation.dateBeforePreviousEvent(date: feb(1), previous: feb(2))) {
      try t.apply(StepEvent(date: feb(1), kind: .rolePlay, rating: 5))
    }
  }

  @Test func messagesNameStepAndField() {
    let v = StepRuleViolation.outOfOrder(current: .setPriorities, recorded: .transfer)
    #expect(v.field == "kind")
    #expect(
      v.description
        == "an event of step 5 (Transfer to real situations) was recorded while the target is at step 2 (Set priorities among situations and behaviours); steps advance in order, and going back needs a 'regress' event with a reason."
    )
    #expect(
      v.message(in: .indonesian).hasPrefix(
        "kegiatan langkah 5 (Memindahkan pada situasi nyata) dicatat saat target berada pada langkah 2"))
  }
}

extension TrainingRules {
  /// A copy changed by `body` (test convenience).
  func with(_ body: (inout TrainingRules) -> Void) -> TrainingRules {
    var copy = self
    body(&copy)
    return copy
  }
}
