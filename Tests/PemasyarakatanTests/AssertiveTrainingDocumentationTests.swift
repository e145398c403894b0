import Foundation
import Pemasyarakatan
import Testing

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
    #expect(
      report.markdown().hasPrefix(
        "# Laporan kemajuan latihan asertif: Kelompok latihan asertif angkatan I 2026 (contoh sintetis)\n"))
    let json = try report.jsonData()
    #expect(try JSONDecoder().decode(AssertiveTrainingReport.self, from: json) == report)

    // The issue's sample: ICQ Initiation, 6 pairs. The exact interval includes 0 and p > .05, so
    // the report must not suggest a significant improvement (R 4.2.2: AssessmentEngineTests/
    // Fixtures/R/effect_sizes.R, case icq_initiation).
    let initiation = try #require(report.outcomes.first { $0.scale == "Initiation" && $0.occasionID == .post })
    #expect(initiation.pairs == 6)
    #expect(abs((initiation.dz ?? .nan) - 1.0043763885240242) <= 1e-9)
    #expect(abs((initiation.dzLower ?? .nan) - -0.028323603198944079) <= 1e-6)
    #expect(abs((initiation.dzUpper ?? .nan) - 1.9778559566834135) <= 1e-6)
    #expect(abs((initiation.p ?? .nan) - 0.057213879253144355) <= 1e-9)
    #expect(initiation.df == 5)
    #expect(report.markdown().contains("2,46 (5), p = 0,057"))

    var tracker = StepTracker(rules: .default)
    try tracker.apply(StepEvent(date: try CivilDate(iso: "2026-02-02"), kind: .identify))
    #expect(tracker.current == .setPriorities)
  }
}
