import AssessmentEngine
import Foundation
import Testing

/// Shared fixtures for the risk tests: the illustrative RNR-8, an LSI-R-shaped definition of our own
/// construction, and a helper that edits one exact spot of a JSON text.
enum RiskFixtures {
  static func rnr8() throws -> RiskInstrumentDefinition { try IllustrativeInstruments.rnr8() }

  /// Replaces the single occurrence of `from` in `text`; records an issue when it is not unique.
  static func replacingOnce(
    _ text: String, _ from: String, _ to: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    let parts = text.components(separatedBy: from)
    #expect(parts.count == 2, "'\(from)' occurs \(parts.count - 1) times", sourceLocation: sourceLocation)
    return parts.joined(separator: to)
  }

  /// Loads JSON text and returns the issues, or an empty list when it loads.
  static func issues(_ json: String) -> [JSONIssue] {
    do {
      _ = try RiskInstrumentDefinition.load(json: Data(json.utf8))
      return []
    } catch {
      return error.issues
    }
  }

  /// Case A of the hand-worked RNR-8 examples (see RiskScoringTests): total 14.
  static let caseA: [String: RiskAnswer] = [
    "ch1": .count(4), "ch2": .choice("yes"), "ch3": .choice("1"),
    "ap1": .choice("1"), "ap2": .choice("no"),
    "ac1": .choice("0"), "ac2": .choice("1"),
    "as1": .choice("2"), "as2": .choice("yes"),
    "fm1": .choice("3"), "fm2": .choice("no"),
    "sw1": .choice("yes"), "sw2": .choice("2"), "sw3": .choice("1"),
    "lr1": .choice("yes"), "lr2": .choice("1"),
    "sa1": .choice("0"), "sa2": .choice("no"),
  ]

  static let maleAdult = ClientPopulation(gender: .male, ageGroup: .adult, ageYears: 40)
  static let femaleAdult = ClientPopulation(gender: .female, ageGroup: .adult, ageYears: 33)
  static let child = ClientPopulation(gender: .male, ageGroup: .child, ageYears: 16)

  /// Subscale sizes of an LSI-R-shaped instrument (54 items in 10 subscales; structure only, from
  /// the public LSI-R scoring guides; no item content).
  static let lsiSubscales: [(id: String, en: String, factor: String?, kind: String, size: Int)] = [
    ("criminalHistory", "Criminal history", "criminalHistory", "static", 10),
    ("educationEmployment", "Education/employment", "schoolWork", "dynamic", 10),
    ("financial", "Financial", nil, "dynamic", 2),
    ("familyMarital", "Family/marital", "familyMarital", "dynamic", 4),
    ("accommodation", "Accommodation", nil, "dynamic", 3),
    ("leisure", "Leisure/recreation", "leisureRecreation", "dynamic", 2),
    ("companions", "Companions", "antisocialAssociates", "dynamic", 5),
    ("alcoholDrug", "Alcohol/drug problems", "substanceAbuse", "dynamic", 9),
    ("emotional", "Emotional/personal", nil, "dynamic", 5),
    ("attitudes", "Attitudes/orientation", "antisocialCognition", "dynamic", 4),
  ]
  /// Items given 0–3 rater boxes in our LSI-R-shaped test definition (ten, as in the LSI-R).
  static let lsiRaterBoxes: Set<Int> = [17, 18, 19, 20, 23, 27, 30, 50, 51, 52]
  /// Count-box items (criminal history): item → lowest count scoring 1.
  static let lsiCountBoxes: [Int: Int] = [1: 1, 2: 2, 3: 3]

