import AssessmentEngine
import BapasCLI
import _SDKSupport

/// The benchmark cases, on data generated in process with fixed seeds:
/// - 12 items 1–5 (WAI-SR-shaped: Goal 4,6,8,11; Task 1,2,10,12; Bond 3,5,7,9; Total);
/// - 36 items 1–7, items 1,3,7,9,11,12,15,16,20,24,27,31,33 reverse-keyed, item i in subscale
///   (i − 1) mod 3, plus the total;
/// - 12 items 1–5 with each cell missing at p = .03.
struct BenchmarkCases {
  let rows: Int
  let runs: Int
  let threads = Parallel.coreCount

  struct Case {
    let name: String
    let run: () -> [Measurement]
  }

  static let reversed36: Set<Int> = [1, 3, 7, 9, 11, 12, 15, 16, 20, 24, 27, 31, 33]

  static func wai12Definition() -> InstrumentDefinition? {
    let keys = [
      "Goal=item4,item6,item8,item11", "Task=item1,item2,item10,item12", "Bond=item3,item5,item7,item9",
      "Total=" + (1...12).map { "item\($0)" }.joined(separator: ","),
    ]
    return try? InstrumentDefinition.quick(keys.compactMap { try? QuickKey(parsing: $0) }, min: 1, max: 5)
  }

  static func inst36Definition() -> InstrumentDefinition? {
    func item(_ i: Int) -> String { (reversed36.contains(i) ? "-" : "") + "item\(i)" }
    var keys = (0..<3).map { s in "S\(s + 1)=" + (1...36).filter { ($0 - 1) % 3 == s }.map(item).joined(separator: ",")
    }
    keys.append("Total=" + (1...36).map(item).joined(separator: ","))
    return try? InstrumentDefinition.quick(keys.compactMap { try? QuickKey(parsing: $0) }, min: 1, max: 7)
  }

  /// Codes for `rows` respondents: a per-respondent level plus noise, like the reference generator.
  static func generate(rows: Int, items: Int, min: Int, max: Int, missing: Double, seed: UInt64) -> [UInt8] {
    var g = SplitMix64(seed: seed)
    var codes = [UInt8](repeating: 0, count: rows * items)
    let width = max - min + 1
    for r in 0..<rows {
      let level = Int.random(in: 0..<width, using: &g)
      for j in 0..<items {
        if missing > 0, Double(g.next() >> 11) * 0x1p-53 < missing { continue }
        let v = Swift.min(width - 1, Swift.max(0, level + Int.random(in: -1...1, using: &g)))
        codes[r * items + j] = UInt8(v + 1)
      }
    }
    return codes
  }

  static func csv(_ matrix: ResponseMatrix) -> [UInt8] {
    var out = Array(matrix.columns.joined(separator: ",").utf8)
    out.append(0x0A)
    out.reserveCapacity(matrix.rowCount * matrix.columnCount * 2 + out.count)
    let k = matrix.columnCount
    let offset = matrix.scale.min - 1
    for r in 0..<matrix.rowCount {
      for j in 0..<k {
        let c = matrix.codes[r * k + j]
        if c != 0 { ShortestDecimal.append(Int(c) + offset, to: &out) }
        out.append(j == k - 1 ? 0x0A : 0x2C)
      }
    }
    return out
  }

  /// The naive baseline: a plain per-row loop over `[[Int?]]`, answered-item sums and means.
  static func naive(_ data: [[Int?]], _ definition: InstrumentDefinition, sums: inout [Double], means: inout [Double]) {
    let index = definition.itemIndex
    let scales = definition.scales.map { s in (s.items.map { index[$0] ?? 0 }, s.items.map { s.reversed.contains($0) })
    }
    let lo = definition.responseScale.min
    let hi = definition.responseScale.max
    var cell = 0
    for row in data {
      for (items, reversed) in scales {
        var sum = 0
        var count = 0
        for (p, j) in items.enumerated() {
          if let v = row[j] {
            sum += reversed[p] ? lo + hi - v : v
            count += 1
          }
        }
        sums[cell] = Double(sum)
        means[cell] = count > 0 ? Double(sum) / Double(count) : .nan
        cell += 1
      }
    }
  }

