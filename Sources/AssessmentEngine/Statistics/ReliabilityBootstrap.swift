import Foundation

/// Bootstrap confidence intervals for coefficient alpha and omega total: percentile and BCa,
/// seeded and reproducible.
///
/// **Resampling.** B replicates of n rows drawn with replacement (rows, not cells: each respondent's
/// answers stay together). Each replicate is analysed exactly as the original data
/// (``ItemMomentAccumulator/reliability(ofScaleAt:options:)``, same missing-data policy); a
/// replicate in which the scale cannot be analysed (e.g. an item without variance) is counted in
/// ``failedReplicates`` and left out. The random numbers come from SplitMix64 (Steele, Lea & Flood
/// 2014) seeded with ``seed``, and a row index is ⌊u·n⌋ with u from the top 53 bits, so the same seed
/// gives the same intervals on every platform.
///
/// **Percentile interval** (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, §13.3):
/// the α/2 and 1 − α/2 quantiles of the replicates (R's `quantile` type 7).
///
/// **BCa interval** (Efron 1987; Efron & Tibshirani 1993, §14.3): bias correction
/// z₀ = Φ⁻¹((#{θ* < θ̂} + ½#{θ* = θ̂})/B), acceleration a = Σ(θ̄ − θ₍ᵢ₎)³ / (6·(Σ(θ̄ − θ₍ᵢ₎)²)^{3/2})
/// from the jackknife, and the quantiles Φ(z₀ + (z₀ + z_q)/(1 − a(z₀ + z_q))) of the replicates. The
/// jackknife leaves out one row at a time for n ≤ 1,000 and one of 1,000 contiguous blocks of rows
/// otherwise (a grouped jackknife; the acceleration is then an approximation).
///
/// JSON keys (stable): `replicates`, `seed`, `confidenceLevel`, `failedReplicates`,
/// `jackknifeGroups`, `alpha` and `omegaTotal`, each {`estimate`, `percentileLower`,
/// `percentileUpper`, `bcaLower`, `bcaUpper`, `biasCorrection`, `acceleration`}.
public struct ReliabilityBootstrap: Sendable, Hashable, Codable {
  /// Intervals for one statistic.
  public struct Intervals: Sendable, Hashable, Codable {
    /// The statistic on the original data.
    public var estimate: Double
    /// Percentile interval, lower limit.
    public var percentileLower: Double
    /// Percentile interval, upper limit.
    public var percentileUpper: Double
    /// BCa interval, lower limit.
    public var bcaLower: Double
    /// BCa interval, upper limit.
    public var bcaUpper: Double
    /// z₀.
    public var biasCorrection: Double
    /// a.
    public var acceleration: Double
  }

  /// B.
  public var replicates: Int
  /// The seed.
  public var seed: UInt64
  /// The confidence level.
  public var confidenceLevel: Double
  /// Replicates in which the scale could not be analysed.
  public var failedReplicates: Int
  /// Leave-out groups of the jackknife (n, or 1,000 blocks for larger n).
  public var jackknifeGroups: Int
  /// Coefficient alpha (raw).
  public var alpha: Intervals
  /// McDonald's ω_t.
  public var omegaTotal: Intervals

