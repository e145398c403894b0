import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A report on an assertive-training group in one language, for a Litmas or a sidang TPP: per client
/// the steps reached, the attempts and the outcome change with whether it is reliable; per group the
/// sessions, effect sizes, observable outcomes, success indicators and the problems found.
///
/// Encode it with `JSONEncoder` for the JSON form, or call ``markdown()`` for text a PK can paste.
/// Every label is already in ``language``; numbers stay numbers in JSON.
public struct AssertiveTrainingReport: Sendable, Hashable, Codable {
  /// The report's language.
  public var language: DisplayLanguage
  /// Group facts.
  public var group: GroupSummary
  /// One section per enrolled client.
  public var clients: [ClientSection]
  /// Per instrument and scale, the group's change.
  public var outcomes: [GroupOutcomeLine]
  /// How reliability and SD were obtained, one sentence per scale.
  public var references: [String]
  /// Per observable outcome, counts per occasion.
  public var checklist: [ChecklistLine]
  /// Per success indicator.
  public var indicators: [IndicatorLine]
  /// Σ w·a ÷ Σ w over measured indicators (0–1).
  public var weightedAchievement: Double?
  /// Σ weights measured.
  public var weightCovered: Double
  /// Σ weights.
  public var totalWeight: Double
  /// Every problem, as a sentence in the report's language.
  public var problems: [ProblemLine]

  /// Group facts.
  public struct GroupSummary: Sendable, Hashable, Codable {
    /// The group's id.
    public var id: String
    /// Its name.
    public var name: String
    /// The Bapas.
    public var bapas: String?
    /// The programme's name.
    public var programme: String
    /// The programme's guidance method.
    public var method: String
    /// Facilitating PKs.
    public var facilitators: [String]
    /// Pokmas Lipas partners.
    public var partners: [String]
    /// Enrolled clients.
    public var enrolled: Int
    /// Sessions held.
    public var sessions: Int
    /// The first and last session dates.
    public var firstSession: CivilDate?
    /// See ``firstSession``.
    public var lastSession: CivilDate?
    /// Mean share of sessions attended.
    public var attendanceRate: Double?
  }

  /// One client's part.
  public struct ClientSection: Sendable, Hashable, Codable {
    /// The client.
    public var client: String
    /// Sessions attended.
    public var sessionsAttended: Int
    /// The target behaviours.
    public var targets: [TargetLine]
    /// Outcome scores and change.
    public var outcomes: [ClientOutcomeLine]
    /// The latest checklist: its occasion and the outcomes observed (labels).
    public var checklistOccasion: String?
    /// See ``checklistOccasion``.
    public var observed: [String]
    /// How many problems name this client.
    public var problems: Int
  }

  /// One target behaviour.
  public struct TargetLine: Sendable, Hashable, Codable {
    /// The target's id.
    public var id: String
    /// The behaviour.
    public var behaviour: String
    /// Its ICQ domain (label).
    public var domain: String
    /// Its ICQ domain (wire name).
    public var domainID: InterpersonalDomain
    /// The highest step completed (0 = none yet).
    public var stepsCompleted: Int
    /// The step being worked on (label), or the word for "completed".
    public var currentStep: String
    /// The step being worked on (wire name); `nil` when completed.
    public var currentStepID: AssertiveTrainingStep?
    /// Whether all five steps are complete.
    public var completed: Bool
    /// Role-play rehearsals.
    public var rehearsals: Int
    /// Repetitions.
    public var repetitions: Int
    /// Real-situation attempts.
    public var attempts: Int
    /// Successful attempts.
    public var successfulAttempts: Int
    /// Dated step backs: "date: from → to (reason)".
    public var stepBacks: [String]
  }

