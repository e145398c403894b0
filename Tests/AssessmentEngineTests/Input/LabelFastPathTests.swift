import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The CSV reader's in-place label matching (``ASCIILabelMatcher``) against a naive loop that codes
/// every cell through the Unicode-normalising lookup (``ResponseLabels/value(of:)``).
@Suite("Label cells: the in-place fast path agrees with the normalising path")
struct LabelFastPathTests {
  /// 4 is not a response (its anchor's label must read as out of range); the labels are longer and
  /// shorter than a word of 8 bytes, and the extras are the cases the matcher must leave alone.
  static let scale = ResponseScale(
    min: 1, max: 5, excluded: [4],
    anchors: [
      .init(value: 1, label: .init(id: "Sangat tidak setuju", en: "Never")),
      .init(value: 2, label: .init(id: "Jarang", en: "Rarely")),
      .init(value: 3, label: .init(id: "Kadang-kadang", en: "Sometimes")),
      .init(value: 4, label: .init(id: "Sering", en: "Often")),
      .init(value: 5, label: .init(id: "Selalu", en: "Always, or nearly")),
    ])
  static let extras: [(text: String, value: Int)] = [
    ("na", 2),  // equals the missing token NA up to case: "NA" stays missing
    ("@home", 3),  // '@' and '`' differ only in bit 0x20: only letters are case-folded
    ("a;b", 5),  // holds the delimiter
    ("1 kali", 1),  // starts with a digit: such a cell is read as a number
    ("Séring sekali", 5),  // normalises to ASCII
    ("x", 2),  // one byte
    ("sangat tidak setuju sekali", 1),  // over two words
  ]

  enum Expected: Equatable {
    case code(UInt8)
    case reject
  }

  /// What a cell means, decided the slow way.
  static func naive(_ cell: String, labels: ResponseLabels) -> Expected {
    var scalars = Array(cell.unicodeScalars)
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    let trimmed = String(String.UnicodeScalarView(scalars))
    if trimmed.isEmpty || trimmed == "NA" { return .code(0) }
    func code(_ v: Int) -> Expected { scale.contains(v) ? .code(UInt8(v - scale.min + 1)) : .reject }
    if let first = trimmed.unicodeScalars.first, "0123456789+-".unicodeScalars.contains(first) {
      if let n = Int(trimmed) { return code(n) }
      if trimmed.hasSuffix(".0"), let n = Int(trimmed.dropLast(2)) { return code(n) }
      return .reject
    }
    guard let v = labels.value(of: cell) else { return .reject }
    return code(v)
  }

  /// A random cell: a label in a random spelling, mutated in one of the ways form exports and
  /// typists mutate them, or a number, a missing token or noise.
  static func randomCell(_ rng: inout SplitMix64, labels: ResponseLabels) -> String {
    let texts = labels.entries.map(\.text)
    var cell = Array(texts[Int(rng.next() % UInt64(texts.count))])
    switch rng.next() % 4 {
    case 0: cell = Array(String(cell).uppercased())
    case 1: cell = Array(String(cell).lowercased())
    case 2: cell = cell.map { rng.next() % 2 == 0 ? Character($0.uppercased()) : Character($0.lowercased()) }
    default: break
    }
    func position(_ n: Int) -> Int { Int(rng.next() % UInt64(n + 1)) }
    switch rng.next() % 16 {
    case 0: cell = [" "] + cell + [" ", " "]
    case 1: cell.insert(" ", at: position(cell.count))
    case 2: cell.insert("\t", at: position(cell.count))
    case 3: if !cell.isEmpty { cell.remove(at: position(cell.count - 1)) }
    case 4: cell.insert(["e", "`", "^", "~", "@", "-", "_", "é", "ß"][Int(rng.next() % 9)], at: position(cell.count))
    case 5: cell = cell.map { $0 == "e" ? "é" : $0 == "a" ? "Á" : $0 }
    case 6: cell = cell.map { $0 == " " ? "\u{00A0}" : $0 }
    case 7:
      // Full-width forms (U+FF01…U+FF5E) of the printable ASCII letters.
      cell = cell.map { ch in
        guard let a = ch.asciiValue, a > 0x20, a < 0x7F, let w = Unicode.Scalar(UInt32(a) + 0xFEE0) else { return ch }
        return Character(w)
      }
    case 8:
      cell = Array(
        ["3", " 4 ", "7", "2.0", "-1", "+2", "NA", "na", "Na", "", "1 kali", "`home", "@HOME"][Int(rng.next() % 13)])
    case 9: cell.append(["s", " ", "x", "\u{0301}"][Int(rng.next() % 4)])
    case 10: cell = cell.map { $0 == "-" ? "\u{2011}" : $0 }
    default: break
    }
    return String(cell)
  }

