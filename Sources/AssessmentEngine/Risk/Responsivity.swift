/// A specific-responsivity factor: something about the person or their circumstances that changes
/// *how* supervision and programmes should be delivered (not *whether* or *how much*).
///
/// Specific responsivity fits the service to the person's personality, motivation, ability and
/// demographics (Bonta & Andrews 2007, *Risk-Need-Responsivity Model for Offender Assessment and
/// Rehabilitation*, Public Safety Canada 2007-06; Andrews, Bonta & Wormith 2006, *Crime &
/// Delinquency* 52(1):7). The practical obstacles are those Indonesian community-corrections
/// studies report: distance and large work areas, working hours, travel cost, no phone/data/signal
/// for online reporting, low motivation ("hanya sekadar hadir"), trauma, stigma, family
/// indifference (the SDK's seed papers 001–004, see `Documentation/RiskNeedResponsivity.md`).
public enum ResponsivityFactor: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Lives far from the office (*jarak jauh*).
  case distantResidence
  /// Lives in a remote part of a large work area (*wilayah kerja luas*).
  case largeWorkArea
  /// Works during office hours (*bekerja pada jam kerja*).
  case workingHours
  /// Cannot afford the cost of travel (*biaya transportasi*).
  case travelCost
  /// No phone, no data credit or no signal for remote reporting (*tidak punya HP, pulsa/kuota, sinyal*).
  case noPhoneDataOrSignal
  /// Limited reading and writing.
  case lowLiteracy
  /// Does not speak the officer's language well (e.g. speaks mainly a regional language).
  case languageBarrier
  /// Low motivation: attends but does not take part, avoids (*hanya sekadar hadir, menghindar*).
  case lowMotivation
  /// Experience of trauma.
  case trauma
  /// The family is indifferent or unsupportive (*keluarga tidak peduli*).
  case familyIndifference
  /// Stigma and rejection by the community (*stigma, penolakan masyarakat*).
  case communityStigma
  /// A mental-health condition.
  case mentalHealth
  /// A child (*anak*, 12 to under 18: UU 11/2012 SPPA).
  case child

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .distantResidence: LocalizedText(id: "Tempat tinggal jauh", en: "Lives far away")
    case .largeWorkArea: LocalizedText(id: "Wilayah kerja luas/terpencil", en: "Remote part of a large work area")
    case .workingHours: LocalizedText(id: "Bekerja pada jam kantor", en: "Works office hours")
    case .travelCost: LocalizedText(id: "Biaya perjalanan", en: "Cost of travel")
    case .noPhoneDataOrSignal: LocalizedText(id: "Tidak ada HP/pulsa/sinyal", en: "No phone, data or signal")
    case .lowLiteracy: LocalizedText(id: "Keterbatasan baca tulis", en: "Low literacy")
    case .languageBarrier: LocalizedText(id: "Hambatan bahasa", en: "Language barrier")
    case .lowMotivation: LocalizedText(id: "Motivasi rendah (sekadar hadir)", en: "Low motivation (only present)")
    case .trauma: LocalizedText(id: "Trauma", en: "Trauma")
    case .familyIndifference: LocalizedText(id: "Keluarga tidak peduli", en: "Family indifference")
    case .communityStigma: LocalizedText(id: "Stigma masyarakat", en: "Community stigma")
    case .mentalHealth: LocalizedText(id: "Kesehatan jiwa", en: "Mental health")
    case .child: LocalizedText(id: "Anak", en: "Child")
    }
  }

  /// The documented default adjustments for this factor, in priority order.
  ///
  /// - distance, large work area, travel cost: home visit, video call, mobile counselling in the
  ///   client's neighbourhood, reporting at a nearer outpost or local office (seed 001: home visits
  ///   "when the client cannot come", video calls for clients held back by distance or cost, mobile
  ///   counselling every second Saturday in a different *kelurahan*; seed 003: outposts in distant
  ///   districts);
  /// - working hours: scheduling outside working hours, mobile counselling on Saturdays, video call,
  ///   agreeing flexible hours with the employer (seed 001);
  /// - no phone/data/signal: in-person reporting (removes video calls) and home visits (seed 003);
  /// - literacy and language: oral and visual materials, plain or local language and an interpreter
  ///   (specific responsivity: ability; Bonta & Andrews 2007);
  /// - low motivation: motivational interviewing and community-based activities (seed 002: clients
  ///   "only present"; the AKSALARASA programme);
  /// - trauma, mental health: individual sessions, trauma-informed work, mental-health referral
  ///   (seed 003: clients with trauma, stigma or economic pressure find openness hard);
  /// - family indifference: family sessions (seed 003: family support shapes the response);
  /// - community stigma: individual sessions, community-based activities and engaging community
  ///   partners (seeds 002, 003, 004);
  /// - child: child-friendly approach with a parent or guardian present and family sessions
  ///   (UU 11/2012 SPPA: children are accompanied).
  public var defaultAdjustments: [ResponsivityAdjustment] {
    switch self {
    case .distantResidence: [.homeVisit, .videoCall, .mobileCounselling, .reportAtNearerOutpost]
    case .largeWorkArea: [.reportAtNearerOutpost, .mobileCounselling, .videoCall, .homeVisit]
    case .workingHours: [.scheduleOutsideWorkingHours, .mobileCounselling, .videoCall, .coordinateWithEmployer]
    case .travelCost: [.homeVisit, .videoCall, .mobileCounselling]
    case .noPhoneDataOrSignal: [.inPersonReporting, .homeVisit]
    case .lowLiteracy: [.oralAndVisualMaterials]
    case .languageBarrier: [.localLanguageOrInterpreter, .oralAndVisualMaterials]
    case .lowMotivation: [.motivationalInterviewing, .communityBasedActivities]
    case .trauma: [.individualSessions, .traumaInformedApproach]
    case .familyIndifference: [.familySessions, .homeVisit]
    case .communityStigma: [.individualSessions, .communityBasedActivities, .engageCommunityPartners]
    case .mentalHealth: [.individualSessions, .mentalHealthReferral]
    case .child: [.childFriendlyWithGuardian, .familySessions]
    }
  }
}

