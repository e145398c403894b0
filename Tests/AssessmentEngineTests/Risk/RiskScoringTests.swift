import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@Suite("Risk assessment scoring: totals, bands, needs, strengths")
struct RiskScoringTests {
  /// Case A, male adult, worked by hand from the RNR-8 tables:
  /// riwayat: ch1 count 4 → 2 (3+), ch2 yes → 1, ch3 "1" → 1 = 4 / 5
  /// kepribadian: ap1 "1" → 1, ap2 no → 0 = 1 / 3 (.333, below .5: not a need)
  /// kognisi: ac1 "0" → 1, ac2 "1" → 1 = 2 / 2 (1.0)
  /// pergaulan: as1 "2" → 2, as2 yes → 1 = 3 / 3 (1.0)
  /// keluarga: fm1 "3" → 0 (strength), fm2 no → 0 = 0 / 2 (strength domain)
  /// sekolahKerja: sw1 yes → 1, sw2 "2" → 0 (strength), sw3 "1" → 1 = 2 / 4 (.5)
  /// waktuLuang: lr1 yes → 1, lr2 "1" → 1 = 2 / 2 (1.0)
  /// zat: sa1 "0" → 0, sa2 no → 0 = 0 / 3 (strength domain)
  /// total = 4+1+2+3+0+2+2+0 = 14 → adult-male 8–15 = sedang.
  /// Needs by share: 1.0 {kognisi, pergaulan (Big Four), waktuLuang}, then .5 sekolahKerja.
  @Test func handWorkedCaseA() throws {
    let rnr8 = try RiskFixtures.rnr8()
    let r = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    #expect(r.total == 14)
    #expect(r.band?.band == "sedang")
    #expect(r.band?.rank == 1)
    #expect(r.band?.label == LocalizedText(id: "Sedang", en: "Moderate"))
    #expect(r.cutoffTable == "adult-male")
    #expect(r.isComplete)
    #expect(r.domains.map(\.points) == [4, 1, 2, 3, 0, 2, 2, 0])
    #expect(r.domains.map(\.maximum) == [5, 3, 2, 3, 2, 4, 2, 3])
    #expect(r.domain("kepribadian")?.share == 1.0 / 3.0)
    #expect(r.needs.map(\.domain) == ["kognisi", "pergaulan", "waktuLuang", "sekolahKerja"])
    #expect(r.needs.map(\.rank) == [1, 2, 3, 4])
    #expect(r.needs.first?.id == "rnr8-illustrative/kognisi")
    #expect(r.needs.first?.centralEight == .antisocialCognition)
    #expect(r.needs.last?.share == 0.5)
    #expect(r.needs.last?.drivers == ["sw1", "sw3"])
    #expect(r.strengths == ["keluarga", "zat"])
    #expect(r.domain("sekolahKerja")?.strengthItems.map(\.item) == ["sw2"])
    // The static criminal-history domain is never a need even at 80%.
    #expect(r.domain("riwayat")?.isNeed == false)
    let band = try #require(r.band)
    #expect(rnr8.map(band, to: "five")?.band == "moderate")
  }

