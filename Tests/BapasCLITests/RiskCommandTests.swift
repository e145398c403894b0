import Foundation
import Testing

@testable import BapasCLI

/// The repository root, from this file's path (…/Tests/BapasCLITests/RiskCommandTests.swift).
private let riskRepositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

/// RNR-8 answers of the hand-worked client of `SupervisionCompositionTests` (adult man):
/// riwayat 2/5, kepribadian 0/3, kognisi 2/2, pergaulan 1/3, keluarga 0/2, sekolahKerja 3/4,
/// waktuLuang 0/2, zat 3/3 → total 11, sedang (adult men 8–15), five-level "moderate";
/// needs 1 kognisi (Big Four wins the tie at 100%), 2 zat, 3 sekolahKerja (75%).
private let header =
  "client,ch1,ch2,ch3,ap1,ap2,ac1,ac2,as1,as2,fm1,fm2,sw1,sw2,sw3,lr1,lr2,sa1,sa2,gender,ageGroup,age,responsivity"
private let k01 = "K-01,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,workingHours;travelCost"

@Suite("bapas risk")
struct RiskCommandTests {
  @Test func scoresTheHandWorkedClientAsText() throws {
    let path = try temporaryFile(header + "\n" + k01 + "\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8", "--plan"])
    #expect(r.status == .success)
    #expect(r.stdout.contains("ILLUSTRATIVE AND UNVALIDATED: not for decisions about people."))
    #expect(
      r.stdout.contains(
        "  Total: 11 (range 0–24); band sedang (Moderate) in scheme rst, table adult-male; five: moderate (Moderate)\n")
    )
    #expect(r.stdout.contains("    1. kognisi — Antisocial cognition, 2/2 (100%); drivers: ac1, ac2\n"))
    #expect(r.stdout.contains("    2. zat — Substance abuse, 3/3 (100%); drivers: sa1, sa2\n"))
    #expect(r.stdout.contains("    3. sekolahKerja — School/work, 3/4 (75%); drivers: sw1, sw2, sw3\n"))
    #expect(r.stdout.contains("  Strengths: kepribadian, keluarga, waktuLuang\n"))
    // Standard policy on sedang: 2 face-to-face and 1 field contact, 100 hours.
    #expect(
      r.stdout.contains("  Plan (sedang): contacts a month: 2 face-to-face, 1 in the field; programme hours: 100\n"))
    #expect(
      r.stdout.contains(
        "    Modalities: officeVisit, mobileCounselling, videoCall, homeVisit; format group; outside working hours\n"))
    #expect(
      r.stderr
        == "bapas risk: 1 of 1 clients scored, 0 rejected; instrument rnr8-illustrative 1.0 (illustrative: not for decisions about people).\n"
    )
  }

  @Test func csvOutputHasOneRowPerClient() throws {
    let path = try temporaryFile(header + "\n" + k01 + "\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8", "--format", "csv", "--plan"])
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "client,instrument,total,scheme,band,band_five,riwayat_points,kepribadian_points,kognisi_points,pergaulan_points,keluarga_points,sekolahKerja_points,waktuLuang_points,zat_points,needs,strengths,missing,contacts_per_month,field_per_month,dosage_hours,targets,modalities,format"
    )
    #expect(
      lines[1]
        == "K-01,rnr8-illustrative 1.0,11,rst,sedang,moderate,2,0,2,1,0,3,0,3,kognisi;zat;sekolahKerja,kepribadian;keluarga;waktuLuang,,2,1,100,kognisi;zat;sekolahKerja,officeVisit;mobileCounselling;videoCall;homeVisit,group"
    )
  }

  /// K-06: ac 2,3 → 0; fm 1 → 1, yes → 1 (2/2); lr yes → 1, lr2 unanswered (1/2 = .5, a need at the
  /// .5 threshold); everything else 0. Total 3: rendah for an adult woman (0–8); needs keluarga, waktuLuang.
  @Test func jsonInputAndJSONOutput() throws {
    let input = """
      {"clients": [{"client": "K-06", "gender": "female", "ageGroup": "adult", "age": 52,
        "answers": {"ch1": 0, "ch2": "no", "ch3": 0, "ap1": 0, "ap2": "no", "ac1": 2, "ac2": 3, "as1": 0, "as2": "no",
                    "fm1": 1, "fm2": "yes", "sw1": "no", "sw2": 2, "sw3": 0, "lr1": "yes", "lr2": null, "sa1": 0, "sa2": "no"}}]}
      """
    let path = try temporaryFile(input, name: "answers.json")
    let r = runBapas(["risk", path, "--instrument", "rnr8", "--format", "json", "--plan"])
    #expect(r.status == .success)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let clients = try #require(object["clients"] as? [[String: Any]])
    let assessment = try #require(clients.first?["assessment"] as? [String: Any])
    #expect(assessment["total"] as? Int == 3)
    #expect((assessment["band"] as? [String: Any])?["band"] as? String == "rendah")
    #expect(
      (assessment["needs"] as? [[String: Any]])?.compactMap { $0["domain"] as? String } == ["keluarga", "waktuLuang"])
    #expect(assessment["missingItems"] as? [String] == ["lr2"])
    #expect((clients.first?["mappedBands"] as? [[String: Any]])?.first?["band"] as? String == "low")
    let plan = try #require(clients.first?["plan"] as? [String: Any])
    #expect(plan["dosageHours"] as? Double == 0)
    #expect((object["summary"] as? [String: Any])?["clientsScored"] as? Int == 1)
    #expect((object["instrument"] as? [String: Any])?["status"] as? String == "illustrative")
  }

  @Test func aBadRowIsReportedAtItsColumnAndTheRestIsScored() throws {
    let bad = "K-05,2,maybe,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,35,"
    let path = try temporaryFile([header, k01, bad, ""].joined(separator: "\n"))
    let r = runBapas(["risk", path, "--instrument", "rnr8", "--format", "csv"])
    #expect(r.status == .someRowsRejected)
    #expect(
      r.stderr.contains(
        "\(path):3:8: error: client 'K-05': Item 'ch2': the answer 'maybe' is not in the item's table (allowed: 'no', 'yes').\n"
      ))
    #expect(r.stderr.contains("bapas risk: 1 of 2 clients scored, 1 rejected;"))
    #expect(r.stdout.split(separator: "\n").count == 2)
  }

  /// One test per class of bad row: a count that is not a number, an unknown population value, an
  /// unknown responsivity factor, a duplicate client, a wrong field count, no cut-off table.
  @Test func eachClassOfBadRowHasItsMessage() throws {
    let rows = [
      "K-01,x,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
      "K-02,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,man,adult,30,",
      "K-03,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,farAway",
      "K-04,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
      "K-04,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
      "K-05,1,no",
      "K-06,1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,,adult,30,",
    ]
    let path = try temporaryFile(([header] + rows).joined(separator: "\n") + "\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(r.status == .someRowsRejected)
    let errors = r.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    #expect(
      errors == [
        "\(path):2:6: error: item 'ch1' takes a whole-number count, not 'x'.",
        "\(path):3:51: error: column 'gender': 'man' is not 'female' or 'male'.",
        "\(path):4:65: error: column 'responsivity': 'farAway' is not a responsivity factor (\(["distantResidence", "largeWorkArea", "workingHours", "travelCost", "noPhoneDataOrSignal", "lowLiteracy", "languageBarrier", "lowMotivation", "trauma", "familyIndifference", "communityStigma", "mentalHealth", "child"].joined(separator: ", "))).",
        "\(path):6:1: error: client 'K-04' appears twice (first on line 5).",
        "\(path):7:10: error: expected 23 fields as in the header, found 3; the row is left out.",
        "\(path):8:51: error: client 'K-06': Instrument 'rnr8-illustrative' has no cut-off table for this person (gender unknown, adult, aged 30); the band cannot be determined.",
      ])
    #expect(
      r.stderr.hasSuffix(
        "bapas risk: 1 of 7 clients scored, 6 rejected; instrument rnr8-illustrative 1.0 (illustrative: not for decisions about people).\n"
      ))
  }

  /// Engine problems land on the item's column: a negative count (no range covers it) and an
  /// unanswered item in riwayat, whose limit is 0 unanswered (the first missing item's column).
  @Test func engineProblemsPointAtTheItem() throws {
    let rows = [
      "K-07,-1,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
      "K-08,NA,no,1,0,no,1,0,1,no,3,no,yes,1,1,no,2,2,yes,male,adult,30,",
    ]
    let path = try temporaryFile(([header] + rows).joined(separator: "\n") + "\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(r.status == .someRowsRejected)
    let errors = r.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    #expect(
      errors == [
        "\(path):2:6: error: client 'K-07': Item 'ch1': the count -1 is outside every range of the item's table.",
        "\(path):3:6: error: client 'K-08': Domain 'riwayat' has 1 unanswered items (ch1) but at most 0 may be unanswered; it cannot be scored.",
      ])
  }

  @Test func aBadHeaderStopsWithStatus65() throws {
    let path = try temporaryFile("client,ch1,chx,gender\nK-01,1,1,male\n")
    let r = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(r.status == .invalidDefinition)
    #expect(
      r.stderr
        == "\(path):1:12: error: column 'chx' is neither an item of instrument 'rnr8-illustrative' nor one of client, gender, ageGroup, age, responsivity. Did you mean 'ch1'?\n"
    )
    let noClient = try temporaryFile("id,ch1\nK-01,1\n")
    #expect(
      runBapas(["risk", noClient, "--instrument", "rnr8"]).stderr.hasPrefix(
        "\(noClient):1:1: error: the first column must be 'client'"))
  }

  @Test func jsonRecordProblemsNameTheirPath() throws {
    let input = """
      [{"client": "A", "gender": "male", "ageGroup": "adult", "answers": {"zz": 1}},
       {"client": "B", "gender": "male", "ageGroup": "adult", "answers": {"ch1": "two"}},
       {"client": "C", "gender": "male", "ageGroup": "adult", "answers": {"ch1": 1, "ch2": "maybe", "ch3": 1, "ap1": 0, "ap2": "no",
         "ac1": 1, "ac2": 0, "as1": 1, "as2": "no", "fm1": 3, "fm2": "no", "sw1": "yes", "sw2": 1, "sw3": 1, "lr1": "no", "lr2": 2, "sa1": 2, "sa2": "yes"}},
       {"gender": "male", "answers": {}, "extra": 1}]
      """
    let path = try temporaryFile(input, name: "answers.json")
    let r = runBapas(["risk", path, "--instrument", "rnr8"])
    #expect(r.status == .someRowsRejected)
    let errors = r.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    #expect(
      errors == [
        "\(path): error: $[0].answers.zz: 'zz' is not an item of instrument 'rnr8-illustrative'.",
        "\(path): error: $[1].answers.ch1: item 'ch1' takes a whole-number count, found the string \"two\".",
        "\(path): error: $[2].answers.ch2: client 'C': Item 'ch2': the answer 'maybe' is not in the item's table (allowed: 'no', 'yes').",
        "\(path): error: $[3].extra: unknown key; a record has client, gender, ageGroup, age, responsivity and answers.",
        "\(path): error: $[3].client: a non-empty client id (string) is required.",
      ])
    let broken = try temporaryFile("{\"clients\": [", name: "broken.json")
    let b = runBapas(["risk", broken, "--instrument", "rnr8"])
    #expect(b.status == .invalidDefinition)
    #expect(b.stderr.hasPrefix("\(broken): error: $: the file is not valid JSON"))
  }

  /// The mini definition of `Documentation/RiskNeedResponsivity.md`: h1 = 2 → 1, h2 = yes → 1, p1 = yes → 1,
  /// p2 = 1 → 1, w1 = 1 → 1, w2 unanswered → total 5, sedang for a man (3–5); need: peers.
  @Test func scoresADefinitionFile() throws {
    let definition = try temporaryFile(miniDefinition, name: "mini.json")
    let path = try temporaryFile("client,h1,h2,p1,p2,w1,w2,gender\nA,2,yes,yes,1,1,NA,male\n")
    let r = runBapas(["risk", path, "--instrument", definition, "--format", "csv"])
    #expect(r.status == .success)
    #expect(
      r.stdout
        == "client,instrument,total,scheme,band,history_points,peers_points,work_points,needs,strengths,missing\nA,mini-example 1,5,rst,sedang,2,2,1,peers,,w2\n"
    )
    let invalid = try temporaryFile(#"{"formatVersion": 1}"#, name: "bad.json")
    let bad = runBapas(["risk", path, "--instrument", invalid])
    #expect(bad.status == .invalidDefinition)
    #expect(bad.stderr.hasPrefix("\(invalid): error: "))
  }

  @Test func usageAndFileErrors() throws {
    let path = try temporaryFile(header + "\n" + k01 + "\n")
    #expect(runBapas(["risk", path]).status == .usage)
    #expect(runBapas(["risk", path, "--instrument", "lsir"]).status == .usage)
    #expect(runBapas(["risk", path, "--instrument", "rnr8", "--format", "xml"]).status == .usage)
    #expect(runBapas(["risk", "/nonexistent/answers.csv", "--instrument", "rnr8"]).status == .unreadableInput)
    #expect(runBapas(["risk", path, "--instrument", "/nonexistent/def.json"]).status == .unreadableInput)
  }

  @Test func theSampleFilesScoreCleanly() {
    let csv = runBapas([
      "risk", riskRepositoryRoot + "/Documentation/Samples/risk/rnr8-clients.csv", "--instrument", "rnr8", "--plan",
    ])
    #expect(csv.status == .success)
    #expect(csv.stderr.hasPrefix("bapas risk: 5 of 5 clients scored, 0 rejected;"))
    let json = runBapas([
      "risk", riskRepositoryRoot + "/Documentation/Samples/risk/rnr8-clients.json", "--instrument", "rnr8",
    ])
    #expect(json.status == .success)
    #expect(json.stderr.hasPrefix("bapas risk: 2 of 2 clients scored, 0 rejected;"))
  }
}

