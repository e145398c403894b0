import AssessmentEngine
import Pemasyarakatan
import _SDKSupport

/// `risk.assess` and `risk.validate`.
enum RiskMethods {
  /// `risk.assess`: params `instrument` (`"rnr8"` or a risk definition object), `clients`
  /// (`[{"client": "K-01", "gender": "male", "ageGroup": "adult", "age": 31, "responsivity": […],
  /// "answers": {"ch1": 2, "ch2": "no", "sa1": null}}]`), optional `plan: true` (the generic
  /// supervision plan, `SupervisionPolicy.bapas`).
  ///
  /// Result: `{"instrument": {id, version, status}, "results": [{"client", "responsivity",
  /// "assessment", "mappedBands", "plan"}], "problems": […]}`; a client with a problem is left out and
  /// every problem has the JSON path of its record.
  static func assess(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let instrumentValue = params.value("instrument", required: true)
    let clients = params.array("clients", required: true)
    let withPlan = params.bool("plan") ?? false
    try params.check()
    guard let instrumentValue, let clients else {
      throw .invalidParams(params.path, "missingKey", "'instrument' and 'clients' are required.")
    }
    let instrument = try resolve(instrumentValue, path: params.member("instrument"))
    let items = Dictionary(instrument.allItems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var results: [JSONOut] = []
    var problems: [RPCProblem] = []
    var seen: [String: String] = [:]
    for (i, record) in clients.enumerated() {
      let path = "\(params.member("clients"))[\(i)]"
      var local: [RPCProblem] = []
      func problem(_ p: String, _ what: String, _ why: String) { local.append(.at(p, what, why)) }
      guard case .object(let o) = record else {
        problems.append(.at(path, "wrongType", "a client record must be an object, not \(record.typeName)."))
        continue
      }
      for key in o.keys.sorted()
      where !["client", "gender", "ageGroup", "age", "responsivity", "answers"].contains(key) {
        problem(
          "\(path).\(key)", "unknownKey",
          "unknown key; a record has client, gender, ageGroup, age, responsivity and answers.")
      }
      var client = ""
      if case .string(let s)? = o["client"], !s.isEmpty {
        client = s
      } else {
        problem("\(path).client", "missingKey", "a non-empty client id (string) is required.")
      }
      var population = ClientPopulation()
      switch o["gender"] {
      case nil, .null?: break
      case .string(let s)? where Gender(rawValue: s) != nil: population.gender = Gender(rawValue: s)
      default: problem("\(path).gender", "invalidValue", "expected \"female\" or \"male\".")
      }
      switch o["ageGroup"] {
      case nil, .null?: break
      case .string(let s)? where AgeGroup(rawValue: s) != nil: population.ageGroup = AgeGroup(rawValue: s)
      default: problem("\(path).ageGroup", "invalidValue", "expected \"child\" or \"adult\".")
      }
      switch o["age"] {
      case nil, .null?: break
      case .number(let n)? where n >= 0 && n < 150 && n == n.rounded(): population.ageYears = Int(n)
      default: problem("\(path).age", "invalidValue", "expected an age in whole years.")
      }
      var responsivity: [ResponsivityFactor] = []
      switch o["responsivity"] {
      case nil, .null?: break
      case .array(let a)?:
        for (k, v) in a.enumerated() {
          if case .string(let s) = v, let f = ResponsivityFactor(rawValue: s) {
            responsivity.append(f)
          } else {
            problem(
              "\(path).responsivity[\(k)]", "invalidValue",
              "not a responsivity factor (\(ResponsivityFactor.allCases.map(\.rawValue).joined(separator: ", "))).")
          }
        }
      default: problem("\(path).responsivity", "wrongType", "expected an array of factor names.")
      }
      var answers: [String: RiskAnswer] = [:]
      if case .object(let given)? = o["answers"] {
        for (item, v) in given.sorted(by: { $0.key < $1.key }) {
          let p = "\(path).answers.\(item)"
          guard let definition = items[item] else {
            problem(p, "unknownReference", "'\(item)' is not an item of instrument '\(instrument.id)'.")
            continue
          }
          switch (definition.response, v) {
          case (_, .null): answers[item] = .unanswered
          case (.count, .number(let n)) where n == n.rounded() && abs(n) < 1e9: answers[item] = .count(Int(n))
          case (.choice, .string(let s)): answers[item] = .choice(s)
          case (.choice, .number(let n)) where n == n.rounded() && abs(n) < 1e9: answers[item] = .choice(String(Int(n)))
          case (.count, _): problem(p, "wrongType", "item '\(item)' takes a whole-number count, found \(v.typeName).")
          case (.choice, _):
            problem(p, "wrongType", "item '\(item)' takes one of its answers as a string, found \(v.typeName).")
          }
        }
      } else {
        problem("\(path).answers", "missingKey", "an object of item → answer is required.")
      }
      if !client.isEmpty, let first = seen[client] {
        problem("\(path).client", "duplicate", "client \(Redaction.quote(client)) appears twice (first at \(first)).")
      }
      guard local.isEmpty else {
        problems += local
        continue
      }
      seen[client] = path
      let assessment: RiskAssessment
      do { assessment = try instrument.assess(answers, population: population) } catch {
        problems += error.problems.map { .at(path, "scoring", "client \(Redaction.quote(client)): \($0.description)") }
        continue
      }
      var plan: JSONOut = .null
      if withPlan {
        do {
          plan = try encodeDocument(
            try SupervisionPolicy.bapas.plan(for: assessment, instrument: instrument, responsivity: responsivity))
        } catch let e as RPCError {
          throw e
        } catch {
          problems.append(.at(path, "plan", "client \(Redaction.quote(client)): \(error)"))
          continue
        }
      }
      let mapped =
        assessment.band.map { band in
          instrument.bandMappings.filter { $0.from == band.scheme }.compactMap { instrument.map(band, to: $0.to) }
        } ?? []
      results.append(
        .object([
          ("client", .string(client)), ("responsivity", .array(responsivity.map { .string($0.rawValue) })),
          ("assessment", try encodeDocument(assessment)), ("mappedBands", try encodeDocument(mapped)), ("plan", plan),
        ]))
    }
    return .value(
      .object([
        (
          "instrument",
          .object([
            ("id", .string(instrument.id)), ("version", .string(instrument.version)),
            ("status", .string(instrument.status.rawValue)),
          ])
        ),
        ("results", .array(results)), ("problems", .array(problems.map(\.json))),
      ]))
  }

  static func resolve(_ value: JSONValue, path: String) throws(RPCError) -> RiskInstrumentDefinition {
    switch value {
    case .string(let id):
      guard let r = InstrumentMethods.builtInRisk(id) else {
        throw .invalidParams(
          path, "unknownInstrument",
          "no built-in risk instrument has the id '\(id.prefix(80))'; built-in: rnr8 (illustrative, unvalidated).")
      }
      return r
    case .object:
      try checkMagnitudes(value, path: path)
      do { return try RiskInstrumentDefinition(validating: value) } catch {
        throw .invalidParams(error.issues.map { $0.problem(under: path) })
      }
    default:
      throw .invalidParams(
        path, "wrongType", "expected \"rnr8\" or a risk instrument definition object, found \(value.typeName).")
    }
  }

  /// Refuses any number beyond ±1,000,000 in a risk definition (points, ranges, ages, shares are all
  /// small), so that no sum of points over many items can overflow while scoring.
  static func checkMagnitudes(_ value: JSONValue, path: String) throws(RPCError) {
    var stack: [(JSONValue, String)] = [(value, path)]
    while let (v, p) = stack.popLast() {
      switch v {
      case .number(let n) where abs(n) > 1_000_000:
        throw .invalidParams(p, "invalidValue", "the number \(ShortestDecimal.string(n)) is outside ±1000000.")
      case .array(let a): for (i, e) in a.enumerated() { stack.append((e, "\(p)[\(i)]")) }
      case .object(let o): for (k, e) in o { stack.append((e, "\(p).\(k)")) }
      default: break
      }
    }
  }

  /// `risk.validate`: a local validation of a risk instrument.
  ///
  /// Params: `scores` (numbers) and `outcomes` (booleans: reoffended or not), one per person;
  /// optional `bands` (strings, for outcome rates per band), `bandOrder`, `expectedRates`
  /// (`{"band": rate}`, for E/O calibration), `groups` (`{"column": [group per person]}`, for
  /// subgroup AUCs), `confidence` (0.95).
  ///
  /// Result: `{"people", "confidence", "auc": AUCResult, "bandRates": […]|null, "calibration": …|null,
  /// "subgroups": {"column": [SubgroupAUC]}}`.
  static func validate(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let scoresValue = params.array("scores", required: true)
    let outcomesValue = params.array("outcomes", required: true)
    let bands = params.strings("bands")
    let bandOrder = params.strings("bandOrder") ?? []
    let expected = params.value("expectedRates")
    let groupsValue = params.value("groups")
    let confidence = params.number("confidence") ?? 0.95
    if !(confidence > 0 && confidence < 1) { params.fail("confidence", "expected a level between 0 and 1, e.g. 0.95") }
    try params.check()
    guard let scoresValue, let outcomesValue else {
      throw .invalidParams(params.path, "missingKey", "'scores' and 'outcomes' are required.")
    }
    var problems: [RPCProblem] = []
    var scores: [Double] = []
    for (i, v) in scoresValue.enumerated() {
      if case .number(let n) = v {
        scores.append(n)
      } else {
        problems.append(.at("\(params.member("scores"))[\(i)]", "wrongType", "expected a number, found \(v.typeName)."))
      }
    }
    var outcomes: [Bool] = []
    for (i, v) in outcomesValue.enumerated() {
      if case .bool(let b) = v {
        outcomes.append(b)
      } else {
        problems.append(
          .at("\(params.member("outcomes"))[\(i)]", "wrongType", "expected true or false, found \(v.typeName)."))
      }
    }
    var rates: [String: Double]? = nil
    if let expected {
      guard case .object(let o) = expected else {
        throw .invalidParams(params.member("expectedRates"), "wrongType", "expected an object {\"band\": rate}.")
      }
      var r: [String: Double] = [:]
      for (k, v) in o {
        if case .number(let n) = v, n >= 0, n <= 1 {
          r[k] = n
        } else {
          problems.append(
            .at("\(params.member("expectedRates")).\(k)", "invalidValue", "expected a rate between 0 and 1."))
        }
      }
      rates = r
    }
    var groups: [(String, [String])] = []
    if let groupsValue {
      guard case .object(let o) = groupsValue else {
        throw .invalidParams(
          params.member("groups"), "wrongType", "expected an object {\"column\": [group per person]}.")
      }
      for k in o.keys.sorted() {
        guard case .array(let a)? = o[k] else {
          problems.append(.at("\(params.member("groups")).\(k)", "wrongType", "expected an array of strings."))
          continue
        }
        var g: [String] = []
        for (i, v) in a.enumerated() {
          if case .string(let s) = v {
            g.append(s)
          } else {
            problems.append(.at("\(params.member("groups")).\(k)[\(i)]", "wrongType", "expected a string."))
          }
        }
        groups.append((k, g))
      }
    }
    if !problems.isEmpty { throw .invalidParams(problems) }
    let z = Distributions.twoSidedNormalQuantile(confidence: confidence) ?? Distributions.normalQuantile975
    do {
      let auc = try RiskValidation.auc(scores: scores, outcomes: outcomes, z: z)
      var bandRates: JSONOut = .null
      var calibration: JSONOut = .null
      if let bands {
        bandRates = try encodeDocument(
          try RiskValidation.outcomeRates(bands: bands, outcomes: outcomes, bandOrder: bandOrder))
        if let rates {
          calibration = try encodeDocument(
            try RiskValidation.calibration(
              bands: bands, outcomes: outcomes, expectedRates: rates, bandOrder: bandOrder, z: z))
        }
      } else if rates != nil {
        throw RPCError.invalidParams(
          params.member("expectedRates"), "missingKey", "calibration needs 'bands' (each person's band).")
      }
      var subgroups: [(String, JSONOut)] = []
      for (column, g) in groups {
        subgroups.append(
          (
            column,
            try encodeDocument(try RiskValidation.subgroupAUCs(scores: scores, outcomes: outcomes, groups: g, z: z))
          ))
      }
      return .value(
        .object([
          ("people", .int(scores.count)), ("confidence", .number(confidence)), ("auc", try encodeDocument(auc)),
          ("bandRates", bandRates), ("calibration", calibration), ("subgroups", .object(subgroups)),
        ]))
    } catch let error as RPCError {
      throw error
    } catch let error as RiskValidationError {
      throw .unusable([.at(params.path, "validation", error.description)])
    } catch {
      throw .unusable([.at(params.path, "validation", "\(error)")])
    }
  }
}
