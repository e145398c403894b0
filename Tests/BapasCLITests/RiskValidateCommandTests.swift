import Foundation
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

/// The repository root, from this file's path (…/Tests/BapasCLITests/RiskValidateCommandTests.swift).
private let validateRepositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

private func jsonObject(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

private func number(_ object: [String: Any]?, _ key: String) -> Double {
  (object?[key] as? NSNumber)?.doubleValue ?? .nan
}

@Suite("bapas validate-risk")
struct RiskValidateCommandTests {
  /// Hanley & McNeil (1982, Radiology 143:29), Table I: 58 normal (ratings 1–5: 33, 6, 6, 11, 2) and
  /// 51 abnormal (3, 2, 2, 11, 33); published A = 0.893, SE = 0.032. The reference values are those the
  /// engine's `RiskValidationTests.hanleyMcNeilWorkedExample` checks (DeLong from an independent
  /// pairwise computation).
  @Test func reproducesTheHanleyMcNeilWorkedExample() throws {
    var rows = ["score,outcome"]
    for (rating, count) in zip(1...5, [33, 6, 6, 11, 2]) { rows += Array(repeating: "\(rating),0", count: count) }
    for (rating, count) in zip(1...5, [3, 2, 2, 11, 33]) { rows += Array(repeating: "\(rating),1", count: count) }
    let path = try temporaryFile(rows.joined(separator: "\n") + "\n")
    let r = runBapas(["validate-risk", path, "--format", "json"])
    #expect(r.status == .success)
    let auc = try #require(try jsonObject(r.stdout)["auc"] as? [String: Any])
    #expect(auc["positives"] as? Int == 51 && auc["negatives"] as? Int == 58)
    expectClose(number(auc, "auc"), 0.8931710615280603, relative: 1e-12, "AUC")
    let hm = auc["hanleyMcNeil"] as? [String: Any]
    let dl = auc["deLong"] as? [String: Any]
    expectClose(number(hm, "standardError"), 0.03248657960734202, relative: 1e-10, "H&M SE")
    expectClose(number(hm, "lower"), 0.8294985355167765, relative: 1e-10, "H&M lower")
    expectClose(number(dl, "standardError"), 0.030724408379381115, relative: 1e-10, "DeLong SE")
    expectClose(number(dl, "lower"), 0.8329523276581726, relative: 1e-10, "DeLong lower")
    expectClose(number(dl, "upper"), 0.9533897953979479, relative: 1e-10, "DeLong upper")
    // Text: 0.8931711 ± 1.959964 × 0.0324866 = [0.8294985, 0.9568436].
    let text = runBapas(["validate-risk", path])
    #expect(
      text.stdout.contains(
        "AUC: 0.8932\n  DeLong 95% CI: 0.8330–0.9534 (SE 0.0307)\n  Hanley–McNeil 95% CI: 0.8295–0.9568 (SE 0.0325)\n"))
  }

  /// The sample: cases (outcome 1) score 6, 12, 18, 20; controls 3, 9, 2, 5, 10, 16.
  /// Controls below each case: 3, 5, 6, 6 → AUC 20/24 = 5/6. Placements V10 = 1/2, 5/6, 1, 1 (variance
  /// 1/18); V01 = 1, 3/4, 1, 1, 3/4, 1/2 (variance 1/24); DeLong var = (1/18)/4 + (1/24)/6 = 1/48.
  /// Hanley–McNeil with A = 5/6, Q1 = 5/7, Q2 = 25/33: var = (5/36 + 3·5/252 + 5·125/1188)/24 = 1425/66528.
  /// Bands and outcomes are those of the engine's `ratesAndCalibration` test: E = 3.1, O = 4, E/O = .775,
  /// CI [0.2908713394952118, 2.064916402703496].
  /// Men: cases 18, 20 over controls 3, 2, 10 → 1. Women: cases 6, 12, controls 9, 5, 16 → 3/6 = .5,
  /// V10 = 1/3, 2/3 (var 1/18), V01 = 1/2, 1, 0 (var 1/4): var = 1/36 + 1/12 = 1/9, SE 1/3.
  @Test func theSampleFileByHand() throws {
    let sample = validateRepositoryRoot + "/Documentation/Samples/risk/validation.csv"
    let r = runBapas([
      "validate-risk", sample, "--expected-rates", "rendah=0.1,sedang=0.3,tinggi=0.6", "--band-order",
      "rendah,sedang,tinggi",
      "--format", "json",
    ])
    #expect(r.status == .success)
    let object = try jsonObject(r.stdout)
    let auc = object["auc"] as? [String: Any]
    expectClose(number(auc, "auc"), 5.0 / 6.0, relative: 1e-15, "AUC")
    expectClose(
      number(auc?["deLong"] as? [String: Any], "standardError"), (1.0 / 48.0).squareRoot(), relative: 1e-14, "DeLong SE"
    )
    expectClose(
      number(auc?["hanleyMcNeil"] as? [String: Any], "standardError"), (1425.0 / 66528.0).squareRoot(), relative: 1e-14,
      "H&M SE")
    let rates = try #require(object["bandRates"] as? [[String: Any]])
    #expect(rates.compactMap { $0["band"] as? String } == ["rendah", "sedang", "tinggi"])
    #expect(rates.compactMap { $0["events"] as? Int } == [1, 1, 2])
    #expect(rates.compactMap { $0["count"] as? Int } == [4, 3, 3])
    let calibration = object["calibration"] as? [String: Any]
    expectClose(number(calibration, "expected"), 3.1, relative: 1e-14, "E")
    expectClose(number(calibration, "ratio"), 0.775, relative: 1e-14, "E/O")
    expectClose(number(calibration, "lower"), 0.2908713394952118, relative: 1e-12, "E/O lower")
    expectClose(number(calibration, "upper"), 2.064916402703496, relative: 1e-12, "E/O upper")
    let subgroups = try #require(object["subgroups"] as? [[String: Any]])
    #expect(subgroups.first?["column"] as? String == "gender")
    let groups = try #require(subgroups.first?["groups"] as? [[String: Any]])
    #expect(groups.compactMap { $0["group"] as? String } == ["male", "female"])
    let female = groups[1]["auc"] as? [String: Any]
    expectClose(number(female, "auc"), 0.5, relative: 1e-15, "female AUC")
    expectClose(number(female?["deLong"] as? [String: Any], "standardError"), 1.0 / 3.0, relative: 1e-14, "female SE")

    let text = runBapas([
      "validate-risk", sample, "--expected-rates", "rendah=0.1,sedang=0.3,tinggi=0.6", "--band-order",
      "rendah,sedang,tinggi",
    ])
    #expect(
      text.stdout.contains(
        "AUC: 0.8333\n  DeLong 95% CI: 0.5504–1.0000 (SE 0.1443)\n  Hanley–McNeil 95% CI: 0.5465–1.0000 (SE 0.1464)\n"))
    #expect(
      text.stdout.contains(
        "  rendah       1 of 4 (25.0%)\n  sedang       1 of 3 (33.3%)\n  tinggi       2 of 3 (66.7%)\n"))
    #expect(text.stdout.contains("Calibration: expected 3.10, observed 4, E/O 0.775 (95% CI 0.291–2.065)\n"))
    #expect(
      text.stdout.contains(
        "  male         n 5: AUC 1.0000, DeLong 95% CI 1.0000–1.0000\n  female       n 5: AUC 0.5000, DeLong 95% CI 0.0000–1.0000\n"
      ))
    #expect(text.stderr == "bapas validate-risk: 10 people analysed, 0 rows left out.\n")
  }

  /// The engine's hand-worked six (AUC 7/9, DeLong SE √(7/162)) at 90%: z = 1.6448536269514722.
  @Test func anotherConfidenceLevel() throws {
    let path = try temporaryFile("score,outcome\n2,1\n3,1\n4,1\n1,0\n2,0\n3,0\n")
    let r = runBapas(["validate-risk", path, "--confidence", "0.9", "--format", "json"])
    let auc = try #require(try jsonObject(r.stdout)["auc"] as? [String: Any])
    expectClose(number(auc, "auc"), 7.0 / 9.0, relative: 1e-15, "AUC")
    expectClose(number(auc, "z"), 1.6448536269514722, relative: 1e-9, "z")
    expectClose(
      number(auc["deLong"] as? [String: Any], "lower"), 7.0 / 9.0 - 1.6448536269514722 * (7.0 / 162.0).squareRoot(),
      relative: 1e-9, "90% lower")
    #expect(runBapas(["validate-risk", path]).stdout.contains("DeLong 95% CI: 0.3704–1.0000 (SE 0.2079)"))
    #expect(runBapas(["validate-risk", path, "--confidence", "95"]).status == .usage)
  }

  /// A subgroup with too few outcomes is reported with the engine's reason, not a number.
  @Test func aSmallSubgroupIsNotComputed() throws {
    let path = try temporaryFile(
      "score,outcome,gender\n2,1,female\n3,1,female\n4,1,female\n1,0,female\n2,0,female\n3,0,female\n5,1,male\n1,0,male\n"
    )
    let r = runBapas(["validate-risk", path])
    #expect(r.stdout.contains("  female       n 6: AUC 0.7778, DeLong 95% CI 0.3704–1.0000\n"))
    #expect(
      r.stdout.contains(
        "  male         n 2: not computed. Validation: 1 people with and 1 without the outcome; at least 2 of each are needed.\n"
      ))
    let json = try jsonObject(runBapas(["validate-risk", path, "--format", "json"]).stdout)
    let groups = try #require((json["subgroups"] as? [[String: Any]])?.first?["groups"] as? [[String: Any]])
    #expect(
      groups[1]["notComputed"] as? String
        == "Validation: 1 people with and 1 without the outcome; at least 2 of each are needed.")
    #expect(groups[1]["auc"] == nil)
  }

  @Test func badRowsAreReportedAndTheRestAnalysed() throws {
    let path = try temporaryFile("score,outcome,gender\n2,1,f\nx,1,f\n4,maybe,f\n5\n1,0,m\n2,0,m\n3,1,m\n")
    let r = runBapas(["validate-risk", path])
    #expect(r.status == .someRowsRejected)
    #expect(
      r.stderr.contains(
        "\(path):3:1: error: column 'score': the score is not a finite number ('x'); the row is left out.\n"))
    #expect(
      r.stderr.contains(
        "\(path):4:3: error: column 'outcome': the outcome must be 1/0, true/false or yes/no ('maybe'); the row is left out.\n"
      ))
    #expect(r.stderr.contains("\(path):5:1: error: expected 3 fields, found 1 ('5'); the row is left out.\n"))
    #expect(r.stderr.hasSuffix("bapas validate-risk: 4 people analysed, 3 rows left out.\n"))
    // Left: cases 2, 3; controls 1, 2 → (1 + ½) + (1 + 1) = 3.5 of 4.
    #expect(r.stdout.contains("AUC: 0.8750\n"))
  }

  @Test func statusesForUnusableInput() throws {
    let header = try temporaryFile("points,reoffended\n1,0\n")
    let h = runBapas(["validate-risk", header])
    #expect(h.status == .invalidDefinition)
    #expect(h.stderr.hasPrefix("\(header):1:1: error: the header must begin with 'score,outcome'"))
    let few = try temporaryFile("score,outcome\n1,1\n2,0\n3,0\n")
    let f = runBapas(["validate-risk", few])
    #expect(f.status == .invalidDefinition)
    #expect(
      f.stderr == "\(few): error: Validation: 1 people with and 2 without the outcome; at least 2 of each are needed.\n"
    )
    let banded = try temporaryFile("score,outcome,band\n1,1,rendah\n2,0,rendah\n3,1,tinggi\n4,0,tinggi\n")
    let missing = runBapas(["validate-risk", banded, "--expected-rates", "rendah=0.1"])
    #expect(missing.status == .invalidDefinition)
    #expect(missing.stderr == "\(banded): error: Validation: no expected outcome rate for band 'tinggi'.\n")
    let plain = try temporaryFile("score,outcome\n1,1\n2,0\n3,1\n4,0\n")
    #expect(runBapas(["validate-risk", plain, "--expected-rates", "rendah=0.1"]).status == .usage)
    #expect(runBapas(["validate-risk", banded, "--expected-rates", "rendah=1.5"]).status == .usage)
    #expect(runBapas(["validate-risk", banded, "--format", "xml"]).status == .usage)
    #expect(runBapas(["validate-risk", "/nonexistent/follow-up.csv"]).status == .unreadableInput)
  }
}
