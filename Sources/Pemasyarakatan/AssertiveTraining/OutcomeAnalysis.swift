import AssessmentEngine

/// The reliability and SD actually used for one scale's reliable change index, and where each came
/// from, so that a report can state them.
public struct ScaleReference: Sendable, Hashable, Codable {
  /// The scale id.
  public var scale: String
  /// The scale's name.
  public var label: LocalizedText?
  /// r_xx, when stated.
  public var reliability: Double?
  /// Its source, as stated in the group file.
  public var reliabilitySource: String?
  /// The SD used, when there is one.
  public var sd: Double?
  /// Its source: the group file's statement, or "group baseline" (see ``sdFromGroup``).
  public var sdSource: String?
  /// Whether the SD is that of the group's own baseline scores (n − 1 denominator).
  public var sdFromGroup: Bool
  /// The number of baseline scores the group SD is computed from.
  public var groupBaselineCount: Int?
}

/// A change from baseline to a later occasion, with its reliable change index when it can be computed.
public struct ChangeFromBaseline: Sendable, Hashable, Codable {
  /// Post or follow-up.
  public var occasion: OutcomeOccasion
  /// Later score − baseline score.
  public var change: Double
  /// The Jacobson & Truax (1991) index and category (AssessmentEngine `ReliableChange`).
  public var reliableChange: ReliableChange?
  /// Why there is no index (no reliability stated, no SD, …).
  public var unavailable: String?
}

/// One client's scores on one scale at each occasion, and the changes from baseline.
public struct ScaleOutcome: Sendable, Hashable, Codable {
  /// The scale id.
  public var scale: String
  /// The score (sum metric) at each occasion, when there is one.
  public var baseline: Double?
  /// See ``baseline``.
  public var post: Double?
  /// See ``baseline``.
  public var followUp: Double?
  /// Baseline → post.
  public var changeToPost: ChangeFromBaseline?
  /// Baseline → follow-up.
  public var changeToFollowUp: ChangeFromBaseline?
}

/// One client's outcomes on one instrument.
public struct ClientOutcome: Sendable, Hashable, Codable {
  /// The client.
  public var client: ClientID
  /// The dates of the administrations used.
  public var baselineDate: CivilDate?
  /// See ``baselineDate``.
  public var postDate: CivilDate?
  /// See ``baselineDate``.
  public var followUpDate: CivilDate?
  /// Per analysed scale.
  public var scales: [ScaleOutcome]
}

/// The group's paired pre–post effect size on one scale (AssessmentEngine `PairedEffectSize`:
/// d_z with its exact noncentral-t 95% interval, g_av with an approximate one, the paired t and p).
public struct GroupEffect: Sendable, Hashable, Codable {
  /// The scale id.
  public var scale: String
  /// Post or follow-up (against baseline).
  public var occasion: OutcomeOccasion
  /// Clients with both scores.
  public var pairs: Int
  /// The effect sizes, when they can be computed.
  public var effect: PairedEffectSize?
  /// Why not (fewer than 3 pairs, no variation).
  public var unavailable: String?
}

/// Everything measured with one instrument.
public struct InstrumentOutcomes: Sendable, Hashable, Codable {
  /// The instrument's id.
  public var instrument: String
  /// Its name.
  public var name: LocalizedText
  /// Its citation.
  public var citation: String
  /// The missing-data rule applied.
  public var missingDataPolicy: String
  /// Per analysed scale, the reliability and SD used.
  public var references: [ScaleReference]
  /// Per enrolled client with at least one score.
  public var clients: [ClientOutcome]
  /// Per scale and later occasion.
  public var groupEffects: [GroupEffect]
}

