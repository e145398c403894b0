import AssessmentEngine

/// One contact between a PK and a client: a wajib-lapor visit, a guidance session, a home visit…
///
/// Modalities from seed 001 (office visit, home visit, video call, mobile counselling every second
/// Saturday) and seed 004 (group sessions); the relationship phase from seed 003.
///
/// JSON: `{"id": "C-17", "date": "2025-04-07", "officerID": "1987…", "modality": "officeVisit",
/// "purpose": "wajibLapor", "attendance": "excused", "excuseReason": "sakit", "notes": "…",
/// "relationshipPhase": "cooperative"}` (`excuseReason`, `notes`, `relationshipPhase` optional; an
/// excused contact must carry a reason, see ``CaseFileError/Reason/excusedWithoutReason``).
public struct Contact: Sendable, Hashable, Codable, Identifiable {
  /// The contact id.
  public var id: ContactID
  /// The date of the contact (or of the appointment that was missed).
  public var date: CivilDate
  /// The PK who held or scheduled it.
  public var officerID: OfficerID
  /// How the contact took place.
  public var modality: ContactModality
  /// Why it took place.
  public var purpose: ContactPurpose
  /// Attended, missed or excused.
  public var attendance: AttendanceStatus
  /// The reason accepted for an excused absence.
  public var excuseReason: String?
  /// The PK's notes.
  public var notes: String?
  /// The relationship phase the PK observed, if recorded (seed 003).
  public var relationshipPhase: RelationshipPhase?

  /// Creates a contact record.
  public init(
    id: ContactID, date: CivilDate, officerID: OfficerID, modality: ContactModality, purpose: ContactPurpose,
    attendance: AttendanceStatus, excuseReason: String? = nil, notes: String? = nil,
    relationshipPhase: RelationshipPhase? = nil
  ) {
    self.id = id
    self.date = date
    self.officerID = officerID
    self.modality = modality
    self.purpose = purpose
    self.attendance = attendance
    self.excuseReason = excuseReason
    self.notes = notes
    self.relationshipPhase = relationshipPhase
  }
}

/// How a contact took place (seed 001; seed 004 for group sessions).
public enum ContactModality: String, WireEnum {
  /// The client comes to the Bapas or Pos Bapas office.
  case officeVisit
  /// The PK visits the client's home (*home visit / kunjungan rumah*).
  case homeVisit
  /// Video call, started during COVID-19 for clients held back by distance or cost.
  case videoCall
  /// Mobile counselling (*konseling keliling*) in a kelurahan.
  case mobileCounselling
  /// A group session.
  case groupSession
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .officeVisit: LocalizedText(id: "Datang ke kantor", en: "Office visit")
    case .homeVisit: LocalizedText(id: "Kunjungan rumah", en: "Home visit")
    case .videoCall: LocalizedText(id: "Panggilan video", en: "Video call")
    case .mobileCounselling: LocalizedText(id: "Konseling keliling", en: "Mobile counselling")
    case .groupSession: LocalizedText(id: "Sesi kelompok", en: "Group session")
    }
  }
}

/// Why a contact took place. Each purpose serves one of the four Bapas functions (``function``).
public enum ContactPurpose: String, WireEnum {
  /// Wajib lapor (*apel*): the client's duty to report, at least monthly.
  case wajibLapor
  /// Guidance (*pembimbingan*).
  case guidance
  /// An interview for a Litmas.
  case litmasInterview
  /// Supervision (*pengawasan*), e.g. checking conditions.
  case supervision
  /// Accompaniment (*pendampingan*): the PK accompanies the client — at a police examination, a
  /// diversi deliberation, a hearing, or a parolee at a meeting with the family, an employer or the
  /// community. Recordable for any client, whatever the legal basis (seed 001 line 37; seed 003 lines
  /// 673–685; seed 004 line 24; UU 22/2022 Pasal 15 and 56).
  case pendampingan
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The Bapas function the contact serves.
  public var function: BapasFunction {
    switch self {
    case .wajibLapor, .supervision: .pengawasan
    case .guidance: .pembimbingan
    case .litmasInterview: .penelitianKemasyarakatan
    case .pendampingan: .pendampingan
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .wajibLapor: LocalizedText(id: "Wajib lapor", en: "Mandatory reporting")
    case .guidance: LocalizedText(id: "Pembimbingan", en: "Guidance")
    case .litmasInterview: LocalizedText(id: "Wawancara Litmas", en: "Social inquiry interview")
    case .supervision: LocalizedText(id: "Pengawasan", en: "Supervision")
    case .pendampingan: LocalizedText(id: "Pendampingan", en: "Accompaniment")
    }
  }
}

