/// The package's one writer of JSON string literals (score files, exports, reports, the JSON-RPC
/// server's responses, the audit log).
///
/// RFC 8259 requires `"`, `\` and the control characters U+0000–U+001F to be escaped; they are
/// written `\"`, `\\`, `\n`, `\r`, `\t` and otherwise `\u00XX` (lowercase hexadecimal), the same bytes
/// on every platform. U+2028 and U+2029 are valid raw in JSON but end a line in JavaScript before
/// ES2019, so a host that pastes the text into a script would break: they are written `\u2028` and
/// `\u2029` too. Everything else is copied as UTF-8.
package enum JSONString {
  /// Appends the literal for `text`, quotes included. `escapingLineSeparators: false` keeps U+2028
  /// and U+2029 raw: only for the audit log, whose entry hashes are taken over these bytes and were
  /// written that way before this writer was shared (see `AuditEntry`).
  package static func append(_ text: String, to out: inout [UInt8], escapingLineSeparators: Bool = true) {
    out.append(0x22)
    var text = text
    text.withUTF8 { u in
      var runStart = 0
      var i = 0
      while i < u.count {
        let c = u[i]
        if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0xE2 {
          i += 1
          continue
        }
        if c == 0xE2 {
          // U+2028 is E2 80 A8, U+2029 is E2 80 A9.
          guard escapingLineSeparators, i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 else {
            i += 1
            continue
          }
          out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
          out.append(contentsOf: u[i + 2] == 0xA8 ? Self.u2028 : Self.u2029)
          i += 3
          runStart = i
          continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
        switch c {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        default:
          out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(c >> 4)], Self.hex[Int(c & 15)]])
        }
        i += 1
        runStart = i
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count]))
    }
    out.append(0x22)
  }

  /// The literal for `text`, quotes included.
  package static func literal(_ text: String, escapingLineSeparators: Bool = true) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 2)
    append(text, to: &out, escapingLineSeparators: escapingLineSeparators)
    return String(decoding: out, as: UTF8.self)
  }

  private static let hex = Array("0123456789abcdef".utf8)
  private static let u2028 = Array("\\u2028".utf8)
  private static let u2029 = Array("\\u2029".utf8)
}

/// A JSON string literal (``JSONString/literal(_:escapingLineSeparators:)``), for the hand-written
/// JSON outputs that build text.
package func jsonString(_ text: String) -> String { JSONString.literal(text) }
