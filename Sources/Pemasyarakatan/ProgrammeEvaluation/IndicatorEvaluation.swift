import AssessmentEngine

/// One success indicator evaluated.
public struct IndicatorResult: Sendable, Hashable, Codable {
  /// The indicator.
  public var indicator: SuccessIndicator
  /// The measured value, when it can be measured.
  public var achieved: Double?
  /// min(1, achieved ÷ target), or achieved ÷ the measure's full scale without a target; when measured.
  public var achievement: Double?
  /// Whether the target (or the full scale) is reached.
  public var met: Bool?
  /// Why it could not be measured.
  public var unavailable: String?
}

/// An indicator record that cannot be evaluated: its JSON path, the field and the value.
public struct IndicatorProblem: Sendable, Hashable, Codable {
  /// The JSON path of the field, e.g. `$.indicators[1].weight`.
  public var path: String
  /// The field (`weight` or `target`), or `record` when the record could not be read.
  public var field: String
  /// The offending number, when there is one.
  public var value: Double?
  /// Why, in English, for an unreadable record.
  public var reason: String?
}

/// Success indicators of any programme and their weighted achievement (seed 002's *Kriteria /
/// Ketuntasan / Cara mengukur*).
///
/// weighted achievement = Σ wᵢ·aᵢ ÷ Σ wᵢ over the measured indicators with a positive weight wᵢ.
/// Indicators with a blank or zero weight are evaluated and reported but carry no weight; a negative
/// or non-finite weight, or a target that is not positive, is a problem and the indicator is left out.
public struct IndicatorEvaluation: Sendable, Hashable, Codable {
  /// Every evaluable indicator, in file order.
  public var results: [IndicatorResult]
  /// The weighted achievement in [0, 1], or `nil` when no weighted indicator could be measured.
  public var weightedAchievement: Double?
  /// Σ weights of the measured indicators.
  public var weightCovered: Double
  /// Σ weights of all evaluated indicators (blank counts as 0).
  public var totalWeight: Double
  /// Records left out.
  public var problems: [IndicatorProblem]

  /// Evaluates `records` (the list at `listPath`, e.g. `$.indicators`), measuring each indicator with
  /// `measure`, which returns the value or why there is none.
  ///
  /// - Complexity: O(*i*) calls of `measure` for *i* indicators.
  public init(
    _ records: [DecodedRecord<SuccessIndicator>], listPath: String = "$.indicators",
    measure: (IndicatorMeasure) -> (value: Double?, unavailable: String?)
  ) {
    var problems: [IndicatorProblem] = []
    var results: [IndicatorResult] = []
    for (i, record) in records.enumerated() {
      let path = "\(listPath)[\(i)]"
      guard let indicator = record.value else {
        if case .invalid(_, let p, let reason) = record {
          problems.append(IndicatorProblem(path: p, field: "record", value: nil, reason: reason))
        }
        continue
      }
      if let w = indicator.weight, !(w >= 0 && w.isFinite) {
        problems.append(IndicatorProblem(path: "\(path).weight", field: "weight", value: w, reason: nil))
        continue
      }
      if let t = indicator.target, !(t > 0 && t.isFinite) {
        problems.append(IndicatorProblem(path: "\(path).target", field: "target", value: t, reason: nil))
        continue
      }
      guard let m = indicator.measure else {
        results.append(
          IndicatorResult(
            indicator: indicator, achieved: nil, achievement: nil, met: nil, unavailable: "not measured yet"))
        continue
      }
      let (value, reason) = measure(m)
      let full = indicator.target ?? m.fullScale
      let achievement = value.map { Swift.min(1, Swift.max(0, $0 / full)) }
      results.append(
        IndicatorResult(
          indicator: indicator, achieved: value, achievement: achievement, met: value.map { $0 >= full },
          unavailable: reason))
    }
    let measured = results.filter { $0.achievement != nil && ($0.indicator.weight ?? 0) > 0 }
    let covered = measured.reduce(0) { $0 + ($1.indicator.weight ?? 0) }
    self.results = results
    self.totalWeight = results.reduce(0) { $0 + ($1.indicator.weight ?? 0) }
    self.weightCovered = covered
    self.weightedAchievement =
      covered > 0 ? measured.reduce(0) { $0 + ($1.indicator.weight ?? 0) * ($1.achievement ?? 0) } / covered : nil
    self.problems = problems
  }
}

