import AssessmentEngine
import Foundation
import Testing

@testable import BapasCLI

/// Issue 13, item 5: every `bapas` diagnostic is a ``CLIError`` (what, where, why, suggestion, exit
/// status) written by one renderer. One test per family: the rendered text with its location
/// fields, the JSON problem form, and `--redact` (the reason is rendered when written, so one value
/// renders both ways).
@Suite("CLI errors: typed, rendered once")
struct CLIErrorTests {
  static func json(_ e: CLIError) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(CLIErrorRenderer.json(e).utf8)) as? [String: Any])
  }

  // MARK: Command-line mistakes

  @Test func usageErrorRendersReasonSuggestionAndUsageLine() throws {
    let r = runBapas(["score", "x.csv", "--fromat", "csv"])
    #expect(r.status == .usage)
    #expect(
      r.stderr
        == "Error: Unknown option '--fromat'. Did you mean '--format'?\nUsage: \(ScoreCommand.spec.usageLine)\n  See 'bapas score --help' for more information.\n"
    )
    let e = CLIError(.unknownOption("--fromat", suggestion: "--format"), usage: ScoreCommand.spec)
    #expect(e.code == .unknownOption && e.status == .usage && e.location.option == "fromat")
    #expect(CLIErrorRenderer.text(e) == r.stderr)
    let object = try Self.json(e)
    #expect(object["code"] as? String == "unknownOption")
    #expect(object["status"] as? Int == 64)
    #expect(object["option"] as? String == "fromat")
    #expect(object["suggestion"] as? String == "--format")
    #expect(object["message"] as? String == "Unknown option '--fromat'. Did you mean '--format'?")
  }

  @Test func optionMisuseNamesItsOptions() throws {
    let path = try temporaryFile("item1,item2\n1,2\n")
    let r = runBapas(["score", path, "--scale", "S=item1,item2", "--min", "5", "--max", "1"])
    #expect(r.status == .usage)
    #expect(r.stderr.hasPrefix("Error: '--min' (5) must be less than '--max' (1).\nUsage: bapas score "))
    let e = CLIError(.optionMisuse(options: ["min", "max"], why: "x"), usage: nil)
    #expect(e.code == .optionMisuse && e.location.option == "min max" && e.usage == nil)
    // A repeated option is its own kind now (it was free text).
    let twice = runBapas(["score", path, "--min", "1", "--min", "2"])
    #expect(twice.stderr.hasPrefix("Error: The option '--min' was given more than once."))
  }

  @Test func unknownTopLevelSubcommand() {
    let r = runBapas(["scroe"])
    #expect(
      r.stderr
        == "Error: Unknown subcommand 'scroe'. Did you mean 'score'?\nUsage: bapas <subcommand> [<options>]; see 'bapas --help'.\n"
    )
    #expect(r.status == .usage)
  }

  // MARK: Response tables (CSV and SPSS)

  static let secret = "CELLSECRET"

  @Test func csvIssueKeepsLineColumnFieldAndRendersLikeTheLibrary() throws {
    let issue = InputIssue(line: 8, column: 11, field: 3, columnName: "item2", value: Self.secret, kind: .notAnInteger)
    let e = CLIError(issue, file: "f.csv")
    #expect(e.location == .init(file: "f.csv", line: 8, column: 11, columnName: "item2", field: 3))
    #expect(e.code == .invalidRecord && e.status == .someRowsRejected)
    #expect(CLIErrorRenderer.line(e) == issue.rendered(file: "f.csv"))
    #expect(
      CLIErrorRenderer.text(e)
        == "f.csv:8:11: error: column 'item2': the value 'CELLSECRET' is not a whole number or a missing-value token. The row is rejected.\n"
    )
    let object = try Self.json(e)
    #expect(object["line"] as? Int == 8 && object["column"] as? Int == 11 && object["field"] as? Int == 3)
    #expect(object["columnName"] as? String == "item2" && object["value"] as? String == Self.secret)
    #expect(object["file"] as? String == "f.csv" && object["code"] as? String == "invalidRecord")
    // Built at full detail, rendered redacted: the reason is produced when written.
    let redacted = Redaction.rendering(.redacted) { CLIErrorRenderer.text(e) }
    #expect(redacted.hasPrefix("f.csv:8:11: error: column 'item2': the value <redacted> is not"))
    #expect(!redacted.contains(Self.secret))
    let redactedJSON = Redaction.rendering(.redacted) { CLIErrorRenderer.json(e) }
    #expect(!redactedJSON.contains(Self.secret) && redactedJSON.contains("\"line\":8"))
  }

  @Test func headerIssueIsFatalAndCarriesItsSuggestion() {
    let issue = InputIssue(line: 1, column: 1, value: "ID", kind: .missingIDColumn("id"))
    let e = CLIError(issue, file: "f.csv")
    #expect(e.code == .unreadableTable && e.status == .unreadableInput)
    #expect(e.suggestion == "ID")
    // The library's sentence already says "Did you mean"; the renderer does not say it twice.
    let text = CLIErrorRenderer.text(e)
    #expect(text.components(separatedBy: "Did you mean").count == 2)
    #expect(CLIErrorRenderer.line(e) == issue.rendered(file: "f.csv"))
  }

  @Test func spssIssuesKeepByteOffsetOrCaseAndVariable() throws {
    var corrupt = InputIssue(line: 3000, column: 0, kind: .corruptFile(reason: "the file ends early"))
    corrupt.source = .systemFile
    let c = CLIError(corrupt, file: "x.sav", status: .unreadableInput)
    #expect(c.location.byteOffset == 3000 && c.location.line == nil)
    #expect(CLIErrorRenderer.text(c) == "x.sav: byte 3000: error: the file ends early.\n")
    #expect(CLIErrorRenderer.line(c) == corrupt.rendered(file: "x.sav"))
    #expect(try Self.json(c)["byteOffset"] as? Int == 3000)

    var cell = InputIssue(line: 4, column: 2, field: 2, columnName: "q2", value: "9", kind: .notAnInteger)
    cell.source = .systemFile
    let e = CLIError(cell, file: "x.sav")
    #expect(e.location.caseNumber == 4 && e.location.variable == 2)
    #expect(CLIErrorRenderer.line(e) == cell.rendered(file: "x.sav"))
    #expect(CLIErrorRenderer.text(e).hasPrefix("x.sav: case 4, variable 2: error: column 'q2':"))
    let object = try Self.json(e)
    #expect(object["case"] as? Int == 4 && object["variable"] as? Int == 2 && object["line"] == nil)
  }

  @Test func scoreJSONIssuesUseTheSharedProblemForm() throws {
    let path = try temporaryFile("id,item1,item2\nA,1,\(Self.secret)\nB,1,2\n")
    let args = ["score", path, "--scale", "S=item1,item2", "--min", "1", "--max", "5", "--format", "json"]
    let r = runBapas(args)
    let document = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let issues = try #require(document["issues"] as? [[String: Any]])
    #expect(issues.count == 1)
    let issue = issues[0]
    #expect(issue["line"] as? Int == 2 && issue["column"] as? Int == 5 && issue["columnName"] as? String == "item2")
    #expect(issue["code"] as? String == "invalidRecord" && issue["file"] as? String == path)
    #expect(issue["value"] as? String == Self.secret)
    // The same message stderr printed after "error: ".
    let message = try #require(issue["message"] as? String)
    #expect(r.stderr.contains("\(path):2:5: error: \(message)"))
    let redacted = runBapas(args + ["--redact"])
    #expect(!redacted.stdout.contains(Self.secret) && redacted.stdout.contains("\"line\":2"))
  }

  @Test func allianceJSONListsEveryProblemInTheSharedForm() throws {
    let path = try temporaryFile("id,s,i1,i2,i3\nA,1,1,2,3\nA,x,2,3,3\nA,2,9,3,3\nA,3,3,3,3\n")
    let scales = ["Goal=i1", "Task=i2", "Bond=i3", "Total=i1,i2,i3"].flatMap { ["--scale", $0] }
    let r = runBapas(
      ["alliance", path, "--id-column", "id", "--session-column", "s", "--min", "1", "--max", "5", "--format", "json"]
        + scales)
    #expect(r.status == .someRowsRejected)
    let document = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let problems = try #require(document["problems"] as? [[String: Any]])
    // The reader's issue (line 4, a 9 outside 1…5) and the row whose session is not a number (line 3).
    #expect(Set(problems.compactMap { $0["line"] as? Int }) == [3, 4])
    for p in problems {
      let (line, column) = (p["line"] as? Int ?? 0, p["column"] as? Int)
      let prefix = "\(path):\(line)" + (column.map { ":\($0)" } ?? "") + ": error: "
      #expect(r.stderr.contains(prefix + (p["message"] as? String ?? "")), "\(p)")
    }
  }

  // MARK: JSON documents

  @Test func jsonIssueKeepsItsPathAndSuggestion() throws {
    let issue = JSONIssue(path: "$.scales[0]", kind: .unknownKey("itmes", suggestion: "items"))
    let e = CLIError(issue, file: "def.json")
    #expect(e.location.jsonPath == "$.scales[0]" && e.suggestion == "items" && e.status == .invalidDefinition)
    #expect(CLIErrorRenderer.text(e) == "def.json: error: \(issue.description)\n")
    let object = try Self.json(e)
    #expect(object["jsonPath"] as? String == "$.scales[0]" && object["suggestion"] as? String == "items")
    #expect(object["message"] as? String == issue.description)
    let other = JSONIssue(path: "$.id", kind: .missingKey("id"))
    #expect(CLIErrorRenderer.text(CLIError(other, file: "def.json")) == "def.json: error: \(other.description)\n")
  }

  @Test func aDefinitionWithATypoIsLocatedAndSuggested() throws {
    let definition = runBapas(["instruments", "--show", "wai-sr"]).stdout
    #expect(definition.contains("\"responseScale\""))
    let path = try temporaryFile(
      definition.replacingOccurrences(of: "\"responseScale\"", with: "\"responseScael\""), name: "typo.json")
    let data = try temporaryFile("a\n1\n")
    let r = runBapas(["score", data, "--instrument", path])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains("\(path): error: $: unknown key 'responseScael'. Did you mean 'responseScale'?"))
  }

  @Test func caseFileProblemsInTheExportJSON() throws {
    let cases = try ExportFixtures.text("cases_shared.json")
    // The first record made invalid: its first "id" key misspelt.
    var text = cases
    let key = try #require(text.range(of: "\"id\""))
    text.replaceSubrange(key, with: "\"idx\"")
    let broken = try temporaryFile(text, name: "c.json")
    let r = runBapas([
      "export", "research", broken, "--key-file", ExportFixtures.key, "--k", "2", "--as-of", "2026-01-01", "--format",
      "json",
    ])
    let document = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let problems = try #require(document["problems"] as? [[String: Any]])
    let first = try #require(problems.first)
    #expect(first["path"] as? String == first["jsonPath"] as? String)
    #expect(first["code"] as? String == "invalidRecord" && first["file"] as? String == broken)
    let jsonPath = try #require(first["jsonPath"] as? String)
    #expect(r.stderr.contains("\(broken): error: \(jsonPath): "))
  }

  // MARK: Files

  @Test func fileErrorsNameTheFile() throws {
    let missing = "/nonexistent-bapas-dir/x.csv"
    let r = runBapas(["score", missing, "--scale", "S=a", "--min", "1", "--max", "5"])
    #expect(r.status == .unreadableInput)
    #expect(r.stderr.hasPrefix("\(missing): error: cannot read the file: "))
    let path = try temporaryFile("a\n1\n")
    let clash = runBapas(["score", path, "--scale", "S=a", "--min", "1", "--max", "5", "--output", path])
    #expect(clash.status == .usage)
    #expect(clash.stderr.hasPrefix("error: the output '\(path)' is the input file '\(path)'"))
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let dir = runBapas(["score", path, "--scale", "S=a", "--min", "1", "--max", "5", "--output", directory])
    #expect(dir.status == .cannotCreateOutput)
    #expect(dir.stderr.hasPrefix("\(directory): error: cannot create the output file: it is a directory."))
  }

  // MARK: Warnings

  @Test func warningsAreRenderedBySeverityAndLeaveTheStatus() throws {
    let path = try temporaryFile("a\n1\n3\n")
    let r = runBapas(["score", path, "--scale", "S=a", "--min", "1", "--max", "5", "--missing", "3"])
    #expect(r.status == .success)
    #expect(r.stderr.hasPrefix("warning: the --missing token '3' is an answer on the response scale 1…5"))
    let w = CLIError.warning(.init(file: "f.csv", line: 3), "something")
    #expect(CLIErrorRenderer.text(w) == "f.csv:3: warning: something\n")
    let object = try Self.json(w)
    #expect(object["severity"] as? String == "warning" && object["status"] as? Int == 0)
  }

  // MARK: --redact

  @Test func redactionAppliesAtRenderTimeToEveryFamily() {
    let id = "NIK3171SECRET"
    let errors: [CLIError] = [
      CLIError(
        .invalidDefinition, .init(file: "p.csv", line: 4), value: id, why: "the id \(Redaction.quote(id)) twice"),
      .warning(.init(file: "p.csv", line: 2), "respondent \(Redaction.quote(id)) is not in q.csv"),
      CLIError(InputIssue(line: 2, column: 1, value: id, kind: .notAnInteger), file: "p.csv"),
    ]
    for e in errors {
      #expect(CLIErrorRenderer.text(e).contains(id))
      Redaction.rendering(.redacted) {
        #expect(!CLIErrorRenderer.text(e).contains(id))
        #expect(!CLIErrorRenderer.json(e).contains(id))
        #expect(CLIErrorRenderer.text(e).contains("<redacted>"))
      }
    }
  }

  /// Ids in the statistics' own sentences (an unbalanced design names the person or target) are data too.
  @Test func multilevelAndICCIdsAreRedacted() throws {
    let id = "NIK3171SECRET"
    let path = try temporaryFile(
      "client,session,a,b\nK1,1,3,4\nK1,2,4,4\n\(id),1,2,3\n\(id),2,,3\nK3,1,5,5\nK3,2,4,5\n")
    let args = [
      "reliability", path, "--multilevel", "--id-column", "client", "--time-column", "session", "--scale", "S=a,b",
      "--min", "1", "--max", "5",
    ]
    #expect(runBapas(args).stderr.contains("\(id) lacks time 2"))
    let redacted = runBapas(args + ["--redact"])
    #expect(!redacted.stderr.contains(id), "\(redacted.stderr)")
    #expect(redacted.stderr.contains(":5: warning: person <redacted> at time <redacted> has an unanswered item"))
    #expect(redacted.stderr.contains("<redacted> lacks time 2"))

    let icc = try temporaryFile("t,r,y\n\(id),R1,1\nb,R1,2\nb,R2,3\nc,R1,3\nc,R2,1\n")
    let iccArgs = ["icc", icc, "--target-column", "t", "--rater-column", "r", "--rating-column", "y"]
    #expect(runBapas(iccArgs).stderr.contains("target \(id) lacks rater R2"))
    #expect(!runBapas(iccArgs + ["--redact"]).stderr.contains(id))
  }

  @Test func iccCellsAreRedacted() throws {
    let path = try temporaryFile("t,r,y\na,R1,1\na,R2,\(Self.secret)\nb,R1,2\nb,R2,3\nc,R1,3\nc,R2,1\n")
    let args = ["icc", path, "--target-column", "t", "--rater-column", "r", "--rating-column", "y"]
    #expect(runBapas(args).stderr.contains(":3:3: error: column 'y': '\(Self.secret)' is not a number"))
    let redacted = runBapas(args + ["--redact"])
    #expect(!redacted.stderr.contains(Self.secret))
    #expect(redacted.stderr.contains(":3:3: error: column 'y': <redacted> is not a number"))
  }
}