/// Outcome measures (ICQ, RAS) with reliable change and group effect sizes, and the PK's checklist of
/// observable outcomes, with the problems found in these records.
///
/// **Statistics.** Scores are scale sums from `ScoringPlan` under the instrument's missing-data
/// rule (the SDK default: prorated when at least half the items are answered). The reliable change
/// index is AssessmentEngine's `ReliableChange` (Jacobson & Truax 1991, criterion 1.96, higher is
/// better for both instruments) with the reliability stated in the group file and the SD stated
/// there or, failing that, the SD of the group's baseline scores (n − 1 denominator, at least 2
/// scores); the report says which. Group effect sizes are `PairedEffectSize` (d_z with the exact
/// noncentral-t 95% interval of Steiger & Fouladi 1997, g_av with the Algina & Keselman 2003
/// approximation, the paired t test and its p; at least 3 pairs).
///
/// **Accuracy.** Scale sums are exact (integer sums; a prorated sum is the answered mean × items).
/// The RCI, S_diff and the effect sizes are those of AssessmentEngine's statistics; the tests compare
/// them with a hand-worked example (written out in `AssertiveTrainingOutcomeTests`) to a relative
/// error of 1e-12 (RCI) and 1e-9 (effect sizes), and the intervals and p with R 4.2.2 to 1e-6. Nothing is reported as NaN: a value
/// that cannot be computed carries the reason instead.
public struct OutcomeAnalysis: Sendable, Hashable, Codable {
  /// Per instrument.
  public var instruments: [InstrumentOutcomes]
  /// The checklists used, in file order.
  public var checklists: [ChecklistRecord]
  /// Per occasion, the number of clients showing each outcome.
  public var checklistCounts: [ChecklistCount]
  /// Problems found, in file order.
  public var issues: [AssertiveTrainingIssue]

  private struct Scored {
    var index: Int
    var date: CivilDate
    var scores: [String: Double]
  }

