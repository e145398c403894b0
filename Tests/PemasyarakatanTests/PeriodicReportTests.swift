import AssessmentEngine
import Foundation
import Testing

@testable import Pemasyarakatan

/// The periodic report on the documented sample (`Documentation/Samples/reports/`), every figure
/// computed by hand from the records in the comments, and on the shared reference batch
/// (`Tests/PemasyarakatanTests/Fixtures/privacy/`), whose figures were counted independently (see the comments).
@Suite("Periodic report for Kanwil and Ditjenpas")
struct PeriodicReportTests {
  static func sample() throws -> PeriodicReportInput {
    func read(_ name: String) throws -> Data {
      var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
      parts.removeLast(3)
      return try Data(
        contentsOf: URL(fileURLWithPath: parts.joined(separator: "/") + "/Documentation/Samples/reports/" + name))
    }
    let batch = CaseFileImport.decodeBatch(try read("cases.json"))
    #expect(batch.errors.isEmpty, "\(batch.errors)")
    let decoder = JSONDecoder()
    return PeriodicReportInput(
      cases: batch.records, officers: try decoder.decode([Officer].self, from: try read("officers.json")),
      partners: try decoder.decode([PokmasLipasPartner].self, from: try read("partners.json")),
      obstacles: try decoder.decode([InstitutionalObstacle].self, from: try read("obstacles.json")))
  }

