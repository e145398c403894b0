import AssessmentEngine

/// The three domains of the Dual-Role Relationship Inventory – Revised (DRI-R), which measures the
/// probationer–officer relationship in mandated treatment, where the officer both cares for and
/// controls the client — the PK's *peran ganda* (seed 003).
///
/// Skeem, J. L., Eno Louden, J., Polaschek, D., & Camp, J. (2007). Assessing relationship quality in
/// mandated community treatment: Blending care with control. *Psychological Assessment*, 19(4),
/// 397–410, doi 10.1037/1040-3590.19.4.397: "caring and fairness, trust, and an authoritative (not
/// authoritarian) style"; subscale names caring-fairness, trust, toughness (SSWR 2014 abstract,
/// https://sswr.confex.com/sswr/2014/webprogram/Paper20631.html).
///
/// **Not built in**: the item numbers of each subscale and of the reverse-scored toughness items were
/// not found in any public source, so the SDK ships no DRI-R key. The measure is distributed by
/// Skeem's Risk & Resilience lab (https://risk-resilience.berkeley.edu/understanding-the-power-of-firm-fair-and-caring-relationships/);
/// a user with the licensed key writes it as an instrument definition with scales named
/// `CaringFairness`, `Trust`, `Toughness` (and optionally `Total`) and scores it with
/// ``DualRoleScorer``.
public enum DualRoleSubscale: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Caring and fairness (*kepedulian dan keadilan*).
  case caringFairness
  /// Trust (*kepercayaan*).
  case trust
  /// Toughness: an authoritative, not authoritarian, style (*ketegasan*).
  case toughness

  /// The scale id a definition uses for the subscale.
  public var scaleID: String {
    switch self {
    case .caringFairness: "CaringFairness"
    case .trust: "Trust"
    case .toughness: "Toughness"
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .caringFairness: LocalizedText(id: "Kepedulian dan keadilan", en: "Caring-fairness")
    case .trust: LocalizedText(id: "Kepercayaan", en: "Trust")
    case .toughness: LocalizedText(id: "Ketegasan", en: "Toughness")
    }
  }
}

/// A published DRI-R mean and SD for one group of supervisees.
///
/// The only published figures we could read are DRI-R **totals** (SSWR 2014 abstract, probationers
/// with serious mental illness, N = 100 across the three groups; group sizes not given). Totals this
/// large imply a summed 30-item score on a 1–7 scale (30–210); that reading is marked partly confirmed
/// in the team's notes. No subscale norms and no cut-offs were published there, so the SDK offers
/// none: a score is placed beside each group's mean and SD, never classified.
public struct DualRoleNorm: Sendable, Hashable, Codable {
  /// The group, in both languages.
  public var group: LocalizedText
  /// The mean total.
  public var mean: Double
  /// The SD of the total.
  public var sd: Double
  /// The source.
  public var source: String

  /// The three groups of the SSWR 2014 abstract.
  public static let sswr2014: [DualRoleNorm] = [
    DualRoleNorm(
      group: LocalizedText(id: "Pengadilan kesehatan jiwa", en: "Mental-health court"), mean: 185.5, sd: 29.27,
      source: sswrSource),
    DualRoleNorm(
      group: LocalizedText(id: "Probasi khusus kesehatan jiwa", en: "Specialised mental-health probation"), mean: 180.4,
      sd: 35.28, source: sswrSource),
    DualRoleNorm(
      group: LocalizedText(id: "Probasi biasa", en: "Standard probation"), mean: 170.3, sd: 41.7, source: sswrSource),
  ]

  static let sswrSource =
    "SSWR 2014 annual conference abstract (probationers with serious mental illness, N = 100), https://sswr.confex.com/sswr/2014/webprogram/Paper20631.html"
}

/// A DRI-R total beside one published group: the difference and the standard score.
public struct DualRoleNormComparison: Sendable, Hashable, Codable {
  /// The norm.
  public var norm: DualRoleNorm
  /// The client's total.
  public var total: Double
  /// `total − mean`.
  public var difference: Double
  /// `(total − mean) / sd`.
  public var z: Double
}

/// One administration's DRI-R subscale scores.
public struct DualRoleScores: Sendable, Hashable, Codable {
  /// Caring-fairness.
  public var caringFairness: ScaleScore
  /// Trust.
  public var trust: ScaleScore
  /// Toughness.
  public var toughness: ScaleScore
  /// The total, when the definition has a `Total` scale.
  public var total: ScaleScore?

  /// Creates scores.
  public init(caringFairness: ScaleScore, trust: ScaleScore, toughness: ScaleScore, total: ScaleScore?) {
    self.caringFairness = caringFairness
    self.trust = trust
    self.toughness = toughness
    self.total = total
  }

  /// The total beside each published group (``DualRoleNorm/sswr2014``), when there is a scored total.
  public func comparisons(with norms: [DualRoleNorm] = DualRoleNorm.sswr2014) -> [DualRoleNormComparison] {
    guard let t = total?.sum else { return [] }
    return norms.map { DualRoleNormComparison(norm: $0, total: t, difference: t - $0.mean, z: (t - $0.mean) / $0.sd) }
  }
}

/// Scores a user-supplied DRI-R definition into its three domains.
public struct DualRoleScorer: Sendable {
  /// The compiled definition.
  public let plan: ScoringPlan
  private let index: [Int]
  private let totalIndex: Int?

  /// A scorer for `definition`, whose scales must include `CaringFairness`, `Trust` and `Toughness`
  /// (any case); `Total` is optional.
  ///
  /// - Throws: ``DualRoleLayoutError`` naming the missing subscales.
  public init(_ definition: InstrumentDefinition, policy: MissingDataPolicy? = nil) throws(DualRoleLayoutError) {
    let ids = definition.scales.map { $0.id.lowercased() }
    let found = DualRoleSubscale.allCases.map { ids.firstIndex(of: $0.scaleID.lowercased()) }
    let missing = zip(DualRoleSubscale.allCases, found).filter { $0.1 == nil }.map(\.0)
    guard missing.isEmpty else { throw DualRoleLayoutError(instrument: definition.id, missing: missing) }
    self.index = found.compactMap { $0 }
    self.totalIndex = ids.firstIndex(of: "total")
    self.plan = ScoringPlan(definition, policy: policy)
  }

  /// The scores of one administration (responses in item order; `nil` = missing).
  ///
  /// - Throws: `ScoringError` when the row has the wrong length or a value is off the scale.
  public func score(responses: [Int?]) throws(ScoringError) -> DualRoleScores {
    let all = try plan.score(responses: responses)
    return DualRoleScores(
      caringFairness: all[index[0]], trust: all[index[1]], toughness: all[index[2]], total: totalIndex.map { all[$0] })
  }
}

/// A definition that lacks DRI-R subscales.
public struct DualRoleLayoutError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The instrument's id.
  public var instrument: String
  /// The subscales without a scale.
  public var missing: [DualRoleSubscale]

  /// Creates the error.
  public init(instrument: String, missing: [DualRoleSubscale]) {
    self.instrument = instrument
    self.missing = missing
  }

  /// A sentence naming the missing scales.
  public var description: String {
    "The instrument '\(instrument)' has no scale \(missing.map { "'\($0.scaleID)'" }.joined(separator: ", ")); a DRI-R definition needs CaringFairness, Trust and Toughness."
  }
}
