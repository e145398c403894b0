/// One respondent's score on one scale.
public struct ScaleScore: Sendable, Hashable, Codable {
  /// The scale sum on the instrument's metric, or `nil` when the scale could not be scored.
  public var sum: Double?
  /// The scale mean (per item), or `nil` when the scale could not be scored.
  public var mean: Double?
  /// How many of the scale's items were answered.
  public var answered: Int
  /// How many were not.
  public var missing: Int
  /// Why there is no score, when there is none.
  public var absence: AbsenceReason?

  /// Creates a score.
  public init(sum: Double?, mean: Double?, answered: Int, missing: Int, absence: AbsenceReason?) {
    self.sum = sum
    self.mean = mean
    self.answered = answered
    self.missing = missing
    self.absence = absence
  }
}

/// Why a scale has no score for a respondent.
public enum AbsenceReason: Sendable, Hashable, Codable, CustomStringConvertible {
  /// None of the scale's items was answered.
  case noItemsAnswered
  /// Fewer items were answered than the prorating rule requires.
  case tooFewAnswered(answered: Int, required: Int)
  /// A missing item could not be imputed because nobody in the data answered it.
  case noImputationValue(items: [String])

  /// A sentence stating the reason.
  public var description: String {
    switch self {
    case .noItemsAnswered: "no item of the scale was answered"
    case .tooFewAnswered(let answered, let required):
      "only \(answered) item\(answered == 1 ? "" : "s") answered; the missing-data rule requires \(required)"
    case .noImputationValue(let items):
      "no respondent answered \(items.map { "'\($0)'" }.joined(separator: ", ")), so a missing response there cannot be imputed"
    }
  }
}
