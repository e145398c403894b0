import AssessmentEngine

/// One dated entry in a target behaviour's record: the work of a step, or a deliberate step back.
///
/// JSON (one object per event; the fields besides `date` and `kind` depend on the kind):
/// ```json
/// {"date": "2026-02-02", "kind": "identify", "note": "…"}
/// {"date": "2026-02-09", "kind": "prioritise", "situations": [{"rank": 1, "description": "…"}],
///  "behaviours": [{"rank": 1, "description": "…"}]}
/// {"date": "2026-02-16", "kind": "rolePlay", "session": 3, "situationRank": 1, "rating": 4}
/// {"date": "2026-02-23", "kind": "repetition", "session": 4, "rating": 4}
/// {"date": "2026-03-02", "kind": "attempt", "situation": "…", "outcome": "success", "selfRating": 4}
/// {"date": "2026-03-09", "kind": "regress", "to": "rolePlay", "reason": "…"}
/// ```
public struct StepEvent: Sendable, Hashable, Codable {
  /// What the event records.
  public enum Kind: String, WireEnum {
    /// Step 1: the target behaviour was identified with the client.
    case identify
    /// Step 2: the situations and the behaviours were ranked (the latest lists replace earlier ones).
    /// Seed 000 line 83: "Menetapkan prioritas untuk situasi dan perilaku".
    case prioritise
    /// Step 3: one role-play rehearsal, rated by the PK.
    case rolePlay
    /// Step 4: one repetition, rated by the PK.
    case repetition
    /// Step 5: one attempt in a real situation, with its outcome and the client's own rating.
    case attempt
    /// A step back to an earlier step (`to`), with a `reason`.
    case regress

    /// Decodes the case name; an unknown name is reported with the allowed ones.
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

    /// The step whose work this kind records; `nil` for ``regress``.
    public var step: AssertiveTrainingStep? {
      switch self {
      case .identify: .identifyTarget
      case .prioritise: .setPriorities
      case .rolePlay: .rolePlay
      case .repetition: .repetition
      case .attempt: .transfer
      case .regress: nil
      }
    }

    /// The display name.
    public var label: LocalizedText {
      switch self {
      case .identify: LocalizedText(id: "Identifikasi", en: "Identification")
      case .prioritise: LocalizedText(id: "Penetapan prioritas", en: "Prioritising")
      case .rolePlay: LocalizedText(id: "Bermain peran", en: "Role-play")
      case .repetition: LocalizedText(id: "Pengulangan", en: "Repetition")
      case .attempt: LocalizedText(id: "Percobaan di situasi nyata", en: "Real-situation attempt")
      case .regress: LocalizedText(id: "Kembali ke langkah sebelumnya", en: "Step back")
      }
    }
  }

  /// One ranked situation of step 2.
  public struct Situation: Sendable, Hashable, Codable {
    /// 1 = practise first.
    public var rank: Int
    /// The situation in the PK's words.
    public var description: String

    /// Creates a situation.
    public init(rank: Int, description: String) {
      self.rank = rank
      self.description = description
    }
  }

  /// One ranked behaviour of step 2: a part of the target behaviour to practise first (e.g. keeping
  /// eye contact, then stating the request in a calm voice). JSON: `{"rank": 1, "description": "…"}`.
  public typealias Behaviour = Situation

  /// The day of the event.
  public var date: CivilDate
  /// What the event records.
  public var kind: Kind
  /// The group session number it happened in, if any (checked against the group's sessions).
  public var session: Int?
  /// Step 2: the ranked situations.
  public var situations: [Situation]?
  /// Step 2: the ranked behaviours. Absent in files written before step 2 ranked behaviours: the
  /// target behaviour itself then counts as the one prioritised behaviour.
  public var behaviours: [Behaviour]?
  /// Step 3: the rank of the situation rehearsed, if recorded.
  public var situationRank: Int?
  /// Steps 3–4: the PK's rating on the programme's ``TrainingRules/pkRatingScale``.
  public var rating: Int?
  /// Step 5: the real situation.
  public var situation: String?
  /// Step 5: how it went.
  public var outcome: AttemptOutcome?
  /// Step 5: the client's own rating on ``TrainingRules/selfRatingScale``.
  public var selfRating: Int?
  /// A step back: the step to return to.
  public var to: AssertiveTrainingStep?
  /// A step back: why (required).
  public var reason: String?
  /// A free note.
  public var note: String?

  /// Creates an event; pass the fields its kind needs (see the type's discussion).
  public init(
    date: CivilDate, kind: Kind, session: Int? = nil, situations: [Situation]? = nil, behaviours: [Behaviour]? = nil,
    situationRank: Int? = nil, rating: Int? = nil, situation: String? = nil, outcome: AttemptOutcome? = nil,
    selfRating: Int? = nil, to: AssertiveTrainingStep? = nil, reason: String? = nil, note: String? = nil
  ) {
    self.date = date
    self.kind = kind
    self.session = session
    self.situations = situations
    self.behaviours = behaviours
    self.situationRank = situationRank
    self.rating = rating
    self.situation = situation
    self.outcome = outcome
    self.selfRating = selfRating
    self.to = to
    self.reason = reason
    self.note = note
  }
}
