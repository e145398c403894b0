#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A risk/need instrument described as data: domains of items with answer → points tables, a limit
/// on unanswered items, cut-off tables chosen by population, band schemes and mappings between them.
///
/// Definitions are data rather than code because the instruments agencies use are either
/// proprietary (LSI-R, LS/CMI: Andrews & Bonta 1995; Andrews, Bonta & Wormith 2004) or not yet
/// published (Indonesia's RRI and *Kebutuhan Kriminogenik* instruments, Kepdirjenpas
/// PAS-31.OT.02.02 Tahun 2021), and because cut-offs are commonly re-normed locally.
/// The JSON format is documented in `Documentation/RiskNeedResponsivity.md`.
///
/// Load a definition with ``load(json:)``, which reports every problem
/// with its JSON path; `Encodable` writes the same format back out.
///
/// ```swift
/// let instrument = try RiskInstrumentDefinition.load(json: Data(myJSON.utf8))
/// let result = try instrument.assess(answers, population: ClientPopulation(gender: .male, ageGroup: .adult))
/// ```
public struct RiskInstrumentDefinition: Sendable, Hashable, Codable {
  /// The JSON format version; this engine reads version 1.
  public var formatVersion: Int
  /// A stable identifier, e.g. `"rnr8-illustrative"`.
  public var id: String
  /// The definition's version, e.g. `"1.0"`; recorded with every assessment.
  public var version: String
  /// The instrument's name.
  public var name: LocalizedText
  /// Where the definition comes from and how far it may be trusted.
  public var status: InstrumentStatus
  /// Provenance and caveats (licence, norms, validation), in both languages.
  public var description: LocalizedText?
  /// The domains, in the instrument's order (which is also the last tie-break in need ranking).
  public var domains: [RiskDomain]
  /// The domains whose points make up the total; `nil` means every domain.
  public var totalDomains: [String]?
  /// The limit on unanswered items for the whole instrument and what happens past it.
  public var missingItems: MissingItemPolicy
  /// How criminogenic needs and strengths are chosen and ranked.
  public var needRanking: NeedRankingRule
  /// The band schemes (e.g. a five-level and a three-level scheme).
  public var bandSchemes: [BandScheme]
  /// Cut-off tables; the first whose population selector matches the person is used.
  public var cutoffTables: [CutoffTable]
  /// Mappings from one band scheme onto another.
  public var bandMappings: [BandMapping]
  /// Named sums over listed items reported beside the total (e.g. the items of a screening version).
  public var subscores: [SubscoreDefinition]

  /// Creates a definition without validating it; prefer ``load(json:)`` for user data and call
  /// ``validationIssues()`` on definitions built in code.
  public init(
    formatVersion: Int = 1, id: String, version: String, name: LocalizedText, status: InstrumentStatus,
    description: LocalizedText? = nil, domains: [RiskDomain], totalDomains: [String]? = nil,
    missingItems: MissingItemPolicy, needRanking: NeedRankingRule = NeedRankingRule(),
    bandSchemes: [BandScheme], cutoffTables: [CutoffTable], bandMappings: [BandMapping] = [],
    subscores: [SubscoreDefinition] = []
  ) {
    self.formatVersion = formatVersion
    self.id = id
    self.version = version
    self.name = name
    self.status = status
    self.description = description
    self.domains = domains
    self.totalDomains = totalDomains
    self.missingItems = missingItems
    self.needRanking = needRanking
    self.bandSchemes = bandSchemes
    self.cutoffTables = cutoffTables
    self.bandMappings = bandMappings
    self.subscores = subscores
  }

  enum CodingKeys: String, CodingKey {
    case formatVersion, id, version, name, status, description, domains, totalDomains, missingItems,
      needRanking, bandSchemes, cutoffTables, bandMappings, subscores
  }

  /// Decodes through the validating loader, so that `JSONDecoder` also reports every problem.
  ///
  /// Throws ``RiskDefinitionError`` when the definition is invalid.
  public init(from decoder: any Decoder) throws {
    let value = try JSONValue(from: decoder)
    self = try RiskInstrumentDefinition(validating: value)
  }

  /// Every item, in domain order.
  public var allItems: [RiskItem] { domains.flatMap(\.items) }

  /// The band scheme with the given id.
  public func scheme(_ id: String) -> BandScheme? { bandSchemes.first { $0.id == id } }
}

/// Where a definition comes from and how far it may be trusted.
public enum InstrumentStatus: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// For demonstrations and tests only; not validated, not for decisions about people.
  case illustrative
  /// Encoded by an agency from licensed materials it holds (e.g. LSI-R, LS/CMI).
  case licensed
  /// An agency's own instrument (e.g. an official national instrument) loaded as data.
  case agency
  /// An instrument validated on the agency's own population (see ``RiskValidation``).
  case locallyValidated

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .illustrative: LocalizedText(id: "Ilustratif (belum divalidasi)", en: "Illustrative (unvalidated)")
    case .licensed: LocalizedText(id: "Berlisensi", en: "Licensed")
    case .agency: LocalizedText(id: "Instrumen lembaga", en: "Agency instrument")
    case .locallyValidated: LocalizedText(id: "Tervalidasi lokal", en: "Locally validated")
    }
  }
}

