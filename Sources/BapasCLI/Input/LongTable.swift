import AssessmentEngine
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A small delimited table read whole: a header and string fields per record, each with its line.
///
/// For long-format inputs whose cells are labels and real numbers (ICC ratings: target, rater,
/// rating), which the response reader — integer codes on a response scale — does not take.
/// Fields follow RFC 4180: `,`-separated, `"`-quoted with `""` for a quote, CRLF or LF line ends, a
/// UTF-8 byte-order mark ignored. Every problem is reported with line and column; a bad record is
/// skipped, never guessed.
struct LongTable {
  struct Record {
    var line: Int
    var fields: [String]
  }

  /// The file read.
  var path: String
  var header: [String]
  var records: [Record]
  /// Problems with their line and column (a bad record is skipped).
  var problems: [CLIError]

  /// Reads `path`; fails only when the file cannot be read or has no header.
  static func read(_ path: String) -> Result<LongTable, FileOpenError> {
    let bytes: [UInt8]
    switch ChunkedFile.open(path) {
    case .failure(let error): return .failure(error)
    case .success(let file):
      defer { file.close() }
      do { bytes = try file.readAll() } catch { return .failure(error) }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return .failure(FileOpenError(path: path, reason: "it is not UTF-8 text"))
    }
    var rows = parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    guard !rows.records.isEmpty else { return .failure(FileOpenError(path: path, reason: "it has no header line")) }
    let header = rows.records.removeFirst()
    var problems = rows.problems.map { p in
      CLIError(.invalidRecord, .init(file: path, line: p.line, column: p.column), why: p.message)
    }
    var records: [Record] = []
    for record in rows.records {
      if record.fields.count == 1, record.fields[0].isEmpty { continue }
      guard record.fields.count == header.fields.count else {
        let (found, expected) = (record.fields.count, header.fields.count)
        problems.append(
          CLIError(
            .invalidRecord, .init(file: path, line: record.line, column: 1),
            why: "the record has \(found) fields; the header has \(expected). The record is skipped."))
        continue
      }
      records.append(record)
    }
    return .success(
      LongTable(
        path: path, header: header.fields.map { $0.trimmingCharacters(in: .whitespaces) }, records: records,
        problems: problems))
  }

  /// The 0-based index of column `name` (given by `--option`), or an error naming the columns there
  /// are and the nearest one.
  func column(_ name: String, option: String) -> Result<Int, CommandFailure> {
    if let index = header.firstIndex(of: name) { return .success(index) }
    let columns = header.map { "'\($0)'" }.joined(separator: ", ")
    return .failure(
      .failed(
        CLIError(
          .invalidDefinition, .init(file: path, line: 1, option: option, columnName: name),
          suggestion: didYouMean(name, among: header),
          why: "there is no column \(quotedForMessage(name)); the header has \(columns).")))
  }

  private struct Problem {
    var line: Int
    var column: Int
    var message: String
  }

  private static func parse(_ text: String) -> (records: [Record], problems: [Problem]) {
    var records: [Record] = []
    var problems: [Problem] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var recordLine = 1
    var column = 1
    var fieldStartColumn = 1
    var afterQuote = false
    var chars = Array(text.unicodeScalars)
    chars.append("\n")
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count, chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
            column += 1
          } else {
            quoted = false
            afterQuote = true
          }
        } else {
          if c == "\n" {
            line += 1
            column = 0
          }
          field.unicodeScalars.append(c)
        }
      } else if c == "," {
        fields.append(field)
        field = ""
        afterQuote = false
        fieldStartColumn = column + 1
      } else if c == "\n" || c == "\r" {
        if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }
        if !(i == chars.count - 1 && fields.isEmpty && field.isEmpty) {
          fields.append(field)
          records.append(Record(line: recordLine, fields: fields))
        }
        fields = []
        field = ""
        afterQuote = false
        line += 1
        recordLine = line
        column = 0
        fieldStartColumn = 1
      } else if c == "\"", field.isEmpty, !afterQuote {
        quoted = true
      } else {
        if afterQuote {
          problems.append(
            Problem(
              line: line, column: column,
              message:
                "text after a closing quote in the field starting at column \(fieldStartColumn); it is kept as written."
            ))
          afterQuote = false
        }
        field.unicodeScalars.append(c)
      }
      column += 1
      i += 1
    }
    if quoted {
      problems.append(
        Problem(
          line: recordLine, column: fieldStartColumn,
          message: "a quoted field is never closed; the rest of the file was read as that field."))
    }
    return (records, problems)
  }
}
