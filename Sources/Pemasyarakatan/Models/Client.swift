import AssessmentEngine

/// A Klien Pemasyarakatan: an adult or child under pembimbingan kemasyarakatan (UU 22/2022 Pasal 1
/// angka 8).
///
/// Whether the client is a child is **derived** from ``birthDate`` at a given date
/// (``ageCategory(on:)``), never stored, so that the record cannot contradict itself as the client grows
/// older.
///
/// JSON (keys in this order when encoded with sorted keys):
/// ```json
/// {"id": "PB-2025-0142", "name": "Made S.", "birthDate": "1994-06-30", "sex": "male",
///  "legalBasis": "pembebasanBersyarat",
///  "sentence": {"decisionNumber": "123/Pid.B/2023/PN Dps", "length": {"years": 3},
///               "countingStart": "2023-01-10", "remission": {"months": 2}, "releasedOn": "2025-01-20"},
///  "addresses": [{"address": "Jl. Gatot Subroto 5, Denpasar", "from": "2025-01-20"}],
///  "contactPersons": [{"name": "Ketut S.", "relationship": "parent", "phone": "0812…"}],
///  "education": "seniorSecondary", "employment": {"status": "informal", "occupation": "buruh", "skills": ["las"]},
///  "family": {"maritalStatus": "married", "dependants": 2, "familySupport": "supportive"},
///  "isRecidivist": false, "offence": {"article": "Pasal 362 KUHP", "category": "theft"}}
/// ```
/// The last five keys are optional (absent in files written before they existed).
public struct Client: Sendable, Hashable, Codable, Identifiable {
  /// The client register number.
  public var id: ClientID
  /// The client's name.
  public var name: String
  /// The date of birth; decides adult or child status (``ageCategory(on:)``).
  public var birthDate: CivilDate
  /// The client's sex as recorded, used for gendered norms by assessment tools.
  public var sex: Sex
  /// The legal basis of guidance (PB, CB, CMB, asimilasi, pidana bersyarat, diversi…).
  public var legalBasis: LegalBasis
  /// The sentence, when the client was sentenced to imprisonment (absent for diversi, for example).
  public var sentence: SentenceData?
  /// Addresses in the order the client lived at them.
  public var addresses: [AddressRecord]
  /// Family, guarantor (*penjamin*) and other people the PK may contact.
  public var contactPersons: [ContactPerson]
  /// The highest schooling completed (a Litmas and RNR input), if recorded.
  public var education: EducationLevel?
  /// Work and skills, if recorded.
  public var employment: EmploymentRecord?
  /// Marital status and family situation, if recorded.
  public var family: FamilySituation?
  /// `true` when the client has a previous conviction (*residivis*); `nil` when not recorded. Diversi
  /// is closed to repeat offences (UU 11/2012 Pasal 7).
  public var isRecidivist: Bool?
  /// The offence of the sentence or the proceedings, if recorded.
  public var offence: Offence?

  /// Creates a client record.
  public init(
    id: ClientID, name: String, birthDate: CivilDate, sex: Sex, legalBasis: LegalBasis,
    sentence: SentenceData? = nil, addresses: [AddressRecord] = [], contactPersons: [ContactPerson] = []
  ) {
    self.id = id
    self.name = name
    self.birthDate = birthDate
    self.sex = sex
    self.legalBasis = legalBasis
    self.sentence = sentence
    self.addresses = addresses
    self.contactPersons = contactPersons
  }

  /// Creates a client record with the Litmas background fields.
  public init(
    id: ClientID, name: String, birthDate: CivilDate, sex: Sex, legalBasis: LegalBasis,
    sentence: SentenceData? = nil, addresses: [AddressRecord] = [], contactPersons: [ContactPerson] = [],
    education: EducationLevel?, employment: EmploymentRecord? = nil, family: FamilySituation? = nil,
    isRecidivist: Bool? = nil, offence: Offence? = nil
  ) {
    self.init(
      id: id, name: name, birthDate: birthDate, sex: sex, legalBasis: legalBasis, sentence: sentence,
      addresses: addresses, contactPersons: contactPersons)
    self.education = education
    self.employment = employment
    self.family = family
    self.isRecidivist = isRecidivist
    self.offence = offence
  }

  /// Completed years of age on `date`.
  public func age(on date: CivilDate) -> Int { birthDate.completedYears(on: date) }

