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
