import AssessmentEngine

/// Which Bapas programmes and Pokmas Lipas partners answer one Central Eight criminogenic need.
///
/// A programme matches when its category is in ``programmeCategories`` (a *category match*) or, failing
/// that, when its kind is in ``programmeKinds`` (a *kind match*). A partner matches when it works in one
/// of ``partnerFocus`` **and** offers one of ``partnerServices`` or can deliver one of
/// ``programmeCategories``.
///
/// JSON: `{"factor": "substanceAbuse", "programmeKinds": ["kepribadian"], "programmeCategories":
/// ["health"], "partnerFocus": ["kemandirianKepribadian"], "partnerServices": ["narcoticsRehabilitation"],
/// "rationale": {"id": "…", "en": "…"}, "source": "…", "isPolicyDefault": true}`.
public struct NeedServiceRule: Sendable, Hashable, Codable {
  /// The Central Eight factor this rule answers.
  public var factor: CentralEightFactor
  /// Programme kinds that fit the need when no category matches.
  public var programmeKinds: [ProgrammeKind]
  /// Programme categories that fit the need best, in priority order.
  public var programmeCategories: [ProgrammeCategory]
  /// The Pokmas Lipas focus areas a fitting partner works in.
  public var partnerFocus: [PartnerFocus]
  /// The partner services that fit the need, in priority order.
  public var partnerServices: [PartnerService]
  /// Why these services answer the need, in both languages.
  public var rationale: LocalizedText
  /// The sources behind the reasoning.
  public var source: String
  /// `true` when the mapping is the SDK's policy default rather than something a source prescribes.
  public var isPolicyDefault: Bool

  /// Creates a rule.
  public init(
    factor: CentralEightFactor, programmeKinds: [ProgrammeKind], programmeCategories: [ProgrammeCategory],
    partnerFocus: [PartnerFocus], partnerServices: [PartnerService], rationale: LocalizedText, source: String,
    isPolicyDefault: Bool = true
  ) {
    self.factor = factor
    self.programmeKinds = programmeKinds
    self.programmeCategories = programmeCategories
    self.partnerFocus = partnerFocus
    self.partnerServices = partnerServices
    self.rationale = rationale
    self.source = source
    self.isPolicyDefault = isPolicyDefault
  }
}

/// The agency's need → programme-kind / category / partner-focus table, one rule per Central Eight factor.
///
/// **Every row of ``standard`` is a policy default.** The law says only that programmes cover
/// *pembimbingan kepribadian* and *pembimbingan kemandirian* (UU 22/2022 Pasal 56) and that Pokmas Lipas
/// partners work in "kemandirian & kepribadian" or "hukum & kemasyarakatan" (Kepdirjenpas PAS-06.OT.02.02
/// Tahun 2020; ditjenpas.go.id 2020). Matching a criminogenic need to a service follows the need
/// principle — target the dynamic factors that drive offending (Bonta & Andrews 2007, Public Safety
/// Canada 2007-06) — with the Bapas vocabulary of the seed papers. No source prescribes a specific row;
/// replace rows with ``replacing(_:)`` or build your own table.
///
/// Criminal history is static (Andrews & Bonta 2010): it drives intensity, never a programme, so
/// ``standard`` has no row for it and a static domain never becomes a target anyway.
public struct NeedServiceMap: Sendable, Hashable, Codable {
  /// The rules, at most one per factor.
  public var rules: [NeedServiceRule]

  /// Creates a table.
  public init(rules: [NeedServiceRule]) { self.rules = rules }

  /// The rule for `factor`, if any.
  public func rule(for factor: CentralEightFactor) -> NeedServiceRule? { rules.first { $0.factor == factor } }

  /// The table with `rule` in place of the existing rule for its factor (or added).
  public func replacing(_ rule: NeedServiceRule) -> NeedServiceMap {
    var copy = self
    if let i = copy.rules.firstIndex(where: { $0.factor == rule.factor }) {
      copy.rules[i] = rule
    } else {
      copy.rules.append(rule)
    }
    return copy
  }

