import AssessmentEngine

/// The reliability and SD the reliable change index uses, and where they come from. Every change
/// result carries its basis, so the output always states it.
public struct ReliabilityBasis: Sendable, Hashable, Codable {
  /// Where the figures come from.
  public enum Source: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
    /// Published figures for the instrument (name the publication in ``ReliabilityBasis/note``).
    case published
    /// Computed from the user's own sample (e.g. the SD of first-session scores across dyads).
    case sample
    /// Given by the user without a stated origin.
    case user

    /// The display name in Indonesian and English.
    public var label: LocalizedText {
      switch self {
      case .published: LocalizedText(id: "Angka terbitan", en: "Published figures")
      case .sample: LocalizedText(id: "Sampel pengguna", en: "User's sample")
      case .user: LocalizedText(id: "Diberikan pengguna", en: "Given by the user")
      }
    }
  }

  /// The reliability r_xx (internal consistency or test–retest), in (0, 1).
  public var reliability: Double
  /// The SD of the scores, on ``metric``.
  public var sd: Double
  /// The metric ``sd`` is on; changes are computed on it.
  public var metric: AllianceMetric
  /// Where the figures come from.
  public var source: Source
  /// A note stating the origin (publication, sample and its size).
  public var note: String

  /// Creates a basis.
  ///
  /// - Throws: ``ReliabilityBasisError`` when the reliability is not in (0, 1) or the SD is not a
  ///   positive finite number.
  public init(reliability: Double, sd: Double, metric: AllianceMetric, source: Source, note: String)
    throws(ReliabilityBasisError)
  {
    guard reliability > 0, reliability < 1 else { throw .reliabilityOutOfRange(reliability) }
    guard sd > 0, sd.isFinite else { throw .nonPositiveSD(sd) }
    self.reliability = reliability
    self.sd = sd
    self.metric = metric
    self.source = source
    self.note = note
  }
}

extension ReliabilityBasis {
  /// A basis whose SD is estimated from the user's sample: the SD (n − 1) of each series' first scored
  /// session, the baseline spread Jacobson & Truax (1991) take the SD from; the reliability is given
  /// (a published coefficient, or one computed from the sample).
  ///
  /// - Throws: ``ReliabilityBasisError`` when fewer than two series have a first score, or the SD is 0
  ///   or the reliability is out of range.
  public static func fromSample(
    _ series: [AllianceSeries], measure: AllianceMeasure = .total, metric: AllianceMetric = .sum, reliability: Double,
    reliabilityOrigin: String
  ) throws(ReliabilityBasisError) -> ReliabilityBasis {
    let first = series.compactMap { $0.points(measure, metric).first?.value }
    guard first.count >= 2 else { throw .tooFewSeries(first.count) }
    let sd = sampleSD(first)
    return try ReliabilityBasis(
      reliability: reliability, sd: sd, metric: metric, source: .sample,
      note:
        "SD \(sd) = SD of the first scored session of \(first.count) series in the sample; reliability \(reliability): \(reliabilityOrigin)"
    )
  }
}

extension ReliabilityBasis {
  /// The published figures an instrument definition carries for `measure`: the first of its norms
  /// (`ScaleNorm`) for the measure's scale that states a reliability, on that norm's metric
  /// (`sum` or `mean`). `nil` when the definition has none (the built-ins carry none: no published
  /// alliance SD was confirmed).
  public static func published(in definition: InstrumentDefinition, measure: AllianceMeasure = .total)
    -> ReliabilityBasis?
  {
    guard let layout = try? AllianceLayout(definition: definition) else { return nil }
    for norm in definition.norms(for: layout[measure]) {
      guard let r = norm.reliability else { continue }
      let metric: AllianceMetric = norm.metric == .sum ? .sum : .mean
      let note =
        "\(definition.id) norm for \(norm.scale) (\(norm.population.english)\(norm.n.map { ", n = \($0)" } ?? "")): \(norm.source)"
      if let basis = try? ReliabilityBasis(reliability: r, sd: norm.sd, metric: metric, source: .published, note: note)
      {
        return basis
      }
    }
    return nil
  }
}

/// Figures that cannot serve as a reliable-change basis.
public enum ReliabilityBasisError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The reliability is not strictly between 0 and 1.
  case reliabilityOutOfRange(Double)
  /// The SD is zero, negative or not finite.
  case nonPositiveSD(Double)
  /// Too few series have a first score to estimate the SD from the sample (at least 2 are needed).
  case tooFewSeries(Int)

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .reliabilityOutOfRange(let r): "The reliability must be between 0 and 1 (exclusive), not \(r)."
    case .nonPositiveSD(let sd): "The SD must be a positive number, not \(sd)."
    case .tooFewSeries(let n):
      "The SD cannot be estimated from the sample: \(n) series \(n == 1 ? "has" : "have") a first score, at least 2 are needed; give the SD."
    }
  }
}

