import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An instant written as ISO 8601 with its UTC offset, to the second: `2025-06-03T10:15:00+07:00`.
///
/// The offset is kept (not normalised to UTC) because the log is read by people at a Bapas whose day
/// runs on WIB, WITA or WIT. JSON: the string.
public struct AuditTimestamp: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The text, always `YYYY-MM-DDTHH:MM:SS±HH:MM`.
  public let text: String

  /// Western Indonesian Time (WIB), UTC+7, in seconds.
  public static let wib = 7 * 3_600
  /// Central Indonesian Time (WITA), UTC+8.
  public static let wita = 8 * 3_600
  /// Eastern Indonesian Time (WIT), UTC+9.
  public static let wit = 9 * 3_600

  /// The instant `date` shown at `offsetSeconds` from UTC (a whole number of minutes, within ±18 h).
  public init(_ date: Date, offsetSeconds: Int = AuditTimestamp.wib) {
    let offset = max(-18 * 3_600, min(18 * 3_600, offsetSeconds / 60 * 60))
    let seconds =
      date.timeIntervalSince1970.isFinite
      ? Int(max(-1e15, min(1e15, date.timeIntervalSince1970.rounded(.down)))) + offset : 0
    let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
    let inDay = seconds - days * 86_400
    let day = CivilDate(dayNumber: days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let sign = offset < 0 ? "-" : "+"
    let off = abs(offset) / 60
    text =
      "\(day)T\(two(inDay / 3_600)):\(two(inDay % 3_600 / 60)):\(two(inDay % 60))\(sign)\(two(off / 60)):\(two(off % 60))"
  }

  /// Parses the documented form; `nil` for anything else (no `Z`, no fractions, an offset is required).
  public init?(parsing text: String) {
    let b = Array(text.utf8)
    guard b.count == 25, b[10] == UInt8(ascii: "T"), b[13] == 0x3a, b[16] == 0x3a, b[19] == 0x2b || b[19] == 0x2d,
      b[22] == 0x3a
    else { return nil }
    func num(_ r: Range<Int>) -> Int? {
      var v = 0
      for i in r {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        v = v * 10 + Int(b[i] - 0x30)
      }
      return v
    }
    guard (try? CivilDate(iso: String(decoding: b[0..<10], as: UTF8.self))) != nil,
      let h = num(11..<13), h < 24, let m = num(14..<16), m < 60, let s = num(17..<19), s < 60,
      let oh = num(20..<22), oh <= 18, let om = num(23..<25), om < 60
    else { return nil }
    self.text = text
  }

  /// The text.
  public var description: String { text }

  /// Decodes the string form, with a typed error for anything else.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let s = try c.decode(String.self)
    guard let t = AuditTimestamp(parsing: s) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "not an ISO 8601 time with offset (YYYY-MM-DDTHH:MM:SS+HH:MM)")
    }
    self = t
  }

  /// Encodes the string form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(text)
  }
}
