import AssessmentEngine
import PemasyarakatanRPC
import _SDKSupport

extension BenchmarkCases {
  /// The JSON-RPC dispatcher: `sdk.version` per call, and `score` of an inline CSV (100,000 × 12 by
  /// default, `--rows` otherwise) against the library path (CSV parse + bulk score) on the same bytes.
  /// The response is checked against the library's scores before any figure is printed.
  func rpcCases() -> Case {
    Case(name: "rpc (JSON-RPC dispatcher)") {
      let dispatcher = RPCDispatcher()
      let version = Array(#"{"jsonrpc":"2.0","id":1,"method":"sdk.version"}"#.utf8)
      let calls = 20_000
      var perCall = measure(
        "rpc sdk.version ×\(calls) (per call = median/\(calls))", rows: calls, runs: runs, warmup: 1
      ) {
        for _ in 0..<calls { blackHole(dispatcher.respond(to: version)) }
      }
      perCall.baselineMedian = nil

      let n = Swift.min(rows, 100_000)
      guard let definition = Self.wai12Definition() else { fail("definition") }
      let codes = Self.generate(rows: n, items: 12, min: 1, max: 5, missing: 0.03, seed: 3)
      guard
        let matrix = try? ResponseMatrix(
          columns: definition.items.map(\.id), scale: definition.responseScale, codes: codes)
      else { fail("codes") }
      let csv = Self.csv(matrix)
      let plan = ScoringPlan(definition, policy: .noImputation)
      var library = measure("rpc baseline: library parse + score \(n)×12", rows: n, runs: runs, warmup: 1) {
        guard let batch = try? ResponseCSVParser.read(csv, columns: plan.columns, scale: definition.responseScale),
          let table = try? plan.score(batch.matrix)
        else { fail("library path") }
        blackHole(table)
      }
      library.bytes = csv.count
      // The same with the scores written out as text (CSV cells through the library's cell writer).
      var writer = ScoreCellWriter(plan: plan)
      var formatted = measure("rpc baseline: library parse + score + CSV text \(n)×12", rows: n, runs: runs, warmup: 1)
      {
        guard let batch = try? ResponseCSVParser.read(csv, columns: plan.columns, scale: definition.responseScale),
          let table = try? plan.score(batch.matrix)
        else { fail("library path") }
        var bytes = 0
        writer.writeRows(table, ids: nil) { bytes += $0.count }
        blackHole(bytes)
      }
      formatted.bytes = csv.count
      let keys =
        #"{"Goal":["item4","item6","item8","item11"],"Task":["item1","item2","item10","item12"],"Bond":["item3","item5","item7","item9"],"Total":["item1","item2","item3","item4","item5","item6","item7","item8","item9","item10","item11","item12"]}"#
      var request = Array(
        #"{"jsonrpc":"2.0","id":1,"method":"score","params":{"scales":\#(keys),"min":1,"max":5,"impute":"none","csv":""#
          .utf8)
      for b in csv { if b == 0x0A { request += [0x5C, 0x6E] } else { request.append(b) } }
      request += Array(#""}}"#.utf8)
      // Check: the response's first respondent equals the library's.
      guard let reply = dispatcher.respond(to: request),
        let batch = try? ResponseCSVParser.read(csv, columns: plan.columns, scale: definition.responseScale),
        let table = try? plan.score(batch.matrix)
      else { fail("rpc score") }
      let first = table.score(row: 0, scale: 3)
      var expected: [UInt8] = Array(#""Total":{"sum":"#.utf8)
      if let s = first.sum { ShortestDecimal.append(s, to: &expected) }
      guard reply.count > 100,
        String(decoding: reply.prefix(4000), as: UTF8.self).contains(String(decoding: expected, as: UTF8.self))
      else { fail("rpc score disagrees") }
      var rpc = measure("rpc score \(n)×12 inline CSV (request → response)", rows: n, runs: runs, warmup: 1) {
        blackHole(dispatcher.respond(to: request))
      }
      rpc.bytes = request.count
      rpc.baselineMedian = library.median
      return [perCall, library, formatted, rpc]
    }
  }
}
