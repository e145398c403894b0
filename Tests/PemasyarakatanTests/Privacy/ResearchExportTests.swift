import AssessmentEngine
import Foundation
import Testing
import _SDKSupport

@testable import Pemasyarakatan

/// The fixtures in `Fixtures/privacy` (see PROVENANCE.md there).
enum PrivacyFixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/privacy")
  static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }
  static func key() throws -> [UInt8] { Array(try data("research-test.key")) }
  static func cases() throws -> [CaseFile] {
    let batch = CaseFileImport.decodeBatch(try data("cases_shared.json"))
    #expect(batch.errors.isEmpty, "\(batch.errors)")
    return batch.records
  }
  /// Every identifier in the shared cases: the generator's list (client id, name, address, phone,
  /// decision number) plus what the JSON itself holds (case ids, officer ids, contact persons).
  static func identifiers() throws -> [String] {
    let listed = String(decoding: try data("cases_shared.json.pii.txt"), as: UTF8.self).split(separator: "\n").map(
      String.init)
    let cases = try self.cases()
    return listed + cases.map(\.id.rawValue) + cases.map(\.officerID.rawValue)
      + cases.flatMap { $0.client.contactPersons.map(\.name) }
      + cases.compactMap { $0.client.contactPersons.first?.phone }
  }
  /// `caseID → pseudonym` computed by Python's hmac (make_pseudonym_vectors.py).
  static func pythonPseudonyms() throws -> [String: String] {
    let lines = String(decoding: try data("pseudonym_vectors.csv"), as: UTF8.self).split(separator: "\n").dropFirst()
    return Dictionary(
      uniqueKeysWithValues: lines.map { line in
        let parts = line.split(separator: ",")
        return (String(parts[0]), String(parts[1]))
      })
  }
}

@Suite("Research export")
struct ResearchExportTests {
  static let asOf = d("2026-01-01")

  @Test func pseudonymsEqualPythonHMAC() throws {
    let key = try PrivacyFixtures.key()
    let python = try PrivacyFixtures.pythonPseudonyms()
    let cases = try PrivacyFixtures.cases()
    #expect(python.count == 40)
    for file in cases {
      #expect(HMACSHA256.hex(key: key, message: Array(file.client.id.rawValue.utf8)) == python[file.id.rawValue])
    }
    // Every exported pseudonym is one Python computed, 64 lowercase hex digits.
    let export = try ResearchExport(cases: cases, options: ResearchExportOptions(key: key, k: 2, asOf: Self.asOf))
    let expected = Set(python.values)
    for row in export.rows {
      #expect(expected.contains(row.pseudonym))
      #expect(row.pseudonym.count == 64 && row.pseudonym.allSatisfy { "0123456789abcdef".contains($0) })
    }
  }

