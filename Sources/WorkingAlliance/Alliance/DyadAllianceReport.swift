import AssessmentEngine

/// The settings of a dyad analysis; every threshold is here so that the output can state it.
public struct AllianceAnalysisOptions: Sendable, Hashable, Codable {
  /// The measure the trajectory, changes, ruptures and flag are computed on (default the total).
  public var measure: AllianceMeasure
  /// The metric of the trajectory, early alliance and ruptures (default the instrument's sum).
  public var metric: AllianceMetric
  /// How many first sessions make the early alliance (default 3).
  public var earlyCount: Int
  /// The rupture rule.
  public var rupture: RuptureCriterion
  /// The "alliance falling" rule.
  public var falling: FallingCriterion
  /// Reliability and SD for the reliable change index; without it no RCI is computed.
  public var reliability: ReliabilityBasis?
  /// The metric of client–PK gaps (default percent of range).
  public var gapMetric: AllianceMetric

  /// Creates options.
  public init(
    measure: AllianceMeasure = .total, metric: AllianceMetric = .sum, earlyCount: Int = 3,
    rupture: RuptureCriterion = .default,
    falling: FallingCriterion = .default, reliability: ReliabilityBasis? = nil, gapMetric: AllianceMetric = .percent
  ) {
    self.measure = measure
    self.metric = metric
    self.earlyCount = earlyCount
    self.rupture = rupture
    self.falling = falling
    self.reliability = reliability
    self.gapMetric = gapMetric
  }
}

/// Everything about one rater's series of a dyad.
public struct AllianceSeriesReport: Sendable, Hashable, Codable {
  /// The rater.
  public var rater: AllianceRater
  /// The form.
  public var instrument: String
  /// The administrations with their scores, in session order.
  public var sessions: [AllianceObservation]
  /// Sessions without a score on the analysed measure (left out of every analysis).
  public var unscoredSessions: [Int]
  /// The OLS slope per session.
  public var trajectory: AllianceOutcome<AllianceTrajectory>
  /// The mean of the first sessions.
  public var earlyAlliance: AllianceOutcome<EarlyAlliance>
  /// Session-to-session changes with their RCI (empty without a reliability basis).
  public var changes: [AllianceChange]
  /// Rupture–repair markers.
  public var ruptures: AllianceOutcome<RuptureAnalysis>
  /// The "alliance falling" flag.
  public var falling: AllianceOutcome<AllianceFallingFlag>
}

/// The alliance of one PK–client dyad across sessions: per rater, scores, trajectory, changes,
/// ruptures and the falling flag; and the client–PK gaps when both rated.
public struct DyadAllianceReport: Sendable, Hashable, Codable {
  /// The dyad.
  public var dyad: String
  /// The settings used.
  public var options: AllianceAnalysisOptions
  /// One report per rater (client first).
  public var series: [AllianceSeriesReport]
  /// Client vs PK, when the dyad has both series; `nil` otherwise.
  public var ratingGaps: AllianceOutcome<AllianceRatingGaps>?

  /// Analyses a dyad's series (at most one per rater, all of the same dyad).
  ///
  /// - Throws: ``DyadAllianceError`` when the series belong to different dyads or two share a rater.
  /// - Complexity: O(*n* · ``RuptureCriterion/repairWithin``) for *n* administrations.
  public init(series input: [AllianceSeries], options: AllianceAnalysisOptions = .init()) throws(DyadAllianceError) {
    guard let first = input.first else { throw DyadAllianceError(kind: .noSeries) }
    let dyads = Set(input.map(\.dyad))
    guard dyads.count == 1 else { throw DyadAllianceError(kind: .differentDyads(dyads.sorted())) }
    for rater in AllianceRater.allCases where input.filter({ $0.rater == rater }).count > 1 {
      throw DyadAllianceError(kind: .twoSeriesForRater(dyad: first.dyad, rater: rater))
    }
    let ordered = input.sorted {
      AllianceRater.allCases.firstIndex(of: $0.rater) ?? 0 < AllianceRater.allCases.firstIndex(of: $1.rater) ?? 0
    }
    self.dyad = first.dyad
    self.options = options
    self.series = ordered.map { Self.report($0, options) }
    if let client = ordered.first(where: { $0.rater == .client }), let pk = ordered.first(where: { $0.rater == .pk }) {
      // Same dyad and the right raters were checked above, so the comparison cannot throw.
      self.ratingGaps = try? AllianceRatingGaps.compare(client: client, pk: pk, metric: options.gapMetric)
    } else {
      self.ratingGaps = nil
    }
  }

  static func report(_ s: AllianceSeries, _ o: AllianceAnalysisOptions) -> AllianceSeriesReport {
    var changes: [AllianceChange] = []
    if let basis = o.reliability {
      let p = s.points(o.measure, basis.metric)
      changes = zip(p, p.dropFirst()).compactMap { AllianceSeries.change(measure: o.measure, $0, $1, basis) }
    }
    return AllianceSeriesReport(
      rater: s.rater, instrument: s.instrument, sessions: s.observations,
      unscoredSessions: s.observations.filter { $0.scores[o.measure] == nil }.map(\.session),
      trajectory: s.trajectory(o.measure, metric: o.metric),
      earlyAlliance: s.earlyAlliance(o.measure, metric: o.metric, count: o.earlyCount),
      changes: changes,
      ruptures: s.ruptures(o.measure, metric: o.metric, criterion: o.rupture),
      falling: s.falling(
        o.measure, criterion: o.falling, basis: o.reliability, ruptures: o.rupture, ruptureMetric: o.metric))
  }
}

/// Series that do not make one dyad.
public struct DyadAllianceError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// What is wrong.
  public enum Kind: Sendable, Hashable, Codable {
    /// No series were given.
    case noSeries
    /// The series belong to different dyads.
    case differentDyads([String])
    /// Two series of one dyad have the same rater.
    case twoSeriesForRater(dyad: String, rater: AllianceRater)
  }

  /// What is wrong.
  public var kind: Kind

  /// Creates the error.
  public init(kind: Kind) { self.kind = kind }

  /// A sentence saying what is wrong.
  public var description: String {
    switch kind {
    case .noSeries: "A dyad report needs at least one series."
    case .differentDyads(let d):
      "A dyad report takes the series of one dyad; got \(d.map { Redaction.quote($0) }.joined(separator: ", "))."
    case .twoSeriesForRater(let d, let r):
      "Dyad \(Redaction.quote(d)) has two \(r.label.english.lowercased()) series; merge them into one."
    }
  }
}
