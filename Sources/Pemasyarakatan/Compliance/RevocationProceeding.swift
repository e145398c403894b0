import AssessmentEngine

/// The revocation (*pencabutan*) of PB, CMB or CB as a sequence of recorded steps, each with who did it
/// and when.
///
/// Workflow (Kanwil Kemenkumham service standards per Permenkumham 3/2018; sippn.menpan.go.id) [C]:
/// 1. a complaint is recorded in a **BAP** (berita acara pemeriksaan);
/// 2. Bapas staff **examine** the client;
/// 3. the Bapas **TPP** holds a sidang and recommends;
/// 4. the **head of Bapas suspends** (*cabut sementara*) the programme;
/// 5. the head **reports upward** to the Minister for final revocation.
/// A TPP that recommends against suspension ends the proceeding (``RevocationState/dismissed``).
///
/// JSON: `{"grounds": ["missedReports"], "steps": [{"state": "bapRecorded", "date": "2025-09-01",
/// "actorID": "1987…", "actorRole": "pk", "reference": "BAP/09/2025"}, …]}`.
public struct RevocationProceeding: Sendable, Hashable, Codable {
  /// The grounds relied on.
  public var grounds: [ComplianceFlagKind]
  /// The steps in order.
  public private(set) var steps: [RevocationStep]

  /// Opens a proceeding with its first step, the BAP.
  public init(grounds: [ComplianceFlagKind], bap: RevocationStep) throws(RevocationError) {
    self.grounds = grounds
    self.steps = []
    try record(bap)
  }

  /// The state after the last step.
  public var state: RevocationState { steps.last?.state ?? .notStarted }

  /// Records the next step.
  ///
  /// - Throws: ``RevocationError`` when the step is out of order, done by the wrong role, or dated before
  ///   the previous step.
  public mutating func record(_ step: RevocationStep) throws(RevocationError) {
    guard state.allowedNext.contains(step.state) else {
      throw .outOfOrder(current: state, attempted: step.state)
    }
    guard step.state.requiredRoles.contains(step.actorRole) else {
      throw .wrongActor(step: step.state, role: step.actorRole)
    }
    if let last = steps.last, step.date < last.date {
      throw .dateBeforePrevious(previous: last.date, date: step.date)
    }
    steps.append(step)
  }

  /// The step that reached `state`, if any.
  public func step(_ state: RevocationState) -> RevocationStep? { steps.first { $0.state == state } }

  enum CodingKeys: String, CodingKey { case grounds, steps }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    grounds = try c.decodeIfPresent([ComplianceFlagKind].self, forKey: .grounds) ?? []
    steps = try c.decode([RevocationStep].self, forKey: .steps)
  }

  /// Replays the steps through ``record(_:)``; the first problem with its 0-based index.
  public func validationIssue() -> (index: Int, error: RevocationError)? {
    var copy = RevocationProceeding(grounds: grounds, steps: [])
    for (i, s) in steps.enumerated() {
      do throws(RevocationError) { try copy.record(s) } catch { return (i, error) }
    }
    return nil
  }

  private init(grounds: [ComplianceFlagKind], steps: [RevocationStep]) {
    self.grounds = grounds
    self.steps = steps
  }
}

/// One step of a revocation proceeding.
///
/// JSON: `{"state": "suspendedByHead", "date": "2025-09-10", "actorID": "1970…", "actorRole":
/// "headOfBapas", "reference": "SK/…", "note": "…"}` (`reference`, `note` optional).
public struct RevocationStep: Sendable, Hashable, Codable {
  /// The state the step reaches.
  public var state: RevocationState
  /// The day it was done.
  public var date: CivilDate
  /// Who did it.
  public var actorID: OfficerID
  /// In what role.
  public var actorRole: RevocationActorRole
  /// A document number.
  public var reference: String?
  /// Free text.
  public var note: String?
  /// Creates a step.
  public init(
    state: RevocationState, date: CivilDate, actorID: OfficerID, actorRole: RevocationActorRole,
    reference: String? = nil, note: String? = nil
  ) {
    self.state = state
    self.date = date
    self.actorID = actorID
    self.actorRole = actorRole
    self.reference = reference
    self.note = note
  }
}