  /// Child (*anak*, 12 to under 18) or adult on `date` (UU 22/2022 Pasal 1 angka 5; UU 11/2012 Pasal 1
  /// angka 3). Under 12 is also reported as ``AgeCategory/child``: such children are handled by the
  /// Litmas "anak usia di bawah 12 tahun" and never as adults.
  public func ageCategory(on date: CivilDate) -> AgeCategory {
    age(on: date) >= 18 ? .adult : .child
  }

  /// The address the client lived at on `date`, if any.
  public func address(on date: CivilDate) -> AddressRecord? {
    addresses.last { $0.from <= date }
  }

  enum CodingKeys: String, CodingKey {
    case id, name, birthDate, sex, legalBasis, sentence, addresses, contactPersons
    case education, employment, family, isRecidivist, offence
  }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(ClientID.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    birthDate = try c.decode(CivilDate.self, forKey: .birthDate)
    sex = try c.decode(Sex.self, forKey: .sex)
    legalBasis = try c.decode(LegalBasis.self, forKey: .legalBasis)
    sentence = try c.decodeIfPresent(SentenceData.self, forKey: .sentence)
    addresses = try c.decodeIfPresent([AddressRecord].self, forKey: .addresses) ?? []
    contactPersons = try c.decodeIfPresent([ContactPerson].self, forKey: .contactPersons) ?? []
    education = try c.decodeIfPresent(EducationLevel.self, forKey: .education)
    employment = try c.decodeIfPresent(EmploymentRecord.self, forKey: .employment)
    family = try c.decodeIfPresent(FamilySituation.self, forKey: .family)
    isRecidivist = try c.decodeIfPresent(Bool.self, forKey: .isRecidivist)
    offence = try c.decodeIfPresent(Offence.self, forKey: .offence)
  }
}

/// Adult or child status at a date.
///
/// The domain's name for the engine's `AgeGroup`: the same two values with the same wire names
/// (`adult`, `child`). The one mapping between them is ``ageGroup`` and ``init(_:)``; the domain derives
/// the category from the birth date (``Client/ageCategory(on:)``), the engine takes it as given.
public enum AgeCategory: String, WireEnum {
  /// Aged 18 or more: *klien dewasa*.
  case adult
  /// Under 18: *klien anak* (UU 11/2012).
  case child
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .adult: LocalizedText(id: "Dewasa", en: "Adult")
    case .child: LocalizedText(id: "Anak", en: "Child")
    }
  }
  /// The engine's `AgeGroup` for this category.
  public var ageGroup: AgeGroup { self == .adult ? .adult : .child }
  /// The category for the engine's `AgeGroup`.
  public init(_ group: AgeGroup) { self = group == .adult ? .adult : .child }
}

/// Sex as recorded in the register.
///
/// The domain's name for the engine's `Gender` (used to choose gendered cut-off tables): the same two
/// values with the same wire names (`male`, `female`). The one mapping between them is ``gender`` and
/// ``init(_:)``.
public enum Sex: String, WireEnum {
  /// Laki-laki.
  case male
  /// Perempuan.
  case female
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .male: LocalizedText(id: "Laki-laki", en: "Male")
    case .female: LocalizedText(id: "Perempuan", en: "Female")
    }
  }
  /// The engine's `Gender` for this sex.
  public var gender: Gender { self == .male ? .male : .female }
  /// The sex for the engine's `Gender`.
  public init(_ gender: Gender) { self = gender == .male ? .male : .female }
}

/// The legal basis on which a client is under Bapas guidance.
///
/// Sources: UU 12/1995 Pasal 42 and PP 31/1999 Pasal 35 (old categories); Bapas Surabaya's service
/// list (CB, asimilasi incl. at home, pidana bersyarat); KUHP 2023 Pasal 75–76 (adult pidana
/// pengawasan); UU 11/2012 (SPPA) for children's sanctions and diversi. See `field-facts.md` B1–B2.
public enum LegalBasis: String, WireEnum {
  /// Pembebasan bersyarat (PB, parole).
  case pembebasanBersyarat
  /// Cuti bersyarat (CB, conditional leave).
  case cutiBersyarat
  /// Cuti menjelang bebas (CMB, leave before release).
  case cutiMenjelangBebas
  /// Asimilasi in the community.
  case asimilasi
  /// Asimilasi di rumah (home assimilation, COVID-19 era, Permenkumham 10/2020 → 43/2021).
  case asimilasiDiRumah
  /// Pidana bersyarat (adult conditional sentence, old KUHP Pasal 14a).
  case pidanaBersyarat
  /// Pidana pengawasan for adults (KUHP 2023 Pasal 75–76).
  case pidanaPengawasan
  /// Anak: pidana dengan syarat (UU 11/2012) — pembinaan di luar lembaga, pelayanan masyarakat or
  /// pengawasan.
  case anakPidanaDenganSyarat
  /// Anak under a diversi agreement (UU 11/2012 Pasal 6–15).
  case diversi
  /// Anak returned by court order to parents or guardian.
  case anakDikembalikanKeOrangTua
  /// Anak handed by court decision to foster parents or a social body.
  case anakDiserahkanPutusanPengadilan
  /// Anak handed by ministerial decision to foster parents or a social body.
  case anakDiserahkanKeputusanMenteri
  /// A suspect or defendant, adult or child, in the criminal process (pre-adjudication or trial), for
  /// whom the Bapas writes a Litmas and whom the PK accompanies (UU 22/2022 Pasal 1 angka 8 and Pasal
  /// 56: Klien inside the criminal process; `field-facts.md` B1).
  ///
  /// *Pendampingan* itself is not a legal basis: it is one of the four Bapas functions (seed 001 line
  /// 37; seed 003 lines 673–685; seed 004 line 24), recorded as a ``ContactPurpose/pendampingan``
  /// contact for any client. Files that wrote the retired basis `"pendampingan"` decode to this case.
  case prosesPeradilanPidana

