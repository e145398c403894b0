import AssessmentEngine
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A community programme evaluated through its cycle, as seed 002 (Wijata et al. 2024, the AKSALARASA
/// programme of Bapas Kelas I Denpasar) runs one: social assessment (line 156), social planning
/// (line 276), intervention (line 326), evaluation with a SWOT analysis (lines 415–417), termination
/// and social referral (lines 435–453), judged by weighted success indicators in the seed's own
/// layout (*Kriteria / Ketuntasan / Cara mengukur*, lines 234–270).
///
/// Any programme can be evaluated this way — a beach clean-up with residents, a Pokmas Lipas training,
/// or an assertive-training group (whose indicators can also be computed from its records, see
/// ``ProgrammeAchievement``). Indicators are read one by one (``DecodedRecord``): a bad one is listed
/// and the rest are evaluated.
///
/// JSON (all but `id` and `name` optional):
/// ```json
/// {"id": "AKS-2023", "name": {"id": "AKSALARASA", "en": "AKSALARASA"}, "bapas": "Bapas Kelas I Denpasar",
///  "category": "social", "partners": ["POK-01"], "targetGroup": "…",
///  "cycle": [{"phase": "assessment", "from": "2023-05-22", "to": "2023-06-09", "method": "MPA", "summary": ["…"]}],
///  "swot": {"strengths": ["…"], "weaknesses": [], "opportunities": [], "threats": []},
///  "referrals": [{"to": "…", "service": "…"}],
///  "indicators": [{"id": "I1", "criterion": {"id": "…", "en": "…"}, "weight": 30, "howMeasured": {"id": "…", "en": "…"},
///                  "measure": {"kind": "manual", "achieved": 0.8}}]}
/// ```
public struct ProgrammeEvaluation: Sendable, Hashable, Codable {
  /// The programme's id.
  public var id: String
  /// Its name in both languages.
  public var name: LocalizedText
  /// The Bapas running it.
  public var bapas: String?
  /// The programme category (e.g. `social` for a community activity).
  public var category: ProgrammeCategory?
  /// The Pokmas Lipas partners taking part.
  public var partners: [PartnerID]
  /// Who the programme is for (*sasaran*).
  public var targetGroup: String?
  /// The phases of the cycle, in order.
  public var cycle: [ProgrammeCyclePhaseRecord]
  /// The SWOT analysis of the evaluation phase.
  public var swot: SWOTAnalysis?
  /// Social referrals at termination (*rujukan sosial*).
  public var referrals: [SocialReferral]
  /// The weighted success indicators.
  public var indicators: [DecodedRecord<SuccessIndicator>]

  /// Creates an evaluation.
  public init(
    id: String, name: LocalizedText, bapas: String? = nil, category: ProgrammeCategory? = nil,
    partners: [PartnerID] = [],
    targetGroup: String? = nil, cycle: [ProgrammeCyclePhaseRecord] = [], swot: SWOTAnalysis? = nil,
    referrals: [SocialReferral] = [], indicators: [SuccessIndicator] = []
  ) {
    self.id = id
    self.name = name
    self.bapas = bapas
    self.category = category
    self.partners = partners
    self.targetGroup = targetGroup
    self.cycle = cycle
    self.swot = swot
    self.referrals = referrals
    self.indicators = indicators.map { .valid($0) }
  }

  enum CodingKeys: String, CodingKey {
    case id, name, bapas, category, partners, targetGroup, cycle, swot, referrals, indicators
  }

  /// Decodes the documented JSON form; lists may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decode(LocalizedText.self, forKey: .name)
    bapas = try c.decodeIfPresent(String.self, forKey: .bapas)
    category = try c.decodeIfPresent(ProgrammeCategory.self, forKey: .category)
    partners = try c.decodeIfPresent([PartnerID].self, forKey: .partners) ?? []
    targetGroup = try c.decodeIfPresent(String.self, forKey: .targetGroup)
    cycle = try c.decodeIfPresent([ProgrammeCyclePhaseRecord].self, forKey: .cycle) ?? []
    swot = try c.decodeIfPresent(SWOTAnalysis.self, forKey: .swot)
    referrals = try c.decodeIfPresent([SocialReferral].self, forKey: .referrals) ?? []
    indicators = try c.decodeIfPresent([DecodedRecord<SuccessIndicator>].self, forKey: .indicators) ?? []
  }

  /// The indicators evaluated: only ``IndicatorMeasure/manual(achieved:source:)`` values can be measured outside an
  /// assertive-training group; other kinds are reported as unavailable.
  public var evaluation: IndicatorEvaluation {
    IndicatorEvaluation(indicators) { measure in
      switch measure {
      case .manual(let achieved, _): achieved.isFinite ? (achieved, nil) : (nil, "the value is not a number")
      default: (nil, "measured only from an assertive-training group's records")
      }
    }
  }

  /// Decodes an evaluation file, with the JSON path of the first structural error.
  public static func decode(jsonData data: Data) throws(ProgrammeEvaluationError) -> ProgrammeEvaluation {
    // The strict reader first, as for group and case files: syntax errors with line and column,
    // repeated keys refused (Foundation would keep one silently).
    if let syntax = JSONReader.documents.check(Array(data)) {
      throw ProgrammeEvaluationError(
        path: syntax.kind == .duplicateKey ? syntax.path : "$",
        reason: syntax.kind == .duplicateKey ? syntax.description : "the file is not valid JSON (\(syntax))")
    }
    do {
      return try JSONDecoder().decode(ProgrammeEvaluation.self, from: data)
    } catch let error as DecodingError {
      let (path, reason) = describeDecodingError(error)
      throw ProgrammeEvaluationError(path: path, reason: reason)
    } catch {
      throw ProgrammeEvaluationError(path: "$", reason: "the text is not JSON (\(error))")
    }
  }
}

