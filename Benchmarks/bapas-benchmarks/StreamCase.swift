import AssessmentEngine

extension BenchmarkCases {
  /// The library's response stream over a table in memory, scored with item-mean imputation: two
  /// passes (item distributions, then scores) in 1 MiB chunks. The baseline is the whole-table path
  /// on the same bytes (parse everything, then score the one matrix), which holds every row at once.
  func streamCase() -> Case {
    Case(name: "stream score") {
      guard let definition = Self.wai12Definition() else { fail("definition") }
      let codes = Self.generate(rows: rows, items: 12, min: 1, max: 5, missing: 0.03, seed: 31)
      guard
        let matrix = try? ResponseMatrix(
          columns: definition.items.map(\.id), scale: definition.responseScale, codes: codes)
      else { fail("codes") }
      let bytes = Self.csv(matrix)
      let instrument = CompiledInstrument(definition, policy: .itemMean)
      var streamedSum = 0.0
      var m = measure(
        "stream score CSV 12 items, mean imputation (ResponseStream, in memory)", rows: rows, runs: runs, warmup: 1
      ) {
        streamedSum = 0
        do throws(ResponseStreamError) {
          var stream = try ResponseStream(opening: .bytes(bytes, name: "bench"), instrument: instrument)
          try stream.score(instrument.plan) { _, table in
            guard let table else { return }
            for row in 0..<table.rowCount { streamedSum += table[row, 3].sum ?? 0 }
          }
        } catch {
          fail("stream score failed: \(error)")
        }
        blackHole(streamedSum)
      }
      var wholeSum = 0.0
      let base = measure("whole-table parse + score", rows: rows, runs: Swift.max(3, runs / 3), warmup: 1) {
        wholeSum = 0
        guard let batch = try? ResponseTableReader.read(bytes, columns: instrument.columns, scale: matrix.scale),
          let table = try? instrument.plan.score(batch.matrix)
        else { fail("whole-table score failed") }
        for row in 0..<table.rowCount { wholeSum += table[row, 3].sum ?? 0 }
      }
      // Same data, same imputation values: the totals must agree (to summation order).
      if abs(streamedSum - wholeSum) > 1e-6 * abs(wholeSum) {
        fail("stream and whole-table totals disagree: \(streamedSum) vs \(wholeSum)")
      }
      m.bytes = bytes.count
      m.baselineMedian = base.median
      return [m]
    }
  }
}
