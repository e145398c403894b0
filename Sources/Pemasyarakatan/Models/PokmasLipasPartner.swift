import AssessmentEngine

/// A Pokmas Lipas partner (*Kelompok Masyarakat Peduli Pemasyarakatan*): a community partner that
/// co-delivers guidance and supervision with a Bapas.
///
/// Legal basis: Kepdirjenpas PAS-06.OT.02.02 Tahun 2020, *Pedoman Pembentukan Pokmas Lipas pada Bapas*;
/// partner types, focus areas and services from ditjenpas.go.id (2020), see `field-facts.md` B5.
/// Example: Yayasan Gerasa, Denpasar (seed 002).
///
/// ``focusAreas``, ``services`` and ``programmeCategories`` are exposed so that a supervision plan can
/// match partners to a client's criminogenic needs.
///
/// JSON: `{"id": "POK-01", "name": "Yayasan Gerasa", "partnerType": "socialOrganisation",
/// "focusAreas": ["kemandirianKepribadian"], "services": ["vocationalTraining"],
/// "programmeCategories": ["bartending", "bakery", "clothing"], "bapasCodes": ["BPS-DPS"],
/// "targetGroups": ["childClients"],
/// "agreements": [{"number": "W20.PAS.PAS.17-PK.01.05-123", "signedOn": "2023-02-01", "validFrom": "2023-02-01", "validUntil": "2026-01-31"}],
/// "activities": [{"date": "2025-03-14", "description": "…", "clients": 6, "hours": 3}]}` — the last
/// three optional (absent in files written before they existed).
public struct PokmasLipasPartner: Sendable, Hashable, Codable, Identifiable {
  /// The partner id.
  public var id: PartnerID
  /// The partner's name.
  public var name: String
  /// What kind of partner it is.
  public var partnerType: PartnerType
  /// The focus areas it works in.
  public var focusAreas: [PartnerFocus]
  /// The services it offers.
  public var services: [PartnerService]
  /// The programme categories it can deliver.
  public var programmeCategories: [ProgrammeCategory]
  /// The Bapas it partners with.
  public var bapasCodes: [BapasCode]
  /// Whom it serves (seed 002: Yayasan Gerasa protects orphans, trafficking victims and children in
  /// conflict with the law).
  public var targetGroups: [PartnerTargetGroup]
  /// Cooperation agreements (*perjanjian kerja sama*) with a Bapas.
  public var agreements: [CooperationAgreement]
  /// Activities carried out with clients.
  public var activities: [PartnerActivity]

  /// Creates a partner record.
  public init(
    id: PartnerID, name: String, partnerType: PartnerType, focusAreas: [PartnerFocus], services: [PartnerService] = [],
    programmeCategories: [ProgrammeCategory] = [], bapasCodes: [BapasCode] = []
  ) {
    self.id = id
    self.name = name
    self.partnerType = partnerType
    self.focusAreas = focusAreas
    self.services = services
    self.programmeCategories = programmeCategories
    self.bapasCodes = bapasCodes
    self.targetGroups = []
    self.agreements = []
    self.activities = []
  }

  enum CodingKeys: String, CodingKey {
    case id, name, partnerType, focusAreas, services, programmeCategories, bapasCodes, targetGroups, agreements,
      activities
  }

  /// Decodes the documented JSON form; the lists other than `focusAreas` may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(PartnerID.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    partnerType = try c.decode(PartnerType.self, forKey: .partnerType)
    focusAreas = try c.decode([PartnerFocus].self, forKey: .focusAreas)
    services = try c.decodeIfPresent([PartnerService].self, forKey: .services) ?? []
    programmeCategories = try c.decodeIfPresent([ProgrammeCategory].self, forKey: .programmeCategories) ?? []
    bapasCodes = try c.decodeIfPresent([BapasCode].self, forKey: .bapasCodes) ?? []
    targetGroups = try c.decodeIfPresent([PartnerTargetGroup].self, forKey: .targetGroups) ?? []
    agreements = try c.decodeIfPresent([CooperationAgreement].self, forKey: .agreements) ?? []
    activities = try c.decodeIfPresent([PartnerActivity].self, forKey: .activities) ?? []
  }

  /// `true` when the partner was active in `period`: an agreement in force on some day of it, or an
  /// activity dated in it.
  public func isActive(in period: CivilDateInterval) -> Bool {
    agreements.contains { $0.overlaps(period) } || activities.contains { period.contains($0.date) }
  }

  /// `true` when one of the partner's programme categories is of `kind`.
  public func delivers(_ kind: ProgrammeKind) -> Bool {
    programmeCategories.contains { $0.kind == kind }
  }
}

