extension RiskInstrumentDefinition {
  /// The lowest total the instrument can give.
  public var minimumTotal: Int { countedDomains.reduce(0) { $0 + $1.minimumPoints } }
  /// The highest total the instrument can give.
  public var maximumTotal: Int { countedDomains.reduce(0) { $0 + $1.maximumPoints } }

  /// The domains whose points make up the total.
  public var countedDomains: [RiskDomain] {
    guard let totalDomains else { return domains }
    return domains.filter { totalDomains.contains($0.id) }
  }

  /// Checks the rules a definition must satisfy beyond its JSON shape; empty when valid.
  ///
  /// Rules: supported format version; non-empty, unique ids (domains, items across the whole
  /// instrument, answer values within an item, band schemes, bands within a scheme, cut-off tables);
  /// every domain has items; count ranges start at 0, ascend without gaps or overlaps and only the
  /// last may be open; missing-item limits are non-negative and a domain's limit does not exceed its
  /// item count; shares lie in 0…1; every reference (total domains, cut-off schemes and bands,
  /// mapping schemes and bands, subscore items) is defined; each cut-off table lists bands in scheme order, each at
  /// most once, without gaps or overlaps, covering every total from ``minimumTotal`` to
  /// ``maximumTotal``; no two tables have the same population; every mapping covers every source
  /// band and never reverses order.
  ///
  /// - Complexity: O(*n* log *n*) in the size of the definition.
  public func validationIssues() -> [JSONIssue] {
    var issues: [JSONIssue] = []
    func add(_ path: String, _ kind: JSONIssue.Kind) { issues.append(JSONIssue(path: path, kind: kind)) }
    func invalid(_ path: String, _ why: String) { add(path, .invalidValue(why)) }
    func checkID(_ id: String, _ path: String, _ seen: inout Set<String>) {
      if id.allSatisfy(\.isWhitespace) { invalid(path, "an identifier must not be empty") }
      if !seen.insert(id).inserted { add(path, .duplicate(id)) }
    }

    if formatVersion != Self.supportedFormatVersion {
      invalid(
        "$.formatVersion",
        "format version \(formatVersion) is not supported (this engine reads \(Self.supportedFormatVersion))")
    }
    var instrumentIDs = Set<String>()
    checkID(id, "$.id", &instrumentIDs)
    if domains.isEmpty { invalid("$.domains", "an instrument needs at least one domain") }

    var domainIDs = Set<String>()
    var itemIDs = Set<String>()
    for (d, domain) in domains.enumerated() {
      let dp = "$.domains[\(d)]"
      checkID(domain.id, "\(dp).id", &domainIDs)
      if domain.items.isEmpty { invalid("\(dp).items", "a domain needs at least one item") }
      if let m = domain.maximumMissingItems {
        if m < 0 { invalid("\(dp).maximumMissingItems", "must not be negative") }
        if m > domain.items.count {
          invalid(
            "\(dp).maximumMissingItems", "allows \(m) missing items but the domain has only \(domain.items.count)")
        }
      }
      for (i, item) in domain.items.enumerated() {
        let ip = "\(dp).items[\(i)]"
        checkID(item.id, "\(ip).id", &itemIDs)
        switch item.response {
        case .choice(let options):
          if options.isEmpty { invalid("\(ip).response.options", "a choice item needs at least one answer") }
          var values = Set<String>()
          for (k, option) in options.enumerated() {
            checkID(option.value, "\(ip).response.options[\(k)].value", &values)
          }
        case .count(let ranges):
          let rp = "\(ip).response.ranges"
          if ranges.isEmpty { invalid(rp, "a count item needs at least one range") }
          if let first = ranges.first, first.minimum != 0 {
            invalid(
              "\(rp)[0].minimum",
              "count ranges must start at 0 so that every count can be scored, not at \(first.minimum)")
          }
          for (k, range) in ranges.enumerated() {
            if let max = range.maximum, max < range.minimum {
              invalid("\(rp)[\(k)]", "the maximum \(max) is below the minimum \(range.minimum)")
            }
            if range.maximum == nil && k != ranges.count - 1 {
              invalid("\(rp)[\(k)].maximum", "only the last range may be open (no maximum)")
            }
            if k > 0, let previousMax = ranges[k - 1].maximum {
              if range.minimum <= previousMax {
                invalid("\(rp)[\(k)].minimum", "counts \(range.minimum)…\(previousMax) overlap the previous range")
              } else if range.minimum > previousMax + 1 {
                invalid("\(rp)[\(k)].minimum", "counts \(previousMax + 1)…\(range.minimum - 1) are in no range (gap)")
              }
            }
          }
        }
      }
    }

    if let totalDomains {
      if totalDomains.isEmpty { invalid("$.totalDomains", "at least one domain must count toward the total") }
      var seen = Set<String>()
      for (k, ref) in totalDomains.enumerated() {
        if !domainIDs.contains(ref) { add("$.totalDomains[\(k)]", .unknownReference(ref)) }
        if !seen.insert(ref).inserted { add("$.totalDomains[\(k)]", .duplicate(ref)) }
      }
    }

    if missingItems.maximumItems < 0 { invalid("$.missingItems.maximumItems", "must not be negative") }
    for (key, share) in [
      ("minimumShare", needRanking.minimumShare), ("strengthMaximumShare", needRanking.strengthMaximumShare),
    ]
    where !(0...1).contains(share) {
      invalid("$.needRanking.\(key)", "a share must lie between 0 and 1, not \(share)")
    }

    if bandSchemes.isEmpty { invalid("$.bandSchemes", "at least one band scheme is needed") }
    var schemeIDs = Set<String>()
    for (s, scheme) in bandSchemes.enumerated() {
      checkID(scheme.id, "$.bandSchemes[\(s)].id", &schemeIDs)
      if scheme.bands.count < 2 { invalid("$.bandSchemes[\(s)].bands", "a scheme needs at least two bands") }
      var bandIDs = Set<String>()
      for (b, band) in scheme.bands.enumerated() { checkID(band.id, "$.bandSchemes[\(s)].bands[\(b)].id", &bandIDs) }
    }

    if cutoffTables.isEmpty { invalid("$.cutoffTables", "at least one cut-off table is needed") }
    var tableIDs = Set<String>()
    var populations: [PopulationSelector: Int] = [:]
    let low = minimumTotal
    let high = maximumTotal
    for (t, table) in cutoffTables.enumerated() {
      let tp = "$.cutoffTables[\(t)]"
      checkID(table.id, "\(tp).id", &tableIDs)
      if let earlier = populations[table.population] {
        invalid("\(tp).population", "the same population as cutoffTables[\(earlier)], which always wins")
      } else {
        populations[table.population] = t
      }
      if let a = table.population.minimumAge, let b = table.population.maximumAge, a > b {
        invalid("\(tp).population", "minimumAge \(a) is above maximumAge \(b)")
      }
      guard let scheme = scheme(table.scheme) else {
        add("\(tp).scheme", .unknownReference(table.scheme))
        continue
      }
      if table.ranges.isEmpty { invalid("\(tp).ranges", "a cut-off table needs at least one range") }
      var lastRank = -1
      for (k, range) in table.ranges.enumerated() {
        let rp = "\(tp).ranges[\(k)]"
        if let rank = scheme.rank(of: range.band) {
          if rank <= lastRank {
            invalid(
              "\(rp).band",
              "'\(range.band)' is out of order or repeated; bands must rise in the order of scheme '\(scheme.id)'")
          }
          lastRank = max(lastRank, rank)
        } else {
          add("\(rp).band", .unknownReference(range.band))
        }
        if let max = range.maximum, max < range.minimum {
          invalid(rp, "the maximum \(max) is below the minimum \(range.minimum)")
        }
        if range.maximum == nil && k != table.ranges.count - 1 {
          invalid("\(rp).maximum", "only the last range may be open (no maximum)")
        }
        if k > 0, let previousMax = table.ranges[k - 1].maximum {
          if range.minimum <= previousMax {
            invalid(
              "\(rp).minimum", "totals \(range.minimum)…\(previousMax) overlap the previous band (overlapping cut-offs)"
            )
          } else if range.minimum > previousMax + 1 {
            invalid("\(rp).minimum", "totals \(previousMax + 1)…\(range.minimum - 1) fall in no band (gap in cut-offs)")
          }
        }
      }
      if let first = table.ranges.first, first.minimum > low {
        invalid(
          "\(tp).ranges[0].minimum",
          "totals \(low)…\(first.minimum - 1) fall in no band; the lowest possible total is \(low)")
      }
      if let last = table.ranges.last, let max = last.maximum, max < high {
        invalid(
          "\(tp).ranges[\(table.ranges.count - 1)].maximum",
          "totals \(max + 1)…\(high) fall in no band; the highest possible total is \(high)")
      }
    }

    for (m, mapping) in bandMappings.enumerated() {
      let mp = "$.bandMappings[\(m)]"
      let from = scheme(mapping.from)
      let to = scheme(mapping.to)
      if from == nil { add("\(mp).from", .unknownReference(mapping.from)) }
      if to == nil { add("\(mp).to", .unknownReference(mapping.to)) }
      if bandMappings[..<m].contains(where: { $0.from == mapping.from && $0.to == mapping.to }) {
        add(mp, .duplicate("\(mapping.from) → \(mapping.to)"))
      }
      guard let from, let to else { continue }
      for band in from.bands where mapping.map[band.id] == nil {
        invalid("\(mp).map", "band '\(band.id)' of scheme '\(from.id)' is not mapped")
      }
      for key in mapping.map.keys.sorted() {
        guard let value = mapping.map[key] else { continue }
        if from.rank(of: key) == nil { add("\(mp).map.\(key)", .unknownReference(key)) }
        if to.rank(of: value) == nil { add("\(mp).map.\(key)", .unknownReference(value)) }
      }
      var lastTarget = -1
      for band in from.bands {
        guard let target = mapping.map[band.id].flatMap(to.rank(of:)) else { continue }
        if target < lastTarget {
          invalid("\(mp).map.\(band.id)", "the mapping reverses the order of bands (a higher band maps lower)")
        }
        lastTarget = max(lastTarget, target)
      }
    }
    var subscoreIDs = Set<String>()
    for (k, subscore) in subscores.enumerated() {
      let sp = "$.subscores[\(k)]"
      checkID(subscore.id, "\(sp).id", &subscoreIDs)
      if subscore.items.isEmpty { invalid("\(sp).items", "a subscore needs at least one item") }
      var seen = Set<String>()
      for (i, ref) in subscore.items.enumerated() {
        if !itemIDs.contains(ref) { add("\(sp).items[\(i)]", .unknownReference(ref)) }
        if !seen.insert(ref).inserted { add("\(sp).items[\(i)]", .duplicate(ref)) }
      }
    }
    return issues
  }
}
