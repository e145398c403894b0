import AssessmentEngine
import Foundation
import Testing
import WorkingAlliance

@testable import Pemasyarakatan

/// Every error kind that can carry an id value or a cell's text: its redacted description keeps the
/// location and the kind, and never the value. Each case also checks that the full description does
/// show the value, so the test would catch a value moved outside ``Redaction/quote(_:)``.
@Suite("Redacted descriptions")
struct RedactionTests {
  static let s = "SECRET-7731"

  func check(
    _ error: some RedactableDescription, keeps: [String], secret: String = s,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      error.description(.full).contains(secret), "full text should show the value", sourceLocation: sourceLocation)
    let redacted = error.redactedDescription
    #expect(!redacted.contains(secret), "\(redacted)", sourceLocation: sourceLocation)
    for k in keeps { #expect(redacted.contains(k), "lost '\(k)': \(redacted)", sourceLocation: sourceLocation) }
  }

  @Test func inputIssueEveryKindWithAValue() {
    let kinds: [(InputIssue.Kind, String)] = [
      (.notAnInteger, "not a whole number"), (.outOfRange(min: 1, max: 5, excluded: []), "outside the response scale"),
    ]
    for (kind, words) in kinds {
      let issue = InputIssue(line: 8, column: 11, field: 3, columnName: "item2", value: Self.s, kind: kind)
      check(issue, keeps: ["column 'item2'", words, Redaction.placeholder])
      #expect(
        Redaction.rendering(.redacted) { issue.rendered(file: "f.csv") }.hasPrefix("f.csv:8:11: error: column 'item2':")
      )
    }
    // The other kinds carry no cell text; their description is the same either way.
    let valueless: [InputIssue.Kind] = [
      .wrongFieldCount(expected: 3, found: 2), .unterminatedQuote, .textAfterQuote,
      .missingColumns(["item9"], suggestions: [:]), .duplicateColumn("item1"), .missingIDColumn("id"), .emptyFile,
    ]
    for kind in valueless {
      let issue = InputIssue(line: 2, column: 1, value: nil, kind: kind)
      #expect(issue.redactedDescription == issue.description)
    }
  }

  @Test func caseFileErrorEveryReason() {
    let day = d("2009-05-17")
    check(
      CaseFileError(
        path: "$[2].client.sex", reason: .unknownValue(value: Self.s, type: "Sex", allowed: ["male", "female"])),
      keeps: ["$[2].client.sex", "is not a known Sex", "'male'"])
    check(
      CaseFileError(path: "$.receivedOn", reason: .invalidDate(text: Self.s)),
      keeps: ["$.receivedOn", "is not a valid date"])
    check(
      CaseFileError(path: "$.contacts[1].id", reason: .duplicateID(id: Self.s)),
      keeps: ["$.contacts[1].id", "used more than once"])
    check(
      CaseFileError(path: "$", reason: .malformedJSON(detail: "unexpected \(Self.s)")),
      keeps: ["$: the text is not a valid case file"])
    check(
      CaseFileError(
        path: "$.client.birthDate",
        reason: .datesOutOfOrder(
          earlierField: "client.birthDate", earlierDate: day, laterField: "receivedOn", laterDate: d("2008-01-01"))),
      keeps: ["client.birthDate", "receivedOn"], secret: "2009-05-17")
    check(
      CaseFileError(
        path: "$.client.ageCategory",
        reason: .ageCategoryContradictsBirthDate(declared: .adult, derived: .child, age: 16, on: day)),
      keeps: ["recorded as adult", "makes them child"], secret: "2009-05-17")
    // Reasons that hold only vocabulary, paths or numbers from the rules: unchanged by redaction.
    let plain: [CaseFileError.Reason] = [
      .missingField(name: "id"), .wrongType(expected: "a string"),
      .legalBasisNotForAge(basis: .diversi, ageCategory: .adult),
      .stageChangeWithoutTPPDecision, .reportingLessThanMonthly(every: 2, unit: .month), .excusedWithoutReason,
      .revocation(.outOfOrder(current: .notStarted, attempted: .examined)),
      .revocation(.wrongActor(step: .suspendedByHead, role: .pk)),
      .lifecycle(.illegalTransition(from: .tahapAwal, event: .close)),
      .lifecycle(.tppOutcomeMismatch(event: .close, outcome: .noChange)),
      .sentence(.negativeDuration(field: "remission")),
    ]
    for r in plain {
      let e = CaseFileError(path: "$.x", reason: r)
      #expect(e.redactedDescription == e.description, "\(r)")
    }
  }

  @Test func datesInLifecycleAndRevocation() {
    check(
      LifecycleError.tppDecisionAfterTransition(decision: d("2031-02-03"), transition: d("2031-01-01")),
      keeps: ["sidang TPP"], secret: "2031-02-03")
    check(
      LifecycleError.transitionBeforePrevious(previous: d("2031-02-03"), date: d("2031-01-01")),
      keeps: ["stage change"], secret: "2031-02-03")
    check(
      RevocationError.dateBeforePrevious(previous: d("2031-02-03"), date: d("2031-01-01")), keeps: ["previous step"],
      secret: "2031-02-03")
  }

  @Test func unknownWireValue() {
    check(UnknownWireValue(type: "Sex", value: Self.s, allowed: ["male"]), keeps: ["is not a known Sex"])
  }

  @Test func allianceErrors() {
    for kind in [AllianceRowError.Kind.invalidSession, .invalidDate, .unknownRater] {
      check(
        AllianceRowError(line: 4, column: "sesi", value: Self.s, kind: kind),
        keeps: ["column 'sesi'", "The row is left out"])
    }
    let empty = AllianceRowError(line: 4, column: "klien", value: "", kind: .emptyDyad)
    #expect(empty.redactedDescription == empty.description)
    check(DyadAllianceError(kind: .twoSeriesForRater(dyad: Self.s, rater: .client)), keeps: ["has two client series"])
    check(DyadAllianceError(kind: .differentDyads([Self.s, "K-2"])), keeps: ["one dyad"])
  }

  @Test func engineErrors() {
    check(
      ResponseMatrixError.valueOutOfScale(row: 2, column: "item1", value: 987_654), keeps: ["Row 3", "column 'item1'"],
      secret: "987654")
    check(
      RiskScoringError(problems: [.answerNotInTable(item: "ch2", answer: Self.s, allowed: ["no", "yes"])]),
      keeps: ["Item 'ch2'", "'no'"])
  }

  @Test func authorizationErrors() {
    check(AuthorizationError.childCaseNeedsBKA(action: .close, officerID: OfficerID(Self.s)), keeps: ["BKA section"])
    check(
      AuthorizationError.notTheCasePK(action: .close, officerID: OfficerID(Self.s)),
      keeps: ["is not the PK of this case"])
    check(AuthorizationError.actorMismatch(recorded: OfficerID(Self.s), actor: "B"), keeps: ["The step names officer"])
    let role = AuthorizationError.roleNotAllowed(action: .close, role: .pk, allowed: [.kepalaBapas])
    #expect(role.redactedDescription == role.description)
    check(
      AuthorizedStepError.unauthorized(.notTheCasePK(action: .close, officerID: OfficerID(Self.s))),
      keeps: ["is not the PK"])
    // Audit breaks carry positions, not content.
    let b = AuditBreak(index: 3, reason: .contentChanged)
    #expect(b.redactedDescription == b.description && b.description.hasPrefix("entry 3 (line 4)"))
  }

  @Test func assertiveTrainingIssues() {
    check(
      AssertiveTrainingIssue(path: "$.sessions[0].facilitator", problem: .unknownFacilitator(OfficerID(Self.s))),
      keeps: ["$.sessions[0].facilitator", "is not listed"])
    check(
      AssertiveTrainingIssue(path: "$.sessions[0].partner", problem: .unknownPartner(PartnerID(Self.s))),
      keeps: ["is not listed"])
    check(
      AssertiveTrainingIssue(path: "$.clients[0]", client: ClientID(Self.s), problem: .clientNotEnrolled),
      keeps: ["client <redacted>", "not enrolled"])
    check(
      AssertiveTrainingIssue(
        path: "$.administrations[0]",
        problem: .responseOutOfScale(item: "icq3", value: 987_123, min: 1, max: 5, excluded: [])), keeps: ["'icq3'"],
      secret: "987123")
  }
}