  func scoringCase(
    _ name: String, definition: InstrumentDefinition?, items: Int, min: Int, max: Int, missing: Double, seed: UInt64
  ) -> Case {
    Case(name: name) {
      guard let definition else { fail("\(name): the benchmark definition did not load") }
      let codes = Self.generate(rows: rows, items: items, min: min, max: max, missing: missing, seed: seed)
      guard
        let matrix = try? ResponseMatrix(
          columns: definition.items.map(\.id), scale: definition.responseScale, codes: codes)
      else {
        fail("\(name): generated codes do not fit")
      }
      let plan = ScoringPlan(definition, policy: .noImputation)
      guard var table = try? plan.score(matrix) else { fail("\(name): scoring failed") }
      let fast = measure(name, rows: rows, runs: runs, warmup: 2) {
        try? plan.score(matrix, into: &table)
        blackHole(table)
      }
      // Baseline in the same run, on the same data, as [[Int?]] built outside the timed block.
      let data = (0..<matrix.rowCount).map { matrix.row($0) }
      var sums = [Double](repeating: 0, count: rows * plan.scaleIDs.count)
      var means = sums
      let naiveRuns = Swift.max(3, runs / 3)
      let base = measure(name + " (naive)", rows: rows, runs: naiveRuns, warmup: 1) {
        Self.naive(data, definition, sums: &sums, means: &means)
        blackHole(sums)
      }
      // The fast path must agree with the baseline on every score.
      for cell in 0..<sums.count {
        let score = table[cell / plan.scaleIDs.count, cell % plan.scaleIDs.count]
        let ok = means[cell].isNaN ? score.mean == nil : (score.sum == sums[cell] && score.mean == means[cell])
        if !ok { fail("\(name): fast path and naive baseline disagree at cell \(cell)") }
      }
      var m = fast
      m.baselineMedian = base.median
      return [m]
    }
  }

  var all: [Case] {
    [
      scoringCase(
        "score 12 items 1-5, complete", definition: Self.wai12Definition(), items: 12, min: 1, max: 5, missing: 0,
        seed: 12),
      scoringCase(
        "score 36 items 1-7, 13 reverse-keyed", definition: Self.inst36Definition(), items: 36, min: 1, max: 7,
        missing: 0, seed: 36),
      scoringCase(
        "score 12 items 1-5, 3% missing", definition: Self.wai12Definition(), items: 12, min: 1, max: 5, missing: 0.03,
        seed: 3),
      parseCase(),
      endToEndCase(),
      streamCase(),
      reliabilityCase("reliability pass 12 items (alpha + item statistics)", missing: 0, seed: 12),
      reliabilityCase("reliability pass 12 items, 3% missing", missing: 0.03, seed: 3),
      polychoricCase(),
      iccCase(),
      rpcCases(),
      labelledCase(), savCase(),
    ]
  }

