import AssessmentEngine
import Foundation
import Testing

@testable import Pemasyarakatan

/// Issue 16's seven contradictions between the SDK and its sources, each checked against the seed
/// line or the law it contradicted. Seeds are cited as `seeds/<file>:<line>`; the seed text is not read
/// at test time.
@Suite("The domain agrees with the seeds and the law")
struct SeedContradictionTests {
  static let client = Client(
    id: "K-1", name: "Made S.", birthDate: d("1990-01-01"), sex: .male, legalBasis: .pembebasanBersyarat)

  static func received() -> CaseFile {
    CaseFile(
      id: "C-1", bapasCode: "BPS-DPS", officerID: "PK-1", client: client, receivedOn: d("2025-01-20"),
      guidancePeriod: CivilDateInterval(start: d("2025-01-20"), end: d("2027-01-09")))
  }

  // 1. seeds/004_413d9b83f2db0785.txt:76–82 lists "(a) penerimaan dan pendaftaran Klien", "(b) pembuatan
  //    penelitian … untuk bahan pembimbingan" and "(c) penyusunan program pembimbingan" inside
  //    "Pembimbingan tahap awal"; seeds/003_f65d4ecb3a718c5b.txt:742–745 ("Pada tahap awal … menerima
  //    klien dari lapas dengan segala administrasinya").
  @Test func receptionIsInsideTahapAwal() throws {
    var file = Self.received()
    #expect(file.stage == .tahapAwal)
    #expect(!CaseStage.allCases.map(\.rawValue).contains("penerimaan"))
    // A newly received case is not "stage review due".
    let load = CaseloadReport(officer: "PK-1", cases: [file], asOf: d("2025-01-21"))
    #expect(load.stageReviewsDue.isEmpty)
    #expect(GuidanceStageRule.thirds.expectedStage(on: d("2025-01-19"), in: file.guidancePeriod) == .tahapAwal)
    // The Litmas for guidance and the TPP approval of the programme both happen in tahap awal.
    try file.apply(.beginGuidance, on: d("2025-01-30"), decision: tpp("2025-01-30", .approveGuidancePlan))
    #expect(file.stage == .tahapAwal)
    try file.apply(.advanceToLanjutan, on: d("2025-09-17"), decision: tpp("2025-09-17", .approveStageAdvance))
    #expect(file.stage == .tahapLanjutan)
    // A file written with the old stage name still reads.
    #expect(try JSONDecoder().decode(CaseStage.self, from: Data(#""penerimaan""#.utf8)) == .tahapAwal)
  }

  @Test func tahapLanjutanCanFollowReceptionWithoutAPlanEvent() throws {
    var file = Self.received()
    try file.apply(.advanceToLanjutan, on: d("2025-09-17"), decision: tpp("2025-09-17", .approveStageAdvance))
    #expect(file.stage == .tahapLanjutan)
  }

  // 2. seeds/001_e3215a69391701ce.txt:37 ("Litmas, … pendampingan, pembimbingan, serta pengawasan
  //    klien, di dalam proses pidana maupun di luar proses pidana"); seeds/003_f65d4ecb3a718c5b.txt:673–685
  //    ("Empat domain inilah yang menjadi fungsi utama dari Bapas"); seeds/004_413d9b83f2db0785.txt:24
  //    ("4 tugas dan fungsi pokok yaitu: 1) Pembimbingan, 2) Pendampingan, 3) Pengawasan, dan 4)
  //    Penelitian Kemasyarakatan").
  @Test func pendampinganIsAFunctionNotALegalBasis() throws {
    #expect(!LegalBasis.allCases.map(\.rawValue).contains("pendampingan"))
    #expect(BapasFunction.allCases == [.penelitianKemasyarakatan, .pendampingan, .pembimbingan, .pengawasan])
    #expect(ContactPurpose.pendampingan.function == .pendampingan)
    #expect(Set(ContactPurpose.allCases.map(\.function)) == Set(BapasFunction.allCases))
    // A parolee's pendampingan is recordable.
    var file = Self.received()
    file.contacts.append(
      Contact(
        id: "P-1", date: d("2025-02-03"), officerID: "PK-1", modality: .homeVisit, purpose: .pendampingan,
        attendance: .attended,
        notes: "mendampingi klien bertemu calon pemberi kerja"))
    #expect(file.validate().isEmpty)
    let back = try CaseFileImport.decode(try JSONEncoder().encode(file))
    #expect(back.contacts[0].purpose == .pendampingan)
    // The retired basis reads as a client in criminal proceedings.
    #expect(try JSONDecoder().decode(LegalBasis.self, from: Data(#""pendampingan""#.utf8)) == .prosesPeradilanPidana)
  }

