import AssessmentEngine

/// A closed integer rating scale, e.g. the PK's 1–5 rating of a role-play.
///
/// JSON: `{"min": 1, "max": 5}`.
public struct RatingScale: Sendable, Hashable, Codable {
  /// The lowest rating.
  public var min: Int
  /// The highest rating.
  public var max: Int

  /// Creates a scale.
  public init(min: Int, max: Int) {
    self.min = min
    self.max = max
  }

  /// Whether `value` is on the scale.
  public func contains(_ value: Int) -> Bool { value >= min && value <= max }
}

/// The programme's configurable rules: the rating scales and when each step counts as complete.
///
/// The seed describes the five steps but gives no completion criteria, so **every default below is
/// our own choice, not a published standard**; set them per programme in the group file. Counts
/// restart when a step is (re-)entered, so a step returned to must be met again.
///
/// JSON (every key optional; the defaults shown):
/// ```json
/// {"pkRatingScale": {"min": 1, "max": 5}, "selfRatingScale": {"min": 1, "max": 5},
///  "minimumSituations": 1, "minimumBehaviours": 1, "minimumRehearsals": 2, "rehearsalPassRating": 4,
///  "minimumPassingRehearsals": 1, "minimumPassingRepetitions": 2, "repetitionPassRating": 4,
///  "minimumSuccessfulAttempts": 1}
/// ```
public struct TrainingRules: Sendable, Hashable, Codable {
  /// The scale of the PK's ratings of role-plays and repetitions.
  public var pkRatingScale: RatingScale
  /// The scale of the client's own rating of a real-situation attempt.
  public var selfRatingScale: RatingScale
  /// Step 2 is complete when the ranked situations number at least this many …
  ///
  /// Seed 000 line 83 sets priorities "untuk situasi dan perilaku" — situations *and* behaviours — and
  /// one prioritised situation is enough to start role-playing, so the default is 1.
  public var minimumSituations: Int
  /// … and the ranked behaviours at least this many (a record without a behaviour list counts the
  /// target behaviour itself as one).
  public var minimumBehaviours: Int
  /// Step 3 needs at least this many rehearsals …
  public var minimumRehearsals: Int
  /// … of which at least ``minimumPassingRehearsals`` are rated at least this.
  public var rehearsalPassRating: Int
  /// See ``rehearsalPassRating``.
  public var minimumPassingRehearsals: Int
  /// Step 4 is complete after this many repetitions rated at least ``repetitionPassRating``.
  public var minimumPassingRepetitions: Int
  /// See ``minimumPassingRepetitions``.
  public var repetitionPassRating: Int
  /// Step 5 is complete after this many successful real-situation attempts.
  public var minimumSuccessfulAttempts: Int

  /// The defaults (see the type's discussion: our own choice).
  public static let `default` = TrainingRules()

  /// Creates rules; omitted values take the defaults.
  public init(
    pkRatingScale: RatingScale = RatingScale(min: 1, max: 5),
    selfRatingScale: RatingScale = RatingScale(min: 1, max: 5),
    minimumSituations: Int = 1, minimumBehaviours: Int = 1, minimumRehearsals: Int = 2, rehearsalPassRating: Int = 4,
    minimumPassingRehearsals: Int = 1,
    minimumPassingRepetitions: Int = 2, repetitionPassRating: Int = 4, minimumSuccessfulAttempts: Int = 1
  ) {
    self.pkRatingScale = pkRatingScale
    self.selfRatingScale = selfRatingScale
    self.minimumSituations = minimumSituations
    self.minimumBehaviours = minimumBehaviours
    self.minimumRehearsals = minimumRehearsals
    self.rehearsalPassRating = rehearsalPassRating
    self.minimumPassingRehearsals = minimumPassingRehearsals
    self.minimumPassingRepetitions = minimumPassingRepetitions
    self.repetitionPassRating = repetitionPassRating
    self.minimumSuccessfulAttempts = minimumSuccessfulAttempts
  }

  enum CodingKeys: String, CodingKey {
    case pkRatingScale, selfRatingScale, minimumSituations, minimumBehaviours, minimumRehearsals, rehearsalPassRating
    case minimumPassingRehearsals, minimumPassingRepetitions, repetitionPassRating, minimumSuccessfulAttempts
  }

  /// Decodes the JSON form; missing keys take the defaults.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = TrainingRules()
    self.init(
      pkRatingScale: try c.decodeIfPresent(RatingScale.self, forKey: .pkRatingScale) ?? d.pkRatingScale,
      selfRatingScale: try c.decodeIfPresent(RatingScale.self, forKey: .selfRatingScale) ?? d.selfRatingScale,
      minimumSituations: try c.decodeIfPresent(Int.self, forKey: .minimumSituations) ?? d.minimumSituations,
      minimumBehaviours: try c.decodeIfPresent(Int.self, forKey: .minimumBehaviours) ?? d.minimumBehaviours,
      minimumRehearsals: try c.decodeIfPresent(Int.self, forKey: .minimumRehearsals) ?? d.minimumRehearsals,
      rehearsalPassRating: try c.decodeIfPresent(Int.self, forKey: .rehearsalPassRating) ?? d.rehearsalPassRating,
      minimumPassingRehearsals: try c.decodeIfPresent(Int.self, forKey: .minimumPassingRehearsals)
        ?? d.minimumPassingRehearsals,
      minimumPassingRepetitions: try c.decodeIfPresent(Int.self, forKey: .minimumPassingRepetitions)
        ?? d.minimumPassingRepetitions,
      repetitionPassRating: try c.decodeIfPresent(Int.self, forKey: .repetitionPassRating) ?? d.repetitionPassRating,
      minimumSuccessfulAttempts: try c.decodeIfPresent(Int.self, forKey: .minimumSuccessfulAttempts)
        ?? d.minimumSuccessfulAttempts)
  }

  /// Problems with the rules themselves, as (field, reason) pairs: scales with `min ≥ max`, pass
  /// ratings off their scale, minimums below 1.
  public func problems() -> [(field: String, reason: String)] {
    var out: [(String, String)] = []
    for (name, s) in [("pkRatingScale", pkRatingScale), ("selfRatingScale", selfRatingScale)] where s.min >= s.max {
      out.append((name, "min (\(s.min)) must be less than max (\(s.max))"))
    }
    for (name, v) in [("rehearsalPassRating", rehearsalPassRating), ("repetitionPassRating", repetitionPassRating)]
    where !pkRatingScale.contains(v) {
      out.append((name, "\(v) is not on the PK rating scale \(pkRatingScale.min)–\(pkRatingScale.max)"))
    }
    let minimums = [
      ("minimumSituations", minimumSituations), ("minimumBehaviours", minimumBehaviours),
      ("minimumRehearsals", minimumRehearsals),
      ("minimumPassingRehearsals", minimumPassingRehearsals), ("minimumPassingRepetitions", minimumPassingRepetitions),
      ("minimumSuccessfulAttempts", minimumSuccessfulAttempts),
    ]
    for (name, v) in minimums where v < 1 { out.append((name, "must be at least 1, not \(v)")) }
    if minimumPassingRehearsals > minimumRehearsals {
      out.append(("minimumPassingRehearsals", "cannot exceed minimumRehearsals (\(minimumRehearsals))"))
    }
    return out
  }
}
