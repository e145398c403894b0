import AssessmentEngine

/// The three parts of Bordin's (1979) working alliance.
///
/// Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the working alliance.
/// *Psychotherapy: Theory, Research & Practice*, 16(3), 252–260.
public enum AllianceDimension: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// Agreement on the goals of the work (*kesepakatan tujuan*).
  case goal
  /// Agreement on the tasks that lead there (*kesepakatan tugas*).
  case task
  /// The emotional bond between the two (*ikatan emosional*).
  case bond

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .goal: LocalizedText(id: "Tujuan", en: "Goal")
    case .task: LocalizedText(id: "Tugas", en: "Task")
    case .bond: LocalizedText(id: "Ikatan", en: "Bond")
    }
  }
}
