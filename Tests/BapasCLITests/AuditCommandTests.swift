import Foundation
import Pemasyarakatan
import Testing

@testable import BapasCLI

@Suite("bapas audit verify")
struct AuditCommandTests {
  static func log() -> AuditTrail {
    var t = AuditTrail()
    let pk = Actor(officerID: "198705122010121003", role: .pk, section: .bkd)
    for i in 0..<4 {
      t.append(
        at: AuditTimestamp(Date(timeIntervalSince1970: 1_738_224_000 + Double(i) * 3_600)), actor: pk,
        action: "revocationBAP", subject: "CASE-\(i)", before: "notStarted", after: "bapRecorded")
    }
    return t
  }

  @Test func intactLogExitsZero() throws {
    let t = Self.log()
    let path = try temporaryFile(t.jsonLines, name: "log.jsonl")
    let r = runBapas(["audit", "verify", path])
    #expect(r.status == .success)
    #expect(r.stdout == "\(path): 4 entries, chain intact; head \(t.headHash)\n")
    #expect(runBapas(["audit", "verify", path, "--expect-count", "4", "--expect-head", t.headHash]).status == .success)
  }

  @Test func brokenLogExits65NamingTheLine() throws {
    let lines = Self.log().jsonLines.split(separator: "\n").map(String.init)
    // Edit: entry 1's subject changed in the text.
    var edited = lines
    edited[1] = edited[1].replacingOccurrences(of: "CASE-1", with: "CASE-9")
    let e = runBapas(["audit", "verify", try temporaryFile(edited.joined(separator: "\n") + "\n", name: "log.jsonl")])
    #expect(e.status == .invalidDefinition)
    #expect(
      e.stderr.hasSuffix(
        ":2: error: entry 1 (line 2): its content does not match its hash; it was changed after it was written.\n"))
    // Delete, reorder.
    let deleted = runBapas([
      "audit", "verify",
      try temporaryFile([lines[0], lines[2], lines[3]].joined(separator: "\n") + "\n", name: "log.jsonl"),
    ])
    #expect(deleted.status == .invalidDefinition && deleted.stderr.contains("entry 1 (line 2)"))
    let reordered = runBapas([
      "audit", "verify",
      try temporaryFile([lines[0], lines[1], lines[3], lines[2]].joined(separator: "\n") + "\n", name: "log.jsonl"),
    ])
    #expect(reordered.status == .invalidDefinition && reordered.stderr.contains("entry 2 (line 3)"))
    // Truncate: intact alone, broken against the anchor.
    let t = Self.log()
    let cut = try temporaryFile(lines.prefix(2).joined(separator: "\n") + "\n", name: "log.jsonl")
    #expect(runBapas(["audit", "verify", cut]).status == .success)
    let anchored = runBapas(["audit", "verify", cut, "--expect-count", "4", "--expect-head", t.headHash])
    #expect(anchored.status == .invalidDefinition && anchored.stderr.contains("entries were cut off the end"))
    // Not JSON at all.
    #expect(
      runBapas(["audit", "verify", try temporaryFile("hello\n", name: "log.jsonl")]).status == .invalidDefinition)
  }

  @Test func usage() throws {
    let path = try temporaryFile("", name: "log.jsonl")
    #expect(runBapas(["audit", "verify", path]).status == .success)  // an empty log is intact
    #expect(runBapas(["audit", "verfy", path]).stderr.contains("Did you mean 'verify'?"))
    #expect(runBapas(["audit", "verify", path, "--expect-count", "3"]).status == .usage)
    #expect(runBapas(["audit", "verify", "/nonexistent/log.jsonl"]).status == .unreadableInput)
  }
}