  /// Analyses the outcome records of `group`.
  ///
  /// - Complexity: O(*n*·*k*) for *n* administrations of *k* items.
  public init(group: AssertiveTrainingGroup, library: InstrumentLibrary = .assessmentEngine) {
    var issues: [AssertiveTrainingIssue] = []
    let enrolled = Set(group.enrolled)

    // Which instruments and scales, with which references.
    var measures: [(definition: InstrumentDefinition, refs: [ChangeReference])] = []
    for (m, record) in group.outcomeMeasures.enumerated() {
      let path = "$.outcomeMeasures[\(m)]"
      guard let measure = record.value else {
        if case .invalid(_, let p, let reason) = record {
          issues.append(.init(path: p, problem: .unreadableRecord(reason: reason)))
        }
        continue
      }
      guard let definition = library.definition(id: measure.instrument) else {
        issues.append(.init(path: "\(path).instrument", problem: .unknownInstrument(measure.instrument)))
        continue
      }
      var refs: [ChangeReference] = []
      for (r, ref) in measure.references.enumerated() {
        let rpath = "\(path).references[\(r)]"
        guard definition.scale(ref.scale) != nil else {
          issues.append(
            .init(path: "\(rpath).scale", problem: .unknownScale(instrument: definition.id, scale: ref.scale)))
          continue
        }
        var ref = ref
        if let rel = ref.reliability, !(rel >= 0 && rel < 1) {
          issues.append(
            .init(path: "\(rpath).reliability", problem: .invalidReference(field: "reliability", value: rel)))
          ref.reliability = nil
        }
        if let sd = ref.sd, !(sd > 0 && sd.isFinite) {
          issues.append(.init(path: "\(rpath).sd", problem: .invalidReference(field: "sd", value: sd)))
          ref.sd = nil
        }
        refs.append(ref)
      }
      if measure.references.isEmpty {
        refs = definition.scales.map { ChangeReference(scale: $0.id, reliability: nil, reliabilitySource: nil) }
      }
      measures.append((definition, refs))
    }

    // Score every administration; key: instrument → client → occasion.
    var scored: [String: [ClientID: [OutcomeOccasion: Scored]]] = [:]
    for (a, record) in group.administrations.enumerated() {
      let path = "$.administrations[\(a)]"
      guard let admin = record.value else {
        if case .invalid(_, let p, let reason) = record {
          issues.append(.init(path: p, problem: .unreadableRecord(reason: reason)))
        }
        continue
      }
      guard enrolled.contains(admin.client) else {
        issues.append(.init(path: "\(path).client", client: admin.client, problem: .clientNotEnrolled))
        continue
      }
      if !measures.contains(where: { $0.definition.id == admin.instrument }) {
        guard let definition = library.definition(id: admin.instrument) else {
          issues.append(
            .init(path: "\(path).instrument", client: admin.client, problem: .unknownInstrument(admin.instrument)))
          continue
        }
        measures.append(
          (
            definition,
            definition.scales.map { ChangeReference(scale: $0.id, reliability: nil, reliabilitySource: nil) }
          ))
      }
      guard let measure = measures.first(where: { $0.definition.id == admin.instrument }) else { continue }
      let definition = measure.definition
      if scored[admin.instrument]?[admin.client]?[admin.occasion] != nil {
        issues.append(.init(path: "\(path).occasion", client: admin.client, problem: .duplicateAdministration))
        continue
      }
      guard admin.responses.count == definition.items.count else {
        issues.append(
          .init(
            path: "\(path).responses", client: admin.client,
            problem: .responseCount(expected: definition.items.count, found: admin.responses.count)))
        continue
      }
      let scale = definition.responseScale
      if let j = admin.responses.firstIndex(where: { $0.map { !scale.contains($0) } ?? false }),
        let v = admin.responses[j]
      {
        issues.append(
          .init(
            path: "\(path).responses[\(j)]", client: admin.client,
            problem: .responseOutOfScale(
              item: definition.items[j].id, value: v, min: scale.min, max: scale.max, excluded: scale.excluded)))
        continue
      }
      let plan = ScoringPlan(definition)
      guard let scores = try? plan.score(responses: admin.responses) else { continue }
      var values: [String: Double] = [:]
      for ref in measure.refs {
        guard let s = plan.definition.scales.firstIndex(where: { $0.id == ref.scale }) else { continue }
        let score = scores[s]
        if let sum = score.sum {
          values[ref.scale] = sum
        } else {
          let k = plan.definition.scales[s].items.count
          let required: Int
          if case .prorate(let minimum) = plan.policy { required = minimum.required(of: k) } else { required = 1 }
          issues.append(
            .init(
              path: "\(path).responses", client: admin.client,
              problem: .tooManyMissingItems(
                instrument: definition.id, scale: ref.scale, answered: score.answered, required: required)))
        }
      }
      scored[admin.instrument, default: [:]][admin.client, default: [:]][admin.occasion] = Scored(
        index: a, date: admin.date, scores: values)
    }

    // Later occasions must not precede the baseline.
    for (instrument, byClient) in scored {
      for (client, byOccasion) in byClient {
        guard let baseline = byOccasion[.baseline] else { continue }
        for occasion in [OutcomeOccasion.post, .followUp] {
          guard let later = byOccasion[occasion], later.date < baseline.date else { continue }
          issues.append(
            .init(
              path: "$.administrations[\(later.index)].date", client: client,
              problem: .occasionBeforeBaseline(occasion: occasion, date: later.date, baseline: baseline.date)))
          scored[instrument]?[client]?[occasion] = nil
        }
      }
    }

    instruments = measures.map { measure in
      Self.summarise(
        measure.definition, refs: measure.refs, scored: scored[measure.definition.id] ?? [:], enrolled: group.enrolled)
    }
    let (checklists, counts) = Self.checklists(group, enrolled: enrolled, issues: &issues)
    self.checklists = checklists
    self.checklistCounts = counts
    // File order (section, then record), with the order found as the tie-breaker: the date checks
    // above run over dictionaries, whose order is not deterministic.
    self.issues = issues.enumerated().sorted { Self.fileOrder($0).lexicographicallyPrecedes(Self.fileOrder($1)) }.map(
      \.element)
  }

  private static func fileOrder(_ entry: (offset: Int, element: AssertiveTrainingIssue)) -> [Int] {
    let path = entry.element.path
    let section = path.hasPrefix("$.outcomeMeasures") ? 0 : path.hasPrefix("$.administrations") ? 1 : 2
    let digits = path.drop { $0 != "[" }.dropFirst().prefix { $0.isNumber }
    return [section, Int(digits) ?? 0, entry.offset]
  }

