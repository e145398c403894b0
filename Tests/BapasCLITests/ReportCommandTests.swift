import Foundation
import Testing

@testable import BapasCLI

/// `bapas report` on the documented sample, on the shared reference batch (copied with provenance to
/// `Tests/PemasyarakatanTests/Fixtures/privacy/`), and on bad input. The figures are the hand computations of
/// `PeriodicReportTests` (PemasyarakatanTests).
private let root: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

private let samples = root + "/Documentation/Samples/reports/"
private let shared = root + "/Tests/PemasyarakatanTests/Fixtures/privacy/cases_shared.json"

private func run(_ arguments: [String]) -> (status: BapasCLI.BapasExitStatus, out: String, err: String) {
  let io = CommandIO(stdout: OutputSink(), stderr: OutputSink())
  let status = BapasCommandLine.run(arguments: arguments, io: io)
  return (status, io.stdout.text, io.stderr.text)
}

private func temporaryFile(_ text: String) -> String {
  let path = "/tmp/bapas-report-test-\(UInt64.random(in: 0...UInt64.max)).json"
  _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  return path
}

@Suite("bapas report", .serialized)
struct ReportCommandTests {
  static let withSides = [
    "--officers", samples + "officers.json", "--partners", samples + "partners.json", "--obstacles",
    samples + "obstacles.json",
  ]

