import Foundation
import Testing

@testable import Pemasyarakatan

/// One test per class of bad input, asserting the exact error (path and reason).
@Suite("Case-file import: bad input")
struct ImportTests {
  /// A valid case file as another tool might write it. Fragments can be replaced per test.
  static func json(
    legalBasis: String = #""pembebasanBersyarat""#, birthDate: String = #""1994-06-30""#,
    ageCategory: String? = nil, releasedOn: String = #""2025-01-20""#,
    transitions: String =
      #"[{"event": "beginGuidance", "date": "2025-02-03", "tppDecision": {"date": "2025-02-03", "reference": "TPP/02/2025", "outcome": "approveGuidancePlan"}}]"#,
    contactModality: String = #""officeVisit""#, officerID: String? = #""PK-1""#
  ) -> String {
    """
    {"id": "C-1", "bapasCode": "DPS", \(officerID.map { "\"officerID\": \($0)," } ?? "")
     "client": {"id": "K-1", "name": "Made S.", "birthDate": \(birthDate), "sex": "male", "legalBasis": \(legalBasis),
                \(ageCategory.map { "\"ageCategory\": \($0)," } ?? "")
                "sentence": {"decisionNumber": "123/Pid.B/2023/PN Dps", "length": {"years": 3},
                             "countingStart": "2023-01-10", "releasedOn": \(releasedOn)}},
     "receivedOn": "2025-01-20",
     "guidancePeriod": {"start": "2025-01-20", "end": "2027-01-10"},
     "transitions": \(transitions),
     "contacts": [{"id": "c1", "date": "2025-02-10", "officerID": "PK-1", "modality": \(contactModality),
                   "purpose": "wajibLapor", "attendance": "attended"}]}
    """
  }

  func decodeError(_ text: String) -> CaseFileError? {
    do {
      _ = try CaseFileImport.decode(Data(text.utf8))
      return nil
    } catch { return error }
  }

  @Test func validFileDecodes() throws {
    let file = try CaseFileImport.decode(Data(Self.json().utf8))
    #expect(file.stage == .tahapAwal)
    #expect(file.contacts.count == 1)
    #expect(file.reportingSchedule == .monthly)  // default when absent
  }

  @Test func unknownEnumValueNamesPathAndAllowedValues() {
    let e = decodeError(Self.json(contactModality: #""telepathy""#))
    #expect(e?.path == "$.contacts[0].modality")
    #expect(
      e?.reason
        == .unknownValue(
          value: "telepathy", type: "ContactModality",
          allowed: ["officeVisit", "homeVisit", "videoCall", "mobileCounselling", "groupSession"]))
    #expect(
      e?.description
        == "$.contacts[0].modality: 'telepathy' is not a known ContactModality; please use one of 'officeVisit', 'homeVisit', 'videoCall', 'mobileCounselling', 'groupSession'."
    )
  }

  @Test func missingRequiredField() {
    let e = decodeError(Self.json(officerID: nil))
    #expect(e == CaseFileError(path: "$.officerID", reason: .missingField(name: "officerID")))
  }

  @Test func wrongType() {
    let e = decodeError(Self.json(birthDate: "19940630"))
    #expect(e == CaseFileError(path: "$.client.birthDate", reason: .wrongType(expected: "a string")))
  }

