/// Andrews & Bonta's "Central Eight" risk/need factors.
///
/// The first four are the "Big Four" (mean correlation with recidivism about .26 in Andrews & Bonta's
/// meta-analytic summary), the others the "Moderate Four" (about .17).
/// Source: Andrews, D. A. & Bonta, J. (2010), *The Psychology of Criminal Conduct* (5th ed.);
/// Bonta & Andrews (2007), *Risk-Need-Responsivity Model for Offender Assessment and Rehabilitation*,
/// Public Safety Canada 2007-06.
///
/// A domain of a risk/need instrument names the factor it measures, so that a supervision plan
/// can be matched to services by factor (e.g. a substance-abuse need to a rehabilitation partner).
public enum CentralEightFactor: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// History of antisocial behaviour (static; the only non-dynamic factor of the eight).
  case criminalHistory
  /// Antisocial personality pattern.
  case antisocialPersonality
  /// Antisocial cognition (attitudes, values, beliefs supportive of crime).
  case antisocialCognition
  /// Antisocial associates (peers).
  case antisocialAssociates
  /// Family / marital circumstances.
  case familyMarital
  /// School / work.
  case schoolWork
  /// Leisure / recreation.
  case leisureRecreation
  /// Substance abuse.
  case substanceAbuse

  /// Whether the factor is one of the Big Four (Andrews & Bonta 2010).
  public var isBigFour: Bool {
    switch self {
    case .criminalHistory, .antisocialPersonality, .antisocialCognition, .antisocialAssociates: true
    default: false
    }
  }

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .criminalHistory: LocalizedText(id: "Riwayat perilaku antisosial", en: "Criminal history")
    case .antisocialPersonality: LocalizedText(id: "Pola kepribadian antisosial", en: "Antisocial personality pattern")
    case .antisocialCognition: LocalizedText(id: "Kognisi antisosial", en: "Antisocial cognition")
    case .antisocialAssociates: LocalizedText(id: "Pergaulan antisosial", en: "Antisocial associates")
    case .familyMarital: LocalizedText(id: "Keluarga/perkawinan", en: "Family/marital")
    case .schoolWork: LocalizedText(id: "Sekolah/pekerjaan", en: "School/work")
    case .leisureRecreation: LocalizedText(id: "Waktu luang/rekreasi", en: "Leisure/recreation")
    case .substanceAbuse: LocalizedText(id: "Penyalahgunaan zat", en: "Substance abuse")
    }
  }
}

/// Whether a domain measures something that can change (a criminogenic need) or not.
public enum DomainKind: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Cannot change through intervention (e.g. criminal history); counts toward risk, never a need.
  case `static`
  /// Can change (a criminogenic need when elevated); eligible for need ranking and plan targets.
  case dynamic

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .static: LocalizedText(id: "Statis", en: "Static")
    case .dynamic: LocalizedText(id: "Dinamis", en: "Dynamic")
    }
  }
}

/// A client's gender as used to choose gendered cut-off tables (e.g. ORAS-CST, LSI-R norms).
public enum Gender: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Female / perempuan.
  case female
  /// Male / laki-laki.
  case male

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .female: LocalizedText(id: "Perempuan", en: "Female")
    case .male: LocalizedText(id: "Laki-laki", en: "Male")
    }
  }
}

/// Adult or child, as used to choose cut-off tables.
///
/// Under Indonesian law a child (*anak*) in the justice system is aged 12 to under 18
/// (UU 11/2012 SPPA Pasal 1 angka 3; UU 22/2022 Pasal 1 angka 5); the engine does not derive the
/// group from an age, the caller states it.
public enum AgeGroup: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// A child (*anak*).
  case child
  /// An adult (*dewasa*).
  case adult

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .child: LocalizedText(id: "Anak", en: "Child")
    case .adult: LocalizedText(id: "Dewasa", en: "Adult")
    }
  }
}

/// The population attributes of the person assessed, used to choose a cut-off table.
public struct ClientPopulation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Gender, when known.
  public var gender: Gender?
  /// Adult or child, when known.
  public var ageGroup: AgeGroup?
  /// Age in completed years, when known.
  public var ageYears: Int?

  /// Creates a population description.
  public init(gender: Gender? = nil, ageGroup: AgeGroup? = nil, ageYears: Int? = nil) {
    self.gender = gender
    self.ageGroup = ageGroup
    self.ageYears = ageYears
  }

  /// A short English description for messages, e.g. `female, adult, aged 34`.
  public var description: String {
    var parts: [String] = []
    parts.append(gender?.rawValue ?? "gender unknown")
    parts.append(ageGroup?.rawValue ?? "age group unknown")
    parts.append(ageYears.map { "aged \($0)" } ?? "age unknown")
    return parts.joined(separator: ", ")
  }
}
