import AssessmentEngine

// The SDK's one JSON style for enumerations with payloads: an object whose `kind` names the case and
// whose other keys are the case's labelled fields, e.g. `{"kind": "contact", "id": "C-9", "date":
// "2025-05-20", "attendance": "missed"}` — the style of ``IndicatorMeasure`` and ``ReportPeriod``.
// Swift's synthesized form (`{"contact": {"id": …}}`) is still read, so files written before the
// change keep working (Documentation/BapasModels.md, "Migrating files").

enum KindTagged {
  /// The keyed container holding the fields of the case, and the case name: from `{"kind": …}`, or
  /// from the legacy `{"<case>": {…}}`. An unknown or missing kind throws `dataCorrupted` with an
  /// ``UnknownWireValue`` naming the allowed kinds.
  static func open(_ decoder: any Decoder, type: String, allowed: [String]) throws -> (
    kind: String, fields: KeyedDecodingContainer<PathKey>
  ) {
    let c = try decoder.container(keyedBy: PathKey.self)
    let kindKey = PathKey(name: "kind")
    if c.contains(kindKey) {
      let kind = try c.decode(String.self, forKey: kindKey)
      guard allowed.contains(kind) else {
        throw unknown(kind, type: type, allowed: allowed, path: c.codingPath + [kindKey])
      }
      return (kind, c)
    }
    if c.allKeys.count == 1, let key = c.allKeys.first, allowed.contains(key.stringValue) {
      return (key.stringValue, try c.nestedContainer(keyedBy: PathKey.self, forKey: key))
    }
    throw unknown(
      c.allKeys.map(\.stringValue).joined(separator: ", "), type: type, allowed: allowed, path: c.codingPath + [kindKey]
    )
  }

  static func unknown(_ value: String, type: String, allowed: [String], path: [any CodingKey]) -> DecodingError {
    DecodingError.dataCorrupted(
      .init(
        codingPath: path, debugDescription: "unknown kind '\(value)'",
        underlyingError: UnknownWireValue(type: type, value: value, allowed: allowed)))
  }

  /// A keyed container for writing `{"kind": kind, …}`.
  static func container(_ encoder: any Encoder, kind: String) throws -> KeyedEncodingContainer<PathKey> {
    var c = encoder.container(keyedBy: PathKey.self)
    try c.encode(kind, forKey: PathKey(name: "kind"))
    return c
  }
}

extension KeyedDecodingContainer where K == PathKey {
  func field<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
    try decode(T.self, forKey: PathKey(name: name))
  }
}

extension KeyedEncodingContainer where K == PathKey {
  mutating func put<T: Encodable>(_ value: T, _ name: String) throws { try encode(value, forKey: PathKey(name: name)) }
}

