import Foundation

/// Where an item's (or the id's) data are in a response table: a header text (a variable name in an
/// SPSS file) or a 1-based position.
///
/// Parsed from the command line's `ITEM=COLUMN`, a map file's `column` cell or `--id-column`:
/// `#N` with N ≥ 1 is a position, anything else a header text. A header that is literally `#3` still
/// wins over position 3: exact header text is tried first.
public enum ColumnReference: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The column whose header text is exactly this (surrounding spaces ignored).
  case name(String)
  /// The column at this 1-based position.
  case position(Int)

  /// Reads `#N` as a position, anything else as a header text.
  public init(parsing text: String) {
    if text.hasPrefix("#"), let n = Int(text.dropFirst()), n >= 1 {
      self = .position(n)
    } else {
      self = .name(text)
    }
  }

  /// The column as the user wrote it (`#3` or the header text).
  public var description: String {
    switch self {
    case .name(let s): s
    case .position(let n): "#\(n)"
    }
  }

  /// The 0-based index of this column in `header`, trying exact text first, then the position.
  ///
  /// - Returns: the index; `nil` when no column matches. `duplicate` is set when the text names more
  ///   than one column.
  func resolve(in header: [String], duplicate: inout Bool, caseInsensitive: Bool = false) -> Int? {
    let text = description
    let trimmed = text.trimmingWhitespace()
    var found: [Int] = []
    for (i, h) in header.enumerated() where h == trimmed { found.append(i) }
    if found.isEmpty, caseInsensitive {
      let lower = trimmed.lowercased()
      for (i, h) in header.enumerated() where h.lowercased() == lower { found.append(i) }
    }
    if found.count > 1 { duplicate = true }
    if let first = found.first { return first }
    if case .position(let n) = self, n <= header.count { return n - 1 }
    return nil
  }
}

/// How a delimited text file is written: the field delimiter (or detection of it), the quote and the
/// decimal separator of numeric cells.
public struct CSVDialect: Sendable, Hashable, Codable {
  /// The field delimiter; `nil` detects it from the header line (``detectDelimiter(in:isFinal:)``).
  public var delimiter: UInt8?
  /// The quote character (`"`, RFC 4180).
  public var quote: UInt8
  /// Whether numbers are written with a decimal comma (`2,5`), as on Indonesian-locale machines.
  public var decimalComma: Bool

  /// Creates a dialect; the default detects the delimiter and reads decimal points.
  public init(delimiter: UInt8? = nil, quote: UInt8 = UInt8(ascii: "\""), decimalComma: Bool = false) {
    self.delimiter = delimiter
    self.quote = quote
    self.decimalComma = decimalComma
  }

  /// The delimiters detection chooses from, in order of preference on a tie.
  public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

  /// The delimiter of a file whose first bytes are `bytes`: the candidate (`,` `;` tab `|`) that
  /// occurs most often outside quotes on the header line; `,` when none occurs. `nil` when the header
  /// line is not complete in `bytes` and `isFinal` is false.
  public static func detectDelimiter(in bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool = true) -> UInt8? {
    detectDelimiter(in: bytes, among: candidates, isFinal: isFinal)
  }

  /// The delimiter of a file whose first bytes are `bytes` in this dialect: ``delimiter`` when set,
  /// else detected from the header line. With a decimal comma `,` cannot be the delimiter (a
  /// spreadsheet saved with decimal commas separates fields with `;`), so it is chosen from `;`, tab
  /// and `|`, `;` when none occurs. `nil` as in ``detectDelimiter(in:isFinal:)``.
  public func resolvedDelimiter(in bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool = true) -> UInt8? {
    if let delimiter { return delimiter }
    let among = decimalComma ? Self.candidates.filter { $0 != UInt8(ascii: ",") } : Self.candidates
    return Self.detectDelimiter(in: bytes, among: among, isFinal: isFinal)
  }

  /// ``resolvedDelimiter(in:isFinal:)`` for a whole file, skipping a UTF-8 byte-order mark.
  package func resolvedDelimiter(inFile bytes: [UInt8]) -> UInt8 {
    let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    return bytes.withUnsafeBufferPointer { b in
      resolvedDelimiter(in: UnsafeBufferPointer(rebasing: b[start...]), isFinal: true) ?? UInt8(ascii: ",")
    }
  }

  static func detectDelimiter(in bytes: UnsafeBufferPointer<UInt8>, among candidates: [UInt8], isFinal: Bool) -> UInt8?
  {
    var counts = [Int](repeating: 0, count: candidates.count)
    var inQuotes = false
    var complete = false
    for b in bytes {
      if b == 0x22 {
        inQuotes.toggle()
        continue
      }
      if inQuotes { continue }
      if b == 0x0A || b == 0x0D {
        complete = true
        break
      }
      if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
    }
    if !complete && !isFinal { return nil }
    var best = 0
    for k in counts.indices where counts[k] > counts[best] { best = k }
    return candidates[best]
  }

  /// Parses `text` as a number in this dialect (`2,5` with a decimal comma; surrounding spaces allowed).
  public func number(_ text: String) -> Double? {
    let t = text.trimmingWhitespace()
    if decimalComma {
      guard !t.contains(".") else { return nil }
      return Double(t.replacingOccurrences(of: ",", with: "."))
    }
    return Double(t)
  }
}
