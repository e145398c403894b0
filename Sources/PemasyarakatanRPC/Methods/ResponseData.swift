import AssessmentEngine
import _SDKSupport

/// Response data given in params, as CSV text (`csv`) or as row objects (`rows`), read into the
/// library's ``ResponseBatch``.
struct ResponseData {
  /// The accepted rows (matrix, lines) and the CSV issues.
  var batch: ResponseBatch
  /// The id of each accepted row (`nil` when there is no id column or the row has none).
  var ids: [String?]
  /// Passthrough cells of each accepted row, by column name.
  var passthrough: [String: [String?]]
  /// Every row problem, as RPC problems, in input order.
  var problems: [RPCProblem]
  /// Rows read (accepted + rejected).
  var rowsRead: Int

  /// Where the responses are in the params: CSV text or row objects, with the member's path.
  enum Source {
    case csv(String, path: String)
    case rows([JSONValue], path: String)

    /// Takes exactly one of `csv` and `rows` from `params` (nothing is parsed yet, so that the params'
    /// own problems are reported before any data problem).
    static func take(_ params: inout RPCParams) -> Source? {
      let csv = params.string("csv")
      let rows = params.array("rows")
      if csv != nil, rows != nil {
        params.fail("rows", "give either 'csv' or 'rows', not both")
        return nil
      }
      if let csv { return .csv(csv, path: params.member("csv")) }
      if let rows { return .rows(rows, path: params.member("rows")) }
      params.fail(
        "csv",
        "the responses are required: 'csv' (CSV text with a header) or 'rows' (an array of {item: value} objects)")
      return nil
    }

    /// Reads the responses.
    ///
    /// - Parameters:
    ///   - columns: the item columns, in matrix order.
    ///   - passthrough: descriptive columns carried per row (alliance: session, date, rater, form).
    /// - Throws: ``RPCError`` −32001 when the CSV header cannot be used.
    func load(
      columns: [String], scale: ResponseScale, idColumn: String?, missingTokens: [String], outOfRange: OutOfRangePolicy,
      passthrough: [String] = []
    ) throws(RPCError) -> ResponseData {
      switch self {
      case .csv(let text, let path):
        return try ResponseData.readCSV(
          text, path: path, columns: columns, scale: scale, idColumn: idColumn, missingTokens: missingTokens,
          outOfRange: outOfRange, passthrough: passthrough)
      case .rows(let rows, let path):
        return ResponseData.readRows(
          rows, path: path, columns: columns, scale: scale, idColumn: idColumn, missingTokens: missingTokens,
          outOfRange: outOfRange, passthrough: passthrough)
      }
    }
  }

  /// Reads the data of a nested object such as `pre` or `post` of `change`.
  static func read(
    object value: JSONValue?, path: String, columns: [String], scale: ResponseScale, idColumn: String?,
    missingTokens: [String],
    outOfRange: OutOfRangePolicy
  ) throws(RPCError) -> ResponseData {
    guard let value else {
      throw .invalidParams(path, "missingKey", "the responses are required: {\"csv\": …} or {\"rows\": […]}.")
    }
    var nested = try RPCParams(value, path: path)
    let source = Source.take(&nested)
    try nested.check()
    guard let source else { throw .invalidParams(path, "missingKey", "the responses are required.") }
    return try source.load(
      columns: columns, scale: scale, idColumn: idColumn, missingTokens: missingTokens, outOfRange: outOfRange)
  }

  static func readCSV(
    _ text: String, path: String, columns: [String], scale: ResponseScale, idColumn: String?, missingTokens: [String],
    outOfRange: OutOfRangePolicy, passthrough: [String]
  ) throws(RPCError) -> ResponseData {
    // One copy of the text as bytes, shared by the passes.
    let bytes = Array(text.utf8)
    func parse(_ carried: String?) throws(RPCError) -> ResponseBatch {
      let options = ResponseCSVOptions(missingTokens: missingTokens, outOfRange: outOfRange, idColumn: carried)
      do {
        return try ResponseCSVParser.read(bytes, columns: columns, scale: scale, options: options)
      } catch {
        throw .unusable([error.problem(in: path)])
      }
    }
    let main = try parse(idColumn)
    // The reader carries one descriptive column per pass; the rows it accepts depend only on the
    // item cells, so the passes line up row for row.
    var carried: [String: [String?]] = [:]
    for column in passthrough { carried[column] = try parse(column).ids.map { Optional($0) } }
    return ResponseData(
      batch: main,
      ids: idColumn == nil ? Array(repeating: nil, count: main.matrix.rowCount) : main.ids.map { Optional($0) },
      passthrough: carried, problems: main.issues.map { $0.problem(in: path) }, rowsRead: main.rowsRead)
  }

