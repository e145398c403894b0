import AssessmentEngine

/// The role in which an officer takes a step.
public enum BapasRole: String, WireEnum {
  /// Pembimbing Kemasyarakatan (or Asisten PK) responsible for the case.
  case pk
  /// Kepala Subseksi / Kepala Seksi Bimbingan Klien (Kasubsi/Kasi BKA or BKD; seed 002 names the
  /// Kasi BKA and Kasi BKD of Bapas Kelas I Denpasar).
  case kasubsiKasi
  /// Kepala Bapas (Kabapas).
  case kepalaBapas
  /// A member of the Tim Pengamat Pemasyarakatan.
  case tppMember
  /// The secretary of the Tim Pengamat Pemasyarakatan, who records its decisions.
  case tppSecretary
  /// The Kantor Wilayah (regional office) of the ministry.
  case kanwil

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .pk: LocalizedText(id: "Pembimbing Kemasyarakatan (PK)", en: "Probation officer (PK)")
    case .kasubsiKasi: LocalizedText(id: "Kasubsi/Kasi Bimbingan Klien", en: "Head of the guidance (sub)section")
    case .kepalaBapas: LocalizedText(id: "Kepala Bapas", en: "Head of Bapas")
    case .tppMember: LocalizedText(id: "Anggota TPP", en: "TPP member")
    case .tppSecretary: LocalizedText(id: "Sekretaris TPP", en: "TPP secretary")
    case .kanwil: LocalizedText(id: "Kantor Wilayah", en: "Regional office (Kanwil)")
    }
  }
}

/// Who takes a step: the officer's id, the role and, for a PK, the section (BKA for children, BKD for
/// adults). JSON: `{"officerID": "1987…", "role": "pk", "section": "bka"}` (`section` optional).
public struct Actor: Sendable, Hashable, Codable {
  /// The officer's NIP or staff number.
  public var officerID: OfficerID
  /// The role the step is taken in.
  public var role: BapasRole
  /// The officer's section, when the role belongs to one.
  public var section: BapasSection?
  /// Creates an actor.
  public init(officerID: OfficerID, role: BapasRole, section: BapasSection? = nil) {
    self.officerID = officerID
    self.role = role
    self.section = section
  }
}

/// A state-changing step the role matrix governs.
public enum ProtectedAction: String, WireEnum {
  /// ``CaseEvent/beginGuidance``.
  case beginGuidance
  /// ``CaseEvent/advanceToLanjutan``.
  case advanceToLanjutan
  /// ``CaseEvent/advanceToAkhir``.
  case advanceToAkhir
  /// ``CaseEvent/close``.
  case close
  /// ``CaseEvent/suspend``.
  case suspend
  /// ``CaseEvent/reinstate``.
  case reinstate
  /// ``CaseEvent/revoke``.
  case revoke
  /// Recording a sidang TPP decision.
  case recordTPPDecision
  /// Proposing a professional override of a risk band.
  case proposeOverride
  /// Approving a professional override.
  case approveOverride
  /// Revocation step 1: the complaint recorded in a BAP.
  case revocationBAP
  /// Revocation step 2: the client examined.
  case revocationExamination
  /// Revocation step 3: the TPP recommends suspension.
  case revocationTPPRecommendation
  /// Revocation step 3': the TPP recommends against suspension.
  case revocationDismissal
  /// Revocation step 4: the head of Bapas suspends.
  case revocationSuspension
  /// Revocation step 5: reported upward for final revocation.
  case revocationReport
  /// Recording a risk and need assessment.
  case recordAssessment
  /// Approving (supervising) an assessment.
  case approveAssessment

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The action of a lifecycle event.
  public init(_ event: CaseEvent) {
    switch event {
    case .beginGuidance: self = .beginGuidance
    case .advanceToLanjutan: self = .advanceToLanjutan
    case .advanceToAkhir: self = .advanceToAkhir
    case .close: self = .close
    case .suspend: self = .suspend
    case .reinstate: self = .reinstate
    case .revoke: self = .revoke
    }
  }