/// The four functions of a Bapas, all carried out by the PK, inside and outside the criminal process:
/// seed 001 line 37 ("pembuatan penelitian kemasyarakatan …, pendampingan, pembimbingan, serta
/// pengawasan klien, di dalam proses pidana maupun di luar proses pidana"); seed 003 lines 673–685
/// (Permenkumham 35/2018 Pasal 1 angka 10: "Empat domain inilah yang menjadi fungsi utama dari
/// Bapas"); seed 004 line 24; UU 22/2022 Pasal 1.
public enum BapasFunction: String, WireEnum {
  /// Penelitian kemasyarakatan (Litmas): social inquiry reports.
  case penelitianKemasyarakatan
  /// Pendampingan: accompanying the client through and outside the criminal process.
  case pendampingan
  /// Pembimbingan: guidance.
  case pembimbingan
  /// Pengawasan: supervision of conditions and programme.
  case pengawasan
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .penelitianKemasyarakatan:
      LocalizedText(id: "Penelitian kemasyarakatan (Litmas)", en: "Social inquiry (Litmas)")
    case .pendampingan: LocalizedText(id: "Pendampingan", en: "Accompaniment")
    case .pembimbingan: LocalizedText(id: "Pembimbingan", en: "Guidance")
    case .pengawasan: LocalizedText(id: "Pengawasan", en: "Supervision")
    }
  }
}

/// The phase of the PK–client relationship as observed by the PK (seed 003: the relationship is
/// asymmetric but adaptive and moves between these phases).
public enum RelationshipPhase: String, WireEnum {
  /// Cooperative (*kooperatif*).
  case cooperative
  /// Passive or apathetic (*pasif/apatis*): "only present".
  case passiveApathetic
  /// Confrontational (*konfrontatif*).
  case confrontational
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .cooperative: LocalizedText(id: "Kooperatif", en: "Cooperative")
    case .passiveApathetic: LocalizedText(id: "Pasif/apatis", en: "Passive or apathetic")
    case .confrontational: LocalizedText(id: "Konfrontatif", en: "Confrontational")
    }
  }
}

/// One recorded observation of the relationship phase, for tracking the PK–client relationship over time.
///
/// JSON: `{"date": "2025-04-23", "phase": "passiveApathetic", "contactID": "WL-3"}`.
public struct PhaseObservation: Sendable, Hashable, Codable {
  /// The day of the contact.
  public var date: CivilDate
  /// The phase observed.
  public var phase: RelationshipPhase
  /// The contact it was recorded at.
  public var contactID: ContactID
  /// Creates an observation.
  public init(date: CivilDate, phase: RelationshipPhase, contactID: ContactID) {
    self.date = date
    self.phase = phase
    self.contactID = contactID
  }
}

extension Sequence where Element == Contact {
  /// The relationship phases recorded at these contacts, in date order (ties keep their input order);
  /// contacts without a phase are skipped.
  ///
  /// - Complexity: O(*n* log *n*) for *n* contacts.
  public var relationshipTimeline: [PhaseObservation] {
    enumerated().compactMap { (i, c) in
      c.relationshipPhase.map { (i, PhaseObservation(date: c.date, phase: $0, contactID: c.id)) }
    }
    .sorted { ($0.1.date, $0.0) < ($1.1.date, $1.0) }.map(\.1)
  }
}