  static func readRows(
    _ rows: [JSONValue], path: String, columns: [String], scale: ResponseScale, idColumn: String?,
    missingTokens: [String],
    outOfRange: OutOfRangePolicy, passthrough: [String]
  ) -> ResponseData {
    var batch = ResponseBatch(columns: columns, scale: scale)
    batch.matrix.reserveCapacity(rows: rows.count)
    var ids: [String?] = []
    var carried: [String: [String?]] = Dictionary(uniqueKeysWithValues: passthrough.map { ($0, []) })
    var problems: [RPCProblem] = []
    var values = [Int?](repeating: nil, count: columns.count)
    func cellText(_ v: JSONValue?) -> String? {
      switch v {
      case .string(let s)?: return s
      case .number(let n)?: return ShortestDecimal.string(n)
      case .bool(let b)?: return b ? "true" : "false"
      default: return nil
      }
    }
    for (r, row) in rows.enumerated() {
      let rowPath = "\(path)[\(r)]"
      guard case .object(let cells) = row else {
        problems.append(
          .at(
            rowPath, "wrongType",
            "a row must be an object {\"item\": value, …}, not \(row.typeName). The row is rejected."))
        batch.rowsRejected += 1
        continue
      }
      var rejected = false
      for (j, column) in columns.enumerated() {
        values[j] = nil
        switch cells[column] {
        case nil, .null?: break
        case .number(let n)?:
          guard n == n.rounded(), abs(n) < 1e9 else {
            problems.append(
              RPCProblem(
                what: "notAnInteger", location: .init(path: "\(rowPath).\(column)"),
                why:
                  "column '\(column)': the value \(Redaction.bare(ShortestDecimal.string(n))) is not a whole number. The row is rejected.",
                value: ShortestDecimal.string(n)))
            rejected = true
            continue
          }
          let v = Int(n)
          if scale.contains(v) {
            values[j] = v
          } else {
            let issue = InputIssue(
              line: 0, column: 0, columnName: column, value: String(v),
              kind: .outOfRange(min: scale.min, max: scale.max, excluded: scale.excluded))
            problems.append(
              RPCProblem(
                what: "outOfRange", location: .init(path: "\(rowPath).\(column)"), why: issue.description,
                value: String(v)))
            if outOfRange == .reject { rejected = true }
          }
        case .string(let s)? where missingTokens.contains(s) || s.isEmpty:
          break
        case let other?:
          problems.append(
            RPCProblem(
              what: "notAnInteger", location: .init(path: "\(rowPath).\(column)"),
              why:
                "column '\(column)': expected a whole number, null or a missing-value token, found \(other.typeName). The row is rejected."
            ))
          rejected = true
        }
      }
      if rejected {
        batch.rowsRejected += 1
        continue
      }
      do { try batch.matrix.append(values) } catch {
        problems.append(.at(rowPath, "invalidValue", "\(error) The row is rejected."))
        batch.rowsRejected += 1
        continue
      }
      batch.lines.append(r)
      ids.append(idColumn.flatMap { cellText(cells[$0]) })
      for column in passthrough { carried[column, default: []].append(cellText(cells[column])) }
    }
    batch.rowsRead = rows.count
    return ResponseData(batch: batch, ids: ids, passthrough: carried, problems: problems, rowsRead: rows.count)
  }
}

/// The shared data options: `idColumn`, `missing`, `outOfRange`.
struct DataOptions {
  var idColumn: String?
  var missingTokens: [String]
  var outOfRange: OutOfRangePolicy

  static func read(_ params: inout RPCParams) -> DataOptions {
    let idColumn = params.string("idColumn")
    let missing = params.strings("missing") ?? ["NA"]
    let outOfRange =
      OutOfRangePolicy(rawValue: params.choice("outOfRange", ["reject", "missing"]) ?? "reject") ?? .reject
    return DataOptions(idColumn: idColumn, missingTokens: missing, outOfRange: outOfRange)
  }
}

/// `impute` / `prorate` as a missing-data policy, or `nil` when neither is given.
func readPolicy(_ params: inout RPCParams) -> MissingDataPolicy? {
  let impute = params.choice("impute", ["none", "mean", "median"])
  let prorate = params.number("prorate")
  if impute != nil, prorate != nil {
    params.fail("prorate", "give either 'impute' or 'prorate', not both")
    return nil
  }
  if let n = prorate {
    guard n > 0, n.isFinite, n < 1 || (n == n.rounded() && n < 1e6) else {
      params.fail(
        "prorate",
        "expected a whole number of items ≥ 1 or a fraction between 0 and 1, found \(ShortestDecimal.string(n))")
      return nil
    }
    return .prorate(minimum: n < 1 ? .fraction(n) : .count(Int(n)))
  }
  switch impute {
  case "none": return MissingDataPolicy.noImputation
  case "mean": return .itemMean
  case "median": return .itemMedian
  default: return nil
  }
}
