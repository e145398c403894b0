#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension InstrumentDefinition {
  /// Loads and validates a definition from JSON.
  ///
  /// - Throws: ``InstrumentDefinitionError`` with every problem found (malformed JSON, missing or
  ///   unknown keys, wrong types, and every rule of ``validationIssues()``), each with its JSON path.
  public init(jsonData: Data) throws(InstrumentDefinitionError) {
    let value: JSONValue
    do { value = try JSONValue.parse(jsonData) } catch { throw InstrumentDefinitionError(issues: [error]) }
    try self.init(json: value)
  }

  /// Loads and validates a definition from an already parsed JSON value.
  package init(json value: JSONValue) throws(InstrumentDefinitionError) {
    var issues: [JSONIssue] = []
    guard var o = JSONObjectReader(value, path: "$", issues: &issues) else {
      throw InstrumentDefinitionError(issues: issues)
    }
    let id = o.string("id", &issues)
    let version = o.string("version", &issues)
    let name = o.localized("name", &issues)
    let citation = Self.readCitation(&o, &issues)
    let scale = Self.readScale(&o, &issues)
    let items = Self.readItems(&o, &issues)
    let scales = Self.readScales(&o, &issues)
    let missing = Self.readMissingData(&o, &issues)
    let norms = Self.readNorms(&o, &issues)
    let notes = o.localized("notes", required: false, &issues)
    o.rejectUnknownKeys(&issues)

    guard let id, let version, let name, let citation, let scale, let items, let scales, issues.isEmpty else {
      // Structural problems first; the cross-reference rules need a complete skeleton to be meaningful,
      // but run them on what we have so one pass still reports as much as possible.
      if let scale { issues += scale.validationIssues(path: "$.responseScale") }
      if let items, let scales {
        let partial = InstrumentDefinition(
          unchecked: id ?? "", version: version ?? "", name: name ?? LocalizedText(id: "", en: ""),
          citation: citation ?? Citation(source: "-", year: 0, licence: "-"),
          responseScale: ResponseScale(min: 0, max: 1),
          items: items, scales: scales, missingData: missing, norms: norms ?? [], notes: notes)
        issues += partial.validationIssues().filter {
          !$0.path.hasPrefix("$.responseScale") && !$0.path.hasPrefix("$.citation")
        }
      }
      throw InstrumentDefinitionError(issues: issues)
    }
    try self.init(
      id: id, version: version, name: name, citation: citation, responseScale: scale, items: items,
      scales: scales, missingData: missing, norms: norms ?? [], notes: notes)
  }

  /// Decodes through the validating loader, so `JSONDecoder` enforces the same rules.
  public init(from decoder: any Decoder) throws {
    let value = try JSONValue(from: decoder)
    try self.init(json: value)
  }

  /// Creates a definition without validating it (for the loader's partial checks).
  init(
    unchecked id: String, version: String, name: LocalizedText, citation: Citation, responseScale: ResponseScale,
    items: [ItemDefinition], scales: [ScaleDefinition], missingData: MissingDataPolicy?, norms: [ScaleNorm],
    notes: LocalizedText?
  ) {
    self.id = id
    self.version = version
    self.name = name
    self.citation = citation
    self.responseScale = responseScale
    self.items = items
    self.scales = scales
    self.missingData = missingData
    self.norms = norms
    self.notes = notes
  }

  /// Every rule a definition must satisfy, as issues with JSON paths (empty when valid):
  /// non-empty ids; unique item and scale ids; at least one item and one scale; a valid response
  /// scale; every scale non-empty, naming only defined items, each at most once; reverse keys only on
  /// the scale's own items; a prorating minimum that is positive; norms naming a defined scale with a
  /// positive SD and a reliability in (0, 1).
  public func validationIssues() -> [JSONIssue] {
    var issues: [JSONIssue] = []
    if id.isEmpty { issues.append(JSONIssue(path: "$.id", kind: .invalidValue("the id is empty"))) }
    if citation.licence.isEmpty {
      issues.append(JSONIssue(path: "$.citation.licence", kind: .invalidValue("the licence note is empty")))
    }
    issues += responseScale.validationIssues(path: "$.responseScale")
    if items.isEmpty { issues.append(JSONIssue(path: "$.items", kind: .invalidValue("the instrument has no items"))) }
    var seenItems = Set<String>()
    for (i, item) in items.enumerated() {
      if item.id.isEmpty { issues.append(JSONIssue(path: "$.items[\(i)].id", kind: .invalidValue("the id is empty"))) }
      if !seenItems.insert(item.id).inserted {
        issues.append(JSONIssue(path: "$.items[\(i)].id", kind: .duplicate(item.id)))
      }
    }
    if scales.isEmpty {
      issues.append(JSONIssue(path: "$.scales", kind: .invalidValue("the instrument has no scales")))
    }
    var seenScales = Set<String>()
    for (s, scale) in scales.enumerated() {
      let path = "$.scales[\(s)]"
      if scale.id.isEmpty { issues.append(JSONIssue(path: "\(path).id", kind: .invalidValue("the id is empty"))) }
      if !seenScales.insert(scale.id).inserted {
        issues.append(JSONIssue(path: "\(path).id", kind: .duplicate(scale.id)))
      }
      if scale.items.isEmpty {
        issues.append(JSONIssue(path: "\(path).items", kind: .invalidValue("the scale '\(scale.id)' has no items")))
      }
      var inScale = Set<String>()
      for (i, item) in scale.items.enumerated() {
        if !seenItems.contains(item) {
          issues.append(JSONIssue(path: "\(path).items[\(i)]", kind: .unknownReference(item)))
        }
        if !inScale.insert(item).inserted {
          issues.append(JSONIssue(path: "\(path).items[\(i)]", kind: .duplicate(item)))
        }
      }
      var reversedSeen = Set<String>()
      for (i, item) in scale.reversed.enumerated() {
        if !inScale.contains(item) {
          issues.append(
            JSONIssue(
              path: "\(path).reversed[\(i)]",
              kind: .invalidValue("'\(item)' is reverse-keyed but is not one of the scale's items")))
        }
        if !reversedSeen.insert(item).inserted {
          issues.append(JSONIssue(path: "\(path).reversed[\(i)]", kind: .duplicate(item)))
        }
      }
    }
    if case .prorate(let minimum) = missingData {
      switch minimum {
      case .count(let n) where n < 1:
        issues.append(
          JSONIssue(
            path: "$.missingData.minimumAnswered", kind: .invalidValue("the minimum must be at least 1, not \(n)")))
      case .fraction(let f) where !(f > 0 && f <= 1):
        issues.append(
          JSONIssue(
            path: "$.missingData.minimumAnsweredFraction",
            kind: .invalidValue("the fraction must be in (0, 1], not \(f)")))
      default: break
      }
    }
    for (i, norm) in norms.enumerated() {
      let path = "$.norms[\(i)]"
      if !seenScales.contains(norm.scale) {
        issues.append(JSONIssue(path: "\(path).scale", kind: .unknownReference(norm.scale)))
      }
      if !(norm.sd > 0) || !norm.sd.isFinite {
        issues.append(JSONIssue(path: "\(path).sd", kind: .invalidValue("the SD must be positive, not \(norm.sd)")))
      }
      if !norm.mean.isFinite {
        issues.append(JSONIssue(path: "\(path).mean", kind: .invalidValue("the mean must be a finite number")))
      }
      if let r = norm.reliability, !(r > 0 && r < 1) {
        issues.append(
          JSONIssue(path: "\(path).reliability", kind: .invalidValue("the reliability must be in (0, 1), not \(r)")))
      }
      if let n = norm.n, n < 1 {
        issues.append(JSONIssue(path: "\(path).n", kind: .invalidValue("the sample size must be positive, not \(n)")))
      }
    }
    return issues
  }

  // MARK: Field readers

  private static func readCitation(_ o: inout JSONObjectReader, _ issues: inout [JSONIssue]) -> Citation? {
    guard var c = o.object("citation", &issues) else { return nil }
    let source = c.string("source", &issues)
    let year = c.integer("year", &issues)
    let doi = c.string("doi", required: false, &issues)
    let url = c.string("url", required: false, &issues)
    let licence = c.string("licence", &issues)
    c.rejectUnknownKeys(&issues)
    guard let source, let year, let licence else { return nil }
    return Citation(source: source, year: year, doi: doi, url: url, licence: licence)
  }

  private static func readScale(_ o: inout JSONObjectReader, _ issues: inout [JSONIssue]) -> ResponseScale? {
    guard var s = o.object("responseScale", &issues) else { return nil }
    let min = s.integer("min", &issues)
    let max = s.integer("max", &issues)
    var excluded: [Int] = []
    if let values = s.array("excluded", required: false, &issues) {
      for (i, v) in values.enumerated() {
        if case .number(let d) = v, d.rounded() == d, abs(d) < 1e9 {
          excluded.append(Int(d))
        } else {
          issues.append(
            JSONIssue(
              path: "\(s.path(of: "excluded"))[\(i)]", kind: .wrongType(expected: "an integer", found: v.typeName)))
        }
      }
    }
    var anchors: [ResponseScale.Anchor] = []
    if let values = s.array("anchors", required: false, &issues) {
      for (i, v) in values.enumerated() {
        guard var a = JSONObjectReader(v, path: "\(s.path(of: "anchors"))[\(i)]", issues: &issues) else { continue }
        let value = a.integer("value", &issues)
        let label = a.localized("label", &issues)
        a.rejectUnknownKeys(&issues)
        if let value, let label { anchors.append(.init(value: value, label: label)) }
      }
    }
    s.rejectUnknownKeys(&issues)
    guard let min, let max else { return nil }
    return ResponseScale(min: min, max: max, excluded: excluded, anchors: anchors)
  }

  private static func readItems(_ o: inout JSONObjectReader, _ issues: inout [JSONIssue]) -> [ItemDefinition]? {
    guard let values = o.array("items", &issues) else { return nil }
    var items: [ItemDefinition] = []
    for (i, v) in values.enumerated() {
      guard var item = JSONObjectReader(v, path: "$.items[\(i)]", issues: &issues) else { continue }
      let id = item.string("id", &issues)
      let label = item.localized("label", required: false, &issues)
      item.rejectUnknownKeys(&issues)
      if let id { items.append(ItemDefinition(id: id, label: label)) }
    }
    return items
  }

  private static func readScales(_ o: inout JSONObjectReader, _ issues: inout [JSONIssue]) -> [ScaleDefinition]? {
    guard let values = o.array("scales", &issues) else { return nil }
    var scales: [ScaleDefinition] = []
    for (i, v) in values.enumerated() {
      guard var s = JSONObjectReader(v, path: "$.scales[\(i)]", issues: &issues) else { continue }
      let id = s.string("id", &issues)
      let label = s.localized("label", required: false, &issues)
      let items = s.strings("items", &issues)
      let reversed = s.strings("reversed", required: false, &issues) ?? []
      let score = s.enumeration("score", as: ScaleDefinition.Score.self, required: false, &issues) ?? .sum
      s.rejectUnknownKeys(&issues)
      if let id, let items {
        scales.append(ScaleDefinition(id: id, label: label, items: items, reversed: reversed, score: score))
      }
    }
    return scales
  }

  private static func readMissingData(_ o: inout JSONObjectReader, _ issues: inout [JSONIssue]) -> MissingDataPolicy? {
    guard var m = o.object("missingData", required: false, &issues) else { return nil }
    let policy = m.string("policy", &issues)
    let count = m.integer("minimumAnswered", required: false, &issues)
    let fraction = m.number("minimumAnsweredFraction", required: false, &issues)
    m.rejectUnknownKeys(&issues)
    guard let policy else { return nil }
    switch policy {
    case "none", "mean", "median":
      if count != nil || fraction != nil {
        issues.append(
          JSONIssue(
            path: m.path, kind: .invalidValue("a minimum of answered items applies only to the 'prorate' policy")))
      }
      return policy == "none" ? MissingDataPolicy.noImputation : policy == "mean" ? .itemMean : .itemMedian
    case "prorate":
      if count != nil && fraction != nil {
        issues.append(
          JSONIssue(
            path: m.path, kind: .invalidValue("give either 'minimumAnswered' or 'minimumAnsweredFraction', not both")))
        return nil
      }
      if let count { return .prorate(minimum: .count(count)) }
      if let fraction { return .prorate(minimum: .fraction(fraction)) }
      return .default
    default:
      issues.append(
        JSONIssue(
          path: m.path(of: "policy"),
          kind: .invalidValue("'\(policy)' is not one of 'none', 'mean', 'median', 'prorate'")))
      return nil
    }
  }

  private static func readNorms(_ o: inout JSONObjectReader, _ issues: inout [JSONIssue]) -> [ScaleNorm]? {
    guard let values = o.array("norms", required: false, &issues) else { return nil }
    var norms: [ScaleNorm] = []
    for (i, v) in values.enumerated() {
      guard var n = JSONObjectReader(v, path: "$.norms[\(i)]", issues: &issues) else { continue }
      let scale = n.string("scale", &issues)
      let population = n.localized("population", &issues)
      let group = n.enumeration("group", as: ScaleNorm.Group.self, required: false, &issues) ?? .general
      let metric = n.enumeration("metric", as: ScaleDefinition.Score.self, &issues)
      let mean = n.number("mean", &issues)
      let sd = n.number("sd", &issues)
      let size = n.integer("n", required: false, &issues)
      let reliability = n.number("reliability", required: false, &issues)
      let source = n.string("source", &issues)
      n.rejectUnknownKeys(&issues)
      if let scale, let population, let metric, let mean, let sd, let source {
        norms.append(
          ScaleNorm(
            scale: scale, population: population, group: group, metric: metric, mean: mean, sd: sd, n: size,
            reliability: reliability, source: source))
      }
    }
    return norms
  }
}