/// The change between two administrations of a series, with Jacobson & Truax's (1991) reliable change
/// index.
///
///     SE   = SD · √(1 − r_xx)
///     S_diff = √2 · SE
///     RCI  = (x_later − x_earlier) / S_diff,   reliable when |RCI| > 1.96
///
/// Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical approach to defining
/// meaningful change in psychotherapy research. *J Consult Clin Psychol*, 59(1), 12–19. Higher alliance
/// is better, so a positive RCI is an improvement.
public struct AllianceChange: Sendable, Hashable, Codable {
  /// The measure.
  public var measure: AllianceMeasure
  /// The earlier session.
  public var fromSession: Int
  /// The later session.
  public var toSession: Int
  /// The reliable change from the earlier to the later score on the basis's metric, computed by
  /// AssessmentEngine's `ReliableChange` (higher is better, criterion 1.96).
  public var reliableChange: ReliableChange
  /// The reliability and SD used, and their origin.
  public var basis: ReliabilityBasis

  /// The RCI.
  public var rci: Double { reliableChange.index }
  /// Improved, unchanged or deteriorated.
  public var category: ReliableChangeCategory { reliableChange.category }
}

/// A change that cannot be computed between the requested sessions.
public struct AllianceChangeError: Error, Sendable, Equatable, Codable, RedactableDescription {
  /// The dyad.
  public var dyad: String
  /// The rater.
  public var rater: AllianceRater
  /// The requested sessions that the series lacks or that have no score on the measure.
  public var unscoredSessions: [Int]
  /// The measure.
  public var measure: AllianceMeasure
  /// The statistics module's reason, when it rejected the scores.
  public var statistics: ChangeStatisticsError?

  /// Creates the error.
  public init(
    dyad: String, rater: AllianceRater, unscoredSessions: [Int], measure: AllianceMeasure,
    statistics: ChangeStatisticsError? = nil
  ) {
    self.dyad = dyad
    self.rater = rater
    self.unscoredSessions = unscoredSessions
    self.measure = measure
    self.statistics = statistics
  }

  /// A sentence naming the dyad and the sessions.
  public var description: String {
    let who = "Dyad \(Redaction.quote(dyad)) (\(rater.label.english.lowercased()) ratings)"
    if let statistics { return "\(who): the change cannot be computed: \(statistics)" }
    return
      "\(who) has no \(measure.label.english.lowercased()) score for session\(unscoredSessions.count == 1 ? "" : "s") \(unscoredSessions.map(String.init).joined(separator: ", ")); a change needs both administrations scored."
  }
}

extension AllianceSeries {
  /// The change in `measure` from session `from` to session `to`, with its RCI on `basis`.
  ///
  /// - Throws: ``AllianceChangeError`` when either session is missing from the series or has no score
  ///   on `measure`.
  public func change(from: Int, to: Int, measure: AllianceMeasure = .total, basis: ReliabilityBasis)
    throws(AllianceChangeError) -> AllianceChange
  {
    let p = points(measure, basis.metric)
    let a = p.first { $0.session == from }
    let b = p.first { $0.session == to }
    guard let a, let b else {
      throw AllianceChangeError(
        dyad: dyad, rater: rater, unscoredSessions: [from, to].filter { s in !p.contains { $0.session == s } },
        measure: measure)
    }
    do {
      let rc = try ReliableChange(
        pre: a.value, post: b.value, sd: basis.sd, reliability: basis.reliability, direction: .higherIsBetter)
      return AllianceChange(
        measure: measure, fromSession: a.session, toSession: b.session, reliableChange: rc, basis: basis)
    } catch {
      throw AllianceChangeError(dyad: dyad, rater: rater, unscoredSessions: [], measure: measure, statistics: error)
    }
  }

  /// The change between two scored points. Series scores are finite (validated on construction) and
  /// the basis is validated, so `ReliableChange` cannot reject them; `nil` only if that ever changes.
  static func change(measure: AllianceMeasure, _ a: SeriesPoint, _ b: SeriesPoint, _ basis: ReliabilityBasis)
    -> AllianceChange?
  {
    guard
      let rc = try? ReliableChange(
        pre: a.value, post: b.value, sd: basis.sd, reliability: basis.reliability, direction: .higherIsBetter)
    else {
      return nil
    }
    return AllianceChange(
      measure: measure, fromSession: a.session, toSession: b.session, reliableChange: rc, basis: basis)
  }
}
