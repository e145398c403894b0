import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A method's params, read member by member; every problem is collected with its JSON path and
/// unknown members are refused (so a typo such as `"idColumm"` is reported, not ignored).
struct RPCParams {
  private var reader: JSONObjectReader
  private(set) var issues: [JSONIssue] = []
  /// The JSON path of the params object, e.g. `$.params` or `$[2].params` in a batch.
  let path: String

  init(_ value: JSONValue?, path: String) throws(RPCError) {
    self.path = path
    var found: [JSONIssue] = []
    guard let reader = JSONObjectReader(value ?? .object([:]), path: path, issues: &found) else {
      throw .invalidParams(
        path, "wrongType", "the params must be an object of named members, not \(value?.typeName ?? "absent").")
    }
    self.reader = reader
  }

  func member(_ key: String) -> String { "\(path).\(key)" }

  mutating func value(_ key: String, required: Bool = false) -> JSONValue? {
    reader.value(key, required: required, &issues)
  }
  mutating func string(_ key: String, required: Bool = false) -> String? {
    reader.string(key, required: required, &issues)
  }
  mutating func number(_ key: String, required: Bool = false) -> Double? {
    reader.number(key, required: required, &issues)
  }
  mutating func integer(_ key: String, required: Bool = false) -> Int? {
    reader.integer(key, required: required, &issues)
  }
  mutating func bool(_ key: String, required: Bool = false) -> Bool? { reader.bool(key, required: required, &issues) }
  mutating func array(_ key: String, required: Bool = false) -> [JSONValue]? {
    reader.array(key, required: required, &issues)
  }
  mutating func strings(_ key: String, required: Bool = false) -> [String]? {
    reader.strings(key, required: required, &issues)
  }

  /// A string that must be one of `choices`.
  mutating func choice(_ key: String, _ choices: [String]) -> String? {
    guard let s = string(key) else { return nil }
    guard choices.contains(s) else {
      issues.append(
        JSONIssue(
          path: member(key),
          kind: .invalidValue(
            "\(Redaction.quote(String(s.prefix(40)))) is not one of \(choices.map { "'\($0)'" }.joined(separator: ", "))"
          )))
      return nil
    }
    return s
  }

  /// A `YYYY-MM-DD` date.
  mutating func date(_ key: String, required: Bool = false) -> CivilDate? {
    guard let s = string(key, required: required) else { return nil }
    guard let d = try? CivilDate(iso: s) else {
      issues.append(
        JSONIssue(
          path: member(key),
          kind: .invalidValue("\(Redaction.quote(String(s.prefix(40)))) is not a date written YYYY-MM-DD")))
      return nil
    }
    return d
  }

  /// Records a problem at a member.
  mutating func fail(_ key: String, _ why: String) {
    issues.append(JSONIssue(path: member(key), kind: .invalidValue(why)))
  }

  /// Records problems found in a member's document (paths from `$`), re-rooted under the member.
  mutating func absorb(_ found: [JSONIssue], under key: String) {
    issues += found.map { JSONIssue(path: rebase($0.path, under: member(key)), kind: $0.kind) }
  }

  /// Throws every problem found so far (and unknown members), if any.
  mutating func check() throws(RPCError) {
    reader.rejectUnknownKeys(&issues)
    if !issues.isEmpty { throw .invalidParams(issues.map { $0.problem(under: "$") }) }
  }
}

/// Decodes a library type from a params member through its own `Decodable` conformance (the
/// documented JSON form), turning a decoding error into a problem with the member's JSON path.
func decodeDocument<T: Decodable>(_ type: T.Type, from value: JSONValue, path: String) throws(RPCError) -> T {
  let data = Data(JSONOut(value).bytes)
  do {
    return try JSONDecoder().decode(T.self, from: data)
  } catch let error as DecodingError {
    throw .invalidParams([decodingProblem(error, base: path)])
  } catch {
    throw .invalidParams(path, "invalidValue", "\(error)")
  }
}

/// A `DecodingError` as a problem at its JSON path.
func decodingProblem(_ error: DecodingError, base: String) -> RPCProblem {
  func pathText(_ keys: [any CodingKey]) -> String {
    var out = base
    for k in keys {
      if let i = k.intValue { out += "[\(i)]" } else { out += ".\(k.stringValue)" }
    }
    return out
  }
  switch error {
  case .keyNotFound(let key, let context):
    return .at(pathText(context.codingPath), "missingKey", "the required key '\(key.stringValue)' is missing.")
  case .valueNotFound(let type, let context):
    return .at(pathText(context.codingPath), "wrongType", "expected \(type), found null.")
  case .typeMismatch(let type, let context):
    return .at(pathText(context.codingPath), "wrongType", "expected \(type). \(context.debugDescription)")
  case .dataCorrupted(let context):
    return .at(pathText(context.codingPath), "invalidValue", context.debugDescription)
  @unknown default:
    return .at(base, "invalidValue", "\(error)")
  }
}

/// Encodes a library value, turning the (never expected) failure into an internal error.
func encodeDocument<T: Encodable>(_ value: T) throws(RPCError) -> JSONOut {
  do { return try JSONTree.encode(value) } catch {
    throw RPCError(
      code: RPCError.internalErrorCode, message: "Internal error",
      problems: [.at("$", "encoding", "the result could not be encoded: \(error)")])
  }
}