  func parseCase() -> Case {
    Case(name: "parse CSV 12 items (in memory)") {
      guard let definition = Self.wai12Definition() else { fail("definition") }
      let codes = Self.generate(rows: rows, items: 12, min: 1, max: 5, missing: 0.03, seed: 3)
      guard
        let matrix = try? ResponseMatrix(
          columns: definition.items.map(\.id), scale: definition.responseScale, codes: codes)
      else { fail("codes") }
      let bytes = Self.csv(matrix)
      var parsed: ResponseBatch? = nil
      var m = measure("parse CSV 12 items, 3% missing (in memory)", rows: rows, runs: runs, warmup: 1) {
        parsed = try? ResponseCSVParser.read(bytes, columns: matrix.columns, scale: matrix.scale)
        blackHole(parsed)
      }
      guard parsed?.matrix == matrix else { fail("parse: the parsed matrix differs from the generated one") }
      m.bytes = bytes.count
      // Naive baseline: String splitting and Int(String) per cell.
      let text = String(decoding: bytes, as: UTF8.self)
      let base = measure("parse (naive)", rows: rows, runs: 3, warmup: 0) {
        var out: [[Int?]] = []
        out.reserveCapacity(rows)
        for line in text.split(separator: "\n").dropFirst() {
          out.append(line.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) })
        }
        blackHole(out)
      }
      m.baselineMedian = base.median
      // The same rows with every 200th record's fields quoted (0.5 %): the in-memory path once
      // re-reserved room for all remaining rows at each quoted record (quadratic; issue 13). Its
      // baseline is the unquoted parse above, measured in the same run, so `×` near 1 means linear.
      let quoted = Self.quotingEvery(200, bytes)
      var q = measure("parse CSV 12 items, 0.5% quoted (× = vs unquoted)", rows: rows, runs: runs, warmup: 1) {
        parsed = try? ResponseCSVParser.read(quoted, columns: matrix.columns, scale: matrix.scale)
        blackHole(parsed)
      }
      guard parsed?.matrix == matrix else { fail("parse: the quoted records parse to a different matrix") }
      q.bytes = quoted.count
      q.baselineMedian = m.median
      return [m, q]
    }
  }

  /// `csv` with every `n`th data record's fields wrapped in double quotes (an empty field stays empty).
  static func quotingEvery(_ n: Int, _ csv: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(csv.count + csv.count / n)
    var record = 0
    var fieldStart = true
    var quoting = false
    for byte in csv {
      if fieldStart {
        fieldStart = false
        quoting = record > 0 && record % n == 0 && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "\n")
        if quoting { out.append(UInt8(ascii: "\"")) }
      }
      if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") {
        if quoting { out.append(UInt8(ascii: "\"")) }
        quoting = false
        fieldStart = true
        if byte == UInt8(ascii: "\n") { record += 1 }
      }
      out.append(byte)
    }
    return out
  }

  func endToEndCase() -> Case {
    Case(name: "bapas score end to end") {
      guard let definition = Self.wai12Definition() else { fail("definition") }
      let codes = Self.generate(rows: rows, items: 12, min: 1, max: 5, missing: 0, seed: 12)
      guard
        let matrix = try? ResponseMatrix(
          columns: definition.items.map(\.id), scale: definition.responseScale, codes: codes)
      else { fail("codes") }
      let bytes = Self.csv(matrix)
      let path = "/tmp/bapas-bench-\(Platform.processID).csv"
      guard Platform.replaceFile(path, with: bytes) else { fail("cannot write \(path)") }
      defer { Platform.remove(path) }
      let args = [
        "score", path, "--scale", "Goal=item4,item6,item8,item11", "--scale", "Task=item1,item2,item10,item12",
        "--scale", "Bond=item3,item5,item7,item9", "--scale",
        "Total=" + (1...12).map { "item\($0)" }.joined(separator: ","),
        "--min", "1", "--max", "5", "--output", "/dev/null",
      ]
      var m = measure(
        "bapas score CSV→CSV 12 items (to /dev/null)", rows: rows, runs: Swift.max(7, runs / 2), warmup: 1
      ) {
        let io = CommandIO(stdout: OutputSink(), stderr: OutputSink())
        let status = BapasCommandLine.run(arguments: args, io: io)
        if status != .success { fail("end to end: bapas score exited with \(status.rawValue): \(io.stderr.text)") }
      }
      m.bytes = bytes.count
      return [m]
    }
  }
}

func fail(_ message: String) -> Never {
  printError("bapas-benchmarks: check failed: \(message)")
  Platform.exitProcess(1)
}