/// One indicator as a report prints it, in one language, in seed 002's column order.
public struct IndicatorLine: Sendable, Hashable, Codable {
  /// Its id.
  public var id: String
  /// *Kriteria*.
  public var criterion: String
  /// *Ketuntasan*: the weight, `nil` when blank.
  public var weight: Double?
  /// *Cara mengukur*: the source's words when given, else the computed measure's summary.
  public var howMeasured: String
  /// The computed measure's summary, when there is one.
  public var measure: String?
  /// The target, when set.
  public var target: Double?
  /// The value reached.
  public var achieved: Double?
  /// The achievement (0–1).
  public var achievement: Double?
  /// Whether met.
  public var met: Bool?
  /// Why it could not be measured.
  public var unavailable: String?

  /// The line for `result` in `language`; `translate` renders the English unavailability reasons.
  public init(_ result: IndicatorResult, language: DisplayLanguage, translate: (String) -> String = { $0 }) {
    let i = result.indicator
    id = i.id
    criterion = i.criterion.text(in: language)
    weight = i.weight
    measure = i.measure?.summary(in: language)
    howMeasured = i.howMeasured?.text(in: language) ?? measure ?? "—"
    target = i.target
    achieved = result.achieved
    achievement = result.achievement
    met = result.met
    unavailable = result.unavailable.map { language == .english ? $0 : translate($0) }
  }
}

enum IndicatorTable {
  /// Seed 002's table, *Kriteria | Ketuntasan | Cara mengukur*, followed by what the SDK measured.
  static func markdown(
    _ lines: [IndicatorLine], weighted: Double?, covered: Double, total: Double, language: DisplayLanguage
  ) -> [String] {
    let en = language == .english
    func t(_ id: String, _ english: String) -> String { en ? english : id }
    func num(_ v: Double, _ d: Int) -> String { AssertiveTrainingReport.number(v, d, language) }
    func score(_ v: Double) -> String { v == v.rounded() ? num(v, 0) : num(v, 1) }
    func percent(_ v: Double?) -> String { v.map { num($0 * 100, 0) + "%" } ?? "—" }
    func cell(_ s: String) -> String {
      s.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
    var out: [String] = []
    out.append(
      "| "
        + [
          t("Kriteria", "Criterion"), t("Ketuntasan", "Weight (ketuntasan)"), t("Cara mengukur", "How it is measured"),
          t("Capaian", "Achieved"), t("Ketercapaian", "Achievement"), t("Tercapai?", "Met?"),
        ].joined(separator: " | ") + " |")
    out.append("|---|---|---|---|---|---|")
    for l in lines {
      var how = l.howMeasured
      if let m = l.measure, m != l.howMeasured { how += " (\(m))" }
      if let target = l.target { how += " — " + t("target", "target") + " \(num(target, 2))" }
      let met = l.met.map { $0 ? t("ya", "yes") : t("belum", "not yet") } ?? cell(l.unavailable ?? "—")
      out.append(
        "| "
          + [
            cell("\(l.id) \(l.criterion)"), l.weight.map { score($0) + "%" } ?? "—", cell(how),
            l.achieved.map { num($0, 2) } ?? "—", percent(l.achievement), met,
          ].joined(separator: " | ") + " |")
    }
    out.append("")
    out.append(
      "**" + t("Ketercapaian tertimbang", "Weighted achievement") + ":** \(percent(weighted)) ("
        + t("bobot terukur", "weight measured") + " \(score(covered)) " + t("dari", "of") + " \(score(total))).")
    return out
  }
}