/// Partner types named in the Pokmas Lipas guidance (ditjenpas.go.id 2020).
public enum PartnerType: String, WireEnum {
  /// Individuals and families.
  case individualOrFamily
  /// People concerned with Pemasyarakatan (*pemerhati*).
  case concernedPerson
  /// Academics and universities.
  case academic
  /// Entrepreneurs, firms and economic communities.
  case businessOrEconomicCommunity
  /// Religious communities and bodies (e.g. Kemenag, Baznas).
  case religiousCommunity
  /// Professional communities (psychologists, health workers).
  case professionalCommunity
  /// Legal communities and legal aid (LBH).
  case legalAid
  /// Civil-society organisations, foundations and social groups.
  case socialOrganisation
  /// Government bodies (social services, BLK vocational centres, rehabilitation bodies).
  case governmentBody
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .individualOrFamily: LocalizedText(id: "Perorangan dan keluarga", en: "Individual or family")
    case .concernedPerson: LocalizedText(id: "Pemerhati pemasyarakatan", en: "Person concerned with corrections")
    case .academic: LocalizedText(id: "Akademisi", en: "Academic")
    case .businessOrEconomicCommunity:
      LocalizedText(id: "Pelaku usaha dan komunitas ekonomi", en: "Business or economic community")
    case .religiousCommunity: LocalizedText(id: "Komunitas keagamaan", en: "Religious community")
    case .professionalCommunity: LocalizedText(id: "Komunitas profesi", en: "Professional community")
    case .legalAid: LocalizedText(id: "Komunitas hukum dan bantuan hukum", en: "Legal community or legal aid")
    case .socialOrganisation:
      LocalizedText(id: "Organisasi kemasyarakatan dan kelompok sosial", en: "Civil-society or social organisation")
    case .governmentBody: LocalizedText(id: "Instansi pemerintah", en: "Government body")
    }
  }
}

/// The two Pokmas Lipas focus areas (ditjenpas.go.id 2020).
public enum PartnerFocus: String, WireEnum {
  /// Kemandirian & kepribadian: work, vocational training, capital; mental, religious, psychological,
  /// health and intellectual support.
  case kemandirianKepribadian
  /// Hukum & kemasyarakatan: legal education, legal services and aid; social communities.
  case hukumKemasyarakatan
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .kemandirianKepribadian: LocalizedText(id: "Kemandirian dan kepribadian", en: "Independence and personality")
    case .hukumKemasyarakatan: LocalizedText(id: "Hukum dan kemasyarakatan", en: "Law and community")
    }
  }
}

/// Services a partner offers (ditjenpas.go.id 2020; Bapas Bengkulu partner mix).
public enum PartnerService: String, WireEnum {
  /// Job placement.
  case jobPlacement
  /// Vocational training.
  case vocationalTraining
  /// Capital and self-employment support.
  case capitalAndSelfEmployment
  /// Religious and mental guidance.
  case religiousGuidance
  /// Psychological support and counselling.
  case psychologicalSupport
  /// Health support.
  case healthSupport
  /// Intellectual support and education.
  case education
  /// Legal education.
  case legalEducation
  /// Legal services and legal aid.
  case legalAid
  /// Narcotics rehabilitation.
  case narcoticsRehabilitation
  /// Social rehabilitation.
  case socialRehabilitation
  /// Shelter and protection (e.g. for children).
  case shelter
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .jobPlacement: LocalizedText(id: "Penyaluran kerja", en: "Job placement")
    case .vocationalTraining: LocalizedText(id: "Pelatihan vokasi", en: "Vocational training")
    case .capitalAndSelfEmployment: LocalizedText(id: "Permodalan dan wirausaha", en: "Capital and self-employment")
    case .religiousGuidance: LocalizedText(id: "Bimbingan mental dan keagamaan", en: "Religious and mental guidance")
    case .psychologicalSupport: LocalizedText(id: "Dukungan psikologis", en: "Psychological support")
    case .healthSupport: LocalizedText(id: "Dukungan kesehatan", en: "Health support")
    case .education: LocalizedText(id: "Pendidikan dan intelektual", en: "Education")
    case .legalEducation: LocalizedText(id: "Penyuluhan hukum", en: "Legal education")
    case .legalAid: LocalizedText(id: "Layanan dan bantuan hukum", en: "Legal services and aid")
    case .narcoticsRehabilitation: LocalizedText(id: "Rehabilitasi narkotika", en: "Narcotics rehabilitation")
    case .socialRehabilitation: LocalizedText(id: "Rehabilitasi sosial", en: "Social rehabilitation")
    case .shelter: LocalizedText(id: "Rumah aman dan perlindungan", en: "Shelter and protection")
    }
  }
}