  /// An LSI-R-shaped definition written as JSON text the way an agency would, following
  /// Documentation/EncodingRiskInstruments.md. Bands are the commonly quoted MHS five levels
  /// (0–13, 14–23, 24–33, 34–40, 41–54; unconfirmed [R], used here only as a fixture).
  static func lsiShapedJSON(tieBreak: String = "bigFourFirst") -> String {
    var number = 0
    var domains: [String] = []
    for s in lsiSubscales {
      var items: [String] = []
      for _ in 0..<s.size {
        number += 1
        let response: String
        if let threshold = lsiCountBoxes[number] {
          response =
            #"{"type": "count", "ranges": [{"minimum": 0, "maximum": \#(threshold - 1), "points": 0}, {"minimum": \#(threshold), "points": 1}]}"#
        } else if lsiRaterBoxes.contains(number) {
          response =
            #"{"type": "choice", "options": [{"value": "0", "points": 1}, {"value": "1", "points": 1}, {"value": "2", "points": 0, "strength": true}, {"value": "3", "points": 0, "strength": true}]}"#
        } else {
          response = #"{"type": "choice", "options": [{"value": "no", "points": 0}, {"value": "yes", "points": 1}]}"#
        }
        items.append(
          #"{"id": "q\#(number)", "label": {"id": "Butir \#(number)", "en": "Item \#(number)"}, "response": \#(response)}"#
        )
      }
      let factor = s.factor.map { #""centralEight": "\#($0)", "# } ?? ""
      domains.append(
        #"{"id": "\#(s.id)", "label": {"id": "\#(s.en)", "en": "\#(s.en)"}, \#(factor)"kind": "\#(s.kind)", "items": [\#(items.joined(separator: ", "))]}"#
      )
    }
    return #"""
      {
        "formatVersion": 1,
        "id": "lsi-shaped-test",
        "version": "test",
        "name": {"id": "Instrumen uji berbentuk LSI-R", "en": "LSI-R-shaped test instrument"},
        "status": "licensed",
        "domains": [\#(domains.joined(separator: ",\n"))],
        "missingItems": {"maximumItems": 5, "whenExceeded": "reject"},
        "needRanking": {"measure": "shareOfMaximum", "minimumShare": 0.5, "tieBreak": "\#(tieBreak)"},
        "bandSchemes": [
          {"id": "five", "label": {"id": "Lima tingkat", "en": "Five levels"}, "bands": [
            {"id": "low", "label": {"id": "Rendah", "en": "Low"}},
            {"id": "lowModerate", "label": {"id": "Rendah/sedang", "en": "Low/moderate"}},
            {"id": "moderate", "label": {"id": "Sedang", "en": "Moderate"}},
            {"id": "moderateHigh", "label": {"id": "Sedang/tinggi", "en": "Moderate/high"}},
            {"id": "high", "label": {"id": "Tinggi", "en": "High"}}]},
          {"id": "rst", "label": {"id": "Rendah/sedang/tinggi", "en": "Low/moderate/high"}, "bands": [
            {"id": "rendah", "label": {"id": "Rendah", "en": "Low"}},
            {"id": "sedang", "label": {"id": "Sedang", "en": "Moderate"}},
            {"id": "tinggi", "label": {"id": "Tinggi", "en": "High"}}]}
        ],
        "cutoffTables": [
          {"id": "all", "population": {}, "scheme": "five", "ranges": [
            {"band": "low", "minimum": 0, "maximum": 13},
            {"band": "lowModerate", "minimum": 14, "maximum": 23},
            {"band": "moderate", "minimum": 24, "maximum": 33},
            {"band": "moderateHigh", "minimum": 34, "maximum": 40},
            {"band": "high", "minimum": 41, "maximum": 54}]}
        ],
        "bandMappings": [
          {"from": "five", "to": "rst", "map": {"low": "rendah", "lowModerate": "rendah", "moderate": "sedang", "moderateHigh": "tinggi", "high": "tinggi"}}
        ]
      }
      """#
  }

  static func lsiShaped(tieBreak: String = "bigFourFirst") throws -> RiskInstrumentDefinition {
    try RiskInstrumentDefinition.load(json: Data(lsiShapedJSON(tieBreak: tieBreak).utf8))
  }

  /// The hand-worked LSI-R-shaped answer sheet (see RiskScoringTests.lsiShapedCase): total 27.
  static var lsiCase: [String: RiskAnswer] {
    var a: [String: RiskAnswer] = [:]
    for q in 1...54 { a["q\(q)"] = .choice("no") }
    a["q1"] = .count(3)
    a["q2"] = .count(3)
    a["q3"] = .count(1)
    for q in [4, 5, 11, 12, 13, 21, 22, 24, 31, 32, 33, 34, 35, 37, 38, 39, 40, 53, 54] { a["q\(q)"] = .choice("yes") }
    a["q17"] = .choice("0")
    a["q18"] = .choice("1")
    a["q19"] = .choice("2")
    a["q20"] = .choice("3")
    a["q23"] = .choice("0")
    a["q27"] = .choice("3")
    a["q30"] = .choice("1")
    a["q50"] = .choice("2")
    a["q51"] = .choice("0")
    a["q52"] = .choice("1")
    return a
  }
}
