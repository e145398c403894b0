import Foundation

/// Generalizability-theory reliabilities of repeated measures — persons measured at several times
/// on several items — as R psych 2.2.9 `multilevel.reliability` reports them.
///
/// Sources: Shrout, P. E., & Lane, S. P. (2012). Psychometrics. In Mehl & Conner (Eds.), *Handbook
/// of research methods for studying daily life* (pp. 302–320); Cranford, J. A., Shrout, P. E., Iida,
/// M., Rafaeli, E., Yip, T., & Bolger, N. (2006). A procedure for evaluating sensitivity to
/// within-person change: can mood measures in diary studies detect change reliably? *Personality
/// and Social Psychology Bulletin*, 32(7), 917–929.
///
/// **Crossed components** (three-way ANOVA person × time × item, one observation per cell, expected
/// mean squares of the random model; negative estimates are kept, as psych keeps them), with m items
/// and k times:
/// - RkF = (σ²_id + σ²_id×items/m) / (σ²_id + σ²_id×items/m + σ²_e/(k·m)) — between-person
///   reliability of the average over the k fixed times;
/// - R1R = (σ²_id + σ²_id×items/m) / (σ²_id + σ²_id×items/m + σ²_time + σ²_id×time + σ²_e/m) —
///   one random time;
/// - RkR = (σ²_id + σ²_id×items/m) / (σ²_id + σ²_id×items/m + (σ²_time + σ²_id×time + σ²_e/m)/k);
/// - Rc = σ²_id×time / (σ²_id×time + σ²_e/m) — reliability of within-person change.
///
/// **Nested components** (items ignored; time nested in person; psych fits them with
/// `nlme::lme(values ~ 1, random = ~1 | id/time)` by REML): for a balanced design the REML
/// estimates are the nested-ANOVA estimates whenever those are non-negative (Searle, Casella &
/// McCulloch 1992, *Variance Components*, §4.7), and this type computes them in closed form:
/// σ²_e = MS_within, σ²_id(time) = (MS_time(id) − MS_within)/m, σ²_id = (MS_id − MS_time(id))/(k·m).
/// A negative ANOVA estimate is where REML sits on the boundary: it is set to 0 and the nested
/// model re-fitted with the pooled mean square (see ``nestedAtBoundary``). Then
/// RkRn = σ²_id / (σ²_id + (σ²_id(time) + σ²_e/m)/k) and Rcn = σ²_id(time)/(σ²_id(time) + σ²_e/m).
///
/// Accuracy contract: crossed components and RkF, R1R, RkR, Rc agree with psych 2.2.9 to 1e-9 on
/// the reference data; the nested ones are exact REML, which lme reaches only to its own optimizer
/// tolerance (about 1e-5 on the reference), so RkRn and Rcn agree with psych to 1e-4.
///
/// JSON keys (stable): `RkF`, `R1R`, `RkR`, `Rc`, `RkRn`, `Rcn`, `persons`, `times`, `items`,
/// `components` {`ID`, `Time`, `Items`, `ID x time`, `ID x items`, `time x items`, `Residual`,
/// `Total`}, `nestedComponents` {`id`, `id(time)`, `residual`, `total`}, `nestedAtBoundary`.
public struct MultilevelReliability: Sendable, Hashable, Codable {
  /// Persons (ids) p.
  public var persons: Int
  /// Times per person k.
  public var times: Int
  /// Items m.
  public var items: Int
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (named as psych::mlr names it, so R users find it)
  /// Reliability of the average of the k times across all items, times fixed (psych `RkF`).
  public var RkF: Double
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (named as psych::mlr names it, so R users find it)
  /// Generalizability of a single time point across all items, times random (psych `R1R`).
  public var R1R: Double
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (named as psych::mlr names it, so R users find it)
  /// Generalizability of the average of the k times across all items, times random (psych `RkR`).
  public var RkR: Double
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (named as psych::mlr names it, so R users find it)
  /// Generalizability of change within persons, times and items fixed (psych `Rc`).
  public var Rc: Double
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (named as psych::mlr names it, so R users find it)
  /// Like ``RkR`` for the nested design, items nested in persons (psych `RkRn`).
  public var RkRn: Double
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (named as psych::mlr names it, so R users find it)
  /// Like ``Rc`` for the nested design, items nested in persons (psych `Rcn`).
  public var Rcn: Double
  /// Crossed variance components, keyed as psych's `components` rows.
  public var components: [String: Double]
  /// Nested variance components, keyed as psych prints them (`id`, `id(time)`, `residual`, `total`).
  public var nestedComponents: [String: Double]
  /// Whether a nested component sat on the REML boundary (set to 0 with pooled mean squares).
  public var nestedAtBoundary: Bool

