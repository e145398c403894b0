/// A short text in Indonesian and English.
///
/// Every user-facing label in the SDK (scale names, anchor labels, enum display names) carries both
/// languages. JSON form: `{"id": "Tujuan", "en": "Goal"}` — the keys are the ISO 639-1 language codes.
public struct LocalizedText: Sendable, Hashable, Codable {
  /// The Indonesian text (`"id"` in JSON).
  public var indonesian: String
  /// The English text (`"en"` in JSON).
  public var english: String

  /// Creates a label from its Indonesian and English forms.
  public init(id indonesian: String, en english: String) {
    self.indonesian = indonesian
    self.english = english
  }

  /// The text in the given language.
  public func text(in language: DisplayLanguage) -> String {
    switch language {
    case .indonesian: indonesian
    case .english: english
    }
  }

  enum CodingKeys: String, CodingKey {
    case indonesian = "id"
    case english = "en"
  }
}

/// The two languages the SDK labels everything in.
public enum DisplayLanguage: String, Sendable, Hashable, Codable, CaseIterable {
  /// Bahasa Indonesia (`"id"`).
  case indonesian = "id"
  /// English (`"en"`).
  case english = "en"
}

/// A value with a display name in Indonesian and English.
///
/// Every user-facing enum in the SDK conforms, so that reports and user interfaces can show it in
/// either language without a lookup table of their own.
public protocol BilingualLabelled {
  /// The display name in Indonesian and English.
  var label: LocalizedText { get }
}
