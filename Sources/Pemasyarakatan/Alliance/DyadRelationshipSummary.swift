import AssessmentEngine
import WorkingAlliance

/// A PK–client dyad's alliance scores beside the relationship phases the PK recorded on contacts.
///
/// Seed 003 describes the PK–client relationship as moving between cooperative, passive/apathetic and
/// confrontational phases (``RelationshipPhase``), and the working alliance (Bordin 1979) as the way
/// guidance works. The summary lays the two records side by side — it does not turn one into the
/// other: each administration gets the phase of the latest contact on or before its date that carries
/// a phase, and the phases recorded since the rater's previous administration. No category is derived
/// from the scores; the "alliance falling" flag is WorkingAlliance's, with its evidence.
public struct DyadRelationshipSummary: Sendable, Hashable, Codable {
  /// The dyad.
  public var dyad: String
  /// The measure shown.
  public var measure: AllianceMeasure
  /// The metric shown (default the 0–100 percent of range, comparable across forms).
  public var metric: AllianceMetric
  /// One row per administration, client series first, each in session order.
  public var administrations: [Row]
  /// How often each phase was recorded on the contacts, in ``RelationshipPhase`` order (zeros left out).
  public var phaseCounts: [PhaseCount]
  /// How many contacts carry a phase.
  public var contactsWithPhase: Int
  /// The "alliance falling" flag of each series, in the order of the series.
  public var falling: [RaterFlag]

  /// One administration beside the recorded phase.
  public struct Row: Sendable, Hashable, Codable {
    /// Who rated.
    public var rater: AllianceRater
    /// The session.
    public var session: Int
    /// The date of the administration, when recorded.
    public var date: CivilDate?
    /// The score on the summary's measure and metric; `nil` when it could not be scored.
    public var score: Double?
    /// The phase on the latest contact on or before ``date`` that carries one; `nil` when the
    /// administration is undated or no earlier contact has a phase.
    public var phase: RelationshipPhase?
    /// The date of that contact.
    public var phaseRecordedOn: CivilDate?
    /// That contact's id.
    public var phaseContactID: ContactID?
    /// Phases recorded after the rater's previous administration, up to and including this date.
    public var phasesSincePrevious: [PhaseCount]
  }

  /// A phase and how many contacts recorded it.
  public struct PhaseCount: Sendable, Hashable, Codable {
    /// The phase.
    public var phase: RelationshipPhase
    /// The number of contacts.
    public var count: Int
  }

  /// A series' falling flag.
  public struct RaterFlag: Sendable, Hashable, Codable {
    /// The rater.
    public var rater: AllianceRater
    /// The flag, or why there is none.
    public var falling: AllianceOutcome<AllianceFallingFlag>
  }

  /// Builds the summary of one dyad.
  ///
  /// - Parameters:
  ///   - series: the dyad's alliance series (client and/or PK), all with the same dyad id.
  ///   - contacts: the dyad's contacts (e.g. ``CaseFile/contacts``), in any order.
  ///   - measure: the measure shown (default the total).
  ///   - metric: the metric shown (default percent of range).
  ///   - falling: the flag's rule; `basis` enables its reliable-change part.
  ///   - basis: the reliability behind the flag's reliable-change rule, if any.
  /// - Throws: `DyadAllianceError` when the series belong to different dyads or repeat a rater.
  /// - Complexity: O(*a* · *c*) for *a* administrations and *c* contacts.
  public init(
    series: [AllianceSeries], contacts: [Contact], measure: AllianceMeasure = .total, metric: AllianceMetric = .percent,
    falling: FallingCriterion = .default, basis: ReliabilityBasis? = nil
  ) throws(DyadAllianceError) {
    let report = try DyadAllianceReport(
      series: series, options: AllianceAnalysisOptions(measure: measure, falling: falling, reliability: basis))
    // The domain's own timeline: phases in date order, contacts without one skipped.
    let phased = contacts.relationshipTimeline
    var rows: [Row] = []
    for s in report.series {
      var previous: CivilDate? = nil
      for o in s.sessions {
        let day = o.date.flatMap { try? CivilDate(year: $0.year, month: $0.month, day: $0.day) }
        var row = Row(
          rater: s.rater, session: o.session, date: o.date, score: o.scores[measure]?.value(metric), phase: nil,
          phaseRecordedOn: nil, phaseContactID: nil, phasesSincePrevious: [])
        if let day {
          if let latest = phased.last(where: { $0.date <= day }) {
            row.phase = latest.phase
            row.phaseRecordedOn = latest.date
            row.phaseContactID = latest.contactID
          }
          row.phasesSincePrevious = Self.counts(
            phased.filter { c in c.date <= day && (previous.map { c.date > $0 } ?? true) })
          previous = day
        }
        rows.append(row)
      }
    }
    self.dyad = report.dyad
    self.measure = measure
    self.metric = metric
    self.administrations = rows
    self.phaseCounts = Self.counts(phased)
    self.contactsWithPhase = phased.count
    self.falling = report.series.map { RaterFlag(rater: $0.rater, falling: $0.falling) }
  }

  static func counts(_ observations: [PhaseObservation]) -> [PhaseCount] {
    RelationshipPhase.allCases.compactMap { phase in
      let n = observations.filter { $0.phase == phase }.count
      return n > 0 ? PhaseCount(phase: phase, count: n) : nil
    }
  }
}
