import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The seed corpus: the files under `Tests/BapasCLITests/FuzzCorpus/<kind>/`, the kept crashers,
/// and seeds made in code (built-in definitions as JSON, command lines). `package`: used by
/// `bapas-fuzz` and by the replay test.
package enum FuzzCorpus {
  /// The seeds of each kind, in a fixed order (file names sorted), so that a run is reproducible.
  package static func seeds(corpus: String) -> [FuzzHarness.Kind: [[UInt8]]] {
    var seeds: [FuzzHarness.Kind: [[UInt8]]] = [:]
    for kind in FuzzHarness.Kind.allCases {
      for name in files(corpus + "/" + kind.rawValue) {
        if let data = FileManager.default.contents(atPath: corpus + "/" + kind.rawValue + "/" + name) {
          seeds[kind, default: []].append(Array(data))
        }
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    for id in builtInInstruments.ids {
      if let definition = builtInInstruments.definition(id: id), let data = try? encoder.encode(definition) {
        seeds[.instrumentJSON, default: []].append(Array(data))
      }
    }
    if let rnr8 = try? IllustrativeInstruments.rnr8(), let data = try? encoder.encode(rnr8) {
      seeds[.riskInstrumentJSON, default: []].append(Array(data))
    }
    for command in FuzzMutator.commandSeeds {
      seeds[.flags, default: []].append(Array(command.joined(separator: "\u{0}").utf8))
    }
    return seeds
  }

  /// The kept crashers: `(kind, name, bytes)` for every `crashers/<kind>-…` file.
  package static func crashers(corpus: String) -> [(kind: FuzzHarness.Kind, name: String, bytes: [UInt8])] {
    files(corpus + "/crashers").compactMap { name in
      guard let kind = FuzzHarness.Kind.allCases.first(where: { name.hasPrefix($0.rawValue + "-") }),
        let data = FileManager.default.contents(atPath: corpus + "/crashers/" + name)
      else { return nil }
      return (kind, name, Array(data))
    }
  }

  /// Writes the files the command-line seeds read (`seed-in.csv`, …) into `directory`.
  package static func prepare(directory: String, corpus: String) {
    let fixtures = [
      ("seed-in.csv", "response-csv/wai-sr-sample.csv"), ("seed-alliance.csv", "response-csv/alliance-sessions.csv"),
      ("seed-risk.csv", "risk-csv/rnr8-clients.csv"), ("seed-validation.csv", "validation-csv/validation.csv"),
      ("seed-group.json", "assertive-json/group-small.json"),
    ]
    for (name, source) in fixtures {
      if let data = FileManager.default.contents(atPath: corpus + "/" + source) {
        _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: data)
      }
    }
    // The second administration: the first with every response moved by one.
    if let data = FileManager.default.contents(atPath: corpus + "/response-csv/wai-sr-sample.csv") {
      let post = String(decoding: data, as: UTF8.self).replacingOccurrences(of: ",3,", with: ",4,")
      _ = FileManager.default.createFile(atPath: directory + "/seed-post.csv", contents: Data(post.utf8))
    }
  }

  private static func files(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      !$0.hasPrefix(".") && !$0.hasSuffix(".md")
    }.sorted()
  }
}
