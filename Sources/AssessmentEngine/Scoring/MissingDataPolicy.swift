/// What a scale score does with unanswered items.
///
/// `noImputation` ("none"), `itemMean` ("mean") and `itemMedian` ("median") reproduce `psych::scoreItems(impute = "none" | "mean" |
/// "median")` (psych 2.2.9): see each case. `prorate` is the clinical convention of scoring a scale
/// from the items answered when enough of them are.
///
/// **The SDK default** (``default``) is `prorate` with the half-scale rule: a scale is scored when at
/// least half its items (rounded up) are answered, and its sum is the answered mean × the number of
/// items (Ware, Snow, Kosinski & Gandek, 1993, *SF-36 Health Survey Manual and Interpretation Guide*,
/// "half-scale" rule). It was chosen because a respondent's score then depends on that respondent's
/// answers only (unlike item-mean or median imputation, which borrow other respondents' answers), and
/// because a sum of only the answered items (`noImputation`) is not on the scale's metric. Every `bapas`
/// output states the policy in force.
///
/// In every policy a respondent who answered **none** of a scale's items gets no score for it (psych
/// would impute all items under `mean`/`median`); the result says why.
public enum MissingDataPolicy: Sendable, Hashable, Codable {
  /// psych `impute = "none"`: the sum of the answered items (not rescaled) and their mean.
  case noImputation
  /// psych `impute = "mean"`: each missing response is replaced by that item's mean over all
  /// respondents (before reverse keying); sum over all *k* items; mean = sum / *k*.
  case itemMean
  /// psych `impute = "median"` (psych's default): as `itemMean` with the item's median.
  case itemMedian
  /// The answered items' mean, and sum = mean × *k*, when at least `minimum` items are answered;
  /// otherwise no score (``AbsenceReason/tooFewAnswered(answered:required:)``).
  case prorate(minimum: MinimumAnswered)

  /// Prorate under the half-scale rule: at least half the items (rounded up).
  public static let `default` = MissingDataPolicy.prorate(minimum: .fraction(0.5))

  /// The name used in JSON and on the command line: `none`, `mean`, `median` or `prorate`.
  public var name: String {
    switch self {
    case .noImputation: "none"
    case .itemMean: "mean"
    case .itemMedian: "median"
    case .prorate: "prorate"
    }
  }

  /// Whether the policy needs column statistics of the whole response set.
  public var needsColumnStatistics: Bool {
    switch self {
    case .itemMean, .itemMedian: true
    case .noImputation, .prorate: false
    }
  }

  /// A sentence stating the policy, for output metadata.
  public var summary: String {
    switch self {
    case .noImputation: "none (psych impute='none'): sum and mean of the answered items; sums are not rescaled"
    case .itemMean: "mean (psych impute='mean'): a missing response takes its item's mean over all respondents"
    case .itemMedian: "median (psych impute='median'): a missing response takes its item's median over all respondents"
    case .prorate(let minimum): "prorate: scored when \(minimum.summary) are answered; sum = answered mean × items"
    }
  }

  private enum CodingKeys: String, CodingKey { case policy, minimumAnswered, minimumAnsweredFraction }

  /// Decodes `{"policy": "prorate", "minimumAnswered": 3}` (or `"minimumAnsweredFraction": 0.5`),
  /// `{"policy": "none" | "mean" | "median"}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let policy = try c.decode(String.self, forKey: .policy)
    switch policy {
    case "none": self = .noImputation
    case "mean": self = .itemMean
    case "median": self = .itemMedian
    case "prorate":
      if let count = try c.decodeIfPresent(Int.self, forKey: .minimumAnswered) {
        self = .prorate(minimum: .count(count))
      } else if let fraction = try c.decodeIfPresent(Double.self, forKey: .minimumAnsweredFraction) {
        self = .prorate(minimum: .fraction(fraction))
      } else {
        self = .default
      }
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .policy, in: c, debugDescription: "unknown missing-data policy '\(policy)'")
    }
  }

  /// Encodes the JSON form described at ``init(from:)``.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .policy)
    if case .prorate(let minimum) = self {
      switch minimum {
      case .count(let n): try c.encode(n, forKey: .minimumAnswered)
      case .fraction(let f): try c.encode(f, forKey: .minimumAnsweredFraction)
      }
    }
  }
}

/// The least number of answered items for a prorated score.
public enum MinimumAnswered: Sendable, Hashable {
  /// At least this many items (capped at the scale's item count).
  case count(Int)
  /// At least this fraction of the scale's items, rounded up (0 < fraction ≤ 1).
  case fraction(Double)

  /// The number of items required of a scale of `itemCount` items (at least 1).
  public func required(of itemCount: Int) -> Int {
    switch self {
    case .count(let n): return Swift.max(1, Swift.min(n, itemCount))
    case .fraction(let f):
      let exact = f * Double(itemCount)
      // Guard against 0.5 * 4 = 2.0000000000000004-style rounding pushing the count up by one.
      let rounded = (exact - 1e-9).rounded(.up)
      return Swift.max(1, Swift.min(itemCount, Int(rounded)))
    }
  }

  /// A phrase such as "at least 3 items" or "at least 50% of the items".
  public var summary: String {
    switch self {
    case .count(let n): "at least \(n) item\(n == 1 ? "" : "s")"
    case .fraction(let f): "at least \(formatPercent(f)) of the items (rounded up)"
    }
  }

  private func formatPercent(_ f: Double) -> String {
    let p = f * 100
    return p.rounded() == p ? "\(Int(p))%" : "\(p)%"
  }
}
