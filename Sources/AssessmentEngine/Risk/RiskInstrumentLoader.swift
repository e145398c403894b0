#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Every problem found in a risk instrument definition, each with its JSON path.
///
/// Thrown by ``RiskInstrumentDefinition/load(json:)`` once the whole document has been read, so an
/// author sees all mistakes at once (unknown keys, wrong types, duplicate ids, unknown references,
/// overlapping or gapped cut-offs …).
public struct RiskDefinitionError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The problems, in document order.
  public var issues: [JSONIssue]

  /// Creates an error from its issues.
  public init(issues: [JSONIssue]) { self.issues = issues }

  /// One line per issue, preceded by a count.
  public var description: String {
    let head =
      issues.count == 1
      ? "The risk instrument definition has 1 problem:" : "The risk instrument definition has \(issues.count) problems:"
    return ([head] + issues.map { "- \($0.description)" }).joined(separator: "\n")
  }
}

extension RiskInstrumentDefinition {
  /// The only format version this engine reads.
  public static let supportedFormatVersion = 1

  /// Reads and validates a definition from JSON text.
  ///
  /// - Throws: ``RiskDefinitionError`` with every problem found (syntax, structure, references,
  ///   cut-off coverage), each with its JSON path.
  /// - Complexity: O(*n* log *n*) in the size of the definition.
  public static func load(json data: Data) throws(RiskDefinitionError) -> RiskInstrumentDefinition {
    let value: JSONValue
    do { value = try JSONValue.parse(data) } catch { throw RiskDefinitionError(issues: [error]) }
    return try RiskInstrumentDefinition(validating: value)
  }

  /// Reads and validates a definition from a parsed JSON value.
  ///
  /// - Throws: ``RiskDefinitionError`` with every problem found.
  package init(validating value: JSONValue) throws(RiskDefinitionError) {
    var issues: [JSONIssue] = []
    let parsed = Self.read(value, &issues)
    // Semantic rules run whenever the structure could be read, so structural and semantic
    // problems are reported together.
    if let parsed { issues += parsed.validationIssues() }
    guard let parsed, issues.isEmpty else { throw RiskDefinitionError(issues: issues) }
    self = parsed
  }

  // MARK: Structural reading

  private static func read(_ value: JSONValue, _ issues: inout [JSONIssue]) -> RiskInstrumentDefinition? {
    guard var o = JSONObjectReader(value, path: "$", issues: &issues) else { return nil }
    let formatVersion = o.integer("formatVersion", &issues)
    let id = o.string("id", &issues)
    let version = o.string("version", &issues)
    let name = o.localized("name", &issues)
    let status = o.enumeration("status", as: InstrumentStatus.self, &issues)
    let description = o.localized("description", required: false, &issues)
    let domains = o.array("domains", &issues).flatMap { readArray($0, o.path(of: "domains"), &issues, readDomain) }
    let totalDomains = o.strings("totalDomains", required: false, &issues)
    let missing = o.object("missingItems", &issues).flatMap { readMissing($0, &issues) }
    var ranking: NeedRankingRule? = NeedRankingRule()
    if let r = o.object("needRanking", required: false, &issues) { ranking = readRanking(r, &issues) }
    let schemes = o.array("bandSchemes", &issues).flatMap {
      readArray($0, o.path(of: "bandSchemes"), &issues, readScheme)
    }
    let tables = o.array("cutoffTables", &issues).flatMap {
      readArray($0, o.path(of: "cutoffTables"), &issues, readTable)
    }
    var mappings: [BandMapping]? = []
    if let a = o.array("bandMappings", required: false, &issues) {
      mappings = readArray(a, o.path(of: "bandMappings"), &issues, readMapping)
    }
    var subscores: [SubscoreDefinition]? = []
    if let a = o.array("subscores", required: false, &issues) {
      subscores = readArray(a, o.path(of: "subscores"), &issues) {
        (r: JSONObjectReader, issues: inout [JSONIssue]) -> SubscoreDefinition? in
        var r = r
        let id = r.string("id", &issues)
        let label = r.localized("label", &issues)
        let items = r.strings("items", &issues)
        r.rejectUnknownKeys(&issues)
        guard let id, let label, let items else { return nil }
        return SubscoreDefinition(id: id, label: label, items: items)
      }
    }
    o.rejectUnknownKeys(&issues)
    guard let formatVersion, let id, let version, let name, let status, let domains, let missing,
      let ranking, let schemes, let tables, let mappings, let subscores
    else { return nil }
    return RiskInstrumentDefinition(
      formatVersion: formatVersion, id: id, version: version, name: name, status: status,
      description: description, domains: domains, totalDomains: totalDomains, missingItems: missing,
      needRanking: ranking, bandSchemes: schemes, cutoffTables: tables, bandMappings: mappings,
      subscores: subscores)
  }

