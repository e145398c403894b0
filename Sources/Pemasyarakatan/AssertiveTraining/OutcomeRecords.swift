import AssessmentEngine

/// An instrument used as an outcome measure, and for each analysed scale the reliability and the
/// standard deviation that the reliable change index uses, with their sources.
///
/// JSON: `{"instrument": "ras", "references": [{"scale": "Total", "reliability": 0.78,
/// "reliabilitySource": "Rathus (1973): test–retest r = .78", "sd": null}]}`. Only the listed scales
/// are analysed; an empty list analyses every scale of the instrument without reliable change.
public struct OutcomeMeasure: Sendable, Hashable, Codable {
  /// The instrument's id in `InstrumentLibrary/assessmentEngine` (`icq` or `ras`).
  public var instrument: String
  /// The analysed scales with their reliable-change references.
  public var references: [ChangeReference]

  /// Creates a measure.
  public init(instrument: String, references: [ChangeReference] = []) {
    self.instrument = instrument
    self.references = references
  }

  enum CodingKeys: String, CodingKey { case instrument, references }

  /// Decodes the JSON form (`references` optional).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    instrument = try c.decode(String.self, forKey: .instrument)
    references = try c.decodeIfPresent([ChangeReference].self, forKey: .references) ?? []
  }
}

/// The reliability and SD used for one scale's reliable change index (Jacobson & Truax 1991), each
/// with where it comes from. Without `sd`, the SD of the group's own baseline scores is used and the
/// report says so; without `reliability`, no reliable change index is computed.
public struct ChangeReference: Sendable, Hashable, Codable {
  /// The scale id, e.g. `"Total"` or `"NegativeAssertion"`.
  public var scale: String
  /// r_xx, in [0, 1).
  public var reliability: Double?
  /// Where the reliability comes from (author, year, kind of coefficient).
  public var reliabilitySource: String?
  /// The reference SD on the scale's sum metric; `nil` = the group's baseline SD.
  public var sd: Double?
  /// Where the SD comes from.
  public var sdSource: String?

  /// Creates a reference.
  public init(
    scale: String, reliability: Double?, reliabilitySource: String?, sd: Double? = nil, sdSource: String? = nil
  ) {
    self.scale = scale
    self.reliability = reliability
    self.reliabilitySource = reliabilitySource
    self.sd = sd
    self.sdSource = sdSource
  }
}

/// One questionnaire given to one client on one occasion.
///
/// JSON: `{"client": "K-01", "instrument": "icq", "occasion": "baseline", "date": "2026-02-02",
/// "responses": [3, 2, null, …]}`: one response per item in form order (`item1…itemK`), `null` for an
/// unanswered item.
public struct OutcomeAdministration: Sendable, Hashable, Codable {
  /// The client.
  public var client: ClientID
  /// The instrument id.
  public var instrument: String
  /// Baseline, post or follow-up.
  public var occasion: OutcomeOccasion
  /// The day it was filled in.
  public var date: CivilDate
  /// The responses in item order; `nil` = not answered.
  public var responses: [Int?]

  /// Creates an administration.
  public init(client: ClientID, instrument: String, occasion: OutcomeOccasion, date: CivilDate, responses: [Int?]) {
    self.client = client
    self.instrument = instrument
    self.occasion = occasion
    self.date = date
    self.responses = responses
  }
}

/// The PK's checklist of seed 000's five observable outcomes for one client on one occasion.
///
/// JSON: `{"client": "K-01", "occasion": "post", "date": "2026-04-06", "rater": "PK-01",
/// "observed": ["interactsInCommunity", "encouragesOthers"]}`: the outcomes observed; the others were
/// checked and not observed.
public struct ObservationChecklist: Sendable, Hashable, Codable {
  /// The client.
  public var client: ClientID
  /// Baseline, post or follow-up.
  public var occasion: OutcomeOccasion
  /// The day of the observation.
  public var date: CivilDate
  /// The PK who rated.
  public var rater: OfficerID
  /// The outcomes observed.
  public var observed: [ObservableOutcome]

  /// Creates a checklist.
  public init(
    client: ClientID, occasion: OutcomeOccasion, date: CivilDate, rater: OfficerID, observed: [ObservableOutcome]
  ) {
    self.client = client
    self.occasion = occasion
    self.date = date
    self.rater = rater
    self.observed = observed
  }
}