/// A programme evaluation file that cannot be read: the JSON path and the reason.
public struct ProgrammeEvaluationError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
  /// The JSON path, e.g. `$.cycle[0].phase`.
  public var path: String
  /// Why, in English.
  public var reason: String
  /// Creates an error.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  /// `<path>: <reason>.`
  public var description: String { "\(path): \(reason)." }
}

/// The phases of a community programme's cycle in seed 002.
public enum ProgrammeCyclePhase: String, WireEnum {
  /// *Asesmen sosial*: assessing the problems with the community (seed 002 line 156; e.g. the
  /// Methodology for Participatory Assessment).
  case assessment
  /// *Perencanaan sosial*: choosing the intervention and the plan of action (line 276; e.g. the
  /// Technology of Participation).
  case planning
  /// *Pelaksanaan intervensi*: carrying out the activities (line 326).
  case intervention
  /// *Evaluasi*: whether the objectives and benefits were reached, with a SWOT analysis (line 415).
  case evaluation
  /// *Terminasi dan rujukan sosial*: formally ending the work with the parties involved and referring
  /// clients for further services (line 435).
  case termination
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .assessment: LocalizedText(id: "Asesmen sosial", en: "Social assessment")
    case .planning: LocalizedText(id: "Perencanaan sosial", en: "Social planning")
    case .intervention: LocalizedText(id: "Pelaksanaan intervensi", en: "Intervention")
    case .evaluation: LocalizedText(id: "Evaluasi", en: "Evaluation")
    case .termination: LocalizedText(id: "Terminasi dan rujukan sosial", en: "Termination and social referral")
    }
  }
}

/// One phase of the cycle as carried out.
///
/// JSON: `{"phase": "planning", "from": "2023-07-11", "to": "2023-07-15", "method": "TOP", "summary": ["…"]}`
/// (`to`, `method`, `summary` optional).
public struct ProgrammeCyclePhaseRecord: Sendable, Hashable, Codable {
  /// The phase.
  public var phase: ProgrammeCyclePhase
  /// The first day.
  public var from: CivilDate
  /// The last day, when it lasted more than one day.
  public var to: CivilDate?
  /// The method used (e.g. "Methodology for Participatory Assessment").
  public var method: String?
  /// What was done or found, one point per entry.
  public var summary: [String]?
  /// Creates a phase record.
  public init(
    phase: ProgrammeCyclePhase, from: CivilDate, to: CivilDate? = nil, method: String? = nil, summary: [String]? = nil
  ) {
    self.phase = phase
    self.from = from
    self.to = to
    self.method = method
    self.summary = summary
  }
}

/// A SWOT analysis (strengths, weaknesses, opportunities, threats) of the evaluation phase (seed 002
/// line 417). JSON: `{"strengths": ["…"], "weaknesses": [], "opportunities": [], "threats": []}`.
public struct SWOTAnalysis: Sendable, Hashable, Codable {
  /// Strengths.
  public var strengths: [String]
  /// Weaknesses.
  public var weaknesses: [String]
  /// Opportunities.
  public var opportunities: [String]
  /// Threats.
  public var threats: [String]
  /// Creates an analysis.
  public init(strengths: [String] = [], weaknesses: [String] = [], opportunities: [String] = [], threats: [String] = [])
  {
    self.strengths = strengths
    self.weaknesses = weaknesses
    self.opportunities = opportunities
    self.threats = threats
  }
}

/// A social referral at termination: who takes over a service (seed 002 line 453).
/// JSON: `{"to": "Yayasan Gerasa", "partnerID": "POK-01", "service": "…"}` (`partnerID` optional).
public struct SocialReferral: Sendable, Hashable, Codable {
  /// The body referred to.
  public var to: String
  /// The Pokmas Lipas partner, when it is one.
  public var partnerID: PartnerID?
  /// The service it continues.
  public var service: String
  /// Creates a referral.
  public init(to: String, partnerID: PartnerID? = nil, service: String) {
    self.to = to
    self.partnerID = partnerID
    self.service = service
  }
}
