import AssessmentEngine
import Foundation
import Testing

/// Definitions written from the documentation, loaded and scored as the documentation says.
@Suite("Documentation examples")
struct RiskDocumentationExampleTests {
  /// Copied verbatim from Documentation/RiskNeedResponsivity.md, "Complete example".
  static let miniJSON = #"""
    {
      "formatVersion": 1,
      "id": "mini-example",
      "version": "1",
      "name": {"id": "Contoh mini", "en": "Mini example"},
      "status": "illustrative",
      "description": {"id": "Contoh dokumentasi; tidak divalidasi.", "en": "Documentation example; not validated."},
      "domains": [
        {"id": "history", "label": {"id": "Riwayat pidana", "en": "Criminal history"},
         "centralEight": "criminalHistory", "kind": "static", "maximumMissingItems": 0,
         "items": [
           {"id": "h1", "label": {"id": "Butir 1 (kotak hitung)", "en": "Item 1 (count box)"},
            "response": {"type": "count", "ranges": [
              {"minimum": 0, "maximum": 0, "points": 0}, {"minimum": 1, "maximum": 2, "points": 1}, {"minimum": 3, "points": 2}]}},
           {"id": "h2", "label": {"id": "Butir 2 (ya/tidak)", "en": "Item 2 (yes/no)"},
            "response": {"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}}
         ]},
        {"id": "peers", "label": {"id": "Pergaulan antisosial", "en": "Antisocial associates"},
         "centralEight": "antisocialAssociates", "kind": "dynamic",
         "items": [
           {"id": "p1", "label": {"id": "Butir 3 (ya/tidak)", "en": "Item 3 (yes/no)"},
            "response": {"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}},
           {"id": "p2", "label": {"id": "Butir 4 (kotak penilai)", "en": "Item 4 (rater box)"},
            "response": {"type": "choice", "options": [
              {"value": "0", "points": 1}, {"value": "1", "points": 1},
              {"value": "2", "points": 0, "strength": true}, {"value": "3", "points": 0, "strength": true}]}}
         ]},
        {"id": "work", "label": {"id": "Sekolah/pekerjaan", "en": "School/work"},
         "centralEight": "schoolWork", "kind": "dynamic",
         "items": [
           {"id": "w1", "label": {"id": "Butir 5 (bertingkat 0–2)", "en": "Item 5 (graded 0–2)"},
            "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}},
           {"id": "w2", "label": {"id": "Butir 6 (ya/tidak)", "en": "Item 6 (yes/no)"},
            "response": {"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}}
         ]}
      ],
      "missingItems": {"maximumItems": 1, "whenExceeded": "reject"},
      "bandSchemes": [
        {"id": "rst", "label": {"id": "Rendah/sedang/tinggi", "en": "Low/moderate/high"}, "bands": [
          {"id": "rendah", "label": {"id": "Rendah", "en": "Low"}},
          {"id": "sedang", "label": {"id": "Sedang", "en": "Moderate"}},
          {"id": "tinggi", "label": {"id": "Tinggi", "en": "High"}}]}
      ],
      "cutoffTables": [
        {"id": "male", "population": {"gender": "male"}, "scheme": "rst", "ranges": [
          {"band": "rendah", "minimum": 0, "maximum": 2}, {"band": "sedang", "minimum": 3, "maximum": 5}, {"band": "tinggi", "minimum": 6}]},
        {"id": "female", "population": {"gender": "female"}, "scheme": "rst", "ranges": [
          {"band": "rendah", "minimum": 0, "maximum": 3}, {"band": "sedang", "minimum": 4, "maximum": 6}, {"band": "tinggi", "minimum": 7, "maximum": 8}]}
      ]
    }
    """#

  /// The hand-worked result written under the example in the article.
  @Test func miniExampleScoresAsDocumented() throws {
    let instrument = try RiskInstrumentDefinition.load(json: Data(Self.miniJSON.utf8))
    let answers: [String: RiskAnswer] = [
      "h1": .count(2), "h2": .choice("yes"), "p1": .choice("yes"), "p2": .choice("1"),
      "w1": .choice("1"), "w2": .unanswered,
    ]
    let result = try instrument.assess(
      answers, population: ClientPopulation(gender: .male, ageGroup: .adult, ageYears: 31))
    #expect(result.total == 5)
    #expect(result.band?.band == "sedang")
    #expect(result.needs.map(\.domain) == ["peers"])
    #expect(
      result.domain("peers")?.explanation.english == "Antisocial associates: 2 of 2 points (100%), from p1 (1), p2 (1)."
    )
    #expect(result.domains.map(\.points) == [2, 2, 1])
    #expect(result.strengths.isEmpty)
    #expect(result.missingItems == ["w2"])
    let female = try instrument.assess(answers, population: ClientPopulation(gender: .female))
    #expect(female.band?.band == "sedang")
    #expect(throws: RiskScoringError.self) {
      try instrument.assess(answers, population: ClientPopulation(ageGroup: .adult))
    }

    let plan = try SupervisionPolicy.threeLevel(scheme: "rst", low: "rendah", moderate: "sedang", high: "tinggi").plan(
      for: result, instrument: instrument, responsivity: [.workingHours, .travelCost])
    #expect(plan.contactStandard.faceToFacePerMonth == 2)
    #expect(plan.dosageHours == 100)
    #expect(plan.targets.first?.centralEight == .antisocialAssociates)
    #expect(plan.responsivity.outsideWorkingHours)
    let assessed = try CivilDate(iso: "2026-03-31")
    let due = ReassessmentPolicy().nextDue(after: assessed, events: [])
    let expected = try CivilDate(iso: "2027-03-31")
    #expect(due.reason == .scheduled && due.date == expected)
  }

  /// An ORAS-CST-shaped definition built as EncodingRiskInstruments.md describes: 7 domains with
  /// 6, 6, 5, 2, 5, 4, 7 items (35). Fixture points: in each domain the first two items are graded
  /// 0–2 and the rest 0–1, giving 14 graded items and a maximum of 14·2 + 21 = 49 (as the real
  /// instrument's maximum). Male cut-offs 0–14/15–23/24–33/34+; fixture female 0–14/15–28/29+.
  static func orasShapedJSON() -> String {
    let domains: [(String, String?, String, Int)] = [
      ("criminalHistory", "criminalHistory", "static", 6), ("educationEmployment", "schoolWork", "dynamic", 6),
      ("familySupport", "familyMarital", "dynamic", 5), ("neighborhood", nil, "dynamic", 2),
      ("substanceUse", "substanceAbuse", "dynamic", 5), ("peers", "antisocialAssociates", "dynamic", 4),
      ("attitudes", "antisocialCognition", "dynamic", 7),
    ]
    var parts: [String] = []
    for (d, (id, factor, kind, size)) in domains.enumerated() {
      var items: [String] = []
      for k in 1...size {
        let options =
          k <= 2
          ? #"[{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]"#
          : #"[{"value": "0", "points": 0}, {"value": "1", "points": 1}]"#
        items.append(
          #"{"id": "i\#(d + 1).\#(k)", "label": {"id": "Butir \#(d + 1).\#(k)", "en": "Item \#(d + 1).\#(k)"}, "response": {"type": "choice", "options": \#(options)}}"#
        )
      }
      let f = factor.map { #""centralEight": "\#($0)", "# } ?? ""
      parts.append(
        #"{"id": "\#(id)", "label": {"id": "\#(id)", "en": "\#(id)"}, \#(f)"kind": "\#(kind)", "items": [\#(items.joined(separator: ", "))]}"#
      )
    }
    return #"""
      {"formatVersion": 1, "id": "oras-shaped-test", "version": "test",
       "name": {"id": "Instrumen uji berbentuk ORAS-CST", "en": "ORAS-CST-shaped test instrument"},
       "status": "licensed", "domains": [\#(parts.joined(separator: ", "))],
       "missingItems": {"maximumItems": 0},
       "bandSchemes": [{"id": "oras4", "label": {"id": "Empat tingkat", "en": "Four levels"}, "bands": [
         {"id": "low", "label": {"id": "Rendah", "en": "Low"}}, {"id": "moderate", "label": {"id": "Sedang", "en": "Moderate"}},
         {"id": "high", "label": {"id": "Tinggi", "en": "High"}}, {"id": "veryHigh", "label": {"id": "Sangat tinggi", "en": "Very high"}}]}],
       "cutoffTables": [
         {"id": "male", "population": {"gender": "male", "ageGroup": "adult"}, "scheme": "oras4", "ranges": [
           {"band": "low", "minimum": 0, "maximum": 14}, {"band": "moderate", "minimum": 15, "maximum": 23},
           {"band": "high", "minimum": 24, "maximum": 33}, {"band": "veryHigh", "minimum": 34}]},
         {"id": "female", "population": {"gender": "female", "ageGroup": "adult"}, "scheme": "oras4", "ranges": [
           {"band": "low", "minimum": 0, "maximum": 14}, {"band": "moderate", "minimum": 15, "maximum": 28},
           {"band": "high", "minimum": 29}]}]}
      """#
  }

  /// Answer sheet with the first `k` items (in file order) at their maximum and the rest 0.
  static func sheet(_ instrument: RiskInstrumentDefinition, maxItems k: Int) -> [String: RiskAnswer] {
    var a: [String: RiskAnswer] = [:]
    for (i, item) in instrument.allItems.enumerated() {
      guard case .choice(let options) = item.response else { continue }
      a[item.id] = .choice(i < k ? (options.last?.value ?? "0") : "0")
    }
    return a
  }

  /// Item maxima in file order: items 1–6 (domain 1) 2,2,1,1,1,1 = 8; items 7–12 (domain 2) = 8;
  /// items 13–17 (domain 3) 2,2,1,1,1; items 18–19 (domain 4) 2,2.
  /// First 16 items at maximum: 8 + 8 + 2 + 2 + 1 + 1 = 22; first 17: 23 → male moderate (15–23);
  /// first 18: 25 → male high (24–33), female moderate (fixture 15–28).
  /// All 35: 49 → male veryHigh, female high (the fixture female table stops at high).
  @Test func orasShaped() throws {
    let oras = try RiskInstrumentDefinition.load(json: Data(Self.orasShapedJSON().utf8))
    #expect(oras.allItems.count == 35)
    #expect(oras.maximumTotal == 49)
    let male = ClientPopulation(gender: .male, ageGroup: .adult)
    let female = ClientPopulation(gender: .female, ageGroup: .adult)
    #expect(try oras.assess(Self.sheet(oras, maxItems: 16), population: male).total == 22)
    let m17 = try oras.assess(Self.sheet(oras, maxItems: 17), population: male)
    #expect(m17.total == 23)
    #expect(m17.band?.band == "moderate")
    let m18 = try oras.assess(Self.sheet(oras, maxItems: 18), population: male)
    #expect(m18.total == 25)
    #expect(m18.band?.band == "high")
    #expect(try oras.assess(Self.sheet(oras, maxItems: 18), population: female).band?.band == "moderate")
    #expect(try oras.assess(Self.sheet(oras, maxItems: 35), population: male).band?.band == "veryHigh")
    #expect(try oras.assess(Self.sheet(oras, maxItems: 35), population: female).band?.band == "high")
    #expect(
      throws: RiskScoringError(problems: [
        .noCutoffTable(population: ClientPopulation(ageGroup: .adult), instrument: "oras-shaped-test")
      ])
    ) {
      try oras.assess(Self.sheet(oras, maxItems: 3), population: ClientPopulation(ageGroup: .adult))
    }
  }
}
