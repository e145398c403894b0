import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Who at a Bapas approves a professional override, mapped onto the engine's generic `ApproverRole`.
///
/// The mapping is a documented **policy default**: the sources say overrides need supervisor approval
/// and documented reasons (NCCD Structured Decision Making; LS/CMI Section 6), and that at a Bapas the
/// head (Kabapas) plans and controls guidance (PP 31/1999 Pasal 31–32) while stage changes and
/// risk-based transfers are decided after a *sidang TPP* (PP 31/1999 Pasal 33(2); the Kanwil
/// Kalimantan Timur *pelimpahan bimbingan* service, "berdasarkan asesmen dari aspek risiko
/// pengulangan pidana"). Which Bapas official signs an override is not set by any source read.
///
/// | Bapas role | `ApproverRole` |
/// |---|---|
/// | PK | `officer` |
/// | Kasie / Kasubsi Bimbingan Klien | `supervisor` |
/// | Kabapas | `unitHead` |
/// | sidang TPP | `reviewBoard` |
public enum BapasApprover: String, WireEnum {
  /// The client's Pembimbing Kemasyarakatan.
  case pk
  /// The head of the guidance section or subsection (*Kepala Seksi / Kepala Subseksi Bimbingan Klien*).
  case kasieOrKasubsi
  /// The head of the Bapas (*Kepala Bapas*).
  case kabapas
  /// The Bapas observation team in session (*sidang Tim Pengamat Pemasyarakatan*).
  case sidangTPP

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The engine's generic role for this Bapas role.
  public var approverRole: ApproverRole {
    switch self {
    case .pk: .officer
    case .kasieOrKasubsi: .supervisor
    case .kabapas: .unitHead
    case .sidangTPP: .reviewBoard
    }
  }

  /// The Bapas role for a generic role (the inverse of ``approverRole``).
  public init(_ role: ApproverRole) {
    switch role {
    case .officer: self = .pk
    case .supervisor: self = .kasieOrKasubsi
    case .unitHead: self = .kabapas
    case .reviewBoard: self = .sidangTPP
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .pk: LocalizedText(id: "Pembimbing Kemasyarakatan (PK)", en: "Probation officer (PK)")
    case .kasieOrKasubsi: LocalizedText(id: "Kasie/Kasubsi Bimbingan Klien", en: "Head of the guidance section")
    case .kabapas: LocalizedText(id: "Kepala Bapas", en: "Head of Bapas")
    case .sidangTPP: LocalizedText(id: "Sidang TPP", en: "Corrections review board session")
    }
  }

  /// An approval by this Bapas role, for `OverridePolicy/override(_:to:reason:approval:officerID:instrument:)`.
  public func approval(by approverID: OfficerID, on date: CivilDate) -> OverrideApproval {
    OverrideApproval(
      role: approverRole, approverID: approverID.rawValue, approvedAt: date.startOfDayWIB, utcOffsetSeconds: 7 * 3_600)
  }
}

extension OverridePolicy {
  /// The engine's default policy read in Bapas roles: any override needs the Kasie/Kasubsi, moving more
  /// than one level needs the Kabapas. A policy default, not law.
  public static let bapasDefault = OverridePolicy(
    minimumApproverRole: BapasApprover.kasieOrKasubsi.approverRole, maximumLevelsWithoutHigherApproval: 1,
    higherApproverRole: BapasApprover.kabapas.approverRole)
}

/// One assessment at a Bapas for override-rate monitoring.
///
/// JSON: `{"caseID": "K-1", "officerID": "1987…", "bapasCode": "BPS-DPS", "override": {…}}` (`override` optional).
public struct BapasOverrideRecord: Sendable, Hashable, Codable {
  /// The case assessed.
  public var caseID: CaseID
  /// The PK who assessed.
  public var officerID: OfficerID
  /// The Bapas.
  public var bapasCode: BapasCode
  /// The override, if any.
  public var override: RiskOverride?

  /// Creates a record.
  public init(caseID: CaseID, officerID: OfficerID, bapasCode: BapasCode, override: RiskOverride?) {
    self.caseID = caseID
    self.officerID = officerID
    self.bapasCode = bapasCode
    self.override = override
  }

  /// The record as the engine's `OverrideRecord`.
  public var engineRecord: OverrideRecord {
    OverrideRecord(officerID: officerID.rawValue, agencyID: bapasCode.rawValue, override: override)
  }
}

/// Override rates per PK and per Bapas, computed by the engine's `OverrideRateSummary`.
public enum BapasOverrideRates {
  /// One summary per PK (`OverrideRateSummary/key` is the officer id), sorted by id.
  ///
  /// - Complexity: O(*n* log *n*).
  public static func perOfficer(_ records: [BapasOverrideRecord]) -> [OverrideRateSummary] {
    OverrideRateSummary.byOfficer(records.map(\.engineRecord))
  }

  /// One summary per Bapas (`OverrideRateSummary/key` is the Bapas code), sorted by code.
  ///
  /// - Complexity: O(*n* log *n*).
  public static func perBapas(_ records: [BapasOverrideRecord]) -> [OverrideRateSummary] {
    OverrideRateSummary.byAgency(records.map(\.engineRecord))
  }
}

extension CivilDate {
  /// Midnight at the start of this day in Western Indonesian Time (WIB, UTC+7), the engine's default
  /// time zone for approval and reassessment dates.
  public var startOfDayWIB: Date { Date(timeIntervalSince1970: Double(dayNumber) * 86_400 - 7 * 3_600) }
}

extension Client {
  /// The population attributes a risk instrument uses to pick a cut-off table, on `date`: gender from
  /// the recorded sex, adult or child (*anak*, under 18: UU 11/2012 SPPA) and completed years of age.
  public func riskPopulation(on date: CivilDate) -> ClientPopulation {
    ClientPopulation(
      gender: sex.gender, ageGroup: ageCategory(on: date).ageGroup,
      ageYears: age(on: date))
  }
}
