import Foundation
import Testing

@testable import AssessmentEngine

/// Every form of the shared "reach" data set (Fixtures/reach: the labelled `;` form export with its
/// map file, and the SPSS files written by ReadStat and R haven) scores to `expected_shared.csv`.
@Suite("Researchers' exports: labelled CSV and SPSS files")
struct ReachExportTests {
  static func definition() throws -> InstrumentDefinition {
    try InstrumentDefinition(jsonData: Data(try FolderFixture.bytes("reach", "inst_shared.json")))
  }

  /// `klien` → per scale (sum, mean, nmissing); an empty cell is `nil`.
  static func expected() throws -> [String: [(Double?, Double?, Int)]] {
    let lines = try FolderFixture.text("reach", "expected_shared.csv").split(separator: "\n")
    var out: [String: [(Double?, Double?, Int)]] = [:]
    for line in lines.dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var scales: [(Double?, Double?, Int)] = []
      for k in stride(from: 1, to: f.count, by: 3) {
        let missing: Double = Double(f[k + 2]) ?? -1
        scales.append((Double(f[k]), Double(f[k + 1]), Int(missing)))
      }
      out[f[0]] = scales
    }
    return out
  }

  /// The map file as `item → column` (read with the package's own RFC 4180 reader).
  static func map() throws -> [String: ColumnReference] {
    try ColumnMapFile.parse(try FolderFixture.bytes("reach", "map_shared.csv"))
  }

  func check(_ batch: ResponseBatch, _ definition: InstrumentDefinition) throws {
    #expect(batch.issues.isEmpty, "\(batch.issues.prefix(3))")
    #expect(batch.matrix.rowCount == 120)
    let plan = ScoringPlan(definition)
    let table = try plan.score(batch.matrix)
    let expected = try Self.expected()
    #expect(plan.scaleIDs == ["Arah", "Tugas", "Ikatan"])
    for (row, id) in batch.ids.enumerated() {
      let want = try #require(expected[id], "id \(id)")
      for s in 0..<3 {
        let got = table[row, s]
        #expect(got.missing == want[s].2, "\(id) scale \(s)")
        #expect(got.sum == want[s].0, "\(id) scale \(s) sum")
        if let m = want[s].1 {
          #expect(abs((got.mean ?? .nan) - m) <= 1e-12, "\(id) scale \(s) mean")
        } else {
          #expect(got.mean == nil)
        }
      }
    }
    #expect(Set(batch.ids) == Set(expected.keys))
  }

  @Test func labelledFormExportWithMapFile() throws {
    let d = try Self.definition()
    let labels = try ResponseLabels(scale: d.responseScale)
    let options = ResponseCSVOptions(idColumn: "Inisial klien", columnMap: try Self.map(), labels: labels)
    let batch = try ResponseTableReader.read(
      try FolderFixture.bytes("reach", "forms_shared.csv"), columns: ScoringPlan(d).columns, scale: d.responseScale,
      options: options)
    try check(batch, d)
  }

  @Test(arguments: SystemFileReaderTests.reachFiles)
  func systemFiles(_ name: String) throws {
    let d = try Self.definition()
    let options = ResponseCSVOptions(idColumn: "klien", labels: try ResponseLabels(scale: d.responseScale))
    let bytes = try FolderFixture.bytes("reach", name)
    let batch = try ResponseTableReader.read(
      bytes, columns: ScoringPlan(d).columns, scale: d.responseScale, options: options)
    try check(batch, d)
    // Streamed in small chunks, the same rows.
    for size in [1, 7, 64, 1000] {
      var reader = ResponseTableReader(columns: ScoringPlan(d).columns, scale: d.responseScale, options: options)
      var streamed = ResponseBatch(columns: ScoringPlan(d).columns, scale: d.responseScale)
      var start = 0
      try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in
        while start < b.count {
          let end = Swift.min(b.count, start + size)
          try reader.consume(UnsafeBufferPointer(rebasing: b[start..<end]), isFinal: false, into: &streamed)
          start = end
        }
        try reader.consume(UnsafeBufferPointer(rebasing: b[b.count...]), isFinal: true, into: &streamed)
      }
      #expect(streamed.matrix == batch.matrix && streamed.ids == batch.ids, "chunks of \(size)")
    }
  }
}
