import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@testable import Pemasyarakatan

/// A date literal for tests: `d("2025-01-10")`. Test inputs are fixed strings, so a bad one is a bug in
/// the test and should fail loudly rather than be skipped.
func d(_ text: String) -> CivilDate {
  do { return try CivilDate(iso: text) } catch {
    Issue.record("bad test date \(text)")
    return CivilDate(dayNumber: 0)
  }
}

func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  let data = try encoder.encode(value)
  return try JSONDecoder().decode(T.self, from: data)
}

func tpp(_ date: String, _ outcome: TPPOutcome, _ ref: String = "TPP") -> TPPDecision {
  TPPDecision(date: d(date), reference: ref, outcome: outcome)
}

/// Random model values for round-trip tests.
struct Generator {
  var rng: SplitMix64

  mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
  mutating func bool() -> Bool { Bool.random(using: &rng) }
  mutating func pick<E: CaseIterable>(_: E.Type) -> E {
    let all = Array(E.allCases)
    return all[int(0...(all.count - 1))]
  }
  mutating func text() -> String {
    let words = [
      "Made", "Ketut", "Jl. Gatot Subroto", "Denpasar", "ikan lele", "\"quoted\"", "ümlaut", "🙂", "", "a\nb",
    ]
    return words[int(0...(words.count - 1))] + String(int(0...999))
  }
  mutating func date() -> CivilDate { CivilDate(dayNumber: int(-20_000...40_000)) }
  mutating func duration() -> CivilDuration {
    CivilDuration(years: int(0...10), months: int(0...11), days: int(0...30))
  }
  mutating func optional<T>(_ make: (inout Generator) -> T) -> T? { bool() ? make(&self) : nil }
  mutating func array<T>(_ max: Int, _ make: (inout Generator) -> T) -> [T] {
    (0..<int(0...max)).map { _ in make(&self) }
  }

  mutating func client() -> Client {
    Client(
      id: ClientID(text()), name: text(), birthDate: date(), sex: pick(Sex.self), legalBasis: pick(LegalBasis.self),
      sentence: optional {
        SentenceData(
          decisionNumber: $0.text(), length: $0.duration(), countingStart: $0.date(), remission: $0.duration(),
          releasedOn: $0.optional { $0.date() })
      },
      addresses: array(3) { AddressRecord(address: $0.text(), from: $0.date(), reportedOn: $0.optional { $0.date() }) },
      contactPersons: array(2) {
        ContactPerson(
          name: $0.text(), relationship: $0.pick(ContactRelationship.self), phone: $0.optional { $0.text() })
      })
  }

  mutating func contact() -> Contact {
    Contact(
      id: ContactID(text()), date: date(), officerID: OfficerID(text()), modality: pick(ContactModality.self),
      purpose: pick(ContactPurpose.self), attendance: pick(AttendanceStatus.self), excuseReason: optional { $0.text() },
      notes: optional { $0.text() }, relationshipPhase: optional { $0.pick(RelationshipPhase.self) })
  }

  mutating func programme() -> Programme {
    Programme(
      id: ProgrammeID(text()), name: text(), category: pick(ProgrammeCategory.self), method: pick(GuidanceMethod.self),
      partnerID: optional { PartnerID($0.text()) },
      schedule: ProgrammeSchedule(
        start: date(), end: date(), recurrence: pick(Recurrence.self), hoursPerSession: Double(int(1...8)) / 2),
      capacity: int(1...40))
  }

  mutating func partner() -> PokmasLipasPartner {
    PokmasLipasPartner(
      id: PartnerID(text()), name: text(), partnerType: pick(PartnerType.self),
      focusAreas: array(2) { $0.pick(PartnerFocus.self) },
      services: array(4) { $0.pick(PartnerService.self) },
      programmeCategories: array(4) { $0.pick(ProgrammeCategory.self) },
      bapasCodes: array(2) { BapasCode($0.text()) })
  }

  mutating func litmas() -> Litmas {
    Litmas(
      id: LitmasID(text()), type: pick(LitmasType.self), purpose: pick(LitmasPurpose.self),
      requester: LitmasRequester(kind: pick(RequesterKind.self), name: text()),
      dataSources: array(5) { $0.pick(LitmasDataSource.self) },
      recommendation: text(), authorID: OfficerID(text()), date: date())
  }

  mutating func bapas() -> Bapas {
    Bapas(
      code: BapasCode(text()), name: text(), bapasClass: pick(BapasClass.self),
      workArea: array(4) { Region(name: $0.text(), kind: $0.pick(RegionKind.self)) },
      outposts: array(2) {
        PosBapas(
          code: $0.text(), name: $0.text(),
          serves: $0.array(2) { Region(name: $0.text(), kind: $0.pick(RegionKind.self)) })
      })
  }

  mutating func officer() -> Officer {
    Officer(
      id: OfficerID(text()), name: text(), rank: pick(OfficerRank.self), section: pick(BapasSection.self),
      bapasCode: BapasCode(text()), isHeadOfBapas: bool())
  }

  /// A case file with random content; transitions follow a random legal path so that `stage` is
  /// meaningful, but other fields are not made consistent (round-trip does not validate).
  mutating func caseFile() -> CaseFile {
    let received = date()
    var file = CaseFile(
      id: CaseID(text()), bapasCode: BapasCode(text()), officerID: OfficerID(text()), client: client(),
      receivedOn: received,
      guidancePeriod: CivilDateInterval(start: received, end: received.adding(days: int(0...1500))),
      reportingSchedule: ReportingSchedule(every: int(1...4), unit: pick(ReportingUnit.self)))
    var day = received
    let path: [CaseEvent] = [.beginGuidance, .advanceToLanjutan, .suspend, .reinstate, .advanceToAkhir, .close]
    for event in path.prefix(int(0...path.count)) {
      day = day.adding(days: int(0...90))
      try? file.apply(
        event, on: day,
        decision: TPPDecision(
          date: day.adding(days: -int(0...5)), reference: text(), outcome: event.requiredOutcome,
          basis: optional { $0.text() }))
    }
    file.contacts = array(5) { $0.contact() }
    file.enrolments = array(2) { g in
      Enrolment(
        programmeID: ProgrammeID(g.text()), enrolledOn: g.date(), status: g.pick(EnrolmentStatus.self),
        attendance: g.array(4) {
          SessionAttendance(date: $0.date(), status: $0.pick(AttendanceStatus.self), hours: Double($0.int(0...6)) / 2)
        })
    }
    file.litmas = array(2) { $0.litmas() }
    file.assessments = array(2) {
      AssessmentRecord(date: $0.date(), instrument: $0.text(), result: $0.optional { $0.text() })
    }
    file.legalEvents = array(2) {
      LegalStatusEvent(date: $0.date(), status: $0.pick(LegalStatus.self), reference: $0.text())
    }
    if bool() {
      file.revocation = try? RevocationProceeding(
        grounds: array(3) { $0.pick(ComplianceFlagKind.self) },
        bap: RevocationStep(
          state: .bapRecorded, date: received, actorID: OfficerID(text()), actorRole: .pk,
          reference: optional { $0.text() }, note: optional { $0.text() }))
    }
    return file
  }
}
