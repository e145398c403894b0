import AssessmentEngine
import Foundation
import Pemasyarakatan
import Testing

/// The listing of `Documentation/ProtectingClientData.md` ("In Swift"), verbatim between the markers, run
/// against the public API only; a second test checks that the article still holds these exact lines.
@Suite("Documentation: protecting client data")
struct PrivacyDocumentationTests {
  @Test func listingRuns() throws {
    // BEGIN LISTING

    var file = CaseFile(
      id: "DPS-2025-0142", bapasCode: "BPS-DPS", officerID: "198705122010121003",
      client: Client(
        id: "PB-2025-0142", name: "Made S.", birthDate: try CivilDate(iso: "1994-06-30"), sex: .male,
        legalBasis: .pembebasanBersyarat),
      receivedOn: try CivilDate(iso: "2025-01-20"),
      guidancePeriod: CivilDateInterval(start: try CivilDate(iso: "2025-01-20"), end: try CivilDate(iso: "2027-01-10")))

    var trail = AuditTrail()
    let pk = Actor(officerID: "198705122010121003", role: .pk, section: .bkd)
    let secretary = Actor(officerID: "198901012015012002", role: .tppSecretary)
    let now = AuditTimestamp(Date(timeIntervalSince1970: 1_738_224_000))  // 2025-01-30T15:00:00+07:00
    let day10 = file.receivedOn.adding(days: 10)

    // The TPP secretary records the decision; the case's PK records the stage change it authorises.
    let decision = try file.recordTPPDecision(
      TPPDecision(date: day10, reference: "TPP/02/2025", outcome: .approveGuidancePlan),
      by: secretary, at: now, audit: &trail)
    try file.apply(.beginGuidance, on: day10, decision: decision, by: pk, at: now, audit: &trail)

    // Only the head of Bapas suspends: the PK's attempt is refused and changes nothing.
    var refusal = ""
    do {
      let day40 = file.receivedOn.adding(days: 40)
      try file.apply(
        .suspend, on: day40,
        decision: TPPDecision(date: day40, reference: "TPP/05/2025", outcome: .recommendSuspension),
        by: pk, at: now, audit: &trail)
    } catch {
      refusal = error.description  // "'Suspend' may be done by Head of Bapas, not by the Probation officer (PK)."
    }
    print(file.stage, trail.count, trail.verify() == nil)  // tahapAwal 2 true
    print(trail.jsonLines)  // two JSON lines, each with previousHash and hash

    // A research export: one case alone is below k = 2 and is suppressed.
    let key = Array("a project key of at least 32 bytes, kept apart".utf8)  // in practice: the key file's bytes
    let export = try ResearchExport(
      cases: [file], options: ResearchExportOptions(key: key, k: 2, asOf: try CivilDate(iso: "2026-01-01")))
    print(export.rows.count, export.suppressed.belowK)  // 0 1
    // END LISTING
    #expect(file.stage == .tahapAwal && trail.count == 2 && trail.verify() == nil)
    #expect(refusal == "'Suspend' may be done by Head of Bapas, not by the Probation officer (PK).")
    #expect(trail.jsonLines.split(separator: "\n").count == 2)
    #expect(export.rows.isEmpty && export.suppressed.belowK == 1)
  }

  @Test func articleHoldsTheListing() throws {
    let tests = URL(fileURLWithPath: #filePath)
    let root = tests.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let article = try String(
      contentsOf: root.appendingPathComponent("Documentation/ProtectingClientData.md"), encoding: .utf8)
    let source = try String(contentsOf: tests, encoding: .utf8)
    guard let begin = source.range(of: "// BEGIN LISTING\n"), let end = source.range(of: "    // END LISTING") else {
      Issue.record("markers missing")
      return
    }
    let lines = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
    #expect(article.contains(lines.joined(separator: "\n")))
  }
}
