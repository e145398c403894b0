import AssessmentEngine

/// What an alliance result reports: one of Bordin's three parts, or the total.
public enum AllianceMeasure: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Agreement on goals (*kesepakatan tujuan*).
  case goal
  /// Agreement on tasks (*kesepakatan tugas*).
  case task
  /// The emotional bond (*ikatan emosional*).
  case bond
  /// All items together (*total aliansi*).
  case total

  /// The dimension, for the three parts; `nil` for the total.
  public var dimension: AllianceDimension? {
    switch self {
    case .goal: .goal
    case .task: .task
    case .bond: .bond
    case .total: nil
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .goal: LocalizedText(id: "Tujuan", en: "Goal")
    case .task: LocalizedText(id: "Tugas", en: "Task")
    case .bond: LocalizedText(id: "Ikatan", en: "Bond")
    case .total: LocalizedText(id: "Total", en: "Total")
    }
  }
}

/// The metric a series is analysed on.
public enum AllianceMetric: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The scale sum on the instrument's own metric (WAI-SR total 12–60, WAI-S total 12–84).
  case sum
  /// The item mean on the response scale (WAI-SR 1–5, WAI-S 1–7).
  case mean
  /// The mean rescaled to 0–100: `(mean − min) / (max − min) · 100`, so forms with different response
  /// scales can be compared (see ``DimensionScore/percentOfRange``).
  case percent

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .sum: LocalizedText(id: "Jumlah", en: "Sum")
    case .mean: LocalizedText(id: "Rerata butir", en: "Item mean")
    case .percent: LocalizedText(id: "Persen rentang (0–100)", en: "Percent of range (0–100)")
    }
  }
}

/// One administration's score on one alliance measure.
public struct DimensionScore: Sendable, Hashable, Codable {
  /// The scale sum on the instrument's metric (prorated under the prorate policy).
  public var sum: Double
  /// The item mean on the response scale.
  public var mean: Double
  /// The 0–100 rescaling of the mean: `(mean − min) / (max − min) · 100`, where `min…max` is the
  /// response scale. 0 is every item at the lowest response (after reverse keying), 100 every item at
  /// the highest. It is a linear map of the instrument's own metric, not a norm or a percentile.
  public var percentOfRange: Double
  /// Items answered.
  public var answered: Int
  /// Items missing.
  public var missing: Int

  /// Creates a score.
  public init(sum: Double, mean: Double, percentOfRange: Double, answered: Int, missing: Int) {
    self.sum = sum
    self.mean = mean
    self.percentOfRange = percentOfRange
    self.answered = answered
    self.missing = missing
  }

  /// The score on `metric`.
  public func value(_ metric: AllianceMetric) -> Double {
    switch metric {
    case .sum: sum
    case .mean: mean
    case .percent: percentOfRange
    }
  }
}

/// Goal, task, bond and total of one administration; a measure is `nil` when it could not be scored,
/// with the reason in ``absences``.
public struct AllianceScores: Sendable, Hashable, Codable {
  /// Agreement on goals.
  public var goal: DimensionScore?
  /// Agreement on tasks.
  public var task: DimensionScore?
  /// The bond.
  public var bond: DimensionScore?
  /// The total.
  public var total: DimensionScore?
  /// Why a measure has no score (the sentence of `AbsenceReason`), by measure.
  public var absences: [Absence]

  /// A measure without a score and the reason.
  public struct Absence: Sendable, Hashable, Codable {
    /// The measure.
    public var measure: AllianceMeasure
    /// Why it has no score.
    public var reason: AbsenceReason

    /// Creates an absence.
    public init(measure: AllianceMeasure, reason: AbsenceReason) {
      self.measure = measure
      self.reason = reason
    }
  }

  /// Creates scores.
  public init(
    goal: DimensionScore?, task: DimensionScore?, bond: DimensionScore?, total: DimensionScore?,
    absences: [Absence] = []
  ) {
    self.goal = goal
    self.task = task
    self.bond = bond
    self.total = total
    self.absences = absences
  }

  /// The score on `measure`, if any.
  public subscript(measure: AllianceMeasure) -> DimensionScore? {
    switch measure {
    case .goal: goal
    case .task: task
    case .bond: bond
    case .total: total
    }
  }
}

/// Which scale of an instrument definition holds each alliance measure.
public struct AllianceLayout: Sendable, Hashable, Codable {
  /// Scale id per measure, in ``AllianceMeasure`` order (goal, task, bond, total).
  public var goal: String
  /// The task scale's id.
  public var task: String
  /// The bond scale's id.
  public var bond: String
  /// The total scale's id.
  public var total: String

  /// A layout naming the scales explicitly.
  public init(goal: String, task: String, bond: String, total: String) {
    self.goal = goal
    self.task = task
    self.bond = bond
    self.total = total
  }

