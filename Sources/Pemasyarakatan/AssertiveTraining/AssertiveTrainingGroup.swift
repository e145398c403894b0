import AssessmentEngine
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A group-guidance programme (*bimbingan kelompok*) using the assertive-training technique: its
/// clients, sessions, the five-step records of each client's target behaviours, outcome measures,
/// the PK's checklist of observable outcomes and the programme's success indicators.
///
/// This is the content of the group file read by `bapas assertive report`. People are referred to by
/// the ids of the domain models (``ClientID``, ``OfficerID`` for the facilitating PKs, ``PartnerID``
/// for a Pokmas Lipas partner); the group's ``programme`` is a ``Programme`` (method `kelompok`).
/// Records in the lists are read one by one (``DecodedRecord``), so a malformed record is reported
/// and the rest of the group is still analysed. See `Documentation/AssertiveTraining.md` for the full
/// format and a sample.
public struct AssertiveTrainingGroup: Sendable, Hashable, Codable {
  /// The group's id, e.g. `"AT-2026-01"`.
  public var id: String
  /// The group's name in both languages.
  public var name: LocalizedText
  /// The Bapas running it, e.g. `"Bapas Kelas I Contoh"`.
  public var bapas: String?
  /// The programme (category, method `kelompok`, partner, schedule).
  public var programme: Programme
  /// The PKs who facilitate sessions.
  public var facilitators: [OfficerID]
  /// The Pokmas Lipas partners taking part.
  public var partners: [PartnerID]
  /// The clients enrolled in the group; every other record must name one of them.
  public var enrolled: [ClientID]
  /// Rating scales and step-completion rules.
  public var rules: TrainingRules
  /// The group sessions held.
  public var sessions: [DecodedRecord<GroupSession>]
  /// Per client, the target behaviours and their step records.
  public var clients: [DecodedRecord<ClientTrainingRecord>]
  /// Which instruments are outcome measures, and the reliability and SD for reliable change.
  public var outcomeMeasures: [DecodedRecord<OutcomeMeasure>]
  /// The questionnaires given (baseline, after the programme, follow-up).
  public var administrations: [DecodedRecord<OutcomeAdministration>]
  /// The PK's checklists of the five observable outcomes.
  public var observations: [DecodedRecord<ObservationChecklist>]
  /// The programme's weighted success indicators.
  public var indicators: [DecodedRecord<SuccessIndicator>]

  /// Creates a group.
  public init(
    id: String, name: LocalizedText, bapas: String? = nil, programme: Programme, facilitators: [OfficerID],
    partners: [PartnerID] = [], enrolled: [ClientID], rules: TrainingRules = .default, sessions: [GroupSession] = [],
    clients: [ClientTrainingRecord] = [], outcomeMeasures: [OutcomeMeasure] = [],
    administrations: [OutcomeAdministration] = [],
    observations: [ObservationChecklist] = [], indicators: [SuccessIndicator] = []
  ) {
    self.id = id
    self.name = name
    self.bapas = bapas
    self.programme = programme
    self.facilitators = facilitators
    self.partners = partners
    self.enrolled = enrolled
    self.rules = rules
    self.sessions = sessions.map { .valid($0) }
    self.clients = clients.map { .valid($0) }
    self.outcomeMeasures = outcomeMeasures.map { .valid($0) }
    self.administrations = administrations.map { .valid($0) }
    self.observations = observations.map { .valid($0) }
    self.indicators = indicators.map { .valid($0) }
  }

  enum CodingKeys: String, CodingKey {
    case id, name, bapas, programme, facilitators, partners, enrolled, rules, sessions, clients
    case outcomeMeasures, administrations, observations, indicators
  }