  /// The cell as a `;`-delimited field: quoted when it holds the delimiter or a quote.
  static func field(_ cell: String) -> String {
    cell.contains(";") || cell.contains("\"") ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
  }

  @Test func matcherAgreesWithTheNormalisingLookup() throws {
    let labels = try ResponseLabels(scale: Self.scale, extra: Self.extras)
    // (The scale starts at 1, so a value's code is the value.)
    let matcher = try #require(
      ASCIILabelMatcher(table: labels.ascii, delimiter: UInt8(ascii: ";"), missingTokens: [Array("NA".utf8)]) { v in
        Self.scale.contains(v) ? UInt8(v) : nil
      })
    // Every plain spelling of a label that is on the scale and safe to match is matched in place.
    for (text, value) in labels.entries where Self.scale.contains(value) {
      let key = ResponseLabels.normalize(text)
      let unsafe = key == "na" || key.contains(";") || key.first?.isNumber == true
      for spelling in [key, key.uppercased(), key.capitalized] {
        let bytes = Array(spelling.utf8)
        let m = bytes.withUnsafeBufferPointer { b in
          b.baseAddress.map { matcher.match($0, available: b.count, readable: b.count) } ?? -1
        }
        #expect((m >= 0) == !unsafe, "\(spelling)")
        if m >= 0 { #expect(m >> 8 == bytes.count && UInt8(m & 0xFF) == UInt8(value)) }
      }
    }
    // Random cells, followed by a delimiter and more text: a match is the whole cell and names the
    // label the normalising lookup names.
    var rng = SplitMix64(seed: 0x1AB)
    var matched = 0
    for _ in 0..<20_000 {
      let cell = Self.randomCell(&rng, labels: labels)
      let bytes = Array((cell + ";Sering").utf8)
      let m = bytes.withUnsafeBufferPointer { b in
        b.baseAddress.map { matcher.match($0, available: b.count, readable: b.count) } ?? -1
      }
      guard m >= 0 else { continue }
      matched += 1
      #expect(m >> 8 == cell.utf8.count, "'\(cell)'")
      #expect(Self.naive(cell, labels: labels) == .code(UInt8(m & 0xFF)), "'\(cell)'")
    }
    #expect(matched > 5000)
  }

