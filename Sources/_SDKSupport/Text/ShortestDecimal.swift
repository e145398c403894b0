/// Writes numbers as the shortest text that reads back to the same `Double`.
///
/// Whole numbers print without a fraction (`4`, not `4.0`), as R prints them; every other value
/// prints Swift's shortest round-trip form (`3.0833333333333335`). Writing goes straight into a
/// byte buffer, so a bulk writer makes no `String` per number on the common paths.
package enum ShortestDecimal {
  /// Appends the shortest round-trip text of `value` to `out`. NaN and infinities print as `NaN`,
  /// `Inf`, `-Inf` (callers print absent scores as empty cells instead).
  @inlinable
  package static func append(_ value: Double, to out: inout [UInt8]) {
    if value.isNaN {
      out.append(contentsOf: [0x4E, 0x61, 0x4E])
      return
    }
    if value.isInfinite {
      out.append(contentsOf: value < 0 ? Array("-Inf".utf8) : Array("Inf".utf8))
      return
    }
    if value == value.rounded(), abs(value) < 1e15 {
      append(Int(value), to: &out)
      return
    }
    var text = value.description
    text.withUTF8 { out.append(contentsOf: $0) }
  }

  /// Appends a decimal integer.
  @inlinable
  package static func append(_ value: Int, to out: inout [UInt8]) {
    if value < 0 {
      out.append(0x2D)
      if value == Int.min {
        out.append(contentsOf: Array("9223372036854775808".utf8))
        return
      }
      append(-value, to: &out)
      return
    }
    if value < 10 {
      out.append(UInt8(48 + value))
      return
    }
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = value
    var count = 0
    withUnsafeMutableBytes(of: &digits) { d in
      while n > 0 {
        d[count] = UInt8(48 + n % 10)
        n /= 10
        count += 1
      }
      for i in stride(from: count - 1, through: 0, by: -1) { out.append(d[i]) }
    }
  }

  /// The shortest round-trip text of `value`.
  package static func string(_ value: Double) -> String {
    var bytes: [UInt8] = []
    append(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