  /// One client's scores on one scale.
  public struct ClientOutcomeLine: Sendable, Hashable, Codable {
    /// "ICQ Initiation".
    public var measure: String
    /// The instrument id.
    public var instrument: String
    /// The scale id.
    public var scale: String
    /// Scores.
    public var baseline: Double?
    /// See ``baseline``.
    public var post: Double?
    /// See ``baseline``.
    public var followUp: Double?
    /// post − baseline.
    public var changeToPost: Double?
    /// The reliable change index to post.
    public var rciToPost: Double?
    /// Its category label, or why there is none.
    public var reliableToPost: String?
    /// Its category (wire name), when there is an index.
    public var categoryToPost: ReliableChangeCategory?
    /// follow-up − baseline.
    public var changeToFollowUp: Double?
    /// The reliable change index to follow-up.
    public var rciToFollowUp: Double?
    /// Its category label, or why there is none.
    public var reliableToFollowUp: String?
    /// Its category (wire name), when there is an index.
    public var categoryToFollowUp: ReliableChangeCategory?
  }

  /// The group's change on one scale to one occasion.
  public struct GroupOutcomeLine: Sendable, Hashable, Codable {
    /// "ICQ Initiation".
    public var measure: String
    /// The instrument id.
    public var instrument: String
    /// The scale id.
    public var scale: String
    /// The later occasion (label).
    public var occasion: String
    /// The later occasion (wire name).
    public var occasionID: OutcomeOccasion
    /// Clients with both scores.
    public var pairs: Int
    /// Mean change.
    public var meanChange: Double?
    /// d_z and its exact 95% CI (noncentral t; Steiger & Fouladi 1997).
    public var dz: Double?
    /// See ``dz``.
    public var dzLower: Double?
    /// See ``dz``.
    public var dzUpper: Double?
    /// g_av and its 95% CI.
    public var gav: Double?
    /// See ``gav``.
    public var gavLower: Double?
    /// See ``gav``.
    public var gavUpper: Double?
    /// The paired t statistic (post − pre), printed beside the effect sizes.
    public var t: Double?
    /// Its degrees of freedom.
    public var df: Int?
    /// The two-sided p value of the paired t test.
    public var p: Double?
    /// Clients reliably improved / with an index.
    public var reliablyImproved: Int
    /// See ``reliablyImproved``.
    public var withIndex: Int
    /// Why there is no effect size.
    public var unavailable: String?
  }

  /// One observable outcome's counts.
  public struct ChecklistLine: Sendable, Hashable, Codable {
    /// The outcome (label).
    public var outcome: String
    /// The outcome (wire name).
    public var outcomeID: ObservableOutcome
    /// Per occasion label: "observed/checked".
    public var counts: [String: String]
  }

  /// One problem.
  public struct ProblemLine: Sendable, Hashable, Codable {
    /// The JSON path.
    public var path: String
    /// The client, if any.
    public var client: String?
    /// The sentence.
    public var message: String
  }

