import Foundation
import Pemasyarakatan
import Testing

/// `Documentation/BapasProgrammeEvaluation.md` run on its sample (seeds/002_2239df8a37d00bc2.txt:234–270,
/// 415–453), with the figures computed by hand.
@Suite("Programme evaluation")
struct ProgrammeEvaluationTests {
  static func root() -> String {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
  }

  @Test func articleExampleOnTheAksalarasaSample() throws {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: Self.root() + "/Documentation/Samples/programme/aksalarasa.json"))
    let programme = try ProgrammeEvaluation.decode(jsonData: data)
    let evaluation = programme.evaluation
    // Weights blank, 30, 40; measured I1 (no weight) and I3 (40) at 1; I2 not measured.
    // Weighted = 40·1 / 40 = 1; covered 40; total 70.
    #expect(evaluation.weightedAchievement == 1.0 && evaluation.weightCovered == 40 && evaluation.totalWeight == 70)
    #expect(evaluation.results.map(\.unavailable) == [nil, "not measured yet", nil])
    #expect(programme.cycle.map(\.phase) == [.assessment, .planning, .intervention, .evaluation, .termination])
    let id = ProgrammeEvaluationReport(evaluation: programme, language: .indonesian).markdown()
    #expect(
      id.split(separator: "\n")[0]
        == "# Laporan evaluasi program: AKSALARASA — Aksi Sadar Lingkungan Bersama Bapas Kelas I Denpasar")
    #expect(
      id.contains(
        "| I2 Keterlibatan klien di masyarakat meningkat, mendukung reintegrasi sosial | 30% | Stigma negatif masyarakat terhadap klien hilang sehingga klien diterima kembali | — | — | belum diukur |"
      ))
    #expect(id.contains("**Ketercapaian tertimbang:** 100% (bobot terukur 40 dari 70)."))
    #expect(id.contains("- **Ancaman:** stigma masyarakat terhadap klien"))
    let en = ProgrammeEvaluationReport(evaluation: programme, language: .english)
    #expect(
      en.markdown().hasPrefix(
        "# Programme evaluation report: AKSALARASA — an environmental action with Bapas Kelas I Denpasar\n"))
    let json = try JSONEncoder().encode(en)
    #expect(try JSONDecoder().decode(ProgrammeEvaluationReport.self, from: json) == en)
  }

  @Test func unreadableIndicatorIsListedAndTheRestEvaluated() throws {
    let text = #"""
      {"id": "P", "name": {"id": "P", "en": "P"},
       "indicators": [{"id": "I1", "criterion": {"id": "a", "en": "a"}, "weight": "tiga puluh"},
                      {"id": "I2", "criterion": {"id": "b", "en": "b"}, "weight": 50, "measure": {"kind": "manual", "achieved": 0.4}, "target": 0.8}]}
      """#
    let e = try ProgrammeEvaluation.decode(jsonData: Data(text.utf8))
    let ev = e.evaluation
    #expect(ev.problems.map(\.path) == ["$.indicators[0].weight"])
    // 0.4 / 0.8 = 0.5; weighted 50·0.5/50 = 0.5.
    #expect(ev.results.map(\.achievement) == [0.5] && ev.weightedAchievement == 0.5 && ev.results[0].met == false)
    #expect(
      throws: ProgrammeEvaluationError(
        path: "$.cycle[0].phase",
        reason: "'kickoff' is not one of 'assessment', 'planning', 'intervention', 'evaluation', 'termination'")
    ) {
      try ProgrammeEvaluation.decode(
        jsonData: Data(
          #"{"id": "P", "name": {"id": "P", "en": "P"}, "cycle": [{"phase": "kickoff", "from": "2023-01-01"}]}"#.utf8))
    }
  }

  /// A repeated key is refused with its path, as in group and case files (the strict reader runs first).
  @Test func aRepeatedKeyIsRefused() {
    do {
      _ = try ProgrammeEvaluation.decode(
        jsonData: Data(#"{"id": "P", "id": "Q", "name": {"id": "P", "en": "P"}}"#.utf8))
      Issue.record("a repeated key was accepted")
    } catch {
      #expect(error.path.hasPrefix("$") && error.reason.contains("id"))
    }
  }
}
