import AssessmentEngine

/// How sensitive a field of a model is, for minimisation and pseudonymisation (UU 27/2022 PDP Pasal 4
/// and 16; UU 11/2012 SPPA Pasal 19 for children's identities).
///
/// Ordered from most to least sensitive for disclosure: ``directIdentifier`` names a person on its own;
/// ``quasiIdentifier`` identifies in combination (the k-anonymity columns of a research export come from
/// these); ``specialCategory`` is *data pribadi yang bersifat spesifik* (UU 27/2022 Pasal 4(2): health,
/// criminal records, children's data) or free text that may hold it; ``ordinary`` is neither.
public enum DataCategory: String, WireEnum {
  /// Identifies a person on its own: a name, a register number, a NIK, an address, a phone number, a
  /// court decision number, a case, report or document reference, an officer's NIP.
  case directIdentifier
  /// Identifies in combination with others: birth date, sex, the Bapas, the legal basis, event dates.
  case quasiIdentifier
  /// Criminal-process, health or child-specific content, or free text that may contain it.
  case specialCategory
  /// Neither: codes and counts of the Bapas's own vocabulary.
  case ordinary

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// 3 for a direct identifier down to 0 for ordinary data.
  public var severity: Int {
    switch self {
    case .directIdentifier: 3
    case .quasiIdentifier: 2
    case .specialCategory: 1
    case .ordinary: 0
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .directIdentifier: LocalizedText(id: "Pengenal langsung", en: "Direct identifier")
    case .quasiIdentifier: LocalizedText(id: "Pengenal tidak langsung", en: "Quasi-identifier")
    case .specialCategory: LocalizedText(id: "Data pribadi spesifik", en: "Special category")
    case .ordinary: LocalizedText(id: "Data biasa", en: "Ordinary")
    }
  }
}

/// One model field and its ``DataCategory``.
public struct FieldClassification: Sendable, Hashable {
  /// The Swift type that holds the field, e.g. `Client`.
  public var model: String
  /// The JSON key.
  public var field: String
  /// The Swift property name when it differs from the JSON key (`Bapas.bapasClass` is `class`).
  public var swiftName: String?
  /// The category.
  public var category: DataCategory
  /// For a field holding another classified model (or an array or optional of one): that model's name.
  /// Its category is then the most sensitive category inside.
  public var contains: String?

  /// Creates an entry.
  public init(model: String, field: String, swiftName: String? = nil, category: DataCategory, contains: String? = nil) {
    self.model = model
    self.field = field
    self.swiftName = swiftName
    self.category = category
    self.contains = contains
  }
}

/// The one place where every field of the Pemasyarakatan models is tagged; `Documentation/ProtectingClientData.md`
/// prints the same table, and a test fails when a model gains a field that has no entry here (or the
/// article and this table disagree).
///
/// To tag a new field, add one line to ``fields`` in its model's block.
public enum DataClassification {
  private static func tag(
    _ model: String, _ entries: [(String, DataCategory)], contains: [String: String] = [:],
    swiftNames: [String: String] = [:]
  ) -> [FieldClassification] {
    entries.map {
      FieldClassification(
        model: model, field: $0.0, swiftName: swiftNames[$0.0], category: $0.1, contains: contains[$0.0])
    }
  }

