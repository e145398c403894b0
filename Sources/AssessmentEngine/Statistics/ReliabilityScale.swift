/// How response codes map to values: the SDK's documented response layout.
///
/// A cell holds a `UInt8` code: 0 = missing, c ≥ 1 means the value c + (minimum − 1). Codes run
/// from 1 to `levels` = maximum − minimum + 1. Reverse keying maps a value v to
/// minimum + maximum − v, i.e. the code c to levels + 1 − c.
public struct ResponseCoding: Sendable, Hashable, Codable {
  /// The smallest response value (e.g. 1 for a 1–5 Likert scale).
  public var minimum: Int
  /// The largest response value.
  public var maximum: Int

  /// A coding for responses `minimum...maximum`.
  public init(minimum: Int, maximum: Int) {
    self.minimum = minimum
    self.maximum = maximum
  }

  /// Number of response categories, maximum − minimum + 1.
  public var levels: Int { maximum - minimum + 1 }

  /// The value a code stands for (`nil` for 0, missing).
  public func value(ofCode code: UInt8) -> Int? {
    code == 0 ? nil : Int(code) + minimum - 1
  }
}

/// A scale for reliability analysis: columns of the response buffer and a key per item.
///
/// `keys[i]` is +1 for a positively keyed item and −1 for a reverse-keyed one
/// (value' = minimum + maximum − value, as psych's `scoreItems`/`alpha` with `min`/`max` given).
public struct ReliabilityScale: Sendable, Hashable, Codable {
  /// The scale's name (used in results and errors).
  public var name: String
  /// 0-based column indices into the row buffer, in the scale's item order.
  public var columns: [Int]
  /// +1 or −1 per item.
  public var keys: [Int]

  /// A scale over `columns`; `reversed` lists the columns that are reverse keyed.
  public init(name: String, columns: [Int], reversed: Set<Int> = []) {
    self.name = name
    self.columns = columns
    self.keys = columns.map { reversed.contains($0) ? -1 : 1 }
  }

  /// A scale with explicit keys (+1 / −1), one per column.
  public init(name: String, columns: [Int], keys: [Int]) {
    self.name = name
    self.columns = columns
    self.keys = keys
  }
}

/// How missing responses enter the covariance matrix (R psych `alpha(use=, impute=)`).
public enum ReliabilityMissingData: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Each covariance from the rows where both items were answered; each variance from the rows
  /// where the item was answered (`cov(x, use = "pairwise")`, psych's default).
  case pairwise
  /// Only rows with every item of the scale answered (`use = "complete.obs"`).
  case listwise
  /// Each missing response replaced by its item's mean over the answered rows (`impute = "mean"`).
  case imputeMean
  /// Each missing response replaced by its item's median (`scoreItems(impute = "median")`).
  case imputeMedian

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .pairwise: LocalizedText(id: "Berpasangan (pairwise)", en: "Pairwise")
    case .listwise: LocalizedText(id: "Hanya baris lengkap (listwise)", en: "Listwise (complete rows)")
    case .imputeMean: LocalizedText(id: "Imputasi rerata butir", en: "Item-mean imputation")
    case .imputeMedian: LocalizedText(id: "Imputasi median butir", en: "Item-median imputation")
    }
  }
}

/// Which n the Feldt interval and the asymptotic SE use.
public enum ConfidenceSampleSize: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// All rows, as psych's `alpha()` does (`nrow(x)`) even under listwise deletion.
  case allRows
  /// Only the rows with every item of the scale answered.
  case completeRows

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .allRows: LocalizedText(id: "Semua baris", en: "All rows")
    case .completeRows: LocalizedText(id: "Baris lengkap", en: "Complete rows")
    }
  }
}

/// Options for ``ItemMomentAccumulator/reliability(ofScaleAt:options:)``.
public struct ReliabilityOptions: Sendable, Hashable, Codable {
  /// How missing responses are handled (default pairwise, as psych).
  public var missingData: ReliabilityMissingData
  /// The n behind the Feldt CI and the asymptotic SE (default all rows, as psych).
  public var confidenceSampleSize: ConfidenceSampleSize
  /// The confidence level of the intervals (default 0.95).
  public var confidenceLevel: Double

  /// Options with psych's defaults.
  public init(
    missingData: ReliabilityMissingData = .pairwise, confidenceSampleSize: ConfidenceSampleSize = .allRows,
    confidenceLevel: Double = 0.95
  ) {
    self.missingData = missingData
    self.confidenceSampleSize = confidenceSampleSize
    self.confidenceLevel = confidenceLevel
  }
}