private let miniDefinition = #"""
  {
    "formatVersion": 1, "id": "mini-example", "version": "1",
    "name": {"id": "Contoh mini", "en": "Mini example"}, "status": "illustrative",
    "domains": [
      {"id": "history", "label": {"id": "Riwayat pidana", "en": "Criminal history"}, "centralEight": "criminalHistory", "kind": "static", "maximumMissingItems": 0,
       "items": [
         {"id": "h1", "label": {"id": "Butir 1", "en": "Item 1"}, "response": {"type": "count", "ranges": [
           {"minimum": 0, "maximum": 0, "points": 0}, {"minimum": 1, "maximum": 2, "points": 1}, {"minimum": 3, "points": 2}]}},
         {"id": "h2", "label": {"id": "Butir 2", "en": "Item 2"}, "response": {"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}}]},
      {"id": "peers", "label": {"id": "Pergaulan antisosial", "en": "Antisocial associates"}, "centralEight": "antisocialAssociates", "kind": "dynamic",
       "items": [
         {"id": "p1", "label": {"id": "Butir 3", "en": "Item 3"}, "response": {"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}},
         {"id": "p2", "label": {"id": "Butir 4", "en": "Item 4"}, "response": {"type": "choice", "options": [
           {"value": "0", "points": 1}, {"value": "1", "points": 1}, {"value": "2", "points": 0, "strength": true}, {"value": "3", "points": 0, "strength": true}]}}]},
      {"id": "work", "label": {"id": "Sekolah/pekerjaan", "en": "School/work"}, "centralEight": "schoolWork", "kind": "dynamic",
       "items": [
         {"id": "w1", "label": {"id": "Butir 5", "en": "Item 5"}, "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}},
         {"id": "w2", "label": {"id": "Butir 6", "en": "Item 6"}, "response": {"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}}]}
    ],
    "missingItems": {"maximumItems": 1, "whenExceeded": "reject"},
    "bandSchemes": [{"id": "rst", "label": {"id": "Rendah/sedang/tinggi", "en": "Low/moderate/high"}, "bands": [
      {"id": "rendah", "label": {"id": "Rendah", "en": "Low"}}, {"id": "sedang", "label": {"id": "Sedang", "en": "Moderate"}},
      {"id": "tinggi", "label": {"id": "Tinggi", "en": "High"}}]}],
    "cutoffTables": [
      {"id": "male", "population": {"gender": "male"}, "scheme": "rst", "ranges": [
        {"band": "rendah", "minimum": 0, "maximum": 2}, {"band": "sedang", "minimum": 3, "maximum": 5}, {"band": "tinggi", "minimum": 6}]},
      {"id": "female", "population": {"gender": "female"}, "scheme": "rst", "ranges": [
        {"band": "rendah", "minimum": 0, "maximum": 3}, {"band": "sedang", "minimum": 4, "maximum": 6}, {"band": "tinggi", "minimum": 7, "maximum": 8}]}
    ]
  }
  """#