  /// Reads each element; returns `nil` when any element failed (its issues are recorded).
  private static func readArray<T>(
    _ array: [JSONValue], _ path: String, _ issues: inout [JSONIssue],
    _ element: (JSONObjectReader, inout [JSONIssue]) -> T?
  ) -> [T]? {
    var out: [T] = []
    var failed = false
    for (i, v) in array.enumerated() {
      guard let reader = JSONObjectReader(v, path: "\(path)[\(i)]", issues: &issues),
        let t = element(reader, &issues)
      else {
        failed = true
        continue
      }
      out.append(t)
    }
    return failed ? nil : out
  }

  private static func readDomain(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> RiskDomain? {
    var o = r
    let id = o.string("id", &issues)
    let label = o.localized("label", &issues)
    let factor = o.enumeration("centralEight", as: CentralEightFactor.self, required: false, &issues)
    let factorGiven = o.members["centralEight"].map { $0 != .null } ?? false
    let kind = o.enumeration("kind", as: DomainKind.self, &issues)
    let maxMissing = o.integer("maximumMissingItems", required: false, &issues)
    let items = o.array("items", &issues).flatMap { readArray($0, o.path(of: "items"), &issues, readItem) }
    o.rejectUnknownKeys(&issues)
    guard let id, let label, let kind, let items, factor != nil || !factorGiven else { return nil }
    return RiskDomain(
      id: id, label: label, centralEight: factor, kind: kind, maximumMissingItems: maxMissing, items: items)
  }

  private static func readItem(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> RiskItem? {
    var o = r
    let id = o.string("id", &issues)
    let label = o.localized("label", &issues)
    var response: ItemResponse?
    if var resp = o.object("response", &issues) {
      let type = resp.string("type", &issues)
      switch type {
      case "choice":
        response = resp.array("options", &issues)
          .flatMap { readArray($0, resp.path(of: "options"), &issues, readOption) }.map { .choice($0) }
      case "count":
        response = resp.array("ranges", &issues)
          .flatMap { readArray($0, resp.path(of: "ranges"), &issues, readCountRange) }.map { .count($0) }
      case nil: break
      case let other?:
        issues.append(
          JSONIssue(path: resp.path(of: "type"), kind: .invalidValue("'\(other)' is not one of 'choice', 'count'")))
      }
      resp.rejectUnknownKeys(&issues)
    }
    o.rejectUnknownKeys(&issues)
    guard let id, let label, let response else { return nil }
    return RiskItem(id: id, label: label, response: response)
  }

  private static func readOption(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> AnswerOption? {
    var o = r
    let value = o.string("value", &issues)
    let points = o.integer("points", &issues)
    let strength = o.bool("strength", required: false, &issues)
    let label = o.localized("label", required: false, &issues)
    o.rejectUnknownKeys(&issues)
    guard let value, let points else { return nil }
    return AnswerOption(value: value, points: points, strength: strength ?? false, label: label)
  }

  private static func readCountRange(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> CountRange? {
    var o = r
    let minimum = o.integer("minimum", &issues)
    let maximum = o.integer("maximum", required: false, &issues)
    let points = o.integer("points", &issues)
    let strength = o.bool("strength", required: false, &issues)
    o.rejectUnknownKeys(&issues)
    guard let minimum, let points else { return nil }
    return CountRange(minimum: minimum, maximum: maximum, points: points, strength: strength ?? false)
  }

  private static func readMissing(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> MissingItemPolicy? {
    var o = r
    let maximum = o.integer("maximumItems", &issues)
    let action = o.enumeration("whenExceeded", as: MissingLimitAction.self, required: false, &issues)
    let actionGiven = o.members["whenExceeded"].map { $0 != .null } ?? false
    o.rejectUnknownKeys(&issues)
    guard let maximum, action != nil || !actionGiven else { return nil }
    return MissingItemPolicy(maximumItems: maximum, whenExceeded: action ?? .reject)
  }

  private static func readRanking(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> NeedRankingRule? {
    var o = r
    let before = issues.count
    let d = NeedRankingRule()
    let measure = o.enumeration("measure", as: NeedMeasure.self, required: false, &issues)
    let minimumShare = o.number("minimumShare", required: false, &issues)
    let tieBreak = o.enumeration("tieBreak", as: NeedTieBreak.self, required: false, &issues)
    let strength = o.number("strengthMaximumShare", required: false, &issues)
    o.rejectUnknownKeys(&issues)
    guard issues.count == before else { return nil }
    return NeedRankingRule(
      measure: measure ?? d.measure, minimumShare: minimumShare ?? d.minimumShare,
      tieBreak: tieBreak ?? d.tieBreak, strengthMaximumShare: strength ?? d.strengthMaximumShare)
  }

  private static func readScheme(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> BandScheme? {
    var o = r
    let id = o.string("id", &issues)
    let label = o.localized("label", &issues)
    let bands = o.array("bands", &issues).flatMap {
      readArray($0, o.path(of: "bands"), &issues) {
        (b: JSONObjectReader, issues: inout [JSONIssue]) -> BandDefinition? in
        var b = b
        let id = b.string("id", &issues)
        let label = b.localized("label", &issues)
        b.rejectUnknownKeys(&issues)
        guard let id, let label else { return nil }
        return BandDefinition(id: id, label: label)
      }
    }
    o.rejectUnknownKeys(&issues)
    guard let id, let label, let bands else { return nil }
    return BandScheme(id: id, label: label, bands: bands)
  }

  private static func readTable(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> CutoffTable? {
    var o = r
    let id = o.string("id", &issues)
    var population: PopulationSelector?
    if var p = o.object("population", &issues) {
      let before = issues.count
      let gender = p.enumeration("gender", as: Gender.self, required: false, &issues)
      let group = p.enumeration("ageGroup", as: AgeGroup.self, required: false, &issues)
      let minAge = p.integer("minimumAge", required: false, &issues)
      let maxAge = p.integer("maximumAge", required: false, &issues)
      p.rejectUnknownKeys(&issues)
      if issues.count == before {
        population = PopulationSelector(gender: gender, ageGroup: group, minimumAge: minAge, maximumAge: maxAge)
      }
    }
    let scheme = o.string("scheme", &issues)
    let ranges = o.array("ranges", &issues).flatMap {
      readArray($0, o.path(of: "ranges"), &issues) { (c: JSONObjectReader, issues: inout [JSONIssue]) -> CutoffRange? in
        var c = c
        let band = c.string("band", &issues)
        let minimum = c.integer("minimum", &issues)
        let maximum = c.integer("maximum", required: false, &issues)
        c.rejectUnknownKeys(&issues)
        guard let band, let minimum else { return nil }
        return CutoffRange(band: band, minimum: minimum, maximum: maximum)
      }
    }
    o.rejectUnknownKeys(&issues)
    guard let id, let population, let scheme, let ranges else { return nil }
    return CutoffTable(id: id, population: population, scheme: scheme, ranges: ranges)
  }

  private static func readMapping(_ r: JSONObjectReader, _ issues: inout [JSONIssue]) -> BandMapping? {
    var o = r
    let from = o.string("from", &issues)
    let to = o.string("to", &issues)
    var map: [String: String]?
    if let m = o.object("map", &issues) {
      var out: [String: String] = [:]
      var ok = true
      for (k, v) in m.members {
        if case .string(let s) = v {
          out[k] = s
        } else {
          ok = false
          issues.append(JSONIssue(path: m.path(of: k), kind: .wrongType(expected: "a string", found: v.typeName)))
        }
      }
      if ok { map = out }
    }
    o.rejectUnknownKeys(&issues)
    guard let from, let to, let map else { return nil }
    return BandMapping(from: from, to: to, map: map)
  }
}