/// The one "did you mean" rule (``didYouMean(_:among:)``) on every surface that suggests.
@Suite("One 'did you mean' rule")
struct DidYouMeanSurfaceTests {
  @Test(arguments: [
    (["score", "x.csv", "--instrumnt", "wai-sr"], "Did you mean '--instrument'?"),
    (["scroe"], "Did you mean 'score'?"),
    (["audit", "verfy", "log.jsonl"], "Did you mean 'verify'?"),
    (["export", "reserch", "cases.json"], "Did you mean 'research'?"),
    (["assertive", "reprot", "group.json"], "Did you mean 'report'?"),
    (["score", "x.csv", "--instrument", "wia-sr"], "Did you mean 'wai-sr'?"),
    (["instruments", "--show", "wai-s"], "Did you mean 'wai-sr'?"),
  ])
  func commandLineSurfaces(_ arguments: [String], _ expected: String) {
    let r = runBapas(arguments)
    #expect(r.status == .usage)
    #expect(r.stderr.contains(expected), "\(arguments): \(r.stderr)")
  }

  @Test func columnSurfaces() throws {
    let icc = try temporaryFile("Wine,Judge,Scores\na,1,2\na,2,3\nb,1,4\nb,2,4\n")
    let r = runBapas([
      "icc", icc, "--target-column", "Wine", "--rater-column", "Judge", "--rating-column", "Scroes",
    ])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains("\(icc):1: error: there is no column 'Scroes';"))
    #expect(r.stderr.contains("Did you mean 'Scores'?"))

