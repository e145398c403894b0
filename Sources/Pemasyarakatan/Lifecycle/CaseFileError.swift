import AssessmentEngine

/// A problem in a case file read from JSON: where (a JSON path) and why.
///
/// Paths use JSONPath notation from the document root: `$` is the root, `.key` an object member, `[3]`
/// the fourth element (0-based) of an array; e.g. `$[2].transitions[0].tppDecision`. In a batch the
/// path starts with the record's index.
public struct CaseFileError: Error, Equatable, Hashable, Codable, Sendable, RedactableDescription {
  /// The JSON path of the offending value (or of the missing key).
  public var path: String
  /// What is wrong.
  public var reason: Reason

  /// Creates an error.
  public init(path: String, reason: Reason) {
    self.path = path
    self.reason = reason
  }

  /// What is wrong with a value.
  public enum Reason: Equatable, Hashable, Codable, Sendable {
    /// The text is not JSON, or the top level has the wrong shape.
    case malformedJSON(detail: String)
    /// A required key is missing or null.
    case missingField(name: String)
    /// The value has the wrong JSON type.
    case wrongType(expected: String)
    /// An enumeration value the SDK does not know.
    case unknownValue(value: String, type: String, allowed: [String])
    /// A date that is not `YYYY-MM-DD` or does not exist.
    case invalidDate(text: String)
    /// Two dates in the wrong order (e.g. release before the sentence start).
    case datesOutOfOrder(earlierField: String, earlierDate: CivilDate, laterField: String, laterDate: CivilDate)
    /// The declared adult/child status contradicts the birth date on the day of reception.
    case ageCategoryContradictsBirthDate(declared: AgeCategory, derived: AgeCategory, age: Int, on: CivilDate)
    /// The legal basis does not exist for a client of this age (e.g. diversi for an adult).
    case legalBasisNotForAge(basis: LegalBasis, ageCategory: AgeCategory)
    /// A stage change has no sidang TPP decision (PP 31/1999 Pasal 33(2)).
    case stageChangeWithoutTPPDecision
    /// A stage change the lifecycle refuses.
    case lifecycle(LifecycleError)
    /// A revocation step out of order or by the wrong person.
    case revocation(RevocationError)
    /// A sentence the legal calendar cannot use.
    case sentence(LegalCalendarError)
    /// Wajib lapor less often than the legal minimum of once a month.
    case reportingLessThanMonthly(every: Int, unit: ReportingUnit)
    /// An excused absence without a reason.
    case excusedWithoutReason
    /// An id used twice in the same list.
    case duplicateID(id: String)
    /// A *surat keterangan akhir pembimbingan* on a case that is not closed.
    case closingCertificateWithoutClosing(stage: CaseStage)
  }

