// swift-tools-version:6.0
// Pemasyarakatan SDK: questionnaire scoring, reliability, risk–need–responsivity and the
// working alliance for Indonesia's community corrections centres (Balai Pemasyarakatan).
// Zero package dependencies by design: the standard library and Foundation only.
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "Pemasyarakatan",
  products: [
    // MARK: Public API
    .library(name: "AssessmentEngine", targets: ["AssessmentEngine"]),
    .library(name: "WorkingAlliance", targets: ["WorkingAlliance"]),
    .library(name: "Pemasyarakatan", targets: ["Pemasyarakatan"]),
    .library(name: "PemasyarakatanRPC", targets: ["PemasyarakatanRPC"]),
    .library(name: "PemasyarakatanC", type: .dynamic, targets: ["PemasyarakatanC"]),
    .executable(name: "bapas", targets: ["bapas"]),
    .executable(name: "bapas-benchmarks", targets: ["bapas-benchmarks"]),
    .executable(name: "bapas-fuzz", targets: ["bapas-fuzz"]),
  ],
  dependencies: [],
  targets: [
    // MARK: Internal plumbing (not a product; `package` access only): the platform shim, the core count
    // and the one parallel loop, the one JSON reader and string writer, message and number text.
    .target(name: "_SDKSupport", swiftSettings: strict),

    // MARK: Libraries (AssessmentEngine ← WorkingAlliance ← Pemasyarakatan)
    .target(name: "AssessmentEngine", dependencies: ["_SDKSupport"], swiftSettings: strict),
    .target(name: "WorkingAlliance", dependencies: ["AssessmentEngine"], swiftSettings: strict),
    .target(
      name: "Pemasyarakatan", dependencies: ["AssessmentEngine", "WorkingAlliance", "_SDKSupport"],
      swiftSettings: strict),

    // MARK: Embedding (JSON-RPC 2.0 over a C ABI and over stdio)
    .target(
      name: "PemasyarakatanRPC",
      dependencies: ["AssessmentEngine", "WorkingAlliance", "Pemasyarakatan", "_SDKSupport"],
      swiftSettings: strict),
    .target(name: "PemasyarakatanC", dependencies: ["PemasyarakatanRPC"], exclude: ["include"], swiftSettings: strict),

    // MARK: Command-line tool (logic in an internal, testable target; `bapas` is a thin main)
    .target(
      name: "BapasCLI",
      dependencies: ["AssessmentEngine", "WorkingAlliance", "Pemasyarakatan", "PemasyarakatanRPC", "_SDKSupport"],
      swiftSettings: strict),
    .executableTarget(name: "bapas", dependencies: ["BapasCLI"], swiftSettings: strict),
    // Seeded in-process fuzzing (Documentation/BadInputAndFuzzing.md): `swift run bapas-fuzz --iterations N`.
    .executableTarget(name: "bapas-fuzz", dependencies: ["BapasCLI", "_SDKSupport"], swiftSettings: strict),

    // MARK: Benchmarks (release mode: `swift run -c release bapas-benchmarks`)
    .executableTarget(
      name: "bapas-benchmarks", dependencies: ["AssessmentEngine", "BapasCLI", "PemasyarakatanRPC", "_SDKSupport"],
      path: "Benchmarks/bapas-benchmarks", swiftSettings: strict),

    // MARK: Tests
    .testTarget(name: "_SDKSupportTests", dependencies: ["_SDKSupport"], swiftSettings: strict),
    .target(name: "_AssessmentTestSupport", dependencies: ["AssessmentEngine"], swiftSettings: strict),
    .testTarget(
      name: "AssessmentEngineTests", dependencies: ["AssessmentEngine", "_AssessmentTestSupport", "_SDKSupport"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(
      name: "WorkingAllianceTests", dependencies: ["WorkingAlliance", "_AssessmentTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "PemasyarakatanTests", dependencies: ["Pemasyarakatan", "_AssessmentTestSupport", "_SDKSupport"],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "PemasyarakatanRPCTests", dependencies: ["PemasyarakatanRPC", "_AssessmentTestSupport", "_SDKSupport"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(
      name: "BapasCLITests", dependencies: ["BapasCLI", "_AssessmentTestSupport"], exclude: ["FuzzCorpus"],
      swiftSettings: strict),
    // Runs the built `bapas` executable as a process (exit codes, stdout/stderr, files): no module
    // dependency, it finds `bapas` beside the test bundle; `swift test` builds it.
    .testTarget(name: "BapasProcessTests", swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
