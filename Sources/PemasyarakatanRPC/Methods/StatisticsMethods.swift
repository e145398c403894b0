import AssessmentEngine

/// `reliability`: psych `alpha()` per scale, over the same instrument and data params as `score`,
/// plus `use` (`pairwise|complete|impute-mean|impute-median`) and `ciRows` (`all|complete`).
///
/// Result: `{"rowsRead", "rowsAnalysed", "rowsRejected", "missingData", "scales": {"<Scale>":
/// ScaleReliability | {"error": {"what", "why"}}}, "problems": […]}`.
enum ReliabilityMethod {
  static let useChoices: [String: ReliabilityMissingData] = [
    "pairwise": .pairwise, "complete": .listwise, "impute-mean": .imputeMean, "impute-median": .imputeMedian,
  ]

  static func reliability(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let definition = try InstrumentMethods.resolve(&params)
    let options = DataOptions.read(&params)
    let use = params.choice("use", useChoices.keys.sorted()) ?? "pairwise"
    let ciRows = params.choice("ciRows", ["all", "complete"]) ?? "all"
    guard let definition else {
      _ = ResponseData.Source.take(&params)
      try params.check()
      throw .invalidParams(params.path, "invalidValue", "no instrument.")
    }
    let columns = definition.items.map(\.id)
    let source = ResponseData.Source.take(&params)
    try params.check()
    guard let source else { throw .invalidParams(params.member("csv"), "missingKey", "the responses are required.") }
    let data = try source.load(
      columns: columns, scale: definition.responseScale, idColumn: nil,
      missingTokens: options.missingTokens, outOfRange: options.outOfRange)
    var accumulator: ItemMomentAccumulator
    do {
      // The compiled instrument's keyed scales, the same ones scoring uses.
      accumulator = try CompiledInstrument(definition).momentAccumulator()
      if data.batch.matrix.rowCount > 0 { try accumulator.add(rows: data.batch.matrix.codes) }
    } catch {
      throw .invalidParams(params.path, "reliability", error.description)
    }
    let report = accumulator.reliabilityReport(
      options: ReliabilityOptions(
        missingData: useChoices[use] ?? .pairwise, confidenceSampleSize: ciRows == "complete" ? .completeRows : .allRows
      ))
    var entries: [(String, JSONOut)] = []
    for outcome in report.scales {
      if let r = outcome.reliability {
        entries.append((outcome.name, try encodeDocument(r)))
      } else if let e = outcome.error {
        entries.append(
          (
            outcome.name,
            .object([
              (
                "error",
                .object([
                  ("what", .string("notComputed")), ("why", .string(e.description)), ("detail", try encodeDocument(e)),
                ])
              )
            ])
          ))
      }
    }
    return .value(
      .object([
        ("instrument", .string(definition.id)), ("rowsRead", .int(data.rowsRead)),
        ("rowsAnalysed", .int(Int(report.rowCount))),
        ("rowsRejected", .int(data.batch.rowsRejected)), ("missingData", .string(report.options.missingData.rawValue)),
        ("scales", .object(entries)), ("problems", .array(data.problems.map(\.json))),
      ]))
  }
}

/// `change`: pre–post change per respondent with the reliable change index (Jacobson & Truax 1991).
///
/// Params: the instrument params of `score`; `pre` and `post`, each `{"csv": …}` or `{"rows": […]}`;
/// `idColumn` (required); `reliability` and `sd` (a number for every scale or `{"Scale": n}`; a scale
/// without them takes a published norm of the instrument); optional `criterion` (1.96),
/// `direction` (`higher|lower` is better), `metric` (`sum|mean`), `impute`/`prorate`.
///
/// Result: `{"respondents": [{"id", "scales": {"<Scale>": {"pre", "post", "change", "rci",
/// "reliableChange", "reason"}}}], "onlyInPre": [ids], "onlyInPost": [ids], "scales": [parameters],
/// "problems": […]}`.
enum ChangeMethod {
  struct Parameters {
    var scale: String
    var metric: ScaleDefinition.Score
    var reliability: Double
    var sd: Double
  }

