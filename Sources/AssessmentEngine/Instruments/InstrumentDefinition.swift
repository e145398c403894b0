#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A questionnaire described as data: its items, response scale, scales with their keys, missing-data
/// rule, citation and optional norms.
///
/// Definitions are usually loaded from JSON (see `Documentation/InstrumentDefinitionFormat.md` for the
/// complete format and an example). Every way of making one validates it: ``init(jsonData:)``,
/// `Decodable`, and the throwing memberwise initializer all reject a definition with duplicate ids,
/// an unknown item in a scale, an empty scale, `min ≥ max`, a reverse key outside its scale or (from
/// JSON) an unknown key, and report *every* problem at once with its JSON path.
///
/// Item wording is never part of a definition the SDK ships: built-in instruments carry short labels of
/// our own; users supply licensed wording in their own files.
public struct InstrumentDefinition: Sendable, Hashable, Codable {
  /// A short, stable identifier such as `wai-sr`.
  public var id: String
  /// The version of this definition or of the form it encodes, e.g. `"2006"` or `"1.0"`.
  public var version: String
  /// The instrument's name in Indonesian and English.
  public var name: LocalizedText
  /// Where the scoring facts come from, and under what terms the instrument may be used.
  public var citation: Citation
  /// The response scale every item shares.
  public var responseScale: ResponseScale
  /// The items, in form order.
  public var items: [ItemDefinition]
  /// The scales (subscales and totals) scored from the items.
  public var scales: [ScaleDefinition]
  /// The instrument's missing-data rule; `nil` means the SDK default (``MissingDataPolicy/default``).
  public var missingData: MissingDataPolicy?
  /// Published norms per scale, if any.
  public var norms: [ScaleNorm]
  /// Remarks on the definition (unconfirmed facts, form variants), in both languages.
  public var notes: LocalizedText?

  /// Creates a definition and validates it.
  ///
  /// - Throws: ``InstrumentDefinitionError`` listing every problem found.
  public init(
    id: String, version: String, name: LocalizedText, citation: Citation, responseScale: ResponseScale,
    items: [ItemDefinition], scales: [ScaleDefinition], missingData: MissingDataPolicy? = nil,
    norms: [ScaleNorm] = [], notes: LocalizedText? = nil
  ) throws(InstrumentDefinitionError) {
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
    let issues = validationIssues()
    if !issues.isEmpty { throw InstrumentDefinitionError(issues: issues) }
  }

  /// The positions of the items by id.
  public var itemIndex: [String: Int] {
    var index: [String: Int] = [:]
    for (i, item) in items.enumerated() where index[item.id] == nil { index[item.id] = i }
    return index
  }

  /// The scale with the given id.
  public func scale(_ id: String) -> ScaleDefinition? { scales.first { $0.id == id } }

  /// The norms published for a scale.
  public func norms(for scaleID: String) -> [ScaleNorm] { norms.filter { $0.scale == scaleID } }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case id, version, name, citation, responseScale, items, scales, missingData, norms, notes
  }
}

/// Where an instrument's scoring facts come from, and the terms of its use.
public struct Citation: Sendable, Hashable, Codable {
  /// The reference, e.g. `"Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised short version of the Working Alliance Inventory. Psychotherapy Research, 16(1), 12–25."`
  public var source: String
  /// The year of publication.
  public var year: Int
  /// A DOI, when there is one.
  public var doi: String?
  /// A public page with the scoring facts, when there is one.
  public var url: String?
  /// Who holds the rights and what users must do (e.g. request permission); never empty.
  public var licence: String

  /// Creates a citation.
  public init(source: String, year: Int, doi: String? = nil, url: String? = nil, licence: String) {
    self.source = source
    self.year = year
    self.doi = doi
    self.url = url
    self.licence = licence
  }
}

/// The integer response scale of an instrument's items, e.g. 1–5 or −3…+3 without 0.
public struct ResponseScale: Sendable, Hashable, Codable {
  /// The lowest response.
  public var min: Int
  /// The highest response.
  public var max: Int
  /// Values inside `min…max` that are not responses (the Rathus schedule has no 0).
  public var excluded: [Int]
  /// Labels for the response options, in both languages; optional.
  public var anchors: [Anchor]

