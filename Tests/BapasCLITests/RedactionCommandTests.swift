import Foundation
import Testing

@testable import BapasCLI

/// `--redact` on every command: the sentinel id and cell text never reach stderr or JSON problems,
/// while file, line, column and the kind of problem stay. Without the flag the same messages do show
/// the values (so each test proves the value would otherwise leak).
@Suite("--redact on every command")
struct RedactionCommandTests {
  static let id = "NIK3171SECRET"
  static let cell = "CELLSECRET"

  static func both(_ args: [String]) -> (
    plain: (status: BapasExitStatus, stdout: String, stderr: String),
    redacted: (status: BapasExitStatus, stdout: String, stderr: String)
  ) {
    (runBapas(args), runBapas(args + ["--redact"]))
  }

  static func expectRedacted(
    _ r: (status: BapasExitStatus, stdout: String, stderr: String), keeps: [String], _ secrets: [String] = [id, cell]
  ) {
    for s in secrets {
      #expect(!r.stderr.contains(s), "stderr leaks \(s): \(r.stderr)")
    }
    for k in keeps { #expect(r.stderr.contains(k) || r.stdout.contains(k), "lost '\(k)': \(r.stderr)") }
  }

  @Test func score() throws {
    let path = try temporaryFile("id,item1,item2\n\(Self.id),1,\(Self.cell)\nB,1,9\n")
    let args = ["score", path, "--scale", "S=item1,item2", "--min", "1", "--max", "5", "--id-column", "id"]
    let (plain, redacted) = Self.both(args)
    #expect(plain.stderr.contains(Self.cell))
    Self.expectRedacted(
      redacted, keeps: [":2:", "error:", "is not a whole number", ":3:", "outside the response scale", "<redacted>"])
    #expect(redacted.status == plain.status)
    // JSON problems: the value field and the message are redacted, line and column stay.
    let json = runBapas(args + ["--format", "json", "--redact"])
    #expect(!json.stdout.contains(Self.cell) && json.stdout.contains("\"line\":2"))
    // The scores themselves are output data, not messages: still written.
    #expect(redacted.stdout.hasPrefix("id,S_sum"))
  }

  /// A file over the parser's parallel threshold (512 KiB): cells are read on worker threads, but
  /// messages are rendered afterwards under the run's redaction.
  @Test func scoreOnTheParallelPath() throws {
    var text = "id,item1,item2\n"
    for i in 0..<80_000 { text += "R\(i),1,2\n" }
    text += "\(Self.id),1,\(Self.cell)\n"
    for i in 0..<80_000 { text += "S\(i),3,4\n" }
    let path = try temporaryFile(text)
    let r = runBapas([
      "score", path, "--scale", "S=item1,item2", "--min", "1", "--max", "5", "--id-column", "id", "--redact",
    ])
    #expect(r.status == .someRowsRejected)
    Self.expectRedacted(r, keeps: [":80002:", "is not a whole number"])
  }

  @Test func reliability() throws {
    let path = try temporaryFile("item1,item2,item3\n1,2,3\n2,\(Self.cell),3\n3,3,3\n4,4,5\n")
    let (plain, redacted) = Self.both([
      "reliability", path, "--scale", "S=item1,item2,item3", "--min", "1", "--max", "5",
    ])
    #expect(plain.stderr.contains(Self.cell))
    Self.expectRedacted(redacted, keeps: [":3:", "is not a whole number"])
  }

  @Test func change() throws {
    let pre = try temporaryFile("id,item1\n\(Self.id),1\nB,2\n", name: "pre.csv")
    let post = try temporaryFile("id,item1\nB,2\n", name: "post.csv")
    let options = [
      "--id-column", "id", "--scale", "S=item1", "--min", "1", "--max", "5", "--reliability", "0.8", "--sd", "1",
    ]
    let (plain, redacted) = Self.both(["change", pre, post] + options)
    #expect(plain.stderr.contains(Self.id))
    Self.expectRedacted(redacted, keeps: ["pre.csv:2: warning: respondent <redacted> is not in"])
    // A duplicated id is an error naming both lines, not the id.
    let dup = try temporaryFile("id,item1\nB,2\n\(Self.id),3\n\(Self.id),4\n", name: "post.csv")
    let (plainDup, redactedDup) = Self.both(["change", pre, dup] + options)
    #expect(plainDup.stderr.contains(Self.id))
    Self.expectRedacted(
      redactedDup, keeps: ["post.csv:4: error: the id <redacted> in column 'id' appears more than once, on lines 3, 4"])
  }

  @Test func alliance() throws {
    let text =
      allianceHeader + "\n" + row(Self.id, "1", "2026-01-05", "klien", 4) + "\n"
      + row("K-2", Self.cell, "2026-01-05", "klien", 4) + "\n"
    let path = try temporaryFile(text)
    let (plain, redacted) = Self.both(["alliance", path] + allianceArguments)
    #expect(plain.stderr.contains(Self.cell))
    Self.expectRedacted(redacted, keeps: ["column 'sesi'", "is not a whole session number"])
    let json = runBapas(["alliance", path] + allianceArguments + ["--format", "json", "--redact"])
    #expect(!json.stdout.contains(Self.cell) && !json.stderr.contains(Self.cell))
  }

  @Test func risk() throws {
    let path = try temporaryFile("client,gender,ageGroup,ch1\n\(Self.id),\(Self.cell),adult,1\n")
    let (plain, redacted) = Self.both(["risk", path, "--instrument", "rnr8"])
    #expect(plain.stderr.contains(Self.cell))
    Self.expectRedacted(redacted, keeps: ["column 'gender'", ":2:"])
    let json = runBapas(["risk", path, "--instrument", "rnr8", "--format", "json", "--redact"])
    #expect(!json.stdout.contains(Self.cell))
  }

  @Test func validateRisk() throws {
    let path = try temporaryFile("score,outcome\n1,0\n2,1\n\(Self.cell),1\n3,0\n4,1\n")
    let (plain, redacted) = Self.both(["validate-risk", path])
    #expect(plain.stderr.contains(Self.cell))
    Self.expectRedacted(redacted, keeps: [":4:", "left out"])
  }

  @Test func exportResearch() throws {
    let bad = """
      [{"id": "CASE-\(Self.id)", "bapasCode": "B", "officerID": "1", "client": {"id": "\(Self.id)", "name": "N", "birthDate": "1990-01-01",
        "sex": "\(Self.cell)", "legalBasis": "asimilasi"}, "receivedOn": "2025-01-01", "guidancePeriod": {"start": "2025-01-01", "end": "2026-01-01"}}]
      """
    let path = try temporaryFile(bad, name: "cases.json")
    let args = ["export", "research", path, "--key-file", ExportFixtures.key, "--k", "2", "--as-of", "2026-01-01"]
    let (plain, redacted) = Self.both(args)
    #expect(plain.stderr.contains(Self.cell))
    Self.expectRedacted(redacted, keeps: ["$[0].client.sex", "is not a known Sex"])
    let json = runBapas(args + ["--format", "json", "--redact"])
    #expect(!json.stdout.contains(Self.cell) && json.stdout.contains("$[0].client.sex"))
  }

  @Test func assertive() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    var text = try String(
      contentsOf: root.appendingPathComponent("Documentation/Samples/assertive/group.json"), encoding: .utf8)
    if let first = text.range(of: "\"facilitator\": \"PK-0001\"") {
      text.replaceSubrange(first, with: "\"facilitator\": \"\(Self.id)\"")
    }
    #expect(text.contains(Self.id))
    let path = try temporaryFile(text, name: "group.json")
    let (plain, redacted) = Self.both(["assertive", "report", path])
    #expect(plain.stderr.contains(Self.id))
    Self.expectRedacted(
      redacted, keeps: ["warning: the facilitator <redacted> is not listed", "sessions[0].facilitator"])
  }

  /// The flag is listed in every command's help, and `--` ends it like any option.
  @Test func listedInHelpAndEndedByDoubleDash() {
    for command in BapasCommandLine.subcommands {
      #expect(command.spec.helpText.contains("--redact"), "\(command.spec.name)")
    }
    let r = runBapas(["score", "--scale", "S=a", "--min", "1", "--max", "5", "--", "--redact"])
    #expect(r.stderr.contains("--redact: error: cannot read the file"))  // a file name after `--`
  }
}