  static func change(_ params: RPCParams) throws(RPCError) -> RPCMethodResult {
    var params = params
    let definition = try InstrumentMethods.resolve(&params)
    let policyArgument = readPolicy(&params)
    let options = DataOptions.read(&params)
    let pre = params.value("pre", required: true)
    let post = params.value("post", required: true)
    let reliabilityValue = params.value("reliability")
    let sdValue = params.value("sd")
    let criterion = params.number("criterion") ?? 1.96
    let direction: ScoreDirection =
      params.choice("direction", ["higher", "lower"]) == "lower" ? .lowerIsBetter : .higherIsBetter
    let metricChoice = params.choice("metric", ["sum", "mean"]).flatMap(ScaleDefinition.Score.init(rawValue:))
    if options.idColumn == nil {
      params.fail("idColumn", "the column naming each respondent in both administrations is required")
    }
    if !(criterion > 0 && criterion.isFinite) { params.fail("criterion", "expected a positive number") }
    try params.check()
    guard let definition, let idColumn = options.idColumn else {
      throw .invalidParams(params.path, "invalidValue", "no instrument.")
    }
    let ids = definition.scales.map(\.id)
    let reliabilities = try perScale(reliabilityValue, path: params.member("reliability"), scales: ids)
    let sds = try perScale(sdValue, path: params.member("sd"), scales: ids)
    var parameters: [Parameters] = []
    for scale in definition.scales {
      let metric = metricChoice ?? scale.score
      let published = definition.norms(for: scale.id).filter { $0.metric == metric }
      let reference =
        published.first { $0.reliability != nil && $0.group == .general } ?? published.first { $0.reliability != nil }
      guard let r = reliabilities[scale.id] ?? reference?.reliability else {
        throw .invalidParams(
          params.member("reliability"), "missingKey",
          "scale '\(scale.id)' needs a reliability (a number for every scale, or {\"\(scale.id)\": r}).")
      }
      guard let sd = sds[scale.id] ?? (reliabilities[scale.id] == nil ? reference?.sd : nil) else {
        throw .invalidParams(
          params.member("sd"), "missingKey",
          "scale '\(scale.id)' needs the reference SD of its \(metric.rawValue) score.")
      }
      do { _ = try standardErrorOfMeasurement(sd: sd, reliability: r) } catch {
        throw .invalidParams(params.member("reliability"), "invalidValue", "scale '\(scale.id)': \(error.description)")
      }
      parameters.append(Parameters(scale: scale.id, metric: metric, reliability: r, sd: sd))
    }
    let plan = ScoringPlan(definition, policy: policyArgument ?? definition.missingData ?? .default)
    func administration(_ value: JSONValue?, _ name: String) throws(RPCError) -> (ResponseData, ScoreTable) {
      let data = try ResponseData.read(
        object: value, path: params.member(name), columns: plan.columns, scale: definition.responseScale,
        idColumn: idColumn,
        missingTokens: options.missingTokens, outOfRange: options.outOfRange)
      do { return (data, try plan.score(data.batch.matrix)) } catch {
        throw RPCError(
          code: RPCError.internalErrorCode, message: "Internal error",
          problems: [.at(params.member(name), "scoring", error.description)])
      }
    }
    let (preData, preTable) = try administration(pre, "pre")
    let (postData, postTable) = try administration(post, "post")
    for (name, data) in [("pre", preData), ("post", postData)] {
      var seen: [String: Int] = [:]
      for (row, id) in data.ids.enumerated() {
        let key = id ?? ""
        if let first = seen[key] {
          throw .unusable([
            .at(
              params.member(name), "duplicateID",
              "the id \(Redaction.quote(String(key.prefix(60)))) appears in rows \(first + 1) and \(row + 1) of the accepted rows; each respondent must have one row."
            )
          ])
        }
        seen[key] = row
      }
    }
    var postRow: [String: Int] = [:]
    for (row, id) in postData.ids.enumerated() { postRow[id ?? ""] = row }
    var respondents: [JSONOut] = []
    var onlyInPre: [JSONOut] = []
    var matched = Set<String>()
    for (row, id) in preData.ids.enumerated() {
      let key = id ?? ""
      guard let later = postRow[key] else {
        onlyInPre.append(.string(key))
        continue
      }
      matched.insert(key)
      var scales: [(String, JSONOut)] = []
      for (s, p) in parameters.enumerated() {
        scales.append(
          (
            p.scale,
            scaleChange(
              preTable.score(row: row, scale: s), postTable.score(row: later, scale: s), p, direction: direction,
              criterion: criterion)
          ))
      }
      respondents.append(.object([("id", .string(key)), ("scales", .object(scales))]))
    }
    let onlyInPost = postData.ids.compactMap { id -> JSONOut? in matched.contains(id ?? "") ? nil : .string(id ?? "") }
    let scaleParameters: [JSONOut] = parameters.map { p in
      let sem = (try? standardErrorOfMeasurement(sd: p.sd, reliability: p.reliability)) ?? .nan
      return .object([
        ("scale", .string(p.scale)), ("metric", .string(p.metric.rawValue)), ("reliability", .number(p.reliability)),
        ("sd", .number(p.sd)),
        ("standardErrorOfMeasurement", .number(sem)),
        ("reliableChangeThreshold", .number(criterion * (2 * sem * sem).squareRoot())),
      ])
    }
    return .value(
      .object([
        ("respondents", .array(respondents)), ("onlyInPre", .array(onlyInPre)), ("onlyInPost", .array(onlyInPost)),
        ("scales", .array(scaleParameters)), ("criterion", .number(criterion)),
        ("direction", .string(direction.rawValue)),
        ("policy", .string(plan.policy.name)),
        ("problems", .array(preData.problems.map(\.json) + postData.problems.map(\.json))),
      ]))
  }

