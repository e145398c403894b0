/// An ordered set of risk bands, lowest first (e.g. low/moderate/high).
public struct BandScheme: Sendable, Hashable, Codable {
  /// A stable identifier.
  public var id: String
  /// The display name.
  public var label: LocalizedText
  /// The bands, lowest risk first; a band's rank is its index.
  public var bands: [BandDefinition]

  /// Creates a scheme.
  public init(id: String, label: LocalizedText, bands: [BandDefinition]) {
    self.id = id
    self.label = label
    self.bands = bands
  }

  /// The rank (0 = lowest) of a band, or `nil` when it is not in the scheme.
  public func rank(of band: String) -> Int? { bands.firstIndex { $0.id == band } }
}

/// One band of a scheme.
public struct BandDefinition: Sendable, Hashable, Codable {
  /// A stable identifier, e.g. `"high"`.
  public var id: String
  /// The display name.
  public var label: LocalizedText

  /// Creates a band.
  public init(id: String, label: LocalizedText) {
    self.id = id
    self.label = label
  }
}

/// A cut-off table: for one population, contiguous ranges of the total mapped to bands.
public struct CutoffTable: Sendable, Hashable, Codable {
  /// A stable identifier.
  public var id: String
  /// Who the table applies to.
  public var population: PopulationSelector
  /// The band scheme the ranges use.
  public var scheme: String
  /// Ranges of the total, lowest first, without gaps or overlaps, covering every possible total.
  public var ranges: [CutoffRange]

  /// Creates a table.
  public init(id: String, population: PopulationSelector, scheme: String, ranges: [CutoffRange]) {
    self.id = id
    self.population = population
    self.scheme = scheme
    self.ranges = ranges
  }
}

/// Which people a cut-off table applies to; an absent field matches anyone.
public struct PopulationSelector: Sendable, Hashable, Codable {
  /// The gender the table is normed for.
  public var gender: Gender?
  /// Adult or child.
  public var ageGroup: AgeGroup?
  /// The youngest age (inclusive) in the age band.
  public var minimumAge: Int?
  /// The oldest age (inclusive) in the age band.
  public var maximumAge: Int?

  /// Creates a selector.
  public init(gender: Gender? = nil, ageGroup: AgeGroup? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil) {
    self.gender = gender
    self.ageGroup = ageGroup
    self.minimumAge = minimumAge
    self.maximumAge = maximumAge
  }

  /// Whether the selector matches; a field the selector sets must be known and equal in `population`.
  public func matches(_ population: ClientPopulation) -> Bool {
    if let gender, population.gender != gender { return false }
    if let ageGroup, population.ageGroup != ageGroup { return false }
    if minimumAge != nil || maximumAge != nil {
      guard let age = population.ageYears else { return false }
      if let minimumAge, age < minimumAge { return false }
      if let maximumAge, age > maximumAge { return false }
    }
    return true
  }
}

/// A range of totals mapped to a band; `maximum == nil` means "and above".
public struct CutoffRange: Sendable, Hashable, Codable {
  /// The band id (in the table's scheme).
  public var band: String
  /// The lowest total in the band (inclusive).
  public var minimum: Int
  /// The highest total in the band (inclusive); `nil` for an open last band.
  public var maximum: Int?

  /// Creates a range.
  public init(band: String, minimum: Int, maximum: Int?) {
    self.band = band
    self.minimum = minimum
    self.maximum = maximum
  }
}

/// A mapping of every band of one scheme onto a band of another (e.g. five levels onto
/// low/moderate/high). Mappings must not reverse order.
public struct BandMapping: Sendable, Hashable, Codable {
  /// The source scheme id.
  public var from: String
  /// The target scheme id.
  public var to: String
  /// Source band id → target band id; every source band must be present.
  public var map: [String: String]

  /// Creates a mapping.
  public init(from: String, to: String, map: [String: String]) {
    self.from = from
    self.to = to
    self.map = map
  }
}

/// A band as reported: its scheme, id, rank in the scheme and label.
public struct BandReference: Sendable, Hashable, Codable {
  /// The scheme id.
  public var scheme: String
  /// The band id.
  public var band: String
  /// The band's rank in its scheme (0 = lowest).
  public var rank: Int
  /// The band's display name.
  public var label: LocalizedText

  /// Creates a reference.
  public init(scheme: String, band: String, rank: Int, label: LocalizedText) {
    self.scheme = scheme
    self.band = band
    self.rank = rank
    self.label = label
  }
}

extension RiskInstrumentDefinition {
  /// The band of `scheme`/`band` as a reference, or `nil` when either is unknown.
  public func bandReference(scheme schemeID: String, band: String) -> BandReference? {
    guard let s = scheme(schemeID), let rank = s.rank(of: band) else { return nil }
    return BandReference(scheme: schemeID, band: band, rank: rank, label: s.bands[rank].label)
  }

  /// Maps a band onto another scheme through ``bandMappings``; the same band when the scheme is
  /// already `target`, `nil` when no mapping exists.
  public func map(_ band: BandReference, to target: String) -> BandReference? {
    if band.scheme == target { return band }
    guard let mapping = bandMappings.first(where: { $0.from == band.scheme && $0.to == target }),
      let to = mapping.map[band.band]
    else { return nil }
    return bandReference(scheme: target, band: to)
  }
}
