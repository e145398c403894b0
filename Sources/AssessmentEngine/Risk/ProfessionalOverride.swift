#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Policy or discretionary override, after NCCD Structured Decision Making, which distinguishes
/// overrides a written policy requires from an officer's professional discretion
/// (the LS/CMI's Section 6 likewise records professional or administrative overrides:
/// Andrews, Bonta & Wormith 2004).
public enum OverrideKind: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Required by a written policy (e.g. certain offence types always supervised at a minimum level).
  case policy
  /// The officer's professional judgement (Andrews, Bonta & Wormith 2006: professional discretion).
  case discretionary

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .policy: LocalizedText(id: "Kebijakan", en: "Policy")
    case .discretionary: LocalizedText(id: "Diskresi profesional", en: "Professional discretion")
    }
  }
}

/// Whether an override raises or lowers the band.
public enum OverrideDirection: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// To a higher-risk band.
  case up
  /// To a lower-risk band.
  case down

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .up: LocalizedText(id: "Naik", en: "Up")
    case .down: LocalizedText(id: "Turun", en: "Down")
    }
  }
}

/// The role of whoever approves an override, in increasing authority.
///
/// Generic roles; an agency maps its own (e.g. a unit head, a review board) onto them.
public enum ApproverRole: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The assessing officer.
  case officer
  /// The officer's supervisor.
  case supervisor
  /// The head of the office or unit.
  case unitHead
  /// A review board or panel.
  case reviewBoard

  /// 0 for the officer up to 3 for a review board.
  public var authority: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .officer: LocalizedText(id: "Petugas", en: "Officer")
    case .supervisor: LocalizedText(id: "Atasan langsung", en: "Supervisor")
    case .unitHead: LocalizedText(id: "Kepala kantor", en: "Unit head")
    case .reviewBoard: LocalizedText(id: "Tim/dewan peninjau", en: "Review board")
    }
  }
}

/// Why an override was made: its kind, an agency reason code and free text.
public struct OverrideReason: Sendable, Hashable, Codable {
  /// Policy or discretionary.
  public var kind: OverrideKind
  /// The agency's reason code.
  public var code: String
  /// The officer's explanation.
  public var text: String

  /// Creates a reason.
  public init(kind: OverrideKind, code: String, text: String) {
    self.kind = kind
    self.code = code
    self.text = text
  }
}

/// Who approved an override, in what role, and when.
///
/// JSON: `{"role": "supervisor", "approverID": "S-7", "approvedAt": "2025-03-01T09:30:00+07:00"}` — the
/// instant as ISO 8601 with the approver's UTC offset (the SDK's one form for instants; civil dates are
/// `YYYY-MM-DD`). Files written before this form carried `approvedAt` as a number, Foundation's default
/// (seconds since 2001-01-01T00:00:00Z); such a number still reads, at offset +00:00.
public struct OverrideApproval: Sendable, Hashable, Codable {
  /// The approver's role.
  public var role: ApproverRole
  /// The approver's identifier.
  public var approverID: String
  /// When it was approved.
  public var approvedAt: Date
  /// The approver's offset from UTC in seconds (WIB +25200, WITA +28800, WIT +32400), used to write
  /// ``approvedAt`` as local time.
  public var utcOffsetSeconds: Int

  /// Creates an approval; `utcOffsetSeconds` is the approver's offset from UTC (0 = UTC).
  public init(role: ApproverRole, approverID: String, approvedAt: Date, utcOffsetSeconds: Int = 0) {
    self.role = role
    self.approverID = approverID
    self.approvedAt = approvedAt
    self.utcOffsetSeconds = utcOffsetSeconds
  }

  enum CodingKeys: String, CodingKey { case role, approverID, approvedAt }

  /// Decodes the ISO 8601 form (or a legacy number of seconds since 2001).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    role = try c.decode(ApproverRole.self, forKey: .role)
    approverID = try c.decode(String.self, forKey: .approverID)
    if let text = try? c.decode(String.self, forKey: .approvedAt) {
      guard let parsed = ISO8601Instant.parse(text) else {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: c.codingPath + [CodingKeys.approvedAt],
            debugDescription: "'\(text)' is not an ISO 8601 instant with a UTC offset, e.g. 2025-03-01T09:30:00+07:00"))
      }
      approvedAt = parsed.date
      utcOffsetSeconds = parsed.offsetSeconds
    } else {
      let seconds = try c.decode(Double.self, forKey: .approvedAt)
      guard seconds.isFinite else {
        throw DecodingError.dataCorrupted(
          .init(codingPath: c.codingPath + [CodingKeys.approvedAt], debugDescription: "the time is not a finite number")
        )
      }
      approvedAt = Date(timeIntervalSinceReferenceDate: seconds)
      utcOffsetSeconds = 0
    }
  }

  /// Encodes `approvedAt` as ISO 8601 with ``utcOffsetSeconds``.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(role, forKey: .role)
    try c.encode(approverID, forKey: .approverID)
    try c.encode(ISO8601Instant.format(approvedAt, offsetSeconds: utcOffsetSeconds), forKey: .approvedAt)
  }
}

