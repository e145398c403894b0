import AssessmentEngine

/// One record of a list in a group file, decoded on its own: either the value, or the raw JSON and
/// why it could not be read.
///
/// A malformed record (a date that does not exist, an unknown step name, a rating written as text)
/// must not make the whole group unreadable: the report is still produced for every other record
/// and lists this one as a problem. Encoding writes the value, or the raw JSON unchanged.
public enum DecodedRecord<Value: Codable & Sendable & Hashable>: Sendable, Hashable, Codable {
  /// The record was read.
  case valid(Value)
  /// The record could not be read: its raw JSON, the path of the offending field and the reason.
  case invalid(raw: JSONValue, path: String, reason: String)

  /// The value, when the record was read.
  public var value: Value? {
    if case .valid(let v) = self { return v }
    return nil
  }

  /// Decodes the record, keeping a failure as ``invalid(raw:path:reason:)``.
  public init(from decoder: any Decoder) throws {
    let raw = try JSONValue(from: decoder)
    do {
      self = .valid(try Value(from: decoder))
    } catch let error as DecodingError {
      let (path, reason) = describeDecodingError(error)
      self = .invalid(raw: raw, path: path, reason: reason)
    } catch {
      self = .invalid(raw: raw, path: jsonPath(decoder.codingPath), reason: "\(error)")
    }
  }

  /// Encodes the value, or the raw JSON of an unreadable record.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .valid(let v): try v.encode(to: encoder)
    case .invalid(let raw, _, _): try raw.encode(to: encoder)
    }
  }
}

/// `$.clients[2].targets[0].date` for a coding path.
func jsonPath(_ codingPath: [any CodingKey]) -> String {
  var out = "$"
  for key in codingPath {
    if let i = key.intValue { out += "[\(i)]" } else { out += ".\(key.stringValue)" }
  }
  return out
}

/// The JSON path and a short English reason for a decoding error.
func describeDecodingError(_ error: DecodingError) -> (path: String, reason: String) {
  switch error {
  case .keyNotFound(let key, let context):
    return (jsonPath(context.codingPath + [key]), "the required key '\(key.stringValue)' is missing")
  case .typeMismatch(let type, let context):
    return (jsonPath(context.codingPath), "expected \(expectedName(type))")
  case .valueNotFound(let type, let context):
    return (jsonPath(context.codingPath), "expected \(expectedName(type)), found null")
  case .dataCorrupted(let context):
    if let wire = context.underlyingError as? UnknownWireValue {
      return (
        jsonPath(context.codingPath),
        "'\(wire.value)' is not one of \(wire.allowed.map { "'\($0)'" }.joined(separator: ", "))"
      )
    }
    if let date = context.underlyingError as? CivilDateError { return (jsonPath(context.codingPath), date.description) }
    return (jsonPath(context.codingPath), plainDecodingText(context.debugDescription))
  @unknown default:
    return ("$", "the value cannot be read")
  }
}

private func expectedName(_ type: Any.Type) -> String {
  switch type {
  case is Int.Type: "a whole number"
  case is Double.Type: "a number"
  case is String.Type: "a text"
  case is Bool.Type: "true or false"
  default:
    // Never a Swift type name (`Dictionary<String, Any>`) in a user's message.
    switch "\(type)" {
    case let name where name.hasPrefix("Dictionary"): "an object"
    case let name where name.hasPrefix("Array"): "an array"
    default: "a value of another kind"
    }
  }
}

/// A decoder's own sentence with Swift internals (type names, `numberIsNotRepresentableInSwift`)
/// replaced by plain words.
func plainDecodingText(_ text: String) -> String {
  if text.contains("numberIsNotRepresentableInSwift") || text.contains("not representable") {
    return "the number is too large or too precise to represent"
  }
  if text.contains("Swift.") || text.contains("Dictionary<") || text.contains("Array<") || text.contains("Optional<") {
    return "the value is not of the expected kind"
  }
  return text
}
