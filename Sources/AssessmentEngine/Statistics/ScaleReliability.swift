/// Reliability statistics of one scale, as R psych 2.2.9 `alpha()` and `omega(nfactors = 1)`
/// report them.
///
/// JSON keys (stable): `alpha`, `standardizedAlpha`, `lambda6`, `averageR`, `medianR`,
/// `signalToNoise`, `ase`, `feldtLower`, `feldtUpper`, `duhachekLower`, `duhachekUpper`,
/// `omegaTotal`, `mean`, `sd`, `n`, `items` (an object keyed by column name), plus `name`,
/// `itemCount`, `varianceR`, `standardizedFeldtLower`, `standardizedFeldtUpper`, `rowsWithScore`,
/// `completeRows`, `missingData`, `confidenceLevel`, `itemOrder`, `omega`.
///
/// Accuracy contract (tests against psych 2.2.9 on 1,000-row fixtures): alpha family, mean, SD and
/// item statistics within 1e-12 relative; Feldt limits within 1e-9; omega within 1e-6.
public struct ScaleReliability: Sendable, Hashable, Codable {
  /// The scale's name.
  public var name: String
  /// Number of items k.
  public var itemCount: Int
  /// psych `raw_alpha`.
  public var alpha: Double
  /// psych `std.alpha`.
  public var standardizedAlpha: Double
  /// psych `G6(smc)`, Guttman's λ6.
  public var lambda6: Double
  /// psych `average_r`.
  public var averageR: Double
  /// psych `median_r`.
  public var medianR: Double
  /// psych `var.r` (nil for two items).
  public var varianceR: Double?
  /// psych `S/N`.
  public var signalToNoise: Double
  /// psych `ase`: √(Q/n) (Duhachek & Iacobucci 2004, with Hattori's correction).
  public var ase: Double
  /// Feldt (1965) lower limit for raw alpha: 1 − (1 − α)·F⁻¹(1 − p/2; n − 1, (n − 1)(k − 1)).
  public var feldtLower: Double
  /// Feldt upper limit: 1 − (1 − α)·F⁻¹(p/2; n − 1, (n − 1)(k − 1)).
  public var feldtUpper: Double
  /// The Feldt interval applied to the standardized alpha (psych `alpha.ci(std.alpha, n, k)`).
  public var standardizedFeldtLower: Double
  /// Upper limit of the same.
  public var standardizedFeldtUpper: Double
  /// α − z·ase (z = 1.96 at 95%, psych's constant; otherwise the normal quantile).
  public var duhachekLower: Double
  /// α + z·ase.
  public var duhachekUpper: Double
  /// McDonald's ω_t from the one-factor minres fit.
  public var omegaTotal: Double
  /// The one-factor fit behind ``omegaTotal``.
  public var omega: OmegaTotal
  /// Mean of the per-respondent mean score (psych `mean`).
  public var mean: Double
  /// SD of the per-respondent mean score (psych `sd`).
  public var sd: Double
  /// The n behind the Feldt interval and the ase (all rows by default, as psych).
  public var n: Int64
  /// Rows with at least one answered item of the scale.
  public var rowsWithScore: Int64
  /// Rows with every item of the scale answered.
  public var completeRows: Int64
  /// The missing-data policy used.
  public var missingData: ReliabilityMissingData
  /// The confidence level of the intervals.
  public var confidenceLevel: Double
  /// Column names in scale order.
  public var itemOrder: [String]
  /// Item statistics keyed by column name.
  public var items: [String: ItemReliability]
  /// Items without variance that psych's `alpha` deletes from the analysis (they still count in the
  /// score); empty when none.
  public var setAsideItems: [String] = []
  /// What was adjusted or could not be computed, per statistic (empty when nothing was).
  public var notes: [ReliabilityNote] = []
}

/// A per-statistic note: which statistic was adjusted (and how) or could not be computed (and why).
public struct ReliabilityNote: Sendable, Hashable, Codable {
  /// Whether the value was adjusted or is missing.
  public enum Status: String, Sendable, Hashable, Codable {
    /// The statistic was computed after a documented repair (psych's own).
    case adjusted
    /// The statistic is undefined for these data and is absent.
    case notComputed
  }
  /// The statistic(s) concerned, by JSON key.
  public var statistic: String
  /// Adjusted or not computed.
  public var status: Status
  /// One sentence saying what and why.
  public var reason: String

  /// Creates a note.
  public init(statistic: String, status: Status, reason: String) {
    self.statistic = statistic
    self.status = status
    self.reason = reason
  }
}

/// Statistics of one item within its scale (psych `item.stats`, `alpha.drop`, `response.freq`).
public struct ItemReliability: Sendable, Hashable, Codable {
  /// 0-based column of the item.
  public var column: Int
  /// +1, or −1 for a reverse-keyed item (all statistics are for the keyed item).
  public var key: Int
  /// Rows where the item was answered (all rows under imputation).
  public var n: Int64
  /// Correlation of the item with the mean score (psych `raw.r`).
  public var rawR: Double
  /// colSums(R)/√ΣR (psych `std.r`).
  public var stdR: Double
  /// SMC-corrected item–whole correlation (psych `r.cor`).
  public var rCor: Double
  /// Corrected item–total correlation, item against the rest (psych `r.drop`).
  public var rDrop: Double
  /// Mean of the keyed item.
  public var mean: Double
  /// SD of the keyed item.
  public var sd: Double
  /// Raw alpha without this item.
  public var alphaIfDeleted: Double
  /// Standardized alpha without this item.
  public var standardizedAlphaIfDeleted: Double
  /// λ6 without this item.
  public var lambda6IfDeleted: Double
  /// Average r without this item.
  public var averageRIfDeleted: Double
  /// S/N without this item (nil for a two-item scale, as psych).
  public var signalToNoiseIfDeleted: Double?
  /// ase without this item (nil for a two-item scale, as psych).
  public var aseIfDeleted: Double?
  /// var.r without this item (nil when fewer than two correlations remain).
  public var varianceRIfDeleted: Double?
  /// med.r without this item.
  public var medianRIfDeleted: Double
  /// Share of each response value among the answered rows, in value order (psych `response.freq`).
  public var responseFrequencies: [ResponseFrequency]
  /// Share of rows where the item is missing.
  public var missingShare: Double
}

/// One response value's share among an item's answered rows.
public struct ResponseFrequency: Sendable, Hashable, Codable {
  /// The response value (not the code), before reverse keying.
  public var value: Int
  /// Its share of the answered rows.
  public var share: Double
}

/// The reliability of several scales; each scale is a result or the reason it has none.
public struct ReliabilityReport: Sendable, Hashable, Codable {
  /// Rows analysed.
  public var rowCount: Int64
  /// The options used.
  public var options: ReliabilityOptions
  /// One entry per scale, in the accumulator's order.
  public var scales: [ScaleReliabilityOutcome]
}

/// A scale's statistics, or the typed reason they could not be computed.
public struct ScaleReliabilityOutcome: Sendable, Hashable, Codable {
  /// The scale's name.
  public var name: String
  /// The statistics, when computable.
  public var reliability: ScaleReliability?
  /// Why not, otherwise.
  public var error: ReliabilityError?
}
