/// Text from a user's file or command line, single-quoted for a message, with every control
/// character written out (`\e`, `\r`, `\n`, `\t`, `\u{…}`), so that a crafted cell cannot move the
/// cursor, recolour or rewrite the terminal that shows the message, and an invisible byte-order
/// mark or a stray CR is visible. Every message that echoes such text uses this one rendering
/// (`package`: not public API).
package func quotedForMessage(_ text: some StringProtocol) -> String {
  "'" + escapingControlCharacters(text) + "'"
}

/// `text` with control characters (C0, DEL, C1), the byte-order mark and the bidirectional
/// overrides written out as escapes; everything else unchanged.
package func escapingControlCharacters(_ text: some StringProtocol, keepingLineBreaks: Bool = false) -> String {
  var needs = false
  for u in text.unicodeScalars where isUnsafeForTerminal(u) && !(keepingLineBreaks && (u == "\n" || u == "\t")) {
    needs = true
    break
  }
  guard needs else { return String(text) }
  var out = ""
  for u in text.unicodeScalars {
    if keepingLineBreaks && (u == "\n" || u == "\t") {
      out.unicodeScalars.append(u)
      continue
    }
    guard isUnsafeForTerminal(u) else {
      out.unicodeScalars.append(u)
      continue
    }
    switch u {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case "\u{1B}": out += "\\e"
    default: out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
    }
  }
  return out
}

@inline(__always)
private func isUnsafeForTerminal(_ u: Unicode.Scalar) -> Bool {
  let v = u.value
  return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0xFEFF || (v >= 0x202A && v <= 0x202E)
    || (v >= 0x2066 && v <= 0x2069)
}
