/// A JSON text that cannot be read: what kind of failure, where (byte offset, line, column, JSON path)
/// and why, in words.
///
/// `offset` is the 0-based byte offset of the offending byte (a byte-order mark counts); `line` and
/// `column` are 1-based, the column counting Unicode scalars on its line, as editors do. `path` is
/// the JSON path of the value being read when reading stopped (`$` for the document, `$.scales[2]`
/// inside it); for a repeated key it is the path of the object that holds both copies.
package struct JSONSyntaxError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// What went wrong.
  package enum Kind: String, Sendable, Hashable, Codable {
    /// The text is not JSON (RFC 8259) at `offset`, or not UTF-8.
    case syntax
    /// A key appears twice in one object (`why` names both places).
    case duplicateKey
    /// Arrays and objects are nested deeper than the reader's ``JSONReader/maximumDepth``.
    case tooDeep
    /// The text is longer than the reader's ``JSONReader/maximumBytes``.
    case tooLong
  }

  /// What went wrong.
  package var kind: Kind
  /// 0-based byte offset.
  package var offset: Int
  /// 1-based line.
  package var line: Int
  /// 1-based column (Unicode scalars).
  package var column: Int
  /// Why the text is refused, in words (no location).
  package var why: String
  /// The JSON path where reading stopped; for a repeated key, the object holding it.
  package var path: String

  /// Creates an error.
  package init(kind: Kind, offset: Int, line: Int, column: Int, why: String, path: String) {
    self.kind = kind
    self.offset = offset
    self.line = line
    self.column = column
    self.why = why
    self.path = path
  }

  /// `line L, column C: why`.
  package var description: String { "line \(line), column \(column): \(why)" }
}
