import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Any JSON value, decoded without a schema so that definitions can be validated field by field.
///
/// Loading a definition through `JSONValue` rather than a synthesized `Decodable` lets the SDK report
/// *every* problem in a file at once, each with its JSON path, and report unknown keys instead of
/// ignoring them.
public enum JSONValue: Sendable, Hashable, Codable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number.
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; key order is kept as in the source only where the decoder keeps it.
  case object([String: JSONValue])

  /// Decodes any JSON value.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let d = try? container.decode(Double.self) {
      self = .number(d)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let a = try? container.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Encodes the value as JSON.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let b): try container.encode(b)
    case .number(let d): try container.encode(d)
    case .string(let s): try container.encode(s)
    case .array(let a): try container.encode(a)
    case .object(let o): try container.encode(o)
    }
  }

  /// Parses JSON text strictly (RFC 8259) with the package's one reader (``JSONReader/documents``).
  /// A syntax error becomes a ``JSONIssue`` at the document root whose detail gives the line and
  /// column (`line 3, column 7: expected ',' or '}' …`); a key repeated in one object is refused as
  /// ``JSONIssue/Kind/duplicateKey(_:)`` at the object's path, naming both copies' positions.
  package static func parse(_ data: Data) throws(JSONIssue) -> JSONValue {
    do {
      return try read(Array(data))
    } catch {
      if error.kind == .duplicateKey { throw JSONIssue(path: error.path, kind: .duplicateKey(error.description)) }
      throw JSONIssue(path: "$", kind: .malformedJSON(error.description))
    }
  }

  /// Reads one JSON document with `reader` (files by default; the JSON-RPC server passes its limits).
  package static func read(
    _ bytes: [UInt8], with reader: JSONReader = .documents
  ) throws(JSONSyntaxError) -> JSONValue {
    JSONValue(try reader.parse(bytes))
  }

  /// Reads one JSON document held in a buffer.
  package static func read(
    _ bytes: UnsafeBufferPointer<UInt8>, with reader: JSONReader = .documents
  ) throws(JSONSyntaxError) -> JSONValue {
    JSONValue(try reader.parse(bytes))
  }

  /// The name of the value's JSON type, for messages.
  package var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

extension JSONValue {
  /// The value the package's one JSON reader (in the internal support target) built. Depth is bounded
  /// by the reader's `maximumDepth`, so the recursion is too.
  ///
  /// The node is consumed child by child: each child is taken out of its container before it is
  /// converted, so its old subtree is freed as soon as its new one exists and the two trees are never
  /// both whole in memory (a 12.5 MB request of 100,000 row objects peaked at 184 MB with a plain
  /// `map`).
  package init(_ node: consuming JSONNode) {
    switch consume node {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let d): self = .number(d)
    case .string(let s): self = .string(s)
    case .array(var elements):
      var out: [JSONValue] = []
      out.reserveCapacity(elements.count)
      for i in elements.indices {
        let child = elements[i]
        elements[i] = .null
        out.append(JSONValue(consume child))
      }
      self = .array(out)
    case .object(var members):
      // Scalars only (a row object, an envelope's members): nothing large to free early, so keep the
      // dictionary's layout; otherwise take the members out one by one.
      if members.values.allSatisfy(\.isScalar) {
        self = .object(members.mapValues(JSONValue.init))
      } else {
        var out: [String: JSONValue] = [:]
        out.reserveCapacity(members.count)
        while let (key, child) = members.popFirst() { out[key] = JSONValue(consume child) }
        self = .object(out)
      }
    }
  }
}

extension JSONNode {
  /// Whether the node is neither an array nor an object.
  fileprivate var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }
}

/// One problem found while reading a JSON document: where (a JSON path such as
/// `$.scales[2].reversed[0]`) and what.
public struct JSONIssue: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// What is wrong.
  public enum Kind: Sendable, Hashable, Codable {
    /// The text is not JSON.
    case malformedJSON(String)
    /// A required key is absent.
    case missingKey(String)
    /// A key the format does not define (reported rather than ignored, so typos surface).
    case unknownKey(String, suggestion: String?)
    /// The value has the wrong JSON type.
    case wrongType(expected: String, found: String)
    /// The value has the right type but is not acceptable; the text says why.
    case invalidValue(String)
    /// The same identifier appears twice.
    case duplicate(String)
    /// A reference to an identifier that is not defined.
    case unknownReference(String)
    /// A key repeated in one object; the payload says where both copies are.
    case duplicateKey(String)
  }

  /// The JSON path of the offending value, `$` for the document.
  public var path: String
  /// What is wrong.
  public var kind: Kind

  /// Creates an issue.
  public init(path: String, kind: Kind) {
    self.path = path
    self.kind = kind
  }

  /// A sentence naming the path and the problem.
  public var description: String {
    switch kind {
    case .malformedJSON(let detail): "\(path): the file is not valid JSON (\(detail))."
    case .missingKey(let key): "\(path): the required key '\(key)' is missing."
    case .unknownKey(let key, let suggestion):
      "\(path): unknown key \(quotedForMessage(key))." + (suggestion.map { " Did you mean '\($0)'?" } ?? "")
    case .wrongType(let expected, let found): "\(path): expected \(expected), found \(found)."
    case .invalidValue(let why): "\(path): \(why)."
    case .duplicate(let id): "\(path): \(quotedForMessage(id)) is defined more than once."
    case .unknownReference(let id): "\(path): \(quotedForMessage(id)) is not defined."
    case .duplicateKey(let detail): "\(path): \(detail)."
    }
  }
}

