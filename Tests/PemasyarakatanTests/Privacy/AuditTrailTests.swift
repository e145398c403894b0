import AssessmentEngine
import Foundation
import Testing
import _SDKSupport

@testable import Pemasyarakatan

/// A log of five steps, and every way of tampering with it.
@Suite("Audit trail")
struct AuditTrailTests {
  static func trail() -> AuditTrail {
    var t = AuditTrail()
    let pk = Actor(officerID: "198705122010121003", role: .pk, section: .bkd)
    let head = Actor(officerID: "197001011995031001", role: .kepalaBapas)
    let base = Date(timeIntervalSince1970: 1_738_224_000)  // 2025-01-30T08:00:00Z
    let steps: [(Actor, String, String?, String?)] = [
      (pk, "beginGuidance", "penerimaan", "tahapAwal"), (pk, "revocationBAP", "notStarted", "bapRecorded"),
      (pk, "revocationExamination", "bapRecorded", "examined"), (head, "suspend", "tahapAwal", "suspended"),
      (head, "revocationSuspension", "tppRecommendedSuspension", "suspendedByHead"),
    ]
    for (i, s) in steps.enumerated() {
      t.append(
        at: AuditTimestamp(base.addingTimeInterval(Double(i) * 86_400)), actor: s.0, action: s.1,
        subject: "DPS-2025-0142", before: s.2, after: s.3)
    }
    return t
  }

  @Test func intactChainVerifies() {
    let t = Self.trail()
    #expect(t.verify() == nil)
    #expect(t.entries[0].previousHash == AuditEntry.genesis)
    for i in 1..<t.count { #expect(t.entries[i].previousHash == t.entries[i - 1].hash) }
    #expect(t.verify(expecting: AuditAnchor(count: 5, headHash: t.headHash)) == nil)
  }

  /// The hash is SHA-256 of the documented line text without the hash field (checked by hand-built text).
  @Test func hashIsSHA256OfTheUnsealedLine() {
    let e = Self.trail().entries[0]
    let text =
      #"{"sequence":0,"at":"2025-01-30T15:00:00+07:00","officerID":"198705122010121003","role":"pk","action":"beginGuidance","subject":"DPS-2025-0142","before":"penerimaan","after":"tahapAwal","previousHash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
    #expect(e.hash == SHA256.hex(Array(text.utf8)))
    #expect(e.line == String(text.dropLast()) + #","hash":""# + e.hash + #""}"#)
  }

  /// Entry hashes are taken over the line's bytes, so the line keeps U+2028/U+2029 raw (as logs written
  /// before the package shared one JSON string writer have them) while the other JSON outputs escape
  /// them: an old log still verifies. Checked against hand-built text.
  @Test func lineSeparatorsStayRawInTheHashedLine() {
    var t = AuditTrail()
    let pk = Actor(officerID: "198705122010121003", role: .pk, section: .bkd)
    t.append(
      at: AuditTimestamp(Date(timeIntervalSince1970: 1_738_224_000)), actor: pk, action: "note",
      subject: "a\u{2028}b\u{2029}c\n", before: nil, after: nil)
    let e = t.entries[0]
    let text =
      #"{"sequence":0,"at":"2025-01-30T15:00:00+07:00","officerID":"198705122010121003","role":"pk","action":"note","subject":"a"#
      + "\u{2028}b\u{2029}c"
      + #"\n","before":null,"after":null,"previousHash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
    #expect(e.hash == SHA256.hex(Array(text.utf8)))
    #expect(t.verify() == nil)
  }

  @Test func editIsDetectedAtTheEditedEntry() {
    var entries = Self.trail().entries
    entries[2].after = "dismissed"
    #expect(AuditTrail(entries: entries).verify() == AuditBreak(index: 2, reason: .contentChanged))
    // Edited with its hash recomputed: the next entry's link breaks.
    entries[2].hash = entries[2].computedHash
    #expect(AuditTrail(entries: entries).verify() == AuditBreak(index: 3, reason: .chainBroken))
  }

  @Test func deleteIsDetected() {
    var entries = Self.trail().entries
    entries.remove(at: 1)
    #expect(
      AuditTrail(entries: entries).verify() == AuditBreak(index: 1, reason: .sequenceMismatch(expected: 1, found: 2)))
    // Deleted and renumbered with hashes recomputed: the chain link still breaks.
    entries[1].sequence = 1
    entries[1].hash = entries[1].computedHash
    #expect(AuditTrail(entries: entries).verify() == AuditBreak(index: 1, reason: .chainBroken))
  }