  // 3. seeds/002_2239df8a37d00bc2.txt:246–270: the AKSALARASA indicators are laid out as Kriteria /
  //    Ketuntasan / Cara Mengukur, with 30% and 40% and one row whose ketuntasan is blank (line 248).
  @Test func successIndicatorsBelongToAnyProgrammeInTheSeedsLayout() throws {
    let e = try ProgrammeEvaluation.decode(jsonData: Data(Self.aksalarasa.utf8))
    let ev = e.evaluation
    #expect(ev.problems.isEmpty)
    #expect(ev.results.map(\.indicator.weight) == [nil, 30, 0])
    // Hand computation: I1 blank weight (reported, no weight), I2 30% measured 0.5 (manual) → 0.5,
    // I3 0% measured 1 → no weight. Weighted = 30·0.5 / 30 = 0.5; covered 30 of 30.
    #expect(ev.results.map(\.achievement) == [1, 0.5, 1])
    #expect(ev.weightedAchievement == 0.5)
    #expect(ev.weightCovered == 30 && ev.totalWeight == 30)
    let md = ProgrammeEvaluationReport(evaluation: e, language: .indonesian).markdown()
    #expect(md.hasPrefix("# Laporan evaluasi program: AKSALARASA\n"))
    #expect(!md.contains("asertif"))
    #expect(!md.contains("Joyce"))
    #expect(md.contains("| Kriteria | Ketuntasan | Cara mengukur | Capaian | Ketercapaian | Tercapai? |"))
    #expect(
      md.contains(
        "| I1 Semangat klien meningkat | — | Klien berubah lebih baik (diukur di luar SDK) | 1,00 | 100% | ya |"))
    #expect(
      md.contains("| I2 Keterlibatan di masyarakat | 30% | Stigma hilang (diukur di luar SDK) | 0,50 | 50% | belum |"))
    #expect(md.contains("**Ketercapaian tertimbang:** 50% (bobot terukur 30 dari 30)."))
    // An assertive-training measure is not computable outside a group, and says so.
    var other = e
    other.indicators = [
      .valid(
        SuccessIndicator(id: "X", criterion: LocalizedText(id: "x", en: "x"), weight: 10, measure: .attendanceRate))
    ]
    #expect(other.evaluation.results[0].unavailable == "measured only from an assertive-training group's records")
    // Negative weights are still refused, with the path.
    other.indicators = [.valid(SuccessIndicator(id: "X", criterion: LocalizedText(id: "x", en: "x"), weight: -1))]
    #expect(
      other.evaluation.problems == [
        IndicatorProblem(path: "$.indicators[0].weight", field: "weight", value: -1, reason: nil)
      ])
  }

  static let aksalarasa = #"""
    {"id": "AKS", "name": {"id": "AKSALARASA", "en": "AKSALARASA"}, "category": "social",
     "cycle": [{"phase": "assessment", "from": "2023-06-08", "to": "2023-06-14", "method": "MPA"},
               {"phase": "evaluation", "from": "2023-07-12"}],
     "swot": {"strengths": ["bersama warga"], "weaknesses": [], "opportunities": [], "threats": ["stigma"]},
     "indicators": [
       {"id": "I1", "criterion": {"id": "Semangat klien meningkat", "en": "More motivated"},
        "howMeasured": {"id": "Klien berubah lebih baik", "en": "Clients change for the better"}, "measure": {"kind": "manual", "achieved": 1}},
       {"id": "I2", "criterion": {"id": "Keterlibatan di masyarakat", "en": "Community involvement"}, "weight": 30,
        "howMeasured": {"id": "Stigma hilang", "en": "Stigma fades"}, "measure": {"kind": "manual", "achieved": 0.5}},
       {"id": "I3", "criterion": {"id": "Ada wadah interaksi", "en": "A place to meet"}, "weight": 0,
        "measure": {"kind": "manual", "achieved": 1}}]}
    """#

  // 4. seeds/000_03370522639aaf9c.txt:83 "Menetapkan prioritas untuk situasi dan perilaku".
  @Test func stepTwoPrioritisesSituationsAndBehaviours() throws {
    var t = StepTracker(rules: .default)
    try t.apply(StepEvent(date: d("2026-02-02"), kind: .identify))
    // Under the default rules one prioritised situation (and the target behaviour itself) completes step 2.
    let one = try t.apply(
      StepEvent(date: d("2026-02-09"), kind: .prioritise, situations: [.init(rank: 1, description: "ditegur tetangga")])
    )
    #expect(one?.to == .rolePlay)
    // Behaviours are ranked too, and checked like situations.
    var u = StepTracker(rules: TrainingRules(minimumBehaviours: 2))
    try u.apply(StepEvent(date: d("2026-02-02"), kind: .identify))
    #expect(
      try u.apply(StepEvent(date: d("2026-02-09"), kind: .prioritise, situations: [.init(rank: 1, description: "s")]))
        == nil)
    #expect(throws: StepRuleViolation.invalidBehaviourRanking(ranks: [1, 3])) {
      try u.apply(
        StepEvent(
          date: d("2026-02-10"), kind: .prioritise, situations: [.init(rank: 1, description: "s")],
          behaviours: [.init(rank: 1, description: "kontak mata"), .init(rank: 3, description: "suara tenang")]))
    }
    let two = try u.apply(
      StepEvent(
        date: d("2026-02-10"), kind: .prioritise, situations: [.init(rank: 1, description: "s")],
        behaviours: [.init(rank: 1, description: "kontak mata"), .init(rank: 2, description: "suara tenang")]))
    #expect(two?.to == .rolePlay)
    #expect(AssertiveTrainingStep.setPriorities.label.indonesian == "Menetapkan prioritas situasi dan perilaku")
  }

  // 5. seeds/002_2239df8a37d00bc2.txt:57: "Wilayah kerja Bapas diantaranya Kota Denpasar, Kabupaten Badung,
  //    Gianyar, Tabanan, Jembrana, dan Singaraja"; no seed names a Pos Bapas of Denpasar.
  @Test func bapasModelsArticleGivesDenpasarItsSeedWorkArea() throws {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    let text = try String(
      contentsOfFile: parts.joined(separator: "/") + "/Documentation/BapasModels.md", encoding: .utf8)
    let start = try #require(text.range(of: #"{"code": "BPS-DPS""#))
    let end = try #require(text[start.lowerBound...].range(of: "\n```"))
    let bapas = try JSONDecoder().decode(Bapas.self, from: Data(text[start.lowerBound..<end.lowerBound].utf8))
    #expect(bapas.workArea.map(\.name) == ["Denpasar", "Badung", "Gianyar", "Tabanan", "Jembrana", "Buleleng"])
    #expect(bapas.outposts.isEmpty)
    #expect(!text.contains("Pos Bapas Singaraja"))
  }

  // 6. Permenkumham 3/2018 Pasal 82 (as amended by 7/2022); KUHP 2023 Pasal 72: the 2/3 must itself be
  //    at least 9 months. Compared exactly: 2·days ≥ 3·days(start … start + 9 months).
  @Test(arguments: [
    // calendar days, from 2025-01-01; nine months = 273 days (to 2025-10-01)
    // 409 d: 2/3 = 272.67 < 273
    (CivilDuration(years: 1, months: 1, days: 13), DayCountConvention.calendarDays, false),
    (CivilDuration(years: 1, months: 1, days: 14), .calendarDays, true),  // 410 d: 273.33 ≥ 273
    // 30-day months; nine months = 270 days
    (CivilDuration(years: 1, months: 1, days: 13), .thirtyDayMonths, false),  // 403 d: 268.67 < 270
    // 404 d: 269.33 < 270 (⌈⌉ = 270 used to pass)
    (CivilDuration(years: 1, months: 1, days: 14), .thirtyDayMonths, false),
    (CivilDuration(years: 1, months: 1, days: 15), .thirtyDayMonths, true),  // 405 d: 270 exactly
  ])
  func nineMonthGateIsExact(length: CivilDuration, convention: DayCountConvention, eligible: Bool) throws {
    let term = SentenceTerm(countingStart: d("2025-01-01"), length: length)
    let pb = try ParoleRule.permenkumham3of2018.eligibility(for: term, convention: convention)
    let shortBlocked = pb.blockers.contains { if case .fractionShorterThanMinimum = $0 { true } else { false } }
    #expect(shortBlocked == !eligible)
    let cmb = try LeaveBeforeReleaseRule.permenkumham3of2018.eligibility(
      for: term, lastRemission: CivilDuration(), convention: convention)
    #expect(cmb.blockers.contains { if case .fractionShorterThanMinimum = $0 { true } else { false } } == !eligible)
  }

  @Test func nineMonthBoundaryDayCountsByHand() {
    let start = d("2025-01-01")
    #expect(start.days(to: start.adding(CivilDuration(months: 9))) == 273)
    let t409 = SentenceTerm(countingStart: start, length: CivilDuration(years: 1, months: 1, days: 13))
    #expect(t409.dayCount() == 409 && t409.dayCount(convention: .thirtyDayMonths) == 403)
    // The rounded-up date lands exactly on nine months — the old comparison's false positive.
    #expect(t409.date(whenServed: .twoThirds) == d("2025-10-01"))
    let t404 = SentenceTerm(countingStart: start, length: CivilDuration(years: 1, months: 1, days: 14))
    #expect(t404.dayCount(convention: .thirtyDayMonths) == 404)
    #expect(t404.date(whenServed: .twoThirds, convention: .thirtyDayMonths) == d("2025-10-01"))
  }

  // 7. The two conventions differ on ordinary sentences; the sentence end is the first free day; the
  //    masa bimbingan is a closed interval and the stage split counts both ends.
  @Test func conventionsDifferOnOrdinarySentencesAndEndsAreDefined() {
    let term = SentenceTerm(countingStart: d("2025-01-15"), length: CivilDuration(years: 3))
    // 2025-01-15 … 2028-01-15 = 365 + 365 + 366 = 1096 days; half = 548 → 2026-07-17.
    #expect(term.date(whenServed: .half) == d("2026-07-17"))
    // 36 × 30 = 1080; half = 540 = 18 months → 2026-07-15.
    #expect(term.date(whenServed: .half, convention: .thirtyDayMonths) == d("2026-07-15"))
    // The expiry is the first free day: days served = expiry − start.
    let three = SentenceTerm(countingStart: d("2023-01-10"), length: CivilDuration(years: 3))
    #expect(three.expiry == d("2026-01-10") && three.dayCount() == 1096)
    // Masa percobaan: release … expiry + 1 year, exclusive → last day 2027-01-09.
    let p = ParoleRule.permenkumham3of2018.probationPeriod(for: three, releasedOn: d("2025-01-20"))
    #expect(p == CivilDateInterval(start: d("2025-01-20"), end: d("2027-01-09")))
    #expect(p.inclusiveDayCount == 720)
    // Stage split on the closed interval: ⌈720/3⌉ = 240 → 2025-09-17; ⌈1440/3⌉ = 480 → 2026-05-15.
    let b = GuidanceStageRule.thirds.boundaries(of: p)
    #expect(b.lanjutanFrom == d("2025-09-17") && b.akhirFrom == d("2026-05-15") && b.end == d("2027-01-09"))
    // A one-day interval holds one day.
    #expect(CivilDateInterval(start: d("2025-01-01"), end: d("2025-01-01")).inclusiveDayCount == 1)
  }
}
