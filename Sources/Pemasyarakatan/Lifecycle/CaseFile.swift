import AssessmentEngine

/// A client's case at a Bapas, from penerimaan to pengakhiran: the client, the PK, the masa bimbingan,
/// every stage change with its sidang TPP decision, contacts, programmes, Litmas, assessments, legal
/// events and any revocation proceeding.
///
/// The current ``stage`` is derived from ``transitions``; change it only through ``apply(_:on:decision:)``,
/// which refuses an illegal transition with a typed ``LifecycleError``. Decoding (with any decoder)
/// replays the transitions and throws `DecodingError.dataCorrupted` at the offending transition, with the
/// ``LifecycleError`` as the underlying error; the other content checks are in
/// ``validate(declaredAgeCategory:)``, which ``CaseFileImport`` runs.
///
/// JSON: see `Documentation/BapasModels.md`; keys `id, bapasCode, officerID, client, receivedOn,
/// guidancePeriod, reportingSchedule, transitions, contacts, enrolments, litmas, assessments,
/// legalEvents, revocation, preReleaseSessions, closingCertificate` (the last ten optional on input,
/// `revocation` and `closingCertificate` omitted when absent).
public struct CaseFile: Sendable, Hashable, Codable, Identifiable {
  /// The case id.
  public var id: CaseID
  /// The Bapas holding the case.
  public var bapasCode: BapasCode
  /// The PK responsible.
  public var officerID: OfficerID
  /// The client.
  public var client: Client
  /// The day of penerimaan (reception and registration), the first day of tahap awal.
  public var receivedOn: CivilDate
  /// The masa bimbingan (for PB: release to expiry + 1 year; it equals the integration period in the SK).
  public var guidancePeriod: CivilDateInterval
  /// The wajib-lapor schedule.
  public var reportingSchedule: ReportingSchedule
  /// Stage changes in date order.
  public private(set) var transitions: [StageTransition]
  /// Contacts in date order.
  public var contacts: [Contact]
  /// Programme enrolments.
  public var enrolments: [Enrolment]
  /// Litmas reports.
  public var litmas: [Litmas]
  /// Risk and need assessments (the next is due 12 months after the last, Permenkumham 12/2013).
  public var assessments: [AssessmentRecord]
  /// New suspect, defendant or convict status during guidance.
  public var legalEvents: [LegalStatusEvent]
  /// The revocation proceeding, if one was opened.
  public var revocation: RevocationProceeding?
  /// Sessions preparing the client's return: the client, the family, the neighbourhood (seed 004 lines
  /// 66–68).
  public var preReleaseSessions: [PreReleaseSession]
  /// The *surat keterangan akhir pembimbingan* issued at closing (seed 004 lines 102–104), if any.
  public var closingCertificate: ClosingCertificate?

  /// Opens a case on the day of reception, in tahap awal (seed 004 lines 76–82).
  public init(
    id: CaseID, bapasCode: BapasCode, officerID: OfficerID, client: Client, receivedOn: CivilDate,
    guidancePeriod: CivilDateInterval, reportingSchedule: ReportingSchedule = .monthly
  ) {
    self.id = id
    self.bapasCode = bapasCode
    self.officerID = officerID
    self.client = client
    self.receivedOn = receivedOn
    self.guidancePeriod = guidancePeriod
    self.reportingSchedule = reportingSchedule
    self.transitions = []
    self.contacts = []
    self.enrolments = []
    self.litmas = []
    self.assessments = []
    self.legalEvents = []
    self.revocation = nil
    self.preReleaseSessions = []
    self.closingCertificate = nil
  }

  /// The current stage, by replaying ``transitions`` (the last legal stage if the record is invalid).
  public var stage: CaseStage {
    var stage = CaseStage.tahapAwal
    var resume: CaseStage?
    for t in transitions {
      guard let next = CaseLifecycle.target(from: stage, on: t.event, resuming: resume) else { break }
      if next == .suspended { resume = stage }
      stage = next
    }
    return stage
  }

  /// The stage the case was suspended from, when it is suspended.
  public var stageBeforeSuspension: CaseStage? {
    guard stage == .suspended else { return nil }
    var stage = CaseStage.tahapAwal
    var resume: CaseStage?
    for t in transitions {
      guard let next = CaseLifecycle.target(from: stage, on: t.event, resuming: resume) else { break }
      if next == .suspended { resume = stage }
      stage = next
    }
    return resume
  }

  /// The client's age category on the day of reception.
  public var ageCategoryAtReception: AgeCategory { client.ageCategory(on: receivedOn) }

  /// Records a stage change authorised by a sidang TPP decision.
  ///
  /// - Throws: ``LifecycleError`` when the event is illegal in the current stage, the decision's outcome
  ///   does not match, the sidang is dated after `date`, or `date` is before the previous change.
  public mutating func apply(_ event: CaseEvent, on date: CivilDate, decision: TPPDecision) throws(LifecycleError) {
    let transition = StageTransition(event: event, date: date, tppDecision: decision)
    _ = try CaseLifecycle.apply(
      transition, to: stage, resuming: stageBeforeSuspension, notBefore: transitions.last?.date ?? receivedOn)
    transitions.append(transition)
  }

  /// The date of the most recent assessment, if any.
  public var lastAssessmentDate: CivilDate? { assessments.map(\.date).max() }

