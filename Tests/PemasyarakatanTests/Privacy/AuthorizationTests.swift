import AssessmentEngine
import Foundation
import Testing

@testable import Pemasyarakatan

@Suite("Who may do what")
struct AuthorizationTests {
  static let pkID: OfficerID = "198705122010121003"
  static func adultCase() -> CaseFile {
    CaseFile(
      id: "DPS-1", bapasCode: "BPS-DPS", officerID: pkID,
      client: Client(id: "K-1", name: "M", birthDate: d("1990-01-01"), sex: .male, legalBasis: .pembebasanBersyarat),
      receivedOn: d("2025-01-20"), guidancePeriod: CivilDateInterval(start: d("2025-01-20"), end: d("2027-01-10")))
  }
  static func childCase() -> CaseFile {
    var f = adultCase()
    f.client.birthDate = d("2010-05-01")
    f.client.legalBasis = .diversi
    return f
  }
  static let time = AuditTimestamp(Date(timeIntervalSince1970: 1_738_224_000))

  /// The default matrix, written out cell by cell (P = PK, S = Kasubsi/Kasi, H = Kepala Bapas,
  /// M = TPP member, T = TPP secretary, K = Kanwil). Sources per row are in RoleMatrix.standard.
  static let expected: [ProtectedAction: String] = [
    .beginGuidance: "PS", .advanceToLanjutan: "PS", .advanceToAkhir: "PS", .close: "H", .suspend: "H", .reinstate: "H",
    .revoke: "K", .recordTPPDecision: "T", .proposeOverride: "P", .approveOverride: "SHMT", .revocationBAP: "P",
    .revocationExamination: "P", .revocationTPPRecommendation: "MT", .revocationDismissal: "MT",
    .revocationSuspension: "H",
    .revocationReport: "H", .recordAssessment: "P", .approveAssessment: "S",
  ]
  static let letter: [BapasRole: Character] = [
    .pk: "P", .kasubsiKasi: "S", .kepalaBapas: "H", .tppMember: "M", .tppSecretary: "T", .kanwil: "K",
  ]

  @Test func everyActionHasAnExpectedRow() {
    #expect(Set(Self.expected.keys) == Set(ProtectedAction.allCases))
    #expect(Set(RoleMatrix.standard.grants.keys) == Set(ProtectedAction.allCases))
  }

