import AssessmentEngine

/// A Pembimbing Kemasyarakatan (PK) or Asisten PK: the functional officer who carries out Litmas,
/// pendampingan, pembimbingan and pengawasan of clients (UU 22/2022 Pasal 1; PermenPAN-RB 22/2016 and
/// 23/2016).
///
/// The caseload is not stored here: it is the set of ``CaseFile``s whose ``CaseFile/officerID`` is this
/// officer, so that a case can never be on two officers' lists at once (see ``CaseloadReport``).
///
/// JSON: `{"id": "198705122010121003", "name": "Dian Pertiwi", "rank": "pkAhliMadya",
/// "section": "bkd", "bapasCode": "BPS-DPS", "isHeadOfBapas": false,
/// "trainings": [{"name": "Asesmen risiko dan kebutuhan", "completedOn": "2021-08-20", "kind": "riskNeedAssessment"}],
/// "approachStyle": "suportif"}` (the last two optional).
public struct Officer: Sendable, Hashable, Codable, Identifiable {
  /// The NIP (Nomor Induk Pegawai) or other staff number.
  public var id: OfficerID
  /// The officer's name.
  public var name: String
  /// The functional rank.
  public var rank: OfficerRank
  /// BKD (adult clients) or BKA (child clients).
  public var section: BapasSection
  /// The Bapas the officer works at.
  public var bapasCode: BapasCode
  /// `true` for the head of the Bapas (*Kepala Bapas*, Kabapas), who suspends integration programmes
  /// and signs the certificate that ends guidance.
  public var isHeadOfBapas: Bool
  /// Training the officer completed (Permenkumham 12/2013: an assessor must have passed the assessment
  /// training).
  public var trainings: [OfficerTraining]
  /// The officer's approach style, as observed (seed 003 line 929: otoritatif, suportif, transformatif,
  /// birokratis); `nil` when not recorded.
  public var approachStyle: ApproachStyle?

  /// Creates an officer record.
  public init(
    id: OfficerID, name: String, rank: OfficerRank, section: BapasSection, bapasCode: BapasCode,
    isHeadOfBapas: Bool = false
  ) {
    self.id = id
    self.name = name
    self.rank = rank
    self.section = section
    self.bapasCode = bapasCode
    self.isHeadOfBapas = isHeadOfBapas
    self.trainings = []
    self.approachStyle = nil
  }

  /// Creates an officer record with training and approach style.
  public init(
    id: OfficerID, name: String, rank: OfficerRank, section: BapasSection, bapasCode: BapasCode,
    isHeadOfBapas: Bool = false,
    trainings: [OfficerTraining], approachStyle: ApproachStyle? = nil
  ) {
    self.init(id: id, name: name, rank: rank, section: section, bapasCode: bapasCode, isHeadOfBapas: isHeadOfBapas)
    self.trainings = trainings
    self.approachStyle = approachStyle
  }

  enum CodingKeys: String, CodingKey {
    case id, name, rank, section, bapasCode, isHeadOfBapas, trainings, approachStyle
  }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(OfficerID.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    rank = try c.decode(OfficerRank.self, forKey: .rank)
    section = try c.decode(BapasSection.self, forKey: .section)
    bapasCode = try c.decode(BapasCode.self, forKey: .bapasCode)
    isHeadOfBapas = try c.decodeIfPresent(Bool.self, forKey: .isHeadOfBapas) ?? false
    trainings = try c.decodeIfPresent([OfficerTraining].self, forKey: .trainings) ?? []
    approachStyle = try c.decodeIfPresent(ApproachStyle.self, forKey: .approachStyle)
  }
}

/// A training an officer completed. JSON: `{"name": "…", "completedOn": "2021-08-20",
/// "kind": "riskNeedAssessment", "provider": "BPSDM Hukum dan HAM"}` (`provider` optional).
public struct OfficerTraining: Sendable, Hashable, Codable {
  /// The training's name.
  public var name: String
  /// The last day of the training.
  public var completedOn: CivilDate
  /// Its kind, for counting.
  public var kind: TrainingKind
  /// Who gave it.
  public var provider: String?
  /// Creates a training record.
  public init(name: String, completedOn: CivilDate, kind: TrainingKind, provider: String? = nil) {
    self.name = name
    self.completedOn = completedOn
    self.kind = kind
    self.provider = provider
  }
}