  /// A labelled response option.
  public struct Anchor: Sendable, Hashable, Codable {
    /// The response value.
    public var value: Int
    /// Its label.
    public var label: LocalizedText

    /// Creates an anchor.
    public init(value: Int, label: LocalizedText) {
      self.value = value
      self.label = label
    }
  }

  /// Creates a scale; call ``InstrumentDefinition`` validation (or ``validationIssues(path:)``) to check it.
  public init(min: Int, max: Int, excluded: [Int] = [], anchors: [Anchor] = []) {
    self.min = min
    self.max = max
    self.excluded = excluded
    self.anchors = anchors
  }

  /// Whether `value` is a valid response.
  @inlinable
  public func contains(_ value: Int) -> Bool {
    value >= min && value <= max && (excluded.isEmpty || !excluded.contains(value))
  }

  /// The reverse-keyed value of `value`: `min + max − value`.
  @inlinable
  public func reversed(_ value: Int) -> Int { min + max - value }

  /// The widest scale the packed response layout holds: codes 1…255 with 0 = missing.
  public static let maximumWidth = 254

  /// The largest magnitude of a scale bound: far beyond any questionnaire, and small enough that
  /// sums of responses over any number of items and rows stay exact in `Int` and `Double`.
  public static let maximumMagnitude = 1_000_000

  /// The number of values `min…max` when the packed layout holds them (`min < max`, at most
  /// ``maximumWidth`` + 1 values, both bounds within ±``maximumMagnitude``), else `nil`. Computed
  /// without overflow for any two integers.
  package var packedWidth: Int? {
    guard min < max, min >= -Self.maximumMagnitude, max <= Self.maximumMagnitude else { return nil }
    let (span, overflow) = max.subtractingReportingOverflow(min)
    guard !overflow, span <= Self.maximumWidth else { return nil }
    return span + 1
  }

  /// Problems with the scale itself.
  public func validationIssues(path: String) -> [JSONIssue] {
    var issues: [JSONIssue] = []
    if min >= max {
      issues.append(JSONIssue(path: path, kind: .invalidValue("'min' (\(min)) must be less than 'max' (\(max))")))
    } else if min < -Self.maximumMagnitude || max > Self.maximumMagnitude {
      issues.append(
        JSONIssue(path: path, kind: .invalidValue("the scale \(min)…\(max) reaches beyond ±\(Self.maximumMagnitude)")))
    } else if packedWidth == nil {
      issues.append(
        JSONIssue(
          path: path, kind: .invalidValue("the scale \(min)…\(max) is wider than \(Self.maximumWidth + 1) values")))
    }
    guard packedWidth != nil else { return issues }
    for (i, v) in excluded.enumerated() where v < min || v > max {
      issues.append(JSONIssue(path: "\(path).excluded[\(i)]", kind: .invalidValue("\(v) is outside \(min)…\(max)")))
    }
    for (i, a) in anchors.enumerated() where !contains(a.value) {
      issues.append(
        JSONIssue(
          path: "\(path).anchors[\(i)].value",
          kind: .invalidValue("\(a.value) is not a response on the scale \(min)…\(max)")))
    }
    // Cells may hold anchor labels (``ResponseLabels``): two values must never read alike.
    var seen: [String: (index: Int, value: Int)] = [:]
    for (i, a) in anchors.enumerated() {
      for text in [a.label.indonesian, a.label.english] {
        let key = ResponseLabels.normalize(text)
        guard !key.isEmpty else { continue }
        if let other = seen[key], other.value != a.value {
          issues.append(
            JSONIssue(
              path: "\(path).anchors[\(i)].label",
              kind: .invalidValue(
                "'\(text)' reads the same as the label of anchors[\(other.index)] (case, width, accents and spaces ignored) but names \(a.value), not \(other.value); labels must tell the values apart"
              )))
        } else if seen[key] == nil {
          seen[key] = (i, a.value)
        }
      }
    }
    return issues
  }
}