  /// Builds the report from an analysis.
  ///
  /// - Complexity: O(*c*·*s*) for *c* clients and *s* analysed scales.
  public init(analysis: AssertiveTrainingAnalysis, language: DisplayLanguage) {
    let en = language == .english
    let g = analysis.group
    let progress = analysis.progress
    let outcomes = analysis.outcomes
    let issues = analysis.issues
    self.language = language
    let dates = progress.sessions.map(\.date)
    group = GroupSummary(
      id: g.id, name: g.name.text(in: language), bapas: g.bapas, programme: g.programme.name,
      method: g.programme.method.label.text(in: language), facilitators: g.facilitators.map(\.rawValue),
      partners: g.partners.map(\.rawValue), enrolled: progress.clients.count, sessions: progress.sessions.count,
      firstSession: dates.min(), lastSession: dates.max(), attendanceRate: progress.attendanceRate)

    func measureName(_ instrument: InstrumentOutcomes, _ scale: String) -> String {
      let label = instrument.references.first { $0.scale == scale }?.label?.text(in: language) ?? scale
      return "\(instrument.instrument.uppercased()) \(label)"
    }
    func verdict(_ c: ChangeFromBaseline?) -> String? {
      guard let c else { return nil }
      if let rc = c.reliableChange { return rc.category.label.text(in: language) }
      return en ? "no index: \(c.unavailable ?? "")" : "tanpa indeks: \(Self.translate(c.unavailable ?? ""))"
    }

    clients = progress.clients.map { cp in
      let targets = cp.targets.map { t in
        TargetLine(
          id: t.id, behaviour: t.behaviour, domain: t.domain.label.text(in: language), domainID: t.domain,
          stepsCompleted: t.highestCompleted?.number ?? 0,
          currentStep: t.currentStep.map { "\($0.number) — \($0.label.text(in: language))" }
            ?? (en ? "completed" : "tuntas"),
          currentStepID: t.currentStep,
          completed: t.isCompleted, rehearsals: t.totals.rehearsals, repetitions: t.totals.repetitions,
          attempts: t.totals.attempts, successfulAttempts: t.totals.successfulAttempts,
          stepBacks: t.transitions.filter(\.isRegression).map { tr in
            "\(tr.date): \(tr.from.map { String($0.number) } ?? "✓") → \(tr.to.map { String($0.number) } ?? "✓") (\(tr.reason ?? ""))"
          })
      }
      var lines: [ClientOutcomeLine] = []
      for instrument in outcomes.instruments {
        guard let co = instrument.clients.first(where: { $0.client == cp.client }) else { continue }
        for s in co.scales where s.baseline != nil || s.post != nil || s.followUp != nil {
          lines.append(
            ClientOutcomeLine(
              measure: measureName(instrument, s.scale), instrument: instrument.instrument, scale: s.scale,
              baseline: s.baseline, post: s.post, followUp: s.followUp,
              changeToPost: s.changeToPost?.change, rciToPost: s.changeToPost?.reliableChange?.index,
              reliableToPost: verdict(s.changeToPost),
              categoryToPost: s.changeToPost?.reliableChange?.category,
              changeToFollowUp: s.changeToFollowUp?.change, rciToFollowUp: s.changeToFollowUp?.reliableChange?.index,
              reliableToFollowUp: verdict(s.changeToFollowUp),
              categoryToFollowUp: s.changeToFollowUp?.reliableChange?.category))
        }
      }
      let latest = outcomes.checklists.filter { $0.client == cp.client }.max { $0.date < $1.date }
      return ClientSection(
        client: cp.client.rawValue, sessionsAttended: cp.sessionsAttended, targets: targets, outcomes: lines,
        checklistOccasion: latest.map { "\($0.occasion.label.text(in: language)), \($0.rater), \($0.date)" },
        observed: latest?.observed.map { $0.label.text(in: language) } ?? [],
        problems: issues.filter { $0.client == cp.client }.count)
    }

    var groupLines: [GroupOutcomeLine] = []
    var references: [String] = []
    for instrument in outcomes.instruments {
      for ref in instrument.references {
        let name = measureName(instrument, ref.scale)
        let r =
          ref.reliability.map {
            "r = \(Self.number($0, 2, language))" + (ref.reliabilitySource.map { " (\($0))" } ?? "")
          }
          ?? (en ? "no reliability stated" : "reliabilitas tidak dinyatakan")
        let sd: String
        if let value = ref.sd {
          let source =
            ref.sdFromGroup
            ? (en
              ? "SD of the group's baseline scores, n = \(ref.groupBaselineCount ?? 0)"
              : "SD skor awal kelompok, n = \(ref.groupBaselineCount ?? 0)")
            : (ref.sdSource ?? (en ? "stated" : "dinyatakan"))
          sd = "SD = \(Self.number(value, 2, language)) (\(source))"
        } else {
          sd = en ? "no SD available" : "SD tidak tersedia"
        }
        references.append("\(name): \(r); \(sd).")
        for effect in instrument.groupEffects where effect.scale == ref.scale {
          let changes = instrument.clients.compactMap { c -> ReliableChange? in
            let s = c.scales.first { $0.scale == ref.scale }
            return (effect.occasion == .post ? s?.changeToPost : s?.changeToFollowUp)?.reliableChange
          }
          let e = effect.effect
          groupLines.append(
            GroupOutcomeLine(
              measure: name, instrument: instrument.instrument, scale: ref.scale,
              occasion: effect.occasion.label.text(in: language),
              occasionID: effect.occasion, pairs: effect.pairs, meanChange: e?.meanDifference,
              dz: e?.dz, dzLower: e?.dzLower, dzUpper: e?.dzUpper, gav: e?.gav, gavLower: e?.gavLower,
              gavUpper: e?.gavUpper,
              t: e?.t, df: e?.df, p: e?.p, reliablyImproved: changes.filter { $0.category == .improved }.count,
              withIndex: changes.count,
              unavailable: effect.unavailable.map { en ? $0 : Self.translate($0) }))
        }
      }
    }
    self.outcomes = groupLines
    self.references = references

    checklist = ObservableOutcome.allCases.map { outcome in
      var counts: [String: String] = [:]
      for c in outcomes.checklistCounts {
        let n = c.observed.first { $0.outcome == outcome }?.count ?? 0
        counts[c.occasion.rawValue] = "\(n)/\(c.clientsChecked)"
      }
      return ChecklistLine(outcome: outcome.label.text(in: language), outcomeID: outcome, counts: counts)
    }
    let a = analysis.achievement
    indicators = a.results.map { IndicatorLine($0, language: language, translate: Self.translate) }
    weightedAchievement = a.weightedAchievement
    weightCovered = a.weightCovered
    totalWeight = a.totalWeight
    problems = issues.map { ProblemLine(path: $0.path, client: $0.client?.rawValue, message: $0.message(in: language)) }
  }