  /// A screening subscore over ch1, ac1, as1 (case A): 2 + 1 + 2 = 5 of 2 + 1 + 2 = 5; with ac1
  /// unanswered: 4 of 5, ac1 listed as missing. The total is unaffected.
  @Test func subscores() throws {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""bandMappings": ["#,
      #""subscores": [{"id": "screen", "label": {"id": "Skrining", "en": "Screen"}, "items": ["ch1", "ac1", "as1"]}],\#n  "bandMappings": ["#
    )
    let rnr8 = try RiskInstrumentDefinition.load(json: Data(json.utf8))
    let r = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    #expect(
      r.subscores == [
        Subscore(
          id: "screen", label: LocalizedText(id: "Skrining", en: "Screen"), points: 5, maximum: 5, missingItems: [])
      ])
    #expect(r.total == 14)
    var answers = RiskFixtures.caseA
    answers["ac1"] = nil
    let partial = try rnr8.assess(answers, population: RiskFixtures.maleAdult)
    #expect(partial.subscores.first?.points == 4)
    #expect(partial.subscores.first?.missingItems == ["ac1"])
    #expect(try RiskInstrumentDefinition.load(json: JSONEncoder().encode(rnr8)) == rnr8)
  }

  @Test func explanationNamesTheDrivingItems() throws {
    let r = try RiskFixtures.rnr8().assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    #expect(
      r.domain("pergaulan")?.explanation
        == LocalizedText(
          id: "Pergaulan antisosial: 3 dari 3 poin (100%), disumbang oleh as1 (2), as2 (1).",
          en: "Antisocial associates: 3 of 3 points (100%), from as1 (2), as2 (1)."))
    #expect(
      r.domain("keluarga")?.explanation.english == "Family/marital: 0 of 2 points (0%), no item scored; strengths: fm1."
    )
  }

  /// Case A plus sa1 "2" (+2) = 16: male adult 16+ → tinggi; female adult 9–16 → sedang; child 14+ → tinggi.
  /// zat becomes 2/3 = .667 and ranks 4th, between the 1.0 group and sekolahKerja (.5).
  @Test(arguments: [
    (RiskFixtures.maleAdult, "tinggi", "adult-male"),
    (RiskFixtures.femaleAdult, "sedang", "adult-female"),
    (RiskFixtures.child, "tinggi", "child"),
  ])
  func gendredAndChildCutoffs(_ population: ClientPopulation, _ band: String, _ table: String) throws {
    var answers = RiskFixtures.caseA
    answers["sa1"] = .choice("2")
    let r = try RiskFixtures.rnr8().assess(answers, population: population)
    #expect(r.total == 16)
    #expect(r.band?.band == band)
    #expect(r.cutoffTable == table)
    #expect(r.needs.map(\.domain) == ["kognisi", "pergaulan", "waktuLuang", "zat", "sekolahKerja"])
  }

  /// Every item at its maximum: 24 → tinggi; all seven dynamic domains at share 1.0, Big Four first
  /// (kepribadian, kognisi, pergaulan), then the Moderate Four in definition order.
  @Test func maximumAnswersRankBigFourFirst() throws {
    let answers: [String: RiskAnswer] = [
      "ch1": .count(9), "ch2": .choice("yes"), "ch3": .choice("2"), "ap1": .choice("2"), "ap2": .choice("yes"),
      "ac1": .choice("0"), "ac2": .choice("0"), "as1": .choice("2"), "as2": .choice("yes"), "fm1": .choice("1"),
      "fm2": .choice("yes"), "sw1": .choice("yes"), "sw2": .choice("0"), "sw3": .choice("2"), "lr1": .choice("yes"),
      "lr2": .choice("0"), "sa1": .choice("2"), "sa2": .choice("yes"),
    ]
    let r = try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.femaleAdult)
    #expect(r.total == 24)
    #expect(r.band?.band == "tinggi")
    #expect(
      r.needs.map(\.domain) == ["kepribadian", "kognisi", "pergaulan", "keluarga", "sekolahKerja", "waktuLuang", "zat"])
    #expect(r.strengths.isEmpty)
  }

  /// Ranking by raw points instead of share (case A): pergaulan 3; then 2-point ties kognisi
  /// (Big Four), sekolahKerja, waktuLuang (definition order). kepribadian (1 point, share .333) stays
  /// out because the need threshold is still a share of .5.
  @Test func rankingByPoints() throws {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""measure": "shareOfMaximum""#, #""measure": "points""#)
    let rnr8 = try RiskInstrumentDefinition.load(json: Data(json.utf8))
    let r = try rnr8.assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    #expect(r.needs.map(\.domain) == ["pergaulan", "kognisi", "sekolahKerja", "waktuLuang"])
  }

  /// The LSI-R-shaped definition (test fixture), worked by hand:
  /// criminal history: q1 count 3 → 1 (≥1), q2 count 3 → 1 (≥2), q3 count 1 → 0 (needs ≥3), q4 yes, q5 yes = 4/10
  /// education/employment: q11–13 yes = 3, rater q17 "0" → 1, q18 "1" → 1, q19 "2" → 0, q20 "3" → 0 = 5/10 (.5)
  /// financial: q21, q22 yes = 2/2 (1.0); family: q23 "0" → 1, q24 yes = 2/4 (.5)
  /// accommodation: q27 "3" → 0 = 0/3; leisure: q30 "1" → 1, q31 yes = 2/2 (1.0)
  /// companions: q32–35 yes = 4/5 (.8); alcohol/drug: q37–40 yes = 4/9 (.444)
  /// emotional: q50 "2" → 0 = 0/5; attitudes: q51 "0" → 1, q52 "1" → 1, q53, q54 yes = 4/4 (1.0)
  /// total = 4+5+2+2+0+2+4+4+0+4 = 27 → moderate (24–33) → rst sedang.
  /// Needs: 1.0 {financial, leisure, attitudes}; Big Four first puts attitudes (antisocial cognition)
  /// ahead; then companions .8, then .5 {educationEmployment, familyMarital} in definition order.
  @Test func lsiShapedCase() throws {
    let lsi = try RiskFixtures.lsiShaped()
    let r = try lsi.assess(RiskFixtures.lsiCase, population: ClientPopulation())
    #expect(r.total == 27)
    #expect(r.band?.band == "moderate")
    #expect(r.domains.map(\.points) == [4, 5, 2, 2, 0, 2, 4, 4, 0, 4])
    #expect(
      r.needs.map(\.domain) == [
        "attitudes", "financial", "leisure", "companions", "educationEmployment", "familyMarital",
      ])
    #expect(r.needs[1].centralEight == nil)
    #expect(r.strengths == ["accommodation", "emotional"])
    let band = try #require(r.band)
    #expect(lsi.map(band, to: "rst")?.band == "sedang")

    let byOrder = try RiskFixtures.lsiShaped(tieBreak: "definitionOrder").assess(
      RiskFixtures.lsiCase, population: ClientPopulation())
    #expect(
      byOrder.needs.map(\.domain) == [
        "financial", "leisure", "attitudes", "companions", "educationEmployment", "familyMarital",
      ])
  }

  /// The LSI-R stays valid with up to 5 items unanswered; they score 0. Leaving q53, q54 (attitudes
  /// yes → 2 points) and q4, q5 (history, 2 points) and q21 (1) unanswered: 27 − 5 = 22 → lowModerate.
  @Test func lsiShapedFiveMissingStillScores() throws {
    var answers = RiskFixtures.lsiCase
    for q in ["q53", "q54", "q4", "q5"] { answers[q] = .unanswered }
    answers["q21"] = nil
    let r = try RiskFixtures.lsiShaped().assess(answers, population: ClientPopulation())
    #expect(r.total == 22)
    #expect(r.band?.band == "lowModerate")
    #expect(r.missingItems == ["q4", "q5", "q21", "q53", "q54"])
  }

  @Test func lsiShapedSixMissingIsRejected() throws {
    var answers = RiskFixtures.lsiCase
    for q in ["q53", "q54", "q4", "q5", "q21", "q46"] { answers[q] = .unanswered }
    #expect(
      throws: RiskScoringError(problems: [
        .tooManyMissing(domain: nil, missing: ["q4", "q5", "q21", "q46", "q53", "q54"], limit: 5)
      ])
    ) { try RiskFixtures.lsiShaped().assess(answers, population: ClientPopulation()) }
  }

  // MARK: Missing items in RNR-8

  /// ap2 and lr2 unanswered (each domain allows 1, the instrument 2): 14 − 0 − 1 = 13, still sedang;
  /// waktuLuang drops to 1/2 = .5 and falls behind sekolahKerja (.5) only by definition order.
  @Test func missingWithinLimitsScoresZero() throws {
    var answers = RiskFixtures.caseA
    answers["ap2"] = nil
    answers["lr2"] = .unanswered
    let r = try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult)
    #expect(r.total == 13)
    #expect(r.missingItems == ["ap2", "lr2"])
    #expect(r.needs.map(\.domain) == ["kognisi", "pergaulan", "sekolahKerja", "waktuLuang"])
    #expect(
      r.domain("waktuLuang")?.explanation.english
        == "Leisure/recreation: 1 of 2 points (50%), from lr1 (1); unanswered: lr2.")
  }

  @Test func missingPastInstrumentLimitIsRejected() throws {
    var answers = RiskFixtures.caseA
    for item in ["ap2", "lr2", "sa2"] { answers[item] = nil }
    #expect(
      throws: RiskScoringError(problems: [.tooManyMissing(domain: nil, missing: ["ap2", "lr2", "sa2"], limit: 2)])
    ) {
      try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult)
    }
  }

  @Test func missingPastDomainLimitIsRejected() throws {
    var answers = RiskFixtures.caseA
    answers["ch3"] = nil  // criminal history allows none
    answers["ac1"] = nil
    answers["ac2"] = nil
    let error = #expect(throws: RiskScoringError.self) {
      try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult)
    }
    #expect(
      error?.problems == [
        .tooManyMissing(domain: "riwayat", missing: ["ch3"], limit: 0),
        .tooManyMissing(domain: "kognisi", missing: ["ac1", "ac2"], limit: 1),
        .tooManyMissing(domain: nil, missing: ["ch3", "ac1", "ac2"], limit: 2),
      ])
  }

  @Test func withholdTotalGivesDomainsButNoBand() throws {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""whenExceeded": "reject""#, #""whenExceeded": "withholdTotal""#)
    let rnr8 = try RiskInstrumentDefinition.load(json: Data(json.utf8))
    var answers = RiskFixtures.caseA
    answers["ac1"] = nil
    answers["ac2"] = nil
    let r = try rnr8.assess(answers, population: RiskFixtures.maleAdult)
    #expect(r.total == nil)
    #expect(r.band == nil)
    #expect(!r.isComplete)
    #expect(r.domain("kognisi")?.isRated == false)
    #expect(r.needs.map(\.domain) == ["pergaulan", "waktuLuang", "sekolahKerja"])
  }

  // MARK: Bad answers

  @Test func answerOutsideTable() throws {
    var answers = RiskFixtures.caseA
    answers["ap1"] = .choice("3")
    #expect(
      throws: RiskScoringError(problems: [.answerNotInTable(item: "ap1", answer: "3", allowed: ["0", "1", "2"])])
    ) {
      try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult)
    }
  }

  @Test func negativeCount() throws {
    var answers = RiskFixtures.caseA
    answers["ch1"] = .count(-1)
    #expect(throws: RiskScoringError(problems: [.countOutOfRange(item: "ch1", count: -1)])) {
      try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult)
    }
  }

  @Test func wrongAnswerType() throws {
    var answers = RiskFixtures.caseA
    answers["ch1"] = .choice("many")
    answers["ch2"] = .count(1)
    #expect(
      throws: RiskScoringError(problems: [
        .wrongAnswerType(item: "ch1", expected: "a whole-number count"),
        .wrongAnswerType(item: "ch2", expected: "one of the answers 'no', 'yes'"),
      ])
    ) { try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult) }
  }

  @Test func itemOfAnotherInstrument() throws {
    var answers = RiskFixtures.caseA
    answers["q17"] = .choice("1")
    #expect(throws: RiskScoringError(problems: [.unknownItem(item: "q17", instrument: "rnr8-illustrative")])) {
      try RiskFixtures.rnr8().assess(answers, population: RiskFixtures.maleAdult)
    }
  }

  @Test func populationWithoutCutoffTable() throws {
    let unknownGender = ClientPopulation(gender: nil, ageGroup: .adult, ageYears: 30)
    #expect(
      throws: RiskScoringError(problems: [.noCutoffTable(population: unknownGender, instrument: "rnr8-illustrative")])
    ) {
      try RiskFixtures.rnr8().assess(RiskFixtures.caseA, population: unknownGender)
    }
    let error = RiskScoringError(problems: [.noCutoffTable(population: unknownGender, instrument: "rnr8-illustrative")])
    #expect(
      error.description == """
        The assessment cannot be scored:
        - Instrument 'rnr8-illustrative' has no cut-off table for this person (gender unknown, adult, aged 30); the band cannot be determined.
        """)
  }

  /// A count and an age in years are data: redacted descriptions keep the item, instrument and the
  /// population's vocabulary, not the numbers.
  @Test func scoringProblemsRedactTheirValues() {
    let person = ClientPopulation(gender: nil, ageGroup: .adult, ageYears: 47)
    let error = RiskScoringError(problems: [
      .countOutOfRange(item: "ch1", count: -4711), .noCutoffTable(population: person, instrument: "rnr8-illustrative"),
    ])
    #expect(
      error.redactedDescription == """
        The assessment cannot be scored:
        - Item 'ch1': the count <redacted> is outside every range of the item's table.
        - Instrument 'rnr8-illustrative' has no cut-off table for this person (gender unknown, adult, aged <redacted>); the band cannot be determined.
        """)
    #expect(error.description(.full).contains("the count -4711 is") && error.description(.full).contains("aged 47)"))
  }

  @Test func ageBandSelector() {
    let selector = PopulationSelector(ageGroup: .adult, minimumAge: 18, maximumAge: 25)
    #expect(selector.matches(ClientPopulation(gender: .male, ageGroup: .adult, ageYears: 25)))
    #expect(!selector.matches(ClientPopulation(gender: .male, ageGroup: .adult, ageYears: 26)))
    #expect(!selector.matches(ClientPopulation(gender: .male, ageGroup: .adult)))
  }

  @Test func answersAndResultsRoundTripAsJSON() throws {
    let answers: [String: RiskAnswer] = ["a": .choice("yes"), "b": .count(3), "c": .unanswered]
    let data = try JSONEncoder().encode(answers)
    #expect(try JSONDecoder().decode([String: RiskAnswer].self, from: data) == answers)
    let r = try RiskFixtures.rnr8().assess(RiskFixtures.caseA, population: RiskFixtures.maleAdult)
    #expect(try JSONDecoder().decode(RiskAssessment.self, from: JSONEncoder().encode(r)) == r)
  }

  /// Property: over random complete answer sheets the total equals the sum of domain points, lies in
  /// 0…24, every need is dynamic with share ≥ .5 and needs are sorted by share.
  @Test func randomSheetsSatisfyInvariants() throws {
    let rnr8 = try RiskFixtures.rnr8()
    var rng = SplitMix64(seed: 0x5EED)
    for _ in 0..<300 {
      var answers: [String: RiskAnswer] = [:]
      for item in rnr8.allItems {
        switch item.response {
        case .choice(let options): answers[item.id] = .choice(options[Int(rng.next() % UInt64(options.count))].value)
        case .count: answers[item.id] = .count(Int(rng.next() % 8))
        }
      }
      let r = try rnr8.assess(answers, population: RiskFixtures.maleAdult)
      let total = try #require(r.total)
      #expect(total == r.domains.reduce(0) { $0 + $1.points })
      #expect((0...24).contains(total))
      #expect(r.needs.allSatisfy { $0.share >= 0.5 && $0.domain != "riwayat" })
      #expect(zip(r.needs, r.needs.dropFirst()).allSatisfy { $0.share >= $1.share })
    }
  }
}