  @Test func periodsParseAndSpanTheirDays() {
    #expect(
      ReportPeriod(parsing: "2025-01")?.interval == CivilDateInterval(start: d("2025-01-01"), end: d("2025-01-31")))
    #expect(ReportPeriod(parsing: "2024-02")?.interval.end == d("2024-02-29"))
    #expect(
      ReportPeriod(parsing: "2025-Q1")?.interval == CivilDateInterval(start: d("2025-01-01"), end: d("2025-03-31")))
    #expect(
      ReportPeriod(parsing: "2025-Q4")?.interval == CivilDateInterval(start: d("2025-10-01"), end: d("2025-12-31")))
    for bad in ["2025-13", "2025-Q5", "2025-1", "25-01", "2025-00", "2025/01", "", "2025-Q0"] {
      #expect(ReportPeriod(parsing: bad) == nil, "\(bad)")
    }
    #expect(ReportPeriod.quarter(year: 2025, quarter: 1).title(in: .indonesian) == "Triwulan I 2025")
    #expect(ReportPeriod.month(year: 2025, month: 1).title(in: .english) == "January 2025")
  }

  @Test func januaryPerBapasByHand() throws {
    let r = PeriodicReport(period: .month(year: 2025, month: 1), input: try Self.sample())
    #expect(r.bapas.map(\.id) == ["BPS-CTH", "BPS-LAIN"])
    let b = r.bapas[0]
    // Under guidance on 2025-01-31: CTH-1 (adult, PB, tahap awal — beginGuidance keeps it there),
    // CTH-2 (child, 15 at reception, tahap awal), CTH-4 (adult, asimilasi, suspended 01-20);
    // CTH-3 closed on 01-31.
    #expect(b.clientsUnderGuidance == AgeSplit(adults: 2, children: 1))
    #expect(
      b.byBasisAndStage == [
        BasisStageCount(legalBasis: .pembebasanBersyarat, stage: .tahapAwal, clients: AgeSplit(adults: 1)),
        BasisStageCount(legalBasis: .asimilasi, stage: .suspended, clients: AgeSplit(adults: 1)),
        BasisStageCount(legalBasis: .anakPidanaDenganSyarat, stage: .tahapAwal, clients: AgeSplit(children: 1)),
      ])
    #expect(b.receptions == AgeSplit(adults: 0, children: 1))  // CTH-2 on 01-15
    #expect(b.closings.map(\.kind) == ["completed"] && b.closings[0].count == 1 && b.closingsWithoutCertificate == 0)
    // CTH-4: TPP recommends suspension 01-18, the head suspends 01-20; revoke is 02-10.
    #expect(b.revocations == RevocationFigures(proposed: 1, suspended: 1, dismissed: 0, revoked: 0))
    // L-3 diversi 01-05 → 01-12 = 7 days, due 01-12 (on time); L-2 sidang 01-03 → 01-14 = 11 days, due
    // 01-10 (late). L-1 was finished in December.
    #expect(
      b.litmas == [
        LitmasFigures(
          type: .diversi, finished: 1, withRequestDate: 1, medianTurnaroundDays: 7, withDueDate: 1, overdue: 0),
        LitmasFigures(
          type: .sidangPengadilan, finished: 1, withRequestDate: 1, medianTurnaroundDays: 11, withDueDate: 1, overdue: 1
        ),
      ])
    // Reporting periods ending in January: CTH-1 12-02…01-01 (WL-1 attended); CTH-3 01-01…01-31
    // (attended 01-06); CTH-4 01-01…01-31 (missed 01-06; suspended only on 01-20). CTH-2's first
    // period ends 02-14. → 2 attended, 1 missed, rate 2/3.
    #expect(b.reporting == ReportingFigures(attended: 2, excused: 0, missed: 1))
    #expect(b.reporting.complianceRate == 2.0 / 3.0)
    // Contacts in January: office — CTH-1 attended, CTH-3 attended, CTH-4 missed, CTH-2 excused;
    // home — CTH-2 pendampingan attended.
    #expect(
      b.contacts == [
        ModalityFigures(modality: .officeVisit, attended: 2, missed: 1, excused: 1),
        ModalityFigures(modality: .homeVisit, attended: 1, missed: 0, excused: 0),
      ])
    // CTH-1 enrolled 01-10; attended 01-10 and 01-17 (2 h each), missed 01-24.
    #expect(b.programmes == ProgrammeFigures(newEnrolments: 1, activeAtEnd: 1, hoursAttended: 4, clientsAttending: 1))
    // PK-1 and PK-2 (the head left out): 3 clients / 2 PKs.
    #expect(b.officerCount == 2 && b.officerCountSource == .officerRecords && b.clientsPerOfficer == 1.5)
    // POK-1's agreement runs to 01-15; POK-2's only activity is on 02-20.
    #expect(b.activePartners == ["POK-1"])
    #expect(b.obstacles == [KindCount(kind: "pkShortage", label: ObstacleKind.pkShortage.label, count: 1)])

    let lain = r.bapas[1]
    // LAIN-1 is received on 02-10; its pre-sentence Litmas (01-20 → 01-31, 11 days) was finished in January.
    #expect(lain.clientsUnderGuidance == AgeSplit() && lain.receptions == AgeSplit())
    #expect(
      lain.litmas == [
        LitmasFigures(
          type: .sidangPengadilan, finished: 1, withRequestDate: 1, medianTurnaroundDays: 11, withDueDate: 0, overdue: 0
        )
      ])
    #expect(lain.reporting.complianceRate == nil && lain.officerCount == 1 && lain.clientsPerOfficer == 0)
    #expect(lain.activePartners == [] && lain.obstacles == [])
  }

  @Test func januaryPerOfficerByHand() throws {
    let r = PeriodicReport(period: .month(year: 2025, month: 1), input: try Self.sample())
    #expect(r.officers.map(\.id) == ["PK-1", "PK-2", "PK-3"])
    let (pk1, pk2, pk3) = (r.officers[0], r.officers[1], r.officers[2])
    #expect(pk1.clientsUnderGuidance == AgeSplit(adults: 1, children: 1) && pk1.receptions.total == 1)
    #expect(
      pk1.litmas.map(\.finished) == [1, 1] && pk1.reporting == ReportingFigures(attended: 1, excused: 0, missed: 0))
    #expect(
      pk1.programmes.hoursAttended == 4 && pk1.officerCount == nil && pk1.activePartners == nil && pk1.obstacles == nil)
    #expect(pk2.clientsUnderGuidance == AgeSplit(adults: 1) && pk2.closings.first?.count == 1)
    #expect(pk2.revocations.proposed == 1 && pk2.reporting == ReportingFigures(attended: 1, excused: 0, missed: 1))
    #expect(pk2.reporting.complianceRate == 0.5)
    #expect(pk3.litmas.first?.finished == 1 && pk3.clientsUnderGuidance.total == 0)
  }

  @Test func firstQuarterByHand() throws {
    let r = PeriodicReport(period: .quarter(year: 2025, quarter: 1), input: try Self.sample())
    let b = r.bapas[0]
    // On 03-31: CTH-1 and CTH-2 in tahap awal; CTH-3 closed; CTH-4 revoked on 02-10.
    #expect(b.clientsUnderGuidance == AgeSplit(adults: 1, children: 1))
    #expect(b.revocations == RevocationFigures(proposed: 1, suspended: 1, dismissed: 0, revoked: 1))
    // CTH-1: periods ending 01-01, 02-01, 03-01 all attended (WL-1, WL-2, WL-3). CTH-2: 01-15…02-14
    // excused only; 02-15…03-14 nothing → missed. CTH-3: 01-01…01-31 attended. CTH-4: 01-01…01-31
    // missed; 02-01… and 03-01… began while suspended or revoked → not owed.
    #expect(b.reporting == ReportingFigures(attended: 4, excused: 1, missed: 2))
    #expect(
      b.contacts == [
        ModalityFigures(modality: .officeVisit, attended: 2, missed: 1, excused: 1),
        ModalityFigures(modality: .homeVisit, attended: 2, missed: 0, excused: 0),
        ModalityFigures(modality: .videoCall, attended: 0, missed: 1, excused: 0),
      ])
    #expect(b.programmes == ProgrammeFigures(newEnrolments: 1, activeAtEnd: 1, hoursAttended: 6, clientsAttending: 1))
    #expect(b.clientsPerOfficer == 1.0 && b.activePartners == ["POK-1", "POK-2"])
    #expect(b.obstacles?.map(\.kind) == ["pkShortage", "distanceAndArea"])
    let lain = r.bapas[1]
    // LAIN-1: received 02-10 (adult, pidana bersyarat, tahap awal); 02-10…03-09 without a report → missed.
    #expect(lain.clientsUnderGuidance == AgeSplit(adults: 1) && lain.receptions == AgeSplit(adults: 1))
    #expect(
      lain.reporting == ReportingFigures(attended: 0, excused: 0, missed: 1) && lain.reporting.complianceRate == 0)
    #expect(lain.obstacles?.map(\.kind) == ["slowLitmas"] && lain.activePartners == [])
  }

  @Test func markdownInBothLanguagesAndJSONRoundTrip() throws {
    let r = PeriodicReport(period: .month(year: 2025, month: 1), input: try Self.sample())
    let id = r.markdown(language: .indonesian)
    #expect(id.hasPrefix("# Laporan periodik Bapas: Januari 2025\n"))
    #expect(id.contains("| Klien dalam bimbingan pada akhir periode | 3 (dewasa 2, anak 1) |"))
    #expect(id.contains("| Kepatuhan wajib lapor | 66,7% (hadir 2, izin 0, tidak lapor 1) |"))
    #expect(id.contains("| Rasio klien per PK | 1,5 (3 / 2 PK — data pegawai) |"))
    #expect(id.contains("| Litmas sidang pengadilan | 1 | 11,0 (n = 1) | 1 dari 1 |"))
    #expect(id.contains("| PK-2 | 1 (1/0) | 0 | 1 | 1/0 | 0 | 50,0% | 1 | 0 |"))
    let en = r.markdown(language: .english)
    #expect(en.hasPrefix("# Bapas periodic report: January 2025\n"))
    #expect(en.contains("| Wajib-lapor compliance | 66.7% (attended 2, excused 0, missed 1) |"))
    let data = try JSONEncoder().encode(r)
    #expect(try JSONDecoder().decode(PeriodicReport.self, from: data) == r)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#""period":{"kind":"month","month":1,"year":2025}"#) || text.contains(#""kind":"month""#))
  }

  /// The shared reference batch: 40 cases, all received 2025-01-20 with a monthly schedule and no
  /// contacts. Counted independently with Python from the JSON (Tests/PemasyarakatanTests/Fixtures/privacy/PROVENANCE.md):
  /// BPS-DPS 12, BPS-JKT 13, BPS-PLG 15 cases; everyone an adult at reception (the youngest born 2003).
  @Test func sharedReferenceBatch() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: sharedCaseBatchPath))
    let batch = CaseFileImport.decodeBatch(data)
    let january = PeriodicReport(period: .month(year: 2025, month: 1), input: PeriodicReportInput(cases: batch.records))
    #expect(january.bapas.map(\.id) == ["BPS-DPS", "BPS-JKT", "BPS-PLG"])
    #expect(january.bapas.map(\.receptions) == [AgeSplit(adults: 12), AgeSplit(adults: 13), AgeSplit(adults: 15)])
    #expect(january.bapas.map(\.clientsUnderGuidance.total) == [12, 13, 15])
    // No reporting period ends before 02-19.
    #expect(january.bapas.allSatisfy { $0.reporting.total == 0 && $0.reporting.complianceRate == nil })
    #expect(january.bapas.map(\.officerCount) == SharedBatchCounts.pksPerBapas)
    #expect(
      january.bapas[0].byBasisAndStage.map { "\($0.legalBasis.rawValue):\($0.clients.total)" }
        == SharedBatchCounts.dpsBases)
    #expect(january.officers.map(\.clientsUnderGuidance.total) == [6, 6, 6, 6, 6, 5, 5])
    let q1 = PeriodicReport(period: .quarter(year: 2025, quarter: 1), input: PeriodicReportInput(cases: batch.records))
    // Two periods end in the quarter (02-19, 03-19), both without a report, for each of 40 cases.
    #expect(
      q1.bapas.map(\.reporting.missed) == [24, 26, 30] && q1.bapas.allSatisfy { $0.reporting.complianceRate == 0 })
    #expect(q1.bapas.map(\.receptions.total) == [12, 13, 15])
  }
}