/// The states of a revocation proceeding.
public enum RevocationState: String, WireEnum {
  /// Nothing recorded yet.
  case notStarted
  /// 1. The complaint is recorded in a BAP.
  case bapRecorded
  /// 2. The client has been examined.
  case examined
  /// 3. The TPP recommends suspension.
  case tppRecommendedSuspension
  /// 3'. The TPP recommends against suspension: the proceeding ends.
  case dismissed
  /// 4. The head of Bapas suspends the programme.
  case suspendedByHead
  /// 5. Reported upward to the Minister for final revocation.
  case reportedUpward

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The states that may follow.
  public var allowedNext: [RevocationState] {
    switch self {
    case .notStarted: [.bapRecorded]
    case .bapRecorded: [.examined]
    case .examined: [.tppRecommendedSuspension, .dismissed]
    case .tppRecommendedSuspension: [.suspendedByHead]
    case .suspendedByHead: [.reportedUpward]
    case .dismissed, .reportedUpward: []
    }
  }

  /// Who may record a step reaching this state.
  public var requiredRoles: [RevocationActorRole] {
    switch self {
    case .notStarted: []
    case .bapRecorded, .examined: [.pk, .bapasStaff]
    case .tppRecommendedSuspension, .dismissed: [.tpp]
    case .suspendedByHead, .reportedUpward: [.headOfBapas]
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .notStarted: LocalizedText(id: "Belum dimulai", en: "Not started")
    case .bapRecorded: LocalizedText(id: "BAP dibuat", en: "Complaint recorded")
    case .examined: LocalizedText(id: "Klien diperiksa", en: "Client examined")
    case .tppRecommendedSuspension: LocalizedText(id: "Rekomendasi sidang TPP", en: "TPP recommends suspension")
    case .dismissed: LocalizedText(id: "Tidak dilanjutkan", en: "Dismissed")
    case .suspendedByHead:
      LocalizedText(id: "Dicabut sementara oleh Kepala Bapas", en: "Suspended by the head of Bapas")
    case .reportedUpward: LocalizedText(id: "Dilaporkan kepada Menteri", en: "Reported to the Minister")
    }
  }
}

/// The role in which someone records a revocation step.
public enum RevocationActorRole: String, WireEnum {
  /// The client's PK.
  case pk
  /// Other Bapas staff.
  case bapasStaff
  /// The Tim Pengamat Pemasyarakatan (recorded by its chair or secretary).
  case tpp
  /// The head of Bapas (Kabapas).
  case headOfBapas
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .pk: LocalizedText(id: "Pembimbing Kemasyarakatan", en: "Probation officer")
    case .bapasStaff: LocalizedText(id: "Petugas Bapas", en: "Bapas staff")
    case .tpp: LocalizedText(id: "Tim Pengamat Pemasyarakatan", en: "Corrections review board")
    case .headOfBapas: LocalizedText(id: "Kepala Bapas", en: "Head of Bapas")
    }
  }
}

/// Why a revocation step is refused.
public enum RevocationError: Error, Equatable, Hashable, Codable, Sendable, RedactableDescription {
  /// The step does not follow from the current state.
  case outOfOrder(current: RevocationState, attempted: RevocationState)
  /// The step was recorded by a role that may not take it.
  case wrongActor(step: RevocationState, role: RevocationActorRole)
  /// The step is dated before the previous one.
  case dateBeforePrevious(previous: CivilDate, date: CivilDate)

  /// A one-sentence explanation.
  public var description: String {
    switch self {
    case .outOfOrder(let current, let attempted):
      let next = current.allowedNext.map { "'\($0.label.english)'" }.joined(separator: " or ")
      return
        "'\(attempted.label.english)' cannot follow '\(current.label.english)'; the next step is \(next.isEmpty ? "none (the proceeding is over)" : next)."
    case .wrongActor(let step, let role):
      let roles = step.requiredRoles.map { $0.label.english.lowercased() }.joined(separator: " or ")
      return "'\(step.label.english)' must be recorded by the \(roles), not by the \(role.label.english.lowercased())."
    case .dateBeforePrevious(let p, let d):
      return
        "The step on \(Redaction.bare(d.description)) is dated before the previous step on \(Redaction.bare(p.description))."
    }
  }
}
