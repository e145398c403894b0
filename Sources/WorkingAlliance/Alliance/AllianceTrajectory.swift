/// The straight-line trend of a series: the ordinary least-squares slope of the score on the session
/// number, with its standard error.
///
/// With sessions *x*, scores *y*, *n* points, S_xx = Σ(x − x̄)², S_xy = Σ(x − x̄)(y − ȳ):
///
///     slope = S_xy / S_xx,  intercept = ȳ − slope · x̄
///     SE(slope) = √( Σ residual² / (n − 2) / S_xx )     (n ≥ 3)
///
/// the textbook simple-regression estimates (e.g. Draper & Smith, *Applied Regression Analysis*, 3rd
/// ed., 1998, §1.4). The slope is per session *number*, so a gap in the numbering counts as sessions
/// passed. Two points give a slope but no standard error (`nil`, no residual degrees of freedom); fewer
/// than two give ``NotEnoughData``.
///
/// Accuracy: computed on centred values in `Double`; for integer sessions and scores of a few hundred
/// the slope agrees with the exact rational result to about 1e-13 relative.
public struct AllianceTrajectory: Sendable, Hashable, Codable {
  /// The measure analysed.
  public var measure: AllianceMeasure
  /// The metric of the scores (the slope is in its units per session).
  public var metric: AllianceMetric
  /// The sessions used, in order.
  public var sessions: [Int]
  /// Change per session.
  public var slope: Double
  /// The fitted score at session 0.
  public var intercept: Double
  /// The standard error of the slope; `nil` with two points.
  public var slopeStandardError: Double?
  /// The number of points.
  public var n: Int
}

/// The alliance over the first sessions: the mean of the first ``count`` scored sessions.
///
/// Early alliance (commonly sessions 1–3) predicts outcome better than later alliance in
/// psychotherapy research (Horvath & Symonds 1991, *J Couns Psychol* 38:139–149, used early ratings);
/// the count is configurable.
public struct EarlyAlliance: Sendable, Hashable, Codable {
  /// The measure.
  public var measure: AllianceMeasure
  /// The metric.
  public var metric: AllianceMetric
  /// How many sessions were asked for.
  public var count: Int
  /// The sessions averaged.
  public var sessions: [Int]
  /// Their mean.
  public var mean: Double
}

extension AllianceSeries {
  /// The OLS trajectory of `measure` on `metric` over the scored sessions.
  ///
  /// - Returns: ``NotEnoughData`` (analysis `trajectory`, 2 required) when fewer than two sessions have
  ///   a score.
  /// - Complexity: O(*n*).
  public func trajectory(_ measure: AllianceMeasure = .total, metric: AllianceMetric = .sum) -> AllianceOutcome<
    AllianceTrajectory
  > {
    let p = points(measure, metric)
    guard p.count >= 2 else { return .notEnoughData(notEnough(.trajectory, p, required: 2)) }
    let fit = olsLine(x: p.map { Double($0.session) }, y: p.map(\.value))
    return .value(
      AllianceTrajectory(
        measure: measure, metric: metric, sessions: p.map(\.session), slope: fit.slope, intercept: fit.intercept,
        slopeStandardError: fit.slopeSE, n: p.count))
  }

  /// The mean of the first `count` scored sessions (default 3).
  ///
  /// - Returns: ``NotEnoughData`` (analysis `earlyAlliance`, `count` required) when fewer sessions are
  ///   scored, or when `count` < 1.
  public func earlyAlliance(_ measure: AllianceMeasure = .total, metric: AllianceMetric = .sum, count: Int = 3)
    -> AllianceOutcome<EarlyAlliance>
  {
    let p = points(measure, metric)
    guard count >= 1, p.count >= count else {
      return .notEnoughData(notEnough(.earlyAlliance, p, required: max(count, 1)))
    }
    let first = p.prefix(count)
    return .value(
      EarlyAlliance(
        measure: measure, metric: metric, count: count, sessions: first.map(\.session),
        mean: first.map(\.value).reduce(0, +) / Double(count)))
  }
}

/// Simple linear regression of y on x (at least two distinct x).
func olsLine(x: [Double], y: [Double]) -> (slope: Double, intercept: Double, slopeSE: Double?) {
  let n = Double(x.count)
  let mx = x.reduce(0, +) / n
  let my = y.reduce(0, +) / n
  var sxx = 0.0
  var sxy = 0.0
  for (xi, yi) in zip(x, y) {
    sxx += (xi - mx) * (xi - mx)
    sxy += (xi - mx) * (yi - my)
  }
  let slope = sxy / sxx
  let intercept = my - slope * mx
  guard x.count >= 3 else { return (slope, intercept, nil) }
  var sse = 0.0
  for (xi, yi) in zip(x, y) {
    let e = yi - (intercept + slope * xi)
    sse += e * e
  }
  return (slope, intercept, (sse / (n - 2) / sxx).squareRoot())
}
