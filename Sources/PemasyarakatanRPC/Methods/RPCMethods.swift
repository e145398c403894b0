import AssessmentEngine
import Pemasyarakatan
import WorkingAlliance

/// The method table: each entry is a thin adapter from params to a library call and back.
enum RPCMethods {
  typealias Handler = @Sendable (RPCParams) throws(RPCError) -> RPCMethodResult

  static let table: [String: Handler] = [
    "sdk.version": version,
    "instruments.list": InstrumentMethods.list,
    "instruments.get": InstrumentMethods.get,
    "instruments.validate": InstrumentMethods.validate,
    "score": ScoreMethod.score,
    "reliability": ReliabilityMethod.reliability,
    "change": ChangeMethod.change,
    "alliance.series": AllianceMethod.series,
    "risk.assess": RiskMethods.assess,
    "risk.validate": RiskMethods.validate,
    "case.validate": CaseMethods.validate,
    "calendar.integration": CaseMethods.integration,
    "compliance.flags": CaseMethods.complianceFlags,
    "caseload.report": CaseMethods.caseload,
    "assertive.report": CaseMethods.assertiveReport,
  ]

  /// `sdk.version` → `{"sdk": "0.1.0", "protocol": "1", "jsonrpc": "2.0", "methods": […]}`.
  static func version(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    try params.check()
    return .value(
      .object([
        ("sdk", .string(sdkVersion)), ("protocol", .string(RPCDispatcher.protocolVersion)), ("jsonrpc", .string("2.0")),
        ("methods", .array(RPCDispatcher.methodNames.map { .string($0) })),
      ]))
  }
}

/// `instruments.list`, `instruments.get`, `instruments.validate`.
enum InstrumentMethods {
  /// Every questionnaire the SDK ships.
  static let library: InstrumentLibrary = .assessmentEngine + .workingAlliance

  /// The built-in risk instruments by id.
  static func builtInRisk(_ id: String) -> RiskInstrumentDefinition? {
    guard id == "rnr8" || id == "rnr8-illustrative" else { return nil }
    return try? IllustrativeInstruments.rnr8()
  }

  static func list(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    try params.check()
    let questionnaires: [JSONOut] = library.definitions.map { d in
      .object([
        ("id", .string(d.id)), ("kind", .string("questionnaire")), ("version", .string(d.version)),
        ("name", .object([("id", .string(d.name.indonesian)), ("en", .string(d.name.english))])),
        ("items", .int(d.items.count)), ("scales", .array(d.scales.map { .string($0.id) })),
        ("responseScale", .object([("min", .int(d.responseScale.min)), ("max", .int(d.responseScale.max))])),
        ("citation", .string(d.citation.source)), ("licence", .string(d.citation.licence)),
      ])
    }
    var risk: [JSONOut] = []
    if let r = builtInRisk("rnr8") {
      risk.append(
        .object([
          ("id", .string(r.id)), ("kind", .string("risk")), ("version", .string(r.version)),
          ("name", .object([("id", .string(r.name.indonesian)), ("en", .string(r.name.english))])),
          ("items", .int(r.allItems.count)), ("status", .string(r.status.rawValue)),
        ]))
    }
    return .value(.object([("instruments", .array(questionnaires + risk))]))
  }

  static func get(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let id = params.string("id", required: true)
    try params.check()
    guard let id else { throw .invalidParams(params.member("id"), "missingKey", "the instrument id is required.") }
    if let d = library.definition(id: id) {
      return .value(.object([("kind", .string("questionnaire")), ("definition", try encodeDocument(d))]))
    }
    if let r = builtInRisk(id) {
      return .value(.object([("kind", .string("risk")), ("definition", try encodeDocument(r))]))
    }
    let ids = library.ids + ["rnr8"]
    let hint = didYouMean(id, among: ids).map { " Did you mean '\($0)'?" } ?? ""
    throw .invalidParams(
      params.member("id"), "unknownInstrument",
      "no built-in instrument has the id '\(id.prefix(80))'.\(hint) Built-in: \(ids.joined(separator: ", ")).")
  }

  /// `{"definition": {…}, "kind": "questionnaire"|"risk"}` → `{"valid": Bool, "problems": […]}`:
  /// problems of the definition are the result here, not an error.
  static func validate(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let definition = params.value("definition", required: true)
    let kind = params.choice("kind", ["questionnaire", "risk"]) ?? "questionnaire"
    try params.check()
    guard let definition else {
      throw .invalidParams(params.member("definition"), "missingKey", "the definition is required.")
    }
    let base = params.member("definition")
    var problems: [RPCProblem] = []
    if kind == "risk" {
      do {
        try RiskMethods.checkMagnitudes(definition, path: base)
        _ = try RiskInstrumentDefinition(validating: definition)
      } catch let error as RPCError {
        problems = error.problems
      } catch let error as RiskDefinitionError {
        problems = error.issues.map { $0.problem(under: base) }
      } catch {
        problems = [.at(base, "invalidValue", "\(error)")]
      }
    } else {
      do { _ = try InstrumentDefinition(json: definition) } catch {
        problems = error.issues.map { $0.problem(under: base) }
      }
    }
    return .value(
      .object([("valid", .bool(problems.isEmpty)), ("kind", .string(kind)), ("problems", .array(problems.map(\.json)))])
    )
  }

