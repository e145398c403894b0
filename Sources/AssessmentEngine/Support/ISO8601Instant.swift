#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Instants as ISO 8601 text with a UTC offset, e.g. `2025-03-01T09:30:00+07:00` — the SDK's one JSON
/// form for a moment in time (civil dates stay `YYYY-MM-DD`, ``CivilDate``). Written by hand so that
/// the format does not depend on a platform formatter.
package enum ISO8601Instant {
  /// `YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM` (`Z` is written as `+00:00`) for `date` seen at `offsetSeconds`
  /// east of UTC. Milliseconds appear only when the instant has a fraction of a second.
  package static func format(_ date: Date, offsetSeconds: Int) -> String {
    let shifted = date.timeIntervalSince1970 + Double(offsetSeconds)
    let millis = Int((shifted * 1000).rounded(.down).clamped(-2e17, 2e17))
    let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
    let fraction = millis - seconds * 1000
    let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - day * 86_400
    let civil = CivilDate(dayNumber: day)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var out = "\(civil)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    if fraction != 0 { out += "." + String(String(1000 + fraction).dropFirst()) }
    let sign = offsetSeconds < 0 ? "-" : "+"
    let magnitude = abs(offsetSeconds) / 60
    return out + "\(sign)\(two(magnitude / 60)):\(two(magnitude % 60))"
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`; `nil` for any other text. The offset is
  /// required: an instant without one is ambiguous across WIB, WITA and WIT.
  package static func parse(_ text: String) -> (date: Date, offsetSeconds: Int)? {
    let chars = Array(text.utf8)
    guard chars.count >= 20, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t") else { return nil }
    guard let day = try? CivilDate(iso: String(decoding: chars[0..<10], as: UTF8.self)) else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= chars.count, range.allSatisfy({ chars[$0] >= 48 && chars[$0] <= 57 }) else {
        return nil
      }
      return range.reduce(0) { $0 * 10 + Int(chars[$1] - 48) }
    }
    guard chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
      let h = number(11..<13), let m = number(14..<16), let s = number(17..<19), h < 24, m < 60, s < 60
    else { return nil }
    var i = 19
    var fraction = 0.0
    if i < chars.count, chars[i] == UInt8(ascii: ".") {
      var scale = 0.1
      i += 1
      let start = i
      while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
        fraction += Double(chars[i] - 48) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    guard i < chars.count else { return nil }
    let offset: Int
    if chars[i] == UInt8(ascii: "Z") || chars[i] == UInt8(ascii: "z") {
      guard i + 1 == chars.count else { return nil }
      offset = 0
    } else if chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") {
      let sign = chars[i] == UInt8(ascii: "-") ? -1 : 1
      let rest = chars.count - i - 1
      let oh: Int?
      let om: Int?
      if rest == 5, chars[i + 3] == UInt8(ascii: ":") {
        oh = number((i + 1)..<(i + 3))
        om = number((i + 4)..<(i + 6))
      } else if rest == 4 {
        oh = number((i + 1)..<(i + 3))
        om = number((i + 3)..<(i + 5))
      } else {
        return nil
      }
      guard let oh, let om, oh <= 14, om < 60 else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    } else {
      return nil
    }
    let local = Double(day.dayNumber) * 86_400 + Double(h * 3600 + m * 60 + s) + fraction
    return (Date(timeIntervalSince1970: local - Double(offset)), offset)
  }
}

extension Double {
  fileprivate func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
