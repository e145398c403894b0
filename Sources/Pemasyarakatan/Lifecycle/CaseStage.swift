import AssessmentEngine

/// Where a case stands in pembimbingan kemasyarakatan.
///
/// UU 22/2022 Pasal 56: penerimaan Klien → pemberian program → pengakhiran; PP 31/1999 Pasal 33: the
/// programme runs in three stages, tahap awal, tahap lanjutan and tahap akhir. Suspension (*pencabutan
/// sementara*) and revocation branch off the active stages (Permenkumham 3/2018 via the Kanwil service
/// standards, `field-facts.md` B6).
///
/// **Reception is part of tahap awal, not a stage of its own.** Seed 004 (lines 76–82) lists *tahap
/// awal* as (a) *penerimaan dan pendaftaran Klien*, (b) the Litmas for guidance, (c) drafting the
/// programme, (d) carrying it out and (e) controlling it; seed 003 (lines 742–745) describes Bapas
/// Palembang's tahap awal as receiving the client from the Lapas with the paperwork and drawing up the
/// time schedule. A case is therefore in ``tahapAwal`` from the day of reception. Files written before
/// this was fixed may name the stage `"penerimaan"`; it decodes as ``tahapAwal``.
public enum CaseStage: String, WireEnum {
  /// Tahap awal: reception and registration (kartu and kontrak bimbingan), the Litmas for guidance,
  /// drafting the programme (approved by a sidang TPP), carrying it out and controlling it (seed 004
  /// lines 76–82).
  case tahapAwal
  /// Tahap lanjutan: the follow-up programme.
  case tahapLanjutan
  /// Tahap akhir: the final programme, preparing the client for the end.
  case tahapAkhir
  /// Pengakhiran: guidance ended with the certificate signed by the Kabapas.
  case pengakhiran
  /// Suspended (*dicabut sementara*) by the head of Bapas, awaiting the Minister.
  case suspended
  /// Revoked: the integration programme is withdrawn and the client returns to the Lapas.
  case revoked

  /// Decodes a wire name, with a typed error for unknown values. The retired name `"penerimaan"`
  /// (reception, which belongs to tahap awal) decodes as ``tahapAwal``.
  public init(from decoder: any Decoder) throws {
    if let raw = try? decoder.singleValueContainer().decode(String.self), raw == "penerimaan" {
      self = .tahapAwal
      return
    }
    self = try Self.decodeWire(from: decoder)
  }

  /// `true` for the three guidance stages, from which a case may be suspended.
  public var isActive: Bool {
    switch self {
    case .tahapAwal, .tahapLanjutan, .tahapAkhir: true
    case .pengakhiran, .suspended, .revoked: false
    }
  }

  /// `true` when no further event is possible.
  public var isFinal: Bool { self == .pengakhiran || self == .revoked }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .tahapAwal: LocalizedText(id: "Tahap awal", en: "Initial stage")
    case .tahapLanjutan: LocalizedText(id: "Tahap lanjutan", en: "Continuation stage")
    case .tahapAkhir: LocalizedText(id: "Tahap akhir", en: "Final stage")
    case .pengakhiran: LocalizedText(id: "Pengakhiran", en: "Closed")
    case .suspended: LocalizedText(id: "Dicabut sementara", en: "Suspended")
    case .revoked: LocalizedText(id: "Dicabut", en: "Revoked")
    }
  }
}

