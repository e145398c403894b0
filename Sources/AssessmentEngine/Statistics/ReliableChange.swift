#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Which end of a scale is the desirable one.
public enum ScoreDirection: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Higher scores are better (e.g. a working-alliance or assertiveness score).
  case higherIsBetter
  /// Lower scores are better (e.g. a symptom or risk score).
  case lowerIsBetter

  /// +1 when higher is better, −1 when lower is better.
  public var sign: Double { self == .higherIsBetter ? 1 : -1 }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .higherIsBetter: LocalizedText(id: "Skor lebih tinggi lebih baik", en: "Higher is better")
    case .lowerIsBetter: LocalizedText(id: "Skor lebih rendah lebih baik", en: "Lower is better")
    }
  }
}

/// The Jacobson–Truax classification of one client's change.
public enum ReliableChangeCategory: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Change beyond the criterion in the desirable direction.
  case improved
  /// Change within the band explained by measurement error.
  case unchanged
  /// Change beyond the criterion in the undesirable direction.
  case deteriorated

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .improved: LocalizedText(id: "Membaik secara reliabel", en: "Reliably improved")
    case .unchanged: LocalizedText(id: "Tidak berubah", en: "Unchanged")
    case .deteriorated: LocalizedText(id: "Memburuk secara reliabel", en: "Reliably deteriorated")
    }
  }
}

/// The standard error of measurement, SEM = SD·√(1 − r_xx).
///
/// Source: Jacobson, N. S. & Truax, P. (1991). Clinical significance: a statistical approach to
/// defining meaningful change in psychotherapy research. *Journal of Consulting and Clinical
/// Psychology*, 59(1), 12–19, formula for SE (the SD is that of the pre-treatment or norm group).
public func standardErrorOfMeasurement(sd: Double, reliability: Double) throws(ChangeStatisticsError) -> Double {
  guard sd.isFinite else { throw .notFinite(input: "sd") }
  guard reliability.isFinite else { throw .notFinite(input: "reliability") }
  guard sd > 0 else { throw .nonPositiveStandardDeviation(input: "sd", value: sd) }
  guard reliability >= 0, reliability < 1 else { throw .reliabilityOutOfRange(value: reliability) }
  return sd * (1 - reliability).squareRoot()
}

/// The Jacobson & Truax (1991) reliable change index for one client.
///
/// RCI = (post − pre) / S_diff with S_diff = √(2·SEM²) = √2·SEM and SEM = SD·√(1 − r_xx)
/// (Jacobson & Truax 1991, *J. Consult. Clin. Psychol.* 59(1), 12–19; the √2 follows Christensen &
/// Mendoza 1986, *Behavior Therapy* 17, 305–308). The change is reliable when |RCI| exceeds the
/// criterion (1.96 by default, two-sided 5%); ``direction`` decides whether a reliable rise is an
/// improvement or a deterioration. SD is the standard deviation of a reference group at pre-test
/// (or a published norm), and r_xx the scale's reliability (e.g. coefficient alpha or test–retest r).
///
/// ```swift
/// let change = try ReliableChange(pre: 32, post: 20, sd: 7.5, reliability: 0.88,
///                                 direction: .lowerIsBetter)
/// change.category   // .improved
/// ```
public struct ReliableChange: Sendable, Hashable, Codable {
  /// The pre-test score.
  public var pre: Double
  /// The post-test score.
  public var post: Double
  /// post − pre.
  public var change: Double
  /// The reference standard deviation used.
  public var standardDeviation: Double
  /// The reliability used.
  public var reliability: Double
  /// SEM = SD·√(1 − r_xx).
  public var standardErrorOfMeasurement: Double
  /// S_diff = √2·SEM.
  public var standardErrorOfDifference: Double
  /// RCI = (post − pre) / S_diff.
  public var index: Double
  /// The critical |RCI| (1.96 by default).
  public var criterion: Double
  /// The smallest raw change that counts as reliable: criterion·S_diff.
  public var reliableChangeThreshold: Double
  /// Which end of the scale is better.
  public var direction: ScoreDirection
  /// Improved, unchanged or deteriorated.
  public var category: ReliableChangeCategory

  /// Computes the index for one client.
  ///
  /// - Parameters:
  ///   - pre: the score before.
  ///   - post: the score after (the same scale and scoring).
  ///   - sd: the reference standard deviation (> 0).
  ///   - reliability: r_xx in [0, 1).
  ///   - direction: which end is better (default higher).
  ///   - criterion: the critical |RCI| (default 1.96; > 0).
  /// - Throws: ``ChangeStatisticsError`` for non-finite values, SD ≤ 0, r outside [0, 1) or a
  ///   non-positive criterion.
  public init(
    pre: Double, post: Double, sd: Double, reliability: Double,
    direction: ScoreDirection = .higherIsBetter, criterion: Double = 1.96
  ) throws(ChangeStatisticsError) {
    guard pre.isFinite else { throw .notFinite(input: "pre") }
    guard post.isFinite else { throw .notFinite(input: "post") }
    guard criterion.isFinite else { throw .notFinite(input: "criterion") }
    guard criterion > 0 else { throw .nonPositiveCriterion(input: "criterion", value: criterion) }
    let sem = try AssessmentEngine.standardErrorOfMeasurement(sd: sd, reliability: reliability)
    let sDiff = (2 * sem * sem).squareRoot()
    self.pre = pre
    self.post = post
    self.change = post - pre
    self.standardDeviation = sd
    self.reliability = reliability
    self.standardErrorOfMeasurement = sem
    self.standardErrorOfDifference = sDiff
    self.index = (post - pre) / sDiff
    self.criterion = criterion
    self.reliableChangeThreshold = criterion * sDiff
    self.direction = direction
    let oriented = direction.sign * index
    if oriented > criterion {
      category = .improved
    } else if oriented < -criterion {
      category = .deteriorated
    } else {
      category = .unchanged
    }
  }

  /// Whether |RCI| exceeds the criterion.
  public var isReliable: Bool { category != .unchanged }
}
