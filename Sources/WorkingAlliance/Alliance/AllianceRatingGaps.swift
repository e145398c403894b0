import AssessmentEngine

/// Client and PK ratings of the same sessions side by side, per dimension.
///
/// A gap is `client − PK` on the chosen metric (default the 0–100 percent of range, so a client form
/// and a PK form with different response scales compare). A positive gap means the client rates the
/// relationship higher than the PK does. Client and therapist ratings of the alliance are known to
/// correlate only moderately (Tryon, Blackwell & Hammel 2007, *Psychotherapy Research* 17:629–642),
/// which is why the gap is reported per dimension rather than folded into one number.
public struct AllianceRatingGaps: Sendable, Hashable, Codable {
  /// The dyad.
  public var dyad: String
  /// The metric of the gaps.
  public var metric: AllianceMetric
  /// The sessions both rated, in order.
  public var sessions: [SessionGap]
  /// The mean gap per measure over the sessions where both have that measure (`nil` when none).
  public var meanGap: [MeasureGap]

  /// The gaps at one session.
  public struct SessionGap: Sendable, Hashable, Codable {
    /// The session.
    public var session: Int
    /// Per measure: client score, PK score and their difference; measures without both scores are left out.
    public var gaps: [MeasureGap]
  }

  /// One measure's client score, PK score and gap.
  public struct MeasureGap: Sendable, Hashable, Codable {
    /// The measure.
    public var measure: AllianceMeasure
    /// The client's score (a mean over sessions in ``AllianceRatingGaps/meanGap``).
    public var client: Double
    /// The PK's score.
    public var pk: Double
    /// `client − pk`.
    public var gap: Double
  }
}

/// Two series that cannot be compared as client and PK ratings of one dyad.
public struct AllianceGapError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The dyads and raters given, as `dyad/rater`.
  public var given: [String]

  /// Creates the error.
  public init(given: [String]) { self.given = given }

  /// A sentence naming what was given.
  public var description: String {
    "Rating gaps compare a client series and a PK series of the same dyad; got \(given.joined(separator: " and "))."
  }
}

extension AllianceRatingGaps {
  /// Compares the client's and the PK's series of one dyad, session by session.
  ///
  /// - Returns: ``NotEnoughData`` (analysis `ratingGaps`, on the client series) when no session was
  ///   rated by both.
  /// - Throws: ``AllianceGapError`` when the series are not one dyad's client and PK series.
  /// - Complexity: O(*n* + *m*).
  public static func compare(client: AllianceSeries, pk: AllianceSeries, metric: AllianceMetric = .percent)
    throws(AllianceGapError) -> AllianceOutcome<AllianceRatingGaps>
  {
    guard client.dyad == pk.dyad, client.rater == .client, pk.rater == .pk else {
      throw AllianceGapError(given: ["\(client.dyad)/\(client.rater.rawValue)", "\(pk.dyad)/\(pk.rater.rawValue)"])
    }
    let pkBySession = Dictionary(pk.observations.map { ($0.session, $0) }, uniquingKeysWith: { a, _ in a })
    var sessions: [SessionGap] = []
    var sums: [AllianceMeasure: (client: Double, pk: Double, n: Int)] = [:]
    for c in client.observations {
      guard let p = pkBySession[c.session] else { continue }
      var gaps: [MeasureGap] = []
      for m in AllianceMeasure.allCases {
        guard let cs = c.scores[m]?.value(metric), let ps = p.scores[m]?.value(metric) else { continue }
        gaps.append(MeasureGap(measure: m, client: cs, pk: ps, gap: cs - ps))
        let s = sums[m] ?? (0, 0, 0)
        sums[m] = (s.client + cs, s.pk + ps, s.n + 1)
      }
      if !gaps.isEmpty { sessions.append(SessionGap(session: c.session, gaps: gaps)) }
    }
    guard !sessions.isEmpty else {
      let pts = client.observations
      return .notEnoughData(
        NotEnoughData(
          dyad: client.dyad, rater: .client, analysis: .ratingGaps, available: 0, required: 1,
          sessions: pts.map(\.session), lines: pts.compactMap(\.line)))
    }
    let means = AllianceMeasure.allCases.compactMap { m -> MeasureGap? in
      guard let s = sums[m], s.n > 0 else { return nil }
      let c = s.client / Double(s.n)
      let p = s.pk / Double(s.n)
      return MeasureGap(measure: m, client: c, pk: p, gap: c - p)
    }
    return .value(AllianceRatingGaps(dyad: client.dyad, metric: metric, sessions: sessions, meanGap: means))
  }
}
