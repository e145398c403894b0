import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@testable import PemasyarakatanRPC

/// `score` against R psych 2.2.9 `scoreItems(impute = "none")` on the shared reference data.
@Suite("score method")
struct ScoreMethodTests {
  static let keys =
    #"{"Goal": ["item4","item6","item8","item11"], "Task": ["item1","item2","item10","item12"], "Bond": ["item3","item5","item7","item9"], "Total": ["item1","item2","item3","item4","item5","item6","item7","item8","item9","item10","item11","item12"]}"#

  func compareWithR(_ r: JSONValue?) throws {
    let reference = try fixture("wai12_miss_scores_impute_none.csv").split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = reference[0]
    let scores = r?["scores"]?.array ?? []
    #expect(scores.count == 1000)
    #expect(r?["policy"]?.string == "none")
    for (i, row) in reference.dropFirst().enumerated() where i < scores.count {
      for scale in ["Goal", "Task", "Bond", "Total"] {
        let cell = scores[i]["scales"]?[scale]
        let sum = Double(row[header.firstIndex(of: "\(scale)_sum") ?? 0]) ?? .nan
        let mean = Double(row[header.firstIndex(of: "\(scale)_mean") ?? 0]) ?? .nan
        let missing = Double(row[header.firstIndex(of: "\(scale)_nmissing") ?? 0]) ?? .nan
        #expect(cell?["sum"]?.double == sum, "row \(i + 1) \(scale) sum")
        expectClose(cell?["mean"]?.double, mean, relative: 1e-12, "row \(i + 1) \(scale) mean")
        #expect(cell?["missing"]?.double == missing, "row \(i + 1) \(scale) missing")
      }
    }
  }

  @Test func csvReproducesPsychScoreItemsImputeNone() throws {
    let csv = try fixture("wai12_miss_1000.csv")
    let r = result(
      try call(
        request("score", #"{"scales": \#(Self.keys), "min": 1, "max": 5, "impute": "none", "csv": \#(quoted(csv))}"#)))
    try compareWithR(r)
    #expect(r?["rowsScored"]?.double == 1000)
  }

  @Test func rowObjectsGiveTheSameScores() throws {
    let csv = try fixture("wai12_miss_1000.csv")
    let (header, rows) = parseSimpleCSV(csv)
    let objects = rows.map { row in
      "{" + zip(header, row).map { "\"\($0)\":" + ($1.map(String.init) ?? "null") }.joined(separator: ",") + "}"
    }
    let r = result(
      try call(
        request(
          "score",
          #"{"scales": \#(Self.keys), "min": 1, "max": 5, "impute": "none", "rows": [\#(objects.joined(separator: ","))]}"#
        )))
    try compareWithR(r)
  }

  @Test func builtInInstrumentWithIDsAndBadRows() throws {
    let csv =
      "respondent,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12\nA,5,5,5,5,5,5,5,5,5,5,5,5\nB,5,x,5,5,5,5,5,5,5,5,5,5\nC,1,1,1,1,1,1,1,1,1,1,1,9\n"
    let r = result(
      try call(request("score", #"{"instrument": "wai-sr", "idColumn": "respondent", "csv": \#(quoted(csv))}"#)))
    #expect(r?["scores"]?.array?.count == 1)
    #expect(r?["scores"]?[0]?["id"]?.string == "A")
    #expect(r?["scores"]?[0]?["scales"]?["Total"]?["sum"]?.double == 60)
    #expect(r?["policy"]?.string == "prorate")
    let problems = r?["problems"]?.array ?? []
    #expect(problems.map { $0["what"]?.string } == ["notAnInteger", "outOfRange"])
    #expect(problems[0]["where"]?["line"]?.double == 3)
    #expect(problems[0]["where"]?["columnName"]?.string == "item2")
    #expect(problems[0]["value"]?.string == "x")
    #expect(r?["rowsRejected"]?.double == 2)
  }

  @Test func rowProblemsNameTheirPath() throws {
    let r = result(
      try call(
        request(
          "score",
          #"{"scales": {"A": ["x", "-y"]}, "min": 1, "max": 4, "idColumn": "id", "rows": [{"id": "p", "x": 1, "y": 4}, {"id": 2, "x": 1.5, "y": 2}, {"x": 9, "y": "NA"}, "no"]}"#
        )))
    // 'y' is reverse keyed: 1 + 4 − 4 = 1, so A = 1 + 1.
    #expect(r?["scores"]?[0]?["scales"]?["A"]?["sum"]?.double == 2)
    #expect(r?["scores"]?[0]?["id"]?.string == "p")
    let problems = r?["problems"]?.array ?? []
    #expect(
      problems.map { $0["where"]?["path"]?.string } == ["$.params.rows[1].x", "$.params.rows[2].x", "$.params.rows[3]"])
    #expect(r?["rowsRead"]?.double == 4)
  }

  @Test func absentScoresSayWhy() throws {
    let r = result(
      try call(
        request("score", #"{"scales": {"A": ["x", "y", "z"]}, "min": 1, "max": 4, "prorate": 2, "rows": [{"x": 1}]}"#)))
    let cell = r?["scores"]?[0]?["scales"]?["A"]
    #expect(cell?["sum"] == .null)
    #expect(cell?["missing"]?.double == 2)
    #expect(cell?["absence"]?.string == "only 1 item answered; the missing-data rule requires 2")
  }

  @Test func definitionProblemsAreReportedUnderTheParamsPath() throws {
    let e = errorOf(try call(request("score", #"{"instrument": {"id": "x"}, "csv": "a\n1"}"#)))
    #expect(e?.code == -32602)
    #expect(e?.paths.allSatisfy { $0.hasPrefix("$.params.instrument") } == true)
    #expect(e?.what.contains("missingKey") == true)
  }

  @Test func instrumentAndDataParamsAreChecked() throws {
    #expect(errorOf(try call(request("score", #"{"instrument": "wai-sr"}"#)))?.paths == ["$.params.csv"])
    #expect(
      errorOf(try call(request("score", #"{"instrument": "wai-sx", "csv": "a"}"#)))?.paths == ["$.params.instrument"])
    #expect(
      errorOf(try call(request("score", #"{"scales": {"A": ["x"]}, "min": 3, "max": 1, "csv": "x\n1"}"#)))?.paths == [
        "$.params.max"
      ])
    #expect(
      errorOf(try call(request("score", #"{"instrument": "wai-sr", "csv": "a", "rows": []}"#)))?.paths == [
        "$.params.rows"
      ])
    #expect(
      errorOf(try call(request("score", #"{"instrument": "wai-sr", "csv": "a", "prorate": 1e300}"#)))?.paths == [
        "$.params.prorate"
      ])
    // Huge response values are refused before any sum could overflow.
    #expect(
      errorOf(
        try call(
          request(
            "score", #"{"scales": {"A": ["x"]}, "min": -9007199254740991, "max": -9007199254740990, "csv": "x\n1"}"#)))?
        .code == -32602)
    #expect(
      errorOf(
        try call(
          request(
            "score", #"{"scales": {"A": ["x"]}, "min": -900000000000000, "max": -899999999999999, "csv": "x\n1"}"#)))?
        .paths == ["$.params.min"])
  }
}