  /// Decodes a wire name, with a typed error for unknown values. The retired name `"pendampingan"`
  /// decodes as ``prosesPeradilanPidana``.
  public init(from decoder: any Decoder) throws {
    if let raw = try? decoder.singleValueContainer().decode(String.self), raw == "pendampingan" {
      self = .prosesPeradilanPidana
      return
    }
    self = try Self.decodeWire(from: decoder)
  }

  /// Which clients the basis applies to: adults only, children only, or both.
  public var appliesTo: Set<AgeCategory> {
    switch self {
    case .pidanaBersyarat, .pidanaPengawasan: [.adult]
    case .anakPidanaDenganSyarat, .diversi, .anakDikembalikanKeOrangTua, .anakDiserahkanPutusanPengadilan,
      .anakDiserahkanKeputusanMenteri:
      [.child]
    case .pembebasanBersyarat, .cutiBersyarat, .cutiMenjelangBebas, .asimilasi, .asimilasiDiRumah,
      .prosesPeradilanPidana:
      [.adult, .child]
    }
  }

  /// `true` for the integration programmes (PB, CB, CMB, asimilasi) whose revocation follows the
  /// Permenkumham 3/2018 workflow (``RevocationProceeding``).
  public var isIntegrationProgramme: Bool {
    switch self {
    case .pembebasanBersyarat, .cutiBersyarat, .cutiMenjelangBebas, .asimilasi, .asimilasiDiRumah: true
    default: false
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .pembebasanBersyarat: LocalizedText(id: "Pembebasan Bersyarat (PB)", en: "Parole")
    case .cutiBersyarat: LocalizedText(id: "Cuti Bersyarat (CB)", en: "Conditional leave")
    case .cutiMenjelangBebas: LocalizedText(id: "Cuti Menjelang Bebas (CMB)", en: "Leave before release")
    case .asimilasi: LocalizedText(id: "Asimilasi", en: "Assimilation")
    case .asimilasiDiRumah: LocalizedText(id: "Asimilasi di rumah", en: "Home assimilation")
    case .pidanaBersyarat: LocalizedText(id: "Pidana bersyarat", en: "Conditional sentence")
    case .pidanaPengawasan: LocalizedText(id: "Pidana pengawasan", en: "Supervision sentence")
    case .anakPidanaDenganSyarat: LocalizedText(id: "Pidana dengan syarat (anak)", en: "Conditional sentence (child)")
    case .diversi: LocalizedText(id: "Diversi", en: "Diversion")
    case .anakDikembalikanKeOrangTua:
      LocalizedText(id: "Dikembalikan kepada orang tua/wali", en: "Returned to parents or guardian")
    case .anakDiserahkanPutusanPengadilan:
      LocalizedText(
        id: "Diserahkan kepada orang tua asuh/badan sosial (putusan pengadilan)",
        en: "Placed with foster parents or a social body (court decision)")
    case .anakDiserahkanKeputusanMenteri:
      LocalizedText(
        id: "Diserahkan kepada orang tua asuh/badan sosial (keputusan menteri)",
        en: "Placed with foster parents or a social body (ministerial decision)")
    case .prosesPeradilanPidana: LocalizedText(id: "Dalam proses peradilan pidana", en: "In criminal proceedings")
    }
  }
}

