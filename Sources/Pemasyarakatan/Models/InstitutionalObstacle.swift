import AssessmentEngine

/// An obstacle a Bapas reports in carrying out its work, typed and dated for the periodic reports to the
/// Kanwil and Ditjenpas.
///
/// The kinds are the institutional obstacles the seeds name: too few PKs for the caseload (seeds 003,
/// 004), the distance and size of the work area (seed 001), budget and facilities (seed 003:
/// "dukungan institusional"), coordination with police, prosecutors and courts, and slow Litmas.
///
/// JSON: `{"bapasCode": "BPS-DPS", "reportedOn": "2025-03-31", "kind": "pkShortage",
/// "description": "…", "reportedBy": "1970…"}` (`reportedBy` optional).
public struct InstitutionalObstacle: Sendable, Hashable, Codable {
  /// The Bapas reporting it.
  public var bapasCode: BapasCode
  /// The day it was reported.
  public var reportedOn: CivilDate
  /// What kind of obstacle.
  public var kind: ObstacleKind
  /// What happened, in the reporter's words.
  public var description: String
  /// Who reported it.
  public var reportedBy: OfficerID?
  /// Creates an obstacle record.
  public init(
    bapasCode: BapasCode, reportedOn: CivilDate, kind: ObstacleKind, description: String, reportedBy: OfficerID? = nil
  ) {
    self.bapasCode = bapasCode
    self.reportedOn = reportedOn
    self.kind = kind
    self.description = description
    self.reportedBy = reportedBy
  }
}

/// Kinds of institutional obstacle.
public enum ObstacleKind: String, WireEnum {
  /// Too few PKs for the caseload.
  case pkShortage
  /// Distance and the size of the work area.
  case distanceAndArea
  /// Budget (e.g. for home visits and travel).
  case budget
  /// Facilities (vehicles, rooms, equipment, connectivity).
  case facilities
  /// Coordination with the police (investigators).
  case coordinationPolice
  /// Coordination with prosecutors.
  case coordinationProsecutors
  /// Coordination with courts.
  case coordinationCourts
  /// Litmas that take too long.
  case slowLitmas
  /// Anything else.
  case other
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .pkShortage: LocalizedText(id: "Kekurangan PK", en: "Too few PKs")
    case .distanceAndArea: LocalizedText(id: "Jarak dan luas wilayah kerja", en: "Distance and size of the work area")
    case .budget: LocalizedText(id: "Anggaran", en: "Budget")
    case .facilities: LocalizedText(id: "Sarana dan prasarana", en: "Facilities")
    case .coordinationPolice: LocalizedText(id: "Koordinasi dengan kepolisian", en: "Coordination with the police")
    case .coordinationProsecutors: LocalizedText(id: "Koordinasi dengan kejaksaan", en: "Coordination with prosecutors")
    case .coordinationCourts: LocalizedText(id: "Koordinasi dengan pengadilan", en: "Coordination with courts")
    case .slowLitmas: LocalizedText(id: "Litmas lambat", en: "Slow Litmas")
    case .other: LocalizedText(id: "Lainnya", en: "Other")
    }
  }
}
