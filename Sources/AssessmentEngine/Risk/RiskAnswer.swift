/// The answer recorded for one item.
///
/// JSON: a string for a choice (`"yes"`, `"2"`), an integer for a count (`4`), `null` for an item
/// left unanswered. An item absent from the answer sheet also counts as unanswered.
public enum RiskAnswer: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One of a choice item's answer values.
  case choice(String)
  /// A count for a count item.
  case count(Int)
  /// Explicitly unanswered.
  case unanswered

  /// Decodes a string, an integer or `null`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .unanswered
    } else if let n = try? c.decode(Int.self) {
      self = .count(n)
    } else {
      self = .choice(try c.decode(String.self))
    }
  }

  /// Encodes a string, an integer or `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .choice(let s): try c.encode(s)
    case .count(let n): try c.encode(n)
    case .unanswered: try c.encodeNil()
    }
  }

  /// The answer as written in messages: `"yes"`, `4`, `unanswered`.
  public var description: String {
    switch self {
    case .choice(let s): Redaction.quote(s)
    case .count(let n): "\(n)"
    case .unanswered: "unanswered"
    }
  }
}

/// One problem with an answer sheet or the person's population.
public enum RiskScoringProblem: Sendable, Hashable, Codable, CustomStringConvertible {
  /// An answer for an item this instrument does not have (e.g. an item of another instrument).
  case unknownItem(item: String, instrument: String)
  /// A choice answer that is not in the item's table.
  case answerNotInTable(item: String, answer: String, allowed: [String])
  /// A count no range of the item covers (negative, or above a closed last range).
  case countOutOfRange(item: String, count: Int)
  /// A count given for a choice item or a choice for a count item.
  case wrongAnswerType(item: String, expected: String)
  /// More items unanswered than a limit allows; `domain` is `nil` for the instrument-wide limit.
  case tooManyMissing(domain: String?, missing: [String], limit: Int)
  /// No cut-off table matches the person's population.
  case noCutoffTable(population: ClientPopulation, instrument: String)

  /// A sentence naming the item or field and why.
  public var description: String {
    switch self {
    case .unknownItem(let item, let instrument):
      "Item '\(item)' is not an item of instrument '\(instrument)'; answers from another instrument cannot be scored."
    case .answerNotInTable(let item, let answer, let allowed):
      "Item '\(item)': the answer \(Redaction.quote(answer)) is not in the item's table (allowed: \(allowed.map { "'\($0)'" }.joined(separator: ", ")))."
    case .countOutOfRange(let item, let count):
      "Item '\(item)': the count \(Redaction.bare(String(count))) is outside every range of the item's table."
    case .wrongAnswerType(let item, let expected):
      "Item '\(item)': expected \(expected)."
    case .tooManyMissing(let domain, let missing, let limit):
      (domain.map { "Domain '\($0)'" } ?? "The instrument")
        + " has \(missing.count) unanswered items (\(missing.joined(separator: ", "))) but at most \(limit) may be unanswered; it cannot be scored."
    case .noCutoffTable(let population, let instrument):
      "Instrument '\(instrument)' has no cut-off table for this person (\(population.redactableDescription)); the band cannot be determined."
    }
  }
}

extension ClientPopulation {
  /// ``description`` with the age in years through ``Redaction`` (a message may not quote it under
  /// redaction; gender and age group are the cut-off tables' vocabulary and stay).
  fileprivate var redactableDescription: String {
    [
      gender?.rawValue ?? "gender unknown", ageGroup?.rawValue ?? "age group unknown",
      ageYears.map { "aged \(Redaction.bare(String($0)))" } ?? "age unknown",
    ].joined(separator: ", ")
  }
}

/// Why an answer sheet could not be scored: every problem found, each naming its item or field.
public struct RiskScoringError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// The problems, in instrument order.
  public var problems: [RiskScoringProblem]

  /// Creates an error.
  public init(problems: [RiskScoringProblem]) { self.problems = problems }

  /// One line per problem.
  public var description: String {
    (["The assessment cannot be scored:"] + problems.map { "- \($0.description)" }).joined(separator: "\n")
  }
}