  static func scaleChange(
    _ pre: ScaleScore, _ post: ScaleScore, _ p: Parameters, direction: ScoreDirection, criterion: Double
  ) -> JSONOut {
    let before = p.metric == .sum ? pre.sum : pre.mean
    let after = p.metric == .sum ? post.sum : post.mean
    var members: [(String, JSONOut)] = [("pre", .number(before)), ("post", .number(after))]
    guard let before, let after else {
      var reasons: [String] = []
      if before == nil { reasons.append("pre: \(pre.absence?.description ?? "no score")") }
      if after == nil { reasons.append("post: \(post.absence?.description ?? "no score")") }
      return .object(
        members + [
          ("change", .null), ("rci", .null), ("reliableChange", .null),
          ("reason", .string(reasons.joined(separator: "; "))),
        ])
    }
    members.append(("change", .number(after - before)))
    do {
      let rc = try ReliableChange(
        pre: before, post: after, sd: p.sd, reliability: p.reliability, direction: direction, criterion: criterion)
      return .object(
        members + [("rci", .number(rc.index)), ("reliableChange", .string(rc.category.rawValue)), ("reason", .null)])
    } catch {
      return .object(members + [("rci", .null), ("reliableChange", .null), ("reason", .string(error.description))])
    }
  }

  /// A number for every scale, or `{"Scale": number}`.
  static func perScale(_ value: JSONValue?, path: String, scales: [String]) throws(RPCError) -> [String: Double] {
    switch value {
    case nil, .null?: return [:]
    case .number(let n)?:
      guard n.isFinite else { throw .invalidParams(path, "invalidValue", "expected a finite number.") }
      return Dictionary(uniqueKeysWithValues: scales.map { ($0, n) })
    case .object(let o)?:
      var out: [String: Double] = [:]
      for (k, v) in o {
        guard scales.contains(k) else {
          throw .invalidParams(
            "\(path).\(k)", "unknownReference",
            "'\(k)' is not a scale of the instrument (\(scales.joined(separator: ", "))).")
        }
        guard case .number(let n) = v, n.isFinite else {
          throw .invalidParams("\(path).\(k)", "wrongType", "expected a number.")
        }
        out[k] = n
      }
      return out
    case let other?:
      throw .invalidParams(
        path, "wrongType", "expected a number or an object {\"Scale\": number}, found \(other.typeName).")
    }
  }
}
