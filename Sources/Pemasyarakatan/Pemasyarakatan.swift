// `import Pemasyarakatan` alone is enough for every documented listing: the domain's public API is
// written in the engine's vocabulary (CivilDate, CivilDuration, LocalizedText, DisplayLanguage, the
// risk and alliance types), so both lower modules are re-exported rather than mirrored by typealiases —
// a typealias named like the engine's type would make the name ambiguous for a client importing both.
// `@_exported` is the toolchain's re-export attribute (used the same way by swift-numerics' `Numerics`
// umbrella); see `Documentation/Modules/Pemasyarakatan.md`.
@_exported import AssessmentEngine
@_exported import WorkingAlliance

/// The version of the Pemasyarakatan SDK, as printed by `bapas --version`.
public let sdkVersion = "0.1.0"
