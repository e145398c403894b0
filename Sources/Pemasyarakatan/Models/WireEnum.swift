import AssessmentEngine

/// An enumeration with a stable JSON string for every case and an Indonesian + English display name.
///
/// The raw value is the wire name; it never changes once published. Decoding an unknown string throws a
/// `DecodingError.dataCorrupted` whose underlying error is ``UnknownWireValue``, which the case-file
/// importer turns into ``CaseFileError/Reason/unknownValue(value:type:allowed:)`` with the JSON path.
public protocol WireEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable, BilingualLabelled
where RawValue == String {}

/// An enum value in JSON that the SDK does not know.
public struct UnknownWireValue: Error, Equatable, Codable, Sendable, RedactableDescription {
  /// The Swift type that was being decoded.
  public var type: String
  /// The text found.
  public var value: String
  /// The accepted wire names.
  public var allowed: [String]
  /// A one-sentence explanation.
  public var description: String {
    "\(Redaction.quote(value)) is not a known \(type); please use one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))."
  }
}

extension WireEnum {
  /// Decodes the case named by a JSON string, throwing ``UnknownWireValue`` (wrapped) for other text.
  public static func decodeWire(from decoder: any Decoder) throws -> Self {
    let container = try decoder.singleValueContainer()
    let raw = try container.decode(String.self)
    guard let value = Self(rawValue: raw) else {
      let error = UnknownWireValue(
        type: String(describing: Self.self), value: raw, allowed: allCases.map(\.rawValue))
      throw DecodingError.dataCorrupted(
        .init(codingPath: container.codingPath, debugDescription: "unknown value '\(raw)'", underlyingError: error))
    }
    return value
  }
}

/// A typed identifier (a NIP, a register number, a Bapas code) that is a plain string in JSON.
///
/// The phantom `Tag` keeps a client's id from being passed where an officer's is expected.
public struct Identifier<Tag>: Hashable, Comparable, Codable, Sendable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// The identifier text as written in the source register.
  public var rawValue: String
  /// Wraps an identifier text.
  public init(_ rawValue: String) { self.rawValue = rawValue }
  /// Wraps a string literal.
  public init(stringLiteral value: String) { self.rawValue = value }
  /// The identifier text.
  public var description: String { rawValue }
  /// Orders identifiers by their text.
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  /// Decodes the documented JSON form; optional keys may be absent.
  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  /// Encodes the value as a single JSON string.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}

/// Tag types for ``Identifier``.
public enum IdentifierTag {
  /// A Bapas code.
  public enum BapasTag {}
  /// An officer's NIP (Nomor Induk Pegawai) or other staff number.
  public enum OfficerTag {}
  /// A client register number.
  public enum ClientTag {}
  /// A Pokmas Lipas partner.
  public enum PartnerTag {}
  /// A programme.
  public enum ProgrammeTag {}
  /// A contact record.
  public enum ContactTag {}
  /// A Litmas report.
  public enum LitmasTag {}
  /// A case file.
  public enum CaseTag {}
}

/// The code of a ``Bapas``.
public typealias BapasCode = Identifier<IdentifierTag.BapasTag>
/// The id of an ``Officer`` (usually the NIP).
public typealias OfficerID = Identifier<IdentifierTag.OfficerTag>
/// The register number of a ``Client``.
public typealias ClientID = Identifier<IdentifierTag.ClientTag>
/// The id of a ``PokmasLipasPartner``.
public typealias PartnerID = Identifier<IdentifierTag.PartnerTag>
/// The id of a ``Programme``.
public typealias ProgrammeID = Identifier<IdentifierTag.ProgrammeTag>
/// The id of a ``Contact``.
public typealias ContactID = Identifier<IdentifierTag.ContactTag>
/// The id of a ``Litmas`` report.
public typealias LitmasID = Identifier<IdentifierTag.LitmasTag>
/// The id of a ``CaseFile``.
public typealias CaseID = Identifier<IdentifierTag.CaseTag>