/// Whom a partner serves.
public enum PartnerTargetGroup: String, WireEnum {
  /// Adult clients.
  case adultClients
  /// Child clients (*klien anak*, anak berhadapan dengan hukum).
  case childClients
  /// Clients' families.
  case families
  /// Victims (e.g. of trafficking).
  case victims
  /// Orphans and children at risk.
  case childrenAtRisk
  /// The wider community.
  case community
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .adultClients: LocalizedText(id: "Klien dewasa", en: "Adult clients")
    case .childClients: LocalizedText(id: "Klien anak", en: "Child clients")
    case .families: LocalizedText(id: "Keluarga klien", en: "Clients' families")
    case .victims: LocalizedText(id: "Korban", en: "Victims")
    case .childrenAtRisk: LocalizedText(id: "Anak yatim dan anak rentan", en: "Orphans and children at risk")
    case .community: LocalizedText(id: "Masyarakat", en: "Community")
    }
  }
}

/// A cooperation agreement between a partner and a Bapas (*perjanjian kerja sama*, PKS).
///
/// JSON: `{"number": "…", "signedOn": "2023-02-01", "validFrom": "2023-02-01", "validUntil": "2026-01-31",
/// "bapasCode": "BPS-DPS"}` (`validFrom` defaults to `signedOn`; `validUntil` and `bapasCode` optional —
/// an open-ended agreement stays in force).
public struct CooperationAgreement: Sendable, Hashable, Codable {
  /// The agreement number.
  public var number: String
  /// The day it was signed.
  public var signedOn: CivilDate
  /// The first day in force (defaults to ``signedOn``).
  public var validFrom: CivilDate?
  /// The last day in force, if limited.
  public var validUntil: CivilDate?
  /// The Bapas that signed it, when the partner works with several.
  public var bapasCode: BapasCode?
  /// Creates an agreement.
  public init(
    number: String, signedOn: CivilDate, validFrom: CivilDate? = nil, validUntil: CivilDate? = nil,
    bapasCode: BapasCode? = nil
  ) {
    self.number = number
    self.signedOn = signedOn
    self.validFrom = validFrom
    self.validUntil = validUntil
    self.bapasCode = bapasCode
  }
  /// `true` when the agreement is in force on at least one day of `period` (both ends included).
  public func overlaps(_ period: CivilDateInterval) -> Bool {
    let from = validFrom ?? signedOn
    return from <= period.end && (validUntil.map { $0 >= period.start } ?? true)
  }
}

/// An activity a partner carried out with clients.
/// JSON: `{"date": "2025-03-14", "description": "…", "clients": 6, "hours": 3, "programmeID": "PRG-…"}`
/// (`clients`, `hours`, `programmeID` optional).
public struct PartnerActivity: Sendable, Hashable, Codable {
  /// The day.
  public var date: CivilDate
  /// What was done.
  public var description: String
  /// How many clients took part.
  public var clients: Int?
  /// How long it lasted, in hours.
  public var hours: Double?
  /// The programme it belongs to.
  public var programmeID: ProgrammeID?
  /// Creates an activity record.
  public init(
    date: CivilDate, description: String, clients: Int? = nil, hours: Double? = nil, programmeID: ProgrammeID? = nil
  ) {
    self.date = date
    self.description = description
    self.clients = clients
    self.hours = hours
    self.programmeID = programmeID
  }
}