extension ComplianceEvidence {
  /// Decodes `{"kind": "contact", "id": …, "date": …, "attendance": …}` (or the legacy `{"contact": {…}}`).
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(
      decoder, type: "ComplianceEvidence",
      allowed: ["contact", "periodWithoutReport", "address", "legalStatus", "session", "droppedOut"])
    switch kind {
    case "contact":
      self = .contact(id: try f.field("id"), date: try f.field("date"), attendance: try f.field("attendance"))
    case "periodWithoutReport": self = .periodWithoutReport(start: try f.field("start"), end: try f.field("end"))
    case "address": self = .address(index: try f.field("index"), movedOn: try f.field("movedOn"))
    case "legalStatus":
      self = .legalStatus(date: try f.field("date"), status: try f.field("status"), reference: try f.field("reference"))
    case "session":
      self = .session(
        programmeID: try f.field("programmeID"), date: try f.field("date"), attendance: try f.field("attendance"))
    default: self = .droppedOut(programmeID: try f.field("programmeID"), enrolledOn: try f.field("enrolledOn"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .contact(let id, let date, let attendance):
      var c = try KindTagged.container(encoder, kind: "contact")
      try c.put(id, "id")
      try c.put(date, "date")
      try c.put(attendance, "attendance")
    case .periodWithoutReport(let start, let end):
      var c = try KindTagged.container(encoder, kind: "periodWithoutReport")
      try c.put(start, "start")
      try c.put(end, "end")
    case .address(let index, let movedOn):
      var c = try KindTagged.container(encoder, kind: "address")
      try c.put(index, "index")
      try c.put(movedOn, "movedOn")
    case .legalStatus(let date, let status, let reference):
      var c = try KindTagged.container(encoder, kind: "legalStatus")
      try c.put(date, "date")
      try c.put(status, "status")
      try c.put(reference, "reference")
    case .session(let programmeID, let date, let attendance):
      var c = try KindTagged.container(encoder, kind: "session")
      try c.put(programmeID, "programmeID")
      try c.put(date, "date")
      try c.put(attendance, "attendance")
    case .droppedOut(let programmeID, let enrolledOn):
      var c = try KindTagged.container(encoder, kind: "droppedOut")
      try c.put(programmeID, "programmeID")
      try c.put(enrolledOn, "enrolledOn")
    }
  }
}

extension IntegrationBlocker {
  /// Decodes `{"kind": "sentenceTooLong", "maximum": {…}}` and the other cases (or the legacy form).
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(
      decoder, type: "IntegrationBlocker",
      allowed: ["fractionShorterThanMinimum", "sentenceTooLong", "sentenceTooShort", "noTimeLeftBeforeExpiry"])
    switch kind {
    case "fractionShorterThanMinimum":
      self = .fractionShorterThanMinimum(
        fractionDate: try f.field("fractionDate"), minimumDate: try f.field("minimumDate"))
    case "sentenceTooLong": self = .sentenceTooLong(maximum: try f.field("maximum"))
    case "sentenceTooShort": self = .sentenceTooShort(minimum: try f.field("minimum"))
    default: self = .noTimeLeftBeforeExpiry(expiry: try f.field("expiry"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .fractionShorterThanMinimum(let fractionDate, let minimumDate):
      var c = try KindTagged.container(encoder, kind: "fractionShorterThanMinimum")
      try c.put(fractionDate, "fractionDate")
      try c.put(minimumDate, "minimumDate")
    case .sentenceTooLong(let maximum):
      var c = try KindTagged.container(encoder, kind: "sentenceTooLong")
      try c.put(maximum, "maximum")
    case .sentenceTooShort(let minimum):
      var c = try KindTagged.container(encoder, kind: "sentenceTooShort")
      try c.put(minimum, "minimum")
    case .noTimeLeftBeforeExpiry(let expiry):
      var c = try KindTagged.container(encoder, kind: "noTimeLeftBeforeExpiry")
      try c.put(expiry, "expiry")
    }
  }
}

extension LifecycleError {
  /// Decodes `{"kind": "illegalTransition", "from": "tahapAwal", "event": "close"}` and the other cases.
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(
      decoder, type: "LifecycleError",
      allowed: ["illegalTransition", "tppOutcomeMismatch", "tppDecisionAfterTransition", "transitionBeforePrevious"])
    switch kind {
    case "illegalTransition": self = .illegalTransition(from: try f.field("from"), event: try f.field("event"))
    case "tppOutcomeMismatch": self = .tppOutcomeMismatch(event: try f.field("event"), outcome: try f.field("outcome"))
    case "tppDecisionAfterTransition":
      self = .tppDecisionAfterTransition(decision: try f.field("decision"), transition: try f.field("transition"))
    default: self = .transitionBeforePrevious(previous: try f.field("previous"), date: try f.field("date"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .illegalTransition(let from, let event):
      var c = try KindTagged.container(encoder, kind: "illegalTransition")
      try c.put(from, "from")
      try c.put(event, "event")
    case .tppOutcomeMismatch(let event, let outcome):
      var c = try KindTagged.container(encoder, kind: "tppOutcomeMismatch")
      try c.put(event, "event")
      try c.put(outcome, "outcome")
    case .tppDecisionAfterTransition(let decision, let transition):
      var c = try KindTagged.container(encoder, kind: "tppDecisionAfterTransition")
      try c.put(decision, "decision")
      try c.put(transition, "transition")
    case .transitionBeforePrevious(let previous, let date):
      var c = try KindTagged.container(encoder, kind: "transitionBeforePrevious")
      try c.put(previous, "previous")
      try c.put(date, "date")
    }
  }
}

extension RevocationError {
  /// Decodes `{"kind": "outOfOrder", "current": …, "attempted": …}` and the other cases.
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(
      decoder, type: "RevocationError", allowed: ["outOfOrder", "wrongActor", "dateBeforePrevious"])
    switch kind {
    case "outOfOrder": self = .outOfOrder(current: try f.field("current"), attempted: try f.field("attempted"))
    case "wrongActor": self = .wrongActor(step: try f.field("step"), role: try f.field("role"))
    default: self = .dateBeforePrevious(previous: try f.field("previous"), date: try f.field("date"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .outOfOrder(let current, let attempted):
      var c = try KindTagged.container(encoder, kind: "outOfOrder")
      try c.put(current, "current")
      try c.put(attempted, "attempted")
    case .wrongActor(let step, let role):
      var c = try KindTagged.container(encoder, kind: "wrongActor")
      try c.put(step, "step")
      try c.put(role, "role")
    case .dateBeforePrevious(let previous, let date):
      var c = try KindTagged.container(encoder, kind: "dateBeforePrevious")
      try c.put(previous, "previous")
      try c.put(date, "date")
    }
  }
}

extension LegalCalendarError {
  /// Decodes `{"kind": "negativeDuration", "field": "length"}` or `{"kind": "remissionExceedsSentence", …}`.
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(
      decoder, type: "LegalCalendarError", allowed: ["negativeDuration", "remissionExceedsSentence"])
    switch kind {
    case "negativeDuration": self = .negativeDuration(field: try f.field("field"))
    default: self = .remissionExceedsSentence(length: try f.field("length"), remission: try f.field("remission"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .negativeDuration(let field):
      var c = try KindTagged.container(encoder, kind: "negativeDuration")
      try c.put(field, "field")
    case .remissionExceedsSentence(let length, let remission):
      var c = try KindTagged.container(encoder, kind: "remissionExceedsSentence")
      try c.put(length, "length")
      try c.put(remission, "remission")
    }
  }
}

extension SanctionLimitViolation {
  /// Decodes `{"kind": "termTooLong", "term": {…}, "maximum": {…}}` and the other cases.
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(
      decoder, type: "SanctionLimitViolation", allowed: ["offenceTooSerious", "termTooLong", "termTooShort"])
    switch kind {
    case "offenceTooSerious":
      self = .offenceTooSerious(threatened: try f.field("threatened"), maximum: try f.field("maximum"))
    case "termTooLong": self = .termTooLong(term: try f.field("term"), maximum: try f.field("maximum"))
    default: self = .termTooShort(term: try f.field("term"), minimum: try f.field("minimum"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .offenceTooSerious(let threatened, let maximum):
      var c = try KindTagged.container(encoder, kind: "offenceTooSerious")
      try c.put(threatened, "threatened")
      try c.put(maximum, "maximum")
    case .termTooLong(let term, let maximum):
      var c = try KindTagged.container(encoder, kind: "termTooLong")
      try c.put(term, "term")
      try c.put(maximum, "maximum")
    case .termTooShort(let term, let minimum):
      var c = try KindTagged.container(encoder, kind: "termTooShort")
      try c.put(term, "term")
      try c.put(minimum, "minimum")
    }
  }
}

extension CaseFileError.Reason {
  static let kinds = [
    "malformedJSON", "missingField", "wrongType", "unknownValue", "invalidDate", "datesOutOfOrder",
    "ageCategoryContradictsBirthDate",
    "legalBasisNotForAge", "stageChangeWithoutTPPDecision", "lifecycle", "revocation", "sentence",
    "reportingLessThanMonthly",
    "excusedWithoutReason", "duplicateID", "closingCertificateWithoutClosing",
  ]

