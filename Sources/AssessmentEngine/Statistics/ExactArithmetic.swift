/// A signed 128-bit integer just wide enough for the exact differences of products behind the
/// covariances (n·Σxy − Σx·Σy can exceed 2⁶³ for millions of rows).
struct WideInteger: Sendable, Hashable {
  var high: Int64
  var low: UInt64

  static let zero = WideInteger(high: 0, low: 0)

  init(high: Int64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The exact product of two `Int64`s.
  init(product a: Int64, _ b: Int64) {
    let full = a.multipliedFullWidth(by: b)
    high = full.high
    low = full.low
  }

  init(_ value: Int64) {
    high = value < 0 ? -1 : 0
    low = UInt64(bitPattern: value)
  }

  static func + (lhs: WideInteger, rhs: WideInteger) -> WideInteger {
    let (low, carry) = lhs.low.addingReportingOverflow(rhs.low)
    return WideInteger(high: lhs.high &+ rhs.high &+ (carry ? 1 : 0), low: low)
  }

  static prefix func - (value: WideInteger) -> WideInteger {
    let low = ~value.low &+ 1
    return WideInteger(high: ~value.high &+ (low == 0 ? 1 : 0), low: low)
  }

  static func - (lhs: WideInteger, rhs: WideInteger) -> WideInteger { lhs + (-rhs) }

  var isNegative: Bool { high < 0 }

  /// The nearest `Double` (one rounding when the magnitude is below 2⁶⁴, otherwise two).
  var doubleValue: Double {
    if isNegative { return -(-self).doubleValue }
    if high == 0 { return Double(low) }
    return Double(high) * 18_446_744_073_709_551_616.0 + Double(low)
  }
}

/// a·b − c·d computed exactly in 128 bits and rounded once to `Double`.
@inline(__always)
func differenceOfProducts(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Double {
  (WideInteger(product: a, b) - WideInteger(product: c, d)).doubleValue
}

/// One item's side of an imputed covariance: the imputed code p/q, the answered count and the sum
/// of answered codes.
struct ImputedItem {
  var numerator: Int64
  var denominator: Int64
  var count: Int64
  var total: Int64
}

/// The covariance of two items after every missing code is replaced by the item's imputed code v.
///
/// With y = x − v (0 where imputed): Σyₜy_u runs over the rows where both were answered, and
/// cov = (Σyₜy_u − ΣyₜΣy_u/N)/(N − 1). Multiplying by the denominators of v keeps everything in
/// integers (exact in 128 bits, one rounding); if an intermediate product would overflow 64 bits
/// (billions of rows) the same formula is evaluated in `Double` instead.
func imputedCovariance(_ m: PairMoments, _ t: ImputedItem, _ u: ImputedItem, rows: Int64) -> Double {
  let n = Double(rows)
  func product(_ a: Int64, _ b: Int64) -> Int64? {
    let (value, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : value
  }
  if let qq = product(t.denominator, u.denominator), let tq = product(t.denominator, u.numerator),
    let uq = product(u.denominator, t.numerator), let nn = product(m.count, t.numerator),
    let tTotal = product(t.denominator, t.total), let tCount = product(t.count, t.numerator),
    let uTotal = product(u.denominator, u.total), let uCount = product(u.count, u.numerator)
  {
    let a =
      WideInteger(product: qq, m.sumProducts) - WideInteger(product: tq, m.sumFirst)
      - WideInteger(product: uq, m.sumSecond) + WideInteger(product: nn, u.numerator)
    let bt = (WideInteger(tTotal) - WideInteger(tCount)).doubleValue
    let bu = (WideInteger(uTotal) - WideInteger(uCount)).doubleValue
    return (a.doubleValue - bt * bu / n) / (Double(t.denominator) * Double(u.denominator) * (n - 1))
  }
  let vt = Double(t.numerator) / Double(t.denominator)
  let vu = Double(u.numerator) / Double(u.denominator)
  let cross = Double(m.sumProducts) - vu * Double(m.sumFirst) - vt * Double(m.sumSecond) + Double(m.count) * vt * vu
  let bt = Double(t.total) - Double(t.count) * vt
  let bu = Double(u.total) - Double(u.count) * vu
  return (cross - bt * bu / n) / (n - 1)
}
