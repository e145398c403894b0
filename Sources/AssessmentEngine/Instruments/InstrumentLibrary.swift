#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A set of instrument definitions that can be looked up by id.
///
/// Each module ships its built-ins as a library (`InstrumentLibrary.assessmentEngine` here,
/// `InstrumentLibrary.workingAlliance` in WorkingAlliance); tools combine them with `+`.
public struct InstrumentLibrary: Sendable {
  /// The definitions, in listing order.
  public var definitions: [InstrumentDefinition]

  /// A library of the given definitions.
  public init(_ definitions: [InstrumentDefinition]) { self.definitions = definitions }

  /// The definition with `id` (case-insensitive), or `nil`.
  public func definition(id: String) -> InstrumentDefinition? {
    definitions.first { $0.id.lowercased() == id.lowercased() }
  }

  /// The ids, in listing order.
  public var ids: [String] { definitions.map(\.id) }

  /// Both libraries' definitions.
  public static func + (lhs: InstrumentLibrary, rhs: InstrumentLibrary) -> InstrumentLibrary {
    InstrumentLibrary(lhs.definitions + rhs.definitions)
  }

  /// Builds a library from embedded JSON texts. A text that does not load is left out; the modules'
  /// tests assert that every built-in loads, so this never drops one in a release.
  public static func fromEmbeddedJSON(_ texts: [String]) -> InstrumentLibrary {
    InstrumentLibrary(texts.compactMap { try? InstrumentDefinition(jsonData: Data($0.utf8)) })
  }

  /// The outcome instruments built into AssessmentEngine (interpersonal competence, assertiveness).
  public static let assessmentEngine = InstrumentLibrary.fromEmbeddedJSON(BuiltInOutcomeInstruments.json)
}