/// A change to how supervision and programmes are delivered.
public enum ResponsivityAdjustment: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The officer visits the client at home (*kunjungan rumah*).
  case homeVisit
  /// Guidance by video call.
  case videoCall
  /// Mobile counselling held near the client, e.g. every second Saturday in a different neighbourhood.
  case mobileCounselling
  /// Reporting at a nearer outpost or local government office.
  case reportAtNearerOutpost
  /// Appointments outside the client's working hours.
  case scheduleOutsideWorkingHours
  /// Agree flexible hours with the client's employer.
  case coordinateWithEmployer
  /// Report in person; remote reporting is not possible (removes ``videoCall``).
  case inPersonReporting
  /// Oral explanation and visual materials instead of written ones.
  case oralAndVisualMaterials
  /// Plain or local language, or an interpreter.
  case localLanguageOrInterpreter
  /// Motivational interviewing.
  case motivationalInterviewing
  /// Activities in and with the community.
  case communityBasedActivities
  /// Individual rather than group sessions.
  case individualSessions
  /// A trauma-informed approach.
  case traumaInformedApproach
  /// Sessions that involve the family.
  case familySessions
  /// Engage community leaders and partner organisations.
  case engageCommunityPartners
  /// Referral for mental-health assessment or care.
  case mentalHealthReferral
  /// A child-friendly approach with a parent or guardian present.
  case childFriendlyWithGuardian

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .homeVisit: LocalizedText(id: "Kunjungan rumah", en: "Home visit")
    case .videoCall: LocalizedText(id: "Panggilan video", en: "Video call")
    case .mobileCounselling:
      LocalizedText(id: "Konseling keliling (mis. Sabtu)", en: "Mobile counselling (e.g. Saturdays)")
    case .reportAtNearerOutpost: LocalizedText(id: "Lapor di pos/kantor terdekat", en: "Report at a nearer outpost")
    case .scheduleOutsideWorkingHours:
      LocalizedText(id: "Jadwal di luar jam kerja", en: "Schedule outside working hours")
    case .coordinateWithEmployer: LocalizedText(id: "Koordinasi dengan pemberi kerja", en: "Coordinate with employer")
    case .inPersonReporting: LocalizedText(id: "Lapor tatap muka", en: "In-person reporting")
    case .oralAndVisualMaterials: LocalizedText(id: "Materi lisan dan visual", en: "Oral and visual materials")
    case .localLanguageOrInterpreter: LocalizedText(id: "Bahasa daerah/penerjemah", en: "Local language or interpreter")
    case .motivationalInterviewing: LocalizedText(id: "Wawancara motivasional", en: "Motivational interviewing")
    case .communityBasedActivities: LocalizedText(id: "Kegiatan bersama masyarakat", en: "Community-based activities")
    case .individualSessions: LocalizedText(id: "Sesi individu", en: "Individual sessions")
    case .traumaInformedApproach: LocalizedText(id: "Pendekatan peka trauma", en: "Trauma-informed approach")
    case .familySessions: LocalizedText(id: "Sesi bersama keluarga", en: "Family sessions")
    case .engageCommunityPartners: LocalizedText(id: "Libatkan mitra masyarakat", en: "Engage community partners")
    case .mentalHealthReferral: LocalizedText(id: "Rujukan kesehatan jiwa", en: "Mental-health referral")
    case .childFriendlyWithGuardian:
      LocalizedText(id: "Ramah anak, didampingi wali", en: "Child-friendly, guardian present")
    }
  }
}

