import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// Invariants of the exact accumulator, and agreement with a naive re-derivation that builds the
/// keyed value matrix in `Double` and applies psych's formulas with plain loops.
@Suite("Statistics: accumulator properties")
struct StatsAccumulatorPropertyTests {
  /// n rows of `items` codes on a `levels`-point scale: a common factor plus noise, item directions
  /// given by `keys` (so a reverse-keyed item correlates positively after flipping), each cell
  /// missing with probability `missing`.
  static func generate(
    rows n: Int, items: Int, levels: Int, keys: [Int], missing: Double, seed: UInt64
  ) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    var codes: [UInt8] = []
    codes.reserveCapacity(n * items)
    for _ in 0..<n {
      let factor = Double.random(in: -1.5...1.5, using: &random)
      for i in 0..<items {
        if Double.random(in: 0..<1, using: &random) < missing {
          codes.append(0)
          continue
        }
        let centre = Double(levels + 1) / 2
        let noise = Double.random(in: -1.6...1.6, using: &random)
        let value = (centre + Double(keys[i]) * 1.3 * factor + noise).rounded()
        codes.append(UInt8(min(max(value, 1), Double(levels))))
      }
    }
    return codes
  }

  /// Naive psych `alpha()` on a value matrix (nil = missing), pairwise rule, with plain loops.
  struct Naive {
    var alpha = 0.0, std = 0.0, g6 = 0.0, avr = 0.0, mean = 0.0, sd = 0.0, ase = 0.0
    var rawR: [Double] = [], stdR: [Double] = [], rCor: [Double] = [], rDrop: [Double] = []
    var itemMean: [Double] = [], itemSD: [Double] = []

    init(codes: [UInt8], width: Int, scale: ReliabilityScale, coding: ResponseCoding) {
      let rows = codes.count / width
      let k = scale.columns.count
      // Keyed values as Doubles.
      var x = [[Double?]](repeating: [Double?](repeating: nil, count: k), count: rows)
      for r in 0..<rows {
        for t in 0..<k {
          guard let v = coding.value(ofCode: codes[r * width + scale.columns[t]]) else { continue }
          x[r][t] = Double(scale.keys[t] == 1 ? v : coding.minimum + coding.maximum - v)
        }
      }
      func cov(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count)
        let mb = b.reduce(0, +) / Double(b.count)
        var s = 0.0
        for i in a.indices { s += (a[i] - ma) * (b[i] - mb) }
        return s / Double(a.count - 1)
      }
      var c = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
      for t in 0..<k {
        for u in 0..<k {
          var a: [Double] = []
          var b: [Double] = []
          for r in 0..<rows {
            if let xt = x[r][t], let xu = x[r][u] {
              a.append(xt)
              b.append(xu)
            }
          }
          c[t][u] = cov(a, b)
        }
      }
      var rm = c
      for t in 0..<k { for u in 0..<k { rm[t][u] = c[t][u] / (c[t][t] * c[u][u]).squareRoot() } }
      // SMC by Gauss–Jordan inversion.
      var inv = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
      var a = rm
      for i in 0..<k { inv[i][i] = 1 }
      for p in 0..<k {
        let pivot = a[p][p]
        for j in 0..<k {
          a[p][j] /= pivot
          inv[p][j] /= pivot
        }
        for i in 0..<k where i != p {
          let f = a[i][p]
          for j in 0..<k {
            a[i][j] -= f * a[p][j]
            inv[i][j] -= f * inv[p][j]
          }
        }
      }
      let smc = (0..<k).map { 1 - 1 / inv[$0][$0] }
      let kd = Double(k)
      let sumC = c.joined().reduce(0, +)
      let trC = (0..<k).reduce(0.0) { $0 + c[$1][$1] }
      let sumR = rm.joined().reduce(0, +)
      alpha = (1 - trC / sumC) * kd / (kd - 1)
      std = (1 - kd / sumR) * kd / (kd - 1)
      g6 = 1 - (kd - smc.reduce(0, +)) / sumR
      avr = (sumR - kd) / (kd * (kd - 1))
      var cc = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
      for i in 0..<k { for j in 0..<k { for l in 0..<k { cc[i][j] += c[i][l] * c[l][j] } } }
      let trCC = (0..<k).reduce(0.0) { $0 + cc[$1][$1] }
      let q =
        2 * kd * kd / ((kd - 1) * (kd - 1) * pow(sumC, 3))
        * (sumC * (trCC + trC * trC) - 2 * trC * cc.joined().reduce(0, +))
      ase = (q / Double(rows)).squareRoot()
      // Mean score over answered items.
      var score = [Double?](repeating: nil, count: rows)
      for r in 0..<rows {
        let answered = x[r].compactMap { $0 }
        if !answered.isEmpty { score[r] = answered.reduce(0, +) / Double(answered.count) }
      }
      let scores = score.compactMap { $0 }
      mean = scores.reduce(0, +) / Double(scores.count)
      sd = cov(scores, scores).squareRoot()
      var rcm = rm
      for i in 0..<k { rcm[i][i] = smc[i] }
      let sumRC = rcm.joined().reduce(0, +)
      for t in 0..<k {
        var a: [Double] = []
        var b: [Double] = []
        for r in 0..<rows {
          if let xt = x[r][t], let s = score[r] {
            a.append(xt)
            b.append(s)
          }
        }
        rawR.append(cov(a, b) / (cov(a, a) * cov(b, b)).squareRoot())
        itemMean.append(a.reduce(0, +) / Double(a.count))
        itemSD.append(cov(a, a).squareRoot())
        stdR.append((0..<k).reduce(0.0) { $0 + rm[$1][t] } / sumR.squareRoot())
        rCor.append((0..<k).reduce(0.0) { $0 + rcm[$1][t] } / sumRC.squareRoot())
        var rest = 0.0
        for i in 0..<k where i != t { for j in 0..<k where j != t { rest += c[i][j] } }
        let column = (0..<k).reduce(0.0) { $0 + c[$1][t] }
        rDrop.append((column - c[t][t]) / (c[t][t] * rest).squareRoot())
      }
    }
  }

  static let sevenPoint = ResponseCoding(minimum: 1, maximum: 7)
  static let keys = [1, -1, 1, 1, -1, 1, -1, 1]
  static let scale = ReliabilityScale(name: "Assertive", columns: Array(0..<8), keys: keys)

  static func accumulate(_ codes: [UInt8], coding: ResponseCoding = sevenPoint) throws -> ItemMomentAccumulator {
    var accumulator = try ItemMomentAccumulator(itemCount: 8, coding: coding, scales: [scale])
    try accumulator.add(rows: codes)
    return accumulator
  }

  @Test(arguments: [(0.0, UInt64(11)), (0.06, UInt64(12)), (0.2, UInt64(13))])
  func sevenPointReverseKeyedScaleAgreesWithNaiveReference(missing: Double, seed: UInt64) throws {
    for coding in [Self.sevenPoint, ResponseCoding(minimum: 0, maximum: 6)] {
      let codes = Self.generate(rows: 400, items: 8, levels: 7, keys: Self.keys, missing: missing, seed: seed)
      let result = try Self.accumulate(codes, coding: coding).reliability(ofScaleAt: 0)
      let naive = Naive(codes: codes, width: 8, scale: Self.scale, coding: coding)
      let tolerance = 1e-12
      expectClose(result.alpha, naive.alpha, relative: tolerance, "alpha")
      expectClose(result.standardizedAlpha, naive.std, relative: tolerance, "std alpha")
      expectClose(result.lambda6, naive.g6, relative: tolerance, "G6")
      expectClose(result.averageR, naive.avr, relative: tolerance, "average r")
      expectClose(result.ase, naive.ase, relative: tolerance, "ase")
      expectClose(result.mean, naive.mean, relative: tolerance, "mean")
      expectClose(result.sd, naive.sd, relative: tolerance, "sd")
      for (t, name) in result.itemOrder.enumerated() {
        let item = try #require(result.items[name])
        expectClose(item.rawR, naive.rawR[t], relative: tolerance, "raw.r \(name)")
        expectClose(item.stdR, naive.stdR[t], relative: tolerance, "std.r \(name)")
        expectClose(item.rCor, naive.rCor[t], relative: tolerance, "r.cor \(name)")
        expectClose(item.rDrop, naive.rDrop[t], relative: tolerance, "r.drop \(name)")
        expectClose(item.mean, naive.itemMean[t], relative: tolerance, "mean \(name)")
        expectClose(item.sd, naive.itemSD[t], relative: tolerance, "sd \(name)")
        #expect(item.key == Self.keys[t])
      }
      #expect(result.alpha > 0.7)  // reverse keying worked: flipped items correlate positively
    }
  }

  @Test func permutingRowsGivesBitIdenticalResults() throws {
    let codes = Self.generate(rows: 600, items: 8, levels: 7, keys: Self.keys, missing: 0.08, seed: 21)
    var order = Array(0..<600)
    var random = SplitMix64(seed: 99)
    order.shuffle(using: &random)
    var permuted: [UInt8] = []
    for row in order { permuted.append(contentsOf: codes[(row * 8)..<(row * 8 + 8)]) }
    let a = try Self.accumulate(codes)
    let b = try Self.accumulate(permuted)
    #expect(a == b)
    for policy in ReliabilityMissingData.allCases {
      let options = ReliabilityOptions(missingData: policy)
      #expect(try a.reliability(ofScaleAt: 0, options: options) == b.reliability(ofScaleAt: 0, options: options))
    }
  }

  @Test func mergingChunksEqualsOneAccumulator() throws {
    let codes = Self.generate(rows: 500, items: 8, levels: 7, keys: Self.keys, missing: 0.05, seed: 31)
    let whole = try Self.accumulate(codes)
    var merged = try Self.accumulate(Array(codes[0..<(137 * 8)]))
    try merged.merge(Self.accumulate(Array(codes[(137 * 8)..<(301 * 8)])))
    var streamed = try ItemMomentAccumulator(itemCount: 8, coding: Self.sevenPoint, scales: [Self.scale])
    try codes[(301 * 8)...].withContiguousStorageIfAvailable { buffer in
      try streamed.add(rowBlock: UnsafeBufferPointer(rebasing: buffer[0..<(100 * 8)]))
      try streamed.add(rowBlock: UnsafeBufferPointer(rebasing: buffer[(100 * 8)...]))
    }
    try merged.merge(streamed)
    #expect(merged == whole)
    #expect(try merged.reliability(ofScaleAt: 0) == whole.reliability(ofScaleAt: 0))
  }

  @Test func fixtureAgreesWithNaiveReferenceForEveryScale() throws {
    let data = try StatsFixtures.codes("wai12_miss_1000")
    let accumulator = try StatsFixtures.accumulator("wai12_miss")
    for (index, scale) in StatsFixtures.scales.enumerated() {
      let result = try accumulator.reliability(ofScaleAt: index)
      let naive = Naive(codes: data.codes, width: 12, scale: scale, coding: ResponseCoding(minimum: 1, maximum: 5))
      expectClose(result.alpha, naive.alpha, relative: 1e-12, "\(scale.name) alpha")
      expectClose(result.sd, naive.sd, relative: 1e-12, "\(scale.name) sd")
      for (t, name) in result.itemOrder.enumerated() {
        expectClose(result.items[name]?.rawR, naive.rawR[t], relative: 1e-12, "\(scale.name) raw.r \(name)")
      }
    }
  }
}
