/// A column map file: a CSV (RFC 4180, comma-delimited) with the header `item,column` and one row per
/// item, so that header texts holding `,` `;` or quotes can be named exactly.
///
/// ```
/// item,column
/// q1,"1. Pernyataan nomor 1; bagian ""A"", versi 2"
/// q2,#4
/// ```
public enum ColumnMapFile {
  /// Parses a map file: item id → ``ColumnReference`` (`#N` is a position).
  ///
  /// - Throws: an ``InputIssue`` naming the line: a missing `item`/`column` header, a row without
  ///   both cells, an item given twice, an unterminated quote.
  public static func parse(_ bytes: [UInt8]) throws(InputIssue) -> [String: ColumnReference] {
    let records = try CSVRecords.split(bytes, delimiter: UInt8(ascii: ","))
    guard let header = records.first else { throw InputIssue(line: 1, column: 1, kind: .emptyFile) }
    let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
    guard let itemField = names.firstIndex(of: "item"), let columnField = names.firstIndex(of: "column") else {
      throw InputIssue(
        line: header.line, column: 1,
        kind: .missingColumns(["item", "column"].filter { !names.contains($0) }, suggestions: [:]))
    }
    var map: [String: ColumnReference] = [:]
    for record in records.dropFirst() {
      guard record.fields.count == header.fields.count else {
        throw InputIssue(
          line: record.line, column: 1,
          kind: .wrongFieldCount(expected: header.fields.count, found: record.fields.count))
      }
      let item = record.fields[itemField].trimmingWhitespace()
      let column = record.fields[columnField]
      guard !item.isEmpty, !column.trimmingWhitespace().isEmpty else {
        throw InputIssue(line: record.line, column: 1, value: item, kind: .notAnInteger)
      }
      guard map[item] == nil else {
        throw InputIssue(line: record.line, column: 1, columnName: "item", value: item, kind: .duplicateColumn(item))
      }
      map[item] = ColumnReference(parsing: column)
    }
    return map
  }
}

/// A small RFC 4180 splitter for side files (map files): whole records with their start lines.
enum CSVRecords {
  struct Record {
    var fields: [String]
    var line: Int
  }

  static func split(_ bytes: [UInt8], delimiter: UInt8) throws(InputIssue) -> [Record] {
    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 1
    var recordLine = 1
    var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    var inQuotes = false
    var quoteLine = 1
    var sawAny = false
    func endRecord() {
      fields.append(String(decoding: field, as: UTF8.self))
      field = []
      if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
      fields = []
      sawAny = false
    }
    while i < bytes.count {
      let c = bytes[i]
      if inQuotes {
        if c == 0x22 {
          if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
            field.append(0x22)
            i += 2
            continue
          }
          inQuotes = false
        } else {
          if c == 0x0A { line += 1 }
          field.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case 0x22:
        inQuotes = true
        quoteLine = line
        sawAny = true
      case delimiter:
        fields.append(String(decoding: field, as: UTF8.self))
        field = []
        sawAny = true
      case 0x0D:
        break
      case 0x0A:
        endRecord()
        line += 1
        recordLine = line
      default:
        field.append(c)
        sawAny = true
      }
      i += 1
    }
    if inQuotes { throw InputIssue(line: quoteLine, column: 1, kind: .unterminatedQuote) }
    if sawAny || !field.isEmpty || !fields.isEmpty { endRecord() }
    return records
  }
}
