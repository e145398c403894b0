import BapasCLI
import Foundation
import _SDKSupport

/// One fuzz run: seeds from the corpus, seeded mutations, every input checked by ``FuzzHarness``
/// under a per-input time budget. A trap kills the process: the input being run is always on disk
/// (`<scratch>/current-input`) so the next run, or a person, can keep it as a crasher.
struct FuzzCampaign {
  let iterations: Int
  let seed: UInt64
  let corpus: String
  let budgetSeconds: Double
  let saveCrashers: Bool

  /// The relative share of each kind in the run (the response reader, where the old hangs were, most).
  static let weights: [(FuzzHarness.Kind, Int)] = [
    (.responseCSV, 8), (.flags, 4), (.riskCSV, 2), (.riskJSON, 2), (.validationCSV, 2), (.instrumentJSON, 2),
    (.riskInstrumentJSON, 1), (.assertiveJSON, 1), (.caseFileJSON, 1),
  ]

  func run() -> Int32 {
    let scratch = NSTemporaryDirectory() + "bapas-fuzz-\(Platform.processID)"
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    // Mutated flags can name any relative path as `--output`; the campaign runs inside its scratch
    // folder so such outputs land there, never in the directory it was started from (once they
    // landed in the repository root). The corpus is made absolute first.
    let startedIn = FileManager.default.currentDirectoryPath
    let corpus = self.corpus.hasPrefix("/") ? self.corpus : startedIn + "/" + self.corpus
    guard FileManager.default.changeCurrentDirectoryPath(scratch) else {
      print("bapas-fuzz: cannot enter the scratch folder \(scratch).")
      return 73
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(startedIn) }
    FuzzCorpus.prepare(directory: scratch, corpus: corpus)
    let seeds = FuzzCorpus.seeds(corpus: corpus)
    let crashers = FuzzCorpus.crashers(corpus: corpus)
    guard !(seeds[.responseCSV] ?? []).isEmpty else {
      print("bapas-fuzz: no seeds under \(corpus); run from the repository root or pass --corpus.")
      return 66
    }
    var harness = FuzzHarness(directory: scratch, seed: seed)
    var mutator = FuzzMutator(seed: seed &* 31 &+ 7)
    let options = FuzzMutator.optionNames
    let watchdog = Watchdog(budget: budgetSeconds, crashers: corpus + "/crashers")
    watchdog.start()
    var ran: [FuzzHarness.Kind: Int] = [:]
    var warnedScratch = false
    var findings: [(kind: FuzzHarness.Kind, iteration: Int, problems: [String], bytes: [UInt8])] = []
    let started = Date()
    let schedule = Self.weights.flatMap { Array(repeating: $0.0, count: $0.1) }

    func runOne(_ kind: FuzzHarness.Kind, _ bytes: [UInt8], _ iteration: Int) {
      let input = FuzzHarness.Input(kind: kind, bytes: bytes)
      // The input is on disk before it runs, so a trap leaves it behind; a scratch folder that cannot
      // be written is said once rather than silently losing the reproducer.
      let saved =
        FileManager.default.createFile(atPath: scratch + "/current-input", contents: Data(bytes))
        && FileManager.default.createFile(atPath: scratch + "/current-kind", contents: Data(kind.rawValue.utf8))
      if !saved && !warnedScratch {
        warnedScratch = true
        print("bapas-fuzz: warning: cannot write \(scratch)/current-input; a trap would leave no reproducer.")
      }
      watchdog.begin(kind: kind, bytes: bytes, iteration: iteration)
      let problems = harness.check(input)
      watchdog.end()
      ran[kind, default: 0] += 1
      if !problems.isEmpty { findings.append((kind, iteration, problems, bytes)) }
    }

    // Seeds and kept crashers first, unmutated: they are regression inputs.
    var iteration = 0
    for (kind, list) in seeds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      for bytes in list {
        runOne(kind, bytes, iteration)
        iteration += 1
      }
    }
    for crasher in crashers {
      runOne(crasher.kind, crasher.bytes, iteration)
      iteration += 1
    }
    let replayed = iteration

    while iteration < replayed + iterations {
      let kind = schedule[mutator.random.below(schedule.count)]
      guard let list = seeds[kind], !list.isEmpty else {
        iteration += 1
        continue
      }
      let base = list[mutator.random.below(list.count)]
      let bytes: [UInt8]
      if kind == .flags {
        let words = base.split(separator: 0, omittingEmptySubsequences: false).map {
          String(decoding: $0, as: UTF8.self)
        }
        bytes = Array(mutator.mutate(arguments: words, options: options).joined(separator: "\u{0}").utf8)
      } else {
        bytes = mutator.mutate(base, other: list[mutator.random.below(list.count)])
      }
      runOne(kind, bytes, iteration)
      iteration += 1
      if (iteration - replayed) % 500 == 0 {
        print(
          "bapas-fuzz: \(iteration - replayed) mutated inputs, \(findings.count) findings, \(Int(Date().timeIntervalSince(started))) s"
        )
      }
    }
    watchdog.stop()
    let elapsed = Date().timeIntervalSince(started)
    print(
      "bapas-fuzz: seed \(seed): \(replayed) seed and crasher inputs replayed, \(iterations) mutated inputs run in \(String(format: "%.1f", elapsed)) s"
    )
    for kind in FuzzHarness.Kind.allCases { print("  \(kind.rawValue): \(ran[kind] ?? 0) inputs") }
    print("  findings: \(findings.count)")
    for finding in findings.prefix(20) {
      print("  [\(finding.kind.rawValue) #\(finding.iteration)] " + finding.problems.joined(separator: " | "))
      if saveCrashers {
        let name = "\(finding.kind.rawValue)-found-seed\(seed)-\(finding.iteration)"
        if FileManager.default.createFile(atPath: corpus + "/crashers/" + name, contents: Data(finding.bytes)) {
          print("    kept as \(corpus)/crashers/\(name)")
        } else {
          print("    could not write \(corpus)/crashers/\(name); the input is printed in the finding above")
        }
      }
    }
    return findings.isEmpty ? 0 : 1
  }
}

/// Ends the run when one input takes longer than the budget: a hang. The input is kept first.
final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private let budget: Double
  private let crashers: String
  private var current: (kind: FuzzHarness.Kind, bytes: [UInt8], iteration: Int, started: Date)?
  private var running = true

  init(budget: Double, crashers: String) {
    self.budget = budget
    self.crashers = crashers
  }

  func begin(kind: FuzzHarness.Kind, bytes: [UInt8], iteration: Int) {
    lock.lock()
    current = (kind, bytes, iteration, Date())
    lock.unlock()
  }

  func end() {
    lock.lock()
    current = nil
    lock.unlock()
  }

  func stop() {
    lock.lock()
    running = false
    lock.unlock()
  }

  func start() {
    let thread = Thread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 0.1)
        lock.lock()
        let now = current
        let go = running
        lock.unlock()
        guard go else { return }
        if let now, Date().timeIntervalSince(now.started) > budget {
          let name = "\(now.kind.rawValue)-hang-\(now.iteration)"
          try? FileManager.default.createDirectory(atPath: crashers, withIntermediateDirectories: true)
          if !FileManager.default.createFile(atPath: crashers + "/" + name, contents: Data(now.bytes)) {
            print("bapas-fuzz: could not write \(crashers)/\(name).")
          }
          print(
            "bapas-fuzz: input #\(now.iteration) (\(now.kind.rawValue)) ran over the \(budget) s budget: a hang. Kept as \(crashers)/\(name)."
          )
          Platform.exitProcess(2)
        }
      }
    }
    thread.start()
  }
}