  /// Indonesian for the few English reasons produced by the statistics layer.
  static func translate(_ text: String) -> String {
    if text.hasPrefix("At least 3 complete pre–post pairs are needed") {
      return "diperlukan sedikitnya 3 pasangan skor awal–akhir yang lengkap; tersedia "
        + (text.split(separator: " ").last.map(String.init) ?? "")
    }
    let table: [String: String] = [
      "no reliability stated for this scale": "reliabilitas skala ini tidak dinyatakan",
      "no SD: none stated and the group's baseline SD needs at least 2 varying scores":
        "tidak ada SD: tidak dinyatakan dan SD awal kelompok memerlukan sedikitnya 2 skor yang bervariasi",
      "no sessions or no enrolled clients": "tidak ada sesi atau klien terdaftar",
      "no enrolled clients": "tidak ada klien terdaftar",
      "no checklist after the programme": "tidak ada daftar periksa setelah program",
      "not measured yet": "belum diukur",
      "measured only from an assertive-training group's records":
        "hanya dapat diukur dari catatan kelompok latihan asertif",
      "the value is not a number": "nilainya bukan angka",
    ]
    return table[text] ?? text
  }

  /// `value` with `decimals` decimals; Indonesian uses a decimal comma. A value that is not finite
  /// or too large to print exactly prints as "—" (never trapping on the conversion to `Int`).
  static func number(_ value: Double, _ decimals: Int, _ language: DisplayLanguage) -> String {
    guard value.isFinite, abs(value) < 1e12, (0...6).contains(decimals) else { return "—" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let negative = value < 0 && rounded > 0
    let whole = Int(rounded / scale)
    let fraction = Int(rounded - Double(whole) * scale)
    var text = String(whole)
    if decimals > 0 {
      let digits = String(fraction)
      text += (language == .indonesian ? "," : ".") + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return (negative ? "-" : "") + text
  }
}

extension AssertiveTrainingReport {
  /// The report as pretty-printed JSON with sorted keys (stable for diffs and tests).
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
