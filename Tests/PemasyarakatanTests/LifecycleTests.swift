import AssessmentEngine
import Testing

@testable import Pemasyarakatan

@Suite("Case lifecycle")
struct LifecycleTests {
  /// The expected state × event table, written out independently of `CaseLifecycle.target`.
  /// `nil` = illegal. Reinstate returns to the stage before suspension (tahapAwal on the path below).
  /// A case starts in tahap awal at reception (seeds/004_413d9b83f2db0785.txt:76–82); approving the
  /// tahap-awal programme keeps it there.
  static let expected: [CaseStage: [CaseEvent: CaseStage]] = [
    .tahapAwal: [.beginGuidance: .tahapAwal, .advanceToLanjutan: .tahapLanjutan, .suspend: .suspended],
    .tahapLanjutan: [.advanceToAkhir: .tahapAkhir, .suspend: .suspended],
    .tahapAkhir: [.close: .pengakhiran, .suspend: .suspended],
    .suspended: [.reinstate: .tahapAwal, .revoke: .revoked],
    .pengakhiran: [:],
    .revoked: [:],
  ]

  /// Legal event paths from reception to each stage.
  static let pathTo: [CaseStage: [CaseEvent]] = [
    .tahapAwal: [.beginGuidance],
    .tahapLanjutan: [.beginGuidance, .advanceToLanjutan],
    .tahapAkhir: [.beginGuidance, .advanceToLanjutan, .advanceToAkhir],
    .pengakhiran: [.beginGuidance, .advanceToLanjutan, .advanceToAkhir, .close],
    .suspended: [.beginGuidance, .suspend],
    .revoked: [.beginGuidance, .suspend, .revoke],
  ]

  static func newCase() -> CaseFile {
    let client = Client(
      id: "K-1", name: "Made S.", birthDate: d("1994-06-30"), sex: .male, legalBasis: .pembebasanBersyarat)
    return CaseFile(
      id: "C-1", bapasCode: "DPS", officerID: "PK-1", client: client, receivedOn: d("2025-01-20"),
      guidancePeriod: CivilDateInterval(start: d("2025-01-20"), end: d("2027-01-10")))
  }

  static func caseAt(_ stage: CaseStage) throws -> CaseFile {
    var file = newCase()
    var day = d("2025-01-20")
    for event in pathTo[stage] ?? [] {
      day = day.adding(days: 10)
      try file.apply(event, on: day, decision: TPPDecision(date: day, reference: "TPP", outcome: event.requiredOutcome))
    }
    #expect(file.stage == stage)
    return file
  }

  static let table: [(CaseStage, CaseEvent)] = CaseStage.allCases.flatMap { s in CaseEvent.allCases.map { (s, $0) } }

  @Test(arguments: table)
  func stateEventTable(stage: CaseStage, event: CaseEvent) throws {
    var file = try Self.caseAt(stage)
    let day = (file.transitions.last?.date ?? file.receivedOn).adding(days: 1)
    let decision = TPPDecision(date: day, reference: "TPP-x", outcome: event.requiredOutcome)
    if let target = Self.expected[stage]?[event] {
      try file.apply(event, on: day, decision: decision)
      #expect(file.stage == target)
    } else {
      #expect(throws: LifecycleError.illegalTransition(from: stage, event: event)) {
        try file.apply(event, on: day, decision: decision)
      }
      #expect(file.stage == stage)  // nothing changed
    }
    #expect((CaseLifecycle.target(from: stage, on: event, resuming: .tahapAwal)) == Self.expected[stage]?[event])
  }

  @Test(arguments: [CaseStage.tahapAwal, .tahapLanjutan, .tahapAkhir])
  func reinstateReturnsToTheStageSuspendedFrom(stage: CaseStage) throws {
    var file = try Self.caseAt(stage)
    let day = (file.transitions.last?.date ?? file.receivedOn).adding(days: 1)
    try file.apply(.suspend, on: day, decision: tpp(day.description, .recommendSuspension))
    #expect(file.stageBeforeSuspension == stage)
    try file.apply(
      .reinstate, on: day.adding(days: 5), decision: tpp(day.adding(days: 5).description, .recommendReinstatement))
    #expect(file.stage == stage)
  }

  @Test func everyEventNeedsTheMatchingTPPOutcome() throws {
    var file = Self.newCase()
    #expect(throws: LifecycleError.tppOutcomeMismatch(event: .beginGuidance, outcome: .approveStageAdvance)) {
      try file.apply(.beginGuidance, on: d("2025-02-01"), decision: tpp("2025-02-01", .approveStageAdvance))
    }
    #expect(throws: LifecycleError.tppOutcomeMismatch(event: .beginGuidance, outcome: .noChange)) {
      try file.apply(.beginGuidance, on: d("2025-02-01"), decision: tpp("2025-02-01", .noChange))
    }
  }

  @Test func decisionMustPrecedeTheChange() {
    var file = Self.newCase()
    #expect(throws: LifecycleError.tppDecisionAfterTransition(decision: d("2025-02-02"), transition: d("2025-02-01"))) {
      try file.apply(.beginGuidance, on: d("2025-02-01"), decision: tpp("2025-02-02", .approveGuidancePlan))
    }
  }

  @Test func changesAreInDateOrder() throws {
    var file = Self.newCase()
    #expect(throws: LifecycleError.transitionBeforePrevious(previous: d("2025-01-20"), date: d("2025-01-19"))) {
      try file.apply(.beginGuidance, on: d("2025-01-19"), decision: tpp("2025-01-19", .approveGuidancePlan))
    }
    try file.apply(.beginGuidance, on: d("2025-02-01"), decision: tpp("2025-02-01", .approveGuidancePlan))
    #expect(throws: LifecycleError.transitionBeforePrevious(previous: d("2025-02-01"), date: d("2025-01-31"))) {
      try file.apply(.advanceToLanjutan, on: d("2025-01-31"), decision: tpp("2025-01-30", .approveStageAdvance))
    }
  }

  @Test func replayReportsTheIndexOfTheFirstBadTransition() {
    let transitions = [
      StageTransition(
        event: .beginGuidance, date: d("2025-02-01"), tppDecision: tpp("2025-02-01", .approveGuidancePlan)),
      StageTransition(event: .close, date: d("2025-03-01"), tppDecision: tpp("2025-03-01", .approveClosing)),
    ]
    #expect(throws: LifecycleIssue(index: 1, error: .illegalTransition(from: .tahapAwal, event: .close))) {
      try CaseLifecycle.replay(transitions, receivedOn: d("2025-01-20"))
    }
  }

  @Test func errorMessagesNameStageAndEvent() {
    let e = LifecycleError.illegalTransition(from: .tahapAwal, event: .close)
    #expect(e.description == "'Close guidance' is not possible in the stage 'Initial stage' (Tahap awal).")
  }
}
