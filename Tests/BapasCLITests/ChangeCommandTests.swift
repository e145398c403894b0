import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

@Suite("bapas change")
struct ChangeCommandTests {
  static let pre = """
    id,item1,item2,item3
    A,1,2,2
    B,3,3,3
    C,2,2,
    D,1,1,1

    """
  static let post = """
    id,item1,item2,item3
    B,5,5,5
    A,5,4,5
    C,,,
    E,1,1,1

    """

  static func files() throws -> (String, String) {
    (try temporaryFile(pre, name: "pre.csv"), try temporaryFile(post, name: "post.csv"))
  }

  static let base = ["--id-column", "id", "--scale", "S=item1,item2,item3", "--min", "1", "--max", "5"]

  @Test func csvRowsWithRCIAndClinicalSignificance() throws {
    let (pre, post) = try Self.files()
    let r = runBapas(
      ["change", pre, post] + Self.base + [
        "--metric", "sum", "--reliability", "0.8", "--sd", "4", "--norms", "functional=12,2", "--norms",
        "dysfunctional=6,2",
      ])
    // Respondents D (pre only) and E (post only) are listed, so the status is 1.
    #expect(r.status == .someRowsRejected)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "id,S_pre,S_post,S_change,S_rci,S_reliable_change,S_clinical,S_note")
    // SEM = 4·√(1 − 0.8) = 1.78885; S_diff = √2·SEM = 2.52982. Cut-off c = (2·12 + 2·6)/4 = 9.
    // A: 5 → 14, RCI = 9/2.52982 = 3.55756, reliable; post 14 > 9: recovered.
    let a = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(a[0] == "A" && a[1] == "5" && a[2] == "14" && a[3] == "9")
    expectClose(Double(a[4]), 9 / (2 * (4 * 4 * 0.2)).squareRoot(), relative: 1e-15, "RCI of A")
    #expect(a[5] == "improved" && a[6] == "recovered" && a[7] == "")
    // B: 9 → 15, RCI = 6/2.52982 = 2.37171 > 1.96: reliable; 15 > 9: recovered.
    #expect(lines[2].hasPrefix("B,9,15,6,2.37170824512628"))
    #expect(lines[2].hasSuffix(",improved,recovered,"))
    // C: pre prorated 2 of 3 answered → (2+2)/2·3 = 6; post nothing answered: empty RCI and the reason.
    #expect(lines[3] == "C,6,,,,,,post: no item of the scale was answered")
    #expect(lines.count == 4)
    #expect(r.stderr.contains("pre.csv:5: warning: respondent 'D' is not in"))
    #expect(r.stderr.contains("post.csv:5: warning: respondent 'E' is not in"))
  }

  @Test func perScaleValuesAndJSON() throws {
    let (pre, post) = try Self.files()
    let r = runBapas(
      ["change", pre, post] + Self.base + [
        "--scale", "T=item1,-item2", "--reliability", "0.8", "--reliability", "T=0.5", "--sd", "1", "--direction",
        "lower",
        "--format", "json",
      ])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let metadata = try #require(document["metadata"] as? [String: Any])
    let scales = try #require(metadata["scales"] as? [[String: Any]])
    #expect(scales.map { $0["reliability"] as? Double } == [0.8, 0.5])
    #expect(scales[1]["standardErrorOfMeasurement"] as? Double == 0.5.squareRoot())
    #expect((document["onlyInPre"] as? [[String: Any]])?.first?["id"] as? String == "D")
    #expect((document["onlyInPost"] as? [[String: Any]])?.first?["id"] as? String == "E")
    let respondents = try #require(document["respondents"] as? [[String: Any]])
    #expect(respondents.map { $0["id"] as? String } == ["A", "B", "C"])
    let aScales = try #require(respondents[0]["scales"] as? [String: Any])
    // T for A (mean of item1 and reversed item2, 1…5): pre (1 + 4)/2 = 2.5, post (5 + 2)/2 = 3.5;
    // SEM = 1·√0.5, S_diff = 1, RCI = 1.0; lower is better but |RCI| < 1.96: unchanged.
    let t = try #require(aScales["T"] as? [String: Any])
    #expect(t["pre"] as? Double == 2.5 && t["post"] as? Double == 3.5)
    expectClose(t["rci"] as? Double, 1.0, relative: 1e-15, "RCI of T")
    #expect(t["reliableChange"] as? String == "unchanged")
    // S for A (means): 5/3 → 14/3, change 3, S_diff = √2·√0.2 = 0.63246, RCI = 4.7434: a rise is
    // a deterioration when lower is better.
    let s = try #require(aScales["S"] as? [String: Any])
    #expect(s["reliableChange"] as? String == "deteriorated")
    let cScales = try #require(respondents[2]["scales"] as? [String: Any])
    let cs = try #require(cScales["S"] as? [String: Any])
    #expect(cs["rci"] == nil)
    #expect((cs["reason"] as? String)?.hasPrefix("post:") == true)
  }

  @Test func duplicateIDsNameTheirLines() throws {
    let pre = try temporaryFile("id,item1,item2,item3\nA,1,2,2\nB,3,3,3\nA,2,2,1\n", name: "pre.csv")
    let post = try temporaryFile(Self.post, name: "post.csv")
    let r = runBapas(["change", pre, post] + Self.base + ["--reliability", "0.8", "--sd", "1"])
    #expect(r.status == .invalidDefinition)
    #expect(r.stderr.contains("\(pre):4: error: the id 'A' in column 'id' appears more than once, on lines 2, 4"))
  }

  @Test func everyoneMatchedIsExitZero() throws {
    let pre = try temporaryFile("id,item1,item2,item3\nA,1,2,2\n", name: "pre.csv")
    let post = try temporaryFile("id,item1,item2,item3\nA,2,2,2\n", name: "post.csv")
    let r = runBapas(["change", pre, post] + Self.base + ["--reliability", "0.8", "--sd", "1"])
    #expect(r.status == .success)
  }

  @Test(arguments: [
    ["--sd", "1"],  // no reliability
    ["--reliability", "0.8"],  // no SD
    ["--reliability", "1.2", "--sd", "1"],  // reliability out of range
    ["--reliability", "0.8", "--sd", "0"],  // SD not positive
    ["--reliability", "X=0.8", "--sd", "1"],  // unknown scale
    ["--reliability", "0.8", "--sd", "1", "--norms", "functional=10,2"],  // one norm group only
    ["--reliability", "0.8", "--sd", "1", "--norms", "functional=10"],  // malformed norm
    // contradicts direction
    ["--reliability", "0.8", "--sd", "1", "--norms", "functional=5,2", "--norms", "dysfunctional=10,2"],
    ["--reliability", "0.8", "--sd", "1", "--criterion", "-1"],
    ["--reliability", "0.8", "--sd", "1", "--direction", "up"],
  ])
  func usageErrors(extra: [String]) throws {
    let (pre, post) = try Self.files()
    #expect(runBapas(["change", pre, post] + Self.base + extra).status == .usage)
  }

  @Test func missingIDColumnIsUsage() throws {
    let (pre, post) = try Self.files()
    let r = runBapas([
      "change", pre, post, "--scale", "S=item1,item2", "--min", "1", "--max", "5", "--reliability", "0.8", "--sd", "1",
    ])
    #expect(r.status == .usage)
  }

  @Test func unreadableFile() throws {
    let (pre, _) = try Self.files()
    let r = runBapas(["change", pre, "/nonexistent/post.csv"] + Self.base + ["--reliability", "0.8", "--sd", "1"])
    #expect(r.status == .unreadableInput)
  }
}
