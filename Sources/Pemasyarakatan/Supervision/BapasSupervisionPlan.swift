import AssessmentEngine

/// A supervision plan for one client at one Bapas: the engine's generic `SupervisionPlan` (intensity
/// from risk, targets from needs, delivery from responsivity) composed with the Bapas's own programmes,
/// its Pokmas Lipas partners, its contact modalities, the legal floor of wajib lapor, the next
/// reassessment date and the Bapas role that approved any override.
///
/// Built by ``BapasSupervisionPlanner/plan(for:at:assessment:instrument:assessedOn:asOf:override:responsivity:programmes:partners:caseload:enrolIn:)``.
/// When ``generic``'s `SupervisionPlan/instrumentStatus` is `illustrative`, the plan is a sample only.
public struct BapasSupervisionPlan: Sendable, Hashable, Codable {
  /// The case.
  public var caseID: CaseID
  /// The client.
  public var clientID: ClientID
  /// The Bapas.
  public var bapasCode: BapasCode
  /// The PK responsible.
  public var officerID: OfficerID
  /// The day the plan was made.
  public var asOf: CivilDate
  /// The engine's plan (contact standard, dosage, targets, strengths, responsivity).
  public var generic: SupervisionPlan
  /// One entry per target need, rank 1 first, with the programmes and partners that fit it.
  public var needs: [NeedServiceMatch]
  /// Where and how contacts take place, in Bapas modalities.
  public var modalities: [BapasModalityOption]
  /// The legal floor of wajib lapor, stated beside the planned contacts.
  public var legalFloor: LegalReportingFloor
  /// When the next risk/need reassessment is due, and why.
  public var reassessment: BapasReassessmentDue
  /// The Bapas role that approved the override, when there is one.
  public var overrideApprover: BapasApprover?
  /// Programmes the PK asked to enrol the client in, all checked for a place and a fitting target.
  public var enrolIn: [ProgrammeID]

  /// Creates a plan (normally through ``BapasSupervisionPlanner``).
  public init(
    caseID: CaseID, clientID: ClientID, bapasCode: BapasCode, officerID: OfficerID, asOf: CivilDate,
    generic: SupervisionPlan, needs: [NeedServiceMatch], modalities: [BapasModalityOption],
    legalFloor: LegalReportingFloor,
    reassessment: BapasReassessmentDue, overrideApprover: BapasApprover?, enrolIn: [ProgrammeID]
  ) {
    self.caseID = caseID
    self.clientID = clientID
    self.bapasCode = bapasCode
    self.officerID = officerID
    self.asOf = asOf
    self.generic = generic
    self.needs = needs
    self.modalities = modalities
    self.legalFloor = legalFloor
    self.reassessment = reassessment
    self.overrideApprover = overrideApprover
    self.enrolIn = enrolIn
  }
}

/// How a programme was matched to a need.
public enum NeedMatchBasis: String, WireEnum {
  /// Its category is one the rule names.
  case category
  /// Only its kind (kepribadian / kemandirian) fits.
  case kind
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .category: LocalizedText(id: "Sesuai kategori", en: "Category match")
    case .kind: LocalizedText(id: "Sesuai jenis bimbingan", en: "Kind match")
    }
  }
}

/// A programme that fits a need, with the places left and the reason.
public struct ProgrammeMatch: Sendable, Hashable, Codable {
  /// The programme.
  public var programmeID: ProgrammeID
  /// Its name.
  public var name: String
  /// Kepribadian or kemandirian.
  public var kind: ProgrammeKind
  /// Its category.
  public var category: ProgrammeCategory
  /// Category or kind match.
  public var basis: NeedMatchBasis
  /// Places left (≥ 1: full programmes are listed in ``NeedServiceMatch/fullProgrammes`` instead).
  public var remainingPlaces: Int
  /// The partner delivering it, if any.
  public var partnerID: PartnerID?
  /// Why it fits, in both languages.
  public var reason: LocalizedText

  /// Creates a match.
  public init(
    programmeID: ProgrammeID, name: String, kind: ProgrammeKind, category: ProgrammeCategory, basis: NeedMatchBasis,
    remainingPlaces: Int, partnerID: PartnerID?, reason: LocalizedText
  ) {
    self.programmeID = programmeID
    self.name = name
    self.kind = kind
    self.category = category
    self.basis = basis
    self.remainingPlaces = remainingPlaces
    self.partnerID = partnerID
    self.reason = reason
  }
}

/// A Pokmas Lipas partner that fits a need, with what matched.
public struct PartnerMatch: Sendable, Hashable, Codable {
  /// The partner.
  public var partnerID: PartnerID
  /// Its name.
  public var name: String
  /// The partner's focus areas that the rule accepts.
  public var focus: [PartnerFocus]
  /// The partner's services that fit, in the rule's priority order.
  public var services: [PartnerService]
  /// The partner's programme categories that fit, in the rule's order.
  public var categories: [ProgrammeCategory]
  /// Why it fits, in both languages.
  public var reason: LocalizedText

