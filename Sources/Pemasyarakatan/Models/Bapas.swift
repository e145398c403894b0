import AssessmentEngine

/// A Balai Pemasyarakatan: the technical unit of Ditjenpas that guides clients living outside prison.
///
/// Graded Kelas I or Kelas II by location, workload and the size of the work area (seed 001). Its work
/// area is a set of kabupaten/kota; a distant district may be served by a Pos Bapas outpost (seed 003).
/// Example: Bapas Kelas I Denpasar covers Denpasar, Badung, Gianyar, Tabanan, Jembrana and Singaraja
/// (seed 002 line 57; Singaraja is the seat of Kabupaten Buleleng), with no outpost named by any source.
///
/// JSON: `{"code": "BPS-DPS", "name": "Bapas Kelas I Denpasar", "class": "kelasI",
/// "workArea": [{"name": "Badung", "kind": "kabupaten"}], "outposts": []}`.
public struct Bapas: Sendable, Hashable, Codable {
  /// The Bapas code.
  public var code: BapasCode
  /// The official name, e.g. "Bapas Kelas I Denpasar".
  public var name: String
  /// Kelas I or Kelas II.
  public var bapasClass: BapasClass
  /// The kabupaten and kota of the work area (*wilayah kerja*).
  public var workArea: [Region]
  /// Outposts (*Pos Bapas*) in distant districts.
  public var outposts: [PosBapas]

  /// Creates a Bapas record.
  public init(code: BapasCode, name: String, bapasClass: BapasClass, workArea: [Region] = [], outposts: [PosBapas] = [])
  {
    self.code = code
    self.name = name
    self.bapasClass = bapasClass
    self.workArea = workArea
    self.outposts = outposts
  }

  enum CodingKeys: String, CodingKey {
    case code, name
    case bapasClass = "class"
    case workArea, outposts
  }
}

/// The class of a Bapas (seed 001).
public enum BapasClass: String, WireEnum {
  /// Kelas I.
  case kelasI
  /// Kelas II.
  case kelasII
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .kelasI: LocalizedText(id: "Kelas I", en: "Class I")
    case .kelasII: LocalizedText(id: "Kelas II", en: "Class II")
    }
  }
}

/// A kabupaten or kota in a work area. JSON: `{"name": "Gianyar", "kind": "kabupaten"}`.
public struct Region: Sendable, Hashable, Codable {
  /// The name, e.g. "Jakarta Timur".
  public var name: String
  /// Kabupaten, kota, or kabupaten administrasi.
  public var kind: RegionKind
  /// Creates a region.
  public init(name: String, kind: RegionKind) {
    self.name = name
    self.kind = kind
  }
}

/// The kind of a second-level region.
public enum RegionKind: String, WireEnum {
  /// Kabupaten (regency).
  case kabupaten
  /// Kota (city).
  case kota
  /// Kabupaten administrasi (administrative regency, e.g. Kepulauan Seribu).
  case kabupatenAdministrasi
  /// Kota administrasi (administrative city in DKI Jakarta).
  case kotaAdministrasi
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .kabupaten: LocalizedText(id: "Kabupaten", en: "Regency")
    case .kota: LocalizedText(id: "Kota", en: "City")
    case .kabupatenAdministrasi: LocalizedText(id: "Kabupaten administrasi", en: "Administrative regency")
    case .kotaAdministrasi: LocalizedText(id: "Kota administrasi", en: "Administrative city")
    }
  }
}

/// A Pos Bapas: an outpost of a Bapas in a distant district (seed 003).
///
/// JSON: `{"code": "POS-01", "name": "Pos Bapas …", "serves": [{"name": "…", "kind": "kabupaten"}]}`.
public struct PosBapas: Sendable, Hashable, Codable {
  /// The outpost code.
  public var code: String
  /// The outpost name.
  public var name: String
  /// The regions it serves.
  public var serves: [Region]
  /// Creates an outpost.
  public init(code: String, name: String, serves: [Region] = []) {
    self.code = code
    self.name = name
    self.serves = serves
  }
}
