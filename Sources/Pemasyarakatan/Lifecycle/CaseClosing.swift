import AssessmentEngine

/// A session held before the client's guidance ends, to prepare the return (seed 004 lines 66–68:
/// *bimbingan pemantapan* for the client, guidance for the family, and *penyuluhan sosial* in the
/// client's neighbourhood).
///
/// JSON: `{"date": "2026-11-02", "kind": "family", "officerID": "1987…", "participants": 3, "notes": "…"}`
/// (`participants`, `notes` optional).
public struct PreReleaseSession: Sendable, Hashable, Codable {
  /// The day.
  public var date: CivilDate
  /// With whom.
  public var kind: PreReleaseSessionKind
  /// The PK who held it.
  public var officerID: OfficerID
  /// How many people took part.
  public var participants: Int?
  /// The PK's notes.
  public var notes: String?
  /// Creates a session record.
  public init(
    date: CivilDate, kind: PreReleaseSessionKind, officerID: OfficerID, participants: Int? = nil, notes: String? = nil
  ) {
    self.date = date
    self.kind = kind
    self.officerID = officerID
    self.participants = participants
    self.notes = notes
  }
}

/// The three kinds of preparation seed 004 (lines 66–68) lists before the client's return.
public enum PreReleaseSessionKind: String, WireEnum {
  /// *Bimbingan pemantapan*: consolidating guidance for the client on life in the community.
  case clientConsolidation
  /// Guidance for the family, so that it is ready to support the client.
  case family
  /// *Penyuluhan sosial* in the client's neighbourhood.
  case community
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .clientConsolidation:
      LocalizedText(id: "Bimbingan pemantapan klien", en: "Consolidating guidance for the client")
    case .family: LocalizedText(id: "Arahan kepada keluarga", en: "Guidance for the family")
    case .community:
      LocalizedText(id: "Penyuluhan sosial di lingkungan klien", en: "Social counselling in the neighbourhood")
    }
  }
}

/// The *surat keterangan akhir pembimbingan*: the certificate, signed by the head of the Bapas, that
/// ends guidance (seed 004 lines 102–104: "pengakhiran tahap pembimbingan Klien dengan memberikan surat
/// keterangan akhir pembimbingan oleh Kepala BAPAS").
///
/// JSON: `{"number": "W20.PAS.17-PK.01.05-456", "date": "2027-01-09", "signedBy": "1970…", "reason": "completed"}`.
public struct ClosingCertificate: Sendable, Hashable, Codable {
  /// The letter number.
  public var number: String
  /// The day it was issued.
  public var date: CivilDate
  /// The head of the Bapas who signed it.
  public var signedBy: OfficerID
  /// Why guidance ended.
  public var reason: ClosingReason
  /// Creates a certificate record.
  public init(number: String, date: CivilDate, signedBy: OfficerID, reason: ClosingReason = .completed) {
    self.number = number
    self.date = date
    self.signedBy = signedBy
    self.reason = reason
  }
}

/// Why guidance ended, for the closing certificate and the periodic reports. Revocation is not a
/// closing reason: it is its own outcome (``CaseStage/revoked``).
public enum ClosingReason: String, WireEnum {
  /// The masa bimbingan ran to its end.
  case completed
  /// Guidance passed to another Bapas (*pelimpahan bimbingan*, `field-facts.md` B3).
  case transferred
  /// The client died.
  case died
  /// Anything else (the notes say what).
  case other
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .completed: LocalizedText(id: "Masa bimbingan selesai", en: "Guidance period completed")
    case .transferred: LocalizedText(id: "Pelimpahan bimbingan", en: "Transferred to another Bapas")
    case .died: LocalizedText(id: "Meninggal dunia", en: "Died")
    case .other: LocalizedText(id: "Lainnya", en: "Other")
    }
  }
}
