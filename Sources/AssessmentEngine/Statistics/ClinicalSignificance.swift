/// The three Jacobson–Truax cut-off points for clinically significant change.
///
/// Source: Jacobson, N. S. & Truax, P. (1991), *J. Consult. Clin. Psychol.* 59(1), 12–19:
/// - **a** = M_dys + d·m·SD_dys — beyond m SDs of the dysfunctional mean, in the healthy direction;
/// - **b** = M_func − d·m·SD_func — within m SDs of the functional mean (the **functional** SD, as
///   in the paper; `clinicalsignificance` R/calc_cutoff.R uses SD_dys here, which does not follow
///   the paper and is not copied);
/// - **c** = (SD_dys·M_func + SD_func·M_dys) / (SD_dys + SD_func) — where the two distributions meet;
///
/// with d = +1 when higher is better, −1 when lower is better, and the multiplier m = 2 as in the
/// paper (some software uses 1.96; pass it as `multiplier`).
public struct ClinicalCutoffs: Sendable, Hashable, Codable {
  /// Mean of the functional (normal) population.
  public var functionalMean: Double
  /// SD of the functional population.
  public var functionalSD: Double
  /// Mean of the dysfunctional (clinical) population.
  public var dysfunctionalMean: Double
  /// SD of the dysfunctional population.
  public var dysfunctionalSD: Double
  /// Which end of the scale is better.
  public var direction: ScoreDirection
  /// The SD multiplier for a and b (2 by default).
  public var multiplier: Double
  /// Cut-off a.
  public var a: Double
  /// Cut-off b.
  public var b: Double
  /// Cut-off c.
  public var c: Double

  /// Computes a, b and c from the norms.
  /// - Throws: ``ChangeStatisticsError`` for non-finite values, SDs ≤ 0, a multiplier ≤ 0, or norms
  ///   where the functional mean is not on the better side of the dysfunctional mean.
  public init(
    functionalMean: Double, functionalSD: Double, dysfunctionalMean: Double, dysfunctionalSD: Double,
    direction: ScoreDirection = .higherIsBetter, multiplier: Double = 2
  ) throws(ChangeStatisticsError) {
    for (name, value) in [
      ("functionalMean", functionalMean), ("functionalSD", functionalSD),
      ("dysfunctionalMean", dysfunctionalMean), ("dysfunctionalSD", dysfunctionalSD),
      ("multiplier", multiplier),
    ] where !value.isFinite {
      throw .notFinite(input: name)
    }
    guard functionalSD > 0 else { throw .nonPositiveStandardDeviation(input: "functionalSD", value: functionalSD) }
    guard dysfunctionalSD > 0 else {
      throw .nonPositiveStandardDeviation(input: "dysfunctionalSD", value: dysfunctionalSD)
    }
    guard multiplier > 0 else { throw .nonPositiveCriterion(input: "multiplier", value: multiplier) }
    guard direction.sign * (functionalMean - dysfunctionalMean) > 0 else {
      throw .normsContradictDirection(functionalMean: functionalMean, dysfunctionalMean: dysfunctionalMean)
    }
    self.functionalMean = functionalMean
    self.functionalSD = functionalSD
    self.dysfunctionalMean = dysfunctionalMean
    self.dysfunctionalSD = dysfunctionalSD
    self.direction = direction
    self.multiplier = multiplier
    a = dysfunctionalMean + direction.sign * multiplier * dysfunctionalSD
    b = functionalMean - direction.sign * multiplier * functionalSD
    c = (dysfunctionalSD * functionalMean + functionalSD * dysfunctionalMean) / (dysfunctionalSD + functionalSD)
  }

  /// The value of the chosen cut-off.
  public func value(of cutoff: ClinicalCutoff) -> Double {
    switch cutoff {
    case .a: a
    case .b: b
    case .c: c
    }
  }

  /// Whether `score` lies on the functional side of the chosen cut-off (strictly beyond it).
  public func isFunctional(_ score: Double, cutoff: ClinicalCutoff) -> Bool {
    direction.sign * (score - value(of: cutoff)) > 0
  }
}

/// Which Jacobson–Truax cut-off to apply.
public enum ClinicalCutoff: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Beyond m SDs of the dysfunctional mean (use when no functional norms exist).
  case a
  /// Within m SDs of the functional mean.
  case b
  /// The point between the two distributions (preferred by Jacobson & Truax when both norms exist
  /// and overlap).
  case c

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .a: LocalizedText(id: "Titik potong a", en: "Cut-off a")
    case .b: LocalizedText(id: "Titik potong b", en: "Cut-off b")
    case .c: LocalizedText(id: "Titik potong c", en: "Cut-off c")
    }
  }
}

/// The combined Jacobson–Truax outcome of one client.
public enum ClinicalSignificanceCategory: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Reliably improved **and** past the cut-off at post-test.
  case recovered
  /// Reliably improved but not past the cut-off.
  case improved
  /// No reliable change.
  case unchanged
  /// Reliably worse.
  case deteriorated

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .recovered: LocalizedText(id: "Pulih", en: "Recovered")
    case .improved: LocalizedText(id: "Membaik", en: "Improved")
    case .unchanged: LocalizedText(id: "Tidak berubah", en: "Unchanged")
    case .deteriorated: LocalizedText(id: "Memburuk", en: "Deteriorated")
    }
  }
}

/// Reliable change combined with a clinical cut-off (Jacobson & Truax 1991, "recovered" =
/// reliable improvement and passing the cut-off; the classification as coded in `AWKruijt/JT-RCI`).
public struct ClinicalSignificance: Sendable, Hashable, Codable {
  /// The reliable-change part.
  public var reliableChange: ReliableChange
  /// The cut-off used.
  public var cutoff: ClinicalCutoff
  /// Its value.
  public var cutoffValue: Double
  /// Whether the post score is on the functional side of the cut-off.
  public var postIsFunctional: Bool
  /// Recovered, improved, unchanged or deteriorated.
  public var category: ClinicalSignificanceCategory

  /// Classifies one client. The cut-offs' direction is used for the reliable change as well.
  public init(
    pre: Double, post: Double, sd: Double, reliability: Double, cutoffs: ClinicalCutoffs,
    cutoff: ClinicalCutoff = .c, criterion: Double = 1.96
  ) throws(ChangeStatisticsError) {
    let change = try ReliableChange(
      pre: pre, post: post, sd: sd, reliability: reliability, direction: cutoffs.direction, criterion: criterion)
    self.init(reliableChange: change, cutoffs: cutoffs, cutoff: cutoff)
  }

  /// Classifies an already computed reliable change against `cutoffs`.
  public init(reliableChange: ReliableChange, cutoffs: ClinicalCutoffs, cutoff: ClinicalCutoff = .c) {
    self.reliableChange = reliableChange
    self.cutoff = cutoff
    self.cutoffValue = cutoffs.value(of: cutoff)
    self.postIsFunctional = cutoffs.isFunctional(reliableChange.post, cutoff: cutoff)
    switch reliableChange.category {
    case .improved: category = postIsFunctional ? .recovered : .improved
    case .unchanged: category = .unchanged
    case .deteriorated: category = .deteriorated
    }
  }
}