/// A professional override: the computed band kept beside the final band, with the reason and approval.
///
/// Keeping the computed level, the override level and the reason code apart follows the ORAS data
/// model (computed level, `overrideRiskLevelId`, `overrideReasonCode`).
public struct RiskOverride: Sendable, Hashable, Codable {
  /// The band the instrument computed.
  public var computed: BandReference
  /// The band after the override.
  public var final: BandReference
  /// Up or down.
  public var direction: OverrideDirection
  /// How many levels the override moves (≥ 1).
  public var levels: Int
  /// Why.
  public var reason: OverrideReason
  /// The officer who made the override.
  public var officerID: String
  /// The approval.
  public var approval: OverrideApproval

  /// Creates an override record (normally through ``OverridePolicy/override(_:to:reason:approval:officerID:instrument:)``).
  public init(
    computed: BandReference, final: BandReference, direction: OverrideDirection, levels: Int, reason: OverrideReason,
    officerID: String, approval: OverrideApproval
  ) {
    self.computed = computed
    self.final = final
    self.direction = direction
    self.levels = levels
    self.reason = reason
    self.officerID = officerID
    self.approval = approval
  }
}

/// Why an override was refused.
public enum OverrideError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The assessment has no computed band (its total was withheld).
  case noComputedBand
  /// The requested band is not in the computed band's scheme.
  case unknownBand(scheme: String, band: String)
  /// The requested band equals the computed band.
  case sameBand(String)
  /// No reason given.
  case missingReason
  /// The reason code is empty.
  case emptyReasonCode
  /// The reason text is empty.
  case emptyReasonText
  /// The reason code is not one the policy allows.
  case reasonCodeNotAllowed(code: String, allowed: [String])
  /// No approval given.
  case missingApproval
  /// The approver id is empty.
  case emptyApproverID
  /// The approver's role is below what the policy requires for this many levels.
  case approverRoleTooLow(required: ApproverRole, actual: ApproverRole, levels: Int)
  /// The override moves more levels than the policy ever allows.
  case tooManyLevels(levels: Int, maximum: Int)

  /// A sentence naming the field and why.
  public var description: String {
    switch self {
    case .noComputedBand: "The assessment has no computed band (its total was withheld), so it cannot be overridden."
    case .unknownBand(let scheme, let band): "Override: band '\(band)' is not in scheme '\(scheme)'."
    case .sameBand(let band): "Override: the final band '\(band)' equals the computed band; nothing to override."
    case .missingReason: "Override: a reason (kind, code and text) is required."
    case .emptyReasonCode: "Override: the reason code is empty."
    case .emptyReasonText: "Override: the reason text is empty; the policy requires an explanation."
    case .reasonCodeNotAllowed(let code, let allowed):
      "Override: reason code '\(code)' is not allowed (allowed: \(allowed.joined(separator: ", ")))."
    case .missingApproval: "Override: an approval (role, approver and time) is required."
    case .emptyApproverID: "Override: the approver's identifier is empty."
    case .approverRoleTooLow(let required, let actual, let levels):
      "Override: moving \(levels) level\(levels == 1 ? "" : "s") needs approval by \(required.label.english.lowercased()) or higher, not \(actual.label.english.lowercased())."
    case .tooManyLevels(let levels, let maximum): "Override: moving \(levels) levels exceeds the maximum of \(maximum)."
    }
  }
}

/// The rules an override must follow.
///
/// Default: any override needs at least a supervisor's approval and a reason with text; moving more
/// than one level needs the unit head (the NCCD SDM practice of supervisor approval, and the child-welfare
/// SDM example of limiting overrides to one level). These are policy defaults, not law: configure them.
public struct OverridePolicy: Sendable, Hashable, Codable {
  /// The lowest role that may approve an override of up to ``maximumLevelsWithoutHigherApproval`` levels.
  public var minimumApproverRole: ApproverRole
  /// Overrides of up to this many levels need only ``minimumApproverRole``.
  public var maximumLevelsWithoutHigherApproval: Int
  /// The role needed beyond that.
  public var higherApproverRole: ApproverRole
  /// An absolute limit on levels moved; `nil` for none.
  public var maximumLevels: Int?
  /// Allowed reason codes; `nil` allows any non-empty code.
  public var allowedReasonCodes: [String]?
  /// Whether the reason text must be non-empty.
  public var requiresReasonText: Bool

  /// Creates a policy.
  public init(
    minimumApproverRole: ApproverRole = .supervisor, maximumLevelsWithoutHigherApproval: Int = 1,
    higherApproverRole: ApproverRole = .unitHead, maximumLevels: Int? = nil, allowedReasonCodes: [String]? = nil,
    requiresReasonText: Bool = true
  ) {
    self.minimumApproverRole = minimumApproverRole
    self.maximumLevelsWithoutHigherApproval = maximumLevelsWithoutHigherApproval
    self.higherApproverRole = higherApproverRole
    self.maximumLevels = maximumLevels
    self.allowedReasonCodes = allowedReasonCodes
    self.requiresReasonText = requiresReasonText
  }

