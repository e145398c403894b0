import AssessmentEngine

/// A programme success indicator in the layout of seed 002 (Wijata et al. 2024, *Triwikrama* 3(1),
/// the AKSALARASA programme of Bapas Kelas I Denpasar, lines 234–270): **Kriteria** (the criterion),
/// **Ketuntasan** (its weight, e.g. 30% or 40%; one row of the seed leaves it blank) and **Cara
/// mengukur** (how it is measured, in words). It belongs to any programme — a community programme
/// evaluated by ``ProgrammeEvaluation`` as much as an assertive-training group.
///
/// The SDK adds two optional things the seed does not have: a computable ``measure`` (the value
/// achieved) and a ``target``. Achievement of one indicator = min(1, achieved ÷ target), or achieved
/// on the measure's full scale (``IndicatorMeasure/fullScale``) when no target is set. The weighted
/// achievement is Σ weight·achievement ÷ Σ weight over the measured indicators with a positive weight;
/// an indicator with a blank or zero *ketuntasan* is reported but carries no weight.
///
/// JSON (only `id` and `criterion` are required):
/// `{"id": "I2", "criterion": {"id": "…", "en": "…"}, "weight": 30,
/// "howMeasured": {"id": "…", "en": "…"}, "measure": {"kind": "manual", "achieved": 0.8}, "target": 0.75}`.
public struct SuccessIndicator: Sendable, Hashable, Codable {
  /// A short id.
  public var id: String
  /// *Kriteria*: the criterion in both languages.
  public var criterion: LocalizedText
  /// *Ketuntasan*: the weight (a percentage or any non-negative number); `nil` when the source leaves
  /// it blank. Zero and blank are allowed: the indicator is reported without weight.
  public var weight: Double?
  /// *Cara mengukur*: how the indicator is measured, in words.
  public var howMeasured: LocalizedText?
  /// How the SDK computes the value achieved, if it can; `nil` when not measured yet.
  public var measure: IndicatorMeasure?
  /// The value that counts as full achievement (> 0) on the measure's metric; `nil` uses the
  /// measure's full scale.
  public var target: Double?

  /// Creates an indicator.
  public init(
    id: String, criterion: LocalizedText, weight: Double?, howMeasured: LocalizedText? = nil,
    measure: IndicatorMeasure? = nil, target: Double? = nil
  ) {
    self.id = id
    self.criterion = criterion
    self.weight = weight
    self.howMeasured = howMeasured
    self.measure = measure
    self.target = target
  }
}

/// How a success indicator is measured from the group's records.
///
/// JSON, by `kind`:
/// - `{"kind": "attendanceRate"}` — mean share of sessions attended per enrolled client (0–1);
/// - `{"kind": "clientsReachingStep", "step": "transfer"}` — share of clients with at least one
///   target that completed the step (0–1);
/// - `{"kind": "reliableImprovement", "instrument": "icq", "scale": "Total"}` — share of clients
///   with both scores whose change to post is a reliable improvement (0–1);
/// - `{"kind": "observedOutcome", "outcome": "encouragesOthers"}` — share of clients with a post
///   checklist in whom the outcome was observed (0–1);
/// - `{"kind": "meanObservedOutcomes"}` — mean number of the five outcomes observed at post (0–5);
/// - `{"kind": "manual", "achieved": 0.6, "source": "…"}` — a value measured outside the SDK (for a
///   community programme, the share of the criterion the evaluation found met, 0–1).
///
/// The first five kinds are computed from an assertive-training group's records; in any other
/// programme only `manual` can be measured.
public enum IndicatorMeasure: Sendable, Hashable, Codable, BilingualLabelled {
  /// Mean share of sessions attended.
  case attendanceRate
  /// Share of clients completing a step with at least one target.
  case clientsReachingStep(AssertiveTrainingStep)
  /// Share of clients reliably improved on a scale at post.
  case reliableImprovement(instrument: String, scale: String)
  /// Share of clients with an outcome observed at post.
  case observedOutcome(ObservableOutcome)
  /// Mean number of observable outcomes observed at post.
  case meanObservedOutcomes
  /// A value measured elsewhere, with its source.
  case manual(achieved: Double, source: String?)