  /// Decodes `{"kind": "missingField", "name": "officerID"}` and the other cases; a nested error sits
  /// under `error` (`{"kind": "lifecycle", "error": {"kind": "illegalTransition", …}}`).
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(decoder, type: "CaseFileError.Reason", allowed: Self.kinds)
    switch kind {
    case "malformedJSON": self = .malformedJSON(detail: try f.field("detail"))
    case "missingField": self = .missingField(name: try f.field("name"))
    case "wrongType": self = .wrongType(expected: try f.field("expected"))
    case "unknownValue":
      self = .unknownValue(value: try f.field("value"), type: try f.field("type"), allowed: try f.field("allowed"))
    case "invalidDate": self = .invalidDate(text: try f.field("text"))
    case "datesOutOfOrder":
      self = .datesOutOfOrder(
        earlierField: try f.field("earlierField"), earlierDate: try f.field("earlierDate"),
        laterField: try f.field("laterField"), laterDate: try f.field("laterDate"))
    case "ageCategoryContradictsBirthDate":
      self = .ageCategoryContradictsBirthDate(
        declared: try f.field("declared"), derived: try f.field("derived"), age: try f.field("age"),
        on: try f.field("on"))
    case "legalBasisNotForAge":
      self = .legalBasisNotForAge(basis: try f.field("basis"), ageCategory: try f.field("ageCategory"))
    case "stageChangeWithoutTPPDecision": self = .stageChangeWithoutTPPDecision
    case "lifecycle": self = .lifecycle(try Self.nested(f))
    case "revocation": self = .revocation(try Self.nested(f))
    case "sentence": self = .sentence(try Self.nested(f))
    case "reportingLessThanMonthly":
      self = .reportingLessThanMonthly(every: try f.field("every"), unit: try f.field("unit"))
    case "excusedWithoutReason": self = .excusedWithoutReason
    case "duplicateID": self = .duplicateID(id: try f.field("id"))
    default: self = .closingCertificateWithoutClosing(stage: try f.field("stage"))
    }
  }

