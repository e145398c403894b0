import Foundation
import Testing

@testable import BapasCLI

/// Regression tests for the bad-input campaign of issue 12: each test is named after the defect and
/// runs its reproducer in process.
@Suite("Bad input: never destroy, never hang, never crash")
struct BadInputRegressionTests {
  static let quick = ["--scale", "X=a,b", "--min", "1", "--max", "5"]

  func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  func directoryListing(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).sorted()
  }

  // MARK: Data loss

  @Test func outputSameAsInputIsRefusedAndTheInputStaysByteIdentical() throws {
    let text = "a,b\n1,2\n3,4\n"
    let path = try temporaryFile(text)
    let before = try bytes(path)
    for command in [["score", path] + Self.quick, ["reliability", path] + Self.quick] {
      let r = runBapas(command + ["--output", path])
      #expect(r.status == .usage, "\(command[0])")
      #expect(r.stderr.contains("is the input file"))
      #expect(try bytes(path) == before)
    }
    // change: the second input; validate-risk and risk: read-then-write commands.
    let r = runBapas(
      ["change", path, path, "--id-column", "a", "--reliability", "0.8", "--sd", "2", "--output", path] + Self.quick)
    #expect(r.status == .usage)
    #expect(try bytes(path) == before)
    let validation = try temporaryFile("score,outcome\n1,0\n2,1\n")
    let v = try bytes(validation)
    #expect(runBapas(["validate-risk", validation, "--output", validation]).status == .usage)
    #expect(try bytes(validation) == v)
    #expect(try directoryListing(validation) == ["input.csv"])
  }

  @Test func outputThroughASymlinkOrAnotherSpellingOfTheInputIsRefused() throws {
    let path = try temporaryFile("a,b\n1,2\n")
    let before = try bytes(path)
    let directory = (path as NSString).deletingLastPathComponent
    let link = directory + "/link.csv"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    #expect(runBapas(["score", link, "--output", path] + Self.quick).status == .usage)
    #expect(runBapas(["score", path, "--output", link] + Self.quick).status == .usage)
    #expect(
      runBapas(
        ["score", path, "--output", directory + "/./../" + (directory as NSString).lastPathComponent + "/input.csv"]
          + Self.quick
      ).status == .usage)
    #expect(try bytes(path) == before)
    // An --instrument definition file is an input too.
    let definition = try temporaryFile(#"{"id": "x"}"#, name: "def.json")
    #expect(runBapas(["score", path, "--instrument", definition, "--output", definition]).status == .usage)
  }

  @Test func failingRunLeavesAnExistingOutputUnchanged() throws {
    let output = try temporaryFile("precious results\n", name: "out.csv")
    let before = try bytes(output)
    // A header error (the scale's columns are missing) …
    let wrongHeader = ((output as NSString).deletingLastPathComponent as NSString).appendingPathComponent("wrong.csv")
    try Data("p,q\n1,2\n".utf8).write(to: URL(fileURLWithPath: wrongHeader))
    #expect(runBapas(["score", wrongHeader, "--output", output] + Self.quick).status == .unreadableInput)
    #expect(try bytes(output) == before)
    // … a missing input, and a definition error after the output was opened.
    #expect(runBapas(["score", "/nonexistent/in.csv", "--output", output] + Self.quick).status == .unreadableInput)
    #expect(
      runBapas(["risk", "/nonexistent/in.csv", "--instrument", "rnr8", "--output", output]).status == .unreadableInput)
    #expect(try bytes(output) == before)
    // No temporary file is left beside the target.
    #expect(try directoryListing(output) == ["out.csv", "wrong.csv"])
  }

  @Test func successfulRunReplacesTheOutputAndDashMeansStandardOutput() throws {
    let input = try temporaryFile("a,b\n1,2\n")
    let output = ((input as NSString).deletingLastPathComponent as NSString).appendingPathComponent("scores.csv")
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: output))
    #expect(runBapas(["score", input, "--output", output] + Self.quick).status == .success)
    #expect(String(decoding: try bytes(output), as: UTF8.self) == "X_sum,X_mean,X_missing\n3,1.5,0\n")
    #expect(try directoryListing(output) == ["input.csv", "scores.csv"])
    let r = runBapas(["score", input, "--output", "-"] + Self.quick)
    #expect(r.stdout == "X_sum,X_mean,X_missing\n3,1.5,0\n")
  }

  @Test func outputInAMissingDirectoryIsExit73() throws {
    let input = try temporaryFile("a,b\n1,2\n")
    let r = runBapas(["score", input, "--output", "/nonexistent-dir/out.csv"] + Self.quick)
    #expect(r.status == .cannotCreateOutput)
  }

  // MARK: Hangs

  @Test func loneCRBeforeAQuoteDoesNotHang() throws {
    let path = try temporaryFile("a,b\n\r\"1\",2\n")
    let r = runBapas(["score", path] + Self.quick)
    #expect(r.status == .success)
    #expect(r.stdout == "X_sum,X_mean,X_missing\n3,1.5,0\n")
    #expect(runBapas(["reliability", path] + Self.quick).status != .software)
    #expect(
      runBapas(["change", path, path, "--id-column", "a", "--reliability", "0.8", "--sd", "2"] + Self.quick).status
        != .software)
    let sessions = try temporaryFile("id,s,a,b\n\r\"k\",1,2,3\n\r\"k\",2,3,4\n")
    #expect(
      runBapas(["alliance", sessions, "--id-column", "id", "--session-column", "s"] + Self.quick).status != .software)
  }

  @Test func lfcrFileWithQuotedIdsDoesNotHangAndIdsGainNoCR() throws {
    let path = try temporaryFile("id,a,b\n\r\"x\",1,2\n\r\"y\",3,4\n\ry,5,5\n\r")
    let r = runBapas(["score", path, "--id-column", "id"] + Self.quick)
    #expect(r.status == .success)
    #expect(r.stdout == "id,X_sum,X_mean,X_missing\nx,3,1.5,0\ny,7,3.5,0\ny,10,5,0\n")
  }

  // MARK: Crashes

  @Test func validateRiskWithOneColumnIsAHeaderErrorNotAnIndexOutOfRange() throws {
    let path = try temporaryFile("score\n1\n")
    let r = runBapas(["validate-risk", path])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains(":1:1: error: the header must begin with 'score,outcome'"))
    let semicolons = try temporaryFile("score;outcome\n1;0\n2;1\n")
    let s = runBapas(["validate-risk", semicolons])
    #expect(s.status == .invalidDefinition)
    #expect(s.stderr.contains("separated by ';'"))
  }

  @Test func hugeMinMaxIsAUsageErrorInEveryCommand() throws {
    let path = try temporaryFile("id,s,a,b\nk,1,1,2\n")
    let scale = ["--scale", "X=a,b", "--min", "-1", "--max", "9223372036854775807"]
    #expect(runBapas(["score", path] + scale).status == .usage)
    #expect(runBapas(["reliability", path] + scale).status == .usage)
    #expect(runBapas(["change", path, path, "--id-column", "id"] + scale).status == .usage)
    #expect(runBapas(["alliance", path, "--id-column", "id", "--session-column", "s"] + scale).status == .usage)
    let extremes = ["--scale", "X=a,b", "--min", "-9223372036854775808", "--max", "9223372036854775807"]
    #expect(runBapas(["score", path] + extremes).status == .usage)
  }

  @Test func prorate1e19IsAUsageError() throws {
    let path = try temporaryFile("id,s,a,b\nk,1,1,2\n")
    for extra in [
      ["score", path], ["change", path, path, "--id-column", "id"],
      ["alliance", path, "--id-column", "id", "--session-column", "s"],
    ] {
      let r = runBapas(extra + Self.quick + ["--prorate", "1e19"])
      #expect(r.status == .usage, "\(extra[0])")
      #expect(r.stderr.contains("'--prorate'"))
    }
    #expect(runBapas(["score", path, "--prorate", "1e300"] + Self.quick).status == .usage)
  }

  @Test func hugeDeclineSessionsIsAUsageError() throws {
    let items = (1...12).map { "item\($0)" }.joined(separator: ",")
    let rows = (1...4).map { s in "k,\(s)," + Array(repeating: String(6 - s), count: 12).joined(separator: ",") }
    let path = try temporaryFile("id,s,\(items)\n" + rows.joined(separator: "\n") + "\n")
    let base = ["alliance", path, "--id-column", "id", "--session-column", "s", "--instrument", "wai-sr"]
    #expect(runBapas(base + ["--decline-sessions", "9223372036854775807"]).status == .usage)
    #expect(runBapas(base + ["--repair-within", "9223372036854775807"]).status == .usage)
    #expect(runBapas(base + ["--decline-sessions", "100000"]).status == .success)
    #expect(runBapas(base + ["--repair-within", "100000"]).status == .success)
  }

  // MARK: Wrong or misleading

  @Test func riskReadsCRLFAndAByteOrderMark() throws {
    let csv = "\u{FEFF}client,ch1,ch2\r\nK-1,1,no\r\nK-2,2,yes\r\n"
    let path = try temporaryFile(csv)
    let r = runBapas(["risk", path, "--instrument", "rnr8", "--format", "csv"])
    #expect(!r.stderr.contains("first column must be"))
    #expect(r.stderr.contains("2 of 2 clients") || r.stderr.contains("clients scored"))
    #expect(!r.stderr.contains("\u{FEFF}"))
  }

  @Test func validateRiskReadsABOMAndCROnlyLineEnds() throws {
    let rows = ["score,outcome", "1,0", "2,0", "3,1", "4,1", "5,1", "0,0"]
    for (name, text) in [
      ("bom", "\u{FEFF}" + rows.joined(separator: "\n") + "\n"), ("cr", rows.joined(separator: "\r")),
      ("lfcr", rows.joined(separator: "\n\r")),
    ] {
      let path = try temporaryFile(text)
      let r = runBapas(["validate-risk", path])
      #expect(r.status == .success, "\(name): \(r.stderr)")
      #expect(r.stdout.contains("6 people, 3 with the outcome, 3 without"), "\(name)")
    }
  }

  @Test func crOnlyResponseFileIsScored() throws {
    let path = try temporaryFile("a,b\r1,2\r3,4\r")
    let r = runBapas(["score", path] + Self.quick)
    #expect(r.status == .success)
    #expect(r.stdout == "X_sum,X_mean,X_missing\n3,1.5,0\n7,3.5,0\n")
  }

  @Test func headerCaseMismatchSuggestsTheColumn() throws {
    let path = try temporaryFile("ITEM1,b\n1,2\n")
    let r = runBapas(["score", path, "--scale", "X=item1,b", "--min", "1", "--max", "5"])
    #expect(r.status == .unreadableInput)
    #expect(r.stderr.contains("'item1' (did you mean 'ITEM1'?)"))
  }

  @Test func missingTokenInsideTheScaleWarns() throws {
    let path = try temporaryFile("a,b\n3,2\n")
    let r = runBapas(["score", path, "--missing", "3"] + Self.quick)
    #expect(r.stderr.contains("warning: the --missing token '3' is an answer on the response scale 1…5"))
  }

  @Test func riskChildAged40IsRejected() throws {
    let path = try temporaryFile("client,ch1,ageGroup,age\nK-1,1,child,40\nK-2,1,adult,40\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(r.status == .someRowsRejected)
    #expect(r.stderr.contains(":2:7: error: ageGroup 'child' contradicts age 40"))
    let json = try temporaryFile(#"[{"client": "K-1", "ageGroup": "child", "age": 40, "answers": {}}]"#, name: "a.json")
    #expect(
      runBapas(["risk", json, "--instrument", "rnr8"]).stderr.contains(
        "$[0].ageGroup: ageGroup 'child' contradicts age 40"))
  }

  @Test func changeDoesNotPairEmptyIds() throws {
    let pre = try temporaryFile("id,a,b\n,1,2\nk,1,1\n")
    let post = try temporaryFile("id,a,b\n,5,5\nk,2,2\n", name: "post.csv")
    let r = runBapas(["change", pre, post, "--id-column", "id", "--reliability", "0.8", "--sd", "2"] + Self.quick)
    #expect(r.status == .someRowsRejected)
    #expect(r.stdout.split(separator: "\n").count == 2)  // header + k
    #expect(r.stderr.contains(":2: warning: the id in column 'id' is empty; the row is not paired."))
  }

  @Test func readmeChangeExampleGivesRCIForTheNamedScaleOnly() throws {
    let pre = try temporaryFile(
      "respondent," + (1...12).map { "item\($0)" }.joined(separator: ",") + "\nr1,"
        + Array(repeating: "2", count: 12).joined(separator: ",") + "\n")
    let post = try temporaryFile(
      "respondent," + (1...12).map { "item\($0)" }.joined(separator: ",") + "\nr1,"
        + Array(repeating: "4", count: 12).joined(separator: ",") + "\n", name: "post.csv")
    let r = runBapas([
      "change", pre, post, "--id-column", "respondent", "--instrument", "wai-sr", "--reliability", "Total=0.85", "--sd",
      "Total=6.2", "--metric", "sum",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    #expect(r.stderr.contains("warning: scale 'Goal': no RCI"))
    // Total: 24 → 48, SEM = 6.2·√0.15, S_diff = √2·SEM, RCI = 24 / S_diff.
    let sdiff = (2.0 * 6.2 * 6.2 * 0.15).squareRoot()
    #expect(r.stdout.contains("Total_pre,Total_post,Total_change,Total_rci"))
    #expect(r.stdout.contains(",24,48,24,\(24 / sdiff),improved,"))
  }

  @Test func validateRiskBandColumnThatIsNotThereIsAUsageError() throws {
    let path = try temporaryFile("score,outcome,band\n1,0,low\n2,1,high\n")
    let r = runBapas(["validate-risk", path, "--band-column", "nope"])
    #expect(r.status == .usage)
    #expect(r.stderr.contains("'--band-column nope': the file has no such column"))
  }

  @Test func duplicateGroupingColumnsAreAHeaderError() throws {
    let path = try temporaryFile("score,outcome,g,g\n1,0,a,b\n2,1,a,b\n")
    let r = runBapas(["validate-risk", path])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains(":1:17: error: column 'g': the column name appears twice"))
  }

  @Test func controlCharactersInCellsAreQuotedInMessages() throws {
    let path = try temporaryFile("a,b\n\u{1B}[2J,2\n")
    let r = runBapas(["score", path] + Self.quick)
    #expect(r.status == .someRowsRejected)
    #expect(!r.stderr.contains("\u{1B}"))
    #expect(r.stderr.contains("'\\e[2J'"))
  }

  @Test func jsonSyntaxErrorsGiveLineAndColumnAndNoSwiftInternals() throws {
    let definition = try temporaryFile("{\n  \"id\": \"x\",\n  \"items\": [1 2]\n}\n", name: "def.json")
    let r = runBapas(["score", definition, "--instrument", definition])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains("line 3, column 15: expected ',' or ']' after an array element, found '2'"))
    let huge = try temporaryFile(#"{"id": 1e999}"#, name: "huge.json")
    let h = runBapas(["score", huge, "--instrument", huge])
    #expect(!h.stderr.contains("Swift") && h.stderr.contains("too large"))
  }

  @Test func duplicateJSONKeysAreRefusedNamingBoth() throws {
    let path = try temporaryFile(
      "{\"clients\": [{\"client\": \"A\", \"client\": \"B\", \"answers\": {}}]}", name: "a.json")
    let r = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(r.status == .invalidDefinition)
    #expect(
      r.stderr.contains("the key 'client' appears twice in one object, at line 1, column 15 and line 1, column 30"))
  }

  @Test func helpListsVersionExitCodesAndAnExample() throws {
    let top = runBapas(["--help"]).stdout
    #expect(top.contains("--version") && top.contains("73") && top.contains("74") && top.contains("EXAMPLE:"))
    for name in CommandExamples.byCommand.keys {
      #expect(runBapas([name, "--help"]).stdout.contains("\nEXAMPLE:\n  bapas \(name)"), "\(name)")
    }
  }
}
