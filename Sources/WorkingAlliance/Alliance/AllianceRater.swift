import AssessmentEngine

/// Who rated the alliance: the client (*klien*) or the PK (*Pembimbing Kemasyarakatan*).
///
/// The WAI family has client and therapist forms (Horvath & Greenberg 1989); in a Bapas the
/// "therapist" is the PK. Client and PK ratings of one dyad are separate series and are compared
/// session by session (``AllianceRatingGaps``).
public enum AllianceRater: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// The client rated the relationship.
  case client
  /// The PK rated the relationship.
  case pk

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .client: LocalizedText(id: "Klien", en: "Client")
    case .pk: LocalizedText(id: "Pembimbing Kemasyarakatan (PK)", en: "Probation officer (PK)")
    }
  }

  /// Reads a rater cell: `client`/`klien` or `pk` (any case, surrounding spaces ignored); `nil` for
  /// anything else.
  public init?(parsing text: String) {
    switch text.trimmingWhitespace().lowercased() {
    case "client", "klien": self = .client
    case "pk": self = .pk
    default: return nil
    }
  }
}

extension CivilDate {
  /// Parses a CSV cell holding `YYYY-MM-DD` (surrounding spaces allowed); `nil` when it is not a valid
  /// date in that form.
  init?(cell text: String) {
    guard let date = try? CivilDate(iso: text.trimmingWhitespace()) else { return nil }
    self = date
  }
}