  /// Bootstraps the scale `scale` of row-major `codes` (`itemCount` codes per row, 0 = missing).
  /// - Throws: ``ReliabilityError`` when the original data cannot be analysed, fewer than 2
  ///   replicates are requested, or fewer than half of them can be analysed.
  /// - Complexity: O((B + groups) · n · k²) for B replicates of n rows and k items.
  public init(
    codes: [UInt8], itemCount: Int, coding: ResponseCoding, scale: ReliabilityScale, columnNames: [String]? = nil,
    options: ReliabilityOptions = ReliabilityOptions(), replicates: Int = 1000, seed: UInt64 = 1,
    confidenceLevel: Double = 0.95
  ) throws(ReliabilityError) {
    guard confidenceLevel > 0, confidenceLevel < 1 else { throw .confidenceLevelOutOfRange(value: confidenceLevel) }
    guard itemCount > 0, codes.count % itemCount == 0 else {
      throw .rowBufferLength(count: codes.count, itemCount: itemCount)
    }
    let n = codes.count / itemCount
    guard replicates >= 2 else { throw .tooFewObservations(scale: scale.name, count: Int64(replicates), minimum: 2) }
    func analyse(_ rows: [UInt8]) throws(ReliabilityError) -> (Double, Double) {
      var accumulator = try ItemMomentAccumulator(
        itemCount: itemCount, coding: coding, scales: [scale], columnNames: columnNames)
      try accumulator.add(rows: rows)
      let result = try accumulator.reliability(ofScaleAt: 0, options: options)
      return (result.alpha, result.omegaTotal)
    }
    let (alphaHat, omegaHat) = try analyse(codes)
    var random = BootstrapRandom(seed: seed)
    var alphas: [Double] = []
    var omegas: [Double] = []
    alphas.reserveCapacity(replicates)
    omegas.reserveCapacity(replicates)
    var sample = [UInt8](repeating: 0, count: codes.count)
    var failed = 0
    for _ in 0..<replicates {
      for row in 0..<n {
        let source = random.index(below: n)
        for j in 0..<itemCount { sample[row * itemCount + j] = codes[source * itemCount + j] }
      }
      do throws(ReliabilityError) {
        let (a, o) = try analyse(sample)
        if a.isFinite, o.isFinite {
          alphas.append(a)
          omegas.append(o)
        } else {
          failed += 1
        }
      } catch {
        failed += 1
      }
    }
    guard alphas.count * 2 >= replicates else {
      throw .tooFewObservations(scale: scale.name, count: Int64(alphas.count), minimum: Int64((replicates + 1) / 2))
    }
    // Jackknife by prefix/suffix merges of block accumulators.
    let groups = min(n, 1000)
    var blocks: [ItemMomentAccumulator] = []
    for g in 0..<groups {
      let start = g * n / groups
      let end = (g + 1) * n / groups
      var block = try ItemMomentAccumulator(
        itemCount: itemCount, coding: coding, scales: [scale], columnNames: columnNames)
      try block.add(rows: Array(codes[(start * itemCount)..<(end * itemCount)]))
      blocks.append(block)
    }
    let empty = try ItemMomentAccumulator(
      itemCount: itemCount, coding: coding, scales: [scale], columnNames: columnNames)
    var prefix = [empty]
    for g in 0..<groups {
      var next = prefix[g]
      try next.merge(blocks[g])
      prefix.append(next)
    }
    var suffix = [ItemMomentAccumulator](repeating: empty, count: groups + 1)
    for g in stride(from: groups - 1, through: 0, by: -1) {
      var next = suffix[g + 1]
      try next.merge(blocks[g])
      suffix[g] = next
    }
    var jackAlpha: [Double] = []
    var jackOmega: [Double] = []
    for g in 0..<groups {
      var leaveOut = prefix[g]
      try leaveOut.merge(suffix[g + 1])
      if let result = try? leaveOut.reliability(ofScaleAt: 0, options: options), result.alpha.isFinite,
        result.omegaTotal.isFinite
      {
        jackAlpha.append(result.alpha)
        jackOmega.append(result.omegaTotal)
      }
    }
    self.replicates = replicates
    self.seed = seed
    self.confidenceLevel = confidenceLevel
    self.failedReplicates = failed
    self.jackknifeGroups = groups
    self.alpha = Self.intervals(estimate: alphaHat, replicates: alphas, jackknife: jackAlpha, level: confidenceLevel)
    self.omegaTotal = Self.intervals(
      estimate: omegaHat, replicates: omegas, jackknife: jackOmega, level: confidenceLevel)
  }

  static func intervals(estimate: Double, replicates: [Double], jackknife: [Double], level: Double) -> Intervals {
    let sorted = replicates.sorted()
    let lowerQ = (1 - level) / 2
    let upperQ = 1 - lowerQ
    let below = Double(sorted.filter { $0 < estimate }.count)
    let equal = Double(sorted.filter { $0 == estimate }.count)
    let share = min(
      max((below + 0.5 * equal) / Double(sorted.count), 0.5 / Double(sorted.count)), 1 - 0.5 / Double(sorted.count))
    let z0 = Distributions.normalQuantile(share) ?? 0
    let mean = jackknife.reduce(0, +) / Double(max(jackknife.count, 1))
    var numerator = 0.0
    var denominator = 0.0
    for value in jackknife {
      let d = mean - value
      numerator += d * d * d
      denominator += d * d
    }
    let a = denominator > 0 ? numerator / (6 * pow(denominator, 1.5)) : 0
    func adjusted(_ q: Double) -> Double {
      let z = Distributions.normalQuantile(q) ?? 0
      return Distributions.normalCDF(z0 + (z0 + z) / (1 - a * (z0 + z)))
    }
    return Intervals(
      estimate: estimate, percentileLower: quantile(sorted, lowerQ), percentileUpper: quantile(sorted, upperQ),
      bcaLower: quantile(sorted, adjusted(lowerQ)), bcaUpper: quantile(sorted, adjusted(upperQ)), biasCorrection: z0,
      acceleration: a)
  }

  /// R's `quantile(x, q, type = 7)` on sorted values.
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * min(max(q, 0), 1)
    let lower = Int(h.rounded(.down))
    guard lower + 1 < sorted.count else { return sorted[sorted.count - 1] }
    return sorted[lower] + (h - Double(lower)) * (sorted[lower + 1] - sorted[lower])
  }
}

/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators",
/// OOPSLA): a 64-bit generator whose output depends only on the seed, on every platform.
struct BootstrapRandom: Sendable {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// ⌊u·n⌋ with u = (next() >> 11)·2⁻⁵³ ∈ [0, 1).
  mutating func index(below n: Int) -> Int {
    let u = Double(next() >> 11) * 0x1p-53
    return min(n - 1, Int(u * Double(n)))
  }
}