    let bands = try temporaryFile("score,outcome,Band\n1,0,low\n2,1,high\n")
    let v = runBapas(["validate-risk", bands, "--band-column", "band"])
    #expect(v.status == .usage && v.stderr.contains("Did you mean 'Band'?"))

    let header = try temporaryFile("item1,itme2\n1,2\n")
    let s = runBapas(["score", header, "--scale", "S=item1,item2", "--min", "1", "--max", "5"])
    #expect(s.stderr.contains("'item2' (did you mean 'itme2'?)"))
  }

  @Test func theRule() {
    // Case alone differs: that candidate, whatever the distance.
    #expect(didYouMean("RESPONDENT", among: ["respondent", "response"]) == "respondent")
    // Within max(2, n/3) edits.
    #expect(didYouMean("scroe", among: ["score", "risk"]) == "score")
    #expect(didYouMean("responsescael", among: ["responseScale"]) == "responseScale")  // 3 edits, 13/3 = 4
    #expect(didYouMean("abcdef", among: ["uvwxyz"]) == nil)
    // Ties broken by the candidate's text, whatever the order given.
    #expect(didYouMean("ab", among: ["cb", "ac"]) == "ac")
    #expect(didYouMean("ab", among: ["ac", "cb"]) == "ac")
    // The name itself is no suggestion; hostile lengths are not compared.
    #expect(didYouMean("score", among: ["score"]) == nil)
    #expect(didYouMean(String(repeating: "a", count: 500), among: [String(repeating: "a", count: 499)]) == nil)
  }
}
