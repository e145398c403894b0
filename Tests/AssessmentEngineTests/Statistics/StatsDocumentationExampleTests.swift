import AssessmentEngine
import Foundation
import Testing

/// The listing in `Documentation/AgreementAndOrdinalReliability.md`, verbatim between the BEGIN/END
/// markers, so that it compiles against the public API (no @testable) and runs.
@Suite("Documentation: agreement, multilevel and ordinal reliability")
struct StatsDocumentationExampleTests {
  @Test func listingRuns() throws {
    // BEGIN LISTING
    // Two PKs and the client rate the same five sessions (long table: target, rater, rating).
    let ratings: [IntraclassRating] = [
      ("s1", 6, 5, 6), ("s2", 4, 4, 5), ("s3", 7, 6, 7), ("s4", 3, 4, 3), ("s5", 5, 5, 6),
    ].flatMap { session, pk1, pk2, client in
      [
        IntraclassRating(target: session, rater: "PK1", rating: pk1),
        IntraclassRating(target: session, rater: "PK2", rating: pk2),
        IntraclassRating(target: session, rater: "client", rating: client),
      ]
    }
    let icc = try IntraclassCorrelation(long: ratings)
    let agreement = try #require(icc.estimate("ICC2"))  // absolute agreement, raters random
    print(agreement.value, agreement.lower, agreement.upper, agreement.p)

    // Four dyads, each rated at two sessions on a two-item alliance form.
    let sessions = [
      MultilevelRecord(person: "D1", time: "1", values: [4, 5]),
      MultilevelRecord(person: "D1", time: "2", values: [6, 6]),
      MultilevelRecord(person: "D2", time: "1", values: [2, 2]),
      MultilevelRecord(person: "D2", time: "2", values: [3, 4]),
      MultilevelRecord(person: "D3", time: "1", values: [5, 4]),
      MultilevelRecord(person: "D3", time: "2", values: [4, 4]),
      MultilevelRecord(person: "D4", time: "1", values: [3, 3]),
      MultilevelRecord(person: "D4", time: "2", values: [5, 4]),
    ]
    let multilevel = try MultilevelReliability(records: sessions)
    print(multilevel.RkF, multilevel.Rc)  // 0.909 0.667

    // Ordinal alpha on 4-point items: codes 1…4, row-major, 0 = missing.
    let codes: [UInt8] = [
      1, 1, 2, 2, 3, 3, 2, 3, 4, 4, 1, 2, 3, 3, 2, 2, 2, 1, 4, 3,
      4, 4, 3, 3, 1, 2, 2, 3, 3, 4, 3, 3, 2, 2, 1, 1, 4, 4, 4, 3,
    ]
    let polychoric = try PolychoricCorrelation(codes: codes, itemCount: 2, levels: 4, itemNames: ["q1", "q2"])
    let ordinal = OrdinalReliability(polychoric)
    print(ordinal.alpha, polychoric.rho[0][1], polychoric.thresholds[0])
    // END LISTING
    #expect(agreement.value > 0.7 && agreement.value < 1)
    #expect(agreement.lower < agreement.value && agreement.value < agreement.upper)
    #expect(abs(multilevel.RkF - 10.0 / 11.0) < 1e-12 && abs(multilevel.Rc - 2.0 / 3.0) < 1e-12)
    #expect(polychoric.rho[0][1] > 0.7)
    #expect(ordinal.alpha > 0.8)
  }

  @Test func articleListingMatchesTheTest() throws {
    let testFile = URL(fileURLWithPath: #filePath)
    let root = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let source = try String(contentsOf: testFile, encoding: .utf8)
    let article = try String(
      contentsOf: root.appendingPathComponent("Documentation/AgreementAndOrdinalReliability.md"), encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let begin = try #require(lines.firstIndex { $0.contains("// BEGIN LISTING") && !$0.contains("contains") })
    let end = try #require(lines.firstIndex { $0.contains("// END LISTING") && !$0.contains("contains") })
    let listing = lines[(begin + 1)..<end].map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }
      .joined(separator: "\n")
    #expect(article.contains(listing))
  }
}
