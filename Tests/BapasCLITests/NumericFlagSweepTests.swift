import Foundation
import Testing

@testable import BapasCLI

/// Issue 13, item 6: every numeric flag of every command, given a hostile number (NaN, infinities,
/// 1e300, the 64-bit integer limits and one past them), ends in a typed usage error (exit 64, an
/// `Error:` line naming the option, the usage line) or a defined success — never a trap (which
/// would end this test process) and never an internal error.
@Suite("Numeric flags: overflow, NaN and infinity")
struct NumericFlagSweepTests {
  static let hostile = [
    "nan", "inf", "-inf", "1e300", "-9223372036854775808", "9223372036854775808", "9223372036854775807", "1e-320",
  ]

  /// One command line that runs, and the numeric flags it takes with where each value goes.
  struct Case: CustomStringConvertible, Sendable {
    var command: String
    var base: [String]
    /// The flag and how a value becomes its argument(s) (`--norms functional=V,1`).
    var flag: String
    var argument: @Sendable (String) -> String = { $0 }
    /// Whether `base` runs without the flag (not so when the flag is required, as '--min' with '--scale').
    var baseRuns = true
    var description: String { "\(command) --\(flag)" }
  }

  static let responses = "id,s,item1,item2\nA,1,1,2\nA,2,2,3\nA,3,3,3\nB,1,4,5\nB,2,2,2\nB,3,5,4\n"
  static let scale = ["--scale", "S=item1,-item2"]
  static let minMax = ["--min", "1", "--max", "5"]

  /// Every numeric flag by command (`bapas <command> --help` lists them).
  static func cases(files: (responses: String, log: String, validation: String)) -> [Case] {
    let r = files.responses
    var out: [Case] = []
    func add(_ command: String, _ base: [String], _ flags: [String], required: Bool = false) {
      for f in flags { out.append(Case(command: command, base: [command] + base, flag: f, baseRuns: !required)) }
    }
    let score = [r] + scale + minMax
    add("score", score, ["prorate"])
    out.append(Case(command: "score", base: ["score", r] + scale + ["--max", "5"], flag: "min", baseRuns: false))
    out.append(Case(command: "score", base: ["score", r] + scale + ["--min", "1"], flag: "max", baseRuns: false))
    out.append(Case(command: "score", base: ["score"] + score, flag: "label", argument: { "sangat=\($0)" }))
    let reliability = [r] + scale + minMax
    add("reliability", reliability, ["bootstrap", "seed"])
    out.append(
      Case(command: "reliability", base: ["reliability", r] + scale + ["--max", "5"], flag: "min", baseRuns: false))
    let change = [r, r, "--id-column", "id"] + scale + minMax
    add("change", change + ["--sd", "1"], ["reliability"], required: true)
    add("change", change + ["--reliability", "0.8"], ["sd"], required: true)
    add("change", change + ["--reliability", "0.8", "--sd", "1"], ["criterion", "prorate"])
    out.append(
      Case(
        command: "change", base: ["change"] + change + ["--reliability", "0.8", "--sd", "1"], flag: "norms",
        argument: { "functional=\($0),1" }))
    out.append(
      Case(
        command: "change", base: ["change"] + change + ["--reliability", "0.8", "--sd", "1"], flag: "norms",
        argument: { "dysfunctional=3,\($0)" }))
    let alliance = [r, "--id-column", "id", "--session-column", "s"] + scale + minMax
    add(
      "alliance", alliance,
      [
        "early", "prorate", "reliability", "rupture-sds", "rupture-sd", "repair-within", "repair-fraction",
        "decline-sessions", "decline-points",
      ])
    add("alliance", alliance + ["--reliability", "0.8"], ["sd"])
    add(
      "audit", ["verify", files.log, "--expect-head", String(repeating: "0", count: 64)], ["expect-count"],
      required: true)
    add(
      "export", ["research", ExportFixtures.cases, "--key-file", ExportFixtures.key, "--as-of", "2026-01-01"], ["k"],
      required: true)
    add("validate-risk", [files.validation], ["confidence"])
    out.append(
      Case(
        command: "validate-risk", base: ["validate-risk", files.validation], flag: "expected-rates",
        argument: { "low=\($0),high=0.5" }))
    return out
  }

  static func files() throws -> (responses: String, log: String, validation: String) {
    (
      try temporaryFile(responses, name: "responses.csv"), try temporaryFile("", name: "audit.jsonl"),
      try temporaryFile("score,outcome,band\n1,0,low\n2,0,low\n3,1,high\n4,1,high\n5,0,high\n", name: "v.csv")
    )
  }

  @Test func everyNumericFlagTakesEveryHostileNumberWithoutATrap() throws {
    let files = try Self.files()
    let cases = Self.cases(files: files)
    #expect(cases.count >= 25)
    for c in cases {
      // The base line runs (so the flag is reached, not cut short by another mistake).
      if c.baseRuns {
        let plain = runBapas(c.base)
        #expect(plain.status != .usage && plain.status != .software, "\(c): \(plain.status) \(plain.stderr)")
      }
      for value in Self.hostile {
        let r = runBapas(c.base + ["--\(c.flag)", c.argument(value)])
        #expect(
          [.usage, .success, .someRowsRejected, .invalidDefinition].contains(r.status),
          "\(c) \(value): status \(r.status) \(r.stderr)")
        if r.status == .usage {
          #expect(r.stderr.hasPrefix("Error: "), "\(c) \(value): \(r.stderr)")
          #expect(r.stderr.contains("--\(c.flag)"), "\(c) \(value): \(r.stderr)")
          #expect(r.stderr.contains("Usage: bapas \(c.command)"), "\(c) \(value): \(r.stderr)")
        }
      }
    }
  }

  /// The two crashes issue 13 names, and the non-finite numbers, are refused by name.
  @Test(arguments: [
    ["--min", "-9223372036854775808", "--max", "9223372036854775807"], ["--min", "1", "--max", "nan"],
    ["--min", "1", "--max", "5", "--prorate", "1e300"], ["--min", "1", "--max", "5", "--prorate", "nan"],
    ["--min", "1", "--max", "5", "--prorate", "-inf"],
  ])
  func namedCrashesAreUsageErrors(_ flags: [String]) throws {
    let path = try temporaryFile(Self.responses)
    let r = runBapas(["score", path] + Self.scale + flags)
    #expect(r.status == .usage, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("Error: "))
  }
}