  /// The layout of `definition`, found by scale ids `Goal`, `Task`, `Bond`, `Total` (any case), as the
  /// built-ins name them.
  ///
  /// - Throws: ``AllianceLayoutError`` naming the measures without a scale.
  public init(definition: InstrumentDefinition) throws(AllianceLayoutError) {
    func find(_ name: String) -> String? { definition.scales.first { $0.id.lowercased() == name }?.id }
    let found = AllianceMeasure.allCases.map { find($0.rawValue) }
    let missing = zip(AllianceMeasure.allCases, found).filter { $0.1 == nil }.map(\.0)
    guard missing.isEmpty, let g = found[0], let t = found[1], let b = found[2], let tot = found[3] else {
      throw AllianceLayoutError(instrument: definition.id, missing: missing, available: definition.scales.map(\.id))
    }
    self.init(goal: g, task: t, bond: b, total: tot)
  }

  /// The scale id of `measure`.
  public subscript(measure: AllianceMeasure) -> String {
    switch measure {
    case .goal: goal
    case .task: task
    case .bond: bond
    case .total: total
    }
  }
}

/// An instrument whose scales do not include goal, task, bond and total.
public struct AllianceLayoutError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The instrument's id.
  public var instrument: String
  /// The measures without a scale.
  public var missing: [AllianceMeasure]
  /// The scales the instrument has.
  public var available: [String]

  /// Creates the error.
  public init(instrument: String, missing: [AllianceMeasure], available: [String]) {
    self.instrument = instrument
    self.missing = missing
    self.available = available
  }

  /// A sentence naming the instrument and the missing scales.
  public var description: String {
    let names = missing.map { "'\($0.label.english)'" }.joined(separator: ", ")
    return
      "The instrument '\(instrument)' has no scale for \(names); an alliance instrument needs scales named Goal, Task, Bond and Total (it has \(available.joined(separator: ", ")))."
  }
}

/// Scores administrations of an alliance instrument into ``AllianceScores``.
public struct AllianceScorer: Sendable {
  /// The compiled instrument.
  public let plan: ScoringPlan
  /// Where goal, task, bond and total are.
  public let layout: AllianceLayout
  private let scaleIndex: [Int]

  /// A scorer for `definition` under `policy` (default: the definition's rule, else the SDK default).
  ///
  /// - Throws: ``AllianceLayoutError`` when the definition lacks one of the four scales.
  public init(_ definition: InstrumentDefinition, policy: MissingDataPolicy? = nil) throws(AllianceLayoutError) {
    let layout = try AllianceLayout(definition: definition)
    self.layout = layout
    self.plan = ScoringPlan(definition, policy: policy)
    let ids = definition.scales.map(\.id)
    // The layout was found among these ids, so every lookup succeeds.
    self.scaleIndex = AllianceMeasure.allCases.map { ids.firstIndex(of: layout[$0]) ?? 0 }
  }

  /// The alliance scores of row `row` of a score table made by ``plan``.
  public func scores(_ table: ScoreTable, row: Int) -> AllianceScores {
    let scale = plan.definition.responseScale
    let width = Double(scale.max - scale.min)
    var result = AllianceScores(goal: nil, task: nil, bond: nil, total: nil)
    for (m, measure) in AllianceMeasure.allCases.enumerated() {
      let s = table.score(row: row, scale: scaleIndex[m])
      guard let sum = s.sum, let mean = s.mean else {
        result.absences.append(.init(measure: measure, reason: s.absence ?? .noItemsAnswered))
        continue
      }
      let score = DimensionScore(
        sum: sum, mean: mean, percentOfRange: (mean - Double(scale.min)) / width * 100, answered: s.answered,
        missing: s.missing)
      switch measure {
      case .goal: result.goal = score
      case .task: result.task = score
      case .bond: result.bond = score
      case .total: result.total = score
      }
    }
    return result
  }

  /// The alliance scores of one administration (responses in item order, `nil` = missing).
  ///
  /// - Throws: `ScoringError` when the row has the wrong length or a value is off the scale.
  public func score(responses: [Int?]) throws(ScoringError) -> AllianceScores {
    var matrix = ResponseMatrix(columns: plan.columns, scale: plan.definition.responseScale)
    do { try matrix.append(responses) } catch { throw .invalidResponses(error) }
    let table = try plan.score(matrix)
    return scores(table, row: 0)
  }

  /// The lowest and highest possible value of `measure` on `metric` (sum: items × min … items × max;
  /// mean: min … max; percent: 0 … 100).
  public func range(of measure: AllianceMeasure, on metric: AllianceMetric) -> ClosedRange<Double> {
    let scale = plan.definition.responseScale
    let k = Double(plan.definition.scale(layout[measure])?.items.count ?? 0)
    switch metric {
    case .sum: return Double(scale.min) * k...Double(scale.max) * k
    case .mean: return Double(scale.min)...Double(scale.max)
    case .percent: return 0...100
    }
  }
}
