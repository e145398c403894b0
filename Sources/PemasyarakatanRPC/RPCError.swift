import AssessmentEngine

/// One problem the SDK found: what kind, where, and why — the shape of every entry of
/// `error.data.problems` and of a result's `problems`.
///
/// JSON: `{"what": "wrongType", "where": {"path": "$.params.min"}, "why": "expected a number, found a string."}`;
/// a problem in CSV text has `"where": {"line": 8, "column": 11, "field": 2, "columnName": "item2"}` and
/// may carry the offending `"value"`; a problem in the request text has
/// `"where": {"path": "$.params.min", "line": 1, "column": 40, "offset": 39}` (the path of the value
/// being read when reading stopped).
public struct RPCProblem: Sendable, Hashable, Codable {
  /// Where a problem is.
  public struct Location: Sendable, Hashable, Codable {
    /// A JSON path from the request root (`$.params.rows[3].item2`; in a batch `$[1].params…`).
    public var path: String?
    /// 1-based line in the request text or in CSV text given in the params.
    public var line: Int?
    /// 1-based column (Unicode scalars) on that line.
    public var column: Int?
    /// 0-based byte offset in the request text.
    public var offset: Int?
    /// 1-based CSV field number.
    public var field: Int?
    /// The CSV header name of the field.
    public var columnName: String?

    /// Creates a location.
    public init(
      path: String? = nil, line: Int? = nil, column: Int? = nil, offset: Int? = nil, field: Int? = nil,
      columnName: String? = nil
    ) {
      self.path = path
      self.line = line
      self.column = column
      self.offset = offset
      self.field = field
      self.columnName = columnName
    }
  }

  /// A stable, machine-readable kind (`parse`, `missingKey`, `wrongType`, `notAnInteger`, …).
  public var what: String
  /// Where.
  public var location: Location
  /// A sentence a person can act on.
  public var why: String
  /// The offending text, when there is one (at most 60 characters); AssessmentEngine's
  /// `Redaction.placeholder` when the problem was made under `MessageDetail.redacted`
  /// (`bapas serve --redact`).
  public var value: String?

  /// Creates a problem. `value` passes through AssessmentEngine's `Redaction.value(_:)`: the one place
  /// where a problem keeps the data it is about, so a redacted server never returns it.
  public init(what: String, location: Location, why: String, value: String? = nil) {
    self.what = what
    self.location = location
    self.why = why
    self.value = Redaction.value(value)
  }

  enum CodingKeys: String, CodingKey {
    case what
    case location = "where"
    case why, value
  }

  /// The problem at a JSON path.
  static func at(_ path: String, _ what: String, _ why: String) -> RPCProblem {
    RPCProblem(what: what, location: Location(path: path), why: why)
  }

  var json: JSONOut {
    var place: [(String, JSONOut)] = []
    if let p = location.path { place.append(("path", .string(p))) }
    if let l = location.line { place.append(("line", .int(l))) }
    if let c = location.column { place.append(("column", .int(c))) }
    if let o = location.offset { place.append(("offset", .int(o))) }
    if let f = location.field { place.append(("field", .int(f))) }
    if let n = location.columnName { place.append(("columnName", .string(n))) }
    var members: [(String, JSONOut)] = [("what", .string(what)), ("where", .object(place)), ("why", .string(why))]
    if let value { members.append(("value", .string(value))) }
    return .object(members)
  }
}

/// A JSON-RPC error: a code, a message and the SDK's problems in `data`.
///
/// Codes: the JSON-RPC 2.0 codes (−32700 parse error, −32600 invalid request, −32601 method not
/// found, −32602 invalid params, −32603 internal error) and one SDK code, −32001 (the data in the
/// params cannot be used at all, e.g. a CSV header lacking the instrument's items).
/// `error.data` is `{"what", "where", "why", "problems": [RPCProblem…]}`: the first problem at the top
/// level, for hosts that show one message, and every problem in `problems`.
public struct RPCError: Error, Sendable, Hashable {
  /// The JSON-RPC error code.
  public var code: Int
  /// A short message (the JSON-RPC `message`).
  public var message: String
  /// Every problem found.
  public var problems: [RPCProblem]

  /// Creates an error.
  public init(code: Int, message: String, problems: [RPCProblem]) {
    self.code = code
    self.message = message
    self.problems = problems
  }

  /// −32700: the request text is not JSON.
  public static let parseErrorCode = -32700
  /// −32600: the JSON is not a valid request object.
  public static let invalidRequestCode = -32600
  /// −32601: no such method.
  public static let methodNotFoundCode = -32601
  /// −32602: the params are wrong.
  public static let invalidParamsCode = -32602
  /// −32603: the SDK failed internally.
  public static let internalErrorCode = -32603
  /// −32001: the data given cannot be used at all (nothing could be computed).
  public static let unusableDataCode = -32001

  static func invalidParams(_ problems: [RPCProblem]) -> RPCError {
    RPCError(code: invalidParamsCode, message: "Invalid params", problems: problems)
  }

  static func invalidParams(_ path: String, _ what: String, _ why: String) -> RPCError {
    invalidParams([.at(path, what, why)])
  }

  static func unusable(_ problems: [RPCProblem]) -> RPCError {
    RPCError(code: unusableDataCode, message: "The data cannot be used", problems: problems)
  }

  var json: JSONOut {
    var data: [(String, JSONOut)] = []
    if let first = problems.first, case .object(let members) = first.json {
      data += members.filter { $0.0 != "value" }
    }
    data.append(("problems", .array(problems.map(\.json))))
    return .object([("code", .int(code)), ("message", .string(message)), ("data", .object(data))])
  }
}

extension JSONIssue {
  /// The issue as a problem, its path re-rooted under `base` (`$` → `$.params.instrument`).
  func problem(under base: String) -> RPCProblem {
    // The case name is the kind (`missingKey`, `wrongType`, …); the library may add kinds.
    let name = caseName(kind)
    let what = name == "malformedJSON" ? "parse" : name
    var why = description
    if why.hasPrefix(path + ": ") { why.removeFirst(path.count + 2) }
    return RPCProblem(what: what, location: .init(path: rebase(path, under: base)), why: why)
  }
}

/// `$.x[1]` under `$.params.definition` → `$.params.definition.x[1]`.
func rebase(_ path: String, under base: String) -> String {
  guard path.hasPrefix("$") else { return base + "." + path }
  return base + path.dropFirst()
}

extension InputIssue {
  /// A CSV problem as an RPC problem; `base` names the CSV's params member, e.g. `$.params.csv`.
  func problem(in base: String) -> RPCProblem {
    // The case name is the kind (`notAnInteger`, `outOfRange`, …); the library may add kinds.
    let name = caseName(kind)
    let what = name == "emptyFile" ? "emptyData" : name
    return RPCProblem(
      what: what, location: .init(path: base, line: line, column: column, field: field, columnName: columnName),
      why: description, value: value)
  }
}
