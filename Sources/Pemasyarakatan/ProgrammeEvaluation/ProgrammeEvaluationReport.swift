import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The evaluation of a community programme in one language: the cycle, the SWOT analysis, the
/// referrals and the success indicators in seed 002's layout. Titled as a programme evaluation —
/// never as assertive training, which is one programme among many.
///
/// Encode it with `JSONEncoder` for the JSON form, or call ``markdown()``.
public struct ProgrammeEvaluationReport: Sendable, Hashable, Codable {
  /// The report's language.
  public var language: DisplayLanguage
  /// The programme's id.
  public var id: String
  /// Its name in the report's language.
  public var name: String
  /// The Bapas.
  public var bapas: String?
  /// The category (label).
  public var category: String?
  /// Partners.
  public var partners: [String]
  /// Who it is for.
  public var targetGroup: String?
  /// The cycle as carried out.
  public var cycle: [ProgrammeCyclePhaseRecord]
  /// The SWOT analysis.
  public var swot: SWOTAnalysis?
  /// Referrals.
  public var referrals: [SocialReferral]
  /// The indicators.
  public var indicators: [IndicatorLine]
  /// Σ w·a ÷ Σ w over the measured weighted indicators (0–1).
  public var weightedAchievement: Double?
  /// Σ weights measured.
  public var weightCovered: Double
  /// Σ weights.
  public var totalWeight: Double
  /// Indicator records left out, as sentences in the report's language.
  public var problems: [String]

  /// Builds the report.
  public init(evaluation e: ProgrammeEvaluation, language: DisplayLanguage) {
    let en = language == .english
    let ev = e.evaluation
    self.language = language
    id = e.id
    name = e.name.text(in: language)
    bapas = e.bapas
    category = e.category?.label.text(in: language)
    partners = e.partners.map(\.rawValue)
    targetGroup = e.targetGroup
    cycle = e.cycle
    swot = e.swot
    referrals = e.referrals
    indicators = ev.results.map { IndicatorLine($0, language: language, translate: AssertiveTrainingReport.translate) }
    weightedAchievement = ev.weightedAchievement
    weightCovered = ev.weightCovered
    totalWeight = ev.totalWeight
    problems = ev.problems.map { p in
      if p.field == "record" {
        return "\(p.path): "
          + (en ? "the record cannot be read (\(p.reason ?? ""))." : "catatan tidak dapat dibaca (\(p.reason ?? "")).")
      }
      let v = p.value.map { "\($0)" } ?? "?"
      return "\(p.path): "
        + (p.field == "weight"
          ? (en
            ? "'weight' (ketuntasan) is \(v); it must be zero or more, or left out."
            : "'weight' (ketuntasan) bernilai \(v); harus nol atau lebih, atau dikosongkan.")
          : (en ? "'\(p.field)' is \(v); it must be positive." : "'\(p.field)' bernilai \(v); harus positif."))
    }
  }

  /// The report as Markdown in its language.
  ///
  /// - Complexity: O(*p* + *i*) for *p* phases and *i* indicators.
  public func markdown() -> String {
    let en = language == .english
    func t(_ id: String, _ english: String) -> String { en ? english : id }
    func cell(_ s: String) -> String {
      s.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
    var out: [String] = ["# " + t("Laporan evaluasi program", "Programme evaluation report") + ": \(name)", ""]
    var facts: [String] = []
    if let bapas { facts.append("**Bapas:** \(bapas)") }
    facts.append("**\(t("Program", "Programme")):** \(id)" + (category.map { " (\($0))" } ?? ""))
    if let targetGroup { facts.append("**\(t("Sasaran", "Target group")):** \(targetGroup)") }
    if !partners.isEmpty {
      facts.append("**\(t("Mitra Pokmas Lipas", "Pokmas Lipas partners")):** \(partners.joined(separator: ", "))")
    }
    out.append(facts.joined(separator: "  \n"))
    if !cycle.isEmpty {
      out += ["", "## " + t("Siklus program", "Programme cycle"), ""]
      out.append(
        "| "
          + [t("Tahap", "Phase"), t("Tanggal", "Dates"), t("Metode", "Method"), t("Ringkasan", "Summary")].joined(
            separator: " | ") + " |")
      out.append("|---|---|---|---|")
      for p in cycle {
        let dates = p.to.map { "\(p.from) – \($0)" } ?? p.from.description
        out.append(
          "| "
            + [
              p.phase.label.text(in: language), dates, cell(p.method ?? "—"),
              cell((p.summary ?? []).joined(separator: "; ")),
            ].joined(separator: " | ") + " |")
      }
    }
    if let swot {
      out += ["", "## " + t("Analisis SWOT", "SWOT analysis"), ""]
      for (title, items) in [
        (t("Kekuatan", "Strengths"), swot.strengths), (t("Kelemahan", "Weaknesses"), swot.weaknesses),
        (t("Peluang", "Opportunities"), swot.opportunities), (t("Ancaman", "Threats"), swot.threats),
      ] {
        out.append("- **\(title):** " + (items.isEmpty ? "—" : items.joined(separator: "; ")))
      }
    }
    if !referrals.isEmpty {
      out += ["", "## " + t("Rujukan sosial", "Social referrals"), ""]
      for r in referrals { out.append("- \(r.to)" + (r.partnerID.map { " (\($0))" } ?? "") + ": \(r.service)") }
    }
    if !indicators.isEmpty {
      out += ["", "## " + t("Indikator keberhasilan", "Success indicators"), ""]
      out += IndicatorTable.markdown(
        indicators, weighted: weightedAchievement, covered: weightCovered, total: totalWeight, language: language)
    }
    if !problems.isEmpty {
      out += ["", "## " + t("Masalah pada catatan", "Problems in the records"), ""]
      for p in problems { out.append("- \(p)") }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
