import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

/// The wai12 data files live in the AssessmentEngine test fixtures (copied from the team's reference
/// set: 1,000 × 12 synthetic WAI-SR-shaped responses, values 1–5; the `_miss` file has 390 blank
/// cells). This target has no resources of its own, so the files are found next to this source file.
private func fixture(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("AssessmentEngineTests/Fixtures/\(name)").path
}

/// The JSON output parsed into nested dictionaries.
private func json(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

private func scale(_ document: [String: Any], _ name: String) throws -> [String: Any] {
  let scales = try #require(document["scales"] as? [String: Any])
  return try #require(scales[name] as? [String: Any])
}

private func item(_ scale: [String: Any], _ name: String) throws -> [String: Any] {
  let items = try #require(scale["items"] as? [String: Any])
  return try #require(items[name] as? [String: Any])
}

private func number(_ object: [String: Any], _ key: String) -> Double? {
  (object[key] as? NSNumber)?.doubleValue
}

@Suite("bapas reliability")
struct ReliabilityCommandTests {
  // Reference values: r_out/r_stats_long.csv of the team's reference set (R 4.2.2, psych 2.2.9,
  // `alpha(x[, items])` with use = "pairwise"; `omega(nfactors = 1)$omega.tot`).

  @Test func completeDataReproducesPsychThroughJSON() throws {
    let r = runBapas(["reliability", fixture("wai12_1000.csv"), "--instrument", "wai-sr", "--format", "json"])
    #expect(r.status == .success)
    let document = try json(r.stdout)
    let goal = try scale(document, "Goal")
    expectClose(number(goal, "alpha"), 0.81307061160642591, relative: 1e-12, "Goal alpha")
    expectClose(number(goal, "standardizedAlpha"), 0.81337454332385661, relative: 1e-12, "Goal std alpha")
    expectClose(number(goal, "lambda6"), 0.7668543827621086, relative: 1e-12, "Goal G6")
    expectClose(number(goal, "ase"), 0.0096446583485926413, relative: 1e-12, "Goal ase")
    expectClose(number(goal, "mean"), 3.6989999999999998, relative: 1e-12, "Goal mean")
    expectClose(number(goal, "sd"), 0.82048595185852946, relative: 1e-12, "Goal sd")
    expectClose(number(goal, "feldtLower"), 0.79340942121613423, relative: 1e-9, "Goal Feldt lower")
    expectClose(number(goal, "feldtUpper"), 0.8312999235736237, relative: 1e-9, "Goal Feldt upper")
    expectClose(number(goal, "duhachekLower"), 0.79416708124318436, relative: 1e-12, "Goal Duhachek lower")
    expectClose(number(goal, "duhachekUpper"), 0.83197414196966746, relative: 1e-12, "Goal Duhachek upper")
    expectClose(number(goal, "omegaTotal"), 0.81393920386148511, relative: 1e-6, "Goal omega")
    #expect(number(goal, "n") == 1000)
    let item6 = try item(goal, "item6")
    expectClose(number(item6, "alphaIfDeleted"), 0.7659946256131317, relative: 1e-12, "item6 alpha.drop")
    expectClose(
      number(item6, "standardizedAlphaIfDeleted"), 0.76608849422183956, relative: 1e-12, "item6 std.alpha.drop")
    expectClose(number(item6, "rawR"), 0.80660604930369217, relative: 1e-12, "item6 raw.r")
    expectClose(number(item6, "stdR"), 0.80021696298664002, relative: 1e-12, "item6 std.r")
    expectClose(number(item6, "rCor"), 0.70088219139185226, relative: 1e-12, "item6 r.cor")
    expectClose(number(item6, "rDrop"), 0.63119272267234205, relative: 1e-12, "item6 r.drop")
    expectClose(number(item6, "mean"), 3.573, relative: 1e-12, "item6 mean")
    expectClose(number(item6, "sd"), 1.0685564153627141, relative: 1e-12, "item6 sd")
    #expect(number(item6, "n") == 1000)

    let total = try scale(document, "Total")
    expectClose(number(total, "alpha"), 0.8245733106240043, relative: 1e-12, "Total alpha")
    expectClose(number(total, "feldtLower"), 0.80807842167544408, relative: 1e-9, "Total Feldt lower")
    expectClose(number(total, "feldtUpper"), 0.84021807030082063, relative: 1e-9, "Total Feldt upper")
    expectClose(number(total, "omegaTotal"), 0.82655530851177383, relative: 1e-6, "Total omega")
    expectClose(number(total, "mean"), 3.6635833333333334, relative: 1e-12, "Total mean")

    let metadata = try #require(document["metadata"] as? [String: Any])
    #expect(metadata["rowsAnalysed"] as? Int == 1000)
    #expect(metadata["missingData"] as? String == "pairwise")
    #expect(metadata["scales"] as? [String] == ["Goal", "Task", "Bond", "Total"])
  }

  @Test func everyDocumentedKeyIsPresent() throws {
    let r = runBapas(["reliability", fixture("wai12_1000.csv"), "--instrument", "wai-sr", "--format", "json"])
    let bond = try scale(try json(r.stdout), "Bond")
    for key in [
      "alpha", "standardizedAlpha", "lambda6", "averageR", "medianR", "signalToNoise", "ase", "feldtLower",
      "feldtUpper", "duhachekLower", "duhachekUpper", "omegaTotal", "mean", "sd", "n", "items",
    ] {
      #expect(bond[key] != nil, "missing \(key)")
    }
    let item3 = try item(bond, "item3")
    for key in ["n", "rawR", "stdR", "rCor", "rDrop", "mean", "sd", "alphaIfDeleted", "standardizedAlphaIfDeleted"] {
      #expect(item3[key] != nil, "missing item key \(key)")
    }
  }

  @Test func missingDataPairwiseQuickKeys() throws {
    let r = runBapas([
      "reliability", fixture("wai12_miss_1000.csv"), "--scale", "Task=item1,item2,item10,item12", "--min", "1", "--max",
      "5",
      "--format", "json",
    ])
    #expect(r.status == .success)
    let task = try scale(try json(r.stdout), "Task")
    expectClose(number(task, "alpha"), 0.73005441451475162, relative: 1e-12, "Task alpha")
    expectClose(number(task, "feldtLower"), 0.7016615994691604, relative: 1e-9, "Task Feldt lower")
    expectClose(number(task, "feldtUpper"), 0.75637944737484741, relative: 1e-9, "Task Feldt upper")
    expectClose(number(task, "omegaTotal"), 0.72914320021764101, relative: 1e-6, "Task omega")
    let item2 = try item(task, "item2")
    #expect(number(item2, "n") == 959)
    expectClose(number(item2, "rDrop"), 0.52607293332609939, relative: 1e-12, "item2 r.drop")
    expectClose(number(item2, "alphaIfDeleted"), 0.66619117417162665, relative: 1e-12, "item2 alpha.drop")
    expectClose(number(item2, "stdR"), 0.74646596408566757, relative: 1e-12, "item2 std.r")
    expectClose(number(item2, "sd"), 1.0157073264879515, relative: 1e-12, "item2 sd")
    #expect(number(try item(task, "item1"), "n") == 963)
  }

  @Test(arguments: [
    // psych alpha(impute = "mean") and alpha(use = "complete.obs") on wai12_miss, scale Bond.
    ("impute-mean", 0.69671294094453873),
    ("complete", 0.71316575275530703),
  ])
  func missingDataPolicies(use: String, alpha: Double) throws {
    let r = runBapas([
      "reliability", fixture("wai12_miss_1000.csv"), "--instrument", "wai-sr", "--use", use, "--format", "json",
    ])
    #expect(r.status == .success)
    expectClose(number(try scale(try json(r.stdout), "Bond"), "alpha"), alpha, relative: 1e-12, "Bond alpha \(use)")
  }

  @Test func reverseKeyedItemsAreReflected() throws {
    // Reflecting an item (6 − x on 1…5) and reverse-keying it back must reproduce psych's Goal values.
    let text = try String(contentsOfFile: fixture("wai12_1000.csv"), encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    for index in 1..<lines.count {
      var cells = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if let value = Int(cells[5]) { cells[5] = String(6 - value) }
      lines[index] = cells.joined(separator: ",")
    }
    let path = try temporaryFile(lines.joined(separator: "\n") + "\n")
    let r = runBapas([
      "reliability", path, "--scale", "Goal=item4,-item6,item8,item11", "--min", "1", "--max", "5", "--format", "json",
    ])
    #expect(r.status == .success)
    let goal = try scale(try json(r.stdout), "Goal")
    expectClose(number(goal, "alpha"), 0.81307061160642591, relative: 1e-12, "Goal alpha (reflected)")
    expectClose(
      number(try item(goal, "item6"), "rDrop"), 0.63119272267234205, relative: 1e-12, "item6 r.drop (reflected)")
    expectClose(number(try item(goal, "item6"), "mean"), 3.573, relative: 1e-12, "keyed item6 mean")
  }

  @Test func textOutputPrintsThePsychLayout() throws {
    let r = runBapas(["reliability", fixture("wai12_1000.csv"), "--instrument", "wai-sr"])
    #expect(r.status == .success)
    #expect(r.stdout.contains("Scale: Goal  (k = 4, n = 1000, missing data: pairwise)"))
    #expect(r.stdout.contains("Reliability if an item is dropped:"))
    // Goal's Feldt CI [0.7934, 0.8313] and alpha 0.8131 printed with two decimals.
    #expect(r.stdout.contains("Feldt     0.79  0.81  0.83"))
    #expect(r.stderr.contains("1000 of 1000 rows analysed, 0 rejected; 4 of 4 scales analysed"))
  }

  @Test func badRowsAreReportedAndTheRestAnalysed() throws {
    let csv = """
      a,b,c
      1,2,3
      2,2,3
      3,x,4
      4,4,9
      5,4,5
      1,1,3

      """
    let path = try temporaryFile(csv)
    let r = runBapas(["reliability", path, "--scale", "S=a,b,c", "--min", "1", "--max", "5", "--format", "json"])
    #expect(r.status == .someRowsRejected)
    #expect(r.stderr.contains("\(path):4:3: error:"))
    #expect(r.stderr.contains("\(path):5:5: error:"))
    let document = try json(r.stdout)
    let metadata = try #require(document["metadata"] as? [String: Any])
    #expect(metadata["rowsRejected"] as? Int == 2)
    #expect(metadata["rowsAnalysed"] as? Int == 4)
    // Rows kept: (1,2,3), (2,2,3), (5,4,5), (1,1,3). Item sums 9, 9, 14; sums of squares about
    // the mean a: 31 − 81/4 = 10.75; b: 25 − 81/4 = 4.75; c: 52 − 196/4 = 3. Totals 6, 7, 14, 5:
    // Σ = 32, Σt² = 306, 306 − 1024/4 = 50. alpha = 3/2 · (1 − 18.5/50) = 0.945.
    expectClose(number(try scale(document, "S"), "alpha"), 0.945, relative: 1e-12, "alpha")
  }

  @Test func aScaleWithoutVarianceReportsItsErrorAndTheOthersStillPrint() throws {
    let csv = """
      a,b,c,d
      1,2,3,3
      2,2,3,4
      3,4,3,2
      4,5,3,5

      """
    let path = try temporaryFile(csv)
    let r = runBapas([
      "reliability", path, "--scale", "Good=a,b", "--scale", "Flat=a,c", "--min", "1", "--max", "5", "--format", "json",
    ])
    #expect(r.status == .someRowsRejected)
    let document = try json(r.stdout)
    #expect(number(try scale(document, "Good"), "alpha") != nil)
    let flat = try scale(document, "Flat")
    let error = try #require(flat["error"] as? [String: Any])
    #expect((error["message"] as? String)?.contains("c") == true)
    let detail = try #require(error["detail"] as? [String: Any])
    #expect(detail["zeroVariance"] != nil)
    #expect(r.stderr.contains("error: scale 'Flat':"))

    let text = runBapas(["reliability", path, "--scale", "Good=a,b", "--scale", "Flat=a,c", "--min", "1", "--max", "5"])
    #expect(text.stdout.contains("Scale: Good"))
    #expect(text.stdout.contains("Scale: Flat\n  not computed:"))
  }

  @Test func tooFewRowsIsATypedError() throws {
    let path = try temporaryFile("a,b\n1,2\n2,3\n")
    let r = runBapas(["reliability", path, "--scale", "S=a,b", "--min", "1", "--max", "5", "--format", "json"])
    #expect(r.status == .someRowsRejected)
    let detail = try #require(
      (try scale(try json(r.stdout), "S")["error"] as? [String: Any])?["detail"] as? [String: Any])
    #expect(detail["tooFewObservations"] != nil)
  }

  @Test func usageErrors() throws {
    let path = try temporaryFile("a,b\n1,2\n")
    #expect(
      runBapas(["reliability", path, "--scale", "S=a,b", "--min", "1", "--max", "5", "--use", "listwise"]).status
        == .usage)
    #expect(
      runBapas(["reliability", path, "--scale", "S=a,b", "--min", "1", "--max", "5", "--format", "csv"]).status
        == .usage)
    #expect(
      runBapas(["reliability", path, "--scale", "S=a,b", "--min", "1", "--max", "5", "--ci-rows", "some"]).status
        == .usage)
    #expect(runBapas(["reliability", path]).status == .usage)
    #expect(runBapas(["reliability", path, "--scale", "S=a,b"]).status == .usage)
  }

  @Test func unreadableInputAndBadHeader() throws {
    #expect(runBapas(["reliability", "/nonexistent/file.csv", "--instrument", "wai-sr"]).status == .unreadableInput)
    let path = try temporaryFile("x,y\n1,2\n")
    let r = runBapas(["reliability", path, "--scale", "S=a,b", "--min", "1", "--max", "5"])
    #expect(r.status == .unreadableInput)
    #expect(r.stderr.contains("\(path):1:"))
  }
}