/// The sentence of imprisonment behind an integration programme.
///
/// JSON: `{"decisionNumber": "…", "length": {"years": 3}, "countingStart": "2023-01-10",
/// "remission": {"months": 2}, "releasedOn": "2025-01-20"}` (`remission` and `releasedOn` optional).
public struct SentenceData: Sendable, Hashable, Codable {
  /// The court decision number (*nomor putusan*).
  public var decisionNumber: String
  /// The length of the sentence as written in the decision.
  public var length: CivilDuration
  /// The date time served is counted from: the first day of detention (*tanggal penahanan*), which
  /// includes pre-trial detention.
  public var countingStart: CivilDate
  /// Total remission (*remisi*) granted so far.
  public var remission: CivilDuration
  /// The day the client left the Lapas/Rutan to start the integration programme, if released.
  public var releasedOn: CivilDate?

  /// Creates sentence data.
  public init(
    decisionNumber: String, length: CivilDuration, countingStart: CivilDate, remission: CivilDuration = CivilDuration(),
    releasedOn: CivilDate? = nil
  ) {
    self.decisionNumber = decisionNumber
    self.length = length
    self.countingStart = countingStart
    self.remission = remission
    self.releasedOn = releasedOn
  }

  /// The sentence as a ``SentenceTerm`` for the legal calendar.
  public var term: SentenceTerm { SentenceTerm(countingStart: countingStart, length: length, remission: remission) }

  enum CodingKeys: String, CodingKey { case decisionNumber, length, countingStart, remission, releasedOn }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    decisionNumber = try c.decode(String.self, forKey: .decisionNumber)
    length = try c.decode(CivilDuration.self, forKey: .length)
    countingStart = try c.decode(CivilDate.self, forKey: .countingStart)
    remission = try c.decodeIfPresent(CivilDuration.self, forKey: .remission) ?? CivilDuration()
    releasedOn = try c.decodeIfPresent(CivilDate.self, forKey: .releasedOn)
  }
}

/// One address in a client's history.
///
/// JSON: `{"address": "…", "from": "2025-05-02", "reportedOn": "2025-04-28"}`; `reportedOn` is the day
/// the client told the Bapas, absent when the client never did (a ground for revocation,
/// Permenkumham 3/2018 via Kanwil service standards, see ``ComplianceFlagKind/unreportedAddressChange``).
public struct AddressRecord: Sendable, Hashable, Codable {
  /// The address text.
  public var address: String
  /// The first day the client lived there.
  public var from: CivilDate
  /// The day the change was reported to the Bapas, if it was.
  public var reportedOn: CivilDate?
  /// Creates an address record.
  public init(address: String, from: CivilDate, reportedOn: CivilDate? = nil) {
    self.address = address
    self.from = from
    self.reportedOn = reportedOn
  }
}

/// A person the PK may contact about the client (family, guarantor, employer).
///
/// JSON: `{"name": "…", "relationship": "guarantor", "phone": "…"}` (`phone` optional).
public struct ContactPerson: Sendable, Hashable, Codable {
  /// The person's name.
  public var name: String
  /// How the person relates to the client.
  public var relationship: ContactRelationship
  /// A phone number, if known.
  public var phone: String?
  /// Creates a contact person.
  public init(name: String, relationship: ContactRelationship, phone: String? = nil) {
    self.name = name
    self.relationship = relationship
    self.phone = phone
  }
}

/// How a contact person relates to the client.
public enum ContactRelationship: String, WireEnum {
  /// Parent.
  case parent
  /// Spouse.
  case spouse
  /// Sibling.
  case sibling
  /// Other relative.
  case relative
  /// Guarantor (*penjamin*) named in the integration file.
  case guarantor
  /// Guardian (*wali*) of a child.
  case guardian
  /// Employer.
  case employer
  /// Community or religious leader.
  case communityLeader
  /// Anyone else.
  case other
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .parent: LocalizedText(id: "Orang tua", en: "Parent")
    case .spouse: LocalizedText(id: "Suami/istri", en: "Spouse")
    case .sibling: LocalizedText(id: "Saudara kandung", en: "Sibling")
    case .relative: LocalizedText(id: "Kerabat", en: "Relative")
    case .guarantor: LocalizedText(id: "Penjamin", en: "Guarantor")
    case .guardian: LocalizedText(id: "Wali", en: "Guardian")
    case .employer: LocalizedText(id: "Pemberi kerja", en: "Employer")
    case .communityLeader: LocalizedText(id: "Tokoh masyarakat", en: "Community leader")
    case .other: LocalizedText(id: "Lainnya", en: "Other")
    }
  }
}