  /// Computes the reliabilities from a balanced array `values[person][time][item]`.
  /// - Throws: ``MultilevelReliabilityError`` for fewer than 2 persons, times or items, ragged
  ///   arrays, non-finite values, or no residual variance.
  /// - Complexity: O(p·k·m).
  public init(values y: [[[Double]]]) throws(MultilevelReliabilityError) {
    let p = y.count
    guard p >= 2 else { throw .tooFew(what: "persons", count: p) }
    let k = y[0].count
    guard k >= 2 else { throw .tooFew(what: "times", count: k) }
    let m = y[0].first?.count ?? 0
    guard m >= 2 else { throw .tooFew(what: "items", count: m) }
    for (i, person) in y.enumerated() {
      guard person.count == k, person.allSatisfy({ $0.count == m }) else { throw .ragged(person: i) }
      if person.contains(where: { $0.contains { !$0.isFinite } }) { throw .notFinite(person: i) }
    }
    let pD = Double(p)
    let kD = Double(k)
    let mD = Double(m)
    var yi = [Double](repeating: 0, count: p)
    var yt = [Double](repeating: 0, count: k)
    var yj = [Double](repeating: 0, count: m)
    var yit = [Double](repeating: 0, count: p * k)
    var ytj = [Double](repeating: 0, count: k * m)
    var yij = [Double](repeating: 0, count: p * m)
    var grand = 0.0
    for i in 0..<p {
      for t in 0..<k {
        for j in 0..<m {
          let v = y[i][t][j]
          grand += v
          yi[i] += v
          yt[t] += v
          yj[j] += v
          yit[i * k + t] += v
          ytj[t * m + j] += v
          yij[i * m + j] += v
        }
      }
    }
    grand /= pD * kD * mD
    for i in 0..<p { yi[i] /= kD * mD }
    for t in 0..<k { yt[t] /= pD * mD }
    for j in 0..<m { yj[j] /= pD * kD }
    for c in 0..<(p * k) { yit[c] /= mD }
    for c in 0..<(k * m) { ytj[c] /= pD }
    for c in 0..<(p * m) { yij[c] /= kD }
    func sq(_ x: Double) -> Double { x * x }
    var ssId = 0.0
    var ssTime = 0.0
    var ssItems = 0.0
    var ssIdTime = 0.0
    var ssTimeItems = 0.0
    var ssIdItems = 0.0
    var ssResid = 0.0
    var ssTimeWithinId = 0.0
    var ssWithin = 0.0
    for i in 0..<p { ssId += sq(yi[i] - grand) }
    for t in 0..<k { ssTime += sq(yt[t] - grand) }
    for j in 0..<m { ssItems += sq(yj[j] - grand) }
    for i in 0..<p {
      for t in 0..<k {
        ssIdTime += sq(yit[i * k + t] - yi[i] - yt[t] + grand)
        ssTimeWithinId += sq(yit[i * k + t] - yi[i])
      }
      for j in 0..<m { ssIdItems += sq(yij[i * m + j] - yi[i] - yj[j] + grand) }
    }
    for t in 0..<k {
      for j in 0..<m { ssTimeItems += sq(ytj[t * m + j] - yt[t] - yj[j] + grand) }
    }
    for i in 0..<p {
      for t in 0..<k {
        for j in 0..<m {
          let v = y[i][t][j]
          ssResid += sq(
            v - yit[i * k + t] - ytj[t * m + j] - yij[i * m + j] + yi[i] + yt[t] + yj[j] - grand)
          ssWithin += sq(v - yit[i * k + t])
        }
      }
    }
    let msId = kD * mD * ssId / (pD - 1)
    let msTime = pD * mD * ssTime / (kD - 1)
    let msItems = pD * kD * ssItems / (mD - 1)
    let msIdTime = mD * ssIdTime / ((pD - 1) * (kD - 1))
    let msTimeItems = pD * ssTimeItems / ((kD - 1) * (mD - 1))
    let msIdItems = kD * ssIdItems / ((pD - 1) * (mD - 1))
    let msResid = ssResid / ((pD - 1) * (kD - 1) * (mD - 1))
    guard msResid > 0 else { throw .noResidualVariance }
    let vId = (msId - msIdTime - msIdItems + msResid) / (kD * mD)
    let vTime = (msTime - msIdTime - msTimeItems + msResid) / (pD * mD)
    let vItems = (msItems - msTimeItems - msIdItems + msResid) / (pD * kD)
    let vIdTime = (msIdTime - msResid) / mD
    let vTimeItems = (msTimeItems - msResid) / pD
    let vIdItems = (msIdItems - msResid) / kD
    let vResid = msResid
    let person = vId + vIdItems / mD
    persons = p
    times = k
    items = m
    RkF = person / (person + vResid / (kD * mD))
    R1R = person / (person + vTime + vIdTime + vResid / mD)
    RkR = person / (person + (vTime + vIdTime + vResid / mD) / kD)
    Rc = vIdTime / (vIdTime + vResid / mD)
    components = [
      "ID": vId, "Time": vTime, "Items": vItems, "ID x time": vIdTime, "ID x items": vIdItems,
      "time x items": vTimeItems, "Residual": vResid,
      "Total": vId + vTime + vItems + vIdTime + vIdItems + vTimeItems + vResid,
    ]
    // Nested model: id / time(id) / within.
    let msNId = kD * mD * ssId / (pD - 1)
    let dfTime = pD * (kD - 1)
    let dfWithin = pD * kD * (mD - 1)
    let msNTime = mD * ssTimeWithinId / dfTime
    let msNWithin = ssWithin / dfWithin
    var nResid = msNWithin
    var nTime = (msNTime - msNWithin) / mD
    var boundary = false
    if nTime < 0 {
      // REML on the boundary σ²_id(time) = 0: the within and time(id) strata pool.
      boundary = true
      nTime = 0
      nResid = (mD * ssTimeWithinId + ssWithin) / (dfTime + dfWithin)
    }
    var nId = (msNId - (boundary ? nResid : msNTime)) / (kD * mD)
    if nId < 0 {
      boundary = true
      nId = 0
    }
    nestedAtBoundary = boundary
    nestedComponents = ["id": nId, "id(time)": nTime, "residual": nResid, "total": nId + nTime + nResid]
    RkRn = nId / (nId + (nTime + nResid / mD) / kD)
    Rcn = nTime / (nTime + nResid / mD)
  }
}