/// Where a supervision contact takes place.
public enum SupervisionModality: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// At the office (reporting in person).
  case officeVisit
  /// At the client's home.
  case homeVisit
  /// By video call.
  case videoCall
  /// At a mobile counselling session near the client.
  case mobileCounselling
  /// At a nearer outpost or local office.
  case outpost

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .officeVisit: LocalizedText(id: "Tatap muka di kantor", en: "Office visit")
    case .homeVisit: LocalizedText(id: "Kunjungan rumah", en: "Home visit")
    case .videoCall: LocalizedText(id: "Panggilan video", en: "Video call")
    case .mobileCounselling: LocalizedText(id: "Konseling keliling", en: "Mobile counselling")
    case .outpost: LocalizedText(id: "Pos/kantor terdekat", en: "Outpost")
    }
  }
}

/// Individual, group or classical delivery (the three guidance methods in seed 004).
public enum DeliveryFormat: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// One client with the officer.
  case individual
  /// A group of clients (*kelompok*).
  case group
  /// A class of clients who share a problem (*klasikal*).
  case classical

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .individual: LocalizedText(id: "Individu", en: "Individual")
    case .group: LocalizedText(id: "Kelompok", en: "Group")
    case .classical: LocalizedText(id: "Klasikal", en: "Classical")
    }
  }
}

/// Which adjustments each responsivity factor calls for; configurable per agency.
public struct ResponsivityPolicy: Sendable, Hashable, Codable {
  /// Factor → adjustments in priority order. A factor missing here uses its ``ResponsivityFactor/defaultAdjustments``.
  public var adjustments: [ResponsivityFactor: [ResponsivityAdjustment]]
  /// The delivery format when no adjustment asks for individual sessions.
  public var defaultFormat: DeliveryFormat

  /// Creates a policy; the default uses every factor's documented default adjustments and group delivery.
  public init(adjustments: [ResponsivityFactor: [ResponsivityAdjustment]] = [:], defaultFormat: DeliveryFormat = .group)
  {
    self.adjustments = adjustments
    self.defaultFormat = defaultFormat
  }

