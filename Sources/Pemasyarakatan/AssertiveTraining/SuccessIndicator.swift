import AssessmentEngine

/// A programme success indicator in the manner of seed 002 (Wijata et al. 2024, *Triwikrama* 3(1),
/// the AKSALARASA programme of Bapas Kelas I Denpasar): a criterion, its weight (*ketuntasan*, e.g.
/// 30 or 40 percent), how it is measured, and the target.
///
/// Achievement of one indicator = min(1, achieved ÷ target); the programme's weighted achievement is
/// Σ weight·achievement ÷ Σ weight over the indicators that could be measured (weights need not add
/// up to 100; the report states the weight covered).
///
/// JSON: `{"id": "I1", "criterion": {"id": "…", "en": "…"}, "weight": 30,
/// "measure": {"kind": "attendanceRate"}, "target": 0.75}`.
public struct SuccessIndicator: Sendable, Hashable, Codable {
  /// A short id.
  public var id: String
  /// The criterion in both languages.
  public var criterion: LocalizedText
  /// The weight (a percentage or any positive number).
  public var weight: Double
  /// How the indicator is measured.
  public var measure: IndicatorMeasure
  /// The value that counts as full achievement (> 0), on the measure's metric.
  public var target: Double

  /// Creates an indicator.
  public init(id: String, criterion: LocalizedText, weight: Double, measure: IndicatorMeasure, target: Double) {
    self.id = id
    self.criterion = criterion
    self.weight = weight
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
/// - `{"kind": "manual", "achieved": 0.6, "source": "…"}` — a value measured outside the SDK.
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
      self = .reliableImprovement(instrument: try c.decode(String.self, forKey: .instrument), scale: try c.decode(String.self, forKey: .scale))
    case "observedOutcome": self = .observedOutcome(try c.decode(ObservableOutcome.self, forKey: .outcome))
    case "meanObservedOutcomes": self = .meanObservedOutcomes
    case "manual": self = .manual(achieved: try c.decode(Double.self, forKey: .achieved), source: try c.decodeIfPresent(String.self, forKey: .source))
    default:
      let allowed = ["attendanceRate", "clientsReachingStep", "reliableImprovement", "observedOutcome", "meanObservedOutcomes", "manual"]
      throw DecodingError.dataCorrupted(.init(
        codingPath: c.codingPath + [CodingKeys.kind], debugDescription: "'\(kind)' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"))
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

  /// The display name: ``summary(in:)`` in both languages.
  public var label: LocalizedText { LocalizedText(id: summary(in: .indonesian), en: summary(in: .english)) }

  /// A short description in the given language.
  public func summary(in language: DisplayLanguage) -> String {
    let en = language == .english
    switch self {
    case .attendanceRate: return en ? "mean attendance rate" : "rata-rata tingkat kehadiran"
    case .clientsReachingStep(let step):
      return en ? "share of clients completing step \(step.number)" : "proporsi klien yang menuntaskan langkah \(step.number)"
    case .reliableImprovement(let instrument, let scale):
      return en ? "share reliably improved on \(instrument.uppercased()) \(scale)" : "proporsi yang membaik secara reliabel pada \(instrument.uppercased()) \(scale)"
    case .observedOutcome(let outcome):
      return en ? "share observed: \(outcome.label.english.lowercased())" : "proporsi teramati: \(outcome.label.indonesian.lowercased())"
    case .meanObservedOutcomes: return en ? "mean number of observable outcomes (of 5)" : "rata-rata jumlah hasil teramati (dari 5)"
    case .manual(_, let source):
      let s = source.map { ": \($0)" } ?? ""
      return (en ? "measured outside the SDK" : "diukur di luar SDK") + s
    }
  }
}
