/// One respondent's scores in one administration, with the row they came from.
///
/// The input of ``ChangeAnalysis/compare(pre:post:parameters:direction:criterion:)``: `scores` holds
/// one ``ScaleScore`` per scale, in the order of the parameters (the instrument's scale order).
public struct ScoredRespondent: Sendable, Hashable, Codable {
  /// The respondent's id; an id that is empty after trimming white space identifies no one.
  public var id: String
  /// Where the row is in its source: the 1-based physical line of a CSV file, the case number of an
  /// SPSS file, or any position the caller reports problems by.
  public var line: Int
  /// One score per scale, in the parameters' order.
  public var scores: [ScaleScore]

  /// Creates a scored respondent.
  public init(id: String, line: Int, scores: [ScaleScore]) {
    self.id = id
    self.line = line
    self.scores = scores
  }
}

/// A respondent present in both administrations, with the change on every scale.
public struct RespondentChange: Sendable, Hashable, Codable {
  /// The id both rows carry.
  public var id: String
  /// The row in the first administration (``ScoredRespondent/line``).
  public var preLine: Int
  /// The row in the second administration.
  public var postLine: Int
  /// One change per scale, in the parameters' order.
  public var scales: [ScaleChange]

  /// Creates a row.
  public init(id: String, preLine: Int, postLine: Int, scales: [ScaleChange]) {
    self.id = id
    self.preLine = preLine
    self.postLine = postLine
    self.scales = scales
  }
}

/// A respondent that could not be paired: only in one administration, or without an id.
public struct UnpairedRespondent: Sendable, Hashable, Codable {
  /// The id as given (empty or blank for an unidentified row).
  public var id: String
  /// The row (``ScoredRespondent/line``).
  public var line: Int

  /// Creates an entry.
  public init(id: String, line: Int) {
    self.id = id
    self.line = line
  }
}

/// The result of ``ChangeAnalysis/compare(pre:post:parameters:direction:criterion:)``: the change of
/// every respondent present in both administrations and everyone who could not be paired.
///
/// JSON: `{"rows": [{"id", "preLine", "postLine", "scales": [ScaleChange…]}…], "onlyInPre": [{"id",
/// "line"}…], "onlyInPost": […], "unidentifiedPre": […], "unidentifiedPost": […]}`; each ``ScaleChange``
/// has the keys `pre`, `post`, `change`, `rci`, `reliableChange`, `clinicalSignificance`,
/// `postIsFunctional` and `reason`, absent when `nil`.
public struct ChangeComparison: Sendable, Hashable, Codable {
  /// Respondents in both administrations, in the first administration's order.
  public var rows: [RespondentChange]
  /// Respondents of the first administration whose id is not in the second, in file order.
  public var onlyInPre: [UnpairedRespondent]
  /// Respondents of the second administration whose id is not in the first, in file order.
  public var onlyInPost: [UnpairedRespondent]
  /// Rows of the first administration with an empty id (never paired).
  public var unidentifiedPre: [UnpairedRespondent]
  /// Rows of the second administration with an empty id (never paired).
  public var unidentifiedPost: [UnpairedRespondent]

  /// Creates a comparison.
  public init(
    rows: [RespondentChange] = [], onlyInPre: [UnpairedRespondent] = [], onlyInPost: [UnpairedRespondent] = [],
    unidentifiedPre: [UnpairedRespondent] = [], unidentifiedPost: [UnpairedRespondent] = []
  ) {
    self.rows = rows
    self.onlyInPre = onlyInPre
    self.onlyInPost = onlyInPost
    self.unidentifiedPre = unidentifiedPre
    self.unidentifiedPost = unidentifiedPost
  }

  /// Whether every respondent of both administrations was paired.
  public var isComplete: Bool {
    onlyInPre.isEmpty && onlyInPost.isEmpty && unidentifiedPre.isEmpty && unidentifiedPost.isEmpty
  }
}

/// Which of the two administrations a problem is in.
public enum ChangeAdministration: String, Sendable, Hashable, Codable, CaseIterable {
  /// The first administration (before).
  case pre
  /// The second administration (after).
  case post
}

/// An id given to more than one row of one administration, with every row that carries it.
public struct DuplicateRespondentID: Sendable, Hashable, Codable {
  /// The id.
  public var id: String
  /// The rows (``ScoredRespondent/line``) that carry it, in order; at least two.
  public var lines: [Int]

  /// Creates an entry.
  public init(id: String, lines: [Int]) {
    self.id = id
    self.lines = lines
  }
}