  @Test func invalidDate() {
    let e = decodeError(Self.json(birthDate: #""1994-02-30""#))
    #expect(e == CaseFileError(path: "$.client.birthDate", reason: .invalidDate(text: "1994-02-30")))
  }

  @Test func releaseBeforeSentenceStart() {
    let e = decodeError(Self.json(releasedOn: #""2022-12-31""#))
    #expect(
      e
        == CaseFileError(
          path: "$.client.sentence.releasedOn",
          reason: .datesOutOfOrder(
            earlierField: "client.sentence.countingStart", earlierDate: d("2023-01-10"),
            laterField: "client.sentence.releasedOn", laterDate: d("2022-12-31"))))
  }

  @Test func childFlaggedAdultByBirthDate() {
    // Born 2008-03-01: 16 years old on 2025-01-20 (reception), so a child, whatever the other tool says.
    let e = decodeError(Self.json(legalBasis: #""diversi""#, birthDate: #""2008-03-01""#, ageCategory: #""adult""#))
    #expect(
      e
        == CaseFileError(
          path: "$.client.ageCategory",
          reason: .ageCategoryContradictsBirthDate(declared: .adult, derived: .child, age: 16, on: d("2025-01-20"))))
  }

  @Test func legalBasisForTheWrongAge() {
    let e = decodeError(Self.json(legalBasis: #""diversi""#))
    #expect(
      e
        == CaseFileError(
          path: "$.client.legalBasis", reason: .legalBasisNotForAge(basis: .diversi, ageCategory: .adult)))
  }

  @Test func stageChangeWithoutTPPDecision() {
    let e = decodeError(Self.json(transitions: #"[{"event": "beginGuidance", "date": "2025-02-03"}]"#))
    #expect(e == CaseFileError(path: "$.transitions[0].tppDecision", reason: .stageChangeWithoutTPPDecision))
    let null = decodeError(
      Self.json(transitions: #"[{"event": "beginGuidance", "date": "2025-02-03", "tppDecision": null}]"#))
    #expect(null == CaseFileError(path: "$.transitions[0].tppDecision", reason: .stageChangeWithoutTPPDecision))
  }

  @Test func illegalStageChange() {
    let t =
      #"[{"event": "close", "date": "2025-02-03", "tppDecision": {"date": "2025-02-03", "reference": "x", "outcome": "approveClosing"}}]"#
    let e = decodeError(Self.json(transitions: t))
    #expect(
      e
        == CaseFileError(
          path: "$.transitions[0].event", reason: .lifecycle(.illegalTransition(from: .tahapAwal, event: .close))))
  }

  @Test func tppOutcomeNotMatchingTheEvent() {
    let t =
      #"[{"event": "beginGuidance", "date": "2025-02-03", "tppDecision": {"date": "2025-02-03", "reference": "x", "outcome": "recommendSuspension"}}]"#
    let e = decodeError(Self.json(transitions: t))
    #expect(
      e
        == CaseFileError(
          path: "$.transitions[0].tppDecision.outcome",
          reason: .lifecycle(.tppOutcomeMismatch(event: .beginGuidance, outcome: .recommendSuspension))))
  }

  @Test func malformedJSON() {
    let e = decodeError("{not json")
    #expect(e?.path == "$")
    if case .malformedJSON = e?.reason {} else { Issue.record("expected malformedJSON, got \(String(describing: e))") }
  }

  @Test func validateFindsEveryProblemInOneFile() {
    var file = LifecycleTests.newCase()
    file.reportingSchedule = ReportingSchedule(every: 2, unit: .month)
    file.contacts = [
      Contact(
        id: "c", date: d("2025-02-01"), officerID: "PK-1", modality: .homeVisit, purpose: .guidance,
        attendance: .excused),
      Contact(
        id: "c", date: d("2025-02-02"), officerID: "PK-1", modality: .homeVisit, purpose: .guidance,
        attendance: .attended),
    ]
    #expect(
      file.validate() == [
        CaseFileError(path: "$.reportingSchedule", reason: .reportingLessThanMonthly(every: 2, unit: .month)),
        CaseFileError(path: "$.contacts[0].excuseReason", reason: .excusedWithoutReason),
        CaseFileError(path: "$.contacts[1].id", reason: .duplicateID(id: "c")),
      ])
  }

  @Test func batchKeepsGoodRecordsAndReportsEveryBadOne() {
    let batch =
      "["
      + [
        Self.json(),
        Self.json(contactModality: #""telepathy""#),
        Self.json(releasedOn: #""2022-12-31""#),
        #"{"id": 7}"#,
        Self.json(),
      ].joined(separator: ",") + "]"
    let result = CaseFileImport.decodeBatch(Data(batch.utf8))
    #expect(result.records.count == 2)
    #expect(result.rejectedIndices == [1, 2, 3])
    #expect(result.errors.map(\.path) == ["$[1].contacts[0].modality", "$[2].client.sentence.releasedOn", "$[3].id"])
    #expect(result.errors[2].reason == .wrongType(expected: "a string"))
  }

  @Test func batchWithWrongTopLevel() {
    let result = CaseFileImport.decodeBatch(Data(Self.json().utf8))
    #expect(result.records.isEmpty)
    #expect(result.errors == [CaseFileError(path: "$", reason: .wrongType(expected: "an array"))])
  }

  @Test func errorsAreCodable() throws {
    let e = CaseFileError(path: "$.x", reason: .lifecycle(.illegalTransition(from: .tahapAwal, event: .close)))
    #expect(try roundTrip(e) == e)
  }
}