/// A domain (subscale) of a risk/need instrument.
public struct RiskDomain: Sendable, Hashable, Codable {
  /// A stable identifier, unique in the instrument.
  public var id: String
  /// The display name.
  public var label: LocalizedText
  /// The Central Eight factor this domain measures; `nil` for domains outside the eight
  /// (e.g. the LSI-R's Financial, Accommodation or Emotional/Personal subscales).
  public var centralEight: CentralEightFactor?
  /// Static (risk only) or dynamic (a potential criminogenic need).
  public var kind: DomainKind
  /// At most this many of the domain's items may be unanswered; `nil` means only the
  /// instrument-level limit applies.
  public var maximumMissingItems: Int?
  /// The items, in order.
  public var items: [RiskItem]

  /// Creates a domain.
  public init(
    id: String, label: LocalizedText, centralEight: CentralEightFactor?, kind: DomainKind,
    maximumMissingItems: Int? = nil, items: [RiskItem]
  ) {
    self.id = id
    self.label = label
    self.centralEight = centralEight
    self.kind = kind
    self.maximumMissingItems = maximumMissingItems
    self.items = items
  }

  /// The most points the domain can give.
  public var maximumPoints: Int { items.reduce(0) { $0 + $1.response.maximumPoints } }
  /// The fewest points the domain can give.
  public var minimumPoints: Int { items.reduce(0) { $0 + $1.response.minimumPoints } }
}

/// One item: an identifier, a structural label (never the questionnaire's wording) and its
/// answer → points table.
public struct RiskItem: Sendable, Hashable, Codable {
  /// A stable identifier, unique in the instrument (answers are keyed by it).
  public var id: String
  /// A short structural label, e.g. "Item 3 (count box)"; do not copy licensed item wording.
  public var label: LocalizedText
  /// How an answer becomes points.
  public var response: ItemResponse

  /// Creates an item.
  public init(id: String, label: LocalizedText, response: ItemResponse) {
    self.id = id
    self.label = label
    self.response = response
  }
}

/// How an answer to an item becomes points.
///
/// JSON: `{"type": "choice", "options": [...]}` or `{"type": "count", "ranges": [...]}`.
public enum ItemResponse: Sendable, Hashable, Codable {
  /// One of a fixed set of answers (yes/no, graded 0–2, rater boxes 0–3 …), each with points.
  case choice([AnswerOption])
  /// A non-negative count (e.g. number of prior convictions) scored by contiguous ranges.
  case count([CountRange])

  /// The most points the item can give.
  public var maximumPoints: Int {
    switch self {
    case .choice(let options): options.map(\.points).max() ?? 0
    case .count(let ranges): ranges.map(\.points).max() ?? 0
    }
  }

  /// The fewest points the item can give.
  public var minimumPoints: Int {
    switch self {
    case .choice(let options): options.map(\.points).min() ?? 0
    case .count(let ranges): ranges.map(\.points).min() ?? 0
    }
  }

  enum CodingKeys: String, CodingKey { case type, options, ranges }

  /// Decodes `{"type": "choice", "options": …}` or `{"type": "count", "ranges": …}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    switch try c.decode(String.self, forKey: .type) {
    case "choice": self = .choice(try c.decode([AnswerOption].self, forKey: .options))
    case "count": self = .count(try c.decode([CountRange].self, forKey: .ranges))
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "'\(other)' is not 'choice' or 'count'")
    }
  }

  /// Encodes the documented form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .choice(let options):
      try c.encode("choice", forKey: .type)
      try c.encode(options, forKey: .options)
    case .count(let ranges):
      try c.encode("count", forKey: .type)
      try c.encode(ranges, forKey: .ranges)
    }
  }
}

/// One allowed answer of a choice item.
///
/// A rater box of the LSI-R kind (0–3, where 0–1 count as risk and 2–3 as protective) is four
/// options `"0"`…`"3"` with points 1, 1, 0, 0 and `strength: true` on `"2"` and `"3"`.
public struct AnswerOption: Sendable, Hashable, Codable {
  /// The answer as recorded, e.g. `"yes"`, `"no"`, `"2"`.
  public var value: String
  /// The points the answer gives.
  public var points: Int
  /// Whether the answer marks a protective factor (strength).
  public var strength: Bool
  /// An optional display label.
  public var label: LocalizedText?

  /// Creates an option.
  public init(value: String, points: Int, strength: Bool = false, label: LocalizedText? = nil) {
    self.value = value
    self.points = points
    self.strength = strength
    self.label = label
  }
}