  @Test func reorderIsDetected() {
    var entries = Self.trail().entries
    entries.swapAt(2, 3)
    #expect(
      AuditTrail(entries: entries).verify() == AuditBreak(index: 2, reason: .sequenceMismatch(expected: 2, found: 3)))
  }

  /// Cutting entries off the end leaves a valid chain; the anchor kept elsewhere shows it.
  @Test func truncateIsDetectedAgainstTheAnchor() {
    let t = Self.trail()
    let anchor = AuditAnchor(count: t.count, headHash: t.headHash)
    let cut = AuditTrail(entries: Array(t.entries.prefix(3)))
    #expect(cut.verify() == nil)
    #expect(cut.verify(expecting: anchor) == AuditBreak(index: 3, reason: .truncated(expectedCount: 5, found: 3)))
    // Rewritten from entry 4 on: the head differs.
    var rewritten = t.entries
    rewritten[4].after = "x"
    rewritten[4].hash = rewritten[4].computedHash
    #expect(AuditTrail(entries: rewritten).verify(expecting: anchor) == AuditBreak(index: 4, reason: .headMismatch))
    // A line cut mid-way (no final newline) is reported on read.
    let text = t.jsonLines
    let torn = Data(text.utf8.dropLast(10))
    guard case .failure(let b) = AuditTrail.parse(jsonLines: torn) else {
      Issue.record("torn line accepted")
      return
    }
    #expect(b.index == 4)
  }

  @Test func jsonLinesRoundTrip() throws {
    let t = Self.trail()
    let parsed = try AuditTrail.parse(jsonLines: Data(t.jsonLines.utf8)).get()
    #expect(parsed == t && parsed.verify() == nil)
    #expect(t.jsonLines.split(separator: "\n").count == 5)
  }

  @Test func fileAppendsContinueTheChainOnly() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = AuditLogFile(path: dir.appendingPathComponent("log.jsonl").path)
    let t = Self.trail()
    for e in t.entries { try file.append(e) }
    #expect(try file.read() == t)
    // An entry that does not continue the file (a stale writer) is refused and nothing is written.
    #expect(throws: AuditLogError.doesNotContinue(expectedSequence: 5, expectedPreviousHash: t.headHash)) {
      try file.append(t.entries[2])
    }
    #expect(try file.read().count == 5)
    var next = try file.read()
    let e = next.append(
      at: AuditTimestamp(Date(timeIntervalSince1970: 1_740_000_000), offsetSeconds: AuditTimestamp.wita),
      actor: Actor(officerID: "K", role: .kanwil), action: "revoke", subject: "DPS-2025-0142", before: "suspended",
      after: "revoked")
    try file.append(e)
    #expect(try file.read().verify() == nil && (try file.read().count) == 6)
  }

  @Test(
    arguments: [
      (0.0, 0, "1970-01-01T00:00:00+00:00"), (1_738_224_000, 7 * 3_600, "2025-01-30T15:00:00+07:00"),
      (1_738_224_000, -(3 * 3_600 + 1_800), "2025-01-30T04:30:00-03:30"), (-1, 0, "1969-12-31T23:59:59+00:00"),
      (951_782_400, 9 * 3_600, "2000-02-29T09:00:00+09:00"),
    ] as [(Double, Int, String)])
  func timestampsAreISO8601WithOffset(seconds: Double, offset: Int, text: String) {
    #expect(AuditTimestamp(Date(timeIntervalSince1970: seconds), offsetSeconds: offset).text == text)
    #expect(AuditTimestamp(parsing: text)?.text == text)
  }

  @Test func timestampParsingRefusesOtherForms() {
    for bad in [
      "2025-01-30T15:00:00Z", "2025-01-30T15:00:00", "2025-02-30T15:00:00+07:00", "2025-01-30T24:00:00+07:00",
      "2025-01-30 15:00:00+07:00",
    ] {
      #expect(AuditTimestamp(parsing: bad) == nil, "\(bad)")
    }
  }
}
