/// The scored result of one risk/need assessment: total, band, domain profile, ranked needs,
/// strengths and an explanation of what drove each domain.
public struct RiskAssessment: Sendable, Hashable, Codable {
  /// The instrument's id.
  public var instrumentID: String
  /// The instrument's version.
  public var instrumentVersion: String
  /// The instrument's status (an illustrative instrument's result must not drive decisions).
  public var instrumentStatus: InstrumentStatus
  /// The population the cut-off table was chosen for.
  public var population: ClientPopulation
  /// The total; `nil` only when the definition says ``MissingLimitAction/withholdTotal`` and a limit was exceeded.
  public var total: Int?
  /// The lowest possible total.
  public var minimumTotal: Int
  /// The highest possible total.
  public var maximumTotal: Int
  /// The computed band (before any override); `nil` when the total is withheld.
  public var band: BandReference?
  /// The id of the cut-off table used.
  public var cutoffTable: String?
  /// One score per domain, in definition order.
  public var domains: [DomainScore]
  /// Criminogenic needs, ranked (rank 1 first) by the definition's ``NeedRankingRule``.
  public var needs: [CriminogenicNeed]
  /// The ids of dynamic domains that are strengths (protective).
  public var strengths: [String]
  /// The unanswered items (scored 0 within the limits).
  public var missingItems: [String]
  /// Whether every limit was respected and a total and band were computed.
  public var isComplete: Bool
  /// The ranking rule applied.
  public var rankingRule: NeedRankingRule
  /// The definition's subscores (named sums over listed items), in definition order.
  public var subscores: [Subscore]

  /// Creates a result (normally produced by ``RiskInstrumentDefinition/assess(_:population:)``).
  public init(
    instrumentID: String, instrumentVersion: String, instrumentStatus: InstrumentStatus, population: ClientPopulation,
    total: Int?, minimumTotal: Int, maximumTotal: Int, band: BandReference?, cutoffTable: String?,
    domains: [DomainScore], needs: [CriminogenicNeed], strengths: [String], missingItems: [String],
    isComplete: Bool, rankingRule: NeedRankingRule, subscores: [Subscore] = []
  ) {
    self.instrumentID = instrumentID
    self.instrumentVersion = instrumentVersion
    self.instrumentStatus = instrumentStatus
    self.population = population
    self.total = total
    self.minimumTotal = minimumTotal
    self.maximumTotal = maximumTotal
    self.band = band
    self.cutoffTable = cutoffTable
    self.domains = domains
    self.needs = needs
    self.strengths = strengths
    self.missingItems = missingItems
    self.isComplete = isComplete
    self.rankingRule = rankingRule
    self.subscores = subscores
  }

  /// The score of a domain.
  public func domain(_ id: String) -> DomainScore? { domains.first { $0.domain == id } }
}

/// One domain's score, its share of the domain maximum and the items that drove it.
public struct DomainScore: Sendable, Hashable, Codable {
  /// The domain id.
  public var domain: String
  /// The domain's display name.
  public var label: LocalizedText
  /// The Central Eight factor, if any.
  public var centralEight: CentralEightFactor?
  /// Static or dynamic.
  public var kind: DomainKind
  /// Points scored.
  public var points: Int
  /// The most points the domain can give.
  public var maximum: Int
  /// `points / maximum` (0 when the maximum is 0).
  public var share: Double
  /// The unanswered items of the domain.
  public var missingItems: [String]
  /// Whether the domain is within its missing-item limit (only rated domains are ranked).
  public var isRated: Bool
  /// Whether the domain is a criminogenic need under the ranking rule.
  public var isNeed: Bool
  /// Whether the domain is a strength under the ranking rule.
  public var isStrength: Bool
  /// Every item's answer and points, in item order.
  public var contributions: [ItemContribution]