  /// The action of a revocation step reaching `state` (`nil` for ``RevocationState/notStarted``).
  public init?(_ state: RevocationState) {
    switch state {
    case .notStarted: return nil
    case .bapRecorded: self = .revocationBAP
    case .examined: self = .revocationExamination
    case .tppRecommendedSuspension: self = .revocationTPPRecommendation
    case .dismissed: self = .revocationDismissal
    case .suspendedByHead: self = .revocationSuspension
    case .reportedUpward: self = .revocationReport
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .beginGuidance, .advanceToLanjutan, .advanceToAkhir, .close, .suspend, .reinstate, .revoke:
      CaseEvent(rawValue: rawValue)?.label ?? LocalizedText(id: rawValue, en: rawValue)
    case .recordTPPDecision: LocalizedText(id: "Mencatat putusan sidang TPP", en: "Record a TPP decision")
    case .proposeOverride: LocalizedText(id: "Mengusulkan override", en: "Propose an override")
    case .approveOverride: LocalizedText(id: "Menyetujui override", en: "Approve an override")
    case .revocationBAP: LocalizedText(id: "Membuat BAP pencabutan", en: "Record the revocation complaint")
    case .revocationExamination: LocalizedText(id: "Memeriksa klien", en: "Examine the client")
    case .revocationTPPRecommendation:
      LocalizedText(id: "Rekomendasi TPP pencabutan sementara", en: "TPP recommends suspension")
    case .revocationDismissal: LocalizedText(id: "Rekomendasi TPP tidak dilanjutkan", en: "TPP recommends dismissal")
    case .revocationSuspension:
      LocalizedText(id: "Pencabutan sementara oleh Kepala Bapas", en: "Suspension by the head of Bapas")
    case .revocationReport: LocalizedText(id: "Laporan kepada Menteri", en: "Report to the Minister")
    case .recordAssessment: LocalizedText(id: "Mencatat asesmen", en: "Record an assessment")
    case .approveAssessment: LocalizedText(id: "Menyetujui asesmen", en: "Approve an assessment")
    }
  }
}

/// The roles allowed to take one action, with where the rule comes from.
///
/// JSON: `{"roles": ["kepalaBapas"], "citation": "…", "evidence": "confirmed"}`.
public struct RoleGrant: Sendable, Hashable, Codable {
  /// The roles that may take the action.
  public var roles: Set<BapasRole>
  /// The source of the rule (or the SOP that replaced it).
  public var citation: String
  /// How well the source supports it (the markers of `field-facts.md`).
  public var evidence: RuleSource.Evidence
  /// Creates a grant.
  public init(roles: Set<BapasRole>, citation: String, evidence: RuleSource.Evidence) {
    self.roles = roles
    self.citation = citation
    self.evidence = evidence
  }
}

/// Who may do what: a grant per ``ProtectedAction``, as data that a Bapas's own SOP can replace.
///
/// The default (``standard``) cites its source per action; where no source read says who takes a step,
/// the grant is marked ``RuleSource/Evidence/unconfirmed`` and is a policy default to check against the
/// Bapas SOP (e.g. the Surakarta SOP set lists SOPs for sidang TPP and *pencabutan integrasi* without
/// giving their text, `field-facts.md` B3).
///
/// Two rules apply on top of the grants: a child's case (a child on the day of reception, UU 11/2012)
/// may be acted on in the PK role only by a PK of the BKA section
/// (``childCasesRequireBKAForPK``), and a PK acts only on the cases assigned to them
/// (``pkOnlyOnOwnCases``, a policy default).
///
/// JSON: `{"grants": {"close": {"roles": ["kepalaBapas"], "citation": "…", "evidence": "confirmed"}, …},
/// "childCasesRequireBKAForPK": true, "pkOnlyOnOwnCases": true}`; an SOP file may list only the actions it
/// changes (``overriding(with:)``).
public struct RoleMatrix: Sendable, Hashable, Codable {
  /// The grant of each action. An action without a grant is allowed to nobody.
  public var grants: [ProtectedAction: RoleGrant]
  /// Whether PK-role steps on a child's case need a PK of the BKA section.
  public var childCasesRequireBKAForPK: Bool
  /// Whether a PK may act only on cases whose ``CaseFile/officerID`` is theirs.
  public var pkOnlyOnOwnCases: Bool

  /// Creates a matrix.
  public init(
    grants: [ProtectedAction: RoleGrant], childCasesRequireBKAForPK: Bool = true, pkOnlyOnOwnCases: Bool = true
  ) {
    self.grants = grants
    self.childCasesRequireBKAForPK = childCasesRequireBKAForPK
    self.pkOnlyOnOwnCases = pkOnlyOnOwnCases
  }

  /// Whether `role` may take `action` (the grant only, before the child and own-case rules).
  public func allows(_ role: BapasRole, _ action: ProtectedAction) -> Bool {
    grants[action]?.roles.contains(role) ?? false
  }

  /// This matrix with the grants of `sop` replacing those it lists, and its two rules.
  public func overriding(with sop: RoleMatrix) -> RoleMatrix {
    var out = self
    for (action, grant) in sop.grants { out.grants[action] = grant }
    out.childCasesRequireBKAForPK = sop.childCasesRequireBKAForPK
    out.pkOnlyOnOwnCases = sop.pkOnlyOnOwnCases
    return out
  }

