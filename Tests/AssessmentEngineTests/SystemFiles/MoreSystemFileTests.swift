import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// Files written by ReadStat (Fixtures/spss/make_spss.py): string answers through labels, a very long
/// string, user-missing ranges, value labels as labels, a wide zlib file.
@Suite("SPSS system files from an independent writer")
struct MoreSystemFileTests {
  static func expected() throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(try FolderFixture.bytes("spss", "expected.json"))) as? [String: Any]
      ?? [:]
  }

  static let scale = ResponseScale(
    min: 1, max: 5,
    anchors: [
      .init(value: 1, label: .init(id: "Tidak pernah", en: "Never")),
      .init(value: 2, label: .init(id: "Jarang", en: "Rarely")),
      .init(value: 3, label: .init(id: "Kadang-kadang", en: "Sometimes")),
      .init(value: 4, label: .init(id: "Sering", en: "Often")),
      .init(value: 5, label: .init(id: "Selalu", en: "Always")),
    ])

  @Test func stringAnswersGoThroughLabelsAndVeryLongStringsAreWhole() throws {
    let bytes = try FolderFixture.bytes("spss", "strings_utf8.sav")
    let (d, cases) = try SystemFileReader.read(bytes)
    let note = try #require(d.variables.first { $0.name == "note" })
    #expect(note.width == 600 && note.segments.count == 3)
    let want = try #require(try Self.expected()["strings_utf8.sav"] as? [String: Any])
    let lengths = try #require(want["note_len"] as? [Int])
    let noteIndex = try #require(d.index(of: "note"))
    for (i, c) in cases.enumerated() {
      guard case .text(let s) = c[noteIndex] else {
        Issue.record("note is not text")
        continue
      }
      // The note as written, less trailing spaces (SPSS pads strings with spaces, so they are not data).
      var want = String(String(repeating: "catatan panjang ", count: 40).prefix(lengths[i]))
      while want.hasSuffix(" ") { want.removeLast() }
      #expect(s == want)
    }
    let options = ResponseCSVOptions(
      idColumn: "id", columnMap: ["a": .name("s1"), "b": .name("s2"), "c": .position(4)],
      labels: try ResponseLabels(scale: Self.scale))
    let batch = try SystemFileResponseReader.read(bytes, columns: ["a", "b", "c"], scale: Self.scale, options: options)
    #expect(batch.issues.isEmpty, "\(batch.issues.prefix(2))")
    let ids = try #require(want["ids"] as? [String])
    let s = try #require(want["s"] as? [[Any]])
    #expect(batch.ids == ids)
    for i in 0..<batch.matrix.rowCount {
      #expect(batch.matrix.row(i) == s[i].map { $0 as? Int })
    }
  }

  @Test func userMissingRangesAndDiscreteValues() throws {
    let bytes = try FolderFixture.bytes("spss", "ranges.sav")
    let (d, _) = try SystemFileReader.read(bytes)
    #expect(d.variables[1].missingValues.range == 7...9 && d.variables[1].missingValues.values == [.number(0)])
    let batch = try SystemFileResponseReader.read(
      bytes, columns: ["q1", "q2", "q3", "q4"], scale: Self.scale, options: .init(idColumn: "klien"))
    #expect(batch.issues.isEmpty)
    let q = try #require(try Self.expected()["ranges.sav"] as? [String: Any])["q"] as? [[Any]]
    for i in 0..<batch.matrix.rowCount { #expect(batch.matrix.row(i) == q?[i].map { $0 as? Int }) }
  }

  @Test func numericCodesReadThroughTheirValueLabels() throws {
    let bytes = try FolderFixture.bytes("spss", "coded0.zsav")
    let options = ResponseCSVOptions(idColumn: "klien", labels: try ResponseLabels(scale: Self.scale))
    let batch = try SystemFileResponseReader.read(bytes, columns: ["q1", "q2"], scale: Self.scale, options: options)
    // Code 0 is outside 1–5 but labelled "Tidak pernah"; codes 1–4 are on the scale and read as
    // numbers — which is why a file coded 0–4 needs the labels *and* a check: the reader takes a
    // number on the scale at face value.
    let q = try #require(try Self.expected()["coded0.zsav"] as? [String: Any])["q"] as? [[Any]]
    #expect(batch.issues.isEmpty)
    for i in 0..<batch.matrix.rowCount {
      let want = (q?[i] ?? []).map { $0 as? Int }
      let got = batch.matrix.row(i)
      for j in 0..<2 { #expect(got[j] == (want[j] == 1 ? 1 : want[j].map { $0 - 1 })) }
    }
  }

  @Test func wideZlibFile() throws {
    let (d, cases) = try SystemFileReader.read(try FolderFixture.bytes("spss", "wide.zsav"))
    #expect(d.compression == .zlib && cases.count == 3000 && d.variables.count == 40)
    let want = try #require(try Self.expected()["wide.zsav"] as? [String: Any])
    let sums = try #require(want["sum_by_column"] as? [Double])
    let nans = try #require(want["nan_by_column"] as? [Int])
    for j in 0..<40 {
      var s = 0.0
      var n = 0
      for c in cases { if case .number(let x) = c[j] { s += x } else { n += 1 } }
      #expect(s == sums[j] && n == nans[j])
    }
  }

  /// Truncated and bit-flipped files (every fixture format) and labelled cells never crash: each is
  /// read or rejected with a typed error.
  @Test func fuzzedFilesNeverCrash() throws {
    var rng = SplitMix64(seed: 0x5A5)
    let names: [(String, String)] = [
      ("reach", "sav_shared_plain.sav"), ("reach", "sav_shared_bytecode.sav"), ("reach", "sav_shared_zsav.zsav"),
      ("reach", "sav_shared_usermiss.sav"), ("reach", "sav_shared_haven.sav"), ("spss", "strings_utf8.sav"),
      ("spss", "coded0.zsav"),
    ]
    let labels = try ResponseLabels(scale: Self.scale)
    let options = ResponseCSVOptions(idColumn: "klien", labels: labels)
    let columns = (1...12).map { "q\($0)" }
    var rejected = 0
    var read = 0
    for (folder, name) in names {
      let original = try FolderFixture.bytes(folder, name)
      var variants: [[UInt8]] = []
      for n in stride(from: 0, to: original.count, by: Swift.max(1, original.count / 60)) {
        variants.append(Array(original[0..<n]))
      }
      for _ in 0..<150 {
        var b = original
        for _ in 0..<(1 + Int(rng.next() % 3)) {
          let bit = Int(rng.next() % UInt64(b.count * 8))
          b[bit / 8] ^= UInt8(1 << (bit % 8))
        }
        variants.append(b)
      }
      for v in variants {
        do {
          _ = try ResponseTableReader.read(v, columns: columns, scale: Self.scale, options: options)
          read += 1
        } catch {
          rejected += 1
          #expect(!error.description.isEmpty)
        }
        _ = try? SystemFileReader.read(v)
      }
    }
    #expect(rejected > 0 && read > 0)
  }

  @Test func truncationsNameTheByteOffset() throws {
    let original = try FolderFixture.bytes("reach", "sav_shared_bytecode.sav")
    for n in [0, 3, 100, 175, 176, 400, 3000, original.count - 1] {
      do {
        _ = try SystemFileReader.read(Array(original[0..<n]))
        Issue.record("cut at \(n) read")
      } catch {
        if n >= 4 {
          #expect(error.offset <= n, "\(n): \(error)")
        } else {
          #expect(error == .notASystemFile || error.offset <= n)
        }
      }
    }
    #expect(throws: SystemFileError.notASystemFile) { try SystemFileReader.read(Array("id,q1\n".utf8)) }
  }

  @Test func labelFuzzNeverCrashes() throws {
    var rng = SplitMix64(seed: 77)
    let labels = try ResponseLabels(scale: Self.scale)
    let alphabet = Array("SeringKadang- \t\u{00A0}ÉéＳ\u{0301}ß\u{FFFD}\"".unicodeScalars)
    for _ in 0..<3000 {
      var s = String.UnicodeScalarView()
      for _ in 0..<Int(rng.next() % 20) { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
      let text = String(s)
      let v = labels.value(of: text)
      var utf8 = Array(text.utf8)
      let w = utf8.withUnsafeMutableBufferPointer { labels.value(utf8: UnsafeBufferPointer($0)) }
      #expect(v == w, "'\(text)'")
      let csv = "a\n\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
      _ = try? ResponseCSVParser.read(
        Array(csv.utf8), columns: ["a"], scale: Self.scale, options: .init(labels: labels))
    }
  }
}

/// Files GNU PSPP 1.6.2 wrote in windows-1252 (Fixtures/spss/make_pspp.sps), in all three compressions.
@Suite("SPSS files from PSPP (windows-1252)")
struct PSPPSystemFileTests {
  @Test(arguments: ["pspp_1252.sav", "pspp_1252_plain.sav", "pspp_1252.zsav"])
  func windows1252TextAndUserMissing(_ name: String) throws {
    let bytes = try FolderFixture.bytes("spss", name)
    let (d, _) = try SystemFileReader.read(bytes)
    #expect(d.encoding == "windows-1252")
    #expect(d.variables[0].label == "Identitas klien (é)")
    #expect(d.variables[1].missingValues.values == [.number(9)])
    let options = ResponseCSVOptions(
      idColumn: "klien", columnMap: ["c": .name("S1")], labels: try ResponseLabels(scale: MoreSystemFileTests.scale))
    let batch = try SystemFileResponseReader.read(
      bytes, columns: ["q1", "q2", "c"], scale: MoreSystemFileTests.scale, options: options)
    #expect(batch.issues.isEmpty)
    #expect(batch.ids == ["Ärï-01", "Çélïne-02", "K-03", "Ñoño-04"])
    #expect((0..<4).map { batch.matrix.row($0) } == [[1, 5, 4], [nil, 4, 2], [3, nil, 1], [2, 1, 5]])
  }

  @Test func unknownLabelIsATypedErrorNamingCaseVariableAndAllowedLabels() throws {
    let bytes = try FolderFixture.bytes("spss", "pspp_1252.sav")
    let scale = ResponseScale(min: 1, max: 5, anchors: [.init(value: 4, label: .init(id: "Sering", en: "Often"))])
    let options = ResponseCSVOptions(
      idColumn: "klien", columnMap: ["c": .position(4)], labels: try ResponseLabels(scale: scale))
    let batch = try SystemFileResponseReader.read(bytes, columns: ["c"], scale: scale, options: options)
    #expect(batch.matrix.rowCount == 1 && batch.rowsRejected == 3)
    let issue = try #require(batch.issues.first)
    #expect(
      issue.line == 2 && issue.column == 4 && issue.value == "jarang"
        && issue.kind == .unknownLabel(allowed: ["Sering", "Often"]))
    #expect(
      issue.rendered(file: "x.sav")
        == "x.sav: case 2, variable 4: error: column 's1': 'jarang' is not a number on the scale or one of the labels 'Sering', 'Often'. The row is rejected."
    )
  }
}