/// A contiguous range of counts with its points; `maximum == nil` means "and above".
public struct CountRange: Sendable, Hashable, Codable {
  /// The smallest count in the range (≥ 0).
  public var minimum: Int
  /// The largest count in the range; `nil` for an open last range.
  public var maximum: Int?
  /// The points a count in this range gives.
  public var points: Int
  /// Whether a count in this range marks a protective factor.
  public var strength: Bool

  /// Creates a range.
  public init(minimum: Int, maximum: Int?, points: Int, strength: Bool = false) {
    self.minimum = minimum
    self.maximum = maximum
    self.points = points
    self.strength = strength
  }

  /// Whether `count` falls in the range.
  public func contains(_ count: Int) -> Bool {
    count >= minimum && (maximum.map { count <= $0 } ?? true)
  }
}

/// The instrument-level limit on unanswered items.
///
/// Within the limits an unanswered item scores 0 points (the LSI-R practice of allowing up to
/// five omitted items: Idaho LSI-R scoring guide v3.0, 2015); the count of missing items is
/// always reported with the result.
public struct MissingItemPolicy: Sendable, Hashable, Codable {
  /// At most this many items may be unanswered in the whole instrument.
  public var maximumItems: Int
  /// What happens when a limit (instrument or domain) is exceeded.
  public var whenExceeded: MissingLimitAction

  /// Creates a policy.
  public init(maximumItems: Int, whenExceeded: MissingLimitAction = .reject) {
    self.maximumItems = maximumItems
    self.whenExceeded = whenExceeded
  }
}

/// What happens when more items are unanswered than a limit allows.
public enum MissingLimitAction: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Refuse to score: ``RiskScoringError`` with the items missing.
  case reject
  /// Report domain scores for domains within their own limit, but no total and no band
  /// (``RiskAssessment/total`` and ``RiskAssessment/band`` are `nil`, ``RiskAssessment/isComplete`` is false).
  case withholdTotal

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .reject: LocalizedText(id: "Tolak penskoran", en: "Reject scoring")
    case .withholdTotal: LocalizedText(id: "Tanpa skor total", en: "Withhold total")
    }
  }
}

/// How criminogenic needs and strengths are chosen and ranked.
///
/// Only **dynamic** domains can be needs or strengths. A dynamic domain is a need when its points are
/// above zero and its share of the domain maximum is at least ``minimumShare``. Needs are ranked by
/// ``measure`` (descending); ties are broken by ``tieBreak``, then by the domain's order in the
/// definition. A dynamic domain is a strength when its share is at most ``strengthMaximumShare``.
public struct NeedRankingRule: Sendable, Hashable, Codable {
  /// What ranks the needs.
  public var measure: NeedMeasure
  /// The least share of the domain maximum that makes a need (0…1).
  public var minimumShare: Double
  /// The tie-break before definition order.
  public var tieBreak: NeedTieBreak
  /// The largest share of the maximum at which a dynamic domain counts as a strength (0…1).
  public var strengthMaximumShare: Double

  /// Creates a rule; the defaults rank by share, need at half the maximum, Big Four first on ties,
  /// and strengths at zero points.
  public init(
    measure: NeedMeasure = .shareOfMaximum, minimumShare: Double = 0.5, tieBreak: NeedTieBreak = .bigFourFirst,
    strengthMaximumShare: Double = 0
  ) {
    self.measure = measure
    self.minimumShare = minimumShare
    self.tieBreak = tieBreak
    self.strengthMaximumShare = strengthMaximumShare
  }
}

/// What ranks criminogenic needs.
public enum NeedMeasure: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The domain's points divided by its maximum (comparable across domains of different length).
  case shareOfMaximum
  /// The domain's raw points.
  case points

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .shareOfMaximum: LocalizedText(id: "Proporsi dari skor maksimum", en: "Share of maximum")
    case .points: LocalizedText(id: "Skor mentah", en: "Raw points")
    }
  }
}

/// How ties between needs are broken (before definition order).
public enum NeedTieBreak: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Big Four factors (Andrews & Bonta 2010) before the others.
  case bigFourFirst
  /// Definition order only.
  case definitionOrder

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .bigFourFirst: LocalizedText(id: "Big Four lebih dulu", en: "Big Four first")
    case .definitionOrder: LocalizedText(id: "Urutan definisi", en: "Definition order")
    }
  }
}

/// A named sum over listed items, reported beside the total; it does not change the total or band.
///
/// Use it for a screening subset (the LSI-R:SV is an 8-item screening version drawn from the
/// LSI-R's items), or to report a section separately.
public struct SubscoreDefinition: Sendable, Hashable, Codable {
  /// A stable identifier.
  public var id: String
  /// The display name.
  public var label: LocalizedText
  /// The item ids summed.
  public var items: [String]

  /// Creates a subscore.
  public init(id: String, label: LocalizedText, items: [String]) {
    self.id = id
    self.label = label
    self.items = items
  }
}
