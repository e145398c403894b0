import AssessmentEngine

/// Where a case stands in pembimbingan kemasyarakatan.
///
/// UU 22/2022 Pasal 56: penerimaan Klien → pemberian program → pengakhiran; PP 31/1999 Pasal 33: the
/// programme runs in three stages, tahap awal, tahap lanjutan and tahap akhir. Suspension (*pencabutan
/// sementara*) and revocation branch off the active stages (Permenkumham 3/2018 via the Kanwil service
/// standards, `field-facts.md` B6).
public enum CaseStage: String, WireEnum {
  /// Penerimaan: the client is received and registered (kartu and kontrak bimbingan).
  case penerimaan
  /// Tahap awal: Litmas for guidance, drafting the programme, starting it.
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

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// `true` for penerimaan and the three guidance stages, from which a case may be suspended.
  public var isActive: Bool {
    switch self {
    case .penerimaan, .tahapAwal, .tahapLanjutan, .tahapAkhir: true
    case .pengakhiran, .suspended, .revoked: false
    }
  }

  /// `true` when no further event is possible.
  public var isFinal: Bool { self == .pengakhiran || self == .revoked }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .penerimaan: LocalizedText(id: "Penerimaan", en: "Reception")
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
  /// Penerimaan → tahap awal, once the TPP approves the tahap-awal plan.
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
    case .beginGuidance: LocalizedText(id: "Mulai tahap awal", en: "Begin guidance")
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
/// events from penerimaan (``CaseLifecycle/replay(_:receivedOn:)``), so the record cannot contradict itself.
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
