/// Pre–post change analysis of an instrument: pairing two administrations by respondent id, the
/// change parameters of each scale (reliability, SD, SEM, norms) and the per-respondent reliable
/// change and clinical significance (Jacobson & Truax 1991).
///
/// The library side of `bapas change`: the command reads and scores the two files, then calls
/// ``parameters(for:metric:reliabilities:standardDeviations:norms:direction:criterion:)`` and
/// ``compare(pre:post:parameters:direction:criterion:)``, and only renders the results. The
/// building blocks are public too: ``pair(pre:post:)`` pairs ids, ``duplicateIDs(_:)`` finds ids
/// given twice and ``ScaleChange/init(pre:post:parameters:direction:criterion:)`` classifies one
/// score pair.
///
/// ```swift
/// let definition = try InstrumentDefinition(jsonData: json)
/// let parameters = try ChangeAnalysis.parameters(
///   for: definition, reliabilities: ["Total": 0.84], standardDeviations: ["Total": 10])
/// let comparison = try ChangeAnalysis.compare(pre: before, post: after, parameters: parameters)
/// // comparison.rows: one RespondentChange per id in both, in PRE's order
/// // comparison.onlyInPre, .onlyInPost, .unidentifiedPre, .unidentifiedPost: the rest, with their lines
/// let pairing = ChangeAnalysis.pair(pre: ["a", "b", ""], post: ["b", "c", "a"])
/// // pairing.pairs == [RespondentPair(pre: 0, post: 2), RespondentPair(pre: 1, post: 0)]
/// // pairing.onlyInPost == [1], pairing.unidentifiedPre == [2]
/// ```
public enum ChangeAnalysis {
  /// Pairs two administrations by respondent id, in the first administration's order.
  ///
  /// An id that is empty after trimming white space identifies no one: such rows are never paired
  /// (two empty ids are not one person) and are listed in ``ChangePairing/unidentifiedPre`` and
  /// ``ChangePairing/unidentifiedPost``. When an id occurs more than once in `post`, its first row
  /// is used; look for duplicates first with ``duplicateIDs(_:)``.
  ///
  /// - Complexity: O(*n* + *m*) expected for *n* and *m* ids.
  public static func pair(pre: [String], post: [String]) -> ChangePairing {
    var result = ChangePairing()
    var postIndex: [String: Int] = [:]
    for (offset, id) in post.enumerated() {
      if isUnidentified(id) {
        result.unidentifiedPost.append(offset)
        continue
      }
      if postIndex[id] == nil { postIndex[id] = offset }
    }
    var preIDs = Set<String>()
    for (offset, id) in pre.enumerated() {
      if isUnidentified(id) {
        result.unidentifiedPre.append(offset)
        continue
      }
      preIDs.insert(id)
      if let p = postIndex[id] {
        result.pairs.append(RespondentPair(pre: offset, post: p))
      } else {
        result.onlyInPre.append(offset)
      }
    }
    for (offset, id) in post.enumerated() where !isUnidentified(id) && !preIDs.contains(id) {
      result.onlyInPost.append(offset)
    }
    return result
  }

  /// The ids that occur more than once (ignoring empty ids), each with the positions of all its
  /// rows, in the order of their first occurrence.
  public static func duplicateIDs(_ ids: [String]) -> [(id: String, positions: [Int])] {
    var positions: [String: [Int]] = [:]
    var order: [String] = []
    for (offset, id) in ids.enumerated() where !isUnidentified(id) {
      if positions[id] == nil { order.append(id) }
      positions[id, default: []].append(offset)
    }
    return order.compactMap { id in positions[id].flatMap { $0.count > 1 ? (id, $0) : nil } }
  }

  /// Whether an id names no one (empty after trimming white space).
  public static func isUnidentified(_ id: String) -> Bool { id.allSatisfy(\.isWhitespace) }

  /// A norm group's mean and SD given for clinical significance.
  public struct NormValues: Sendable, Hashable, Codable {
    /// The group mean.
    public var mean: Double
    /// The group SD.
    public var sd: Double
    /// Creates the values.
    public init(mean: Double, sd: Double) {
      self.mean = mean
      self.sd = sd
    }
  }

