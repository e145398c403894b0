import WorkingAlliance

@_exported import enum AssessmentEngine.AgeGroup
@_exported import protocol AssessmentEngine.BilingualLabelled
// `import Pemasyarakatan` alone is enough for every documented listing. The domain's API is written
// in a few of the engine's value types — civil dates and durations, bilingual labels, the risk
// engine's population attributes — so exactly those are re-exported, declaration by declaration.
// Re-exporting the whole engine would copy every engine symbol into this module's documentation;
// typealiases with the engine's names would make the names ambiguous in a file importing both
// modules. See `Documentation/Modules/Pemasyarakatan.md`. Other engine API (scoring, reliability,
// the risk engine itself) is used with `import AssessmentEngine`, as before.
@_exported import struct AssessmentEngine.CivilDate
@_exported import struct AssessmentEngine.CivilDateError
@_exported import struct AssessmentEngine.CivilDateInterval
@_exported import struct AssessmentEngine.CivilDuration
@_exported import struct AssessmentEngine.ClientPopulation
@_exported import enum AssessmentEngine.DisplayLanguage
@_exported import enum AssessmentEngine.Gender
@_exported import struct AssessmentEngine.LocalizedText

/// The version of the Pemasyarakatan SDK, as printed by `bapas --version`.
public let sdkVersion = "0.1.0"