  /// Creates a domain score.
  public init(
    domain: String, label: LocalizedText, centralEight: CentralEightFactor?, kind: DomainKind, points: Int,
    maximum: Int,
    share: Double, missingItems: [String], isRated: Bool, isNeed: Bool, isStrength: Bool,
    contributions: [ItemContribution]
  ) {
    self.domain = domain
    self.label = label
    self.centralEight = centralEight
    self.kind = kind
    self.points = points
    self.maximum = maximum
    self.share = share
    self.missingItems = missingItems
    self.isRated = isRated
    self.isNeed = isNeed
    self.isStrength = isStrength
    self.contributions = contributions
  }

  /// The items that scored points, most points first (item order on ties).
  public var drivers: [ItemContribution] {
    contributions.enumerated().filter { $0.element.points > 0 }
      .sorted { ($0.element.points, -$0.offset) > ($1.element.points, -$1.offset) }.map(\.element)
  }

  /// Items whose answer is marked protective.
  public var strengthItems: [ItemContribution] { contributions.filter(\.isStrength) }

  /// A sentence saying how many points the domain scored and which items drove it, e.g.
  /// "Antisocial cognition: 2 of 2 points (100%), from ac1 (1), ac2 (1)."
  public var explanation: LocalizedText {
    let percent = Int((share * 100).rounded())
    let d = drivers.map { "\($0.item) (\($0.points))" }.joined(separator: ", ")
    let s = strengthItems.map(\.item).joined(separator: ", ")
    var id = "\(label.indonesian): \(points) dari \(maximum) poin (\(percent)%)"
    var en = "\(label.english): \(points) of \(maximum) points (\(percent)%)"
    if d.isEmpty {
      id += ", tidak ada butir yang menyumbang poin"
      en += ", no item scored"
    } else {
      id += ", disumbang oleh \(d)"
      en += ", from \(d)"
    }
    if !s.isEmpty {
      id += "; kekuatan: \(s)"
      en += "; strengths: \(s)"
    }
    if !missingItems.isEmpty {
      id += "; tidak dijawab: \(missingItems.joined(separator: ", "))"
      en += "; unanswered: \(missingItems.joined(separator: ", "))"
    }
    return LocalizedText(id: id + ".", en: en + ".")
  }
}

/// One item's part in a domain score.
public struct ItemContribution: Sendable, Hashable, Codable {
  /// The item id.
  public var item: String
  /// The answer recorded (``RiskAnswer/unanswered`` for missing items, which score 0).
  public var answer: RiskAnswer
  /// The points given.
  public var points: Int
  /// Whether the answer is marked protective.
  public var isStrength: Bool

  /// Creates a contribution.
  public init(item: String, answer: RiskAnswer, points: Int, isStrength: Bool) {
    self.item = item
    self.answer = answer
    self.points = points
    self.isStrength = isStrength
  }
}

/// A ranked criminogenic need: a dynamic domain elevated enough to be a supervision target.
///
/// A composer matching needs to services should key on ``centralEight`` (or ``domain`` for
/// domains outside the eight) and keep ``id`` as the stable reference.
public struct CriminogenicNeed: Sendable, Hashable, Codable {
  /// A stable id, `"<instrument id>/<domain id>"`.
  public var id: String
  /// 1 for the highest-priority need.
  public var rank: Int
  /// The domain id.
  public var domain: String
  /// The domain's display name.
  public var label: LocalizedText
  /// The Central Eight factor, if any.
  public var centralEight: CentralEightFactor?
  /// Points scored.
  public var points: Int
  /// The domain maximum.
  public var maximum: Int
  /// Share of the domain maximum.
  public var share: Double
  /// The ids of the items that scored, most points first.
  public var drivers: [String]

  /// Creates a need.
  public init(
    id: String, rank: Int, domain: String, label: LocalizedText, centralEight: CentralEightFactor?, points: Int,
    maximum: Int, share: Double, drivers: [String]
  ) {
    self.id = id
    self.rank = rank
    self.domain = domain
    self.label = label
    self.centralEight = centralEight
    self.points = points
    self.maximum = maximum
    self.share = share
    self.drivers = drivers
  }