  /// The nested error: under `error` in the kind-tagged form, under `_0` in Swift's synthesized form.
  private static func nested<T: Decodable>(_ f: KeyedDecodingContainer<PathKey>) throws -> T {
    f.contains(PathKey(name: "error")) ? try f.field("error") : try f.field("_0")
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .malformedJSON(let detail):
      var c = try KindTagged.container(encoder, kind: "malformedJSON")
      try c.put(detail, "detail")
    case .missingField(let name):
      var c = try KindTagged.container(encoder, kind: "missingField")
      try c.put(name, "name")
    case .wrongType(let expected):
      var c = try KindTagged.container(encoder, kind: "wrongType")
      try c.put(expected, "expected")
    case .unknownValue(let value, let type, let allowed):
      var c = try KindTagged.container(encoder, kind: "unknownValue")
      try c.put(value, "value")
      try c.put(type, "type")
      try c.put(allowed, "allowed")
    case .invalidDate(let text):
      var c = try KindTagged.container(encoder, kind: "invalidDate")
      try c.put(text, "text")
    case .datesOutOfOrder(let earlierField, let earlierDate, let laterField, let laterDate):
      var c = try KindTagged.container(encoder, kind: "datesOutOfOrder")
      try c.put(earlierField, "earlierField")
      try c.put(earlierDate, "earlierDate")
      try c.put(laterField, "laterField")
      try c.put(laterDate, "laterDate")
    case .ageCategoryContradictsBirthDate(let declared, let derived, let age, let on):
      var c = try KindTagged.container(encoder, kind: "ageCategoryContradictsBirthDate")
      try c.put(declared, "declared")
      try c.put(derived, "derived")
      try c.put(age, "age")
      try c.put(on, "on")
    case .legalBasisNotForAge(let basis, let ageCategory):
      var c = try KindTagged.container(encoder, kind: "legalBasisNotForAge")
      try c.put(basis, "basis")
      try c.put(ageCategory, "ageCategory")
    case .stageChangeWithoutTPPDecision: _ = try KindTagged.container(encoder, kind: "stageChangeWithoutTPPDecision")
    case .lifecycle(let e):
      var c = try KindTagged.container(encoder, kind: "lifecycle")
      try c.put(e, "error")
    case .revocation(let e):
      var c = try KindTagged.container(encoder, kind: "revocation")
      try c.put(e, "error")
    case .sentence(let e):
      var c = try KindTagged.container(encoder, kind: "sentence")
      try c.put(e, "error")
    case .reportingLessThanMonthly(let every, let unit):
      var c = try KindTagged.container(encoder, kind: "reportingLessThanMonthly")
      try c.put(every, "every")
      try c.put(unit, "unit")
    case .excusedWithoutReason: _ = try KindTagged.container(encoder, kind: "excusedWithoutReason")
    case .duplicateID(let id):
      var c = try KindTagged.container(encoder, kind: "duplicateID")
      try c.put(id, "id")
    case .closingCertificateWithoutClosing(let stage):
      var c = try KindTagged.container(encoder, kind: "closingCertificateWithoutClosing")
      try c.put(stage, "stage")
    }
  }
}