/// Kinds of officer training named in the sources: the risk and need assessment training
/// (Permenkumham 12/2013; BPSDM module "Dasar-Dasar Asesmen Risiko dan Kebutuhan", `field-facts.md`
/// B4), Litmas writing, counselling and guidance techniques, and the PK functional training.
public enum TrainingKind: String, WireEnum {
  /// Risk and need assessment (RRI and criminogenic needs).
  case riskNeedAssessment
  /// Writing a Litmas.
  case litmas
  /// Counselling and guidance techniques (e.g. group guidance, assertive training).
  case counselling
  /// The PK functional (jabatan fungsional) training.
  case functional
  /// Anything else.
  case other
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .riskNeedAssessment: LocalizedText(id: "Asesmen risiko dan kebutuhan", en: "Risk and need assessment")
    case .litmas: LocalizedText(id: "Penyusunan Litmas", en: "Social inquiry reports")
    case .counselling: LocalizedText(id: "Konseling dan teknik bimbingan", en: "Counselling and guidance")
    case .functional: LocalizedText(id: "Diklat fungsional PK", en: "PK functional training")
    case .other: LocalizedText(id: "Lainnya", en: "Other")
    }
  }
}

/// The PK's approach style (seed 003 line 929: "Gaya pendekatan PK (otoritatif, suportif,
/// transformatif, atau birokratis) menentukan arah hubungan").
public enum ApproachStyle: String, WireEnum {
  /// Authoritative: control first.
  case otoritatif
  /// Supportive and persuasive.
  case suportif
  /// Transformative: aims at change in the client's thinking and life.
  case transformatif
  /// Bureaucratic: procedure first (seed 003 line 937: makes a meaningful relationship hard).
  case birokratis
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .otoritatif: LocalizedText(id: "Otoritatif", en: "Authoritative")
    case .suportif: LocalizedText(id: "Suportif", en: "Supportive")
    case .transformatif: LocalizedText(id: "Transformatif", en: "Transformative")
    case .birokratis: LocalizedText(id: "Birokratis", en: "Bureaucratic")
    }
  }
}

/// The functional rank of a PK or APK.
///
/// The expert track (*keahlian*) is PK Ahli Pertama, Muda, Madya, Utama (PermenPAN-RB 22/2016); the
/// skilled track (*keterampilan*) of Asisten PK is Terampil, Mahir, Penyelia (PermenPAN-RB 23/2016).
/// The full ladder is marked **[R]** (general knowledge, unverified) in `field-facts.md` B1; "PK Pertama",
/// "PK Muda" and "PK Madya" are confirmed as working titles in Bapas news.
public enum OfficerRank: String, WireEnum {
  /// PK Ahli Pertama.
  case pkAhliPertama
  /// PK Ahli Muda.
  case pkAhliMuda
  /// PK Ahli Madya.
  case pkAhliMadya
  /// PK Ahli Utama.
  case pkAhliUtama
  /// Asisten PK Terampil.
  case apkTerampil
  /// Asisten PK Mahir.
  case apkMahir
  /// Asisten PK Penyelia.
  case apkPenyelia
  /// Pembantu PK (support staff named in Bapas training material).
  case pembantuPK

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The career track the rank belongs to.
  public var track: OfficerTrack {
    switch self {
    case .pkAhliPertama, .pkAhliMuda, .pkAhliMadya, .pkAhliUtama: .expert
    case .apkTerampil, .apkMahir, .apkPenyelia: .skilled
    case .pembantuPK: .support
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .pkAhliPertama: LocalizedText(id: "PK Ahli Pertama", en: "Probation officer, entry grade")
    case .pkAhliMuda: LocalizedText(id: "PK Ahli Muda", en: "Probation officer, junior grade")
    case .pkAhliMadya: LocalizedText(id: "PK Ahli Madya", en: "Probation officer, senior grade")
    case .pkAhliUtama: LocalizedText(id: "PK Ahli Utama", en: "Probation officer, principal grade")
    case .apkTerampil: LocalizedText(id: "Asisten PK Terampil", en: "Assistant probation officer, skilled")
    case .apkMahir: LocalizedText(id: "Asisten PK Mahir", en: "Assistant probation officer, proficient")
    case .apkPenyelia: LocalizedText(id: "Asisten PK Penyelia", en: "Assistant probation officer, supervisor")
    case .pembantuPK: LocalizedText(id: "Pembantu PK", en: "Probation support officer")
    }
  }
}

/// The career track of an officer rank.
public enum OfficerTrack: String, WireEnum {
  /// Expert track (*jabatan fungsional keahlian*): PK Ahli.
  case expert
  /// Skilled track (*jabatan fungsional keterampilan*): Asisten PK.
  case skilled
  /// Support staff outside the functional ladders.
  case support
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .expert: LocalizedText(id: "Keahlian", en: "Expert track")
    case .skilled: LocalizedText(id: "Keterampilan", en: "Skilled track")
    case .support: LocalizedText(id: "Pendukung", en: "Support")
    }
  }
}

/// The guidance section of a Bapas (seed 002).
public enum BapasSection: String, WireEnum {
  /// Bimbingan Klien Dewasa: adult clients.
  case bkd
  /// Bimbingan Klien Anak: child clients.
  case bka
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .bkd: LocalizedText(id: "Bimbingan Klien Dewasa (BKD)", en: "Adult client guidance")
    case .bka: LocalizedText(id: "Bimbingan Klien Anak (BKA)", en: "Child client guidance")
    }
  }
}
