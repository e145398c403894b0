import Foundation
import Testing

/// Runs the built `bapas` executable as a separate process (issue 13): exit statuses, standard output
/// and error, and files written, as a user's shell sees them. Everything else tests `BapasCLI`
/// in-process; this target checks the thin `main` and the real file descriptors.
///
/// The executable is found beside the test bundle (`swift build`/`swift test` put both in
/// `.build/<configuration>/`), else in `.build/debug/` of the package. The tests fail, rather than
/// skip, when it is absent: `swift test` always builds it.
@Suite("bapas as a process")
struct BapasProcessTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var executable: URL? {
    var candidates: [URL] = []
    if let first = CommandLine.arguments.first {
      var dir = URL(fileURLWithPath: first).deletingLastPathComponent()
      // On Darwin the runner sits inside `X.xctest/Contents/MacOS/`.
      for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent("bapas"))
        dir = dir.deletingLastPathComponent()
      }
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/bapas"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `bapas` with `arguments` in the package root, standard input empty.
  static func bapas(_ arguments: [String]) throws -> Run {
    let exe = try #require(executable, "the bapas executable was not found beside the test bundle or in .build/debug")
    let process = Process()
    process.executableURL = exe
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bapas-process-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The README's main job: exit 0, the scores on stdout, the summary on stderr.
  @Test func readmeCommandScoresTheSample() throws {
    let r = try Self.bapas([
      "score", "Samples/wai-sr-sample.csv", "--instrument", "wai-sr", "--id-column", "respondent",
    ])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("respondent,Goal_sum,Goal_mean,Goal_missing,") == true)
    #expect(lines.count == 25)  // header + 24 clients
    #expect(r.stderr.hasPrefix("bapas score: 24 of 24 rows scored"))
  }

  /// Bad rows: exit 1, each reported as `file:line:column: error:` on stderr, the others written.
  @Test func badRowsExitOneAndAreReportedOnStderr() throws {
    let r = try Self.bapas([
      "score", "Samples/wai-sr-bad-rows.csv", "--instrument", "wai-sr", "--id-column", "respondent",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("Samples/wai-sr-bad-rows.csv:7:1: error: the row has 6 fields; the header has 14."))
    #expect(r.stdout.split(separator: "\n").count == 7)  // header + 6 scored rows
    #expect(!r.stdout.contains("error"))
  }

  /// Usage errors exit 64; an unreadable input exits 66; nothing goes to stdout.
  @Test func usageAndUnreadableInput() throws {
    let usage = try Self.bapas(["score", "Samples/wai-sr-sample.csv", "--instrument", "wai-sr", "--no-such-flag"])
    #expect(usage.status == 64 && usage.stdout.isEmpty && !usage.stderr.isEmpty)
    let missing = try Self.bapas(["score", "Samples/no-such-file.csv", "--instrument", "wai-sr"])
    #expect(missing.status == 66 && missing.stdout.isEmpty && missing.stderr.contains("no-such-file.csv"))
  }

  /// The two argument crashes of issue 13 and a non-finite flag, through the real executable: exit 64
  /// with the `Error:` and `Usage:` lines, never a signal (a trap would end the process with SIGILL or
  /// SIGTRAP, which `terminationStatus` reports as something other than 64).
  @Test(arguments: [
    ["--scale", "S=Q1,Q2", "--min", "-9223372036854775808", "--max", "9223372036854775807"],
    ["--instrument", "wai-sr", "--prorate", "1e300"], ["--instrument", "wai-sr", "--prorate", "nan"],
  ])
  func hostileNumbersAreUsageErrors(_ flags: [String]) throws {
    let r = try Self.bapas(["score", "Samples/wai-sr-sample.csv"] + flags)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stdout.isEmpty && r.stderr.hasPrefix("Error: ") && r.stderr.contains("\nUsage: bapas score "))
  }

  /// `--output` writes the file (same bytes as stdout would carry) and leaves stdout empty.
  @Test func outputFileIsWritten() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("scores.csv")
    try Data("an older file\n".utf8).write(to: target)
    let args = ["score", "Samples/wai-sr-sample.csv", "--instrument", "wai-sr", "--id-column", "respondent"]
    let toFile = try Self.bapas(args + ["--output", target.path])
    #expect(toFile.status == 0 && toFile.stdout.isEmpty)
    let written = try String(contentsOf: target, encoding: .utf8)
    #expect(written == (try Self.bapas(args)).stdout)
    // No temporary file is left beside the target.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["scores.csv"])
  }

  /// An `--output` that names the input is refused (exit 64) and the input is left byte for byte.
  @Test func outputNamingTheInputIsRefused() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("responses.csv")
    let original = try Data(contentsOf: Self.packageRoot.appendingPathComponent("Samples/wai-sr-sample.csv"))
    try original.write(to: input)
    let r = try Self.bapas([
      "score", input.path, "--instrument", "wai-sr", "--id-column", "respondent", "--output", input.path,
    ])
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty && r.stderr.contains("responses.csv"))
    #expect(try Data(contentsOf: input) == original)
  }
}