/// One item of an instrument.
public struct ItemDefinition: Sendable, Hashable, Codable {
  /// The item's id; CSV columns are matched to it (e.g. `item4`).
  public var id: String
  /// A short label of our own (never the questionnaire's wording), in both languages.
  public var label: LocalizedText?

  /// Creates an item.
  public init(id: String, label: LocalizedText? = nil) {
    self.id = id
    self.label = label
  }
}

/// A scale (subscale or total) scored from items.
public struct ScaleDefinition: Sendable, Hashable, Codable {
  /// How a scale's score is reported first.
  public enum Score: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
    /// The sum of the (keyed) items.
    case sum
    /// The mean of the (keyed) items.
    case mean

    /// The display name in Indonesian and English.
    public var label: LocalizedText {
      switch self {
      case .sum: LocalizedText(id: "Jumlah", en: "Sum")
      case .mean: LocalizedText(id: "Rerata", en: "Mean")
      }
    }
  }

  /// The scale's id, used in output column names (`Goal_sum`).
  public var id: String
  /// The scale's name in both languages.
  public var label: LocalizedText?
  /// The ids of the items it sums, in order.
  public var items: [String]
  /// The items among ``items`` that are reverse-keyed (scored `min + max − x`).
  public var reversed: [String]
  /// The score the instrument's manual reports (both are always computed).
  public var score: Score

  /// Creates a scale.
  public init(id: String, label: LocalizedText? = nil, items: [String], reversed: [String] = [], score: Score = .sum) {
    self.id = id
    self.label = label
    self.items = items
    self.reversed = reversed
    self.score = score
  }
}

/// A published norm for one scale of an instrument: the mean and SD of a named population, and the
/// reliability the source reports.
public struct ScaleNorm: Sendable, Hashable, Codable {
  /// Which role the norm group plays in clinical-significance cut-offs.
  public enum Group: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
    /// A general or unspecified sample.
    case general
    /// A functional (non-clinical) population, Jacobson & Truax (1991).
    case functional
    /// A dysfunctional (clinical) population, Jacobson & Truax (1991).
    case dysfunctional

    /// The display name in Indonesian and English.
    public var label: LocalizedText {
      switch self {
      case .general: LocalizedText(id: "Umum", en: "General")
      case .functional: LocalizedText(id: "Fungsional", en: "Functional")
      case .dysfunctional: LocalizedText(id: "Disfungsional", en: "Dysfunctional")
      }
    }
  }

  /// The scale the norm belongs to.
  public var scale: String
  /// The population, in both languages.
  public var population: LocalizedText
  /// The population's role.
  public var group: Group
  /// The metric the mean and SD are on (the scale's sum or its mean).
  public var metric: ScaleDefinition.Score
  /// The mean.
  public var mean: Double
  /// The standard deviation.
  public var sd: Double
  /// The sample size, if published.
  public var n: Int?
  /// The reliability the source reports (internal consistency or test–retest), if any.
  public var reliability: Double?
  /// The published source of these figures.
  public var source: String

  /// Creates a norm.
  public init(
    scale: String, population: LocalizedText, group: Group = .general, metric: ScaleDefinition.Score,
    mean: Double, sd: Double, n: Int? = nil, reliability: Double? = nil, source: String
  ) {
    self.scale = scale
    self.population = population
    self.group = group
    self.metric = metric
    self.mean = mean
    self.sd = sd
    self.n = n
    self.reliability = reliability
    self.source = source
  }
}

/// Every problem found in an instrument definition, each with its JSON path.
public struct InstrumentDefinitionError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The problems, in the order found.
  public var issues: [JSONIssue]

  /// Creates the error.
  public init(issues: [JSONIssue]) { self.issues = issues }

  /// One line per problem.
  public var description: String {
    let head =
      issues.count == 1
      ? "The instrument definition has 1 problem:" : "The instrument definition has \(issues.count) problems:"
    return ([head] + issues.map { "  " + $0.description }).joined(separator: "\n")
  }
}
