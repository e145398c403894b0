import Foundation
import Testing

@testable import AssessmentEngine

/// `OverrideApproval.approvedAt` is written as ISO 8601 with a UTC offset (issue 16: one date format in
/// JSON), and the legacy Foundation number still reads.
@Suite("Override approval: instants in JSON")
struct OverrideApprovalJSONTests {
  @Test func writesISO8601WithTheApproversOffset() throws {
    // 2025-03-01T09:30:00+07:00 = 2025-03-01T02:30:00Z; 2025-03-01 is day 20148 since 1970-01-01
    // (55 years, 13 of them leap: 55·365 + 13 = 20088, + 31 + 28 + 1 = 20148 → 20148·86400 + 9000).
    let instant = Date(timeIntervalSince1970: 20_148 * 86_400 + 2 * 3_600 + 30 * 60)
    let approval = OverrideApproval(
      role: .supervisor, approverID: "S-7", approvedAt: instant, utcOffsetSeconds: 7 * 3_600)
    let text = String(decoding: try JSONEncoder().encode(approval), as: UTF8.self)
    #expect(text.contains(#""approvedAt":"2025-03-01T09:30:00+07:00""#))
    #expect(try JSONDecoder().decode(OverrideApproval.self, from: Data(text.utf8)) == approval)
    #expect(ISO8601Instant.format(instant, offsetSeconds: 0) == "2025-03-01T02:30:00+00:00")
    #expect(ISO8601Instant.format(instant, offsetSeconds: -(3 * 3_600 + 30 * 60)) == "2025-02-28T23:00:00-03:30")
  }

  @Test(arguments: [
    ("2025-03-01T02:30:00Z", 0), ("2025-03-01T09:30:00+07:00", 25_200), ("2025-03-01T11:30:00+0900", 32_400),
    ("2025-03-01T10:30:00.000+08:00", 28_800),
  ])
  func parsesEveryOffsetForm(text: String, offset: Int) throws {
    let parsed = try #require(ISO8601Instant.parse(text))
    #expect(parsed.date == Date(timeIntervalSince1970: 20_148 * 86_400 + 9_000) && parsed.offsetSeconds == offset)
  }

  @Test(arguments: [
    "2025-03-01T09:30:00", "2025-03-01 09:30:00Z", "2025-02-30T09:30:00Z", "2025-03-01T24:00:00Z",
    "2025-03-01T09:30:00+7", "x",
  ])
  func refusesInstantsWithoutAnOffsetOrImpossible(text: String) {
    #expect(ISO8601Instant.parse(text) == nil)
  }

  @Test func legacyNumberStillReadsAndBadTextIsLocated() throws {
    // Foundation's default: seconds since 2001-01-01T00:00:00Z. 0 → 2001-01-01T00:00:00+00:00.
    let legacy = try JSONDecoder().decode(
      OverrideApproval.self, from: Data(#"{"role": "supervisor", "approverID": "S", "approvedAt": 0}"#.utf8))
    #expect(legacy.approvedAt == Date(timeIntervalSinceReferenceDate: 0) && legacy.utcOffsetSeconds == 0)
    #expect(String(decoding: try JSONEncoder().encode(legacy), as: UTF8.self).contains("2001-01-01T00:00:00+00:00"))
    do {
      _ = try JSONDecoder().decode(
        OverrideApproval.self, from: Data(#"{"role": "supervisor", "approverID": "S", "approvedAt": "kemarin"}"#.utf8))
      Issue.record("decoded")
    } catch let DecodingError.dataCorrupted(context) {
      #expect(context.codingPath.map(\.stringValue) == ["approvedAt"])
    }
  }
}
