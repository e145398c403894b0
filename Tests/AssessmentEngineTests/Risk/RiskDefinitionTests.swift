import AssessmentEngine
import Foundation
import Testing
import _AssessmentTestSupport

@Suite("Risk instrument definitions: loading and validation")
struct RiskDefinitionTests {
  @Test func illustrativeInstrumentLoadsAndIsLabelledIllustrative() throws {
    let rnr8 = try RiskFixtures.rnr8()
    #expect(rnr8.id == "rnr8-illustrative")
    #expect(rnr8.status == .illustrative)
    #expect(rnr8.description?.english.hasPrefix("ILLUSTRATIVE AND UNVALIDATED") == true)
    #expect(rnr8.domains.count == 8)
    #expect(rnr8.allItems.count == 18)
    // 5 + 3 + 2 + 3 + 2 + 4 + 2 + 3 (domain maxima written out in IllustrativeRNR8.swift)
    #expect(rnr8.maximumTotal == 24)
    #expect(rnr8.minimumTotal == 0)
    #expect(Set(rnr8.domains.compactMap(\.centralEight)) == Set(CentralEightFactor.allCases))
    #expect(rnr8.domains.filter { $0.kind == .static }.map(\.id) == ["riwayat"])
  }

  @Test func lsiShapedDefinitionLoads() throws {
    let lsi = try RiskFixtures.lsiShaped()
    #expect(lsi.domains.count == 10)
    #expect(lsi.allItems.count == 54)
    #expect(lsi.maximumTotal == 54)
    #expect(lsi.missingItems.maximumItems == 5)
    #expect(lsi.domains.map(\.items.count) == [10, 10, 2, 4, 3, 2, 5, 9, 5, 4])
    #expect(lsi.scheme("five")?.bands.count == 5)
  }

  @Test(arguments: ["rnr8", "lsi"]) func encodesBackToTheSameDefinition(_ which: String) throws {
    let original = which == "rnr8" ? try RiskFixtures.rnr8() : try RiskFixtures.lsiShaped()
    let data = try JSONEncoder().encode(original)
    let reloaded = try RiskInstrumentDefinition.load(json: data)
    #expect(reloaded == original)
    // JSONDecoder goes through the same validating loader.
    #expect(try JSONDecoder().decode(RiskInstrumentDefinition.self, from: data) == original)
  }