/// Why two administrations cannot be compared.
public enum ChangeComparisonError: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// Ids given to more than one row of an administration: which row is the respondent is unknown,
  /// so nothing is paired rather than a row chosen silently.
  case duplicateIDs(ChangeAdministration, [DuplicateRespondentID])
  /// A respondent whose number of scores is not the number of scales in the parameters.
  case scoreCountMismatch(ChangeAdministration, line: Int, expected: Int, found: Int)

  /// One sentence per problem; ids are quoted through ``Redaction``.
  public var description: String {
    switch self {
    case .duplicateIDs(let administration, let duplicates):
      duplicates.map { d in
        "\(administration.rawValue): the id \(Redaction.quote(d.id)) appears more than once, on lines "
          + d.lines.map(String.init).joined(separator: ", ") + "; each respondent must have one row."
      }.joined(separator: "\n")
    case .scoreCountMismatch(let administration, let line, let expected, let found):
      "\(administration.rawValue): line \(line) has \(found) scale scores; the parameters have \(expected) scales."
    }
  }
}

extension ChangeAnalysis {
  /// The ids of `respondents` given to more than one row, in the order of their first occurrence
  /// (empty ids are not duplicates: they identify no one).
  ///
  /// - Complexity: O(*n*) expected.
  public static func duplicates(in respondents: [ScoredRespondent]) -> [DuplicateRespondentID] {
    duplicateIDs(respondents.map(\.id)).map { d in
      DuplicateRespondentID(id: d.id, lines: d.positions.map { respondents[$0].line })
    }
  }

  /// Compares two scored administrations: pairs them by id (``pair(pre:post:)``) and classifies every
  /// paired respondent's change on every scale (``ScaleChange/init(pre:post:parameters:direction:criterion:)``).
  ///
  /// Rows come in the first administration's order; respondents only in one administration and rows
  /// with an empty id are listed in file order and never dropped silently.
  ///
  /// ```swift
  /// let comparison = try ChangeAnalysis.compare(pre: before, post: after, parameters: parameters)
  /// for row in comparison.rows { print(row.id, row.scales[0].rci ?? .nan) }
  /// ```
  ///
  /// - Parameters:
  ///   - pre: The first administration; each respondent's scores in the order of `parameters`.
  ///   - post: The second administration.
  ///   - parameters: One entry per scale
  ///     (``parameters(for:metric:reliabilities:standardDeviations:norms:direction:criterion:)``).
  ///   - direction: Whether a higher score is better.
  ///   - criterion: The |RCI| a reliable change must exceed.
  /// - Throws: ``ChangeComparisonError/duplicateIDs(_:_:)`` when an id is given to two rows of one
  ///   administration (the first administration is checked first), and
  ///   ``ChangeComparisonError/scoreCountMismatch(_:line:expected:found:)`` when a respondent's scores
  ///   do not match the parameters.
  /// - Complexity: O((*n* + *m*)·*s*) expected for *n* and *m* respondents and *s* scales.
  public static func compare(
    pre: [ScoredRespondent], post: [ScoredRespondent], parameters: [ChangeParameters],
    direction: ScoreDirection = .higherIsBetter, criterion: Double = 1.96
  ) throws(ChangeComparisonError) -> ChangeComparison {
    for (administration, respondents) in [(ChangeAdministration.pre, pre), (.post, post)] {
      let found = duplicates(in: respondents)
      if !found.isEmpty { throw .duplicateIDs(administration, found) }
      if let bad = respondents.first(where: { $0.scores.count != parameters.count }) {
        throw .scoreCountMismatch(administration, line: bad.line, expected: parameters.count, found: bad.scores.count)
      }
    }
    let pairing = pair(pre: pre.map(\.id), post: post.map(\.id))
    func unpaired(_ respondents: [ScoredRespondent], _ positions: [Int]) -> [UnpairedRespondent] {
      positions.map { UnpairedRespondent(id: respondents[$0].id, line: respondents[$0].line) }
    }
    let rows = pairing.pairs.map { p in
      let (before, after) = (pre[p.pre], post[p.post])
      return RespondentChange(
        id: before.id, preLine: before.line, postLine: after.line,
        scales: parameters.indices.map { s in
          ScaleChange(
            pre: before.scores[s], post: after.scores[s], parameters: parameters[s], direction: direction,
            criterion: criterion)
        })
    }
    return ChangeComparison(
      rows: rows, onlyInPre: unpaired(pre, pairing.onlyInPre), onlyInPost: unpaired(post, pairing.onlyInPost),
      unidentifiedPre: unpaired(pre, pairing.unidentifiedPre),
      unidentifiedPost: unpaired(post, pairing.unidentifiedPost))
  }
}