  enum CodingKeys: String, CodingKey { case adjustments, defaultFormat }

  /// Decodes `{"adjustments": {"<factor>": ["<adjustment>", …]}, "defaultFormat": "group"}`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let raw = try c.decode([String: [ResponsivityAdjustment]].self, forKey: .adjustments)
    var adjustments: [ResponsivityFactor: [ResponsivityAdjustment]] = [:]
    for (key, value) in raw {
      guard let factor = ResponsivityFactor(rawValue: key) else {
        throw DecodingError.dataCorruptedError(
          forKey: .adjustments, in: c, debugDescription: "'\(key)' is not a responsivity factor")
      }
      adjustments[factor] = value
    }
    self.init(adjustments: adjustments, defaultFormat: try c.decode(DeliveryFormat.self, forKey: .defaultFormat))
  }

  /// Encodes the factor → adjustments table as a JSON object keyed by factor name.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(
      Dictionary(uniqueKeysWithValues: adjustments.map { ($0.key.rawValue, $0.value) }), forKey: .adjustments)
    try c.encode(defaultFormat, forKey: .defaultFormat)
  }

  /// Applies the policy to a person's factors.
  ///
  /// Rules: adjustments are collected in factor order without repeats; ``ResponsivityAdjustment/inPersonReporting``
  /// removes ``ResponsivityAdjustment/videoCall`` (no phone means no video); modalities start with the
  /// office visit and add home visit, video call, mobile counselling and outpost as adjusted;
  /// ``ResponsivityAdjustment/individualSessions`` makes the format individual, otherwise ``defaultFormat``.
  ///
  /// - Complexity: O(*f*·*a*) for *f* factors and *a* adjustments per factor.
  public func apply(_ factors: [ResponsivityFactor]) -> ResponsivityPlan {
    var list: [ResponsivityAdjustment] = []
    var uniqueFactors: [ResponsivityFactor] = []
    for factor in factors where !uniqueFactors.contains(factor) {
      uniqueFactors.append(factor)
      for a in adjustments[factor] ?? factor.defaultAdjustments where !list.contains(a) { list.append(a) }
    }
    if list.contains(.inPersonReporting) { list.removeAll { $0 == .videoCall } }
    var modalities: [SupervisionModality] = [.officeVisit]
    for a in list {
      switch a {
      case .homeVisit: modalities.append(.homeVisit)
      case .videoCall: modalities.append(.videoCall)
      case .mobileCounselling: modalities.append(.mobileCounselling)
      case .reportAtNearerOutpost: modalities.append(.outpost)
      default: break
      }
    }
    return ResponsivityPlan(
      factors: uniqueFactors, adjustments: list, modalities: modalities,
      format: list.contains(.individualSessions) ? .individual : defaultFormat,
      outsideWorkingHours: list.contains(.scheduleOutsideWorkingHours))
  }
}

/// The delivery adjustments for one person.
public struct ResponsivityPlan: Sendable, Hashable, Codable {
  /// The factors considered, without repeats.
  public var factors: [ResponsivityFactor]
  /// The adjustments, in priority order.
  public var adjustments: [ResponsivityAdjustment]
  /// Where contacts may take place, office first.
  public var modalities: [SupervisionModality]
  /// Individual, group or classical delivery.
  public var format: DeliveryFormat
  /// Whether appointments must fall outside working hours.
  public var outsideWorkingHours: Bool

  /// Creates a plan.
  public init(
    factors: [ResponsivityFactor], adjustments: [ResponsivityAdjustment], modalities: [SupervisionModality],
    format: DeliveryFormat, outsideWorkingHours: Bool
  ) {
    self.factors = factors
    self.adjustments = adjustments
    self.modalities = modalities
    self.format = format
    self.outsideWorkingHours = outsideWorkingHours
  }
}
