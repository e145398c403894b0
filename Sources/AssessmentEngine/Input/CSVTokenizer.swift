/// The package's one RFC 4180 record splitter. The response reader (``ResponseCSVParser``), the risk
/// answer sheets of `bapas risk` and the follow-up data of `bapas validate-risk`
/// (``RiskValidationData/parseCSV(_:)``) all read records through it, so quotes, embedded line
/// breaks, byte-order marks and line endings behave the same everywhere.
///
/// **Line ends.** An unquoted CR or LF ends a record. CR LF and LF CR are one line end each, so LF
/// (Unix), CR LF (Windows), CR alone (classic Mac) and LF CR files all read the same; inside a quoted
/// field the same pairs count one line. A line end at the very start of a record is a blank line,
/// not a record.
///
/// **Cost.** Every byte is looked at a bounded number of times: a record is scanned once, and a
/// streamed record that waits for more input is re-scanned at most once per chunk until it reaches
/// ``maximumRecordBytes``. A quoted field still open after that many bytes is cut there as an
/// unterminated quote and reading resumes at the next line end after the record's start, so a stray
/// quote near the top of a large file cannot make reading quadratic or swallow the rest of the file.
package struct CSVTokenizer: Sendable {
  /// A record longer than this (in bytes) that is still inside a quoted field is cut there.
  package static let maximumRecordBytes = 1 << 20

  /// A problem inside one record.
  package enum Problem: Sendable, Hashable {
    /// A quoted field runs to the end of the input (or past ``maximumRecordBytes``).
    case unterminatedQuote
    /// Text follows a field's closing quote (`"4"x`).
    case textAfterQuote
  }

  /// Where a record ended.
  package struct RecordEnd: Sendable {
    /// The offset after the record and its line end.
    package var next: Int
    /// The line on which the next record starts.
    package var line: Int
    /// The record's first problem and its 1-based field number.
    package var problem: (kind: Problem, field: Int)?
  }

  package let delimiter: UInt8
  /// Per field of the last record: start and end offsets in the input, or, for a quoted field,
  /// `-1 - offset` into ``unescaped``.
  package private(set) var fieldStarts: [Int] = []
  package private(set) var fieldEnds: [Int] = []
  /// Per field: the 1-based byte column on its line where it starts.
  package private(set) var fieldColumns: [Int] = []
  /// Per field: the 1-based line where it starts.
  package private(set) var fieldLines: [Int] = []
  package private(set) var fieldQuoted: [Bool] = []
  /// The content of quoted fields, with `""` unescaped.
  package private(set) var unescaped: [UInt8] = []
  /// The kind of line end that closed the last record (empty at the end of the input).
  package private(set) var lastLineEnd: CSVLineEndings = []

  package init(delimiter: UInt8 = UInt8(ascii: ",")) {
    self.delimiter = delimiter
  }

  /// The length of the line end at `p` (1 or 2), or `nil` when it may continue in input not yet seen.
  @inline(__always)
  package static func lineEndLength(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, isFinal: Bool) -> Int? {
    let c = b[p]
    if p + 1 < b.count {
      let d = b[p + 1]
      return (c == 0x0D && d == 0x0A) || (c == 0x0A && d == 0x0D) ? 2 : 1
    }
    return isFinal ? 1 : nil
  }

  /// The kind of the line end of `length` bytes at `p`.
  package static func kind(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ length: Int) -> CSVLineEndings {
    if length == 2 { return b[p] == 0x0D ? .crlf : .lfcr }
    return b[p] == 0x0D ? .cr : .lf
  }

  /// Whether `c` ends a line.
  @inline(__always)
  package static func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }

  /// Splits the record starting at `start` (which is not a line end) on `line`; the fields are left
  /// in the scratch arrays. Returns `nil` when the record is not complete in `b` and more input may
  /// follow. Always consumes at least one byte when it returns a record.
  package mutating func splitRecord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, isFinal: Bool)
    -> RecordEnd?
  {
    fieldStarts.removeAll(keepingCapacity: true)
    fieldEnds.removeAll(keepingCapacity: true)
    fieldColumns.removeAll(keepingCapacity: true)
    fieldLines.removeAll(keepingCapacity: true)
    fieldQuoted.removeAll(keepingCapacity: true)
    unescaped.removeAll(keepingCapacity: true)
    lastLineEnd = []
    let delimiter = self.delimiter
    let n = b.count
    var p = start
    var lineNo = line
    var lineStart = start
    var problem: (kind: Problem, field: Int)? = nil
    while true {
      fieldColumns.append(p - lineStart + 1)
      fieldLines.append(lineNo)
      if p < n, b[p] == 0x22 {
        let contentStart = unescaped.count
        var q = p + 1
        var closed = false
        var cut = false
        while q < n {
          let c = b[q]
          if c == 0x22 {
            if q + 1 < n, b[q + 1] == 0x22 {
              unescaped.append(0x22)
              q += 2
              continue
            }
            if q + 1 == n, !isFinal { return nil }
            closed = true
            q += 1
            break
          }
          if q - start >= Self.maximumRecordBytes {
            cut = true
            break
          }
          if c == 0x0A || c == 0x0D {
            // A CR LF or LF CR pair inside the field is one line.
            if q + 1 < n, (c == 0x0D && b[q + 1] == 0x0A) || (c == 0x0A && b[q + 1] == 0x0D) {
              unescaped.append(c)
              q += 1
            } else if q + 1 == n, !isFinal {
              return nil
            }
            unescaped.append(b[q])
            lineNo += 1
            lineStart = q + 1
            q += 1
            continue
          }
          unescaped.append(c)
          q += 1
        }
        fieldStarts.append(-1 - contentStart)
        fieldEnds.append(-1 - unescaped.count)
        fieldQuoted.append(true)
        if !closed {
          if !isFinal, !cut { return nil }
          if problem == nil { problem = (.unterminatedQuote, fieldStarts.count) }
          if cut {
            // Resume after the first line end following the record's start.
            // (Within the cut-off, so that streamed and whole reads resume at the same byte.)
            let limit = start + Self.maximumRecordBytes
            var r = start
            while r < limit, !Self.isLineEnd(b[r]) { r += 1 }
            guard r < limit else { return RecordEnd(next: limit, line: line, problem: problem) }
            let length = r + 1 < limit ? (Self.lineEndLength(b, r, isFinal: true) ?? 1) : 1
            lastLineEnd = Self.kind(b, r, length)
            return RecordEnd(next: r + length, line: line + 1, problem: problem)
          }
          return RecordEnd(next: n, line: lineNo, problem: problem)
        }
        p = q
        if p < n, b[p] != delimiter, !Self.isLineEnd(b[p]) {
          if problem == nil { problem = (.textAfterQuote, fieldStarts.count) }
          while p < n, b[p] != delimiter, !Self.isLineEnd(b[p]) { p += 1 }
        }
      } else {
        let fieldStart = p
        while p < n {
          let c = b[p]
          if c == delimiter || c == 0x0A || c == 0x0D { break }
          p += 1
        }
        fieldStarts.append(fieldStart)
        fieldEnds.append(p)
        fieldQuoted.append(false)
      }
      if p >= n {
        if !isFinal { return nil }
        return RecordEnd(next: n, line: lineNo, problem: problem)
      }
      if b[p] == delimiter {
        p += 1
        continue
      }
      guard let length = Self.lineEndLength(b, p, isFinal: isFinal) else { return nil }
      lastLineEnd = Self.kind(b, p, length)
      return RecordEnd(next: p + length, line: lineNo + 1, problem: problem)
    }
  }

  /// The number of fields of the last record.
  package var fieldCount: Int { fieldStarts.count }

  /// Calls `body` with the bytes of field `i` of the last record.
  @inline(__always)
  package func withField<R>(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let s = fieldStarts[i]
    let e = fieldEnds[i]
    if s >= 0 { return body(UnsafeBufferPointer(rebasing: b[s..<e])) }
    return unescaped.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(-1 - s)..<(-1 - e)])) }
  }

  /// Field `i` of the last record as text.
  package func field(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
    withField(b, i) { String(decoding: $0, as: UTF8.self) }
  }
}