  /// Creates a match.
  public init(
    partnerID: PartnerID, name: String, focus: [PartnerFocus], services: [PartnerService],
    categories: [ProgrammeCategory], reason: LocalizedText
  ) {
    self.partnerID = partnerID
    self.name = name
    self.focus = focus
    self.services = services
    self.categories = categories
    self.reason = reason
  }
}

/// One target need with the Bapas services that answer it.
public struct NeedServiceMatch: Sendable, Hashable, Codable {
  /// The need (stable id `"<instrument>/<domain>"`, rank, drivers).
  public var need: CriminogenicNeed
  /// The rule applied; `nil` when the need has no Central Eight factor or the table has no row for it.
  public var rule: NeedServiceRule?
  /// Fitting programmes with places left: category matches first (in the rule's order), then kind matches.
  public var programmes: [ProgrammeMatch]
  /// Fitting programmes that are full.
  public var fullProgrammes: [ProgrammeID]
  /// Fitting partners, best service first.
  public var partners: [PartnerMatch]

  /// Creates a match.
  public init(
    need: CriminogenicNeed, rule: NeedServiceRule?, programmes: [ProgrammeMatch], fullProgrammes: [ProgrammeID],
    partners: [PartnerMatch]
  ) {
    self.need = need
    self.rule = rule
    self.programmes = programmes
    self.fullProgrammes = fullProgrammes
    self.partners = partners
  }

  /// `true` when neither a programme nor a partner answers the need: the PK must find a service by hand
  /// (the Balitbangkumham policy paper notes that Pokmas Lipas programmes do not yet reach all needs).
  public var isUnserved: Bool { programmes.isEmpty && partners.isEmpty }
}

/// A contact modality the plan allows, with why.
public struct BapasModalityOption: Sendable, Hashable, Codable {
  /// How the contact takes place.
  public var modality: ContactModality
  /// The responsivity adjustment that calls for it; `nil` for the office visit every plan has and for
  /// group sessions chosen by the delivery format.
  public var adjustment: ResponsivityAdjustment?
  /// Where and when, in both languages.
  public var note: LocalizedText

  /// Creates an option.
  public init(modality: ContactModality, adjustment: ResponsivityAdjustment?, note: LocalizedText) {
    self.modality = modality
    self.adjustment = adjustment
    self.note = note
  }
}

/// The legal floor of reporting beside the plan's contacts.
///
/// Wajib lapor (*apel*) is at least once a month or as the PK recommends; three consecutive missed
/// reports are a ground for revoking PB, CMB or CB (Permenkumham 3/2018 via the Kanwil service
/// standards; journalist.co.id and tribunx.id on Bapas practice; `field-facts.md` B6).
public struct LegalReportingFloor: Sendable, Hashable, Codable {
  /// The legal minimum of reports a month.
  public var minimumPerMonth: Int
  /// The plan's face-to-face contacts a month (never below the floor).
  public var plannedFaceToFacePerMonth: Int
  /// The statement for the plan, in both languages.
  public var statement: LocalizedText
  /// The source.
  public var source: String

  /// Creates a floor statement.
  public init(minimumPerMonth: Int, plannedFaceToFacePerMonth: Int, statement: LocalizedText, source: String) {
    self.minimumPerMonth = minimumPerMonth
    self.plannedFaceToFacePerMonth = plannedFaceToFacePerMonth
    self.statement = statement
    self.source = source
  }

  static func make(floor: Int, planned: Int) -> LegalReportingFloor {
    LegalReportingFloor(
      minimumPerMonth: floor, plannedFaceToFacePerMonth: planned,
      statement: LocalizedText(
        id:
          "Wajib lapor sekurang-kurangnya \(floor) kali sebulan (batas hukum); rencana ini: \(planned) kali tatap muka sebulan. Tidak lapor 3 kali berturut-turut dapat menjadi dasar pencabutan.",
        en:
          "Mandatory reporting at least \(floor) time\(floor == 1 ? "" : "s") a month (legal floor); this plan: \(planned) face-to-face contact\(planned == 1 ? "" : "s") a month. Missing 3 reports in a row is a ground for revocation."
      ),
      source:
        "Wajib lapor at least monthly (Bapas practice, journalist.co.id; tribunx.id); revocation after 3 consecutive missed reports (Permenkumham 3/2018 via Kanwil service standards)"
    )
  }
}

/// When the next reassessment is due under the domain's rule and the case's events.
public struct BapasReassessmentDue: Sendable, Hashable, Codable {
  /// The due date.
  public var date: CivilDate
  /// Scheduled, or the event that brought it forward.
  public var reason: ReassessmentDue.Reason
  /// The day of the triggering event, for an event.
  public var eventDate: CivilDate?
  /// The regulation behind the schedule.
  public var source: RuleSource

  /// Creates a due date.
  public init(date: CivilDate, reason: ReassessmentDue.Reason, eventDate: CivilDate?, source: RuleSource) {
    self.date = date
    self.reason = reason
    self.eventDate = eventDate
    self.source = source
  }

  /// Whether the reassessment is overdue on `day` (strictly after the due date).
  public func isOverdue(on day: CivilDate) -> Bool { day > date }
}
