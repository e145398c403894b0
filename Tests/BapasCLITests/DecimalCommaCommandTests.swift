import AssessmentEngine
import Testing

@testable import BapasCLI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Runs `arguments` (with `FILE` replaced by the input path) once on `plain` (`,` and decimal points)
/// and once on `indonesian` (`;` and decimal commas, with `--decimal-comma`), writing both to the same
/// path so that a path echoed in the output cannot differ.
private func bothSpellings(_ plain: String, _ indonesian: String, name: String = "input.csv", _ arguments: [String])
  throws
  -> (
    plain: (status: BapasExitStatus, stdout: String, stderr: String),
    indonesian: (status: BapasExitStatus, stdout: String, stderr: String)
  )
{
  let path = try temporaryFile(plain, name: name)
  let substituted = arguments.map { $0 == "FILE" ? path : $0 }
  let a = runBapas(substituted)
  try Data(indonesian.utf8).write(to: URL(fileURLWithPath: path))
  let b = runBapas(substituted + ["--decimal-comma"])
  return (a, b)
}

/// `--decimal-comma` (issue 14, item 3): a `;`-delimited Indonesian-locale spreadsheet reads exactly as
/// the same data written with `,` and `.`; the outputs are compared byte for byte.
@Suite("--decimal-comma")
struct DecimalCommaCommandTests {
  /// Real-valued scores with decimal commas; the grouping column's header holds two unquoted commas,
  /// as many as the line has semicolons, so detection without the flag would choose `,`.
  @Test func validateRiskReadsDecimalCommaScores() throws {
    let plain =
      "score,outcome,\"umur,kelompok,x\"\n12.5,1,a\n3.25,0,a\n7.5,1,b\n4,0,b\n9.75,1,a\n2.5,0,b\n6.5,0,a\n8.25,1,b\n"
    let indonesian =
      "score;outcome;umur,kelompok,x\n12,5;1;a\n3,25;0;a\n7,5;1;b\n4;0;b\n9,75;1;a\n2,5;0;b\n6,5;0;a\n8,25;1;b\n"
    for format in ["text", "json"] {
      let (a, b) = try bothSpellings(plain, indonesian, ["validate-risk", "FILE", "--format", format])
      #expect(a.status == .success && b.status == .success)
      #expect(Array(a.stdout.utf8) == Array(b.stdout.utf8))
      #expect(a.stderr == b.stderr)
      #expect(a.stdout.contains("umur,kelompok,x"))
    }
  }

  @Test func validateRiskRejectsADecimalPointUnderTheFlag() throws {
    let path = try temporaryFile("score;outcome\n12,5;1\n12.5;0\n3;0\n7;1\n2;0\n8;1\n")
    let r = runBapas(["validate-risk", path, "--decimal-comma"])
    #expect(r.status == .someRowsRejected)
    #expect(
      r.stderr.contains(
        "\(path):3:1: error: column 'score': the score is not a finite number written with a decimal comma (e.g. 12,5)")
    )
    #expect(r.stderr.contains("5 people analysed, 1 row left out."))
    // Without the flag the same `;` file is not read at all: unchanged behaviour.
    #expect(runBapas(["validate-risk", path]).status == .invalidDefinition)
  }

  /// Counts and ages are whole numbers; the flag changes the delimiter, and an age `30,0` stays an error.
  @Test func riskReadsASemicolonFileAndKeepsCountsWhole() throws {
    let header =
      "client,ch1,ch2,ch3,ap1,ap2,ac1,ac2,as1,as2,fm1,fm2,sw1,sw2,sw3,lr1,lr2,sa1,sa2,gender,ageGroup,age,responsivity"
    let k01 = "K-01,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,workingHours;travelCost"
    let plain = header + "\n" + k01 + "\n"
    let indonesian =
      header.replacingOccurrences(of: ",", with: ";") + "\n"
      + k01.replacingOccurrences(of: ",workingHours;travelCost", with: "").replacingOccurrences(of: ",", with: ";")
      + ";\"workingHours;travelCost\"\n"
    for format in ["text", "csv", "json"] {
      let (a, b) = try bothSpellings(
        plain, indonesian, ["risk", "FILE", "--instrument", "rnr8", "--plan", "--format", format])
      #expect(a.status == .success && b.status == .success)
      #expect(Array(a.stdout.utf8) == Array(b.stdout.utf8))
      #expect(a.stderr == b.stderr)
    }
    let path = try temporaryFile(
      header.replacingOccurrences(of: ",", with: ";") + "\n"
        + "K-01;1;no;1;0;no;1;0;1;no;3;no;yes;1;1;no;2;2;yes;male;adult;30,0;\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8", "--decimal-comma"])
    #expect(r.status == .someRowsRejected)
    #expect(r.stderr.contains("\(path):2:"))
    #expect(r.stderr.contains("column 'age': '30,0' is not an age in whole years."))
  }

  @Test func changeReadsASemicolonFile() throws {
    let pre = "id,item1,item2,item3\nA,1,2,2\nB,3,3,3\nC,2,4,5\n"
    let post = "id,item1,item2,item3\nA,2,2,3\nB,3,4,3\nC,5,4,5\n"
    let semicolons = { (s: String) in s.replacingOccurrences(of: ",", with: ";") }
    let prePath = try temporaryFile(pre, name: "pre.csv")
    let postPath = try temporaryFile(post, name: "post.csv")
    let arguments = [
      "change", prePath, postPath, "--id-column", "id", "--scale", "S=item1,item2,item3", "--min", "1", "--max", "5",
      "--reliability", "0.8", "--sd", "1.5",
    ]
    for format in ["csv", "json"] {
      let a = runBapas(arguments + ["--format", format])
      try Data(semicolons(pre).utf8).write(to: URL(fileURLWithPath: prePath))
      try Data(semicolons(post).utf8).write(to: URL(fileURLWithPath: postPath))
      let b = runBapas(arguments + ["--format", format, "--decimal-comma"])
      try Data(pre.utf8).write(to: URL(fileURLWithPath: prePath))
      try Data(post.utf8).write(to: URL(fileURLWithPath: postPath))
      #expect(a.status == .success && b.status == .success)
      #expect(Array(a.stdout.utf8) == Array(b.stdout.utf8))
      #expect(a.stderr == b.stderr)
    }
    // A comma cannot be both the delimiter and the decimal separator.
    #expect(runBapas(arguments + ["--decimal-comma", "--delimiter", ","]).status == .usage)
  }

  @Test func allianceReadsASemicolonFile() throws {
    let rows = [
      allianceHeader,
      row("K-01", "1", "2026-01-05", "klien", 4), row("K-01", "2", "2026-01-19", "klien", 4),
      row("K-01", "3", "2026-02-02", "klien", 5), row("K-01", "4", "2026-02-16", "klien", 3),
      row("K-01", "1", "2026-01-05", "pk", 3), row("K-01", "4", "2026-02-16", "pk", 3),
    ]
    let plain = rows.joined(separator: "\n") + "\n"
    let indonesian = rows.map { $0.replacingOccurrences(of: ",", with: ";") }.joined(separator: "\n") + "\n"
    for extra in [
      ["--table", "sessions"], ["--table", "dyads", "--reliability", "0.9", "--sd", "8"], ["--format", "json"],
    ] {
      let (a, b) = try bothSpellings(plain, indonesian, ["alliance", "FILE"] + allianceArguments + extra)
      #expect(a.status == .success && b.status == .success)
      #expect(Array(a.stdout.utf8) == Array(b.stdout.utf8))
      #expect(a.stderr == b.stderr)
      #expect(!a.stdout.isEmpty)
    }
  }
}