  /// Decodes the group; the lists and `rules` are optional.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decode(LocalizedText.self, forKey: .name)
    bapas = try c.decodeIfPresent(String.self, forKey: .bapas)
    programme = try c.decode(Programme.self, forKey: .programme)
    facilitators = try c.decode([OfficerID].self, forKey: .facilitators)
    partners = try c.decodeIfPresent([PartnerID].self, forKey: .partners) ?? []
    enrolled = try c.decode([ClientID].self, forKey: .enrolled)
    rules = try c.decodeIfPresent(TrainingRules.self, forKey: .rules) ?? .default
    sessions = try c.decodeIfPresent([DecodedRecord<GroupSession>].self, forKey: .sessions) ?? []
    clients = try c.decodeIfPresent([DecodedRecord<ClientTrainingRecord>].self, forKey: .clients) ?? []
    outcomeMeasures = try c.decodeIfPresent([DecodedRecord<OutcomeMeasure>].self, forKey: .outcomeMeasures) ?? []
    administrations = try c.decodeIfPresent([DecodedRecord<OutcomeAdministration>].self, forKey: .administrations) ?? []
    observations = try c.decodeIfPresent([DecodedRecord<ObservationChecklist>].self, forKey: .observations) ?? []
    indicators = try c.decodeIfPresent([DecodedRecord<SuccessIndicator>].self, forKey: .indicators) ?? []
  }

  /// Reads a group file.
  ///
  /// - Throws: ``AssertiveGroupFileError`` when the text is not JSON or a group-level field (id, name,
  ///   programme, facilitators, enrolled, rules) is missing or malformed. Problems inside list records
  ///   do not throw; ``AssertiveTrainingAnalysis`` reports them.
  public static func decode(jsonData: Data) throws(AssertiveGroupFileError) -> AssertiveTrainingGroup {
    // The strict reader first: syntax errors with line and column, repeated keys refused.
    if let syntax = JSONReader.documents.check(Array(jsonData)) {
      throw AssertiveGroupFileError(
        path: syntax.kind == .duplicateKey ? syntax.path : "$",
        reason: syntax.kind == .duplicateKey ? syntax.description : "the file is not valid JSON (\(syntax))")
    }
    do {
      return try JSONDecoder().decode(AssertiveTrainingGroup.self, from: jsonData)
    } catch let error as DecodingError {
      if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
        throw AssertiveGroupFileError(path: "$", reason: "the file is not valid JSON")
      }
      let (path, reason) = describeDecodingError(error)
      throw AssertiveGroupFileError(path: path, reason: reason)
    } catch {
      throw AssertiveGroupFileError(path: "$", reason: "\(error)")
    }
  }
}

/// A group file that cannot be read at all.
public struct AssertiveGroupFileError: Error, Equatable, Codable, Sendable, CustomStringConvertible {
  /// The JSON path of the problem.
  public var path: String
  /// Why.
  public var reason: String
  /// Creates the error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  /// `$.programme.method: 'x' is not one of …`.
  public var description: String { "\(path): \(reason)." }
}

/// One group session. JSON: `{"number": 1, "date": "2026-02-02", "facilitator": "PK-01",
/// "partner": "POK-01", "attendance": ["K-01", "K-02"], "topic": "…"}` (`partner`, `topic` optional).
public struct GroupSession: Sendable, Hashable, Codable {
  /// The session's number, 1, 2, ….
  public var number: Int
  /// The day.
  public var date: CivilDate
  /// The PK who led it.
  public var facilitator: OfficerID
  /// The Pokmas Lipas partner present, if any.
  public var partner: PartnerID?
  /// The enrolled clients present.
  public var attendance: [ClientID]
  /// What the session covered.
  public var topic: String?

  /// Creates a session.
  public init(
    number: Int, date: CivilDate, facilitator: OfficerID, partner: PartnerID? = nil, attendance: [ClientID],
    topic: String? = nil
  ) {
    self.number = number
    self.date = date
    self.facilitator = facilitator
    self.partner = partner
    self.attendance = attendance
    self.topic = topic
  }
}

/// One client's target behaviours. JSON: `{"client": "K-01", "targets": [ … ]}`.
public struct ClientTrainingRecord: Sendable, Hashable, Codable {
  /// The client.
  public var client: ClientID
  /// The target behaviours.
  public var targets: [TargetBehaviour]

  /// Creates a record.
  public init(client: ClientID, targets: [TargetBehaviour]) {
    self.client = client
    self.targets = targets
  }
}

/// A target behaviour of step 1, tied to an ICQ domain, with its dated step events.
///
/// JSON: `{"id": "T1", "behaviour": "…", "domain": "negativeAssertion", "events": [ … ]}`.
public struct TargetBehaviour: Sendable, Hashable, Codable {
  /// An id unique within the client, e.g. `"T1"`.
  public var id: String
  /// The behaviour in the PK's words.
  public var behaviour: String
  /// The ICQ domain it belongs to.
  public var domain: InterpersonalDomain
  /// The step events, in date order.
  public var events: [DecodedRecord<StepEvent>]

  /// Creates a target.
  public init(id: String, behaviour: String, domain: InterpersonalDomain, events: [StepEvent]) {
    self.id = id
    self.behaviour = behaviour
    self.domain = domain
    self.events = events.map { .valid($0) }
  }
}
