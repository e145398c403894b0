/// An instrument definition compiled once into the one keyed form every analysis reads: the item
/// columns, per scale its columns and reverse keys (applied once, here), the response scale and its
/// code layout, and the missing-data policy in force.
///
/// Scoring (``plan``, a ``ScoringPlan`` over this compilation), reliability (``reliabilityScales``,
/// ``momentAccumulator()``), streaming (``ResponseStream/init(opening:instrument:options:detectDelimiter:)``)
/// and change and alliance analyses (which score through the plan) all take their scales from here,
/// so a reverse key or a column index cannot mean one thing to scoring and another to reliability.
///
/// ```swift
/// let instrument = try CompiledInstrument(definition, selecting: ["Goal", "Bond"], policy: .itemMean)
/// let scores = try instrument.plan.score(matrix)
/// var moments = try instrument.momentAccumulator()
/// ```
public struct CompiledInstrument: Sendable {
  /// The definition compiled.
  public let definition: InstrumentDefinition
  /// The missing-data policy in force (the caller's, else the definition's, else
  /// ``MissingDataPolicy/default``).
  public let policy: MissingDataPolicy
  /// The response-matrix columns: the definition's item ids, in order.
  public let columns: [String]
  /// The keyed scales, in output order (all of the definition's, or the selected ones).
  public let scales: [KeyedScale]

  /// Compiles every scale of `definition` under `policy`.
  ///
  /// - Complexity: O(*s* × *k*) for *s* scales and *k* items.
  public init(_ definition: InstrumentDefinition, policy: MissingDataPolicy? = nil) {
    self.definition = definition
    self.policy = policy ?? definition.missingData ?? .default
    self.columns = definition.items.map(\.id)
    let index = definition.itemIndex
    let lo = definition.responseScale.min
    let hi = definition.responseScale.max
    self.scales = definition.scales.map { scale in
      let reversedSet = Set(scale.reversed)
      var items: [String] = []
      var cols: [Int] = []
      var rev: [Bool] = []
      var constant = 0
      for item in scale.items {
        // Validation guarantees every scale item is defined.
        guard let j = index[item] else { continue }
        let r = reversedSet.contains(item)
        items.append(item)
        cols.append(j)
        rev.append(r)
        constant += r ? hi + 1 : lo - 1
      }
      return KeyedScale(id: scale.id, items: items, columns: cols, reversed: rev, constant: constant)
    }
  }

  /// Compiles the scales of `definition` named in `scaleIDs` (in that order) under `policy`.
  ///
  /// - Throws: ``CompiledInstrumentError/unknownScale(_:known:)`` for a name the definition lacks,
  ///   ``CompiledInstrumentError/duplicateScale(_:)`` for a name given twice.
  public init(_ definition: InstrumentDefinition, selecting scaleIDs: [String], policy: MissingDataPolicy? = nil)
    throws(CompiledInstrumentError)
  {
    let all = CompiledInstrument(definition, policy: policy)
    var byID: [String: KeyedScale] = [:]
    for scale in all.scales where byID[scale.id] == nil { byID[scale.id] = scale }
    var seen = Set<String>()
    var selected: [KeyedScale] = []
    for id in scaleIDs {
      guard let scale = byID[id] else { throw .unknownScale(id, known: all.scales.map(\.id)) }
      guard seen.insert(id).inserted else { throw .duplicateScale(id) }
      selected.append(scale)
    }
    self.init(definition: definition, policy: all.policy, columns: all.columns, scales: selected)
  }

  private init(definition: InstrumentDefinition, policy: MissingDataPolicy, columns: [String], scales: [KeyedScale]) {
    self.definition = definition
    self.policy = policy
    self.columns = columns
    self.scales = scales
  }

  /// The response scale every item shares.
  public var responseScale: ResponseScale { definition.responseScale }