  @Test func monthlyReportOnTheSample() {
    let r = run(["report", samples + "cases.json", "--period", "2025-01"] + Self.withSides)
    #expect(r.status == .success)
    let lines = r.out.split(separator: "\n").map(String.init)
    #expect(lines.first == "# Laporan periodik Bapas: Januari 2025")
    #expect(lines.contains("| Klien dalam bimbingan pada akhir periode | 3 (dewasa 2, anak 1) |"))
    #expect(
      lines.contains(
        "| Pencabutan: diusulkan sidang TPP / dicabut sementara / tidak dilanjutkan / dicabut | 1 / 1 / 0 / 0 |"))
    #expect(lines.contains("| Mitra Pokmas Lipas aktif | 1 (POK-1) |"))
    #expect(lines.contains("| Litmas diversi | 1 | 7,0 (n = 1) | 0 dari 1 |"))
    #expect(lines.contains("| PK-1 | 2 (1/1) | 1 | 0 | 0/0 | 2 | 100,0% | 2 | 4 |"))
    #expect(r.err == "bapas report: 2025-01 from 5 case files, 2 Bapas, 3 PK; 0 left out.\n")
  }

  @Test func quarterlyReportInEnglishAndJSON() throws {
    let en = run(["report", samples + "cases.json", "--period", "2025-Q1", "--language", "en"] + Self.withSides)
    #expect(en.status == .success)
    #expect(en.out.hasPrefix("# Bapas periodic report: Q1 2025\n"))
    // 4 attended, 1 excused, 2 missed → 4/6.
    #expect(en.out.contains("| Wajib-lapor compliance | 66.7% (attended 4, excused 1, missed 2) |"))
    #expect(en.out.contains("| Revocation: proposed by the TPP / suspended / dismissed / revoked | 1 / 1 / 0 / 1 |"))
    let json = run(["report", samples + "cases.json", "--period", "2025-Q1", "--format", "json"] + Self.withSides)
    #expect(json.status == .success)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    #expect((object["period"] as? [String: Any])?["kind"] as? String == "quarter")
    let bapas = try #require(object["bapas"] as? [[String: Any]])
    #expect(bapas.first?["clientsPerOfficer"] as? Double == 1.0)
    #expect((bapas.first?["reporting"] as? [String: Any])?["missed"] as? Int == 2)
  }

  @Test func sharedReferenceBatch() {
    // 40 synthetic cases received on 2025-01-20 (Tests/PemasyarakatanTests/Fixtures/privacy/PROVENANCE.md).
    let jan = run(["report", shared, "--period", "2025-01"])
    #expect(jan.status == .success)
    #expect(
      jan.out.contains("## Bapas BPS-DPS") && jan.out.contains("## Bapas BPS-JKT")
        && jan.out.contains("## Bapas BPS-PLG"))
    #expect(jan.out.contains("| Penerimaan klien | 15 (dewasa 15, anak 0) |"))
    // BPS-PLG: 15 clients held by 6 PKs.
    #expect(jan.out.contains("| Rasio klien per PK | 2,5 (15 / 6 PK — PK yang memegang kasus) |"))
    #expect(jan.err == "bapas report: 2025-01 from 40 case files, 3 Bapas, 7 PK; 0 left out.\n")
    let q1 = run(["report", shared, "--period", "2025-Q1", "--language", "en"])
    #expect(q1.out.contains("| Wajib-lapor compliance | 0.0% (attended 0, excused 0, missed 30) |"))
  }

  @Test func badRecordsAreListedAndTheRestReported() throws {
    let text = try String(contentsOfFile: samples + "cases.json", encoding: .utf8)
    let broken = text.replacingOccurrences(of: #""legalBasis": "pidanaBersyarat""#, with: #""legalBasis": "parole""#)
    let path = temporaryFile(broken)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = run(["report", path, "--period", "2025-01"])
    #expect(r.status == .someRowsRejected)
    #expect(r.err.contains("\(path): warning: $[4].client.legalBasis: 'parole' is not a known LegalBasis"))
    #expect(r.err.hasSuffix("bapas report: 2025-01 from 4 case files, 1 Bapas, 2 PK; 1 left out.\n"))
  }

  @Test func usageErrors() {
    let noPeriod = run(["report", samples + "cases.json"])
    #expect(noPeriod.status == .usage && noPeriod.err.contains("--period"))
    let badPeriod = run(["report", samples + "cases.json", "--period", "2025-13"])
    #expect(badPeriod.status == .usage && badPeriod.err.contains("'2025-13'"))
    let extra = run(["report", samples + "cases.json", "extra", "--period", "2025-01"])
    #expect(extra.status == .usage)
    let missing = run(["report", "/nonexistent/cases.json", "--period", "2025-01"])
    #expect(missing.status == .unreadableInput)
    let notJSON = temporaryFile("{ not json")
    defer { try? FileManager.default.removeItem(atPath: notJSON) }
    #expect(run(["report", notJSON, "--period", "2025-01"]).status == .invalidDefinition)
    let badOfficers = temporaryFile(#"[{"id": "X"}]"#)
    defer { try? FileManager.default.removeItem(atPath: badOfficers) }
    let o = run(["report", samples + "cases.json", "--period", "2025-01", "--officers", badOfficers])
    #expect(o.status == .invalidDefinition && o.err.contains("$[0].name: the required field 'name' is missing"))
  }

  @Test func anOutputThatIsAnInputIsRefused() throws {
    let copy = temporaryFile(try String(contentsOfFile: samples + "cases.json", encoding: .utf8))
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let before = try Data(contentsOf: URL(fileURLWithPath: copy))
    let r = run(["report", copy, "--period", "2025-01", "--output", copy])
    #expect(r.status == .usage)  // exit 64, as every command (issue 12)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
  }

  @Test func programmeEvaluation() {
    let r = run(["report", "programme", root + "/Documentation/Samples/programme/aksalarasa.json", "--language", "en"])
    #expect(r.status == .success)
    #expect(r.out.hasPrefix("# Programme evaluation report: AKSALARASA"))
    #expect(r.out.contains("**Weighted achievement:** 100% (weight measured 40 of 70)."))
    #expect(!r.out.contains("ssertive"))
    #expect(run(["report", "programme"]).status == .usage)
    #expect(
      run(["report", "programme", root + "/Documentation/Samples/programme/aksalarasa.json", "--period", "2025-01"])
        .status == .usage)
  }
}