/// Reads a JSON object field by field, recording every problem with its path instead of stopping at
/// the first.
///
/// Typical use inside a definition loader:
/// ```swift
/// var issues: [JSONIssue] = []
/// if let object = JSONObjectReader(value, path: "$", issues: &issues) {
///   let id = object.string("id", &issues)
///   let scale = object.object("responseScale", &issues)
///   object.rejectUnknownKeys(&issues)
/// }
/// ```
package struct JSONObjectReader: Sendable {
  /// The object's members.
  package let members: [String: JSONValue]
  /// The object's JSON path.
  package let path: String
  private var known: Set<String> = []

  /// Wraps `value`; records a type error and returns `nil` when it is not an object.
  package init?(_ value: JSONValue, path: String, issues: inout [JSONIssue]) {
    guard case .object(let members) = value else {
      issues.append(JSONIssue(path: path, kind: .wrongType(expected: "an object", found: value.typeName)))
      return nil
    }
    self.members = members
    self.path = path
  }

  /// The path of a member.
  package func path(of key: String) -> String { "\(path).\(key)" }

  /// Marks `key` as part of the format and returns its value, recording a missing-key issue when
  /// it is required and absent. A JSON `null` counts as absent.
  package mutating func value(_ key: String, required: Bool, _ issues: inout [JSONIssue]) -> JSONValue? {
    known.insert(key)
    guard let v = members[key], v != .null else {
      if required { issues.append(JSONIssue(path: path, kind: .missingKey(key))) }
      return nil
    }
    return v
  }

  /// A string member.
  package mutating func string(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> String? {
    guard let v = value(key, required: required, &issues) else { return nil }
    guard case .string(let s) = v else {
      issues.append(JSONIssue(path: path(of: key), kind: .wrongType(expected: "a string", found: v.typeName)))
      return nil
    }
    return s
  }

  /// A number member.
  package mutating func number(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> Double? {
    guard let v = value(key, required: required, &issues) else { return nil }
    guard case .number(let d) = v else {
      issues.append(JSONIssue(path: path(of: key), kind: .wrongType(expected: "a number", found: v.typeName)))
      return nil
    }
    return d
  }

  /// An integer member (a JSON number with no fractional part).
  package mutating func integer(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> Int? {
    guard let d = number(key, required: required, &issues) else { return nil }
    guard d.rounded() == d, abs(d) < 1e15 else {
      issues.append(JSONIssue(path: path(of: key), kind: .wrongType(expected: "an integer", found: "\(d)")))
      return nil
    }
    return Int(d)
  }

  /// A boolean member.
  package mutating func bool(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> Bool? {
    guard let v = value(key, required: required, &issues) else { return nil }
    guard case .bool(let b) = v else {
      issues.append(JSONIssue(path: path(of: key), kind: .wrongType(expected: "true or false", found: v.typeName)))
      return nil
    }
    return b
  }

  /// An array member.
  package mutating func array(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> [JSONValue]? {
    guard let v = value(key, required: required, &issues) else { return nil }
    guard case .array(let a) = v else {
      issues.append(JSONIssue(path: path(of: key), kind: .wrongType(expected: "an array", found: v.typeName)))
      return nil
    }
    return a
  }

  /// An array of strings; each non-string element is recorded with its index.
  package mutating func strings(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> [String]? {
    guard let a = array(key, required: required, &issues) else { return nil }
    var out: [String] = []
    for (i, v) in a.enumerated() {
      if case .string(let s) = v {
        out.append(s)
      } else {
        issues.append(
          JSONIssue(path: "\(path(of: key))[\(i)]", kind: .wrongType(expected: "a string", found: v.typeName)))
      }
    }
    return out
  }

  /// An object member, as a reader.
  package mutating func object(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> JSONObjectReader? {
    guard let v = value(key, required: required, &issues) else { return nil }
    return JSONObjectReader(v, path: path(of: key), issues: &issues)
  }

  /// A `{"id": …, "en": …}` label member.
  package mutating func localized(_ key: String, required: Bool = true, _ issues: inout [JSONIssue]) -> LocalizedText? {
    guard var o = object(key, required: required, &issues) else { return nil }
    let id = o.string("id", &issues)
    let en = o.string("en", &issues)
    o.rejectUnknownKeys(&issues)
    guard let id, let en else { return nil }
    return LocalizedText(id: id, en: en)
  }

  /// A string member that must be one of an enum's raw values.
  package mutating func enumeration<E: RawRepresentable & CaseIterable>(
    _ key: String, as type: E.Type, required: Bool = true, _ issues: inout [JSONIssue]
  ) -> E? where E.RawValue == String {
    guard let s = string(key, required: required, &issues) else { return nil }
    guard let e = E(rawValue: s) else {
      let allowed = E.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
      issues.append(JSONIssue(path: path(of: key), kind: .invalidValue("'\(s)' is not one of \(allowed)")))
      return nil
    }
    return e
  }

  /// Records every member that was never asked for as an unknown key, with a suggestion.
  package func rejectUnknownKeys(_ issues: inout [JSONIssue]) {
    for key in members.keys.sorted() where !known.contains(key) {
      let suggestion = didYouMean(key, among: known.sorted())
      issues.append(JSONIssue(path: path, kind: .unknownKey(key, suggestion: suggestion)))
    }
  }
}
