import AssessmentEngine

/// Why an authorised step was refused: not allowed to the actor (nothing checked further, nothing
/// changed), or allowed but refused by the operation it wraps.
public enum AuthorizedStepError: Error, Equatable, Hashable, Sendable, RedactableDescription {
  /// The role matrix refuses the actor.
  case unauthorized(AuthorizationError)
  /// The lifecycle refuses the event.
  case lifecycle(LifecycleError)
  /// The revocation proceeding refuses the step.
  case revocation(RevocationError)
  /// The override policy refuses the override.
  case override(OverrideError)

  /// The wrapped error's sentence.
  public var description: String {
    switch self {
    case .unauthorized(let e): e.description
    case .lifecycle(let e): e.description
    case .revocation(let e): e.description
    case .override(let e): e.description
    }
  }
}

/// The authorising entry points: each checks the actor against a ``RoleMatrix``, then delegates to the
/// existing operation unchanged, then appends an ``AuditEntry``. A refused step throws and changes
/// neither the case nor the trail.
///
/// These wrap ``CaseFile/apply(_:on:decision:)``, ``RevocationProceeding/record(_:)`` and
/// ``OverridePolicy/override(_:to:reason:approval:officerID:instrument:)``; they do not reach inside
/// them, so the lifecycle's own rules (stages, TPP outcomes, dates) keep applying as they are.
extension CaseFile {
  /// Records a stage change by `actor` (see ``apply(_:on:decision:)``) and logs it.
  ///
  /// - Throws: ``AuthorizedStepError/unauthorized(_:)`` before anything else; then the lifecycle's errors.
  public mutating func apply(
    _ event: CaseEvent, on date: CivilDate, decision: TPPDecision, by actor: Actor, at time: AuditTimestamp,
    matrix: RoleMatrix = .standard, audit: inout AuditTrail
  ) throws(AuthorizedStepError) {
    do { try matrix.authorize(ProtectedAction(event), by: actor, on: self) } catch { throw .unauthorized(error) }
    let before = stage
    do { try apply(event, on: date, decision: decision) } catch { throw .lifecycle(error) }
    audit.append(
      at: time, actor: actor, action: ProtectedAction(event).rawValue, subject: id.rawValue, before: before.rawValue,
      after: stage.rawValue)
  }

  /// Checks that `actor` may record the sidang TPP `decision` for this case, logs it, and returns it for
  /// use in ``apply(_:on:decision:by:at:matrix:audit:)``.
  public func recordTPPDecision(
    _ decision: TPPDecision, by actor: Actor, at time: AuditTimestamp, matrix: RoleMatrix = .standard,
    audit: inout AuditTrail
  ) throws(AuthorizedStepError) -> TPPDecision {
    do { try matrix.authorize(.recordTPPDecision, by: actor, on: self) } catch { throw .unauthorized(error) }
    audit.append(
      at: time, actor: actor, action: ProtectedAction.recordTPPDecision.rawValue, subject: id.rawValue, before: nil,
      after: decision.outcome.rawValue)
    return decision
  }

  /// Records the next revocation step (opening the proceeding with its BAP when there is none) by
  /// `actor`, who must be the officer the step names, and logs it.
  public mutating func recordRevocationStep(
    _ step: RevocationStep, grounds: [ComplianceFlagKind] = [], by actor: Actor, at time: AuditTimestamp,
    matrix: RoleMatrix = .standard, audit: inout AuditTrail
  ) throws(AuthorizedStepError) {
    guard let action = ProtectedAction(step.state) else {
      throw .revocation(.outOfOrder(current: revocation?.state ?? .notStarted, attempted: step.state))
    }
    do { try matrix.authorize(action, by: actor, on: self) } catch { throw .unauthorized(error) }
    guard step.actorID == actor.officerID else {
      throw .unauthorized(.actorMismatch(recorded: step.actorID, actor: actor.officerID))
    }
    let before = revocation?.state ?? .notStarted
    do {
      if var proceeding = revocation {
        try proceeding.record(step)
        revocation = proceeding
      } else {
        revocation = try RevocationProceeding(grounds: grounds, bap: step)
      }
    } catch { throw .revocation(error) }
    audit.append(
      at: time, actor: actor, action: action.rawValue, subject: id.rawValue, before: before.rawValue,
      after: step.state.rawValue)
  }

  /// Adds an assessment recorded by `assessor` and approved by `approver`, and logs both steps.
  public mutating func addAssessment(
    _ record: AssessmentRecord, assessedBy assessor: Actor, approvedBy approver: Actor, at time: AuditTimestamp,
    matrix: RoleMatrix = .standard, audit: inout AuditTrail
  ) throws(AuthorizedStepError) {
    do {
      try matrix.authorize(.recordAssessment, by: assessor, on: self)
      try matrix.authorize(.approveAssessment, by: approver, on: self)
    } catch { throw .unauthorized(error) }
    let before = assessments.count
    assessments.append(record)
    audit.append(
      at: time, actor: assessor, action: ProtectedAction.recordAssessment.rawValue, subject: id.rawValue,
      before: String(before), after: String(assessments.count))
    audit.append(
      at: time, actor: approver, action: ProtectedAction.approveAssessment.rawValue, subject: id.rawValue, before: nil,
      after: "approved")
  }
}

extension BapasApprover {
  /// The override approver for a Bapas role (TPP members and secretary sign for the sidang TPP).
  public init(_ role: BapasRole) {
    switch role {
    case .pk: self = .pk
    case .kasubsiKasi: self = .kasieOrKasubsi
    case .kepalaBapas, .kanwil: self = .kabapas
    case .tppMember, .tppSecretary: self = .sidangTPP
    }
  }
}

extension OverridePolicy {
  /// An override proposed by `proposer` and approved by `approver` on `file`'s assessment: both are
  /// checked against `matrix`, then the policy's own rules apply (levels, reason, approver level), and
  /// the approval is logged with the computed and final bands.
  public func override(
    _ assessment: RiskAssessment, to band: String, reason: OverrideReason?, proposedBy proposer: Actor,
    approvedBy approver: Actor,
    on date: CivilDate, instrument: RiskInstrumentDefinition, case file: CaseFile, at time: AuditTimestamp,
    matrix: RoleMatrix = .standard, audit: inout AuditTrail
  ) throws(AuthorizedStepError) -> RiskOverride {
    do {
      try matrix.authorize(.proposeOverride, by: proposer, on: file)
      try matrix.authorize(.approveOverride, by: approver, on: file)
    } catch { throw .unauthorized(error) }
    let result: RiskOverride
    do {
      result = try override(
        assessment, to: band, reason: reason,
        approval: BapasApprover(approver.role).approval(by: approver.officerID, on: date),
        officerID: proposer.officerID.rawValue, instrument: instrument)
    } catch { throw .override(error) }
    audit.append(
      at: time, actor: approver, action: ProtectedAction.approveOverride.rawValue, subject: file.id.rawValue,
      before: result.computed.band, after: result.final.band)
    return result
  }
}