  private static func summarise(
    _ definition: InstrumentDefinition, refs: [ChangeReference], scored: [ClientID: [OutcomeOccasion: Scored]],
    enrolled: [ClientID]
  ) -> InstrumentOutcomes {
    let clients = enrolled.filter { scored[$0] != nil }
    var references: [ScaleReference] = []
    for ref in refs {
      var used = ScaleReference(
        scale: ref.scale, label: definition.scale(ref.scale)?.label, reliability: ref.reliability,
        reliabilitySource: ref.reliabilitySource, sd: ref.sd, sdSource: ref.sdSource, sdFromGroup: false,
        groupBaselineCount: nil)
      if ref.sd == nil {
        let baselines = clients.compactMap { scored[$0]?[.baseline]?.scores[ref.scale] }
        used.sdFromGroup = true
        used.groupBaselineCount = baselines.count
        if baselines.count >= 2 {
          let mean = baselines.reduce(0, +) / Double(baselines.count)
          let ss = baselines.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
          let sd = (ss / Double(baselines.count - 1)).squareRoot()
          used.sd = sd > 0 ? sd : nil
        }
      }
      references.append(used)
    }

    let outcomes: [ClientOutcome] = clients.map { client in
      let occ = scored[client] ?? [:]
      let scales: [ScaleOutcome] = references.map { ref in
        let b = occ[.baseline]?.scores[ref.scale]
        let p = occ[.post]?.scores[ref.scale]
        let f = occ[.followUp]?.scores[ref.scale]
        return ScaleOutcome(
          scale: ref.scale, baseline: b, post: p, followUp: f,
          changeToPost: change(.post, from: b, to: p, ref: ref),
          changeToFollowUp: change(.followUp, from: b, to: f, ref: ref))
      }
      return ClientOutcome(
        client: client, baselineDate: occ[.baseline]?.date, postDate: occ[.post]?.date,
        followUpDate: occ[.followUp]?.date, scales: scales)
    }

    var effects: [GroupEffect] = []
    for ref in references {
      for occasion in [OutcomeOccasion.post, .followUp] {
        let pairs = clients.compactMap { c -> (Double, Double)? in
          guard let b = scored[c]?[.baseline]?.scores[ref.scale], let l = scored[c]?[occasion]?.scores[ref.scale] else {
            return nil
          }
          return (b, l)
        }
        guard !pairs.isEmpty else { continue }
        do {
          let effect = try PairedEffectSize(pre: pairs.map(\.0), post: pairs.map(\.1))
          effects.append(
            GroupEffect(scale: ref.scale, occasion: occasion, pairs: pairs.count, effect: effect, unavailable: nil))
        } catch {
          effects.append(
            GroupEffect(
              scale: ref.scale, occasion: occasion, pairs: pairs.count, effect: nil, unavailable: error.description))
        }
      }
    }
    let policy = ScoringPlan(definition).policy
    return InstrumentOutcomes(
      instrument: definition.id, name: definition.name, citation: definition.citation.source,
      missingDataPolicy: policy.summary,
      references: references, clients: outcomes, groupEffects: effects)
  }

  private static func change(_ occasion: OutcomeOccasion, from pre: Double?, to post: Double?, ref: ScaleReference)
    -> ChangeFromBaseline?
  {
    guard let pre, let post else { return nil }
    guard let reliability = ref.reliability else {
      return ChangeFromBaseline(
        occasion: occasion, change: post - pre, reliableChange: nil, unavailable: "no reliability stated for this scale"
      )
    }
    guard let sd = ref.sd else {
      return ChangeFromBaseline(
        occasion: occasion, change: post - pre, reliableChange: nil,
        unavailable: "no SD: none stated and the group's baseline SD needs at least 2 varying scores")
    }
    do {
      let rc = try ReliableChange(pre: pre, post: post, sd: sd, reliability: reliability, direction: .higherIsBetter)
      return ChangeFromBaseline(occasion: occasion, change: post - pre, reliableChange: rc, unavailable: nil)
    } catch {
      return ChangeFromBaseline(
        occasion: occasion, change: post - pre, reliableChange: nil, unavailable: error.description)
    }
  }
}
