import Foundation
import Testing

@testable import BapasCLI

/// The privacy fixtures live with the library tests (see their PROVENANCE.md).
enum ExportFixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("PemasyarakatanTests/Fixtures/privacy")
  static var cases: String { directory.appendingPathComponent("cases_shared.json").path }
  static var key: String { directory.appendingPathComponent("research-test.key").path }
  static func text(_ name: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
  }
}

@Suite("bapas export research")
struct ExportCommandTests {
  static func export(_ extra: [String]) -> (status: BapasExitStatus, stdout: String, stderr: String) {
    runBapas(
      [
        "export", "research", ExportFixtures.cases, "--key-file", ExportFixtures.key, "--k", "2", "--as-of",
        "2026-01-01",
      ] + extra)
  }

  @Test func csvHasNoIdentifierAndReportsTheSuppression() throws {
    let r = Self.export([])
    #expect(r.status == .success)
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines.first
        == "pseudonym,ageBand,sex,bapasCode,legalBasis,stage,receivedMonth,guidanceStartMonth,guidanceEndMonth,contactsAttended,contactsMissed,contactsExcused,programmeEnrolments,programmeHours,assessments,latestAssessmentMonth,latestBand,flags,revocationState"
    )
    #expect(lines.count == 13)  // header + the 12 rows of the hand count (ResearchExportTests)
    let pii = try ExportFixtures.text("cases_shared.json.pii.txt").split(separator: "\n")
    #expect(pii.count == 200)
    for id in pii { #expect(!r.stdout.contains(id) && !r.stderr.contains(id), "\(id)") }
    for caseID in try ExportFixtures.text("pseudonym_vectors.csv").split(separator: "\n").dropFirst().map({
      $0.split(separator: ",")[0]
    }) {
      #expect(!r.stdout.contains(caseID))
    }
    #expect(!r.stdout.contains("19870512"))  // officer NIPs
    #expect(
      r.stderr
        == "bapas export research: 12 of 40 records exported; 28 suppressed (28 in 28 groups of ageBand, sex, bapasCode, legalBasis with fewer than k = 2 members; 0 under 12 on 2026-01-01), 0 rejected as invalid.\n"
    )
    // Pseudonyms are Python's.
    let python = Set(
      try ExportFixtures.text("pseudonym_vectors.csv").split(separator: "\n").dropFirst().map {
        String($0.split(separator: ",")[1])
      })
    for line in lines.dropFirst() { #expect(python.contains(String(line.prefix(64)))) }
  }

  @Test func jsonMetadataReportsSuppressionAndNeverTheKey() throws {
    let r = Self.export(["--format", "json"])
    #expect(r.status == .success)
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let metadata = object?["metadata"] as? [String: Any]
    let suppressed = metadata?["suppressed"] as? [String: Any]
    #expect(metadata?["rowsExported"] as? Int == 12)
    #expect(suppressed?["total"] as? Int == 28)
    #expect(suppressed?["belowK"] as? Int == 28)
    #expect((object?["rows"] as? [Any])?.count == 12)
    let key = try ExportFixtures.text("research-test.key")
    #expect(!r.stdout.contains(key) && !r.stderr.contains(key))
    #expect(!r.stdout.contains(ExportFixtures.key))  // not even the key file's path
  }

  @Test func outputFileAndRefusals() throws {
    let out = try temporaryFile("old", name: "export.csv")
    #expect(Self.export(["--output", out]).status == .success)
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("pseudonym,"))
    // An output that is an input is refused before anything is written.
    let r = Self.export(["--output", ExportFixtures.key])
    #expect(r.status == .usage)
    #expect(try ExportFixtures.text("research-test.key").count == 45)
    // Missing options and bad values are usage errors.
    #expect(
      runBapas(["export", "research", ExportFixtures.cases, "--k", "2", "--as-of", "2026-01-01"]).status == .usage)
    #expect(Self.export(["--k", "1"]).stderr.contains("The option '--k' was given more than once."))
    #expect(
      runBapas([
        "export", "research", ExportFixtures.cases, "--key-file", ExportFixtures.key, "--k", "1", "--as-of",
        "2026-01-01",
      ]).status == .usage)
    #expect(
      runBapas([
        "export", "research", ExportFixtures.cases, "--key-file", ExportFixtures.key, "--k", "2", "--as-of",
        "2026-02-30",
      ]).status == .usage)
    #expect(runBapas(["export", "reserch", ExportFixtures.cases]).stderr.contains("Did you mean 'research'?"))
    let shortKey = try temporaryFile("short", name: "k.key")
    let s = runBapas([
      "export", "research", ExportFixtures.cases, "--key-file", shortKey, "--k", "2", "--as-of", "2026-01-01",
    ])
    #expect(s.status == .usage && s.stderr.contains("at least 32"))
  }
}
