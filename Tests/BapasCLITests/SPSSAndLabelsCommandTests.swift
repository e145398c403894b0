import AssessmentEngine
import Foundation
import Testing

@testable import BapasCLI

/// The "done when": `bapas score` reproduces `expected_shared.csv` from the labelled form
/// export (with its map file) and from every SPSS file of the reach set; `--format sav` writes what
/// the CSV output says; damaged inputs are typed errors.
@Suite("bapas with labelled exports and SPSS files")
struct SPSSAndLabelsCommandTests {
  /// The reach fixtures live with the engine's tests (Tests/AssessmentEngineTests/Fixtures/reach).
  static let reach = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("AssessmentEngineTests/Fixtures/reach").path

  static func expected() throws -> [String: [String]] {
    let text = try String(contentsOfFile: "\(reach)/expected_shared.csv", encoding: .utf8)
    var out: [String: [String]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      out[f[0]] = Array(f.dropFirst())
    }
    return out
  }

  /// Compares `bapas score` CSV output with the expected scores numerically (the expected file
  /// writes `11.0` where bapas writes `11`).
  func check(_ stdout: String) throws {
    let expected = try Self.expected()
    let lines = stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 121)
    #expect(
      lines[0].hasSuffix(
        "Arah_sum,Arah_mean,Arah_missing,Tugas_sum,Tugas_mean,Tugas_missing,Ikatan_sum,Ikatan_mean,Ikatan_missing"))
    for line in lines.dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let want = try #require(expected[f[0]], "id \(f[0])")
      for (got, w) in zip(f.dropFirst(), want) {
        if w.isEmpty { #expect(got.isEmpty) } else { #expect(Double(got) == Double(w), "\(f[0]): \(got) vs \(w)") }
      }
    }
  }

  @Test func labelledFormExportWithMapFile() throws {
    let r = runBapas([
      "score", "\(Self.reach)/forms_shared.csv", "--instrument", "\(Self.reach)/inst_shared.json",
      "--map-file", "\(Self.reach)/map_shared.csv", "--id-column", "Inisial klien",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    try check(r.stdout)
  }

  @Test(arguments: [
    "sav_shared_plain.sav", "sav_shared_bytecode.sav", "sav_shared_zsav.zsav", "sav_shared_usermiss.sav",
    "sav_shared_haven.sav",
  ])
  func systemFiles(_ name: String) throws {
    let r = runBapas([
      "score", "\(Self.reach)/\(name)", "--instrument", "\(Self.reach)/inst_shared.json", "--id-column", "klien",
    ])
    #expect(r.status == .success, "\(r.stderr)")
    try check(r.stdout)
  }

  @Test func savOutputReadsBackAsTheCSVOutput() throws {
    let input = "\(Self.reach)/sav_shared_zsav.zsav"
    let common = [input, "--instrument", "\(Self.reach)/inst_shared.json", "--id-column", "klien"]
    let csv = runBapas(["score"] + common)
    let out = try temporaryFile("", name: "scores.sav")
    let sav = runBapas(["score"] + common + ["--output", out, "--language", "en"])
    #expect(sav.status == .success && sav.stdout.isEmpty)
    let (d, cases) = try SystemFileReader.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
    #expect(d.compression == .bytecode && cases.count == 120)
    #expect(d.variables.map(\.name).prefix(4) == ["klien", "Arah_sum", "Arah_mean", "Arah_missing"])
    #expect(d.variables[1].label == "Arah (sum)" && d.variables[3].label == "Arah (items missing)")
    for (line, c) in zip(csv.stdout.split(separator: "\n").dropFirst(), cases) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(c[0] == .text(f[0]))
      for k in 1..<f.count {
        if f[k].isEmpty { #expect(c[k] == nil) } else { #expect(c[k] == .number(Double(f[k]) ?? .nan)) }
      }
    }
  }

  @Test func labelsMapsAndDelimiterOnTheCommandLine() throws {
    let csv = "no;Butir A;Butir B\n1;Sangat setuju;ss\n2;2,0;Tidak setuju\n"
    let path = try temporaryFile(csv)
    let r = runBapas([
      "score", path, "--scale", "S=a,b", "--min", "1", "--max", "5", "--map", "a=Butir A", "--map", "b=#3",
      "--label", "Sangat setuju=5", "--label", "SS=5", "--label", "Tidak setuju=2", "--id-column", "#1",
    ])
    // "2,0" is a decimal-comma number, not a whole number or a label: the row is rejected, located.
    #expect(r.status == .someRowsRejected)
    #expect(r.stdout.split(separator: "\n").map(String.init) == ["#1,S_sum,S_mean,S_missing", "1,10,5,0"])
    #expect(r.stderr.contains("\(path):3:3: error: column 'Butir A': the value '2,0' is not a whole number"))
    let unknown = try temporaryFile("no;Butir A\n1;Agak setuju\n")
    let u = runBapas([
      "score", unknown, "--scale", "S=a", "--min", "1", "--max", "5", "--map", "a=Butir A", "--label", "SS=5",
    ])
    #expect(
      u.stderr.contains(
        "\(unknown):2:3: error: column 'Butir A': 'Agak setuju' is not a number on the scale or one of the labels 'SS'. The row is rejected."
      ))
    let bad = runBapas(["score", path, "--scale", "S=a", "--min", "1", "--max", "5", "--map", "a=Nope"])
    #expect(bad.status == .unreadableInput && bad.stderr.contains("the column map puts item 'a' in column 'Nope'"))
    let usage = runBapas(["score", path, "--scale", "S=a", "--min", "1", "--max", "5", "--label", "x=9"])
    #expect(usage.status == .usage)
  }

  @Test func damagedSPSSFilesAreTypedErrors() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(Self.reach)/sav_shared_bytecode.sav")))
    let cut = try temporaryFile("", name: "cut.sav")
    try Data(bytes[0..<(bytes.count - 100)]).write(to: URL(fileURLWithPath: cut))
    let r = runBapas(["score", cut, "--instrument", "\(Self.reach)/inst_shared.json", "--id-column", "klien"])
    #expect(r.status == .unreadableInput)
    #expect(r.stderr.contains("\(cut): byte \(bytes.count - 100): error: the file ends early, inside case"))
    let inside = try temporaryFile("", name: "dictionary.sav")
    try Data(bytes[0..<3000]).write(to: URL(fileURLWithPath: inside))
    let d = runBapas(["score", inside, "--instrument", "\(Self.reach)/inst_shared.json"])
    #expect(
      d.status == .unreadableInput
        && d.stderr.contains("byte 3000: error: the file ends early, inside a dictionary record"))
  }
}
