import Foundation
import Testing

/// The package's "one door" rules, checked over its source tree: only the platform shim imports a C
/// library, and only the parallel loop calls `concurrentPerform`, so a port or a change of threading
/// policy is one file's work.
@Suite("One door for system calls and threads")
struct OneDoorTests {
  /// The package root, from this file's path (`Tests/_SDKSupportTests/…`).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Swift files under `folders`, as (path relative to the root, text).
  static func swiftFiles(_ folders: [String]) -> [(String, String)] {
    var out: [(String, String)] = []
    for folder in folders {
      let base = root.appendingPathComponent(folder)
      guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
      for case let url as URL in walker where url.pathExtension == "swift" {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
        out.append((String(url.path.dropFirst(root.path.count + 1)), text))
      }
    }
    return out
  }

  @Test func onlyThePlatformShimImportsACLibrary() {
    let files = Self.swiftFiles(["Sources", "Tests", "Benchmarks", "Examples"])
    #expect(files.count > 100)
    let importers = files.filter { _, text in
      text.split(separator: "\n").contains { line in
        let l = line.trimmingCharacters(in: .whitespaces)
        return l == "import Glibc" || l == "import Darwin" || l == "import Musl"
      }
    }.map(\.0)
    #expect(importers == ["Sources/_SDKSupport/Platform/Platform.swift"])
  }

  @Test func onlyTheParallelLoopStartsWorkers() {
    let callers = Self.swiftFiles(["Sources", "Benchmarks"]).filter { _, text in
      text.split(separator: "\n").contains { $0.contains("concurrentPerform(") && !$0.contains("///") }
    }.map(\.0)
    #expect(callers == ["Sources/_SDKSupport/Concurrency/Parallel.swift"])
  }
}