  /// Whether the need is one of the Big Four.
  public var isBigFour: Bool { centralEight?.isBigFour ?? false }
}

extension RiskInstrumentDefinition {
  /// Scores an answer sheet for a person.
  ///
  /// Unanswered items (absent or ``RiskAnswer/unanswered``) score 0 as long as the domain and
  /// instrument limits allow; past a limit the sheet is rejected, or with
  /// ``MissingLimitAction/withholdTotal`` scored without a total or band. The band comes from the
  /// first cut-off table whose population selector matches `population`.
  ///
  /// Needs: dynamic, rated domains with points above 0 and share ≥ ``NeedRankingRule/minimumShare``,
  /// sorted by ``NeedRankingRule/measure`` (descending), then by the tie-break (Big Four first, if
  /// chosen), then by definition order.
  ///
  /// - Throws: ``RiskScoringError`` listing every problem: items not in this instrument, answers not
  ///   in an item's table, counts outside the ranges, wrong answer types, limits exceeded, no cut-off
  ///   table for the population.
  /// - Complexity: O(*n* + *d* log *d*) for *n* items and *d* domains.
  public func assess(_ answers: [String: RiskAnswer], population: ClientPopulation) throws(RiskScoringError)
    -> RiskAssessment
  {
    var problems: [RiskScoringProblem] = []
    let known = Set(allItems.map(\.id))
    for key in answers.keys.sorted() where !known.contains(key) {
      problems.append(.unknownItem(item: key, instrument: id))
    }

    var scores: [DomainScore] = []
    var allMissing: [String] = []
    var limitExceeded = false
    for domain in domains {
      var contributions: [ItemContribution] = []
      var missing: [String] = []
      for item in domain.items {
        let answer = answers[item.id] ?? .unanswered
        switch (item.response, answer) {
        case (_, .unanswered):
          missing.append(item.id)
          contributions.append(ItemContribution(item: item.id, answer: .unanswered, points: 0, isStrength: false))
        case (.choice(let options), .choice(let value)):
          if let option = options.first(where: { $0.value == value }) {
            contributions.append(
              ItemContribution(item: item.id, answer: answer, points: option.points, isStrength: option.strength))
          } else {
            problems.append(.answerNotInTable(item: item.id, answer: value, allowed: options.map(\.value)))
          }
        case (.count(let ranges), .count(let n)):
          if let range = ranges.first(where: { $0.contains(n) }) {
            contributions.append(
              ItemContribution(item: item.id, answer: answer, points: range.points, isStrength: range.strength))
          } else {
            problems.append(.countOutOfRange(item: item.id, count: n))
          }
        case (.choice(let options), .count):
          problems.append(
            .wrongAnswerType(
              item: item.id, expected: "one of the answers \(options.map { "'\($0.value)'" }.joined(separator: ", "))"))
        case (.count, .choice):
          problems.append(.wrongAnswerType(item: item.id, expected: "a whole-number count"))
        }
      }
      allMissing += missing
      var rated = true
      if let limit = domain.maximumMissingItems, missing.count > limit {
        rated = false
        limitExceeded = true
        if missingItems.whenExceeded == .reject {
          problems.append(.tooManyMissing(domain: domain.id, missing: missing, limit: limit))
        }
      }
      let points = contributions.reduce(0) { $0 + $1.points }
      let maximum = domain.maximumPoints
      let share = maximum > 0 ? Double(points) / Double(maximum) : 0
      let dynamicRated = domain.kind == .dynamic && rated
      scores.append(
        DomainScore(
          domain: domain.id, label: domain.label, centralEight: domain.centralEight, kind: domain.kind,
          points: points, maximum: maximum, share: share, missingItems: missing, isRated: rated,
          isNeed: dynamicRated && points > 0 && share >= needRanking.minimumShare,
          isStrength: dynamicRated && share <= needRanking.strengthMaximumShare,
          contributions: contributions))
    }
    if allMissing.count > missingItems.maximumItems {
      limitExceeded = true
      if missingItems.whenExceeded == .reject {
        problems.append(.tooManyMissing(domain: nil, missing: allMissing, limit: missingItems.maximumItems))
      }
    }

    var total: Int?
    var band: BandReference?
    var tableID: String?
    if !limitExceeded {
      let counted = Set(countedDomains.map(\.id))
      let sum = scores.filter { counted.contains($0.domain) }.reduce(0) { $0 + $1.points }
      total = sum
      if let table = cutoffTables.first(where: { $0.population.matches(population) }) {
        tableID = table.id
        if let range = table.ranges.first(where: { sum >= $0.minimum && ($0.maximum.map { sum <= $0 } ?? true) }) {
          band = bandReference(scheme: table.scheme, band: range.band)
        }
      } else {
        problems.append(.noCutoffTable(population: population, instrument: id))
      }
    }
    guard problems.isEmpty else { throw RiskScoringError(problems: problems) }

    let needs = rankNeeds(scores)
    return RiskAssessment(
      instrumentID: id, instrumentVersion: version, instrumentStatus: status, population: population,
      total: total, minimumTotal: minimumTotal, maximumTotal: maximumTotal, band: band, cutoffTable: tableID,
      domains: scores, needs: needs, strengths: scores.filter(\.isStrength).map(\.domain),
      missingItems: allMissing, isComplete: !limitExceeded, rankingRule: needRanking,
      subscores: subscores.map { scoreSubscore($0, scores) })
  }

