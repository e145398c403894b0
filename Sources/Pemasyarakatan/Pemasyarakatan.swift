import AssessmentEngine
import WorkingAlliance

/// The version of the Pemasyarakatan SDK, as printed by `bapas --version`.
public let sdkVersion = "0.1.0"