  /// The change parameters of every scale of `definition`, in the definition's order.
  ///
  /// Per scale: the metric is `metric` or the scale's own score; the reliability and SD are the
  /// given values, else those of a published norm of the instrument on that metric (a general norm
  /// first); the SEM is SD·√(1 − r) and the reliable-change threshold criterion·√2·SEM. Functional
  /// and dysfunctional norms come from `norms`, else from the instrument's published norms, and give
  /// the Jacobson–Truax cut-offs. When values are given for some scales only, a scale with neither
  /// them nor a norm gets no RCI and a ``ChangeParameters/note`` saying why.
  ///
  /// - Throws: ``ChangeParameterError`` naming the scale and what is missing or invalid.
  public static func parameters(
    for definition: InstrumentDefinition, metric: ScaleDefinition.Score? = nil, reliabilities: [String: Double] = [:],
    standardDeviations sds: [String: Double] = [:], norms given: [String: [ScaleNorm.Group: NormValues]] = [:],
    direction: ScoreDirection = .higherIsBetter, criterion: Double = 1.96
  ) throws(ChangeParameterError) -> [ChangeParameters] {
    var result: [ChangeParameters] = []
    for scale in definition.scales {
      let metric = metric ?? scale.score
      let published = definition.norms(for: scale.id).filter { $0.metric == metric }
      let reference =
        published.first { $0.reliability != nil && $0.group == .general } ?? published.first { $0.reliability != nil }
      guard let reliability = reliabilities[scale.id] ?? reference?.reliability else {
        // Values given for some scales only: the others are reported without an RCI, not refused.
        if !reliabilities.isEmpty, sds[scale.id] == nil {
          result.append(
            ChangeParameters(
              scale: scale.id, metric: metric,
              note:
                "no RCI: no reliability and SD were given for this scale and the instrument has no published norm for it"
            ))
          continue
        }
        throw .missingReliability(scale: scale.id)
      }
      guard let sd = sds[scale.id] ?? (reliabilities[scale.id] == nil ? reference?.sd : nil) else {
        throw .missingStandardDeviation(scale: scale.id, metric: metric)
      }
      let sem: Double
      do { sem = try standardErrorOfMeasurement(sd: sd, reliability: reliability) } catch {
        throw .invalid(scale: scale.id, error)
      }
      var groups = given[scale.id] ?? [:]
      if groups.isEmpty {
        for norm in published where norm.group != .general && groups[norm.group] == nil {
          groups[norm.group] = NormValues(mean: norm.mean, sd: norm.sd)
        }
      }
      var cutoffs: ClinicalCutoffs? = nil
      if !groups.isEmpty {
        guard let functional = groups[.functional], let dysfunctional = groups[.dysfunctional] else {
          throw .incompleteNorms(scale: scale.id)
        }
        do {
          cutoffs = try ClinicalCutoffs(
            functionalMean: functional.mean, functionalSD: functional.sd, dysfunctionalMean: dysfunctional.mean,
            dysfunctionalSD: dysfunctional.sd, direction: direction)
        } catch { throw .invalid(scale: scale.id, error) }
      }
      result.append(
        ChangeParameters(
          scale: scale.id, metric: metric, reliability: reliability, sd: sd, standardErrorOfMeasurement: sem,
          reliableChangeThreshold: criterion * (2 * sem * sem).squareRoot(), cutoffs: cutoffs))
    }
    if !result.contains(where: { $0.reliability != nil }), let first = definition.scales.first {
      throw .missingReliability(scale: first.id)
    }
    return result
  }
}

/// Two positions that hold the same respondent: `pre` in the first administration, `post` in the second.
public struct RespondentPair: Sendable, Hashable, Codable {
  /// The position in the first administration.
  public var pre: Int
  /// The position in the second administration.
  public var post: Int
  /// Creates a pair.
  public init(pre: Int, post: Int) {
    self.pre = pre
    self.post = post
  }
}

/// The result of ``ChangeAnalysis/pair(pre:post:)``: positions, never ids, so callers keep their rows.
public struct ChangePairing: Sendable, Hashable, Codable {
  /// Respondents in both administrations, in the first administration's order.
  public var pairs: [RespondentPair] = []
  /// Positions in the first administration whose id is not in the second.
  public var onlyInPre: [Int] = []
  /// Positions in the second administration whose id is not in the first.
  public var onlyInPost: [Int] = []
  /// Positions in the first administration with an empty id (never paired).
  public var unidentifiedPre: [Int] = []
  /// Positions in the second administration with an empty id (never paired).
  public var unidentifiedPost: [Int] = []
  /// An empty pairing.
  public init() {}
}

/// The change parameters of one scale (``ChangeAnalysis/parameters(for:metric:reliabilities:standardDeviations:norms:direction:criterion:)``).
public struct ChangeParameters: Sendable, Hashable, Codable {
  /// The scale id.
  public var scale: String
  /// The score compared (sum or mean); the SD and norms are on it.
  public var metric: ScaleDefinition.Score
  /// The reliability behind the SEM; `nil` (with ``note``) for a scale reported without an RCI.
  public var reliability: Double?
  /// The reference SD behind the SEM.
  public var sd: Double?
  /// SD·√(1 − r).
  public var standardErrorOfMeasurement: Double?
  /// The smallest raw change that counts as reliable: criterion·√2·SEM.
  public var reliableChangeThreshold: Double?
  /// The Jacobson–Truax cut-offs, when functional and dysfunctional norms are known.
  public var cutoffs: ClinicalCutoffs?
  /// Why the scale has no RCI.
  public var note: String?