  /// The largest response magnitude accepted: sums of many items stay far from `Int` overflow.
  static let responseBound = 1_000_000

  /// `definition`, or `nil` with a problem when its response scale lies outside ±``responseBound``.
  static func bounded(_ definition: InstrumentDefinition, _ params: inout RPCParams, _ key: String)
    -> InstrumentDefinition?
  {
    let scale = definition.responseScale
    guard abs(scale.min) <= responseBound, abs(scale.max) <= responseBound else {
      params.fail(key, "the response scale \(scale.min)…\(scale.max) lies outside ±\(responseBound)")
      return nil
    }
    return definition
  }

  /// The questionnaire named or given in `instrument`, or built from `scales` + `min`/`max`.
  static func resolve(_ params: inout RPCParams) throws(RPCError) -> InstrumentDefinition? {
    let instrument = params.value("instrument")
    let scales = params.value("scales")
    let min = params.integer("min")
    let max = params.integer("max")
    if instrument != nil, scales != nil {
      params.fail("scales", "give either 'instrument' or 'scales', not both")
      return nil
    }
    switch instrument {
    case .string(let id)?:
      if min != nil || max != nil {
        params.fail("min", "'min' and 'max' go with 'scales'; an instrument gives its own response scale")
      }
      guard let d = library.definition(id: id) else {
        let hint = didYouMean(id, among: library.ids).map { " Did you mean '\($0)'?" } ?? ""
        params.fail(
          "instrument",
          "no built-in questionnaire has the id '\(id.prefix(80))'.\(hint) Built-in: \(library.ids.joined(separator: ", "))"
        )
        return nil
      }
      return d
    case .object?:
      if min != nil || max != nil {
        params.fail("min", "'min' and 'max' go with 'scales'; an instrument gives its own response scale")
      }
      guard let instrument else { return nil }
      do { return try bounded(InstrumentDefinition(json: instrument), &params, "instrument") } catch {
        params.absorb(error.issues, under: "instrument")
        return nil
      }
    case let other?:
      params.fail(
        "instrument", "expected a built-in id (a string) or a definition (an object), found \(other.typeName)")
      return nil
    case nil:
      break
    }
    guard let scales else {
      params.fail("instrument", "give 'instrument' (an id or a definition) or 'scales' with 'min' and 'max'")
      return nil
    }
    guard case .object(let keyed) = scales, !keyed.isEmpty else {
      params.fail("scales", "expected an object {\"Scale\": [\"item1\", \"-item2\", …]} with at least one scale")
      return nil
    }
    guard let min, let max else {
      params.fail("min", "'min' and 'max' (the lowest and highest response) are required with 'scales'")
      return nil
    }
    guard abs(min) <= responseBound, abs(max) <= responseBound else {
      params.fail("min", "responses must lie within ±\(responseBound)")
      return nil
    }
    guard min < max, max - min <= ResponseScale.maximumWidth else {
      params.fail(
        "max",
        "the response scale \(min)…\(max) must have min < max and at most \(ResponseScale.maximumWidth + 1) values")
      return nil
    }
    // Object members have no order in JSON: scales are taken in name order.
    var keys: [QuickKey] = []
    for name in keyed.keys.sorted() {
      let path = "\(params.member("scales")).\(name)"
      guard case .array(let list)? = keyed[name] else {
        throw .invalidParams(path, "wrongType", "a scale is an array of item ids ('-' before a reverse-keyed item).")
      }
      var texts: [String] = []
      for (i, v) in list.enumerated() {
        guard case .string(let s) = v, !s.contains(","), !s.contains("=") else {
          throw .invalidParams("\(path)[\(i)]", "wrongType", "an item id is a string without ',' or '='.")
        }
        texts.append(s)
      }
      guard !name.contains("=") else { throw .invalidParams(path, "invalidValue", "a scale name may not contain '='.") }
      do { keys.append(try QuickKey(parsing: name + "=" + texts.joined(separator: ","))) } catch {
        throw .invalidParams(path, "invalidValue", error.description)
      }
    }
    do { return try InstrumentDefinition.quick(keys, min: min, max: max) } catch {
      throw .invalidParams(error.issues.map { $0.problem(under: params.member("scales")) })
    }
  }
}
