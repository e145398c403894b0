import Foundation
import Testing

@testable import BapasCLI

/// Runs `bapas` in process with captured output.
func runBapas(_ arguments: [String]) -> (status: BapasExitStatus, stdout: String, stderr: String) {
  let io = CommandIO(stdout: OutputSink(), stderr: OutputSink())
  let status = BapasCommandLine.run(arguments: arguments, io: io)
  return (status, io.stdout.text, io.stderr.text)
}

/// A temporary file holding `text`.
func temporaryFile(_ text: String, name: String = "input.csv") throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bapas-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

@Suite("bapas score")
struct ScoreCommandTests {
  static let csv = """
    id,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12
    A,4,4,3,5,4,4,3,5,4,4,5,4
    B,2,,3,3,2,3,3,2,3,3,2,3
    C,1,1,1,1,1,1,1,1,1,1,1,9

    """

  @Test func scoresABuiltInWithIDsAndReportsTheRejectedRow() throws {
    let path = try temporaryFile(Self.csv)
    let r = runBapas(["score", path, "--instrument", "wai-sr", "--id-column", "id"])
    #expect(r.status == .someRowsRejected)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "id,Goal_sum,Goal_mean,Goal_missing,Task_sum,Task_mean,Task_missing,Bond_sum,Bond_mean,Bond_missing,Total_sum,Total_mean,Total_missing"
    )
    // A: Goal 5+4+5+5 = 19; Task 4+4+4+4 = 16; Bond 3+4+3+4 = 14; Total 49.
    #expect(lines[1] == "A,19,4.75,0,16,4,0,14,3.5,0,49,4.083333333333333,0")
    // B under the default half-scale prorating: Task answered 1,10,12 = 2+3+3 = 8 → mean 8/3, sum 32/3.
    #expect(lines[2].hasPrefix("B,10,2.5,0,10.666666666666666,2.6666666666666665,1,"))
    #expect(lines.count == 3)
    #expect(
      r.stderr.contains(
        "\(path):4:25: error: column 'item12': the value '9' is outside the response scale; please provide one of 1, 2, 3, 4, 5."
      ))
    #expect(r.stderr.contains("bapas score: 2 of 3 rows scored, 1 rejected; missing-data policy: prorate"))
  }

  @Test func quickKeysWithReverseItemsOnASevenPointScale() throws {
    let path = try temporaryFile("x,y,z\n7,1,4\n2,6,\n")
    let r = runBapas(["score", path, "--scale", "A=x,-y,z", "--min", "1", "--max", "7", "--impute", "none"])
    #expect(r.status == .success)
    // Row 1: 7 + (8−1) + 4 = 18, mean 6. Row 2: 2 + (8−6) = 4 over 2 answered, mean 2.
    #expect(r.stdout == "A_sum,A_mean,A_missing\n18,6,0\n4,2,1\n")
  }

  @Test func jsonOutputCarriesMetadataRowsIssuesAndSummary() throws {
    let path = try temporaryFile(Self.csv)
    let r = runBapas([
      "score", path, "--instrument", "wai-sr", "--id-column", "id", "--format", "json", "--prorate", "4",
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let metadata = try #require(object["metadata"] as? [String: Any])
    let policy = try #require(metadata["missingDataPolicy"] as? [String: Any])
    #expect(policy["policy"] as? String == "prorate")
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.count == 2)
    let b = try #require((rows[1]["scores"] as? [String: Any])?["Task"] as? [String: Any])
    #expect(b["sum"] is NSNull)
    #expect(b["absence"] as? String == "only 3 items answered; the missing-data rule requires 4")
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary == ["rowsRead": 3, "rowsScored": 2, "rowsRejected": 1])
    #expect((object["issues"] as? [Any])?.count == 1)
  }

  @Test func usageErrorsExit64() {
    #expect(runBapas(["score"]).status == .usage)
    #expect(
      runBapas(["score", "x.csv", "--instrumnt", "wai-sr"]).stderr.hasPrefix(
        "Error: Unknown option '--instrumnt'. Did you mean '--instrument'?"))
    #expect(runBapas(["score", "x.csv", "--instrument", "wai-sr", "--scale", "A=a"]).status == .usage)
    #expect(runBapas(["score", "x.csv", "--scale", "A=a", "--min", "1"]).status == .usage)
    #expect(runBapas(["score", "x.csv", "--scale", "A=a", "--min", "5", "--max", "1"]).status == .usage)
    #expect(runBapas(["score", "x.csv", "--instrument", "wai-sr", "--impute", "hotdeck"]).status == .usage)
    #expect(
      runBapas(["score", "x.csv", "--instrument", "wai-sr", "--impute", "mean", "--prorate", "2"]).status == .usage)
    #expect(runBapas(["score", "x.csv", "--instrument", "wia-sr"]).stderr.contains("Did you mean 'wai-sr'?"))
    #expect(runBapas(["scroe"]).stderr.hasPrefix("Error: Unknown subcommand 'scroe'. Did you mean 'score'?"))
  }

  @Test func invalidDefinitionExits65WithEveryProblem() throws {
    let definition = try temporaryFile(
      #"{"id": "x", "version": "1", "name": {"id": "x", "en": "x"}, "citation": {"source": "s", "year": 2020, "licence": "l"}, "responseScale": {"min": 5, "max": 1}, "items": [{"id": "a"}], "scales": [{"id": "S", "items": ["a", "b"]}], "colour": 1}"#,
      name: "def.json")
    let data = try temporaryFile("a\n1\n")
    let r = runBapas(["score", data, "--instrument", definition])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains("\(definition): error: $.responseScale: 'min' (5) must be less than 'max' (1)."))
    #expect(r.stderr.contains("\(definition): error: $.scales[0].items[1]: 'b' is not defined."))
    #expect(r.stderr.contains("\(definition): error: $: unknown key 'colour'."))
  }

  @Test func unreadableInputExits66() throws {
    let r = runBapas(["score", "/nonexistent/responses.csv", "--instrument", "wai-sr"])
    #expect(r.status == .unreadableInput)
    #expect(r.stderr.contains("/nonexistent/responses.csv: error: cannot read the file: No such file or directory."))
    let header = try temporaryFile("item1,item2\n1,2\n")
    let missing = runBapas(["score", header, "--instrument", "wai-sr"])
    #expect(missing.status == .unreadableInput)
    #expect(missing.stderr.contains("error: the header lacks the instrument's columns 'item3'"))
    #expect(missing.stdout.isEmpty)
  }

  @Test func everySubcommandHasHelp() {
    for command in BapasCommandLine.subcommands {
      let r = runBapas([command.spec.name, "--help"])
      #expect(r.status == .success)
      #expect(r.stdout.contains("USAGE: bapas \(command.spec.name)"))
    }
  }

  @Test func outputFileOption() throws {
    let data = try temporaryFile("a,b\n1,2\n")
    let out = data + ".out.csv"
    let r = runBapas(["score", data, "--scale", "S=a,b", "--min", "1", "--max", "5", "--output", out])
    #expect(r.status == .success && r.stdout.isEmpty)
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "S_sum,S_mean,S_missing\n3,1.5,0\n")
  }
}
