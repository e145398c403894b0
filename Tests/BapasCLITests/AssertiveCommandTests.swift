import Foundation
import Testing

@testable import BapasCLI

/// The repository root, from this file's path (…/Tests/BapasCLITests/AssertiveCommandTests.swift).
private let repositoryRoot: String = {
  var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

private let sample = repositoryRoot + "/Documentation/Samples/assertive/group.json"

private func run(_ arguments: [String]) -> (status: BapasCLI.BapasExitStatus, out: String, err: String) {
  let io = CommandIO(stdout: OutputSink(), stderr: OutputSink())
  let status = BapasCommandLine.run(arguments: arguments, io: io)
  return (status, io.stdout.text, io.stderr.text)
}

private func temporaryFile(_ text: String) -> String {
  let path = "/tmp/bapas-assertive-test-\(UInt64.random(in: 0...UInt64.max)).json"
  _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  return path
}

@Suite("bapas assertive report", .serialized)
struct AssertiveCommandTests {
  @Test func sampleReportInEnglish() {
    let r = run(["assertive", "report", sample, "--language", "en"])
    #expect(r.status == .success)
    let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Key lines, checked against hand computations on the sample file:
    // attendance (8+7+7+6+3+7)/6 sessions-of-8 = 38/48 = 79%;
    // K-2026-001's Negative assertion 13 → 24: change +11, group baseline SD of 13, 17, 11, 20, 12, 9
    // = 4.0825, S_diff = √2·4.0825·√.2 = 2.5820, RCI = 11/2.5820 = 4.26;
    // indicators (30·1 + 40·(0.5/0.6) + 30·1)/100 = 93%.
    #expect(
      lines.contains("# Assertive-training progress report: Assertive-training group, cohort I 2026 (synthetic sample)")
    )
    #expect(lines.contains("**Mean attendance:** 79%"))
    #expect(
      lines.contains(
        "| T1 Menolak ajakan teman lama untuk berjudi tanpa marah | Negative assertion | 5/5 | completed | 2 | 2 | 2 (1) |"
      ))
    #expect(
      lines.contains(
        "| ICQ Negative assertion (asserting displeasure) | 13 | 24 | 25 | +11 | 4.26 | Reliably improved | +12 | 4.65 | Reliably improved |"
      ))
    #expect(
      lines.contains(
        "Steps back (T1): 2026-03-16: 5 → 3 (Percobaan pertama gagal; klien perlu berlatih lagi menanggapi kritik)"))
    #expect(lines.contains("**Weighted achievement:** 93% (weight measured 100 of 100)."))
    #expect(lines.contains("No problems found."))
    #expect(r.err == "bapas assertive: report on 6 clients, 8 sessions; 0 problems listed.\n")
  }

  @Test func sampleReportInIndonesianIsTheDefault() {
    let r = run(["assertive", "report", sample])
    #expect(r.status == .success)
    let lines = r.out.split(separator: "\n").map(String.init)
    #expect(lines.contains("**Rata-rata kehadiran:** 79%"))
    #expect(
      lines.contains(
        "| ICQ Asertivitas negatif (menyatakan ketidaksenangan) | 13 | 24 | 25 | +11 | 4,26 | Membaik secara reliabel | +12 | 4,65 | Membaik secara reliabel |"
      ))
    #expect(lines.contains("| Kriteria | Ketuntasan | Cara mengukur | Capaian | Ketercapaian | Tercapai? |"))
    #expect(
      lines.contains(
        "| I2 Klien berani menerapkan perilaku asertif di situasi nyata | 40% | proporsi klien yang menuntaskan langkah 5 — target 0,60 | 0,50 | 83% | belum |"
      ))
    #expect(lines.contains("**Ketercapaian tertimbang:** 93% (bobot terukur 100 dari 100)."))
  }

  @Test func sampleReportAsJSON() throws {
    let r = run(["assertive", "report", sample, "--format", "json", "--language", "en"])
    #expect(r.status == .success)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    #expect(json["language"] as? String == "en")
    let clients = try #require(json["clients"] as? [[String: Any]])
    #expect(clients.count == 6)
    let outcomes = try #require(clients[0]["outcomes"] as? [[String: Any]])
    let negative = try #require(outcomes.first { $0["scale"] as? String == "NegativeAssertion" })
    #expect(negative["instrument"] as? String == "icq")
    #expect(negative["categoryToPost"] as? String == "improved")
    #expect(negative["changeToPost"] as? Double == 11)
    let targets = try #require(clients[2]["targets"] as? [[String: Any]])
    #expect(
      targets[0]["currentStepID"] as? String == "transfer" && targets[0]["domainID"] as? String == "conflictManagement")
    let achievement = try #require(json["weightedAchievement"] as? Double)
    #expect(abs(achievement - (30 + 40 * (0.5 / 0.6) + 30) / 100) < 1e-12)
  }

  @Test func oneBadRecordIsListedAndTheRestReported() throws {
    // K-2026-005 is at step 3 (role-play); add a repetition (step 4) for it: out of order.
    let data = try Data(contentsOf: URL(fileURLWithPath: sample))
    var group = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var clients = try #require(group["clients"] as? [[String: Any]])
    let index = try #require(clients.firstIndex { $0["client"] as? String == "K-2026-005" })
    var targets = try #require(clients[index]["targets"] as? [[String: Any]])
    var events = try #require(targets[0]["events"] as? [[String: Any]])
    events.append(["date": "2026-03-01", "kind": "repetition", "rating": 4])
    targets[0]["events"] = events
    clients[index]["targets"] = targets
    group["clients"] = clients
    let text = String(decoding: try JSONSerialization.data(withJSONObject: group), as: UTF8.self)
    let path = temporaryFile(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = run(["assertive", "report", path, "--language", "en"])
    #expect(r.status == .someRowsRejected)
    #expect(
      r.out.contains(
        "- client K-2026-005, target T1, step 4: an event of step 4 (Repetition) was recorded while the target is at step 3 (Role-play the situation)"
      ))
    #expect(r.out.contains("### Client K-2026-006"), "the other clients are still reported")
    #expect(r.err.hasSuffix("1 problem listed.\n"))
  }

  @Test func usageAndFileErrors() {
    let wrong = run(["assertive", "reprot", sample])
    #expect(wrong.status == .usage)
    #expect(wrong.err.hasPrefix("Error: Unknown subcommand 'assertive reprot'. Did you mean 'report'?"))
    #expect(run(["assertive", "report", sample, "--language", "fr"]).status == .usage)
    let missing = run(["assertive", "report", "/nonexistent/group.json"])
    #expect(missing.status == .unreadableInput)
    let broken = temporaryFile(#"{"id": "x"}"#)
    defer { try? FileManager.default.removeItem(atPath: broken) }
    let bad = run(["assertive", "report", broken])
    #expect(bad.status == .invalidDefinition)
    #expect(bad.err == "\(broken): error: $.name: the required key 'name' is missing.\n")
  }
}