/// One row of a repeated-measures table: a person, a time and that occasion's item responses.
public struct MultilevelRecord: Sendable, Hashable {
  /// The person (client, dyad).
  public var person: String
  /// The time (session, day).
  public var time: String
  /// The item responses, in item order.
  public var values: [Double]

  /// Creates a record.
  public init(person: String, time: String, values: [Double]) {
    self.person = person
    self.time = time
    self.values = values
  }
}

extension MultilevelReliability {
  /// Computes the reliabilities from long records (one per person and time).
  ///
  /// Persons keep their first-appearance order, times their sorted order (numerically when every
  /// label is a number). The results do not depend on either order.
  /// - Throws: ``MultilevelReliabilityError/unbalanced(missing:)`` naming every person that lacks
  ///   some time (and which), ``MultilevelReliabilityError/duplicateOccasion(person:time:)``, and the
  ///   errors of ``init(values:)``.
  public init(records: [MultilevelRecord]) throws(MultilevelReliabilityError) {
    var personIndex: [String: Int] = [:]
    var personNames: [String] = []
    var timeSet = Set<String>()
    for record in records {
      if personIndex[record.person] == nil {
        personIndex[record.person] = personNames.count
        personNames.append(record.person)
      }
      timeSet.insert(record.time)
    }
    let timeNames: [String]
    if timeSet.allSatisfy({ Double($0) != nil }) {
      timeNames = timeSet.sorted { (Double($0) ?? 0, $0) < (Double($1) ?? 0, $1) }
    } else {
      timeNames = timeSet.sorted()
    }
    let timeIndex = Dictionary(uniqueKeysWithValues: timeNames.enumerated().map { ($1, $0) })
    let m = records.first?.values.count ?? 0
    var table = [[[Double]]](repeating: [[Double]](repeating: [], count: timeNames.count), count: personNames.count)
    for record in records {
      guard let i = personIndex[record.person], let t = timeIndex[record.time] else { continue }
      if !table[i][t].isEmpty { throw .duplicateOccasion(person: record.person, time: record.time) }
      guard record.values.count == m else { throw .ragged(person: i) }
      table[i][t] = record.values
    }
    var missing: [MultilevelReliabilityError.MissingTimes] = []
    for i in 0..<personNames.count {
      let lacking = timeNames.indices.filter { table[i][$0].isEmpty }.map { timeNames[$0] }
      if !lacking.isEmpty { missing.append(.init(person: personNames[i], times: lacking)) }
    }
    if !missing.isEmpty { throw .unbalanced(missing: missing) }
    try self.init(values: table)
  }
}

