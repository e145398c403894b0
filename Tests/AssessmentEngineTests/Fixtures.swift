import AssessmentEngine
import Foundation

/// Reads the copied reference fixtures (see Fixtures/PROVENANCE.md).
enum Fixture {
  static func bytes(_ name: String) throws -> [UInt8] {
    let parts = name.split(separator: ".")
    guard
      let url = Bundle.module.url(
        forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "Fixtures")
    else {
      throw CocoaError(.fileNoSuchFile)
    }
    return [UInt8](try Data(contentsOf: url))
  }

  static func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

  /// Rows of a CSV of numbers keyed by header (R's outputs).
  static func table(_ name: String) throws -> [[String: Double]] {
    let lines = try text(name).split(separator: "\n")
    let header = lines[0].split(separator: ",").map(String.init)
    return lines.dropFirst().map { line in
      var row: [String: Double] = [:]
      for (h, v) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) {
        row[h] = Double(v) ?? .nan
      }
      return row
    }
  }

  /// The WAI-shaped keys of the reference data: Goal 4,6,8,11; Task 1,2,10,12; Bond 3,5,7,9; Total 1–12.
  static func waiKeys() throws -> InstrumentDefinition {
    try .quick(
      [
        QuickKey(parsing: "Goal=item4,item6,item8,item11"),
        QuickKey(parsing: "Task=item1,item2,item10,item12"),
        QuickKey(parsing: "Bond=item3,item5,item7,item9"),
        QuickKey(parsing: "Total=" + (1...12).map { "item\($0)" }.joined(separator: ",")),
      ], min: 1, max: 5)
  }
}