  /// The documented defaults (all policy defaults; see the table in `Documentation/SupervisionComposition.md`):
  ///
  /// | Factor | Programmes | Partners (focus; services) |
  /// |---|---|---|
  /// | antisocial personality | kepribadian: attitudes and behaviour, health | kemandirian & kepribadian; psychological support |
  /// | antisocial cognition | kepribadian: attitudes and behaviour, legal awareness, civic awareness, religious | hukum & kemasyarakatan or kemandirian & kepribadian; legal education, religious guidance |
  /// | antisocial associates | kepribadian: social, attitudes and behaviour, arts and culture | hukum & kemasyarakatan or kemandirian & kepribadian; social rehabilitation, religious guidance |
  /// | family/marital | kepribadian: religious, social | kemandirian & kepribadian or hukum & kemasyarakatan; religious guidance, psychological support, social rehabilitation |
  /// | school/work | kemandirian (any vocational category); kepribadian: intellectual | kemandirian & kepribadian; vocational training, job placement, capital, education |
  /// | leisure/recreation | kepribadian: arts and culture, social, religious | kemandirian & kepribadian or hukum & kemasyarakatan; religious guidance, social rehabilitation |
  /// | substance abuse | kepribadian: health | kemandirian & kepribadian; narcotics rehabilitation, social rehabilitation, health support |
  public static let standard = NeedServiceMap(rules: [
    NeedServiceRule(
      factor: .antisocialPersonality, programmeKinds: [.kepribadian],
      programmeCategories: [.attitudeAndBehaviour, .health],
      partnerFocus: [.kemandirianKepribadian], partnerServices: [.psychologicalSupport],
      rationale: LocalizedText(
        id:
          "Pola kepribadian antisosial (impulsif, agresif) ditangani bimbingan kepribadian sikap dan perilaku serta dukungan psikologis.",
        en:
          "An antisocial personality pattern (impulsivity, aggression) is addressed by personality guidance on attitudes and behaviour and by psychological support."
      ),
      source:
        "Bonta & Andrews 2007 (need principle); PP 31/1999 Pasal 1 via seed 003 (kepribadian: sikap dan perilaku); Pokmas Lipas focus, ditjenpas.go.id 2020 (psychological support)"
    ),
    NeedServiceRule(
      factor: .antisocialCognition, programmeKinds: [.kepribadian],
      programmeCategories: [.attitudeAndBehaviour, .legalAwareness, .civicAwareness, .religious],
      partnerFocus: [.hukumKemasyarakatan, .kemandirianKepribadian],
      partnerServices: [.legalEducation, .religiousGuidance],
      rationale: LocalizedText(
        id:
          "Sikap yang mendukung pelanggaran hukum ditangani bimbingan kepribadian: sikap dan perilaku, kesadaran hukum, kesadaran berbangsa dan beragama; mitra hukum memberi penyuluhan hukum.",
        en:
          "Attitudes supportive of crime are addressed by personality guidance (attitudes and behaviour, legal, civic and religious awareness); legal partners give legal education."
      ),
      source:
        "Andrews & Bonta 2010 (Central Eight); seeds 001 and 003 (kepribadian: kesadaran hukum, sikap dan perilaku); ditjenpas.go.id 2020 (hukum & kemasyarakatan: penyuluhan hukum)"
    ),
    NeedServiceRule(
      factor: .antisocialAssociates, programmeKinds: [.kepribadian],
      programmeCategories: [.social, .attitudeAndBehaviour, .artsAndCulture],
      partnerFocus: [.hukumKemasyarakatan, .kemandirianKepribadian],
      partnerServices: [.socialRehabilitation, .religiousGuidance],
      rationale: LocalizedText(
        id:
          "Pergaulan antisosial diganti dengan jejaring prososial: bimbingan sosial dan kegiatan bersama masyarakat serta komunitas sosial dan keagamaan.",
        en:
          "Antisocial associates are replaced by prosocial networks: social guidance and community activities with social and religious communities."
      ),
      source:
        "Bonta & Andrews 2007 (need principle); seed 002 (AKSALARASA community activity); seed 004 (bimbingan sosial); ditjenpas.go.id 2020 (social communities)"
    ),
    NeedServiceRule(
      factor: .familyMarital, programmeKinds: [.kepribadian], programmeCategories: [.religious, .social],
      partnerFocus: [.kemandirianKepribadian, .hukumKemasyarakatan],
      partnerServices: [.religiousGuidance, .psychologicalSupport, .socialRehabilitation],
      rationale: LocalizedText(
        id:
          "Masalah keluarga/perkawinan ditangani bersama keluarga, dengan mitra keagamaan dan sosial yang memberi bimbingan mental dan dukungan keluarga.",
        en:
          "Family or marital problems are worked on with the family, with religious and social partners giving mental guidance and family support."
      ),
      source:
        "Seed 003 (family support shapes the client's response); ditjenpas.go.id 2020 (religious communities: mental and religious support; individuals and families as partners)"
    ),
    NeedServiceRule(
      factor: .schoolWork, programmeKinds: [.kemandirian], programmeCategories: [.intellectual],
      partnerFocus: [.kemandirianKepribadian],
      partnerServices: [.vocationalTraining, .jobPlacement, .capitalAndSelfEmployment, .education],
      rationale: LocalizedText(
        id:
          "Masalah sekolah/pekerjaan ditangani bimbingan kemandirian (pelatihan keterampilan kerja dan produksi) serta mitra ekonomi untuk pelatihan vokasi, penyaluran kerja dan modal.",
        en:
          "School or work problems are addressed by independence guidance (work-skills and production training) and economic partners offering vocational training, job placement and capital."
      ),
      source:
        "UU 22/2022 Pasal 56 and seeds 001, 003 (kemandirian: keterampilan kerja, e.g. Bapas Palembang); seed 002 (Yayasan Gerasa job training); ditjenpas.go.id 2020 (economic communities: job placement, vocational training, capital); Bapas Bengkulu's BLK partners"
    ),
    NeedServiceRule(
      factor: .leisureRecreation, programmeKinds: [.kepribadian],
      programmeCategories: [.artsAndCulture, .social, .religious],
      partnerFocus: [.kemandirianKepribadian, .hukumKemasyarakatan],
      partnerServices: [.religiousGuidance, .socialRehabilitation],
      rationale: LocalizedText(
        id:
          "Waktu luang tanpa kegiatan terarah diisi kegiatan kepribadian (seni dan budaya, sosial, keagamaan) dan kegiatan komunitas.",
        en:
          "Unstructured free time is filled with personality activities (arts and culture, social, religious) and community activities."
      ),
      source:
        "Andrews & Bonta 2010 (leisure/recreation); seed 004 (seni dan budaya, bimbingan sosial); seed 002 (community activities)"
    ),
    NeedServiceRule(
      factor: .substanceAbuse, programmeKinds: [.kepribadian], programmeCategories: [.health],
      partnerFocus: [.kemandirianKepribadian],
      partnerServices: [.narcoticsRehabilitation, .socialRehabilitation, .healthSupport],
      rationale: LocalizedText(
        id:
          "Penyalahgunaan zat dirujuk ke mitra rehabilitasi narkotika dan sosial, dengan bimbingan kesehatan jasmani dan rohani.",
        en:
          "Substance abuse is referred to narcotics and social rehabilitation partners, with physical and mental health guidance."
      ),
      source:
        "Bapas Bengkulu partner mix (narcotics and social rehabilitation bodies), bengkulu.antaranews.com; PP 31/1999 via seed 003 (kesehatan jasmani dan rohani)"
    ),
  ])
}
