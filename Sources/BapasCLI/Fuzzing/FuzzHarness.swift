import AssessmentEngine
import Pemasyarakatan
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The in-process fuzz harness behind `bapas-fuzz` (and the corpus replay test): it runs one input
/// against the library entry points and the `bapas` command line and returns every broken
/// invariant. A trap ends the process (the driver keeps the input first); a hang is caught by the
/// driver's per-input budget. `package`: not public API.
///
/// Invariants checked:
/// - no trap, and no `bapas` run ends with exit status 70 (an internal error);
/// - the response reader: rows read = rows accepted + rows rejected, one id and one line per
///   accepted row; the whole text, the text in random chunks, and the tokenizer alone (fast path
///   off) give the same rows, ids, lines and issues;
/// - `bapas score`: the summary's rows scored + rejected = rows read, the CSV output holds one record
///   per scored row, and a run reading its file in small chunks prints exactly what a run reading
///   it in 1 MiB chunks prints;
/// - `bapas risk`: clients scored + rejected = clients read.
package struct FuzzHarness {
  /// What an input is.
  package enum Kind: String, CaseIterable, Sendable {
    case responseCSV = "response-csv"
    case riskCSV = "risk-csv"
    case riskJSON = "risk-json"
    case validationCSV = "validation-csv"
    case instrumentJSON = "instrument-json"
    case riskInstrumentJSON = "risk-instrument-json"
    case assertiveJSON = "assertive-json"
    case caseFileJSON = "casefile-json"
    case flags = "flags"
  }

  /// One input: its kind and bytes (for ``Kind/flags``, arguments separated by NUL).
  package struct Input: Sendable {
    package var kind: Kind
    package var bytes: [UInt8]
    package init(kind: Kind, bytes: [UInt8]) {
      self.kind = kind
      self.bytes = bytes
    }
  }

  /// A scratch directory for the files the command line reads and writes.
  package let directory: String
  /// Picks chunk sizes, scales and flags: seeded, so a run is reproducible.
  package var random: FuzzRandom

  package init(directory: String, seed: UInt64) {
    self.directory = directory
    self.random = FuzzRandom(seed: seed)
  }

  /// Runs `input` and returns the broken invariants (empty when all hold).
  package mutating func check(_ input: Input) -> [String] {
    switch input.kind {
    case .responseCSV: return checkResponseCSV(input.bytes)
    case .riskCSV: return checkRisk(input.bytes, name: "in.csv")
    case .riskJSON: return checkRisk(input.bytes, name: "in.json")
    case .validationCSV: return checkValidation(input.bytes)
    case .instrumentJSON: return checkInstrumentJSON(input.bytes)
    case .riskInstrumentJSON:
      _ = try? RiskInstrumentDefinition.load(json: Data(input.bytes))
      return []
    case .assertiveJSON: return checkAssertive(input.bytes)
    case .caseFileJSON:
      _ = try? CaseFileImport.decode(Data(input.bytes))
      _ = CaseFileImport.decodeBatch(Data(input.bytes))
      return []
    case .flags:
      let arguments = input.bytes.split(separator: 0, omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
      }
      // Never destroy a user's file: the seed files a command line reads must be unchanged after it.
      // A seed file the command line names only as its output is not read, and may be replaced.
      let before = seedFiles()
      let expanded = arguments.map { $0.replacingOccurrences(of: "@DIR", with: directory) }
      var problems = runCLI(expanded).problems
      let outputsOnly = Self.outputsOnly(expanded)
      for (name, bytes) in seedFiles()
      where before[name] != bytes && !outputsOnly.contains(Self.comparablePath(directory + "/" + name)) {
        problems.append("the input file \(name) was changed")
      }
      return problems
    }
  }

  // MARK: Response CSV

  private mutating func checkResponseCSV(_ bytes: [UInt8]) -> [String] {
    var problems: [String] = []
    // Columns: up to three names from the (mutated) header, so that rows are actually read.
    let header = CSVDocument(Array(bytes.prefix(4096))).records.first?.fields.map { $0.text.trimmingWhitespace() } ?? []
    var names: [String] = []
    for name in header where !name.isEmpty && !names.contains(name) && names.count < 4 { names.append(name) }
    let id = names.count > 1 && random.chance(2) ? names.removeFirst() : nil
    let columns = names.isEmpty ? ["a"] : names
    let scales = [
      ResponseScale(min: 1, max: 5), ResponseScale(min: 0, max: 6), ResponseScale(min: -3, max: 3, excluded: [0]),
      ResponseScale(min: 1, max: 255),
    ]
    let scale = scales[random.below(scales.count)]
    let options = ResponseCSVOptions(
      missingTokens: random.chance(2) ? ["NA"] : ["NA", ".", "-9"], outOfRange: random.chance(2) ? .reject : .missing,
      idColumn: id)

    let whole = Self.read(bytes, columns: columns, scale: scale, options: options, fast: true, chunk: nil)
    let slow = Self.read(bytes, columns: columns, scale: scale, options: options, fast: false, chunk: nil)
    // Small chunks, but not so small that a record waiting for its end is re-read thousands of times
    // (that costs chunks × record length by design: production chunks are 1 MiB).
    let chunk = Swift.max(1 + random.below(64), bytes.count / 256)
    let chunked = Self.read(bytes, columns: columns, scale: scale, options: options, fast: true, chunk: chunk)
    if whole != slow {
      problems.append("the fast path and the tokenizer disagree: \(whole.summary) vs \(slow.summary)")
    }
    if whole != chunked {
      problems.append("whole and \(chunk)-byte chunked reads disagree: \(whole.summary) vs \(chunked.summary)")
    }
    if case .rows(let b) = whole {
      if b.rowsRead != b.matrix.rowCount + b.rowsRejected {
        problems.append("rows read \(b.rowsRead) ≠ accepted \(b.matrix.rowCount) + rejected \(b.rowsRejected)")
      }
      if b.lines.count != b.matrix.rowCount || (id != nil && b.ids.count != b.matrix.rowCount) {
        problems.append("\(b.lines.count) lines and \(b.ids.count) ids for \(b.matrix.rowCount) rows")
      }
    }

    // The command line: score in 1 MiB chunks and in small chunks; the two runs must print the same.
    let path = write(bytes, name: "in.csv")
    var arguments = [
      "score", path, "--scale", "X=" + columns.joined(separator: ","), "--min", String(scale.min), "--max",
      String(scale.max),
    ]
    if let id { arguments += ["--id-column", id] }
    if random.chance(3) { arguments += ["--impute", ["none", "mean", "median"][random.below(3)]] }
    if random.chance(4) { arguments += ["--out-of-range", "missing"] }
    let big = runCLI(arguments)
    problems += big.problems
    let saved = ChunkedFile.chunkSize
    ChunkedFile.chunkSize = chunk
    let small = runCLI(arguments)
    ChunkedFile.chunkSize = saved
    if big.status != small.status || big.stdout != small.stdout || big.stderr != small.stderr {
      let a = big.stdout + big.stderr
      let b = small.stdout + small.stderr
      let common = zip(a, b).prefix { $0 == $1 }.count
      problems.append(
        "bapas score differs between 1 MiB and \(chunk)-byte file chunks (\(arguments.dropFirst(2).joined(separator: " "))): "
          + "\(escapingControlCharacters(String(a.dropFirst(common).prefix(120)))) vs \(escapingControlCharacters(String(b.dropFirst(common).prefix(120))))"
      )
    }
    if let counts = Self.summaryCounts(big.stderr, prefix: "bapas score: ") {
      if counts.done + counts.rejected != counts.total {
        problems.append("bapas score: \(counts.done) scored + \(counts.rejected) rejected ≠ \(counts.total) read")
      }
      let records = CSVDocument(Array(big.stdout.utf8)).records.count
      if records != counts.done + 1 {
        problems.append("bapas score wrote \(records - 1) rows for \(counts.done) scored")
      }
    }
    // The other readers of response files must not trap or fail internally on the same text.
    let quick = [
      "--scale", "X=" + columns.joined(separator: ","), "--min", String(scale.min), "--max", String(scale.max),
    ]
    problems += runCLI(["reliability", path] + quick).problems
    if let id {
      problems +=
        runCLI(["change", path, path, "--id-column", id, "--reliability", "0.8", "--sd", "2"] + quick).problems
      if let session = header.first(where: { $0 != id && !columns.contains($0) && !$0.isEmpty }) {
        problems += runCLI(["alliance", path, "--id-column", id, "--session-column", session] + quick).problems
      }
    }
    return problems
  }

  /// A reader's result, comparable across reading strategies.
  enum ReadResult: Equatable {
    case rows(ResponseBatch)
    case failed(InputIssue)

    var summary: String {
      switch self {
      case .rows(let b): "\(b.matrix.rowCount) rows, \(b.rowsRejected) rejected, \(b.issues.count) issues"
      case .failed(let issue): "failed: \(issue.description)"
      }
    }

    static func == (a: ReadResult, b: ReadResult) -> Bool {
      switch (a, b) {
      case (.failed(let x), .failed(let y)): return x == y
      case (.rows(let x), .rows(let y)):
        return x.matrix.codes == y.matrix.codes && x.matrix.rowCount == y.matrix.rowCount && x.ids == y.ids
          && x.lines == y.lines
          && x.issues == y.issues && x.rowsRead == y.rowsRead && x.rowsRejected == y.rowsRejected
      default: return false
      }
    }
  }

  static func read(
    _ bytes: [UInt8], columns: [String], scale: ResponseScale, options: ResponseCSVOptions, fast: Bool, chunk: Int?
  ) -> ReadResult {
    var parser = ResponseCSVParser(columns: columns, scale: scale, options: options)
    parser.fastPathEnabled = fast
    var batch = ResponseBatch(columns: columns, scale: scale)
    do {
      if let chunk {
        var start = 0
        while start < bytes.count {
          let end = Swift.min(bytes.count, start + chunk)
          try bytes[start..<end].withUnsafeBufferPointer { (b) throws(InputIssue) in
            try parser.consume(b, isFinal: false, into: &batch)
          }
          start = end
        }
        try [UInt8]().withUnsafeBufferPointer { (b) throws(InputIssue) in
          try parser.consume(b, isFinal: true, into: &batch)
        }
      } else {
        try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch)
        }
      }
      return .rows(batch)
    } catch {
      return .failed(error)
    }
  }

  // MARK: Risk, validation, JSON

  private mutating func checkRisk(_ bytes: [UInt8], name: String) -> [String] {
    let path = write(bytes, name: name)
    let format = ["text", "json", "csv"][random.below(3)]
    var arguments = ["risk", path, "--instrument", "rnr8", "--format", format]
    if random.chance(2) { arguments.append("--plan") }
    let run = runCLI(arguments)
    var problems = run.problems
    if let counts = Self.summaryCounts(run.stderr, prefix: "bapas risk: "),
      counts.done + counts.rejected != counts.total
    {
      problems.append("bapas risk: \(counts.done) scored + \(counts.rejected) rejected ≠ \(counts.total) read")
    }
    return problems
  }

  private mutating func checkValidation(_ bytes: [UInt8]) -> [String] {
    let read = RiskValidationData.readCSV(bytes)
    var problems: [String] = []
    if read.data.scores.count != read.data.outcomes.count
      || read.data.groups.values.contains(where: { $0.count != read.data.scores.count })
    {
      problems.append("validation data columns of different lengths")
    }
    let path = write(bytes, name: "validation.csv")
    var arguments = ["validate-risk", path, "--format", random.chance(2) ? "text" : "json"]
    if random.chance(3) { arguments += ["--expected-rates", "rendah=0.1,sedang=0.3,tinggi=0.6"] }
    problems += runCLI(arguments).problems
    return problems
  }

  private mutating func checkInstrumentJSON(_ bytes: [UInt8]) -> [String] {
    guard let definition = try? InstrumentDefinition(jsonData: Data(bytes)) else { return [] }
    // A definition that loads must be usable: score a small file with it.
    let header = definition.items.map(\.id)
    let rows = (0..<3).map { r in
      definition.items.indices.map { i in String(definition.responseScale.min + (r + i) % 3) }.joined(separator: ",")
    }
    let csv = ([header.map(csvField).joined(separator: ",")] + rows).joined(separator: "\n") + "\n"
    let path = write(bytes, name: "definition.json")
    let data = write(Array(csv.utf8), name: "data.csv")
    return runCLI(["score", data, "--instrument", path]).problems
      + runCLI(["reliability", data, "--instrument", path]).problems
  }

  private mutating func checkAssertive(_ bytes: [UInt8]) -> [String] {
    guard let group = try? AssertiveTrainingGroup.decode(jsonData: Data(bytes)) else { return [] }
    let analysis = AssertiveTrainingAnalysis(group: group)
    let report = AssertiveTrainingReport(analysis: analysis, language: random.chance(2) ? .english : .indonesian)
    _ = report.markdown()
    _ = try? report.jsonData()
    return []
  }

  // MARK: Command line

  package struct CLIRun {
    package var status: BapasExitStatus
    package var stdout: String
    package var stderr: String
    package var problems: [String]
  }

  package func runCLI(_ arguments: [String]) -> CLIRun {
    let io = CommandIO(stdout: OutputSink(), stderr: OutputSink())
    let status = BapasCommandLine.run(arguments: arguments, io: io)
    var problems: [String] = []
    if status == .software {
      problems.append("bapas \(arguments.first ?? "") ended with an internal error (70): \(io.stderr.text.prefix(300))")
    }
    return CLIRun(status: status, stdout: io.stdout.text, stderr: io.stderr.text, problems: problems)
  }

  /// `(done, total, rejected)` from a summary line such as `bapas score: 3 of 4 rows scored, 1 rejected`.
  static func summaryCounts(_ stderr: String, prefix: String) -> (done: Int, total: Int, rejected: Int)? {
    guard let line = stderr.split(separator: "\n").last(where: { $0.hasPrefix(prefix) }) else { return nil }
    let numbers = line.dropFirst(prefix.count).split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap { Int($0) }
    guard numbers.count == 3 else { return nil }
    return (numbers[0], numbers[1], numbers[2])
  }

  /// The paths a command line names as `--output` (either spelling) and nowhere else: writing them
  /// is what was asked. A path also named as an input must be refused, so it stays checked.
  static func outputsOnly(_ arguments: [String]) -> Set<String> {
    var outputs: [String] = []
    var others: [String] = []
    var i = 0
    while i < arguments.count {
      let a = arguments[i]
      if a == "--output", i + 1 < arguments.count {
        outputs.append(arguments[i + 1])
        i += 2
        continue
      }
      if a.hasPrefix("--output=") {
        outputs.append(String(a.dropFirst("--output=".count)))
      } else {
        others.append(a)
      }
      i += 1
    }
    return Set(outputs.map(comparablePath)).subtracting(others.map(comparablePath))
  }

  /// A path as the commands' own output check resolves it (`OutputPathCheck.resolved`), so that
  /// `@DIR/./seed-in.csv` as input and `@DIR/seed-in.csv` as output count as one file; a path whose
  /// directory does not exist is only standardised.
  static func comparablePath(_ path: String) -> String {
    OutputPathCheck.resolved(path) ?? URL(fileURLWithPath: path).standardizedFileURL.path
  }

  private func seedFiles() -> [String: Data] {
    var files: [String: Data] = [:]
    for name in [
      "seed-in.csv", "seed-post.csv", "seed-alliance.csv", "seed-risk.csv", "seed-validation.csv", "seed-group.json",
    ] {
      files[name] = FileManager.default.contents(atPath: directory + "/" + name)
    }
    return files
  }

  private func write(_ bytes: [UInt8], name: String) -> String {
    let path = directory + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }
}

/// SplitMix64: a small, fast, seeded generator, so a fuzz run is the same run every time.
package struct FuzzRandom: Sendable {
  private var state: UInt64
  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n` (`n` ≥ 1).
  package mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

  /// True one time in `n`.
  package mutating func chance(_ n: Int) -> Bool { below(n) == 0 }
}
