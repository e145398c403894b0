import AssessmentEngine

/// Where one target behaviour stands after all its events were applied.
public struct TargetProgress: Sendable, Hashable, Codable {
  /// The target's id.
  public var id: String
  /// The behaviour in the PK's words.
  public var behaviour: String
  /// Its ICQ domain.
  public var domain: InterpersonalDomain
  /// The step being worked on; `nil` once all five are complete.
  public var currentStep: AssertiveTrainingStep?
  /// The highest step ever completed (kept after a step back).
  public var highestCompleted: AssertiveTrainingStep?
  /// Counts over the whole record: rehearsals, repetitions, attempts, successes.
  public var totals: StepTracker.StepCounts
  /// Every advance and step back, dated.
  public var transitions: [StepTransition]
  /// Events left out because of a problem (listed among the issues).
  public var rejectedEvents: Int

  /// Whether all five steps are complete.
  public var isCompleted: Bool { currentStep == nil }
}

/// One enrolled client's attendance and target behaviours.
public struct ClientProgress: Sendable, Hashable, Codable {
  /// The client.
  public var client: ClientID
  /// Sessions attended.
  public var sessionsAttended: Int
  /// The target behaviours, in record order.
  public var targets: [TargetProgress]

  /// The highest step completed over all targets.
  public var highestCompleted: AssertiveTrainingStep? { targets.compactMap(\.highestCompleted).max() }
}

/// The five-step progress of every enrolled client, the sessions and their attendance, and the
/// problems found in these records.
///
/// Records are checked one by one; a bad record is listed in ``issues`` and left out, and the rest of
/// the group is still analysed (see ``AssertiveTrainingIssue``).
public struct GroupProgress: Sendable, Hashable, Codable {
  /// The rules in force (the group's, or the defaults when the group's cannot hold).
  public var rules: TrainingRules
  /// The readable sessions, in record order (duplicate numbers left out).
  public var sessions: [GroupSession]
  /// One entry per enrolled client, in enrolment order.
  public var clients: [ClientProgress]
  /// Problems found, in file order.
  public var issues: [AssertiveTrainingIssue]

  /// Analyses the sessions and step records of `group`.
  ///
  /// - Complexity: O(*s*·*a* + *e*) for *s* sessions with *a* attendees and *e* step events.
  public init(group: AssertiveTrainingGroup) {
    var issues: [AssertiveTrainingIssue] = []
    let problems = group.rules.problems()
    for p in problems {
      issues.append(.init(path: "$.rules.\(p.field)", problem: .invalidRules(field: p.field, reason: p.reason)))
    }
    let rules = problems.isEmpty ? group.rules : .default
    let enrolled = Set(group.enrolled)
    let facilitators = Set(group.facilitators)
    let partners = Set(group.partners + [group.programme.partnerID].compactMap { $0 })

    var sessions: [GroupSession] = []
    var attended: [ClientID: Int] = [:]
    var numbers = Set<Int>()
    for (i, record) in group.sessions.enumerated() {
      let path = "$.sessions[\(i)]"
      guard let session = record.value else {
        if case .invalid(_, let p, let reason) = record {
          issues.append(.init(path: p, problem: .unreadableRecord(reason: reason)))
        }
        continue
      }
      guard numbers.insert(session.number).inserted else {
        issues.append(.init(path: "\(path).number", problem: .duplicateSession(session.number)))
        continue
      }
      if !facilitators.contains(session.facilitator) {
        issues.append(.init(path: "\(path).facilitator", problem: .unknownFacilitator(session.facilitator)))
      }
      if let partner = session.partner, !partners.contains(partner) {
        issues.append(.init(path: "\(path).partner", problem: .unknownPartner(partner)))
      }
      var present: [ClientID] = []
      for (j, client) in session.attendance.enumerated() {
        if enrolled.contains(client) {
          if !present.contains(client) { present.append(client) }
        } else {
          issues.append(.init(path: "\(path).attendance[\(j)]", client: client, problem: .clientNotEnrolled))
        }
      }
      for client in present { attended[client, default: 0] += 1 }
      var kept = session
      kept.attendance = present
      sessions.append(kept)
    }

    var records: [ClientID: [TargetProgress]] = [:]
    for (i, record) in group.clients.enumerated() {
      let path = "$.clients[\(i)]"
      guard let training = record.value else {
        if case .invalid(_, let p, let reason) = record {
          issues.append(.init(path: p, problem: .unreadableRecord(reason: reason)))
        }
        continue
      }
      guard enrolled.contains(training.client) else {
        issues.append(.init(path: "\(path).client", client: training.client, problem: .clientNotEnrolled))
        continue
      }
      guard records[training.client] == nil else {
        issues.append(.init(path: "\(path).client", client: training.client, problem: .duplicateClientRecord))
        continue
      }
      var targets: [TargetProgress] = []
      for (t, target) in training.targets.enumerated() {
        let targetPath = "\(path).targets[\(t)]"
        guard !targets.contains(where: { $0.id == target.id }) else {
          issues.append(
            .init(path: "\(targetPath).id", client: training.client, target: target.id, problem: .duplicateTarget))
          continue
        }
        targets.append(
          Self.track(
            target, client: training.client, path: targetPath, rules: rules, sessions: numbers, issues: &issues))
      }
      records[training.client] = targets
    }

    self.rules = rules
    self.sessions = sessions
    self.clients = group.enrolled.reduce(into: [ClientProgress]()) { out, client in
      guard !out.contains(where: { $0.client == client }) else { return }
      out.append(
        ClientProgress(client: client, sessionsAttended: attended[client] ?? 0, targets: records[client] ?? []))
    }
    self.issues = issues
  }

  /// Applies a target's events in order, recording each rejected one as an issue.
  static func track(
    _ target: TargetBehaviour, client: ClientID, path: String, rules: TrainingRules, sessions: Set<Int>,
    issues: inout [AssertiveTrainingIssue]
  ) -> TargetProgress {
    var tracker = StepTracker(rules: rules)
    var rejected = 0
    for (k, record) in target.events.enumerated() {
      let eventPath = "\(path).events[\(k)]"
      guard let event = record.value else {
        if case .invalid(_, let p, let reason) = record {
          issues.append(.init(path: p, client: client, target: target.id, problem: .unreadableRecord(reason: reason)))
        }
        rejected += 1
        continue
      }
      let step = event.kind.step ?? event.to
      if let n = event.session, !sessions.contains(n) {
        issues.append(
          .init(
            path: "\(eventPath).session", client: client, target: target.id, step: step, problem: .unknownSession(n)))
        rejected += 1
        continue
      }
      do {
        try tracker.apply(event)
      } catch {
        issues.append(
          .init(
            path: "\(eventPath).\(error.field)", client: client, target: target.id, step: step,
            problem: .stepRule(error)))
        rejected += 1
      }
    }
    return TargetProgress(
      id: target.id, behaviour: target.behaviour, domain: target.domain, currentStep: tracker.current,
      highestCompleted: tracker.highestCompleted, totals: tracker.totals, transitions: tracker.transitions,
      rejectedEvents: rejected)
  }

  /// The mean share of sessions attended per enrolled client, or `nil` without sessions or clients.
  public var attendanceRate: Double? {
    guard !sessions.isEmpty, !clients.isEmpty else { return nil }
    let total = clients.reduce(0) { $0 + Double($1.sessionsAttended) / Double(sessions.count) }
    return total / Double(clients.count)
  }
}
