import AssessmentEngine

// The Litmas and risk–need inputs about a client that seeds 001, 003 and 004 list: education, work and
// skills, marital and family situation, previous offences, the offence itself. Every field is optional
// on a ``Client``, so files written before they existed still read.

/// The highest level of schooling completed.
public enum EducationLevel: String, WireEnum {
  /// No schooling, or primary school not completed.
  case none
  /// Sekolah dasar (SD) or equivalent.
  case primary
  /// Sekolah menengah pertama (SMP) or equivalent.
  case juniorSecondary
  /// Sekolah menengah atas or kejuruan (SMA/SMK) or equivalent.
  case seniorSecondary
  /// Diploma (D1–D4).
  case diploma
  /// Sarjana (S1) or higher.
  case university
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .none: LocalizedText(id: "Tidak/belum tamat SD", en: "None or primary not completed")
    case .primary: LocalizedText(id: "SD/sederajat", en: "Primary")
    case .juniorSecondary: LocalizedText(id: "SMP/sederajat", en: "Junior secondary")
    case .seniorSecondary: LocalizedText(id: "SMA/SMK/sederajat", en: "Senior secondary")
    case .diploma: LocalizedText(id: "Diploma", en: "Diploma")
    case .university: LocalizedText(id: "Sarjana atau lebih", en: "University")
    }
  }
}

/// Whether and how the client works.
public enum EmploymentStatus: String, WireEnum {
  /// Employed by someone else.
  case employed
  /// Self-employed or running a small business.
  case selfEmployed
  /// Casual or informal work (*serabutan*).
  case informal
  /// Not working.
  case unemployed
  /// At school or in training.
  case student
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .employed: LocalizedText(id: "Bekerja", en: "Employed")
    case .selfEmployed: LocalizedText(id: "Wiraswasta", en: "Self-employed")
    case .informal: LocalizedText(id: "Pekerja lepas/serabutan", en: "Casual work")
    case .unemployed: LocalizedText(id: "Tidak bekerja", en: "Unemployed")
    case .student: LocalizedText(id: "Pelajar/peserta pelatihan", en: "Student")
    }
  }
}

/// Work and skills, which decide working hours (a responsivity factor, seed 001) and the kemandirian
/// programme. JSON: `{"status": "informal", "occupation": "buruh bangunan", "skills": ["las"]}`.
public struct EmploymentRecord: Sendable, Hashable, Codable {
  /// Whether and how the client works.
  public var status: EmploymentStatus
  /// The occupation in the PK's words.
  public var occupation: String?
  /// Work skills (*keterampilan*).
  public var skills: [String]
  /// Creates a record.
  public init(status: EmploymentStatus, occupation: String? = nil, skills: [String] = []) {
    self.status = status
    self.occupation = occupation
    self.skills = skills
  }
  enum CodingKeys: String, CodingKey { case status, occupation, skills }
  /// Decodes the documented JSON form; `skills` may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    status = try c.decode(EmploymentStatus.self, forKey: .status)
    occupation = try c.decodeIfPresent(String.self, forKey: .occupation)
    skills = try c.decodeIfPresent([String].self, forKey: .skills) ?? []
  }
}

/// Marital status as in the population register.
public enum MaritalStatus: String, WireEnum {
  /// Belum kawin.
  case single
  /// Kawin.
  case married
  /// Cerai hidup.
  case divorced
  /// Cerai mati.
  case widowed
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .single: LocalizedText(id: "Belum kawin", en: "Single")
    case .married: LocalizedText(id: "Kawin", en: "Married")
    case .divorced: LocalizedText(id: "Cerai hidup", en: "Divorced")
    case .widowed: LocalizedText(id: "Cerai mati", en: "Widowed")
    }
  }
}

/// The family situation the Litmas describes (family support and indifference are named by seeds 003
/// and 004). JSON: `{"maritalStatus": "married", "dependants": 2, "livesWith": "istri dan anak",
/// "familySupport": "supportive"}` (all optional).
public struct FamilySituation: Sendable, Hashable, Codable {
  /// Marital status.
  public var maritalStatus: MaritalStatus?
  /// People who depend on the client.
  public var dependants: Int?
  /// Who the client lives with, in the PK's words.
  public var livesWith: String?
  /// How the family stands towards the client.
  public var familySupport: FamilySupport?
  /// Creates a family record.
  public init(
    maritalStatus: MaritalStatus? = nil, dependants: Int? = nil, livesWith: String? = nil,
    familySupport: FamilySupport? = nil
  ) {
    self.maritalStatus = maritalStatus
    self.dependants = dependants
    self.livesWith = livesWith
    self.familySupport = familySupport
  }
}

/// How the family stands towards the client (seed 004: family support is the key to reintegration;
/// seed 003: family indifference weakens the relationship).
public enum FamilySupport: String, WireEnum {
  /// The family supports the client's return.
  case supportive
  /// The family is indifferent.
  case indifferent
  /// The family rejects the client.
  case rejecting
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .supportive: LocalizedText(id: "Mendukung", en: "Supportive")
    case .indifferent: LocalizedText(id: "Acuh tak acuh", en: "Indifferent")
    case .rejecting: LocalizedText(id: "Menolak", en: "Rejecting")
    }
  }
}

/// The offence of the sentence or proceedings: the article and a category for reports.
/// JSON: `{"article": "Pasal 362 KUHP", "category": "theft"}`.
public struct Offence: Sendable, Hashable, Codable {
  /// The article(s) as written in the decision, e.g. "Pasal 114 ayat (1) UU 35/2009".
  public var article: String
  /// The category, for counting.
  public var category: OffenceCategory
  /// Creates an offence record.
  public init(article: String, category: OffenceCategory) {
    self.article = article
    self.category = category
  }
}

/// Offence categories for reports. The first four follow the offences PP 99/2012 and the COVID-era
/// asimilasi rules treat apart (narcotics, corruption, terrorism, transnational; `field-facts.md` B2);
/// the rest are common categories of the general criminal code.
public enum OffenceCategory: String, WireEnum {
  /// Narcotics (UU 35/2009).
  case narcotics
  /// Corruption.
  case corruption
  /// Terrorism.
  case terrorism
  /// Transnational organised crime (e.g. trafficking).
  case transnational
  /// Theft and other property offences.
  case theft
  /// Fraud and embezzlement.
  case fraud
  /// Violence against the person.
  case violence
  /// Sexual offences.
  case sexual
  /// Traffic offences.
  case traffic
  /// Anything else.
  case other
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .narcotics: LocalizedText(id: "Narkotika", en: "Narcotics")
    case .corruption: LocalizedText(id: "Korupsi", en: "Corruption")
    case .terrorism: LocalizedText(id: "Terorisme", en: "Terrorism")
    case .transnational: LocalizedText(id: "Kejahatan transnasional", en: "Transnational crime")
    case .theft: LocalizedText(id: "Pencurian dan kejahatan harta benda", en: "Theft and property")
    case .fraud: LocalizedText(id: "Penipuan dan penggelapan", en: "Fraud and embezzlement")
    case .violence: LocalizedText(id: "Kekerasan terhadap orang", en: "Violence")
    case .sexual: LocalizedText(id: "Kejahatan seksual", en: "Sexual offences")
    case .traffic: LocalizedText(id: "Lalu lintas", en: "Traffic")
    case .other: LocalizedText(id: "Lainnya", en: "Other")
    }
  }
}