  private func scoreSubscore(_ definition: SubscoreDefinition, _ scores: [DomainScore]) -> Subscore {
    var points: [String: Int] = [:]
    for c in scores.flatMap(\.contributions) { points[c.item] = c.points }
    var maxima: [String: Int] = [:]
    for item in allItems { maxima[item.id] = item.response.maximumPoints }
    return Subscore(
      id: definition.id, label: definition.label, points: definition.items.reduce(0) { $0 + (points[$1] ?? 0) },
      maximum: definition.items.reduce(0) { $0 + (maxima[$1] ?? 0) },
      missingItems: definition.items.filter { id in scores.contains { $0.missingItems.contains(id) } })
  }

  private func rankNeeds(_ scores: [DomainScore]) -> [CriminogenicNeed] {
    let rule = needRanking
    let ordered = scores.enumerated().filter { $0.element.isNeed }.sorted { a, b in
      let ma = rule.measure == .points ? Double(a.element.points) : a.element.share
      let mb = rule.measure == .points ? Double(b.element.points) : b.element.share
      if ma != mb { return ma > mb }
      if rule.tieBreak == .bigFourFirst {
        let ba = a.element.centralEight?.isBigFour ?? false
        let bb = b.element.centralEight?.isBigFour ?? false
        if ba != bb { return ba }
      }
      return a.offset < b.offset
    }
    return ordered.enumerated().map { rank, pair in
      let s = pair.element
      return CriminogenicNeed(
        id: "\(id)/\(s.domain)", rank: rank + 1, domain: s.domain, label: s.label, centralEight: s.centralEight,
        points: s.points, maximum: s.maximum, share: s.share, drivers: s.drivers.map(\.item))
    }
  }
}

/// A subscore's result: points over its listed items (unanswered items score 0).
public struct Subscore: Sendable, Hashable, Codable {
  /// The subscore id.
  public var id: String
  /// The display name.
  public var label: LocalizedText
  /// Points scored.
  public var points: Int
  /// The most points possible.
  public var maximum: Int
  /// Its unanswered items.
  public var missingItems: [String]

  /// Creates a subscore result.
  public init(id: String, label: LocalizedText, points: Int, maximum: Int, missingItems: [String]) {
    self.id = id
    self.label = label
    self.points = points
    self.maximum = maximum
    self.missingItems = missingItems
  }
}
