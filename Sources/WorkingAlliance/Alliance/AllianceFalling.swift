import AssessmentEngine

/// When a series is flagged "alliance falling" (*aliansi menurun*): the early-warning rule for a PK and
/// a head of Bapas, who need to see a relationship weakening before a client stops reporting.
///
/// This is **our rule**, not a published instrument cut-off; each part rests on a published idea and
/// each threshold is configurable. The flag is raised when any of these holds at the latest session:
///
/// 1. **Successive declines**: the last ``consecutiveDeclines`` session-to-session changes are all
///    decreases, adding up to at least ``minimumDecline`` points on the 0–100 percent-of-range metric.
/// 2. **Reliable deterioration** (only with a ``ReliabilityBasis``): the latest score is reliably
///    below the series' best earlier score, RCI < −1.96 (Jacobson & Truax 1991).
/// 3. **Unrepaired rupture**: a rupture under the ``RuptureCriterion`` (Gumz et al. 2012's summary of
///    Stiles et al. 2004) that no later session has repaired.
public struct FallingCriterion: Sendable, Hashable, Codable {
  /// How many successive decreases raise the flag (default 3).
  public var consecutiveDeclines: Int
  /// The least total decrease over them, in percent-of-range points (default 10).
  public var minimumDecline: Double

  /// Creates a criterion.
  public init(consecutiveDeclines: Int = 3, minimumDecline: Double = 10) {
    self.consecutiveDeclines = consecutiveDeclines
    self.minimumDecline = minimumDecline
  }

  /// Three successive decreases totalling at least 10 points of the range.
  public static let `default` = FallingCriterion()
}

/// One reason a series is flagged, with its evidence.
public enum FallingEvidence: Sendable, Hashable, Codable, BilingualLabelled {
  /// The scores fell at every one of `sessions` (first to last), by `decline` percent-of-range points
  /// in all, against the `threshold`.
  case successiveDeclines(sessions: [Int], decline: Double, threshold: Double)
  /// The latest session is reliably below the best earlier one.
  case reliableDeterioration(change: AllianceChange)
  /// A rupture that no later session repaired.
  case unrepairedRupture(rupture: RuptureEvent)

  /// The kind of evidence, in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .successiveDeclines: LocalizedText(id: "Menurun berturut-turut", en: "Successive declines")
    case .reliableDeterioration: LocalizedText(id: "Memburuk secara andal", en: "Reliable deterioration")
    case .unrepairedRupture: LocalizedText(id: "Keretakan belum pulih", en: "Unrepaired rupture")
    }
  }

  /// A sentence a PK can read.
  public var summary: String {
    switch self {
    case .successiveDeclines(let sessions, let decline, let threshold):
      return
        "fell at each of sessions \(sessions.map(String.init).joined(separator: ", ")): \(fmt(decline)) points of the range in all (threshold \(fmt(threshold)))"
    case .reliableDeterioration(let c):
      return
        "session \(c.toSession) is reliably below session \(c.fromSession): RCI \(fmt(c.rci)) < −\(fmt(c.reliableChange.criterion)) (r = \(fmt(c.basis.reliability)), SD = \(fmt(c.basis.sd)), \(c.basis.source.rawValue))"
    case .unrepairedRupture(let e):
      return
        "rupture at session \(e.ruptureSession): dropped \(fmt(e.drop)) from session \(e.beforeSession) (threshold \(fmt(e.threshold))) and has not returned"
    }
  }
}

/// Rounds to two decimals for sentences (the JSON keeps full precision).
func fmt(_ x: Double) -> String {
  let r = (x * 100).rounded() / 100
  return r == r.rounded() ? String(Int(r)) : String(r)
}

/// The "alliance falling" flag of a series and its evidence.
public struct AllianceFallingFlag: Sendable, Hashable, Codable {
  /// Whether any rule fired.
  public var isFalling: Bool
  /// The latest scored session.
  public var latestSession: Int
  /// Every rule that fired, with its evidence.
  public var evidence: [FallingEvidence]
  /// The criterion applied.
  public var criterion: FallingCriterion
}

extension AllianceSeries {
  /// The "alliance falling" flag on `measure` (see ``FallingCriterion`` for the rules).
  ///
  /// - Parameters:
  ///   - measure: the measure flagged (default the total).
  ///   - criterion: the rules and their thresholds.
  ///   - basis: when given, rule 2 (reliable deterioration) is applied on its metric.
  ///   - rupture: the rupture rule for rule 3 (argument label `ruptures`).
  ///   - ruptureMetric: the metric the rupture rule reads (default the sum).
  /// - Returns: ``NotEnoughData`` (analysis `falling`) with fewer than 2 scored sessions.
  public func falling(
    _ measure: AllianceMeasure = .total, criterion: FallingCriterion = .default, basis: ReliabilityBasis? = nil,
    ruptures rupture: RuptureCriterion = .default, ruptureMetric: AllianceMetric = .sum
  ) -> AllianceOutcome<AllianceFallingFlag> {
    let pct = points(measure, .percent)
    guard pct.count >= 2, let latest = pct.last else { return .notEnoughData(notEnough(.falling, pct, required: 2)) }
    var evidence: [FallingEvidence] = []

    let k = criterion.consecutiveDeclines
    if k >= 1, pct.count > k {  // (not k + 1: any Int is a valid criterion and must not overflow)
      let window = Array(pct.suffix(k + 1))
      let allDown = zip(window, window.dropFirst()).allSatisfy { $1.value < $0.value }
      let decline = window[0].value - window[k].value
      if allDown, decline >= criterion.minimumDecline {
        evidence.append(
          .successiveDeclines(sessions: window.map(\.session), decline: decline, threshold: criterion.minimumDecline))
      }
    }

    if let basis {
      let p = points(measure, basis.metric)
      if p.count >= 2, let last = p.last, let peak = p.dropLast().max(by: { $0.value < $1.value }) {
        if let change = Self.change(measure: measure, peak, last, basis), change.category == .deteriorated {
          evidence.append(.reliableDeterioration(change: change))
        }
      }
    }

    if case .value(let analysis) = ruptures(measure, metric: ruptureMetric, criterion: rupture) {
      let p = points(measure, ruptureMetric)
      for event in analysis.events where event.status != .repaired {
        let target = event.atRupture + rupture.repairFraction * event.drop
        let returned = p.contains { $0.session > event.ruptureSession && $0.value >= target }
        if !returned { evidence.append(.unrepairedRupture(rupture: event)) }
      }
    }
    return .value(
      AllianceFallingFlag(
        isFalling: !evidence.isEmpty, latestSession: latest.session, evidence: evidence, criterion: criterion))
  }
}
