import AssessmentEngine
import _SDKSupport

/// Researchers' formats: a labelled form export against the numeric CSV of the same responses, and
/// a bytecode-compressed SPSS file read into responses.
extension BenchmarkCases {
  static let labelsIndonesian = ["Tidak pernah", "Jarang", "Kadang-kadang", "Sering", "Selalu"]
  static let labelsEnglish = ["Never", "Rarely", "Sometimes", "Often", "Always"]

  static func labelledDefinition() -> InstrumentDefinition? {
    guard var d = wai12Definition() else { return nil }
    d.responseScale.anchors = (1...5).map {
      .init(value: $0, label: .init(id: labelsIndonesian[$0 - 1], en: labelsEnglish[$0 - 1]))
    }
    return d
  }

  /// The matrix as a `;`-delimited export whose cells are labels, in odd case and spacing as form
  /// exports hold them (a cell's spelling is chosen by its position, so the data are fixed).
  static func labelledCSV(_ matrix: ResponseMatrix) -> [UInt8] {
    var out = Array(matrix.columns.joined(separator: ";").utf8)
    out.append(0x0A)
    let k = matrix.columnCount
    var spellings: [[[UInt8]]] = []
    for v in 0..<5 {
      let id = labelsIndonesian[v]
      let en = labelsEnglish[v]
      spellings.append(
        [id, id.uppercased(), id.lowercased(), " " + id + "  ", en, en.lowercased()].map { Array($0.utf8) })
    }
    for r in 0..<matrix.rowCount {
      for j in 0..<k {
        let c = matrix.codes[r * k + j]
        if c != 0 { out.append(contentsOf: spellings[Int(c) - 1][(r &+ j * 7) % 6]) }
        out.append(j == k - 1 ? 0x0A : 0x3B)
      }
    }
    return out
  }

  func labelledCase() -> Case {
    Case(name: "labelled CSV vs numeric CSV") {
      guard let definition = Self.labelledDefinition(),
        let labels = try? ResponseLabels(scale: definition.responseScale)
      else { fail("definition") }
      let plan = ScoringPlan(definition, policy: .noImputation)
      let codes = Self.generate(rows: rows, items: 12, min: 1, max: 5, missing: 0.03, seed: 14)
      guard let matrix = try? ResponseMatrix(columns: plan.columns, scale: definition.responseScale, codes: codes)
      else { fail("codes") }
      let numeric = Self.csv(matrix)
      let labelled = Self.labelledCSV(matrix)
      var numericTable: ScoreTable? = nil
      var labelledTable: ScoreTable? = nil
      var n = measure("numeric CSV 12 items → scores (in memory)", rows: rows, runs: runs, warmup: 1) {
        guard let batch = try? ResponseTableReader.read(numeric, columns: plan.columns, scale: definition.responseScale)
        else { fail("numeric read") }
        numericTable = try? plan.score(batch.matrix)
        blackHole(numericTable)
      }
      n.bytes = numeric.count
      var l = measure("labelled ';' CSV 12 items → scores (in memory)", rows: rows, runs: runs, warmup: 1) {
        guard
          let batch = try? ResponseTableReader.read(
            labelled, columns: plan.columns, scale: definition.responseScale, options: .init(labels: labels))
        else { fail("labelled read") }
        if batch.matrix != matrix { fail("labelled: the parsed matrix differs from the generated one") }
        labelledTable = try? plan.score(batch.matrix)
        blackHole(labelledTable)
      }
      l.bytes = labelled.count
      // The baseline column shows the numeric path's time: the ratio is labelled / numeric.
      l.baselineMedian = n.median
      guard numericTable?.rawSums == labelledTable?.rawSums else { fail("labelled and numeric scores differ") }
      Self.save(labelled, env: "BAPAS_BENCH_LABELLED_PATH")
      Self.save(numeric, env: "BAPAS_BENCH_NUMERIC_PATH")
      return [n, l]
    }
  }

  /// The matrix as a bytecode-compressed system file with a string id (what SPSS writes by default).
  static func savFile(_ matrix: ResponseMatrix) -> [UInt8] {
    var variables: [SystemFileWriter.Variable] = [.string("klien", width: 8)]
    variables += matrix.columns.map { SystemFileWriter.Variable.numeric($0, decimals: 0) }
    guard var writer = try? SystemFileWriter(variables: variables) else { fail("writer") }
    let k = matrix.columnCount
    var row = [SystemFileValue?](repeating: nil, count: k + 1)
    for r in 0..<matrix.rowCount {
      row[0] = .text("K\(r)")
      for j in 0..<k {
        let c = matrix.codes[r * k + j]
        row[j + 1] = c == 0 ? nil : .number(Double(c))
      }
      do { try writer.append(row) } catch { fail("writer: \(error)") }
    }
    return writer.encoded()
  }

  func savCase() -> Case {
    Case(name: "read .sav bytecode") {
      guard let definition = Self.wai12Definition() else { fail("definition") }
      let plan = ScoringPlan(definition, policy: .noImputation)
      let codes = Self.generate(rows: rows, items: 12, min: 1, max: 5, missing: 0.03, seed: 15)
      guard let matrix = try? ResponseMatrix(columns: plan.columns, scale: definition.responseScale, codes: codes)
      else { fail("codes") }
      let bytes = Self.savFile(matrix)
      var batch: ResponseBatch? = nil
      var m = measure("read .sav bytecode 12 items + id (in memory)", rows: rows, runs: runs, warmup: 1) {
        batch = try? SystemFileResponseReader.read(
          bytes, columns: plan.columns, scale: definition.responseScale, options: .init(idColumn: "klien"))
        blackHole(batch)
      }
      guard batch?.matrix == matrix, batch?.ids.last == "K\(rows - 1)" else {
        fail(".sav: the read matrix differs from the written one")
      }
      m.bytes = bytes.count
      Self.save(bytes, env: "BAPAS_BENCH_SAV_PATH")
      return [m]
    }
  }

  /// Writes `bytes` to the path in environment variable `env`, when set (to measure the `bapas`
  /// process on the same data with `/usr/bin/time -v`).
  static func save(_ bytes: [UInt8], env: String) {
    guard let out = Platform.environmentValue(env) else { return }
    _ = Platform.replaceFile(out, with: bytes)
  }
}
