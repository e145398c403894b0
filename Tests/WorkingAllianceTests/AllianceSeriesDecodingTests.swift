import AssessmentEngine
import Foundation
import Testing

@testable import WorkingAlliance

/// A plain `JSONDecoder` applies the series' invariants (issue 16): a series with two administrations
/// of one session does not decode.
@Suite("Alliance series: decoding validates")
struct AllianceSeriesDecodingTests {
  @Test func duplicateSessionsAreRefusedByAPlainDecoder() throws {
    let good = try series([40, 44], sessions: [1, 2])
    let data = try JSONEncoder().encode(good)
    #expect(try JSONDecoder().decode(AllianceSeries.self, from: data) == good)

    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var observations = try #require(object["observations"] as? [[String: Any]])
    observations[1]["session"] = 1
    object["observations"] = observations
    let bad = try JSONSerialization.data(withJSONObject: object)
    do {
      _ = try JSONDecoder().decode(AllianceSeries.self, from: bad)
      Issue.record("a series with two session-1 administrations decoded")
    } catch let DecodingError.dataCorrupted(context) {
      #expect(context.codingPath.map(\.stringValue) == ["observations"])
      #expect((context.underlyingError as? AllianceSeriesError)?.kind == .duplicateSession(session: 1))
    }
  }
}
