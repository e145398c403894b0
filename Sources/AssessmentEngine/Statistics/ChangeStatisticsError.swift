/// Why a change statistic (reliable change, cut-offs, effect sizes, test–retest r) could not be computed.
///
/// Structured data — which input, which value, why — rendered by ``description`` as one sentence.
public enum ChangeStatisticsError: Error, Equatable, Codable, Sendable, CustomStringConvertible {
  /// An input was NaN or infinite (`input` names the parameter, e.g. `"pre"`).
  case notFinite(input: String)
  /// A standard deviation was zero or negative (`input` names it, e.g. `"sd"`, `"functionalSD"`).
  case nonPositiveStandardDeviation(input: String, value: Double)
  /// A reliability outside [0, 1).
  case reliabilityOutOfRange(value: Double)
  /// A criterion (critical value) or cut-off multiplier that is not positive.
  case nonPositiveCriterion(input: String, value: Double)
  /// A confidence level outside (0, 1).
  case confidenceLevelOutOfRange(value: Double)
  /// Paired data of unequal length.
  case unequalLengths(pre: Int, post: Int)
  /// Too few pairs for the statistic.
  case tooFewPairs(count: Int, minimum: Int)
  /// A series (`"pre"`, `"post"` or `"difference"`) without any variation.
  case zeroVariance(series: String)
  /// Cut-offs whose norms put the functional mean on the wrong side of the dysfunctional mean for
  /// the stated direction.
  case normsContradictDirection(functionalMean: Double, dysfunctionalMean: Double)

  /// One sentence a researcher or PK understands.
  public var description: String {
    switch self {
    case .notFinite(let input):
      "The value given for \(input) is not a finite number."
    case .nonPositiveStandardDeviation(let input, let value):
      "The standard deviation \(input) must be greater than 0 (got \(value))."
    case .reliabilityOutOfRange(let value):
      "The reliability must be at least 0 and below 1 (got \(value))."
    case .nonPositiveCriterion(let input, let value):
      "The \(input) must be greater than 0 (got \(value))."
    case .confidenceLevelOutOfRange(let value):
      "The confidence level must lie strictly between 0 and 1 (got \(value))."
    case .unequalLengths(let pre, let post):
      "Pre and post scores must be paired, but there are \(pre) pre scores and \(post) post scores."
    case .tooFewPairs(let count, let minimum):
      "At least \(minimum) complete pre–post pairs are needed; there are \(count)."
    case .zeroVariance(let series):
      "The \(series) scores do not vary, so the statistic is undefined."
    case .normsContradictDirection(let functionalMean, let dysfunctionalMean):
      "The functional norm mean (\(functionalMean)) is not on the better side of the dysfunctional mean (\(dysfunctionalMean)) for the stated score direction."
    }
  }
}