  /// Checks that `actor` may take `action` on `file`.
  ///
  /// - Throws: ``AuthorizationError`` naming the rule broken: the role, the child rule, or the own-case rule.
  public func authorize(_ action: ProtectedAction, by actor: Actor, on file: CaseFile) throws(AuthorizationError) {
    guard allows(actor.role, action) else {
      throw .roleNotAllowed(
        action: action, role: actor.role, allowed: (grants[action]?.roles ?? []).sorted { $0.rawValue < $1.rawValue })
    }
    guard actor.role == .pk else { return }
    if childCasesRequireBKAForPK, file.ageCategoryAtReception == .child, actor.section != .bka {
      throw .childCaseNeedsBKA(action: action, officerID: actor.officerID)
    }
    if pkOnlyOnOwnCases, actor.officerID != file.officerID {
      throw .notTheCasePK(action: action, officerID: actor.officerID)
    }
  }

  private static func g(_ roles: Set<BapasRole>, _ citation: String, _ evidence: RuleSource.Evidence) -> RoleGrant {
    RoleGrant(roles: roles, citation: citation, evidence: evidence)
  }

  /// The SDK's default matrix; see `Documentation/ProtectingClientData.md` for the table.
  public static let standard = RoleMatrix(grants: [
    .beginGuidance: g(
      [.pk, .kasubsiKasi],
      "Stage changes are decided in a sidang TPP (PP 31/1999 Pasal 33(2)); the PK records the decision in the case (Bapas Jakarta Selatan SOP: buku tahapan bimbingan). Who enters it: unconfirmed.",
      .unconfirmed),
    .advanceToLanjutan: g(
      [.pk, .kasubsiKasi], "PP 31/1999 Pasal 33(2) via field-facts B3; who enters it: unconfirmed.", .unconfirmed),
    .advanceToAkhir: g(
      [.pk, .kasubsiKasi], "PP 31/1999 Pasal 33(2) via field-facts B3; who enters it: unconfirmed.", .unconfirmed),
    .close: g(
      [.kepalaBapas],
      "The certificate that ends guidance (surat keterangan akhir pembimbingan) is signed by the Kabapas (seeds 003, 004 via domain.md).",
      .confirmed),
    .suspend: g(
      [.kepalaBapas],
      "The head of Bapas suspends (cabut sementara) PB, CMB or CB (Permenkumham 3/2018 via Kanwil service standards, sippn.menpan.go.id; field-facts B6).",
      .confirmed),
    .reinstate: g(
      [.kepalaBapas], "By symmetry with suspension; no source read names who lifts a suspension.", .unconfirmed),
    .revoke: g(
      [.kanwil],
      "Final revocation follows the head of Bapas's report up the chain to the Minister; the Kanwil runs the revocation service (maluku.kemenkumham.go.id; field-facts B6). Whether the Kanwil or Ditjenpas records it: unconfirmed.",
      .partlyConfirmed),
    .recordTPPDecision: g(
      [.tppSecretary],
      "The TPP decides in session (PP 31/1999 Pasal 33(2)); its secretary keeps the minutes: unconfirmed.", .unconfirmed
    ),
    .proposeOverride: g(
      [.pk],
      "The assessing officer proposes an override with documented reasons (LS/CMI Section 6; NCCD SDM; field-facts A6).",
      .partlyConfirmed),
    .approveOverride: g(
      [.kasubsiKasi, .kepalaBapas, .tppMember, .tppSecretary],
      "Overrides need supervisor approval (NCCD SDM; county practice, field-facts A6); the Bapas mapping is BapasApprover (Kasie/Kasubsi, Kabapas, sidang TPP), a policy default. OverridePolicy then checks the level.",
      .partlyConfirmed),
    .revocationBAP: g(
      [.pk], "Step 1: a complaint recorded in a BAP by Bapas staff (sippn.menpan.go.id; field-facts B6).", .confirmed),
    .revocationExamination: g(
      [.pk], "Step 2: Bapas staff examine the client (sippn.menpan.go.id; field-facts B6).", .confirmed),
    .revocationTPPRecommendation: g(
      [.tppMember, .tppSecretary],
      "Step 3: the Bapas TPP holds a sidang and recommends (sippn.menpan.go.id; field-facts B6).", .confirmed),
    .revocationDismissal: g(
      [.tppMember, .tppSecretary],
      "Step 3': the TPP recommends against suspension (sippn.menpan.go.id; field-facts B6).", .confirmed),
    .revocationSuspension: g(
      [.kepalaBapas], "Step 4: the head of Bapas suspends (sippn.menpan.go.id; field-facts B6).", .confirmed),
    .revocationReport: g(
      [.kepalaBapas], "Step 5: the head reports up the chain to the Minister (sippn.menpan.go.id; field-facts B6).",
      .confirmed),
    .recordAssessment: g(
      [.pk],
      "Assessments are done by trained assessors (Permenkumham 12/2013; field-facts B4); in a Bapas, the PK. Which PK: unconfirmed.",
      .partlyConfirmed),
    .approveAssessment: g(
      [.kasubsiKasi],
      "Permenkumham 12/2013 appoints assessment supervisors (field-facts B4); that the Kasubsi/Kasi is the supervisor at a Bapas: unconfirmed.",
      .unconfirmed),
  ])