/// Counted from `Tests/PemasyarakatanTests/Fixtures/privacy/cases_shared.json` with an independent Python one-liner (see
/// PROVENANCE.md in that folder).
enum SharedBatchCounts {
  static let pksPerBapas: [Int?] = [5, 6, 6]
  static let dpsBases: [String] = ["pembebasanBersyarat:4", "cutiBersyarat:3", "asimilasi:3", "pidanaBersyarat:2"]
}

/// The listing of `Documentation/BapasPeriodicReports.md`, run from the repository root.
@Suite("Documentation: periodic report listing")
struct PeriodicReportDocumentationTests {
  @Test func articleListingRuns() throws {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    let root = parts.joined(separator: "/")
    let article = try String(contentsOfFile: root + "/Documentation/BapasPeriodicReports.md", encoding: .utf8)
    #expect(article.contains(#"let folder = URL(fileURLWithPath: "Documentation/Samples/reports")"#))
    // The listing, with the folder made absolute so the test does not depend on the working directory.
    let folder = URL(fileURLWithPath: root + "/Documentation/Samples/reports")
    let batch = CaseFileImport.decodeBatch(try Data(contentsOf: folder.appendingPathComponent("cases.json")))
    let decoder = JSONDecoder()
    let input = PeriodicReportInput(
      cases: batch.records,
      officers: try decoder.decode(
        [Officer].self, from: Data(contentsOf: folder.appendingPathComponent("officers.json"))),
      partners: try decoder.decode(
        [PokmasLipasPartner].self, from: Data(contentsOf: folder.appendingPathComponent("partners.json"))),
      obstacles: try decoder.decode(
        [InstitutionalObstacle].self, from: Data(contentsOf: folder.appendingPathComponent("obstacles.json"))))
    let january = PeriodicReport(period: .month(year: 2025, month: 1), input: input)
    let cth = january.bapas[0]
    #expect(
      "\(cth.clientsUnderGuidance.total) \(cth.reporting.complianceRate ?? 0) \(cth.clientsPerOfficer ?? 0)"
        == "3 0.6666666666666666 1.5")
    #expect(january.markdown(language: .english).split(separator: "\n")[0] == "# Bapas periodic report: January 2025")
    #expect(
      article.contains(
        "print(cth.clientsUnderGuidance.total, cth.reporting.complianceRate ?? 0, cth.clientsPerOfficer ?? 0)  // 3 0.6666666666666666 1.5"
      ))
  }
}