  /// `<path>: <explanation>` in one sentence a PK or researcher can act on. Values from the file (an
  /// unknown enum text, a bad date, a duplicated id, a JSON parser's detail) go through
  /// `Redaction/quote(_:)`: `RedactableDescription/redactedDescription` keeps them out and keeps the path.
  public var description: String {
    let why: String
    switch reason {
    case .malformedJSON(let detail):
      why = "the text is not a valid case file (\(Redaction.detail == .redacted ? Redaction.placeholder : detail))."
    case .missingField(let name): why = "the required field '\(name)' is missing; please add it."
    case .wrongType(let expected): why = "the value has the wrong type; expected \(expected)."
    case .unknownValue(let value, let type, let allowed):
      let list =
        allowed.count <= 8
        ? allowed.map { "'\($0)'" }.joined(separator: ", ") : "\(allowed.count) values listed in the documentation"
      why = "\(Redaction.quote(value)) is not a known \(type); please use one of \(list)."
    case .invalidDate(let text):
      why = "\(Redaction.quote(text)) is not a valid date; please write an existing day as YYYY-MM-DD."
    case .datesOutOfOrder(let ef, let ed, let lf, let ld):
      why =
        "\(lf) (\(Redaction.bare(ld.description))) is before \(ef) (\(Redaction.bare(ed.description))); please check both dates."
    case .ageCategoryContradictsBirthDate(let declared, let derived, let age, let on):
      why =
        "the client is recorded as \(declared.rawValue) but was \(Redaction.bare(String(age))) years old on \(Redaction.bare(on.description)), which makes them \(derived.rawValue) by the birth date."
    case .legalBasisNotForAge(let basis, let age):
      why =
        "'\(basis.label.english)' (\(basis.label.indonesian)) does not apply to a client who is \(age == .child ? "a child" : "an adult") on the day of reception."
    case .stageChangeWithoutTPPDecision:
      why = "the stage change has no sidang TPP decision; PP 31/1999 Pasal 33 requires one for every change."
    case .lifecycle(let e): why = e.description
    case .revocation(let e): why = e.description
    case .sentence(let e): why = e.description
    case .reportingLessThanMonthly(let every, let unit):
      why = "reporting every \(every) \(unit.rawValue)(s) is less often than the legal minimum of once a month."
    case .excusedWithoutReason:
      why = "the absence is marked excused but no reason is given; please add the reason or mark it missed."
    case .duplicateID(let id): why = "the id \(Redaction.quote(id)) is used more than once."
    case .closingCertificateWithoutClosing(let stage):
      why =
        "a closing certificate (surat keterangan akhir) is recorded, but the case is in '\(stage.label.english)' (\(stage.label.indonesian)), not closed; record the 'close' stage change first."
    }
    return "\(path): \(why)"
  }
}

/// Renders a coding path as a JSONPath (`$`, `.key`, `[index]`).
func jsonPath(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil) -> String {
  var out = "$"
  for k in codingPath + (key.map { [$0] } ?? []) {
    if let i = k.intValue, k.stringValue.hasPrefix("Index") || k.stringValue == String(i) {
      out += "[\(i)]"
    } else {
      out += "." + k.stringValue
    }
  }
  return out
}

extension CaseFileError {
  /// The same translation for the command line, which reads officer, partner and obstacle lists.
  package init(decodingError error: DecodingError) { self.init(decoding: error) }

  /// Translates a `DecodingError` into a case-file error with its JSON path.
  init(decoding error: DecodingError) {
    switch error {
    case .keyNotFound(let key, let ctx):
      let path = jsonPath(ctx.codingPath, appending: key)
      self.init(
        path: path,
        reason: key.stringValue == "tppDecision" ? .stageChangeWithoutTPPDecision : .missingField(name: key.stringValue)
      )
    case .valueNotFound(_, let ctx):
      let name = ctx.codingPath.last?.stringValue ?? "value"
      self.init(
        path: jsonPath(ctx.codingPath),
        reason: name == "tppDecision" ? .stageChangeWithoutTPPDecision : .missingField(name: name))
    case .typeMismatch(let type, let ctx):
      self.init(path: jsonPath(ctx.codingPath), reason: .wrongType(expected: CaseFileError.jsonTypeName(type)))
    case .dataCorrupted(let ctx):
      if let unknown = ctx.underlyingError as? UnknownWireValue {
        self.init(
          path: jsonPath(ctx.codingPath),
          reason: .unknownValue(value: unknown.value, type: unknown.type, allowed: unknown.allowed))
      } else if let lifecycle = ctx.underlyingError as? LifecycleError {
        self.init(path: jsonPath(ctx.codingPath), reason: .lifecycle(lifecycle))
      } else if let date = ctx.underlyingError as? CivilDateError {
        self.init(path: jsonPath(ctx.codingPath), reason: .invalidDate(text: date.text))
      } else {
        self.init(
          path: jsonPath(ctx.codingPath), reason: .malformedJSON(detail: plainDecodingText(ctx.debugDescription)))
      }
    @unknown default:
      self.init(path: "$", reason: .malformedJSON(detail: String(describing: error)))
    }
  }

  static func jsonTypeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type, is Double.Type: "a number"
    case is Bool.Type: "true or false"
    default:
      String(describing: type).contains("Array") ? "an array" : "an object"
    }
  }
}
