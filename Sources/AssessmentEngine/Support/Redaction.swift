import _SDKSupport

/// How much of the data a message may quote.
public enum MessageDetail: String, Sendable, Hashable, Codable, CaseIterable {
  /// Messages quote the offending value (an id, a cell's text), so that a user can find it.
  case full
  /// Messages keep location and kind (line, column, JSON path, what is wrong) but replace every id
  /// value and cell text with ``Redaction/placeholder``: for logs and screens that others may see.
  case redacted
}

/// The single point where messages quote data: every error description in the SDK that would show an
/// id value or a cell's text calls ``quote(_:)``, which honours the detail in force.
///
/// The detail is a task-local value, so a whole run (the `bapas --redact` command line, a server
/// request) is switched at once and concurrent work elsewhere is unaffected:
/// ```swift
/// let text = Redaction.rendering(.redacted) { issue.rendered(file: "data.csv") }
/// // "data.csv:8:11: error: column 'item2': the value <redacted> is not a whole number …"
/// ```
/// Column names, JSON paths, option names, instrument and band names are vocabulary, not data, and
/// stay visible.
public enum Redaction {
  /// What replaces a value in a redacted message.
  public static let placeholder = "<redacted>"

  /// The detail in force for messages rendered on this task.
  @TaskLocal public static var detail: MessageDetail = .full

  /// Runs `body` with messages rendered at `detail`, and returns its result.
  public static func rendering<T>(_ detail: MessageDetail, _ body: () throws -> T) rethrows -> T {
    try $detail.withValue(detail, operation: body)
  }

  /// `'value'` at full detail (control characters written out as escapes, so a crafted cell cannot
  /// rewrite the terminal), ``placeholder`` when redacted.
  public static func quote(_ value: String) -> String {
    detail == .redacted ? placeholder : quotedForMessage(value)
  }

  /// `text` unquoted at full detail (a date in a sentence), ``placeholder`` when redacted.
  public static func bare(_ text: String) -> String {
    detail == .redacted ? placeholder : escapingControlCharacters(text)
  }

  /// `value` at full detail, ``placeholder`` when redacted (for values already set apart, e.g. in a
  /// JSON field); `nil` stays `nil`.
  public static func value(_ value: String?) -> String? {
    guard let value else { return nil }
    return detail == .redacted ? placeholder : value
  }
}

/// An error or issue whose description can be rendered without the data it is about.
public protocol RedactableDescription: CustomStringConvertible {}

extension RedactableDescription {
  /// The description with every id value and cell text replaced by ``Redaction/placeholder``; location
  /// and kind are kept.
  public var redactedDescription: String { Redaction.rendering(.redacted) { description } }

  /// The description at `detail`.
  public func description(_ detail: MessageDetail) -> String { Redaction.rendering(detail) { description } }
}
