import AssessmentEngine
import Foundation
import Testing

@testable import BapasCLI

/// `bapas risk` and `bapas validate-risk` under `--redact`: a problem is found as facts
/// (``RiskInputIssue/Reason``, the value apart) and rendered when written, so an identifying client
/// id, cell text or JSON value never reaches stderr or the JSON `problems`/`issues`, while location
/// and kind stay. Without the flag every message is the one the other risk tests pin.
@Suite("Risk input problems rendered at print time")
struct RiskRedactionTests {
  static let id = "NIK3171RISKSECRET"
  static let cell = "CELLRISKSECRET"
  static let header =
    "client,ch1,ch2,ch3,ap1,ap2,ac1,ac2,as1,as2,fm1,fm2,sw1,sw2,sw3,lr1,lr2,sa1,sa2,gender,ageGroup,age,responsivity"
  static let answers = "1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes"

  /// Every RNR-8 item answered (the hand-worked client of `RiskCommandTests`), so a record scores.
  static let fullAnswers = """
    {"ch1": 1, "ch2": "no", "ch3": 1, "ap1": 0, "ap2": "no", "ac1": 1, "ac2": 0, "as1": 1, "as2": "no", "fm1": 3, \
    "fm2": "no", "sw1": "yes", "sw2": 1, "sw3": 1, "lr1": "no", "lr2": 2, "sa1": 2, "sa2": "yes"}
    """

  static func errorLines(_ stderr: String) -> [String] {
    stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
  }

  static func expectNoSecrets(_ text: String, _ what: String, secrets: [String] = [id, cell]) {
    for s in secrets { #expect(!text.contains(s), "\(what) leaks \(s): \(text)") }
  }

  /// CSV: a duplicated identifying id, cell texts in the population and responsivity columns, an
  /// answer not in the table (a scoring problem naming the client), an age that contradicts the age group,
  /// a count outside the item's table and a person without a cut-off table (the library's descriptions).
  @Test func riskCSVRowsUnderRedact() throws {
    let rows = [
      "\(Self.id),\(Self.answers),male,adult,30,",
      "\(Self.id),\(Self.answers),male,adult,30,",
      "K-2,\(Self.answers),\(Self.cell),adult,30,",
      "K-3,\(Self.answers),male,adult,30,\(Self.cell)",
      "K-4,1,\(Self.cell),1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
      "K-5,\(Self.answers),male,child,47,",
      "K-6,\(Self.cell),no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
      "K-7,-4711,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,,adult,47,",
    ]
    let path = try temporaryFile(([Self.header] + rows).joined(separator: "\n") + "\n", name: "answers.csv")
    let plain = runBapas(["risk", path, "--instrument", "rnr8"])
    let factors = ResponsivityFactor.allCases.map(\.rawValue).joined(separator: ", ")
    #expect(
      Self.errorLines(plain.stderr) == [
        "\(path):3:1: error: client '\(Self.id)' appears twice (first on line 2).",
        "\(path):4:50: error: column 'gender': '\(Self.cell)' is not 'female' or 'male'.",
        "\(path):5:64: error: column 'responsivity': '\(Self.cell)' is not a responsivity factor (\(factors)).",
        "\(path):6:7: error: client 'K-4': Item 'ch2': the answer '\(Self.cell)' is not in the item's table (allowed: 'no', 'yes').",
        "\(path):7:55: error: ageGroup 'child' contradicts age 47: a child (anak, UU 11/2012 Pasal 1) is under 18, and the child cut-off table would be used. Correct one of them; the row is left out.",
        "\(path):8:5: error: item 'ch1' takes a whole-number count, not '\(Self.cell)'.",
        "\(path):9:5: error: client 'K-7': Item 'ch1': the count -4711 is outside every range of the item's table.",
        "\(path):9:54: error: client 'K-7': Instrument 'rnr8-illustrative' has no cut-off table for this person (gender unknown, adult, aged 47); the band cannot be determined.",
      ])
    let redacted = runBapas(["risk", path, "--instrument", "rnr8", "--redact"])
    #expect(redacted.status == plain.status && redacted.status == .someRowsRejected)
    Self.expectNoSecrets(redacted.stderr, "stderr", secrets: [Self.id, Self.cell, "age 47", "aged 47", "4711"])
    #expect(
      Self.errorLines(redacted.stderr) == [
        "\(path):3:1: error: client <redacted> appears twice (first on line 2).",
        "\(path):4:50: error: column 'gender': <redacted> is not 'female' or 'male'.",
        "\(path):5:64: error: column 'responsivity': <redacted> is not a responsivity factor (\(factors)).",
        "\(path):6:7: error: client <redacted>: Item 'ch2': the answer <redacted> is not in the item's table (allowed: 'no', 'yes').",
        "\(path):7:55: error: ageGroup 'child' contradicts age <redacted>: a child (anak, UU 11/2012 Pasal 1) is under 18, and the child cut-off table would be used. Correct one of them; the row is left out.",
        "\(path):8:5: error: item 'ch1' takes a whole-number count, not <redacted>.",
        "\(path):9:5: error: client <redacted>: Item 'ch1': the count <redacted> is outside every range of the item's table.",
        "\(path):9:54: error: client <redacted>: Instrument 'rnr8-illustrative' has no cut-off table for this person (gender unknown, adult, aged <redacted>); the band cannot be determined.",
      ])