  /// Every tagged field, model by model.
  public static let fields: [FieldClassification] =
    tag(
      "CaseFile",
      [
        ("id", .directIdentifier), ("bapasCode", .quasiIdentifier), ("officerID", .directIdentifier),
        ("client", .directIdentifier), ("receivedOn", .quasiIdentifier), ("guidancePeriod", .quasiIdentifier),
        ("reportingSchedule", .ordinary), ("transitions", .directIdentifier), ("contacts", .directIdentifier),
        ("enrolments", .quasiIdentifier), ("litmas", .directIdentifier), ("assessments", .quasiIdentifier),
        ("legalEvents", .directIdentifier), ("revocation", .directIdentifier),
        ("preReleaseSessions", .directIdentifier),
        ("closingCertificate", .directIdentifier),
      ],
      contains: [
        "preReleaseSessions": "PreReleaseSession", "closingCertificate": "ClosingCertificate",
        "client": "Client", "reportingSchedule": "ReportingSchedule", "transitions": "StageTransition",
        "contacts": "Contact",
        "enrolments": "Enrolment", "litmas": "Litmas", "assessments": "AssessmentRecord",
        "legalEvents": "LegalStatusEvent",
        "revocation": "RevocationProceeding",
      ])
    + tag(
      "Client",
      [
        ("id", .directIdentifier), ("name", .directIdentifier), ("birthDate", .quasiIdentifier),
        ("sex", .quasiIdentifier),
        ("legalBasis", .quasiIdentifier), ("sentence", .directIdentifier), ("addresses", .directIdentifier),
        ("contactPersons", .directIdentifier), ("education", .quasiIdentifier), ("employment", .quasiIdentifier),
        ("family", .quasiIdentifier), ("isRecidivist", .specialCategory), ("offence", .specialCategory),
      ],
      contains: [
        "sentence": "SentenceData", "addresses": "AddressRecord", "contactPersons": "ContactPerson",
        "employment": "EmploymentRecord",
        "family": "FamilySituation", "offence": "Offence",
      ])
    // Background for the Litmas and RNR: an occupation or a household can single a client out in a small
    // town (quasi-identifiers); a previous conviction and the offence are criminal records, data of a
    // specific kind under UU 27/2022 Pasal 4(2).
    + tag("EmploymentRecord", [("status", .ordinary), ("occupation", .quasiIdentifier), ("skills", .ordinary)])
    + tag(
      "FamilySituation",
      [
        ("maritalStatus", .quasiIdentifier), ("dependants", .quasiIdentifier), ("livesWith", .quasiIdentifier),
        ("familySupport", .ordinary),
      ])
    + tag("Offence", [("article", .specialCategory), ("category", .specialCategory)])
    + tag(
      "SentenceData",
      [
        ("decisionNumber", .directIdentifier), ("length", .specialCategory), ("countingStart", .quasiIdentifier),
        ("remission", .specialCategory), ("releasedOn", .quasiIdentifier),
      ])
    + tag(
      "AddressRecord", [("address", .directIdentifier), ("from", .quasiIdentifier), ("reportedOn", .quasiIdentifier)])
    + tag("ContactPerson", [("name", .directIdentifier), ("relationship", .ordinary), ("phone", .directIdentifier)])
    + tag("ReportingSchedule", [("every", .ordinary), ("unit", .ordinary)])
    + tag(
      "StageTransition", [("event", .ordinary), ("date", .quasiIdentifier), ("tppDecision", .directIdentifier)],
      contains: ["tppDecision": "TPPDecision"])
    + tag(
      "TPPDecision",
      [
        ("date", .quasiIdentifier), ("reference", .directIdentifier), ("outcome", .ordinary),
        ("basis", .specialCategory),
      ])
    + tag(
      "Contact",
      [
        ("id", .directIdentifier), ("date", .quasiIdentifier), ("officerID", .directIdentifier),
        ("modality", .ordinary),
        ("purpose", .ordinary), ("attendance", .ordinary), ("excuseReason", .specialCategory),
        ("notes", .specialCategory),
        ("relationshipPhase", .ordinary),
      ])
    + tag(
      "Enrolment",
      [
        ("programmeID", .ordinary), ("enrolledOn", .quasiIdentifier), ("status", .ordinary),
        ("attendance", .quasiIdentifier),
      ],
      contains: ["attendance": "SessionAttendance"])
    + tag("SessionAttendance", [("date", .quasiIdentifier), ("status", .ordinary), ("hours", .ordinary)])
    + tag(
      "Litmas",
      [
        ("id", .directIdentifier), ("type", .specialCategory), ("purpose", .ordinary), ("requester", .quasiIdentifier),
        ("dataSources", .ordinary), ("recommendation", .specialCategory), ("authorID", .directIdentifier),
        ("date", .quasiIdentifier),
        ("requestedOn", .quasiIdentifier), ("dueOn", .quasiIdentifier), ("sections", .directIdentifier),
      ], contains: ["requester": "LitmasRequester", "sections": "LitmasSections"])
    // The Litmas text: the identity section names the client and family; the others are free text about
    // the offence, the family and health — never exported, redacted with the rest of the record.
    + tag(
      "LitmasSections",
      [
        ("identity", .directIdentifier), ("family", .directIdentifier), ("socialBackground", .specialCategory),
        ("offenceAndReasons", .specialCategory), ("clientView", .specialCategory), ("familyView", .specialCategory),
        ("communityResponse", .specialCategory), ("analysis", .specialCategory), ("conclusion", .specialCategory),
      ])
    + tag(
      "PreReleaseSession",
      [
        ("date", .quasiIdentifier), ("kind", .ordinary), ("officerID", .directIdentifier), ("participants", .ordinary),
        ("notes", .specialCategory),
      ])
    + tag(
      "ClosingCertificate",
      [
        ("number", .directIdentifier), ("date", .quasiIdentifier), ("signedBy", .directIdentifier),
        ("reason", .ordinary),
      ])
    + tag("LitmasRequester", [("kind", .ordinary), ("name", .quasiIdentifier)])
    + tag("AssessmentRecord", [("date", .quasiIdentifier), ("instrument", .ordinary), ("result", .specialCategory)])
    + tag(
      "LegalStatusEvent", [("date", .quasiIdentifier), ("status", .specialCategory), ("reference", .directIdentifier)])
    + tag(
      "RevocationProceeding", [("grounds", .specialCategory), ("steps", .directIdentifier)],
      contains: ["steps": "RevocationStep"])
    + tag(
      "RevocationStep",
      [
        ("state", .specialCategory), ("date", .quasiIdentifier), ("actorID", .directIdentifier),
        ("actorRole", .ordinary),
        ("reference", .directIdentifier), ("note", .specialCategory),
      ])
    + tag(
      "Officer",
      [
        ("id", .directIdentifier), ("name", .directIdentifier), ("rank", .ordinary), ("section", .ordinary),
        ("bapasCode", .ordinary), ("isHeadOfBapas", .ordinary), ("trainings", .ordinary), ("approachStyle", .ordinary),
      ], contains: ["trainings": "OfficerTraining"])
    + tag(
      "OfficerTraining",
      [("name", .ordinary), ("completedOn", .ordinary), ("kind", .ordinary), ("provider", .ordinary)])
    + tag(
      "Bapas",
      [
        ("code", .ordinary), ("name", .ordinary), ("class", .ordinary), ("workArea", .ordinary),
        ("outposts", .ordinary),
      ],
      contains: ["workArea": "Region", "outposts": "PosBapas"], swiftNames: ["class": "bapasClass"])
    + tag("Region", [("name", .ordinary), ("kind", .ordinary)])
    + tag(
      "PosBapas", [("code", .ordinary), ("name", .ordinary), ("serves", .ordinary)], contains: ["serves": "Region"])
    + tag(
      "PokmasLipasPartner",
      [
        // A partner may be an individual or a family (PartnerType.individualOrFamily): its name is personal data.
        ("id", .ordinary), ("name", .directIdentifier), ("partnerType", .ordinary), ("focusAreas", .ordinary),
        ("services", .ordinary), ("programmeCategories", .ordinary), ("bapasCodes", .ordinary),
        ("targetGroups", .ordinary),
        ("agreements", .ordinary), ("activities", .specialCategory),
      ], contains: ["agreements": "CooperationAgreement", "activities": "PartnerActivity"])
    + tag(
      "CooperationAgreement",
      [
        ("number", .ordinary), ("signedOn", .ordinary), ("validFrom", .ordinary), ("validUntil", .ordinary),
        ("bapasCode", .ordinary),
      ])
    // An activity record's description is free text that may tell of the clients who took part.
    + tag(
      "PartnerActivity",
      [
        ("date", .ordinary), ("description", .specialCategory), ("clients", .ordinary), ("hours", .ordinary),
        ("programmeID", .ordinary),
      ])
    + tag(
      "Programme",
      [
        ("id", .ordinary), ("name", .ordinary), ("category", .ordinary), ("method", .ordinary),
        ("partnerID", .ordinary),
        ("schedule", .ordinary), ("capacity", .ordinary),
      ], contains: ["schedule": "ProgrammeSchedule"])
    + tag(
      "ProgrammeSchedule",
      [("start", .ordinary), ("end", .ordinary), ("recurrence", .ordinary), ("hoursPerSession", .ordinary)])

  /// The classified models, in the order of ``fields``.
  public static var models: [String] {
    var seen = Set<String>()
    return fields.map(\.model).filter { seen.insert($0).inserted }
  }

  /// The entries of one model.
  public static func fields(of model: String) -> [FieldClassification] { fields.filter { $0.model == model } }

  /// The category of `model.field` (JSON key), or `nil` when the field is not tagged.
  public static func category(of model: String, field: String) -> DataCategory? {
    fields.first { $0.model == model && $0.field == field }?.category
  }

  /// The table as Markdown (`| model | field | category |`), as printed in the article.
  public static var markdownTable: String {
    var out = "| model | field | category |\n|---|---|---|\n"
    for f in fields {
      let inner = f.contains.map { " (→ `\($0)`)" } ?? ""
      out += "| `\(f.model)` | `\(f.field)`\(inner) | \(f.category.label.english) |\n"
    }
    return out
  }
}
