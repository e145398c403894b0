import AssessmentEngine

/// The five steps of assertive training after Joyce & Weil, as a Bapas group-guidance programme
/// applies them (seed 000: Rizkidawati 2021, "Pengoptimalan Bimbingan Kelompok dengan Teknik
/// Assertive Training terhadap Kompetensi Interpersonal Klien Pemasyarakatan", *NUSANTARA: Jurnal
/// Ilmu Pengetahuan Sosial* 8(1), 97–102, citing Joyce & Weil's *Models of Teaching*).
///
/// A client's target behaviour moves through the steps in order; see ``StepTracker``. JSON: the
/// case name, e.g. `"rolePlay"`.
public enum AssertiveTrainingStep: String, WireEnum, Comparable {
  /// 1 — *Mengidentifikasi perilaku target*: name the behaviour to train.
  case identifyTarget
  /// 2 — *Menetapkan prioritas untuk situasi dan perilaku*: rank the situations and the behaviours to
  /// practise (seed 000 line 83).
  case setPriorities
  /// 3 — *Memerankan situasi*: role-play the situation in the group, rated by the PK.
  case rolePlay
  /// 4 — *Pengulangan*: repeat the rehearsal until it is fluent.
  case repetition
  /// 5 — *Memindahkan pada situasi nyata*: try the behaviour in a real situation.
  case transfer

  /// Decodes the case name; an unknown name is reported with the allowed ones.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The step's number, 1…5.
  public var number: Int {
    switch self {
    case .identifyTarget: 1
    case .setPriorities: 2
    case .rolePlay: 3
    case .repetition: 4
    case .transfer: 5
    }
  }

  /// The step after this one, or `nil` after the fifth.
  public var next: AssertiveTrainingStep? {
    switch self {
    case .identifyTarget: .setPriorities
    case .setPriorities: .rolePlay
    case .rolePlay: .repetition
    case .repetition: .transfer
    case .transfer: nil
    }
  }

  /// Orders the steps by number.
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }

  /// The display name (the seed's Indonesian wording and an English equivalent).
  public var label: LocalizedText {
    switch self {
    case .identifyTarget: LocalizedText(id: "Mengidentifikasi perilaku target", en: "Identify the target behaviour")
    case .setPriorities:
      LocalizedText(
        id: "Menetapkan prioritas situasi dan perilaku", en: "Set priorities among situations and behaviours")
    case .rolePlay: LocalizedText(id: "Memerankan situasi", en: "Role-play the situation")
    case .repetition: LocalizedText(id: "Pengulangan", en: "Repetition")
    case .transfer: LocalizedText(id: "Memindahkan pada situasi nyata", en: "Transfer to real situations")
    }
  }
}

/// The five domains of interpersonal competence of the Interpersonal Competence Questionnaire
/// (Buhrmester, Furman, Wittenberg & Reis 1988, *JPSP* 55(6), 991–1008), to which each target
/// behaviour is tied. ``icqScaleID`` names the matching scale of the built-in `icq` definition.
public enum InterpersonalDomain: String, WireEnum {
  /// Initiating interactions and relationships.
  case initiation
  /// Asserting displeasure with others' actions (negative assertion).
  case negativeAssertion
  /// Disclosing personal information.
  case disclosure
  /// Providing emotional support and advice.
  case emotionalSupport
  /// Managing interpersonal conflicts.
  case conflictManagement

  /// Decodes the case name; an unknown name is reported with the allowed ones.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The id of the matching scale in the built-in ICQ definition.
  public var icqScaleID: String {
    switch self {
    case .initiation: "Initiation"
    case .negativeAssertion: "NegativeAssertion"
    case .disclosure: "Disclosure"
    case .emotionalSupport: "EmotionalSupport"
    case .conflictManagement: "ConflictManagement"
    }
  }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .initiation: LocalizedText(id: "Inisiasi hubungan", en: "Initiation")
    case .negativeAssertion: LocalizedText(id: "Asertivitas negatif", en: "Negative assertion")
    case .disclosure: LocalizedText(id: "Keterbukaan diri", en: "Disclosure")
    case .emotionalSupport: LocalizedText(id: "Dukungan emosional", en: "Emotional support")
    case .conflictManagement: LocalizedText(id: "Pengelolaan konflik", en: "Conflict management")
    }
  }
}

/// How a real-situation attempt (step 5) went, as the PK records it with the client.
public enum AttemptOutcome: String, WireEnum {
  /// The client showed the target behaviour as rehearsed.
  case success
  /// Partly: the client started but did not carry it through.
  case partial
  /// Not yet: the client avoided the situation or fell back on the old behaviour.
  case unsuccessful

  /// Decodes the case name; an unknown name is reported with the allowed ones.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .success: LocalizedText(id: "Berhasil", en: "Successful")
    case .partial: LocalizedText(id: "Berhasil sebagian", en: "Partly successful")
    case .unsuccessful: LocalizedText(id: "Belum berhasil", en: "Not yet successful")
    }
  }
}

/// The five observable signs of interpersonal competence that seed 000 names as the success of
/// assertive training, rated by the PK as a checklist.
public enum ObservableOutcome: String, WireEnum {
  /// *Berinteraksi sosial yang lebih baik di tengah masyarakat.*
  case interactsInCommunity
  /// *Berani mengungkapkan pendapat dan perasaannya.*
  case expressesOpinionsAndFeelings
  /// *Berani tampil di depan orang untuk bersosialisasi.*
  case appearsBeforeOthers
  /// *Dapat menanggapi pendapat orang lain dengan baik.*
  case respondsWellToOthers
  /// *Mampu saling menyemangati satu sama lain.*
  case encouragesOthers

  /// Decodes the case name; an unknown name is reported with the allowed ones.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .interactsInCommunity:
      LocalizedText(id: "Berinteraksi lebih baik di masyarakat", en: "Interacts better in the community")
    case .expressesOpinionsAndFeelings:
      LocalizedText(id: "Berani mengungkapkan pendapat dan perasaan", en: "Dares to voice opinions and feelings")
    case .appearsBeforeOthers:
      LocalizedText(id: "Berani tampil di depan orang lain", en: "Dares to appear before others")
    case .respondsWellToOthers:
      LocalizedText(id: "Menanggapi pendapat orang lain dengan baik", en: "Responds well to others' opinions")
    case .encouragesOthers: LocalizedText(id: "Saling menyemangati", en: "Encourages others")
    }
  }
}

/// When an outcome measure or checklist was taken.
public enum OutcomeOccasion: String, WireEnum {
  /// Before the programme (*awal*).
  case baseline
  /// After the programme (*akhir program*).
  case post
  /// At follow-up (*tindak lanjut*).
  case followUp

  /// Decodes the case name; an unknown name is reported with the allowed ones.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .baseline: LocalizedText(id: "Awal", en: "Baseline")
    case .post: LocalizedText(id: "Akhir program", en: "After the programme")
    case .followUp: LocalizedText(id: "Tindak lanjut", en: "Follow-up")
    }
  }
}
