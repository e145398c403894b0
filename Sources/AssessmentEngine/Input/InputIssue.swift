import _SDKSupport

/// A problem in a response file, located by file line and column.
///
/// Lines are 1-based and count physical lines (the header is line 1; a quoted field spanning two
/// lines advances the count). `column` is the 1-based character column where the offending field
/// starts on its line, as editors count; `field` is the 1-based field number and `columnName` the
/// header name. The renderer prints `file:line:column: error: …` (see ``rendered(file:)``).
public struct InputIssue: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// What is wrong.
  public enum Kind: Sendable, Hashable, Codable {
    /// The record has a different number of fields than the header.
    case wrongFieldCount(expected: Int, found: Int)
    /// The cell is neither a whole number nor a missing-value token.
    case notAnInteger
    /// The number is not a response on the scale.
    case outOfRange(min: Int, max: Int, excluded: [Int])
    /// A quoted field is not closed before the end of the file.
    case unterminatedQuote
    /// Text follows a closing quote inside a field (`"4"x`).
    case textAfterQuote
    /// The header lacks columns the instrument needs.
    case missingColumns([String], suggestions: [String: String])
    /// A column the instrument needs appears more than once in the header.
    case duplicateColumn(String)
    /// The id column named on the command line is not in the header.
    case missingIDColumn(String)
    /// The file is empty: not even a header.
    case emptyFile
    /// The cell holds text that is neither a number nor one of the instrument's labels.
    case unknownLabel(allowed: [String])
    /// A column named by the column map (`--map`, `--map-file`) is not in the header.
    case mappedColumnMissing(item: String, column: String)
    /// A column named by the column map matches more than one header, or two items map to one column.
    case mappedColumnAmbiguous(item: String, column: String)
    /// An SPSS system file is corrupt or truncated; `line` holds the byte offset.
    case corruptFile(reason: String)
    /// The response scale cannot be read into the packed layout: `min` must be below `max` and the
    /// scale at most ``ResponseScale/maximumWidth`` + 1 values wide.
    case invalidScale(min: Int, max: Int)
    /// The file is not UTF-8 text (it starts with a UTF-16 or UTF-32 byte-order mark, named here).
    case notUTF8(String)
  }

  /// How ``line`` and ``column`` count: CSV lines and columns, or an SPSS file's cases and variables.
  public enum Source: String, Sendable, Hashable, Codable {
    /// A delimited text file: line and character column.
    case text
    /// An SPSS system file: case number and variable position (a corrupt file: byte offset).
    case systemFile
  }

  /// 1-based file line.
  public var line: Int
  /// 1-based character column of the field on its line.
  public var column: Int
  /// 1-based field number, when the issue is about one field.
  public var field: Int?
  /// The header name of the field, when known.
  public var columnName: String?
  /// The offending text, as found (at most 60 characters). For ``Kind/missingColumns(_:suggestions:)``
  /// a sentence on the likely cause (a byte-order mark inside the header), for
  /// ``Kind/missingIDColumn(_:)`` a header name that differs only in case.
  public var value: String?
  /// What is wrong.
  public var kind: Kind
  /// What ``line`` and ``column`` count (`nil` = ``Source/text``).
  public var source: Source?

  /// Creates an issue.
  public init(line: Int, column: Int, field: Int? = nil, columnName: String? = nil, value: String? = nil, kind: Kind) {
    self.line = line
    self.column = column
    self.field = field
    self.columnName = columnName
    self.value = value
    self.kind = kind
  }

  /// Whether the issue makes the whole file unusable (a header problem), not just one row.
  public var isFatal: Bool {
    switch kind {
    case .missingColumns, .duplicateColumn, .missingIDColumn, .emptyFile, .invalidScale, .notUTF8, .mappedColumnMissing,
      .mappedColumnAmbiguous, .corruptFile:
      true
    default: false
    }
  }

  /// The message without location. The offending text is quoted through ``Redaction/quote(_:)``, so
  /// ``RedactableDescription/redactedDescription`` keeps it out; line, column, column name and kind stay.
  public var description: String {
    let cell = columnName.map { "column \(quotedForMessage($0)): " } ?? ""
    let v = value.map { Redaction.quote($0) } ?? "the value"
    switch kind {
    case .wrongFieldCount(let expected, let found):
      return "the row has \(found) field\(found == 1 ? "" : "s"); the header has \(expected). The row is rejected."
    case .notAnInteger:
      return "\(cell)the value \(v) is not a whole number or a missing-value token. The row is rejected."
    case .outOfRange(let min, let max, let excluded):
      let allowed =
        max - min < 6
        ? (min...max).filter { !excluded.contains($0) }.map(String.init).joined(separator: ", ")
        : "\(min) to \(max)" + (excluded.isEmpty ? "" : " except \(excluded.map(String.init).joined(separator: ", "))")
      return "\(cell)the value \(v) is outside the response scale; please provide one of \(allowed)."
    case .unterminatedQuote:
      return "\(cell)a quoted field is not closed before the end of the file. The row is rejected."
    case .textAfterQuote:
      return "\(cell)text follows the closing quote of a field. The row is rejected."
    case .missingColumns(let names, let suggestions):
      let list = names.prefix(20).map { name in
        quotedForMessage(name) + (suggestions[name].map { " (did you mean \(quotedForMessage($0))?)" } ?? "")
      }
      let more = names.count > 20 ? " and \(names.count - 20) more" : ""
      let hint = value.map { " " + $0 } ?? ""
      return
        "the header lacks the instrument's column\(names.count == 1 ? "" : "s") \(list.joined(separator: ", "))\(more).\(hint)"
    case .duplicateColumn(let name):
      return "the header names the column \(quotedForMessage(name)) more than once."
    case .missingIDColumn(let name):
      return "the header has no id column \(quotedForMessage(name))."
        + (value.map { " Did you mean \(quotedForMessage($0))? (Header names are matched exactly, case included.)" }
          ?? "")
    case .emptyFile:
      return "the file is empty; expected a header row naming the item columns."
    case .unknownLabel(let allowed):
      let list = allowed.prefix(24).map { "'\($0)'" }.joined(separator: ", ") + (allowed.count > 24 ? ", …" : "")
      return "\(cell)\(v) is not a number on the scale or one of the labels \(list). The row is rejected."
    case .mappedColumnMissing(let item, let column):
      return "the column map puts item '\(item)' in column '\(column)', which is not in the header."
    case .mappedColumnAmbiguous(let item, let column):
      return
        "the column map puts item '\(item)' in column '\(column)', which names more than one column or another item's column."
    case .corruptFile(let reason):
      return reason + "."
    case .invalidScale(let min, let max):
      return
        "the response scale \(min)…\(max) cannot be read: 'min' must be below 'max', the scale at most \(ResponseScale.maximumWidth + 1) values wide and within ±\(ResponseScale.maximumMagnitude)."
    case .notUTF8(let encoding):
      return "the file is \(encoding), not UTF-8; save it as UTF-8 (e.g. 'CSV UTF-8') and try again."
    }
  }

  /// `file:line:column: error: message`, the form editors and `grep` read (at the task's
  /// ``Redaction/detail``).
  public func rendered(file: String) -> String {
    guard source == .systemFile else { return "\(file):\(line):\(column): error: \(description)" }
    if case .corruptFile = kind { return "\(file): byte \(line): error: \(description)" }
    if isFatal { return "\(file): error: \(description)" }
    return "\(file): case \(line), variable \(column): error: \(description)"
  }
}

/// How the reader treats a number outside the response scale.
public enum OutOfRangePolicy: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Reject the row and report it (the default).
  case reject
  /// Treat the cell as a missing response, and still report it.
  case missing

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .reject: LocalizedText(id: "Tolak baris", en: "Reject the row")
    case .missing: LocalizedText(id: "Anggap tidak dijawab", en: "Treat as missing")
    }
  }
}
