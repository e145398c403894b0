import AssessmentEngine

/// The rule that marks a rupture (a sharp drop in the alliance from one session to the next) and its
/// repair (a return afterwards).
///
/// Published criteria differ in the threshold. Gumz, Brähler, Geyer & Erices (2012), "Crisis-repair
/// sequences – considerations on the classification and assessment of breaches in the therapeutic
/// relationship", *BMC Medical Research Methodology* 12:10 (doi 10.1186/1471-2288-12-10,
/// https://pmc.ncbi.nlm.nih.gov/articles/PMC3320522/), compare them: Stiles et al. (2004, *J Couns
/// Psychol* 51:81–92) used a threshold of 2 SD, Strauss et al. (2006) 1 SD, and Gumz et al. propose
/// reporting both. The defaults follow the stricter 2 SD; every threshold is configurable.
///
/// **Our operationalisation** (stated, because the cited papers word theirs for their own measures):
/// a rupture at scored session *i* is a drop `x[i−1] − x[i] ≥ dropInSDs · SD`, where SD is
/// ``fixedSD`` when given (e.g. the SD of a reference sample, for prospective monitoring) or else the
/// series' own SD (n − 1 denominator, over all its scored sessions, as the intraindividual variability
/// of Stiles et al.). The rupture is repaired at the first of the next ``repairWithin`` scored sessions
/// whose score is at least `x[i] + repairFraction · drop` (default: back to the pre-drop level).
public struct RuptureCriterion: Sendable, Hashable, Codable {
  /// The drop, in SDs, that marks a rupture (default 2; 1 reproduces the laxer threshold).
  public var dropInSDs: Double
  /// An SD to use instead of the series' own, on the analysed metric.
  public var fixedSD: Double?
  /// How many scored sessions after the rupture a repair may take (default 3).
  public var repairWithin: Int
  /// The fraction of the drop that must be recovered (default 1: the pre-drop level).
  public var repairFraction: Double

  /// Creates a criterion.
  public init(dropInSDs: Double = 2, fixedSD: Double? = nil, repairWithin: Int = 3, repairFraction: Double = 1) {
    self.dropInSDs = dropInSDs
    self.fixedSD = fixedSD
    self.repairWithin = repairWithin
    self.repairFraction = repairFraction
  }

  /// The default: 2 SD of the series, repaired to the pre-drop level within 3 sessions.
  public static let `default` = RuptureCriterion()
}

/// Whether a rupture was repaired.
public enum RepairStatus: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The alliance returned within the window.
  case repaired
  /// The window passed without a return.
  case unrepaired
  /// The series ends before the window closes; a repair may still come.
  case open

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .repaired: LocalizedText(id: "Pulih", en: "Repaired")
    case .unrepaired: LocalizedText(id: "Tidak pulih", en: "Not repaired")
    case .open: LocalizedText(id: "Belum dapat dinilai", en: "Still open")
    }
  }
}

/// One rupture and what followed it.
public struct RuptureEvent: Sendable, Hashable, Codable {
  /// The session before the drop.
  public var beforeSession: Int
  /// The session of the drop.
  public var ruptureSession: Int
  /// The score before the drop.
  public var before: Double
  /// The score at the drop.
  public var atRupture: Double
  /// `before − atRupture`.
  public var drop: Double
  /// The drop that marks a rupture: `dropInSDs · sd`.
  public var threshold: Double
  /// The SD used.
  public var sd: Double
  /// Whether (and when) it was repaired.
  public var status: RepairStatus
  /// The session of the repair, when repaired.
  public var repairSession: Int?
  /// The score at the repair.
  public var repairedTo: Double?
}

/// The ruptures of a series and the rule that found them.
public struct RuptureAnalysis: Sendable, Hashable, Codable {
  /// The measure.
  public var measure: AllianceMeasure
  /// The metric.
  public var metric: AllianceMetric
  /// The criterion applied.
  public var criterion: RuptureCriterion
  /// The SD used (the series' own or the fixed one).
  public var sd: Double
  /// Whether the SD is the series' own (`true`) or ``RuptureCriterion/fixedSD``.
  public var sdFromSeries: Bool
  /// The ruptures, in session order.
  public var events: [RuptureEvent]
}

extension AllianceSeries {
  /// Rupture–repair markers on `measure` under `criterion`.
  ///
  /// - Returns: ``NotEnoughData`` (analysis `ruptures`) with fewer than 3 scored sessions — a drop and
  ///   a return need three points, and the series' own SD is not meaningful from two.
  /// - Complexity: O(*n* · ``RuptureCriterion/repairWithin``).
  public func ruptures(
    _ measure: AllianceMeasure = .total, metric: AllianceMetric = .sum, criterion: RuptureCriterion = .default
  ) -> AllianceOutcome<RuptureAnalysis> {
    let p = points(measure, metric)
    guard p.count >= 3 else { return .notEnoughData(notEnough(.ruptures, p, required: 3)) }
    let v = p.map(\.value)
    let sd = criterion.fixedSD ?? sampleSD(v)
    let threshold = criterion.dropInSDs * sd
    var events: [RuptureEvent] = []
    // A flat series (SD 0) has no drops at all; a non-positive threshold would mark every wobble.
    if threshold > 0 {
      for i in 1..<p.count {
        let drop = v[i - 1] - v[i]
        guard drop >= threshold else { continue }
        let target = v[i] + criterion.repairFraction * drop
        // (A window longer than the series stays open; capped so that no criterion can overflow.)
        let last = criterion.repairWithin >= p.count ? p.count : i + max(criterion.repairWithin, 0)
        var status = RepairStatus.unrepaired
        var repair: SeriesPoint? = nil
        if criterion.repairWithin >= 1, i + 1 < p.count {
          for j in (i + 1)...min(last, p.count - 1) where v[j] >= target {
            repair = p[j]
            status = .repaired
            break
          }
        }
        if repair == nil, last > p.count - 1 { status = .open }
        events.append(
          RuptureEvent(
            beforeSession: p[i - 1].session, ruptureSession: p[i].session, before: v[i - 1], atRupture: v[i],
            drop: drop,
            threshold: threshold, sd: sd, status: status, repairSession: repair?.session, repairedTo: repair?.value))
      }
    }
    return .value(
      RuptureAnalysis(
        measure: measure, metric: metric, criterion: criterion, sd: sd, sdFromSeries: criterion.fixedSD == nil,
        events: events))
  }
}

/// The sample SD (n − 1 denominator) of at least two values.
func sampleSD(_ v: [Double]) -> Double {
  let m = v.reduce(0, +) / Double(v.count)
  let ss = v.reduce(0) { $0 + ($1 - m) * ($1 - m) }
  return (ss / Double(v.count - 1)).squareRoot()
}