  /// Whole files: the reader (fast path, parallel parts, tokenizer path) gives what the naive loop
  /// gives, row by row.
  @Test(arguments: [false, true])
  func readerAgreesWithTheNaiveLoop(fastPath: Bool) throws {
    let labels = try ResponseLabels(scale: Self.scale, extra: Self.extras)
    var rng = SplitMix64(seed: fastPath ? 0xFA57 : 0x510)
    let columns = ["q1", "q2", "q3", "q4", "q5"]
    var text = "id;" + columns.joined(separator: ";") + "\n"
    var expected: [(line: Int, id: String, codes: [UInt8])] = []
    var rejected = 0
    // Enough rows for the parallel path (a chunk over half a MiB).
    for r in 0..<12_000 {
      var codes: [UInt8] = []
      var reject = false
      var fields = ["K\(r)"]
      for _ in columns {
        let cell = Self.randomCell(&rng, labels: labels)
        fields.append(Self.field(cell))
        switch Self.naive(cell, labels: labels) {
        case .code(let c): codes.append(c)
        case .reject: reject = true
        }
      }
      text += fields.joined(separator: ";") + "\n"
      if reject { rejected += 1 } else { expected.append((r + 2, "K\(r)", codes)) }
    }
    var parser = ResponseCSVParser(
      columns: columns, scale: Self.scale,
      options: .init(delimiter: UInt8(ascii: ";"), idColumn: "id", labels: labels))
    parser.fastPathEnabled = fastPath
    var batch = ResponseBatch(columns: columns, scale: Self.scale)
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { try parser.consume($0, isFinal: true, into: &batch) }
    #expect(batch.rowsRead == 12_000 && batch.rowsRejected == rejected)
    #expect(batch.lines == expected.map(\.line))
    #expect(batch.ids == expected.map(\.id))
    #expect(batch.matrix.codes == expected.flatMap(\.codes))
    #expect(rejected > 100 && expected.count > 1000)
  }

  /// Numbers never pay for a label look-up: with a labelled scale, a numeric file's cells (digits,
  /// signs, empty) are coded without asking the matcher (an unconditional look-up per cell once
  /// made the numeric path 20 % slower), while every cell of a labelled file asks it once.
  @Test func numericCellsNeverAskTheLabelMatcher() throws {
    let labels = try ResponseLabels(scale: Self.scale, extra: Self.extras)
    let columns = ["q1", "q2", "q3"]
    func read(_ rows: [[String]]) throws -> (ResponseCSVParser, ResponseBatch) {
      var text = "id;" + columns.joined(separator: ";") + "\n"
      for (r, cells) in rows.enumerated() { text += (["K\(r)"] + cells).joined(separator: ";") + "\n" }
      var parser = ResponseCSVParser(
        columns: columns, scale: Self.scale,
        options: .init(delimiter: UInt8(ascii: ";"), idColumn: "id", labels: labels))
      var batch = ResponseBatch(columns: columns, scale: Self.scale)
      let bytes = Array(text.utf8)
      try bytes.withUnsafeBufferPointer { try parser.consume($0, isFinal: true, into: &batch) }
      return (parser, batch)
    }
    // Hand-made: the codes are the values (the scale starts at 1); "" is missing; −1 is off the scale.
    let numericRows: [[String]] = [["1", "", "5"], ["2", "3", "+2"], ["-1", "5", "2.0"]]
    let numeric = (0..<3000).map { numericRows[$0 % 3] }
    let (parser, batch) = try read(numeric)
    #expect(parser.labelLookups == 0)
    #expect(batch.rowsRead == 3000 && batch.rowsRejected == 1000)
    let numericCodes: [[UInt8]] = [[1, 0, 5], [2, 3, 2]]
    let expectedNumeric: [UInt8] = (0..<2000).flatMap { numericCodes[$0 % 2] }
    #expect(batch.matrix.codes == expectedNumeric)
    // Label cells (a blank-led one too) ask once each; the empty and the digit cells do not.
    let labelledRows: [[String]] = [["Jarang", " ALWAYS, OR NEARLY ", ""], ["never", "Kadang-kadang", "3"]]
    let labelled = (0..<3000).map { labelledRows[$0 % 2] }
    let (labelParser, labelBatch) = try read(labelled)
    #expect(labelParser.labelLookups == 2 * 3000)
    #expect(labelBatch.rowsRejected == 0)
    let labelCodes: [[UInt8]] = [[2, 5, 0], [1, 3, 3]]
    let expectedLabelled: [UInt8] = (0..<3000).flatMap { labelCodes[$0 % 2] }
    #expect(labelBatch.matrix.codes == expectedLabelled)
  }
}
