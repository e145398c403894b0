/// A definition compiled for scoring: per scale, the item columns, their keys and the constant terms,
/// built once and then run over any number of respondents.
///
/// For a scale with forward items *F* and reverse-keyed items *R*, on a response scale `min…max`
/// stored as codes `c = x − min + 1` (see ``ResponseMatrix``), the raw sum of a respondent is
///
///     Σ_{j∈F answered} (c_j + min − 1) + Σ_{j∈R answered} (max + 1 − c_j) + Σ_{j missing} v_j
///
/// where `v_j` is the keyed imputation value (only under `mean`/`median`). The plan precomputes the
/// signs and constants so the bulk pass is integer additions per item and one store per scale.
public struct ScoringPlan: Sendable {
  /// The one compilation of the instrument this plan scores (keys, columns, policy).
  public let instrument: CompiledInstrument
  /// The compiled definition.
  public var definition: InstrumentDefinition { instrument.definition }
  /// The missing-data policy in force (the caller's, else the definition's, else the SDK default).
  public var policy: MissingDataPolicy { instrument.policy }
  /// The matrix columns the plan reads: the definition's item ids, in order.
  public var columns: [String] { instrument.columns }

  /// The keyed scales, in output order (the compiled instrument's own, not a second compilation).
  let scales: [KeyedScale]

  /// Compiles `definition` under `policy` (default: the definition's own rule, else
  /// ``MissingDataPolicy/default``): shorthand for `CompiledInstrument(definition, policy:).plan`.
  ///
  /// - Complexity: O(*s* × *k*) for *s* scales and *k* items.
  public init(_ definition: InstrumentDefinition, policy: MissingDataPolicy? = nil) {
    self.init(CompiledInstrument(definition, policy: policy))
  }

  /// The plan over a compiled instrument's scales.
  public init(_ instrument: CompiledInstrument) {
    self.instrument = instrument
    self.scales = instrument.scales
    self.scaleIDs = instrument.scales.map(\.id)
    self.scaleItemCounts = instrument.scales.map(\.columns.count)
  }

  /// The scale ids, in output order.
  public let scaleIDs: [String]
  /// The number of items in each scale.
  public let scaleItemCounts: [Int]

  /// Scores every respondent of `matrix`.
  ///
  /// Under `mean`/`median` the imputation values come from `distributions` when given (e.g. counted
  /// over a whole streamed file), else from `matrix` itself — psych's semantics.
  ///
  /// - Throws: ``ScoringError/columnMismatch(expected:found:)`` when the matrix's columns are not the
  ///   plan's, ``ScoringError/scaleMismatch(expectedMin:expectedMax:foundMin:foundMax:)`` when it is
  ///   coded on another scale.
  /// - Complexity: O(*n* × *k*) time for *n* respondents and *k* items; O(*n* × *s*) memory for the
  ///   table.
  public func score(_ matrix: ResponseMatrix, distributions: ItemDistributions? = nil) throws(ScoringError)
    -> ScoreTable
  {
    var table = ScoreTable(
      scaleIDs: scaleIDs, scaleItemCounts: scaleItemCounts, policy: policy, rowCount: 0, unimputable: [])
    try score(matrix, into: &table, distributions: distributions)
    return table
  }

  /// Scores every respondent of `matrix` into `table`, reusing its storage when it already has the
  /// right shape (a streaming caller or a benchmark then allocates once).
  ///
  /// - Throws: as ``score(_:distributions:)``.
  public func score(_ matrix: ResponseMatrix, into table: inout ScoreTable, distributions: ItemDistributions? = nil)
    throws(ScoringError)
  {
    try check(matrix)
    let imputation =
      policy.needsColumnStatistics ? (distributions ?? ItemDistributions(matrix)).imputationValues(for: policy) : nil
    let unimputable = unimputableItems(imputation)
    if table.rowCount == matrix.rowCount, table.scaleIDs == scaleIDs, table.policy == policy {
      table.unimputable = unimputable
    } else {
      table = ScoreTable(
        scaleIDs: scaleIDs, scaleItemCounts: scaleItemCounts, policy: policy, rowCount: matrix.rowCount,
        unimputable: unimputable)
    }
    BulkScorer(plan: self, imputation: keyedImputation(imputation)).score(matrix, into: &table)
  }

  private func check(_ matrix: ResponseMatrix) throws(ScoringError) {
    guard matrix.columns == columns else { throw .columnMismatch(expected: columns, found: matrix.columns) }
    guard matrix.scale.min == definition.responseScale.min, matrix.scale.max == definition.responseScale.max else {
      throw .scaleMismatch(
        expectedMin: definition.responseScale.min, expectedMax: definition.responseScale.max,
        foundMin: matrix.scale.min, foundMax: matrix.scale.max)
    }
  }

  /// Scores one respondent whose responses are given in ``columns`` order (`nil` = missing).
  ///
  /// Under `mean`/`median` pass the column imputation values (before reverse keying); without them a
  /// missing item makes the scale absent with ``AbsenceReason/noImputationValue(items:)``.
  ///
  /// - Throws: ``ScoringError`` when the row has the wrong length or a value is off the scale.
  public func score(responses: [Int?], imputationValues: [Double?]? = nil) throws(ScoringError) -> [ScaleScore] {
    var matrix = ResponseMatrix(columns: columns, scale: definition.responseScale)
    do { try matrix.append(responses) } catch { throw .invalidResponses(error) }
    let imputation = policy.needsColumnStatistics ? (imputationValues ?? columns.map { _ in nil }) : nil
    var table = ScoreTable(
      scaleIDs: scaleIDs, scaleItemCounts: scaleItemCounts, policy: policy, rowCount: 1,
      unimputable: unimputableItems(imputation))
    BulkScorer(plan: self, imputation: keyedImputation(imputation)).score(matrix, into: &table)
    return table.scores(row: 0)
  }

  /// Per scale, the items without an imputation value.
  func unimputableItems(_ imputation: [Double?]?) -> [[String]] {
    scales.map { scale in
      guard let imputation else { return [] }
      return scale.columns.filter { imputation[$0] == nil }.map { columns[$0] }
    }
  }

  /// Per scale and item position, the imputed value after keying (NaN when there is none).
  func keyedImputation(_ values: [Double?]?) -> [[Double]]? {
    guard let values else { return nil }
    let lo = Double(definition.responseScale.min)
    let hi = Double(definition.responseScale.max)
    return scales.map { scale in
      zip(scale.columns, scale.reversed).map { j, r in
        guard let v = values[j] else { return Double.nan }
        return r ? lo + hi - v : v
      }
    }
  }
}

/// A scoring request that cannot be carried out.
public enum ScoringError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The response matrix does not have the plan's columns in the plan's order.
  case columnMismatch(expected: [String], found: [String])
  /// The response matrix is coded on another response scale.
  case scaleMismatch(expectedMin: Int, expectedMax: Int, foundMin: Int, foundMax: Int)
  /// A single respondent's responses do not fit the instrument.
  case invalidResponses(ResponseMatrixError)

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .columnMismatch(let expected, let found):
      "The responses have columns \(found.joined(separator: ", ")); the instrument needs \(expected.joined(separator: ", ")) in that order."
    case .scaleMismatch(let emin, let emax, let fmin, let fmax):
      "The responses are coded \(fmin)…\(fmax); the instrument's scale is \(emin)…\(emax)."
    case .invalidResponses(let error):
      error.description
    }
  }
}
