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
  static func open(_ decoder: any Decoder, type: String, allowed: [String]) throws -> (kind: String, fields: KeyedDecodingContainer<PathKey>) {
    let c = try decoder.container(keyedBy: PathKey.self)
    let kindKey = PathKey(name: "kind")
    if c.contains(kindKey) {
      let kind = try c.decode(String.self, forKey: kindKey)
      guard allowed.contains(kind) else { throw unknown(kind, type: type, allowed: allowed, path: c.codingPath + [kindKey]) }
      return (kind, c)
    }
    if c.allKeys.count == 1, let key = c.allKeys.first, allowed.contains(key.stringValue) {
      return (key.stringValue, try c.nestedContainer(keyedBy: PathKey.self, forKey: key))
    }
    throw unknown(c.allKeys.map(\.stringValue).joined(separator: ", "), type: type, allowed: allowed, path: c.codingPath + [kindKey])
  }

  static func unknown(_ value: String, type: String, allowed: [String], path: [any CodingKey]) -> DecodingError {
    DecodingError.dataCorrupted(.init(
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
  func field<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T { try decode(T.self, forKey: PathKey(name: name)) }
}

extension KeyedEncodingContainer where K == PathKey {
  mutating func put<T: Encodable>(_ value: T, _ name: String) throws { try encode(value, forKey: PathKey(name: name)) }
}

extension ComplianceEvidence {
  /// Decodes `{"kind": "contact", "id": …, "date": …, "attendance": …}` (or the legacy `{"contact": {…}}`).
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(decoder, type: "ComplianceEvidence", allowed: ["contact", "periodWithoutReport", "address", "legalStatus", "session", "droppedOut"])
    switch kind {
    case "contact": self = .contact(id: try f.field("id"), date: try f.field("date"), attendance: try f.field("attendance"))
    case "periodWithoutReport": self = .periodWithoutReport(start: try f.field("start"), end: try f.field("end"))
    case "address": self = .address(index: try f.field("index"), movedOn: try f.field("movedOn"))
    case "legalStatus": self = .legalStatus(date: try f.field("date"), status: try f.field("status"), reference: try f.field("reference"))
    case "session": self = .session(programmeID: try f.field("programmeID"), date: try f.field("date"), attendance: try f.field("attendance"))
    default: self = .droppedOut(programmeID: try f.field("programmeID"), enrolledOn: try f.field("enrolledOn"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .contact(let id, let date, let attendance):
      var c = try KindTagged.container(encoder, kind: "contact")
      try c.put(id, "id"); try c.put(date, "date"); try c.put(attendance, "attendance")
    case .periodWithoutReport(let start, let end):
      var c = try KindTagged.container(encoder, kind: "periodWithoutReport")
      try c.put(start, "start"); try c.put(end, "end")
    case .address(let index, let movedOn):
      var c = try KindTagged.container(encoder, kind: "address")
      try c.put(index, "index"); try c.put(movedOn, "movedOn")
    case .legalStatus(let date, let status, let reference):
      var c = try KindTagged.container(encoder, kind: "legalStatus")
      try c.put(date, "date"); try c.put(status, "status"); try c.put(reference, "reference")
    case .session(let programmeID, let date, let attendance):
      var c = try KindTagged.container(encoder, kind: "session")
      try c.put(programmeID, "programmeID"); try c.put(date, "date"); try c.put(attendance, "attendance")
    case .droppedOut(let programmeID, let enrolledOn):
      var c = try KindTagged.container(encoder, kind: "droppedOut")
      try c.put(programmeID, "programmeID"); try c.put(enrolledOn, "enrolledOn")
    }
  }
}

extension IntegrationBlocker {
  /// Decodes `{"kind": "sentenceTooLong", "maximum": {…}}` and the other cases (or the legacy form).
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(decoder, type: "IntegrationBlocker", allowed: ["fractionShorterThanMinimum", "sentenceTooLong", "sentenceTooShort", "noTimeLeftBeforeExpiry"])
    switch kind {
    case "fractionShorterThanMinimum": self = .fractionShorterThanMinimum(fractionDate: try f.field("fractionDate"), minimumDate: try f.field("minimumDate"))
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
      try c.put(fractionDate, "fractionDate"); try c.put(minimumDate, "minimumDate")
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
    let (kind, f) = try KindTagged.open(decoder, type: "LifecycleError", allowed: ["illegalTransition", "tppOutcomeMismatch", "tppDecisionAfterTransition", "transitionBeforePrevious"])
    switch kind {
    case "illegalTransition": self = .illegalTransition(from: try f.field("from"), event: try f.field("event"))
    case "tppOutcomeMismatch": self = .tppOutcomeMismatch(event: try f.field("event"), outcome: try f.field("outcome"))
    case "tppDecisionAfterTransition": self = .tppDecisionAfterTransition(decision: try f.field("decision"), transition: try f.field("transition"))
    default: self = .transitionBeforePrevious(previous: try f.field("previous"), date: try f.field("date"))
    }
  }

  /// Encodes the `kind`-tagged form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .illegalTransition(let from, let event):
      var c = try KindTagged.container(encoder, kind: "illegalTransition")
      try c.put(from, "from"); try c.put(event, "event")
    case .tppOutcomeMismatch(let event, let outcome):
      var c = try KindTagged.container(encoder, kind: "tppOutcomeMismatch")
      try c.put(event, "event"); try c.put(outcome, "outcome")
    case .tppDecisionAfterTransition(let decision, let transition):
      var c = try KindTagged.container(encoder, kind: "tppDecisionAfterTransition")
      try c.put(decision, "decision"); try c.put(transition, "transition")
    case .transitionBeforePrevious(let previous, let date):
      var c = try KindTagged.container(encoder, kind: "transitionBeforePrevious")
      try c.put(previous, "previous"); try c.put(date, "date")
    }
  }
}

extension RevocationError {
  /// Decodes `{"kind": "outOfOrder", "current": …, "attempted": …}` and the other cases.
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(decoder, type: "RevocationError", allowed: ["outOfOrder", "wrongActor", "dateBeforePrevious"])
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
      try c.put(current, "current"); try c.put(attempted, "attempted")
    case .wrongActor(let step, let role):
      var c = try KindTagged.container(encoder, kind: "wrongActor")
      try c.put(step, "step"); try c.put(role, "role")
    case .dateBeforePrevious(let previous, let date):
      var c = try KindTagged.container(encoder, kind: "dateBeforePrevious")
      try c.put(previous, "previous"); try c.put(date, "date")
    }
  }
}

extension LegalCalendarError {
  /// Decodes `{"kind": "negativeDuration", "field": "length"}` or `{"kind": "remissionExceedsSentence", …}`.
  public init(from decoder: any Decoder) throws {
    let (kind, f) = try KindTagged.open(decoder, type: "LegalCalendarError", allowed: ["negativeDuration", "remissionExceedsSentence"])
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
      try c.put(length, "length"); try c.put(remission, "remission")
    }
  }
}
