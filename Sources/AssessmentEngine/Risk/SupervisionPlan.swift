/// A minimum contact frequency for one band.
public struct ContactStandard: Sendable, Hashable, Codable {
  /// Face-to-face contacts per month.
  public var faceToFacePerMonth: Int
  /// Contacts in the field (home, work, community) per month, if the policy sets them.
  public var fieldContactsPerMonth: Double?

  /// Creates a standard.
  public init(faceToFacePerMonth: Int, fieldContactsPerMonth: Double? = nil) {
    self.faceToFacePerMonth = faceToFacePerMonth
    self.fieldContactsPerMonth = fieldContactsPerMonth
  }
}

/// Extra dosage for a high band with several needs.
public struct MultipleNeedsDosage: Sendable, Hashable, Codable {
  /// The band (in the policy scheme) it applies to.
  public var band: String
  /// The fewest ranked needs that trigger it.
  public var minimumNeeds: Int
  /// The target hours instead of the band's usual hours.
  public var hours: Double

  /// Creates the rule.
  public init(band: String, minimumNeeds: Int, hours: Double) {
    self.band = band
    self.minimumNeeds = minimumNeeds
    self.hours = hours
  }
}

/// The agency's table of contact standards and programme dosage per band, with the number of needs
/// a plan targets.
///
/// The engine carries no agency's policy: the tables are keyed on the band ids of whatever scheme the
/// agency plans on, and a floor set by law (``legalFloorContactsPerMonth``) is configuration with no
/// floor by default. ``threeLevel(scheme:low:moderate:high:legalFloorContactsPerMonth:)`` builds the documented three-level table
/// on the caller's band ids: 1/2/4 face-to-face contacts a month follows the shape of the CSOSA contact
/// standards (Minimum 1, Medium 2, Maximum 4, Intensive 8 a month: csosa.gov, supervision levels).
/// Dosage defaults of 100 hours for moderate and 200 for high risk, 300 for high risk with multiple
/// needs, are the commonly quoted reading of Bourgon & Armstrong (2005, *Criminal Justice and
/// Behavior* 32(1)), not confirmed in the SDK's sources; low risk gets no programme hours by default,
/// following the risk principle (Bonta & Andrews 2007). Configure every number. An agency's own policy
/// (with its legal floor) belongs to the module that models the agency: `Pemasyarakatan` provides
/// `SupervisionPolicy.bapas`.
public struct SupervisionPolicy: Sendable, Hashable, Codable {
  /// The band scheme the tables are keyed on; an assessment in another scheme is mapped onto it
  /// through the instrument's ``RiskInstrumentDefinition/bandMappings``.
  public var scheme: String
  /// Band → contact standard.
  public var contactStandards: [String: ContactStandard]
  /// Band → target programme hours.
  public var dosageHours: [String: Double]
  /// Extra dosage for a high band with several needs, if any.
  public var multipleNeedsDosage: MultipleNeedsDosage?
  /// How many of the ranked needs become plan targets.
  public var maximumTargets: Int
  /// A floor of face-to-face contacts a month set outside the agency's table (by law or regulation);
  /// a band whose standard is below it cannot be planned. 0, the default, sets no floor.
  public var legalFloorContactsPerMonth: Int

  /// Creates a policy.
  public init(
    scheme: String, contactStandards: [String: ContactStandard], dosageHours: [String: Double],
    multipleNeedsDosage: MultipleNeedsDosage? = nil, maximumTargets: Int = 3, legalFloorContactsPerMonth: Int = 0
  ) {
    self.scheme = scheme
    self.contactStandards = contactStandards
    self.dosageHours = dosageHours
    self.multipleNeedsDosage = multipleNeedsDosage
    self.maximumTargets = maximumTargets
    self.legalFloorContactsPerMonth = legalFloorContactsPerMonth
  }

  /// The documented defaults on a three-level scheme, keyed on the caller's band ids: contacts 1/2/4
  /// face-to-face (and 0/1/2 field contacts) a month, dosage 0/100/200 hours, 300 hours for the high
  /// band with three or more needs, three targets, and `legalFloorContactsPerMonth` (0: none).
  ///
  /// ```swift
  /// let policy = SupervisionPolicy.threeLevel(scheme: "lmh", low: "low", moderate: "moderate", high: "high")
  /// ```
  public static func threeLevel(
    scheme: String, low: String, moderate: String, high: String, legalFloorContactsPerMonth: Int = 0
  ) -> SupervisionPolicy {
    SupervisionPolicy(
      scheme: scheme,
      contactStandards: [
        low: ContactStandard(faceToFacePerMonth: 1),
        moderate: ContactStandard(faceToFacePerMonth: 2, fieldContactsPerMonth: 1),
        high: ContactStandard(faceToFacePerMonth: 4, fieldContactsPerMonth: 2),
      ],
      dosageHours: [low: 0, moderate: 100, high: 200],
      multipleNeedsDosage: MultipleNeedsDosage(band: high, minimumNeeds: 3, hours: 300),
      legalFloorContactsPerMonth: legalFloorContactsPerMonth)
  }