  /// The hand count, k = 2 at 2026-01-01. The generator draws birth years from seven values and no
  /// birthday falls on 1 January, so a client born in year Y is 2025 − Y on the export date: 1960 → 65
  /// (56+), 1972 → 53 (46-55), 1980 → 45 and 1988 → 37 (36-45), 1994 → 31 and 1999 → 26 (26-35),
  /// 2003 → 22 (18-25). Grouping the 40 records of cases_shared.json by
  /// (band, sex, Bapas, legal basis) gives six groups of two:
  ///   36-45 female BPS-JKT asimilasi; 36-45 female BPS-JKT cutiBersyarat; 56+ female BPS-PLG
  ///   pidanaBersyarat; 36-45 female BPS-PLG pidanaBersyarat; 56+ female BPS-DPS cutiBersyarat;
  ///   26-35 female BPS-DPS asimilasi,
  /// and 28 groups of one. So 12 rows are kept and 28 suppressed (28 groups below k); at k = 3
  /// nothing survives (40 suppressed, 34 groups).
  @Test func suppressionEqualsTheHandCount() throws {
    let cases = try PrivacyFixtures.cases()
    let key = try PrivacyFixtures.key()
    let two = try ResearchExport(cases: cases, options: ResearchExportOptions(key: key, k: 2, asOf: Self.asOf))
    #expect(two.rows.count == 12)
    #expect(two.suppressed == SuppressionCounts(belowK: 28, ageOutsideBands: 0))
    #expect(two.groupsBelowK == 28)
    let kept = Dictionary(grouping: two.rows) {
      "\($0.ageBand.rawValue) \($0.sex.rawValue) \($0.bapasCode) \($0.legalBasis.rawValue)"
    }.mapValues(\.count)
    #expect(
      kept == [
        "36-45 female BPS-JKT asimilasi": 2, "36-45 female BPS-JKT cutiBersyarat": 2,
        "56+ female BPS-PLG pidanaBersyarat": 2,
        "36-45 female BPS-PLG pidanaBersyarat": 2, "56+ female BPS-DPS cutiBersyarat": 2,
        "26-35 female BPS-DPS asimilasi": 2,
      ])
    let three = try ResearchExport(cases: cases, options: ResearchExportOptions(key: key, k: 3, asOf: Self.asOf))
    #expect(three.rows.isEmpty && three.suppressed.belowK == 40 && three.groupsBelowK == 34)
  }

  /// No birthday on 1 January, the premise of the hand count above.
  @Test func handCountPremise() throws {
    #expect(
      try PrivacyFixtures.cases().allSatisfy { !($0.client.birthDate.month == 1 && $0.client.birthDate.day == 1) })
  }

  @Test func noIdentifierInAnyField() throws {
    let export = try ResearchExport(
      cases: try PrivacyFixtures.cases(),
      options: ResearchExportOptions(key: try PrivacyFixtures.key(), k: 2, asOf: Self.asOf))
    let text = export.rows.map { $0.cells.joined(separator: ",") }.joined(separator: "\n")
    let ids = try PrivacyFixtures.identifiers()
    #expect(ids.count >= 200)
    for id in ids { #expect(!text.contains(id), "\(id) leaked") }
  }

  @Test(
    arguments: [
      (11, nil), (12, "12-17"), (17, "12-17"), (18, "18-25"), (25, "18-25"), (26, "26-35"), (35, "26-35"),
      (36, "36-45"),
      (45, "36-45"), (46, "46-55"), (55, "46-55"), (56, "56+"), (90, "56+"), (-1, nil),
    ] as [(Int, String?)])
  func ageBandBoundaries(age: Int, band: String?) {
    #expect(AgeBand(age: age)?.rawValue == band)
  }

  /// A child's row: the band 12-17, the latest result kept only as a band label, and no free text
  /// anywhere (notes, excuse reasons, Litmas recommendation, TPP basis, revocation note).
  @Test func childRecordCarriesNoFreeText() throws {
    var file = try PrivacySamples.caseFile()
    file.client.birthDate = d("2010-03-01")
    file.client.legalBasis = .diversi
    file.assessments.append(
      AssessmentRecord(date: d("2025-03-01"), instrument: "RRI", result: "Budi said he hates school"))
    var twin = file
    twin.client.id = "another-child"
    let export = try ResearchExport(
      cases: [file, twin], options: ResearchExportOptions(key: try PrivacyFixtures.key(), k: 2, asOf: Self.asOf))
    #expect(export.rows.count == 2)
    let row = export.rows[0]
    #expect(row.ageBand == .age12to17)
    #expect(row.latestBand == "other")
    let text = export.rows.flatMap(\.cells).joined(separator: "|")
    for freeText in [
      "sakit", "catatan", "…", "Litmas", "hates", "Budi", "BAP/09", "TPP/01", "LP/B/123", "Nyoman", "Melati", "0812",
    ] {
      #expect(!text.contains(freeText), "\(freeText)")
    }
    #expect(
      row.receivedMonth == "2025-01" && row.guidanceEndMonth == "2027-01" && row.latestAssessmentMonth == "2025-03")
    #expect(row.contactsExcused == 1 && row.programmeHours == 2 && row.assessments == 2)
    #expect(row.flags.contains(.newSuspectOrConvictStatus) && row.revocationState == .bapRecorded)
  }

  @Test func underTwelveIsSuppressedWithItsReason() throws {
    var file = try PrivacySamples.caseFile()
    file.client.birthDate = d("2015-01-01")
    let export = try ResearchExport(
      cases: [file, file], options: ResearchExportOptions(key: try PrivacyFixtures.key(), k: 2, asOf: Self.asOf))
    #expect(export.rows.isEmpty && export.suppressed == SuppressionCounts(belowK: 0, ageOutsideBands: 2))
  }

  @Test func refusesAShortKeyAndKBelowTwo() throws {
    #expect(throws: ResearchExportError.keyTooShort(bytes: 31, minimum: 32)) {
      try ResearchExport(
        cases: [], options: ResearchExportOptions(key: Array(repeating: 1, count: 31), k: 2, asOf: Self.asOf))
    }
    #expect(throws: ResearchExportError.kTooSmall(1)) {
      try ResearchExport(
        cases: [], options: ResearchExportOptions(key: Array(repeating: 1, count: 32), k: 1, asOf: Self.asOf))
    }
  }

  /// Rows are sorted by pseudonym, so shuffling the input gives the same table.
  @Test func inputOrderDoesNotShowInTheOutput() throws {
    let cases = try PrivacyFixtures.cases()
    let options = ResearchExportOptions(key: try PrivacyFixtures.key(), k: 2, asOf: Self.asOf)
    #expect(
      try ResearchExport(cases: cases, options: options).rows
        == (try ResearchExport(cases: cases.reversed(), options: options).rows))
  }

  /// Everything is read as of the export date: a stage change, an assessment, an enrolment or a
  /// revocation step dated later does not show.
  @Test func countsAndStatesAreAsOfTheExportDate() throws {
    let file = try PrivacySamples.caseFile()  // begins guidance 2025-01-30; revocation BAP 2025-09-01
    let key = try PrivacyFixtures.key()
    func row(_ date: String) throws -> ResearchRow? {
      try ResearchExport(cases: [file, file], options: ResearchExportOptions(key: key, k: 2, asOf: d(date))).rows.first
    }
    let early = try #require(try row("2025-01-21"))
    #expect(
      early.stage == .tahapAwal && early.assessments == 0 && early.latestBand == nil && early.programmeEnrolments == 0
        && early.revocationState == nil)
    #expect(early.contactsExcused == 0 && early.programmeHours == 0)
    let later = try #require(try row("2025-10-01"))
    #expect(
      later.stage == .tahapAwal && later.assessments == 1 && later.latestBand == "sedang"
        && later.programmeEnrolments == 1 && later.revocationState == .bapRecorded && later.contactsExcused == 1)
  }
}