  /// Checks and records an override of `assessment`'s computed band to `band` (same scheme).
  ///
  /// - Throws: ``OverrideError`` naming the first rule broken, checked in this order: computed band,
  ///   target band, reason, approval, levels and role.
  public func override(
    _ assessment: RiskAssessment, to band: String, reason: OverrideReason?, approval: OverrideApproval?,
    officerID: String, instrument: RiskInstrumentDefinition
  ) throws(OverrideError) -> RiskOverride {
    guard let computed = assessment.band else { throw .noComputedBand }
    guard let final = instrument.bandReference(scheme: computed.scheme, band: band) else {
      throw .unknownBand(scheme: computed.scheme, band: band)
    }
    guard final.rank != computed.rank else { throw .sameBand(band) }
    guard let reason else { throw .missingReason }
    guard !reason.code.allSatisfy(\.isWhitespace) else { throw .emptyReasonCode }
    if let allowed = allowedReasonCodes, !allowed.contains(reason.code) {
      throw .reasonCodeNotAllowed(code: reason.code, allowed: allowed)
    }
    if requiresReasonText && reason.text.allSatisfy(\.isWhitespace) { throw .emptyReasonText }
    guard let approval else { throw .missingApproval }
    guard !approval.approverID.allSatisfy(\.isWhitespace) else { throw .emptyApproverID }
    let levels = abs(final.rank - computed.rank)
    if let maximumLevels, levels > maximumLevels { throw .tooManyLevels(levels: levels, maximum: maximumLevels) }
    let required = levels > maximumLevelsWithoutHigherApproval ? higherApproverRole : minimumApproverRole
    guard approval.role.authority >= required.authority else {
      throw .approverRoleTooLow(required: required, actual: approval.role, levels: levels)
    }
    return RiskOverride(
      computed: computed, final: final, direction: final.rank > computed.rank ? .up : .down, levels: levels,
      reason: reason, officerID: officerID, approval: approval)
  }
}

/// One assessment for override-rate monitoring: who assessed, in which office, and any override.
public struct OverrideRecord: Sendable, Hashable, Codable {
  /// The assessing officer.
  public var officerID: String
  /// The agency or office.
  public var agencyID: String
  /// The override, if any.
  public var override: RiskOverride?

  /// Creates a record.
  public init(officerID: String, agencyID: String, override: RiskOverride?) {
    self.officerID = officerID
    self.agencyID = agencyID
    self.override = override
  }
}

/// Override counts and rate for one officer or office.
public struct OverrideRateSummary: Sendable, Hashable, Codable {
  /// The officer or agency id.
  public var key: String
  /// Assessments counted.
  public var assessments: Int
  /// Overrides among them.
  public var overrides: Int
  /// Upward overrides.
  public var upward: Int
  /// Downward overrides.
  public var downward: Int
  /// Policy overrides.
  public var policy: Int
  /// Discretionary overrides.
  public var discretionary: Int

  /// Creates a summary.
  public init(
    key: String, assessments: Int, overrides: Int, upward: Int, downward: Int, policy: Int, discretionary: Int
  ) {
    self.key = key
    self.assessments = assessments
    self.overrides = overrides
    self.upward = upward
    self.downward = downward
    self.policy = policy
    self.discretionary = discretionary
  }

  /// `overrides / assessments` (a summary always has at least one assessment).
  public var rate: Double { assessments > 0 ? Double(overrides) / Double(assessments) : 0 }

  /// Whether the rate is above `threshold` (an agency's choice; the sources give no standard figure).
  public func exceeds(_ threshold: Double) -> Bool { rate > threshold }

  /// Summaries per officer, sorted by officer id.
  ///
  /// - Complexity: O(*n* log *n*).
  public static func byOfficer(_ records: [OverrideRecord]) -> [OverrideRateSummary] {
    summarise(records, by: \.officerID)
  }

  /// Summaries per agency or office, sorted by agency id.
  ///
  /// - Complexity: O(*n* log *n*).
  public static func byAgency(_ records: [OverrideRecord]) -> [OverrideRateSummary] {
    summarise(records, by: \.agencyID)
  }

  private static func summarise(_ records: [OverrideRecord], by key: KeyPath<OverrideRecord, String>)
    -> [OverrideRateSummary]
  {
    Dictionary(grouping: records, by: { $0[keyPath: key] }).map { k, group in
      let o = group.compactMap(\.override)
      return OverrideRateSummary(
        key: k, assessments: group.count, overrides: o.count, upward: o.filter { $0.direction == .up }.count,
        downward: o.filter { $0.direction == .down }.count, policy: o.filter { $0.reason.kind == .policy }.count,
        discretionary: o.filter { $0.reason.kind == .discretionary }.count)
    }.sorted { $0.key < $1.key }
  }
}