  enum CodingKeys: String, CodingKey { case kind, step, instrument, scale, outcome, achieved, source }

  /// Decodes the JSON form (see the type's discussion).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "attendanceRate": self = .attendanceRate
    case "clientsReachingStep": self = .clientsReachingStep(try c.decode(AssertiveTrainingStep.self, forKey: .step))
    case "reliableImprovement":
      self = .reliableImprovement(
        instrument: try c.decode(String.self, forKey: .instrument), scale: try c.decode(String.self, forKey: .scale))
    case "observedOutcome": self = .observedOutcome(try c.decode(ObservableOutcome.self, forKey: .outcome))
    case "meanObservedOutcomes": self = .meanObservedOutcomes
    case "manual":
      self = .manual(
        achieved: try c.decode(Double.self, forKey: .achieved),
        source: try c.decodeIfPresent(String.self, forKey: .source))
    default:
      let allowed = [
        "attendanceRate", "clientsReachingStep", "reliableImprovement", "observedOutcome", "meanObservedOutcomes",
        "manual",
      ]
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [CodingKeys.kind],
          debugDescription: "'\(kind)' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"))
    }
  }

  /// Encodes the JSON form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .attendanceRate: try c.encode("attendanceRate", forKey: .kind)
    case .clientsReachingStep(let step):
      try c.encode("clientsReachingStep", forKey: .kind)
      try c.encode(step, forKey: .step)
    case .reliableImprovement(let instrument, let scale):
      try c.encode("reliableImprovement", forKey: .kind)
      try c.encode(instrument, forKey: .instrument)
      try c.encode(scale, forKey: .scale)
    case .observedOutcome(let outcome):
      try c.encode("observedOutcome", forKey: .kind)
      try c.encode(outcome, forKey: .outcome)
    case .meanObservedOutcomes: try c.encode("meanObservedOutcomes", forKey: .kind)
    case .manual(let achieved, let source):
      try c.encode("manual", forKey: .kind)
      try c.encode(achieved, forKey: .achieved)
      try c.encodeIfPresent(source, forKey: .source)
    }
  }

  /// The value of full achievement when the indicator has no target: 5 for ``meanObservedOutcomes``
  /// (five outcomes), 1 for the shares and ``manual(achieved:source:)``.
  public var fullScale: Double {
    if case .meanObservedOutcomes = self { return 5 }
    return 1
  }

  /// `true` for the kinds that need an assertive-training group's records.
  public var needsAssertiveTrainingRecords: Bool {
    if case .manual = self { return false }
    return true
  }

  /// The display name: ``summary(in:)`` in both languages.
  public var label: LocalizedText { LocalizedText(id: summary(in: .indonesian), en: summary(in: .english)) }

  /// A short description in the given language.
  public func summary(in language: DisplayLanguage) -> String {
    let en = language == .english
    switch self {
    case .attendanceRate: return en ? "mean attendance rate" : "rata-rata tingkat kehadiran"
    case .clientsReachingStep(let step):
      return en
        ? "share of clients completing step \(step.number)" : "proporsi klien yang menuntaskan langkah \(step.number)"
    case .reliableImprovement(let instrument, let scale):
      return en
        ? "share reliably improved on \(instrument.uppercased()) \(scale)"
        : "proporsi yang membaik secara reliabel pada \(instrument.uppercased()) \(scale)"
    case .observedOutcome(let outcome):
      return en
        ? "share observed: \(outcome.label.english.lowercased())"
        : "proporsi teramati: \(outcome.label.indonesian.lowercased())"
    case .meanObservedOutcomes:
      return en ? "mean number of observable outcomes (of 5)" : "rata-rata jumlah hasil teramati (dari 5)"
    case .manual(_, let source):
      let s = source.map { ": \($0)" } ?? ""
      return (en ? "measured outside the SDK" : "diukur di luar SDK") + s
    }
  }
}