  /// The code layout of the response matrix (code c stands for c + minimum − 1; 0 is missing).
  public var coding: ResponseCoding {
    ResponseCoding(minimum: definition.responseScale.min, maximum: definition.responseScale.max)
  }

  /// The scale ids, in output order.
  public var scaleIDs: [String] { scales.map(\.id) }

  /// The scoring plan over these scales (no second compilation).
  public var plan: ScoringPlan { ScoringPlan(self) }

  /// The same instrument under another missing-data policy.
  public func with(policy: MissingDataPolicy) -> CompiledInstrument {
    CompiledInstrument(definition: definition, policy: policy, columns: columns, scales: scales)
  }

  /// The scales as reliability analysis reads them (columns and ±1 keys).
  public var reliabilityScales: [ReliabilityScale] { scales.map(ReliabilityScale.init(_:)) }

  /// An empty moment accumulator for every scale (alpha, omega, item statistics), with the item ids
  /// as column names.
  ///
  /// - Throws: ``ReliabilityError`` when the response scale has more than 255 values.
  public func momentAccumulator() throws(ReliabilityError) -> ItemMomentAccumulator {
    try ItemMomentAccumulator(
      itemCount: columns.count, coding: coding, scales: reliabilityScales, columnNames: columns)
  }

  /// A reader of response tables into this instrument's matrix layout.
  public func tableReader(options: ResponseCSVOptions = .init(), detectDelimiter: Bool? = nil) -> ResponseTableReader {
    ResponseTableReader(columns: columns, scale: responseScale, options: options, detectDelimiter: detectDelimiter)
  }

  /// Per scale, the item codes of `codes` (row-major over ``columns``) with reverse keys applied:
  /// `levels + 1 − c` for a reversed item, 0 (missing) kept, row-major over the scale's items.
  public func keyedCodes(_ codes: [UInt8], scaleAt index: Int) -> [UInt8] {
    let scale = scales[index]
    let k = columns.count
    let levels = coding.levels
    guard k > 0 else { return [] }
    let rows = codes.count / k
    var out = [UInt8](repeating: 0, count: rows * scale.columns.count)
    var o = 0
    for r in 0..<rows {
      for (position, column) in scale.columns.enumerated() {
        let c = codes[r * k + column]
        out[o] = c == 0 || !scale.reversed[position] ? c : UInt8(truncatingIfNeeded: levels + 1 - Int(c))
        o += 1
      }
    }
    return out
  }
}

/// One scale of a ``CompiledInstrument``: its items as matrix columns, and which are reverse keyed.
public struct KeyedScale: Sendable, Hashable, Codable {
  /// The scale id.
  public let id: String
  /// The item ids, in the scale's order.
  public let items: [String]
  /// The matrix column of each item.
  public let columns: [Int]
  /// Whether each item is reverse keyed (value′ = min + max − value).
  public let reversed: [Bool]
  /// Σ over forward items of (min − 1) plus Σ over reversed items of (max + 1): the raw sum of a
  /// complete row is `constant + Σ sign_j · c_j` over codes `c_j`.
  public let constant: Int

  /// +1 for a forward item, −1 for a reversed one (psych's `keys`).
  public var keys: [Int] { reversed.map { $0 ? -1 : 1 } }
}

/// A scale selection that does not fit the definition.
public enum CompiledInstrumentError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// A scale name the definition does not have (with the names it does have).
  case unknownScale(String, known: [String])
  /// A scale named twice.
  case duplicateScale(String)

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .unknownScale(let id, let known):
      "The instrument has no scale '\(id)'; its scales are \(known.joined(separator: ", "))."
    case .duplicateScale(let id): "The scale '\(id)' is selected twice."
    }
  }
}

extension ReliabilityScale {
  /// The reliability view of a compiled scale (same columns, ±1 keys).
  public init(_ scale: KeyedScale) {
    self.init(name: scale.id, columns: scale.columns, keys: scale.keys)
  }
}
