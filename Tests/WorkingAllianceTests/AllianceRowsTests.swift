import AssessmentEngine
import Testing

@testable import WorkingAlliance

@Suite("Alliance rows: reading descriptive cells")
struct AllianceRowsTests {
  let columns = AllianceColumns(dyad: "klien", session: "sesi", date: "tanggal", rater: "penilai")
  let empty = AllianceScores(goal: nil, task: nil, bond: nil, total: nil)

  func read(_ dyad: String = "K-01", session: String = "1", date: String? = "2026-01-05", rater: String? = "klien")
    throws(AllianceRowError) -> AllianceRow
  {
    try AllianceRow(
      dyad: dyad, session: session, date: date, rater: rater, form: nil, defaultRater: .client, instrument: "wai-sr",
      line: 7, columns: columns, scores: empty)
  }

  @Test func readsAValidRow() throws {
    let r = try read(" K-01 ", session: " 3 ", rater: "PK")
    #expect(r.dyad == "K-01" && r.rater == .pk && r.observation.session == 3)
    #expect(r.observation.date == (try? CivilDate(year: 2026, month: 1, day: 5)))
    #expect(r.observation.instrument == "wai-sr" && r.observation.line == 7)
    #expect(try read(date: "").observation.date == nil)
  }

  @Test func unknownRater() {
    #expect(throws: AllianceRowError(line: 7, column: "penilai", value: "therapist", kind: .unknownRater)) {
      try read(rater: "therapist")
    }
  }

  @Test func invalidSession() {
    #expect(throws: AllianceRowError(line: 7, column: "sesi", value: "2.5", kind: .invalidSession)) {
      try read(session: "2.5")
    }
  }

  @Test func invalidDate() {
    #expect(throws: AllianceRowError(line: 7, column: "tanggal", value: "2026-02-30", kind: .invalidDate)) {
      try read(date: "2026-02-30")
    }
  }

  @Test func emptyDyad() {
    #expect(throws: AllianceRowError(line: 7, column: "klien", value: " ", kind: .emptyDyad)) { try read(" ") }
  }

  /// Rows group into one series per dyad and rater in order of first appearance; a bad series is
  /// reported, the others analysed.
  @Test func groupsIntoSeries() throws {
    let rows = [
      try read("A", session: "1"), try read("B", session: "1"), try read("A", session: "2", date: "2026-01-19"),
      try read("A", session: "1", rater: "pk"), try read("B", session: "1", date: "2026-01-06"),
    ]
    let grouped = AllianceRow.series(rows)
    #expect(
      grouped.series.map { "\($0.dyad)/\($0.rater.rawValue)/\($0.observations.count)" } == ["A/client/2", "A/pk/1"])
    #expect(
      grouped.errors == [
        AllianceSeriesError(dyad: "B", rater: .client, kind: .duplicateSession(session: 1), lines: [7, 7])
      ])
  }
}