/// The periodic report is aggregate: no client's name, register number, address, phone or decision
/// number reaches it (UU 27/2022 PDP; the shared batch is full of such identifiers, see
/// Tests/PemasyarakatanTests/Fixtures/privacy/gen_cases.py).
@Suite("Periodic report: no personal data")
struct PeriodicReportPrivacyTests {
  @Test func noClientIdentifierReachesTheReport() throws {
    let batch = CaseFileImport.decodeBatch(try Data(contentsOf: URL(fileURLWithPath: sharedCaseBatchPath)))
    let report = PeriodicReport(
      period: .quarter(year: 2025, quarter: 1), input: PeriodicReportInput(cases: batch.records))
    let texts = [
      report.markdown(language: .indonesian), report.markdown(language: .english),
      String(decoding: try JSONEncoder().encode(report), as: UTF8.self),
    ]
    let identifiers = batch.records.flatMap { c in
      [c.client.name, c.client.id.rawValue, c.id.rawValue] + c.client.addresses.map(\.address)
        + c.client.contactPersons.flatMap { [$0.name, $0.phone ?? "-"] } + [c.client.sentence?.decisionNumber ?? "-"]
    }
    #expect(identifiers.count == 40 * 7)
    for text in texts {
      for id in identifiers { #expect(!text.contains(id), "\(id) leaked") }
    }
  }
}
