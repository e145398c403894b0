import AssessmentEngine

/// One PK checklist as used.
public struct ChecklistRecord: Sendable, Hashable, Codable {
  /// The client.
  public var client: ClientID
  /// Baseline, post or follow-up.
  public var occasion: OutcomeOccasion
  /// The day.
  public var date: CivilDate
  /// The rating PK.
  public var rater: OfficerID
  /// The outcomes observed, in the canonical order of ``ObservableOutcome``.
  public var observed: [ObservableOutcome]
}

/// How many checked clients showed each observable outcome on one occasion.
public struct ChecklistCount: Sendable, Hashable, Codable {
  /// The occasion.
  public var occasion: OutcomeOccasion
  /// Clients with a checklist on that occasion.
  public var clientsChecked: Int
  /// Per outcome (all five, canonical order), the number of clients in whom it was observed.
  public var observed: [OutcomeCount]
}

/// The number of clients in whom one observable outcome was observed.
public struct OutcomeCount: Sendable, Hashable, Codable {
  /// The outcome.
  public var outcome: ObservableOutcome
  /// How many clients showed it.
  public var count: Int
}

extension OutcomeAnalysis {
  /// The readable checklists of enrolled clients, one per client and occasion, none dated before
  /// the client's baseline checklist, and the counts per occasion.
  static func checklists(
    _ group: AssertiveTrainingGroup, enrolled: Set<ClientID>, issues: inout [AssertiveTrainingIssue]
  ) -> ([ChecklistRecord], [ChecklistCount]) {
    var records: [ChecklistRecord] = []
    var indices: [Int] = []
    for (o, record) in group.observations.enumerated() {
      let path = "$.observations[\(o)]"
      guard let c = record.value else {
        if case .invalid(_, let p, let reason) = record {
          issues.append(.init(path: p, problem: .unreadableRecord(reason: reason)))
        }
        continue
      }
      guard enrolled.contains(c.client) else {
        issues.append(.init(path: "\(path).client", client: c.client, problem: .clientNotEnrolled))
        continue
      }
      if records.contains(where: { $0.client == c.client && $0.occasion == c.occasion }) {
        issues.append(.init(path: "\(path).occasion", client: c.client, problem: .duplicateChecklist))
        continue
      }
      let observed = ObservableOutcome.allCases.filter { c.observed.contains($0) }
      records.append(
        ChecklistRecord(client: c.client, occasion: c.occasion, date: c.date, rater: c.rater, observed: observed))
      indices.append(o)
    }
    var kept: [ChecklistRecord] = []
    for (r, index) in zip(records, indices) {
      if r.occasion != .baseline,
        let base = records.first(where: { $0.client == r.client && $0.occasion == .baseline }), r.date < base.date
      {
        issues.append(
          .init(
            path: "$.observations[\(index)].date", client: r.client,
            problem: .occasionBeforeBaseline(occasion: r.occasion, date: r.date, baseline: base.date)))
        continue
      }
      kept.append(r)
    }
    let counts: [ChecklistCount] = OutcomeOccasion.allCases.compactMap { occasion in
      let on = kept.filter { $0.occasion == occasion }
      guard !on.isEmpty else { return nil }
      let observed = ObservableOutcome.allCases.map { outcome in
        OutcomeCount(outcome: outcome, count: on.filter { $0.observed.contains(outcome) }.count)
      }
      return ChecklistCount(occasion: occasion, clientsChecked: on.count, observed: observed)
    }
    return (kept, counts)
  }
}