/// An event that moves a case from one stage to another. Every event needs a sidang TPP decision with
/// the matching ``TPPOutcome`` (PP 31/1999 Pasal 33(2)).
public enum CaseEvent: String, WireEnum {
  /// The sidang TPP approves the tahap-awal guidance programme (Bapas Jakarta Selatan SOP,
  /// `field-facts.md` B3). The case stays in tahap awal: drafting and approving the programme is
  /// activity (c) of tahap awal (seed 004 line 80), not a stage change. The wire name is kept from the
  /// time reception was modelled as a stage before tahap awal.
  case beginGuidance
  /// Tahap awal → tahap lanjutan.
  case advanceToLanjutan
  /// Tahap lanjutan → tahap akhir.
  case advanceToAkhir
  /// Tahap akhir → pengakhiran.
  case close
  /// Any active stage → suspended.
  case suspend
  /// Suspended → the stage the case was suspended from.
  case reinstate
  /// Suspended → revoked.
  case revoke

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The TPP outcome that authorises the event.
  public var requiredOutcome: TPPOutcome {
    switch self {
    case .beginGuidance: .approveGuidancePlan
    case .advanceToLanjutan, .advanceToAkhir: .approveStageAdvance
    case .close: .approveClosing
    case .suspend: .recommendSuspension
    case .reinstate: .recommendReinstatement
    case .revoke: .recommendRevocation
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .beginGuidance: LocalizedText(id: "Persetujuan program tahap awal", en: "Approve the initial-stage programme")
    case .advanceToLanjutan: LocalizedText(id: "Naik ke tahap lanjutan", en: "Advance to continuation stage")
    case .advanceToAkhir: LocalizedText(id: "Naik ke tahap akhir", en: "Advance to final stage")
    case .close: LocalizedText(id: "Pengakhiran bimbingan", en: "Close guidance")
    case .suspend: LocalizedText(id: "Pencabutan sementara", en: "Suspend")
    case .reinstate: LocalizedText(id: "Pemulihan", en: "Reinstate")
    case .revoke: LocalizedText(id: "Pencabutan", en: "Revoke")
    }
  }
}

/// What a sidang Tim Pengamat Pemasyarakatan (TPP) decided or recommended.
public enum TPPOutcome: String, WireEnum {
  /// Approves the tahap-awal guidance plan.
  case approveGuidancePlan
  /// Approves moving to the next stage.
  case approveStageAdvance
  /// Approves ending guidance.
  case approveClosing
  /// Recommends that the head of Bapas suspend the programme.
  case recommendSuspension
  /// Recommends reinstating a suspended programme.
  case recommendReinstatement
  /// Recommends final revocation (reported to the Minister).
  case recommendRevocation
  /// Recommends no change.
  case noChange

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .approveGuidancePlan: LocalizedText(id: "Menyetujui program tahap awal", en: "Approve the guidance plan")
    case .approveStageAdvance: LocalizedText(id: "Menyetujui kenaikan tahap", en: "Approve the stage advance")
    case .approveClosing: LocalizedText(id: "Menyetujui pengakhiran", en: "Approve closing")
    case .recommendSuspension: LocalizedText(id: "Merekomendasikan pencabutan sementara", en: "Recommend suspension")
    case .recommendReinstatement: LocalizedText(id: "Merekomendasikan pemulihan", en: "Recommend reinstatement")
    case .recommendRevocation: LocalizedText(id: "Merekomendasikan pencabutan", en: "Recommend revocation")
    case .noChange: LocalizedText(id: "Tidak ada perubahan", en: "No change")
    }
  }
}

/// The record of a sidang TPP decision (PP 31/1999 Pasal 33(2): the move between stages is decided in
/// a sidang TPP on the PK's observation, assessment and reporting).
///
/// JSON: `{"date": "2025-06-02", "reference": "TPP/06/2025", "outcome": "approveStageAdvance",
/// "basis": "…"}` (`basis` optional).
public struct TPPDecision: Sendable, Hashable, Codable {
  /// The day of the sidang.
  public var date: CivilDate
  /// The minutes or decision number.
  public var reference: String
  /// What was decided.
  public var outcome: TPPOutcome
  /// The PK data the decision rests on (observation, assessment, reports).
  public var basis: String?
  /// Creates a decision record.
  public init(date: CivilDate, reference: String, outcome: TPPOutcome, basis: String? = nil) {
    self.date = date
    self.reference = reference
    self.outcome = outcome
    self.basis = basis
  }
}

/// One recorded stage change. The stages before and after are not stored: they follow from replaying the
/// events from reception, in tahap awal (``CaseLifecycle/replay(_:receivedOn:)``), so the record cannot contradict itself.
///
/// JSON: `{"event": "advanceToLanjutan", "date": "2025-06-03", "tppDecision": {…}}`.
public struct StageTransition: Sendable, Hashable, Codable {
  /// The event.
  public var event: CaseEvent
  /// The day the change takes effect.
  public var date: CivilDate
  /// The sidang TPP decision that authorises it.
  public var tppDecision: TPPDecision
  /// Creates a transition record.
  public init(event: CaseEvent, date: CivilDate, tppDecision: TPPDecision) {
    self.event = event
    self.date = date
    self.tppDecision = tppDecision
  }
}
