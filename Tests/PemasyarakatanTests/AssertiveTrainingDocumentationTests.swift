import Foundation
import Testing
import Pemasyarakatan

/// The "Using it" example of `Documentation/AssertiveTraining.md`, run on the sample group, so the
/// article cannot drift from the API.
@Suite("Assertive training: documentation example")
struct AssertiveTrainingDocumentationTests {
  @Test func usingItExampleRuns() throws {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    let path = parts.joined(separator: "/") + "/Documentation/Samples/assertive/group.json"

    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let group = try AssertiveTrainingGroup.decode(jsonData: data)
    let analysis = AssertiveTrainingAnalysis(group: group)
    #expect(analysis.issues.isEmpty, "the sample is clean: \(analysis.issues.map { $0.message(in: .indonesian) })")
    let report = AssertiveTrainingReport(analysis: analysis, language: .indonesian)
    #expect(report.markdown().hasPrefix("# Laporan kemajuan latihan asertif: Kelompok latihan asertif angkatan I 2026 (contoh sintetis)\n"))
    let json = try report.jsonData()
    #expect(try JSONDecoder().decode(AssertiveTrainingReport.self, from: json) == report)

    var tracker = StepTracker(rules: .default)
    try tracker.apply(StepEvent(date: try CivilDate(iso: "2026-02-02"), kind: .identify))
    #expect(tracker.current == .setPriorities)
  }
}