  /// Creates the parameters.
  public init(
    scale: String, metric: ScaleDefinition.Score, reliability: Double? = nil, sd: Double? = nil,
    standardErrorOfMeasurement: Double? = nil, reliableChangeThreshold: Double? = nil, cutoffs: ClinicalCutoffs? = nil,
    note: String? = nil
  ) {
    self.scale = scale
    self.metric = metric
    self.reliability = reliability
    self.sd = sd
    self.standardErrorOfMeasurement = standardErrorOfMeasurement
    self.reliableChangeThreshold = reliableChangeThreshold
    self.cutoffs = cutoffs
    self.note = note
  }
}

/// Why the change parameters of a scale could not be set.
public enum ChangeParameterError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// No reliability was given for the scale and the instrument publishes none.
  case missingReliability(scale: String)
  /// No SD was given for the scale on `metric` and the instrument publishes none.
  case missingStandardDeviation(scale: String, metric: ScaleDefinition.Score)
  /// Clinical significance needs both a functional and a dysfunctional norm.
  case incompleteNorms(scale: String)
  /// A value is out of range (the SEM or the cut-offs could not be computed).
  case invalid(scale: String, ChangeStatisticsError)

  /// One sentence naming the scale and why.
  public var description: String {
    switch self {
    case .missingReliability(let scale): "Scale '\(scale)': no reliability was given and the instrument publishes none."
    case .missingStandardDeviation(let scale, let metric):
      "Scale '\(scale)': no reference SD of its \(metric.rawValue) score was given and the instrument publishes none."
    case .incompleteNorms(let scale):
      "Scale '\(scale)': clinical significance needs both a functional and a dysfunctional norm."
    case .invalid(let scale, let error): "Scale '\(scale)': \(error.description)"
    }
  }
}

/// One respondent's change on one scale: the scores compared, the change, the RCI and its category,
/// and clinical significance when the scale has cut-offs.
public struct ScaleChange: Sendable, Hashable, Codable {
  /// The first score on the parameters' metric, `nil` when the scale was not scored.
  public var pre: Double?
  /// The second score.
  public var post: Double?
  /// post − pre.
  public var change: Double?
  /// The reliable change index.
  public var rci: Double?
  /// Reliable improvement, deterioration or no reliable change.
  public var reliableChange: ReliableChangeCategory?
  /// The Jacobson–Truax category (cut-off c), when the scale has cut-offs.
  public var clinicalSignificance: ClinicalSignificanceCategory?
  /// Whether the second score is on the functional side of c.
  public var postIsFunctional: Bool?
  /// Why there is no RCI (a scale absent in an administration, or a scale without parameters).
  public var reason: String?

  /// Classifies one respondent's change on one scale.
  ///
  /// A scale not scored in either administration gives no change and the reason (the score's
  /// ``ScaleScore/absence``); a scale without a reliability gives the change and the parameters'
  /// ``ChangeParameters/note``.
  public init(
    pre: ScaleScore, post: ScaleScore, parameters: ChangeParameters, direction: ScoreDirection = .higherIsBetter,
    criterion: Double = 1.96
  ) {
    let metric = parameters.metric
    self.pre = metric == .sum ? pre.sum : pre.mean
    self.post = metric == .sum ? post.sum : post.mean
    var reasons: [String] = []
    if self.pre == nil { reasons.append("pre: \(pre.absence?.description ?? "no score")") }
    if self.post == nil { reasons.append("post: \(post.absence?.description ?? "no score")") }
    guard let before = self.pre, let after = self.post else {
      reason = reasons.joined(separator: "; ")
      return
    }
    change = after - before
    guard let sd = parameters.sd, let reliability = parameters.reliability else {
      reason = parameters.note
      return
    }
    do {
      let rc = try ReliableChange(
        pre: before, post: after, sd: sd, reliability: reliability, direction: direction, criterion: criterion)
      rci = rc.index
      reliableChange = rc.category
      if let cutoffs = parameters.cutoffs {
        let clinical = ClinicalSignificance(reliableChange: rc, cutoffs: cutoffs)
        clinicalSignificance = clinical.category
        postIsFunctional = clinical.postIsFunctional
      }
    } catch {
      reason = error.description
    }
  }
}