  @Test func jsonDecoderReportsTheValidationError() throws {
    let broken = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""maximum": 7"#, #""maximum": 8"#)
    #expect(throws: RiskDefinitionError.self) {
      try JSONDecoder().decode(RiskInstrumentDefinition.self, from: Data(broken.utf8))
    }
  }

  // MARK: One test per class of bad definition

  @Test func malformedJSON() {
    let issues = RiskFixtures.issues("{\"id\": ")
    #expect(issues.count == 1)
    #expect(issues.first?.path == "$")
    if case .malformedJSON = issues.first?.kind {} else { Issue.record("expected malformedJSON, got \(issues)") }
  }

  @Test func missingRequiredKey() {
    let json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""version": "1.0","#, "")
    #expect(RiskFixtures.issues(json) == [JSONIssue(path: "$", kind: .missingKey("version"))])
  }

  @Test func unknownKeyIsReportedWithSuggestion() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""maximumMissingItems": 0,"#, #""maximumMisingItems": 0,"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(path: "$.domains[0]", kind: .unknownKey("maximumMisingItems", suggestion: "maximumMissingItems"))
      ])
  }

  @Test func wrongTypeAndBadEnumValue() {
    var json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""kind": "static""#, #""kind": "fixed""#)
    json = RiskFixtures.replacingOnce(json, #""maximumItems": 2"#, #""maximumItems": "two""#)
    let issues = RiskFixtures.issues(json)
    #expect(
      issues.contains(
        JSONIssue(path: "$.domains[0].kind", kind: .invalidValue("'fixed' is not one of 'static', 'dynamic'"))))
    #expect(
      issues.contains(
        JSONIssue(path: "$.missingItems.maximumItems", kind: .wrongType(expected: "a number", found: "a string"))))
    #expect(issues.count == 2)
  }

  @Test func everyProblemIsReportedAtOnce() {
    var json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""id": "ap2""#, #""id": "ch2""#)
    json = RiskFixtures.replacingOnce(json, #""maximum": 7"#, #""maximum": 6"#)
    json = RiskFixtures.replacingOnce(json, #""formatVersion": 1"#, #""formatVersion": 2"#)
    let issues = RiskFixtures.issues(json)
    #expect(issues.count == 3, "\(issues)")
  }

  @Test func unknownKeyAndSemanticProblemTogether() {
    var json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""maximumMissingItems": 0,"#, #""maximumMissingItems": 0, "weight": 2,"#)
    json = RiskFixtures.replacingOnce(json, #""maximum": 7"#, #""maximum": 8"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(path: "$.domains[0]", kind: .unknownKey("weight", suggestion: nil)),
        JSONIssue(
          path: "$.cutoffTables[0].ranges[1].minimum",
          kind: .invalidValue("totals 8…8 overlap the previous band (overlapping cut-offs)")),
      ])
  }

  @Test func duplicateItemIdAcrossDomains() {
    let json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""id": "ap2""#, #""id": "ch2""#)
    #expect(RiskFixtures.issues(json) == [JSONIssue(path: "$.domains[1].items[1].id", kind: .duplicate("ch2"))])
  }

  @Test func duplicateDomainId() {
    let json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""id": "zat""#, #""id": "kognisi""#)
    #expect(RiskFixtures.issues(json) == [JSONIssue(path: "$.domains[7].id", kind: .duplicate("kognisi"))])
  }

  @Test func duplicateAnswerValue() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON,
      #"{"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},\#n              {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}\#n            ]\#n          }\#n        },\#n        {\#n          "id": "ch3""#,
      #"{"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},\#n              {"value": "no", "points": 1, "label": {"id": "Ya", "en": "Yes"}}\#n            ]\#n          }\#n        },\#n        {\#n          "id": "ch3""#
    )
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(path: "$.domains[0].items[1].response.options[1].value", kind: .duplicate("no"))
      ])
  }

  @Test func overlappingCutoffs() {
    let json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""maximum": 7"#, #""maximum": 8"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.cutoffTables[0].ranges[1].minimum",
          kind: .invalidValue("totals 8…8 overlap the previous band (overlapping cut-offs)"))
      ])
  }

  @Test func gappedCutoffs() {
    let json = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""maximum": 7"#, #""maximum": 5"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.cutoffTables[0].ranges[1].minimum",
          kind: .invalidValue("totals 6…7 fall in no band (gap in cut-offs)"))
      ])
  }

  @Test func cutoffsMustCoverEveryPossibleTotal() {
    var json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""minimum": 14"#, #""minimum": 14, "maximum": 20"#)
    json = RiskFixtures.replacingOnce(
      json, #"{"band": "rendah", "minimum": 0, "maximum": 8}"#, #"{"band": "rendah", "minimum": 1, "maximum": 8}"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.cutoffTables[1].ranges[0].minimum",
          kind: .invalidValue("totals 0…0 fall in no band; the lowest possible total is 0")),
        JSONIssue(
          path: "$.cutoffTables[2].ranges[2].maximum",
          kind: .invalidValue("totals 21…24 fall in no band; the highest possible total is 24")),
      ])
  }

  @Test func cutoffBandsOutOfSchemeOrder() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #"{"band": "tinggi", "minimum": 16}"#, #"{"band": "sedang", "minimum": 16}"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.cutoffTables[0].ranges[2].band",
          kind: .invalidValue("'sedang' is out of order or repeated; bands must rise in the order of scheme 'rst'"))
      ])
  }

  @Test func unknownSchemeAndBandReferences() {
    var json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #"{"band": "tinggi", "minimum": 17}"#, #"{"band": "extreme", "minimum": 17}"#)
    json = RiskFixtures.replacingOnce(json, #""to": "five""#, #""to": "six""#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(path: "$.cutoffTables[1].ranges[2].band", kind: .unknownReference("extreme")),
        JSONIssue(path: "$.bandMappings[0].to", kind: .unknownReference("six")),
      ])
  }

  @Test func unknownTotalDomainReference() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""domains": ["#,
      #""totalDomains": ["riwayat", "kognisi", "peers"],\#n  "domains": ["#)
    #expect(RiskFixtures.issues(json) == [JSONIssue(path: "$.totalDomains[2]", kind: .unknownReference("peers"))])
  }

  @Test func countRangesWithGapOverlapOrNotFromZero() {
    let gap = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""minimum": 3,"#, #""minimum": 4,"#)
    #expect(
      RiskFixtures.issues(gap) == [
        JSONIssue(
          path: "$.domains[0].items[0].response.ranges[2].minimum",
          kind: .invalidValue("counts 3…3 are in no range (gap)"))
      ])
    let overlap = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""minimum": 3,"#, #""minimum": 2,"#)
    #expect(
      RiskFixtures.issues(overlap) == [
        JSONIssue(
          path: "$.domains[0].items[0].response.ranges[2].minimum",
          kind: .invalidValue("counts 2…2 overlap the previous range"))
      ])
    let start = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #"{"minimum": 0, "maximum": 0, "points": 0}"#,
      #"{"minimum": 1, "maximum": 0, "points": 0}"#)
    #expect(
      RiskFixtures.issues(start).contains(
        JSONIssue(
          path: "$.domains[0].items[0].response.ranges[0].minimum",
          kind: .invalidValue("count ranges must start at 0 so that every count can be scored, not at 1"))))
  }

  @Test func mappingMustCoverEverySourceBandAndKeepOrder() {
    let partial = RiskFixtures.replacingOnce(IllustrativeInstruments.rnr8JSON, #""sedang": "moderate","#, "")
    #expect(
      RiskFixtures.issues(partial) == [
        JSONIssue(path: "$.bandMappings[0].map", kind: .invalidValue("band 'sedang' of scheme 'rst' is not mapped"))
      ])
    let reversed = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""tinggi": "high""#, #""tinggi": "veryLow""#)
    #expect(
      RiskFixtures.issues(reversed) == [
        JSONIssue(
          path: "$.bandMappings[0].map.tinggi",
          kind: .invalidValue("the mapping reverses the order of bands (a higher band maps lower)"))
      ])
  }

  @Test func domainMissingLimitAboveItemCount() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""maximumMissingItems": 0"#, #""maximumMissingItems": 4"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.domains[0].maximumMissingItems",
          kind: .invalidValue("allows 4 missing items but the domain has only 3"))
      ])
  }

  @Test func shareOutsideZeroToOne() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""minimumShare": 0.5"#, #""minimumShare": 50"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(path: "$.needRanking.minimumShare", kind: .invalidValue("a share must lie between 0 and 1, not 50.0"))
      ])
  }

  @Test func duplicatePopulationSelector() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""gender": "female", "ageGroup": "adult""#,
      #""gender": "male", "ageGroup": "adult""#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.cutoffTables[1].population",
          kind: .invalidValue("the same population as cutoffTables[0], which always wins"))
      ])
  }

  @Test func subscoreItemReferences() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""bandMappings": ["#,
      #""subscores": [{"id": "screen", "label": {"id": "Skrining", "en": "Screen"}, "items": ["ch1", "zz9", "ch1"]}],\#n  "bandMappings": ["#
    )
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(path: "$.subscores[0].items[1]", kind: .unknownReference("zz9")),
        JSONIssue(path: "$.subscores[0].items[2]", kind: .duplicate("ch1")),
      ])
  }

  @Test func unsupportedFormatVersion() {
    let json = RiskFixtures.replacingOnce(
      IllustrativeInstruments.rnr8JSON, #""formatVersion": 1"#, #""formatVersion": 2"#)
    #expect(
      RiskFixtures.issues(json) == [
        JSONIssue(
          path: "$.formatVersion", kind: .invalidValue("format version 2 is not supported (this engine reads 1)"))
      ])
  }

  /// Property: random contiguous cut-off tables over 0…24 load; moving one inner boundary by ±1 on
  /// one side only always produces exactly one gap or overlap issue.
  @Test func randomCutoffTablesValidate() throws {
    var rng = SplitMix64(seed: 99)
    let base = try RiskFixtures.rnr8()
    for _ in 0..<100 {
      let a = 1 + Int(rng.next() % 10)
      let b = a + 2 + Int(rng.next() % 11)  // sedang at least 2 wide
      var definition = base
      definition.cutoffTables = [
        CutoffTable(
          id: "t", population: PopulationSelector(), scheme: "rst",
          ranges: [
            CutoffRange(band: "rendah", minimum: 0, maximum: a - 1),
            CutoffRange(band: "sedang", minimum: a, maximum: b - 1),
            CutoffRange(band: "tinggi", minimum: b, maximum: nil),
          ])
      ]
      #expect(definition.validationIssues().isEmpty)
      let shift = rng.next() % 2 == 0 ? 1 : -1
      definition.cutoffTables[0].ranges[1].minimum += shift
      let issues = definition.validationIssues()
      #expect(issues.count == 1)
      #expect(issues.first?.path == "$.cutoffTables[0].ranges[1].minimum")
    }
  }

  @Test func errorRendersOneLinePerIssue() {
    let error = RiskDefinitionError(issues: [
      JSONIssue(
        path: "$.cutoffTables[0].ranges[1].minimum", kind: .invalidValue("totals 6…7 fall in no band (gap in cut-offs)")
      )
    ])
    #expect(
      error.description == """
        The risk instrument definition has 1 problem:
        - $.cutoffTables[0].ranges[1].minimum: totals 6…7 fall in no band (gap in cut-offs).
        """)
  }
}