/// Why multilevel reliabilities could not be computed.
public enum MultilevelReliabilityError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
  /// A person and the times missing for them.
  public struct MissingTimes: Hashable, Codable, Sendable {
    /// The person's label.
    public var person: String
    /// The times without a (complete) record.
    public var times: [String]
  }

  /// Fewer than 2 persons, times or items.
  case tooFew(what: String, count: Int)
  /// A person with a different number of times or items (0-based).
  case ragged(person: Int)
  /// A NaN or infinite value (0-based person).
  case notFinite(person: Int)
  /// The design is unbalanced: these persons lack these times (the ANOVA estimators need every
  /// person at every time with every item answered).
  case unbalanced(missing: [MissingTimes])
  /// Two records for the same person and time.
  case duplicateOccasion(person: String, time: String)
  /// The residual mean square is 0 (perfectly additive data): the components are undefined.
  case noResidualVariance

  /// One sentence describing the problem.
  public var description: String {
    switch self {
    case .tooFew(let what, let count): "Multilevel reliability needs at least 2 \(what); the data have \(count)."
    case .ragged(let person): "Person \(person + 1) has a different number of times or items from the others."
    case .notFinite(let person): "Person \(person + 1) has a value that is not a finite number."
    case .unbalanced(let missing):
      "The design is unbalanced (every person needs every time, every item answered): "
        + missing.prefix(20).map {
          "\(Redaction.bare($0.person)) lacks time\($0.times.count == 1 ? "" : "s") \($0.times.joined(separator: ", "))"
        }
        .joined(separator: "; ") + (missing.count > 20 ? "; and \(missing.count - 20) more persons." : ".")
    case .duplicateOccasion(let person, let time):
      "Person \(Redaction.bare(person)) has more than one record at time \(time)."
    case .noResidualVariance: "The residual variance is 0, so the variance components are undefined."
    }
  }
}