  /// Builds the generic supervision plan for an assessment, after any override.
  ///
  /// The final band (the override's, else the computed one) is mapped onto ``scheme``; its contact
  /// standard and dosage come from the tables; the top ``maximumTargets`` needs become targets; the
  /// responsivity policy turns the person's factors into delivery adjustments.
  ///
  /// - Throws: ``SupervisionPlanError`` when the assessment has no band, the override belongs to
  ///   another band, no mapping reaches the policy scheme, a table has no row for the band, or the
  ///   band's contact standard is below the legal floor.
  public func plan(
    for assessment: RiskAssessment, override: RiskOverride? = nil, instrument: RiskInstrumentDefinition,
    responsivity factors: [ResponsivityFactor] = [], responsivityPolicy: ResponsivityPolicy = ResponsivityPolicy()
  ) throws(SupervisionPlanError) -> SupervisionPlan {
    guard let computed = assessment.band else { throw .noBand }
    if let override, override.computed != computed {
      throw .overrideDoesNotMatch(computed: computed.band, overridden: override.computed.band)
    }
    let final = override?.final ?? computed
    guard let policyBand = instrument.map(final, to: scheme) else { throw .noMapping(from: final.scheme, to: scheme) }
    guard let contact = contactStandards[policyBand.band] else { throw .missingContactStandard(band: policyBand.band) }
    guard contact.faceToFacePerMonth >= legalFloorContactsPerMonth else {
      throw .belowLegalFloor(
        band: policyBand.band, perMonth: contact.faceToFacePerMonth, floor: legalFloorContactsPerMonth)
    }
    guard var hours = dosageHours[policyBand.band] else { throw .missingDosage(band: policyBand.band) }
    if let extra = multipleNeedsDosage, extra.band == policyBand.band, assessment.needs.count >= extra.minimumNeeds {
      hours = extra.hours
    }
    return SupervisionPlan(
      instrumentID: assessment.instrumentID, instrumentVersion: assessment.instrumentVersion,
      instrumentStatus: assessment.instrumentStatus, computedBand: computed, finalBand: final, policyBand: policyBand,
      override: override, contactStandard: contact, dosageHours: hours,
      targets: Array(assessment.needs.prefix(max(0, maximumTargets))), strengths: assessment.strengths,
      responsivity: responsivityPolicy.apply(factors))
  }
}

/// Why a plan could not be built.
public enum SupervisionPlanError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The assessment has no band (its total was withheld).
  case noBand
  /// The override was made for another computed band.
  case overrideDoesNotMatch(computed: String, overridden: String)
  /// No band mapping leads from the assessment's scheme to the policy's.
  case noMapping(from: String, to: String)
  /// The contact-standard table has no row for the band.
  case missingContactStandard(band: String)
  /// The dosage table has no row for the band.
  case missingDosage(band: String)
  /// The band's contact standard is below the legal floor.
  case belowLegalFloor(band: String, perMonth: Int, floor: Int)

  /// A sentence naming the field and why.
  public var description: String {
    switch self {
    case .noBand: "Plan: the assessment has no band (its total was withheld); complete the assessment first."
    case .overrideDoesNotMatch(let c, let o):
      "Plan: the override was made for band '\(o)' but the assessment computed '\(c)'."
    case .noMapping(let from, let to):
      "Plan: the instrument maps no band of scheme '\(from)' onto the policy scheme '\(to)'."
    case .missingContactStandard(let band): "Plan: the policy has no contact standard for band '\(band)'."
    case .missingDosage(let band): "Plan: the policy has no dosage for band '\(band)'."
    case .belowLegalFloor(let band, let n, let floor):
      "Plan: band '\(band)' has \(n) contacts a month, below the legal floor of \(floor) a month."
    }
  }
}

/// A generic supervision plan: intensity from risk, targets from needs, delivery from responsivity.
///
/// Carries no agency vocabulary: a composer matches each target's ``CriminogenicNeed/centralEight``
/// (or ``CriminogenicNeed/domain``) to the programmes and partners it has, keyed by the stable
/// ``CriminogenicNeed/id``, and chooses venues from ``ResponsivityPlan/modalities``.
public struct SupervisionPlan: Sendable, Hashable, Codable {
  /// The instrument's id.
  public var instrumentID: String
  /// The instrument's version.
  public var instrumentVersion: String
  /// The instrument's status; a plan from an ``InstrumentStatus/illustrative`` instrument is a sample only.
  public var instrumentStatus: InstrumentStatus
  /// The band the instrument computed.
  public var computedBand: BandReference
  /// The band after any override (instrument scheme).
  public var finalBand: BandReference
  /// The final band in the policy's scheme.
  public var policyBand: BandReference
  /// The override, if any.
  public var override: RiskOverride?
  /// The minimum contacts.
  public var contactStandard: ContactStandard
  /// Target programme hours.
  public var dosageHours: Double
  /// The top needs, rank 1 first.
  public var targets: [CriminogenicNeed]
  /// Strength domains to build on.
  public var strengths: [String]
  /// Delivery adjustments.
  public var responsivity: ResponsivityPlan

  /// Creates a plan (normally through ``SupervisionPolicy/plan(for:override:instrument:responsivity:responsivityPolicy:)``).
  public init(
    instrumentID: String, instrumentVersion: String, instrumentStatus: InstrumentStatus, computedBand: BandReference,
    finalBand: BandReference, policyBand: BandReference, override: RiskOverride?, contactStandard: ContactStandard,
    dosageHours: Double, targets: [CriminogenicNeed], strengths: [String], responsivity: ResponsivityPlan
  ) {
    self.instrumentID = instrumentID
    self.instrumentVersion = instrumentVersion
    self.instrumentStatus = instrumentStatus
    self.computedBand = computedBand
    self.finalBand = finalBand
    self.policyBand = policyBand
    self.override = override
    self.contactStandard = contactStandard
    self.dosageHours = dosageHours
    self.targets = targets
    self.strengths = strengths
    self.responsivity = responsivity
  }
}