    // JSON output: the problems carry the value apart (shown in full without the flag), and neither the
    // problems nor the issue lines carry it under --redact. Clients scored are output data, not messages.
    let json = runBapas(["risk", path, "--instrument", "rnr8", "--format", "json"])
    let plainProblems = try Self.problems(json.stdout)
    #expect(
      plainProblems.map { $0["value"] as? String } == [
        Self.id, Self.cell, Self.cell, "K-4", "47", Self.cell, "K-7", "K-7",
      ])
    let redactedJSON = runBapas(["risk", path, "--instrument", "rnr8", "--format", "json", "--redact"])
    let problems = try Self.problems(redactedJSON.stdout)
    #expect(problems.count == 8 && problems.allSatisfy { $0["value"] as? String == "<redacted>" })
    #expect(problems.map { $0["line"] as? Int } == [3, 4, 5, 6, 7, 8, 9, 9])
    Self.expectNoSecrets(try Self.section("problems", redactedJSON.stdout), "JSON problems")
    Self.expectNoSecrets(try Self.section("issues", redactedJSON.stdout), "JSON issues")
    Self.expectNoSecrets(redactedJSON.stderr, "stderr (JSON run)")
  }

  /// A file without its header: the first row is a client's, so its texts are data, not column names.
  /// Names the instrument knows stay visible, and so does the "did you mean".
  @Test func riskHeaderlessFileUnderRedact() throws {
    let path = try temporaryFile("\(Self.id),gender,1\nK-2,male,1\n", name: "answers.csv")
    let plain = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(plain.status == .invalidDefinition)
    #expect(
      Self.errorLines(plain.stderr) == [
        "\(path):1:1: error: the first column must be 'client' (the client's id), not '\(Self.id)'.",
        "\(path):1:1: error: column '\(Self.id)' is neither an item of instrument 'rnr8-illustrative' nor one of client, gender, ageGroup, age, responsivity.",
        "\(path):1:26: error: column '1' is neither an item of instrument 'rnr8-illustrative' nor one of client, gender, ageGroup, age, responsivity. Did you mean 'ac1'?",
      ])
    let redacted = runBapas(["risk", path, "--instrument", "rnr8", "--redact"])
    #expect(redacted.status == .invalidDefinition)
    Self.expectNoSecrets(redacted.stderr, "stderr")
    #expect(
      Self.errorLines(redacted.stderr) == [
        "\(path):1:1: error: the first column must be 'client' (the client's id), not <redacted>.",
        "\(path):1:1: error: column <redacted> is neither an item of instrument 'rnr8-illustrative' nor one of client, gender, ageGroup, age, responsivity.",
        "\(path):1:26: error: column <redacted> is neither an item of instrument 'rnr8-illustrative' nor one of client, gender, ageGroup, age, responsivity. Did you mean 'ac1'?",
      ])
    // A known name in the wrong place is vocabulary: shown at every detail.
    let wrongFirst = try temporaryFile("gender,client\nmale,K-1\n", name: "answers.csv")
    #expect(
      runBapas(["risk", wrongFirst, "--instrument", "rnr8", "--redact"]).stderr.hasPrefix(
        "\(wrongFirst):1:1: error: the first column must be 'client' (the client's id), not 'gender'."))
  }

  /// JSON answer sheets: string and number values of the wrong kind, a record that is a bare string,
  /// a repeated client id.
  @Test func riskJSONRecordsUnderRedact() throws {
    let input = """
      {"clients": [
        {"client": "\(Self.id)", "gender": "male", "ageGroup": "adult", "answers": \(Self.fullAnswers)},
        {"client": "\(Self.id)", "gender": "\(Self.cell)", "age": 4712, "answers": {"ch1": "\(Self.cell)"}},
        "\(Self.cell)"
      ]}
      """
    let path = try temporaryFile(input, name: "answers.json")
    let plain = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(
      Self.errorLines(plain.stderr) == [
        "\(path): error: $.clients[1].gender: expected \"female\" or \"male\", found the string \"\(Self.cell)\".",
        "\(path): error: $.clients[1].age: expected an age in whole years, found the number 4712.",
        "\(path): error: $.clients[1].answers.ch1: item 'ch1' takes a whole-number count, found the string \"\(Self.cell)\".",
        "\(path): error: $.clients[1].client: client '\(Self.id)' appears twice (first at $.clients[0]).",
        "\(path): error: $.clients[2]: a client record must be an object, not the string \"\(Self.cell)\".",
      ])
    let redacted = runBapas(["risk", path, "--instrument", "rnr8", "--redact"])
    #expect(redacted.status == plain.status)
    Self.expectNoSecrets(redacted.stderr, "stderr", secrets: [Self.id, Self.cell, "4712"])
    #expect(
      Self.errorLines(redacted.stderr) == [
        "\(path): error: $.clients[1].gender: expected \"female\" or \"male\", found the string <redacted>.",
        "\(path): error: $.clients[1].age: expected an age in whole years, found the number <redacted>.",
        "\(path): error: $.clients[1].answers.ch1: item 'ch1' takes a whole-number count, found the string <redacted>.",
        "\(path): error: $.clients[1].client: client <redacted> appears twice (first at $.clients[0]).",
        "\(path): error: $.clients[2]: a client record must be an object, not the string <redacted>.",
      ])
    let json = runBapas(["risk", path, "--instrument", "rnr8", "--format", "json", "--redact"])
    Self.expectNoSecrets(
      try Self.section("problems", json.stdout), "JSON problems", secrets: [Self.id, Self.cell, "4712"])
    Self.expectNoSecrets(try Self.section("issues", json.stdout), "JSON issues", secrets: [Self.id, Self.cell, "4712"])
    #expect(try Self.problems(json.stdout).map { $0["jsonPath"] as? String }.contains("$.clients[1].age"))
  }

  /// validate-risk: an identifying text in the score and outcome cells and a row with too many fields.
  @Test func validateRiskUnderRedact() throws {
    let path = try temporaryFile(
      "score,outcome,gender\n1,0,m\n2,1,f\n\(Self.cell),1,m\n3,\(Self.id),f\n4,1,m,\(Self.id)\n5,0,f\n6,1,m\n",
      name: "followup.csv")
    let plain = runBapas(["validate-risk", path])
    #expect(
      Self.errorLines(plain.stderr) == [
        "\(path):4:1: error: column 'score': the score is not a finite number ('\(Self.cell)'); the row is left out.",
        "\(path):5:3: error: column 'outcome': the outcome must be 1/0, true/false or yes/no ('\(Self.id)'); the row is left out.",
        "\(path):6:7: error: expected 3 fields, found 4 ('4,1,m,\(Self.id)'); the row is left out.",
      ])
    let redacted = runBapas(["validate-risk", path, "--redact"])
    #expect(redacted.status == plain.status && redacted.status == .someRowsRejected)
    Self.expectNoSecrets(redacted.stderr, "stderr")
    #expect(
      Self.errorLines(redacted.stderr) == [
        "\(path):4:1: error: column 'score': the score is not a finite number (<redacted>); the row is left out.",
        "\(path):5:3: error: column 'outcome': the outcome must be 1/0, true/false or yes/no (<redacted>); the row is left out.",
        "\(path):6:7: error: expected 3 fields, found 4 (<redacted>); the row is left out.",
      ])
    let json = runBapas(["validate-risk", path, "--format", "json", "--redact"])
    Self.expectNoSecrets(try Self.section("problems", json.stdout), "JSON problems")
    Self.expectNoSecrets(try Self.section("issues", json.stdout), "JSON issues")
    #expect(try Self.problems(json.stdout).map { $0["line"] as? Int } == [4, 5, 6])
    let plainJSON = runBapas(["validate-risk", path, "--format", "json"])
    #expect(
      try Self.problems(plainJSON.stdout).map { $0["value"] as? String } == [Self.cell, Self.id, "4,1,m,\(Self.id)"])
  }

  /// The issue is facts until it is written: built at full detail, rendered under redaction (and the
  /// other way round), its sentence follows the detail at the time of writing.
  @Test func issuesAreRenderedWhenWritten() throws {
    let issue = RiskInputIssue(
      location: .line(3, column: 1), reason: .repeatedClient(Self.id, first: "on line 2"))
    let error = Redaction.rendering(.full) { issue.error(file: "a.csv") }
    #expect(
      Redaction.rendering(.redacted) { CLIErrorRenderer.line(error) }
        == "a.csv:3:1: error: client <redacted> appears twice (first on line 2).")
    let built = Redaction.rendering(.redacted) { issue.error(file: "a.csv") }
    #expect(
      Redaction.rendering(.full) { CLIErrorRenderer.line(built) }
        == "a.csv:3:1: error: client '\(Self.id)' appears twice (first on line 2).")
    #expect(built.value == Self.id)
    #expect(Redaction.rendering(.redacted) { CLIErrorRenderer.problem(built).value } == "<redacted>")
  }

  static func problems(_ stdout: String) throws -> [[String: Any]] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    return try #require(object["problems"] as? [[String: Any]])
  }

  /// One top-level member of the JSON document, re-encoded, to search for a value.
  static func section(_ key: String, _ stdout: String) throws -> String {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    let member = try #require(object[key])
    return String(decoding: try JSONSerialization.data(withJSONObject: member), as: UTF8.self)
  }
}