  /// Every role × action cell of the default matrix on an adult case whose PK is the actor.
  @Test(arguments: ProtectedAction.allCases)
  func everyCellOnAnAdultCase(action: ProtectedAction) {
    let file = Self.adultCase()
    for role in BapasRole.allCases {
      let actor = Actor(officerID: Self.pkID, role: role, section: .bkd)
      let allowed = Self.expected[action]?.contains(Self.letter[role] ?? "?") ?? false
      var error: AuthorizationError?
      do { try RoleMatrix.standard.authorize(action, by: actor, on: file) } catch let e { error = e }
      if allowed {
        #expect(error == nil, "\(role) should be allowed to \(action)")
      } else {
        #expect(
          error
            == .roleNotAllowed(
              action: action, role: role,
              allowed: RoleMatrix.standard.grants[action].map { $0.roles.sorted { $0.rawValue < $1.rawValue } } ?? []),
          "\(role) \(action)")
      }
    }
  }

  /// The same cells on a child's case: a PK of the BKD section is refused every PK action; a BKA PK
  /// gets exactly the PK column; other roles are unaffected by the section rule.
  @Test(arguments: ProtectedAction.allCases)
  func everyCellOnAChildsCase(action: ProtectedAction) {
    let file = Self.childCase()
    let pkAllowed = Self.expected[action]?.contains("P") ?? false
    let bkd = Actor(officerID: Self.pkID, role: .pk, section: .bkd)
    let bka = Actor(officerID: Self.pkID, role: .pk, section: .bka)
    let noSection = Actor(officerID: Self.pkID, role: .pk)
    for pk in [bkd, noSection] {
      #expect(
        throws: pkAllowed
          ? AuthorizationError.childCaseNeedsBKA(action: action, officerID: Self.pkID)
          : AuthorizationError.roleNotAllowed(
            action: action, role: .pk,
            allowed: RoleMatrix.standard.grants[action].map { $0.roles.sorted { $0.rawValue < $1.rawValue } } ?? [])
      ) {
        try RoleMatrix.standard.authorize(action, by: pk, on: file)
      }
    }
    #expect((try? RoleMatrix.standard.authorize(action, by: bka, on: file)) != nil || !pkAllowed)
    for role in BapasRole.allCases where role != .pk {
      let allowed = Self.expected[action]?.contains(Self.letter[role] ?? "?") ?? false
      #expect(
        ((try? RoleMatrix.standard.authorize(action, by: Actor(officerID: "X", role: role), on: file)) != nil)
          == allowed, "\(role) \(action)")
    }
  }

  @Test func aPKActsOnlyOnTheirOwnCases() {
    let other = Actor(officerID: "199001012015011001", role: .pk, section: .bkd)
    #expect(throws: AuthorizationError.notTheCasePK(action: .revocationBAP, officerID: other.officerID)) {
      try RoleMatrix.standard.authorize(.revocationBAP, by: other, on: Self.adultCase())
    }
    var lenient = RoleMatrix.standard
    lenient.pkOnlyOnOwnCases = false
    #expect((try? lenient.authorize(.revocationBAP, by: other, on: Self.adultCase())) != nil)
  }

  /// An unauthorised step throws and leaves the case and the trail exactly as they were.
  @Test func unauthorisedStepChangesNothing() throws {
    var file = Self.adultCase()
    var trail = AuditTrail()
    let decision = TPPDecision(date: d("2025-01-30"), reference: "TPP/01", outcome: .approveGuidancePlan)
    let before = file
    #expect(
      throws: AuthorizedStepError.unauthorized(
        .roleNotAllowed(action: .beginGuidance, role: .kanwil, allowed: [.kasubsiKasi, .pk]))
    ) {
      try file.apply(
        .beginGuidance, on: d("2025-01-30"), decision: decision, by: Actor(officerID: "K", role: .kanwil),
        at: Self.time, audit: &trail)
    }
    #expect(file == before && trail.count == 0)
    // A step on a child's case by a BKD PK: refused the same way.
    var child = Self.childCase()
    let childBefore = child
    #expect(throws: AuthorizedStepError.unauthorized(.childCaseNeedsBKA(action: .beginGuidance, officerID: Self.pkID)))
    {
      try child.apply(
        .beginGuidance, on: d("2025-01-30"), decision: decision,
        by: Actor(officerID: Self.pkID, role: .pk, section: .bkd), at: Self.time, audit: &trail)
    }
    #expect(child == childBefore && trail.count == 0)
  }

  /// An allowed step is delegated to the lifecycle unchanged (its rules still apply) and logged.
  @Test func authorisedStepsDelegateAndLog() throws {
    var file = Self.adultCase()
    var trail = AuditTrail()
    let pk = Actor(officerID: Self.pkID, role: .pk, section: .bkd)
    let secretary = Actor(officerID: "TPP-SEC", role: .tppSecretary)
    let decision = try file.recordTPPDecision(
      TPPDecision(date: d("2025-01-30"), reference: "TPP/01", outcome: .approveGuidancePlan), by: secretary,
      at: Self.time, audit: &trail)
    try file.apply(.beginGuidance, on: d("2025-01-30"), decision: decision, by: pk, at: Self.time, audit: &trail)
    #expect(file.stage == .tahapAwal)
    // The lifecycle still refuses an illegal event, after authorisation, without logging.
    #expect(throws: AuthorizedStepError.lifecycle(.illegalTransition(from: .tahapAwal, event: .advanceToAkhir))) {
      try file.apply(
        .advanceToAkhir, on: d("2025-06-01"),
        decision: TPPDecision(date: d("2025-06-01"), reference: "T", outcome: .approveStageAdvance), by: pk,
        at: Self.time, audit: &trail)
    }
    #expect(trail.count == 2)
    #expect(trail.entries.map(\.action) == ["recordTPPDecision", "beginGuidance"])
    #expect(
      trail.entries[1].before == "tahapAwal" && trail.entries[1].after == "tahapAwal"
        && trail.entries[1].officerID == Self.pkID && trail.entries[1].role == .pk)
    #expect(trail.verify() == nil)
  }

  @Test func revocationStepsByTheirRoles() throws {
    var file = Self.adultCase()
    var trail = AuditTrail()
    let pk = Actor(officerID: Self.pkID, role: .pk, section: .bkd)
    let head = Actor(officerID: "KABAPAS", role: .kepalaBapas)
    let bap = RevocationStep(state: .bapRecorded, date: d("2025-09-01"), actorID: Self.pkID, actorRole: .pk)
    // The step must name the actor taking it.
    #expect(throws: AuthorizedStepError.unauthorized(.actorMismatch(recorded: Self.pkID, actor: "KABAPAS"))) {
      try file.recordRevocationStep(
        bap, by: Actor(officerID: "KABAPAS", role: .pk, section: .bkd), at: Self.time,
        matrix: RoleMatrix(grants: RoleMatrix.standard.grants, pkOnlyOnOwnCases: false), audit: &trail)
    }
    #expect(file.revocation == nil && trail.count == 0)
    try file.recordRevocationStep(bap, grounds: [.missedReports], by: pk, at: Self.time, audit: &trail)
    try file.recordRevocationStep(
      RevocationStep(state: .examined, date: d("2025-09-03"), actorID: Self.pkID, actorRole: .pk), by: pk,
      at: Self.time, audit: &trail)
    // The head of Bapas may not record the TPP's recommendation.
    #expect(
      throws: AuthorizedStepError.unauthorized(
        .roleNotAllowed(action: .revocationTPPRecommendation, role: .kepalaBapas, allowed: [.tppMember, .tppSecretary]))
    ) {
      try file.recordRevocationStep(
        RevocationStep(state: .tppRecommendedSuspension, date: d("2025-09-05"), actorID: "KABAPAS", actorRole: .tpp),
        by: head, at: Self.time, audit: &trail)
    }
    #expect(file.revocation?.state == .examined && trail.count == 2)
    #expect(trail.entries.map(\.after) == ["bapRecorded", "examined"])
  }

  @Test func assessmentsNeedAnAssessorAndAnApprover() throws {
    var file = Self.adultCase()
    var trail = AuditTrail()
    let pk = Actor(officerID: Self.pkID, role: .pk, section: .bkd)
    let record = AssessmentRecord(date: d("2025-01-25"), instrument: "RRI", result: "sedang")
    #expect(
      throws: AuthorizedStepError.unauthorized(
        .roleNotAllowed(action: .approveAssessment, role: .pk, allowed: [.kasubsiKasi]))
    ) {
      try file.addAssessment(record, assessedBy: pk, approvedBy: pk, at: Self.time, audit: &trail)
    }
    #expect(file.assessments.isEmpty && trail.count == 0)
    try file.addAssessment(
      record, assessedBy: pk, approvedBy: Actor(officerID: "KASI", role: .kasubsiKasi), at: Self.time, audit: &trail)
    #expect(file.assessments == [record] && trail.entries.map(\.action) == ["recordAssessment", "approveAssessment"])
  }

  /// A Bapas SOP replaces grants from JSON; the rest of the default stays.
  @Test func sopOverridesTheDefault() throws {
    let sop = try JSONDecoder().decode(
      RoleMatrix.self,
      from: Data(
        #"""
        {"grants": {"beginGuidance": {"roles": ["kasubsiKasi"], "citation": "SOP Bapas X 2024 No. 3", "evidence": "confirmed"}}}
        """#.utf8))
    let matrix = RoleMatrix.standard.overriding(with: sop)
    #expect(!matrix.allows(.pk, .beginGuidance) && matrix.allows(.kasubsiKasi, .beginGuidance))
    #expect(matrix.allows(.kepalaBapas, .close) && matrix.pkOnlyOnOwnCases && matrix.childCasesRequireBKAForPK)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(
        RoleMatrix.self,
        from: Data(#"{"grants": {"fly": {"roles": [], "citation": "", "evidence": "confirmed"}}}"#.utf8))
    }
    // Round trip.
    let data = try JSONEncoder().encode(RoleMatrix.standard)
    #expect(try JSONDecoder().decode(RoleMatrix.self, from: data) == RoleMatrix.standard)
  }

  @Test func everyDefaultGrantCitesASource() {
    for (action, grant) in RoleMatrix.standard.grants {
      #expect(!grant.citation.isEmpty, "\(action)")
      if grant.evidence == .unconfirmed {
        #expect(grant.citation.contains("unconfirmed") || grant.citation.contains("no source"), "\(action)")
      }
    }
  }

  /// The table in Documentation/ProtectingClientData.md is the matrix in code.
  @Test func articleTableMatches() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Documentation/ProtectingClientData.md")
    #expect(try String(contentsOf: url, encoding: .utf8).contains(RoleMatrix.standard.markdownTable))
  }

  /// The example SOP file in Documentation/Samples/privacy loads and changes exactly its rows.
  @Test func sampleSOPFile() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Documentation/Samples/privacy/sop-role-matrix.json")
    let sop = try JSONDecoder().decode(RoleMatrix.self, from: Data(contentsOf: url))
    let matrix = RoleMatrix.standard.overriding(with: sop)
    #expect(Set(sop.grants.keys) == [.beginGuidance, .reinstate])
    for action in ProtectedAction.allCases where sop.grants[action] == nil {
      #expect(matrix.grants[action] == RoleMatrix.standard.grants[action])
    }
    #expect(matrix.grants[.beginGuidance]?.roles == [.kasubsiKasi] && !matrix.pkOnlyOnOwnCases)
    // With the own-case rule off, another BKD PK may record a BAP on an adult's case.
    let other = Actor(officerID: "199001012015011001", role: .pk, section: .bkd)
    #expect((try? matrix.authorize(.revocationBAP, by: other, on: Self.adultCase())) != nil)
  }
}