/// Which line ends a text uses, for messages that name them when they are the cause.
package struct CSVLineEndings: OptionSet, Sendable, Hashable {
  package let rawValue: UInt8
  package init(rawValue: UInt8) { self.rawValue = rawValue }
  package static let lf = CSVLineEndings(rawValue: 1)
  package static let crlf = CSVLineEndings(rawValue: 2)
  package static let cr = CSVLineEndings(rawValue: 4)
  package static let lfcr = CSVLineEndings(rawValue: 8)

  /// "LF", "CR LF", "CR (classic Mac)", "LF CR", joined.
  package var names: String {
    var out: [String] = []
    if contains(.lf) { out.append("LF") }
    if contains(.crlf) { out.append("CR LF (Windows)") }
    if contains(.cr) { out.append("CR alone (classic Mac)") }
    if contains(.lfcr) { out.append("LF CR") }
    return out.joined(separator: ", ")
  }
}

/// A whole CSV text split into records: for the small tables (risk answer sheets, follow-up data)
/// that are read into memory; the response reader streams through ``CSVTokenizer`` itself.
package struct CSVDocument: Sendable {
  /// One field.
  package struct Field: Sendable, Hashable {
    /// The text: a quoted field unescaped; an unquoted one as written (not trimmed).
    package var text: String
    /// The 1-based byte column on its line.
    package var column: Int
    /// The 1-based line where it starts.
    package var line: Int
    /// Whether it was quoted.
    package var quoted: Bool
  }

  /// One record (blank lines are not records).
  package struct Record: Sendable {
    /// The 1-based line where the record starts.
    package var line: Int
    package var fields: [Field]
    /// The record's first problem and its 1-based field number.
    package var problem: (kind: CSVTokenizer.Problem, field: Int)?
    /// The line where the next record may start (one past the record's last line).
    package var endLine: Int
  }

  package var records: [Record] = []
  /// Whether the text began with a UTF-8 byte-order mark (which is not part of the first field).
  package var hadByteOrderMark = false
  /// The line ends seen outside quoted fields.
  package var lineEndings: CSVLineEndings = []
  /// A UTF-16 or UTF-32 byte-order mark at the start: the file is not UTF-8 text.
  package var foreignByteOrderMark: String?

  /// Splits `bytes` into records.
  package init(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
    var tokenizer = CSVTokenizer(delimiter: delimiter)
    foreignByteOrderMark = Self.foreignMark(bytes)
    bytes.withUnsafeBufferPointer { b in
      var p = 0
      if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
        p = 3
        hadByteOrderMark = true
      }
      var line = 1
      while p < b.count {
        if CSVTokenizer.isLineEnd(b[p]) {
          let length = CSVTokenizer.lineEndLength(b, p, isFinal: true) ?? 1
          lineEndings.insert(CSVTokenizer.kind(b, p, length))
          p += length
          line += 1
          continue
        }
        guard let end = tokenizer.splitRecord(b, from: p, line: line, isFinal: true) else { break }
        let fields = (0..<tokenizer.fieldCount).map { i in
          Field(
            text: tokenizer.field(b, i), column: tokenizer.fieldColumns[i], line: tokenizer.fieldLines[i],
            quoted: tokenizer.fieldQuoted[i])
        }
        records.append(Record(line: line, fields: fields, problem: end.problem, endLine: end.line))
        lineEndings.formUnion(tokenizer.lastLineEnd)
        p = Swift.max(end.next, p + 1)
        line = end.line
      }
    }
  }

  /// The name of a UTF-16/UTF-32 byte-order mark at the start of `bytes`, if any.
  package static func foreignMark(_ bytes: [UInt8]) -> String? {
    if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
      return "UTF-32 (byte-order mark FF FE 00 00)"
    }
    if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
      return "UTF-32 (byte-order mark 00 00 FE FF)"
    }
    if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return "UTF-16 (byte-order mark FF FE)" }
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return "UTF-16 (byte-order mark FE FF)" }
    return nil
  }

  /// A sentence for a header that does not match, when the text's encoding or line ends are the
  /// likely cause; `nil` otherwise.
  package static func headerHint(names: [String], foreignMark: String?) -> String? {
    if let foreignMark { return "The file is \(foreignMark), not UTF-8; save it as UTF-8 (CSV UTF-8) and try again." }
    if names.contains(where: { $0.unicodeScalars.contains("\u{FEFF}") }) {
      return "A byte-order mark (U+FEFF) sits inside the header, not at the start of the file (two files joined?)."
    }
    return nil
  }
}