  /// When the next risk/need reassessment is due under `rule`.
  public func nextReassessmentDue(rule: ReassessmentRule = .permenkumham12of2013) -> CivilDate {
    rule.nextDue(lastAssessment: lastAssessmentDate, receivedOn: receivedOn)
  }

  enum CodingKeys: String, CodingKey {
    case id, bapasCode, officerID, client, receivedOn, guidancePeriod, reportingSchedule, transitions, contacts
    case enrolments, litmas, assessments, legalEvents, revocation, preReleaseSessions, closingCertificate
  }

  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(CaseID.self, forKey: .id)
    bapasCode = try c.decode(BapasCode.self, forKey: .bapasCode)
    officerID = try c.decode(OfficerID.self, forKey: .officerID)
    client = try c.decode(Client.self, forKey: .client)
    receivedOn = try c.decode(CivilDate.self, forKey: .receivedOn)
    guidancePeriod = try c.decode(CivilDateInterval.self, forKey: .guidancePeriod)
    reportingSchedule = try c.decodeIfPresent(ReportingSchedule.self, forKey: .reportingSchedule) ?? .monthly
    transitions = try c.decodeIfPresent([StageTransition].self, forKey: .transitions) ?? []
    contacts = try c.decodeIfPresent([Contact].self, forKey: .contacts) ?? []
    enrolments = try c.decodeIfPresent([Enrolment].self, forKey: .enrolments) ?? []
    litmas = try c.decodeIfPresent([Litmas].self, forKey: .litmas) ?? []
    assessments = try c.decodeIfPresent([AssessmentRecord].self, forKey: .assessments) ?? []
    legalEvents = try c.decodeIfPresent([LegalStatusEvent].self, forKey: .legalEvents) ?? []
    revocation = try c.decodeIfPresent(RevocationProceeding.self, forKey: .revocation)
    preReleaseSessions = try c.decodeIfPresent([PreReleaseSession].self, forKey: .preReleaseSessions) ?? []
    closingCertificate = try c.decodeIfPresent(ClosingCertificate.self, forKey: .closingCertificate)
    // The stage is derived from the transitions, so a history the lifecycle refuses is refused here,
    // by any decoder: a plain JSONDecoder must not return a case whose stage silently stops short.
    do throws(LifecycleIssue) {
      _ = try CaseLifecycle.replay(transitions, receivedOn: receivedOn)
    } catch {
      let tail: [String]
      switch error.error {
      case .illegalTransition: tail = ["event"]
      case .tppOutcomeMismatch: tail = ["tppDecision", "outcome"]
      case .tppDecisionAfterTransition: tail = ["tppDecision", "date"]
      case .transitionBeforePrevious: tail = ["date"]
      }
      let path: [any CodingKey] =
        c.codingPath + [CodingKeys.transitions, PathKey(index: error.index)] + tail.map { PathKey(name: $0) }
      throw DecodingError.dataCorrupted(
        .init(codingPath: path, debugDescription: error.description, underlyingError: error.error))
    }
  }
}

/// A risk and need assessment done for the client (the instrument itself lives in AssessmentEngine).
///
/// JSON: `{"date": "2025-01-25", "instrument": "RRI v02 2021", "result": "sedang"}` (`result` optional).
public struct AssessmentRecord: Sendable, Hashable, Codable {
  /// The day of the assessment.
  public var date: CivilDate
  /// The instrument name and version.
  public var instrument: String
  /// The result category as written (e.g. rendah / sedang / tinggi).
  public var result: String?
  /// Creates an assessment record.
  public init(date: CivilDate, instrument: String, result: String? = nil) {
    self.date = date
    self.instrument = instrument
    self.result = result
  }
}

/// A new suspect, defendant or convict status — the general ground for revoking PB, CMB or CB
/// ("melanggar hukum dan ditetapkan sebagai tersangka dan/atau terpidana", Permenkumham 3/2018 via the
/// Kanwil service standards).
///
/// JSON: `{"date": "2025-08-14", "status": "tersangka", "reference": "LP/B/123/VIII/2025"}`.
public struct LegalStatusEvent: Sendable, Hashable, Codable {
  /// The day the status was set.
  public var date: CivilDate
  /// Tersangka, terdakwa or terpidana.
  public var status: LegalStatus
  /// A police report or case number.
  public var reference: String
  /// Creates a legal-status record.
  public init(date: CivilDate, status: LegalStatus, reference: String) {
    self.date = date
    self.status = status
    self.reference = reference
  }
}

/// A criminal-process status.
public enum LegalStatus: String, WireEnum {
  /// Suspect.
  case tersangka
  /// Defendant.
  case terdakwa
  /// Convicted.
  case terpidana
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .tersangka: LocalizedText(id: "Tersangka", en: "Suspect")
    case .terdakwa: LocalizedText(id: "Terdakwa", en: "Defendant")
    case .terpidana: LocalizedText(id: "Terpidana", en: "Convicted")
    }
  }
}

/// A coding key for a JSON path built by hand (an array index or an object member).
struct PathKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(index: Int) {
    stringValue = "Index \(index)"
    intValue = index
  }
  init(name: String) {
    stringValue = name
    intValue = nil
  }
  init?(stringValue: String) { self.init(name: stringValue) }
  init?(intValue: Int) { self.init(index: intValue) }
}
