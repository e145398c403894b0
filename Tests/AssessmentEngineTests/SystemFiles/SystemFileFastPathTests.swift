import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The `.sav` response reader's block path (rows coded straight from the decoded elements, ids read
/// from the case bytes) against a naive loop over ``SystemFileReader/read(_:)``'s values, on random
/// files written by ``SystemFileWriter``.
@Suite("SPSS reader: the block fast path agrees with a naive loop")
struct SystemFileFastPathTests {
  static let scale = ResponseScale(min: 1, max: 5, excluded: [4])

  /// A random file: an id (string of random width, or numeric), numeric items and, sometimes, a
  /// string item (which sends every row through the cell-by-cell path); values include system-
  /// missing, numbers off the scale, fractions and NaN.
  static func randomFile(_ rng: inout SplitMix64, items: Int) throws -> (bytes: [UInt8], rows: Int, hasStringItem: Bool)
  {
    let idWidth = 1 + Int(rng.next() % 40)
    let numericID = rng.next() % 5 == 0
    let stringItem = rng.next() % 4 == 0
    var variables: [SystemFileWriter.Variable] = [numericID ? .numeric("klien") : .string("klien", width: idWidth)]
    for j in 1...items {
      variables.append(stringItem && j == items ? .string("q\(j)", width: 6) : .numeric("q\(j)", decimals: 0))
    }
    var writer = try SystemFileWriter(variables: variables)
    let rows = Int(rng.next() % 2500)
    let idAlphabet = Array("Kk0123456789 -éÁ_")
    for r in 0..<rows {
      var row: [SystemFileValue?] = []
      if numericID {
        row.append(rng.next() % 10 == 0 ? nil : .number(Double(r) + (rng.next() % 3 == 0 ? 0.5 : 0)))
      } else {
        var id = ""
        for _ in 0..<Int(rng.next() % UInt64(idWidth + 1)) { id.append(idAlphabet[Int(rng.next() % 17)]) }
        while id.utf8.count > idWidth { id.removeLast() }
        row.append(.text(id))
      }
      for j in 1...items {
        if stringItem && j == items {
          row.append(.text(["3", "", "Selalu", "x"][Int(rng.next() % 4)]))
          continue
        }
        let dice = rng.next() % 100
        let value: SystemFileValue? =
          switch dice {
          case 0..<8: nil
          case 8: .number(7)
          case 9: .number(2.5)
          case 10: .number(.nan)
          case 11: .number(4)  // excluded from the scale
          case 12: .number(-1e300)
          default: .number(Double(1 + rng.next() % 5))
          }
        row.append(value)
      }
      try writer.append(row)
    }
    return (writer.encoded(), rows, stringItem)
  }

  @Test func randomFilesReadBackEqualThroughTheFastPath() throws {
    var rng = SplitMix64(seed: 0x5AF)
    let labels = try ResponseLabels(scale: Self.scale, extra: [("Selalu", 5)])
    var sawFastFile = false
    for round in 0..<40 {
      let items = 1 + Int(rng.next() % 14)
      let (bytes, rows, hasStringItem) = try Self.randomFile(&rng, items: items)
      sawFastFile = sawFastFile || !hasStringItem
      let columns = (1...items).map { "q\($0)" }
      let options = ResponseCSVOptions(idColumn: "klien", labels: labels)
      // The naive loop: every case's values, coded one by one.
      let (dictionary, cases) = try SystemFileReader.read(bytes)
      #expect(cases.count == rows)
      var codes: [UInt8] = []
      var ids: [String] = []
      var lines: [Int] = []
      var rejected = 0
      for (i, values) in cases.enumerated() {
        var row: [UInt8] = []
        var reject = false
        for j in 1...items {
          switch values[j] {
          case nil: row.append(0)
          case .number(let x):
            if x.isNaN {
              row.append(0)
            } else if x == x.rounded(), abs(x) < 1e9, Self.scale.contains(Int(x)) {
              row.append(UInt8(Int(x)))
            } else {
              reject = true
            }
          case .text(let t):
            let v = t.isEmpty ? 0 : Int(t) ?? labels.value(of: t) ?? -1
            if v == 0 { row.append(0) } else if Self.scale.contains(v) { row.append(UInt8(v)) } else { reject = true }
          }
        }
        if reject {
          rejected += 1
          continue
        }
        codes += row
        lines.append(i + 1)
        switch values[0] {
        case .text(let s): ids.append(s)
        // (Numeric ids are r or r + 0.5: written out by hand, the shortest decimal.)
        case .number(let x): ids.append(x == x.rounded() ? "\(Int(x))" : "\(Int(x)).5")
        case nil: ids.append("")
        }
      }
      #expect(dictionary.variables.count == items + 1)
      // The fast path, whole and in random chunks.
      let whole = try SystemFileResponseReader.read(bytes, columns: columns, scale: Self.scale, options: options)
      var streamed = ResponseBatch(columns: columns, scale: Self.scale)
      var reader = SystemFileResponseReader(columns: columns, scale: Self.scale, options: options)
      var at = 0
      while at < bytes.count {
        let n = Swift.min(bytes.count - at, 1 + Int(rng.next() % 3000))
        try bytes[at..<(at + n)].withUnsafeBufferPointer {
          try reader.consume($0, isFinal: at + n == bytes.count, into: &streamed)
        }
        at += n
      }
      for batch in [whole, streamed] {
        #expect(batch.matrix.codes == codes, "round \(round)")
        #expect(batch.ids == ids, "round \(round)")
        #expect(batch.lines == lines, "round \(round)")
        #expect(batch.rowsRead == rows && batch.rowsRejected == rejected, "round \(round)")
        #expect(batch.issues.count >= rejected, "round \(round)")
      }
      #expect(whole.issues == streamed.issues)
    }
    #expect(sawFastFile)
  }
}