  /// The matrix as Markdown: one row per action, one column per role (✓ allowed), then the evidence
  /// marker and the source; as printed in `Documentation/ProtectingClientData.md`.
  public var markdownTable: String {
    let roles = BapasRole.allCases
    var out = "| action | " + roles.map { $0.label.english }.joined(separator: " | ") + " | evidence | source |\n"
    out += "|---|" + roles.map { _ in "---|" }.joined() + "---|---|\n"
    for action in ProtectedAction.allCases {
      let grant = grants[action]
      let marks = roles.map { grant?.roles.contains($0) == true ? "✓" : "" }
      let evidence =
        switch grant?.evidence {
        case .confirmed: "[C]"
        case .partlyConfirmed: "[C~]"
        case .unconfirmed, nil: "[R] unconfirmed"
        }
      out +=
        "| `\(action.rawValue)` | " + marks.joined(separator: " | ")
        + " | \(evidence) | \(grant?.citation ?? "no grant: nobody") |\n"
    }
    return out
  }

  enum CodingKeys: String, CodingKey { case grants, childCasesRequireBKAForPK, pkOnlyOnOwnCases }

  /// Decodes the documented JSON form; unknown action names are a typed error, the two rules default to `true`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let raw = try c.decodeIfPresent([String: RoleGrant].self, forKey: .grants) ?? [:]
    var grants: [ProtectedAction: RoleGrant] = [:]
    for (key, grant) in raw {
      guard let action = ProtectedAction(rawValue: key) else {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: c.codingPath + [CodingKeys.grants], debugDescription: "unknown action '\(key)'",
            underlyingError: UnknownWireValue(
              type: "ProtectedAction", value: key, allowed: ProtectedAction.allCases.map(\.rawValue))))
      }
      grants[action] = grant
    }
    self.grants = grants
    childCasesRequireBKAForPK = try c.decodeIfPresent(Bool.self, forKey: .childCasesRequireBKAForPK) ?? true
    pkOnlyOnOwnCases = try c.decodeIfPresent(Bool.self, forKey: .pkOnlyOnOwnCases) ?? true
  }

  /// Encodes the documented JSON form (grants keyed by action name).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Dictionary(uniqueKeysWithValues: grants.map { ($0.key.rawValue, $0.value) }), forKey: .grants)
    try c.encode(childCasesRequireBKAForPK, forKey: .childCasesRequireBKAForPK)
    try c.encode(pkOnlyOnOwnCases, forKey: .pkOnlyOnOwnCases)
  }
}

/// Why a step was refused before it changed anything.
public enum AuthorizationError: Error, Equatable, Hashable, Codable, Sendable, RedactableDescription {
  /// The role may not take the action.
  case roleNotAllowed(action: ProtectedAction, role: BapasRole, allowed: [BapasRole])
  /// A child's case, and the PK is not of the BKA section.
  case childCaseNeedsBKA(action: ProtectedAction, officerID: OfficerID)
  /// The PK is not the case's PK.
  case notTheCasePK(action: ProtectedAction, officerID: OfficerID)
  /// The officer named in the step is not the actor taking it.
  case actorMismatch(recorded: OfficerID, actor: OfficerID)

  /// One sentence naming the action, the role and the rule.
  public var description: String {
    switch self {
    case .roleNotAllowed(let action, let role, let allowed):
      let who =
        allowed.isEmpty ? "nobody under this role matrix" : allowed.map { $0.label.english }.joined(separator: " or ")
      return "'\(action.label.english)' may be done by \(who), not by the \(role.label.english)."
    case .childCaseNeedsBKA(let action, let officer):
      return
        "'\(action.label.english)' on a child's case needs a PK of the BKA section (UU 11/2012); officer \(Redaction.quote(officer.rawValue)) is not recorded as BKA."
    case .notTheCasePK(let action, let officer):
      return "'\(action.label.english)': officer \(Redaction.quote(officer.rawValue)) is not the PK of this case."
    case .actorMismatch(let recorded, let actor):
      return
        "The step names officer \(Redaction.quote(recorded.rawValue)) but is taken by \(Redaction.quote(actor.rawValue))."
    }
  }
}
