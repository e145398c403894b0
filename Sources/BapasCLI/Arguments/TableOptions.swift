import AssessmentEngine

/// The options every command that reads a response table shares: the delimiter (detected by
/// default), labels in cells, the column map, and the file formats (CSV or SPSS, told apart by the
/// first bytes).
enum TableOptions {
  static let options: [CommandSpec.Option] = [
    .init(
      name: "delimiter", valueName: "auto|,|;|tab|'|'",
      help: "The field delimiter of a text table; 'auto' reads it from the header line.", defaultText: "auto"),
    .init(
      name: "label", valueName: "TEXT=VALUE",
      help: "A cell text that means VALUE, besides the instrument's anchor labels. Repeatable.", repeatable: true),
    .init(
      name: "map", valueName: "ITEM=COLUMN",
      help: "Read ITEM from COLUMN (exact header text or #N, the N-th column). Repeatable.", repeatable: true),
    .init(
      name: "map-file", valueName: "path",
      help: "A CSV with the header item,column mapping items to columns (RFC 4180 quoting)."),
  ]

  /// `--decimal-comma`, offered by the commands whose tables may come from an Indonesian-locale
  /// spreadsheet (`change`, `alliance`, `risk`, `validate-risk`); not part of ``options`` so that
  /// commands reading only whole-number responses elsewhere don't advertise it.
  static let decimalCommaOption = CommandSpec.Option(
    name: "decimal-comma", valueName: nil,
    help:
      "Numbers are written with a decimal comma (12,5), as on Indonesian-locale machines; then 12.5 is an error and ',' is never the detected delimiter. Whole-number cells (responses, counts, ages, sessions) stay whole numbers."
  )

  /// The dialect of a text table under `--decimal-comma`: a decimal comma and the delimiter detected
  /// among `;`, tab and `|`; without the flag, `,`-delimited with decimal points as before.
  static func riskDialect(_ args: ParsedArguments) -> CSVDialect {
    args.flag("decimal-comma")
      ? CSVDialect(delimiter: nil, decimalComma: true) : CSVDialect(delimiter: UInt8(ascii: ","))
  }

  /// The `--delimiter` byte, or `nil` for detection.
  static func delimiter(_ args: ParsedArguments) throws(UsageError) -> UInt8? {
    switch args.value("delimiter") ?? "auto" {
    case "auto": return nil
    case ",": return UInt8(ascii: ",")
    case ";": return UInt8(ascii: ";")
    case "tab", "\t": return 0x09
    case "|": return UInt8(ascii: "|")
    case let other: throw .invalidValue(option: "delimiter", value: other, expected: "auto, ',', ';', tab or '|'")
    }
  }

  /// Reading options for `definition`: the labels (anchors + `--label`), the column map
  /// (`--map-file` then `--map`, which wins), the delimiter and the id column.
  static func resolve(
    _ args: ParsedArguments, definition: InstrumentDefinition, base: ResponseCSVOptions, spec: CommandSpec
  ) throws(CommandFailure) -> (options: ResponseCSVOptions, detectDelimiter: Bool) {
    var options = base
    let delimiter: UInt8?
    do { delimiter = try Self.delimiter(args) } catch { throw .usage(error, spec) }
    if let delimiter { options.delimiter = delimiter }
    if args.flag("decimal-comma") {
      // A comma cannot be both the field delimiter and the decimal separator.
      if delimiter == UInt8(ascii: ",") { throw .usage(.conflictingOptions("--decimal-comma", "--delimiter ,"), spec) }
      options.decimalComma = true
    }
    var extra: [(text: String, value: Int)] = []
    for entry in args.all("label") {
      guard let eq = entry.lastIndex(of: "="), let value = Int(entry[entry.index(after: eq)...].trimmingWhitespace()),
        !entry[..<eq].trimmingWhitespace().isEmpty
      else {
        throw .usage(
          .invalidValue(option: "label", value: entry, expected: "TEXT=VALUE with a whole-number VALUE"), spec)
      }
      extra.append((String(entry[..<eq]), value))
    }
    do {
      let labels = try ResponseLabels(scale: definition.responseScale, extra: extra)
      options.labels = labels.isEmpty ? nil : labels
    } catch {
      throw .usage(.optionMisuse(options: ["label"], why: "--label: \(error.description)."), spec)
    }
    var map: [String: ColumnReference] = [:]
    if let path = args.value("map-file") {
      let bytes: [UInt8]
      switch ChunkedFile.open(path) {
      case .failure(let error): throw .failed(.unreadable(error))
      case .success(let file):
        defer { file.close() }
        do { bytes = try file.readAll() } catch { throw .failed(.unreadable(path, error)) }
      }
      do { map = try ColumnMapFile.parse(bytes) } catch {
        throw .failed(CLIError(error, file: path, status: .unreadableInput))
      }
    }
    for entry in args.all("map") {
      guard let eq = entry.firstIndex(of: "="), !entry[..<eq].isEmpty, entry.index(after: eq) < entry.endIndex else {
        throw .usage(.invalidValue(option: "map", value: entry, expected: "ITEM=COLUMN (a header text or #N)"), spec)
      }
      map[String(entry[..<eq])] = ColumnReference(parsing: String(entry[entry.index(after: eq)...]))
    }
    let items = Set(definition.items.map(\.id))
    for item in map.keys.sorted() where !items.contains(item) {
      throw .usage(
        .invalidValue(
          option: "map", value: item,
          expected:
            "an item of the instrument (\(definition.items.prefix(12).map(\.id).joined(separator: ", "))\(definition.items.count > 12 ? ", …" : ""))"
        ), spec)
    }
    options.columnMap = map
    options.detectDelimiter = delimiter == nil
    return (options, delimiter == nil)
  }
}
