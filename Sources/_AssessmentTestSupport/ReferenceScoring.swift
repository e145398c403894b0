import AssessmentEngine

/// The plain reference path: scores one respondent straight from the definition, item by item, with
/// no compiled plan, no codes and no shared code with the bulk path. Tests re-derive every bulk
/// number through it.
///
/// - Parameters:
///   - responses: values in the definition's item order; `nil` = missing.
///   - columnValues: under `mean`/`median`, every respondent's responses (for the column statistic).
public func referenceScores(
  _ definition: InstrumentDefinition, policy: MissingDataPolicy, responses: [Int?], allResponses: [[Int?]]
) -> [ScaleScore] {
  let index = Dictionary(uniqueKeysWithValues: definition.items.enumerated().map { ($1.id, $0) })
  let lo = definition.responseScale.min
  let hi = definition.responseScale.max
  return definition.scales.map { scale in
    let k = scale.items.count
    var answeredSum = 0.0
    var answered = 0
    var imputedSum = 0.0
    var unimputable: [String] = []
    for item in scale.items {
      let j = index[item]!
      let reversed = scale.reversed.contains(item)
      if let x = responses[j] {
        answeredSum += Double(reversed ? lo + hi - x : x)
        answered += 1
      } else {
        let column = allResponses.compactMap { $0[j] }.map(Double.init).sorted()
        var statistic: Double? = nil
        if !column.isEmpty {
          switch policy {
          case .itemMean: statistic = column.reduce(0, +) / Double(column.count)
          case .itemMedian:
            let n = column.count
            statistic = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2
          default: break
          }
        }
        if let statistic {
          imputedSum += reversed ? Double(lo + hi) - statistic : statistic
        } else {
          unimputable.append(item)
        }
      }
    }
    let missing = k - answered
    if answered == 0 {
      return ScaleScore(sum: nil, mean: nil, answered: 0, missing: missing, absence: .noItemsAnswered)
    }
    switch policy {
    case .noImputation:
      return ScaleScore(
        sum: answeredSum, mean: answeredSum / Double(answered), answered: answered, missing: missing, absence: nil)
    case .itemMean, .itemMedian:
      if !unimputable.isEmpty {
        return ScaleScore(
          sum: nil, mean: nil, answered: answered, missing: missing, absence: .noImputationValue(items: unimputable))
      }
      let sum = answeredSum + imputedSum
      return ScaleScore(sum: sum, mean: sum / Double(k), answered: answered, missing: missing, absence: nil)
    case .prorate(let minimum):
      let required = minimum.required(of: k)
      if answered < required {
        return ScaleScore(
          sum: nil, mean: nil, answered: answered, missing: missing,
          absence: .tooFewAnswered(answered: answered, required: required))
      }
      let mean = answeredSum / Double(answered)
      return ScaleScore(sum: mean * Double(k), mean: mean, answered: answered, missing: missing, absence: nil)
    }
  }
}

/// A small deterministic generator for property tests (SplitMix64; Steele, Lea & Flood 2014).
public struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  /// A generator from a seed.
  public init(seed: UInt64) { state = seed }
  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A uniform double in [0, 1).
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// Parses a simple numeric CSV (header, digits, empty = missing) into rows of optional integers;
/// for fixtures only, independent of the SDK's reader.
public func parseSimpleCSV(_ text: String) -> (header: [String], rows: [[Int?]]) {
  var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
    $0.hasSuffix("\r") ? $0.dropLast() : $0
  }
  let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  let rows = lines.map { line in line.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) } }
  return (header, rows)
}
