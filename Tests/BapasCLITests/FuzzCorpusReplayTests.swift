import Foundation
import Testing

@testable import BapasCLI

/// Replays the fuzz seed corpus and every kept crasher (Tests/BapasCLITests/FuzzCorpus) through the
/// fuzz harness's checks: no trap, no internal error, reconciled row counts, chunked = whole reads.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus")
    .path

  func harness() throws -> FuzzHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bapas-fuzz-replay-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    FuzzCorpus.prepare(directory: directory, corpus: Self.corpus)
    return FuzzHarness(directory: directory, seed: 1)
  }

  @Test func everySeedPassesTheHarnessChecks() throws {
    var harness = try harness()
    let seeds = FuzzCorpus.seeds(corpus: Self.corpus)
    #expect((seeds[.responseCSV] ?? []).count >= 5)
    for (kind, list) in seeds {
      for (i, bytes) in list.enumerated() {
        #expect(harness.check(.init(kind: kind, bytes: bytes)) == [], "\(kind.rawValue) seed \(i)")
      }
    }
  }

  /// The "input file changed" check exempts only a path named as `--output` and nowhere else; the
  /// same file spelled two ways (`d/./a.csv`, `d/a.csv`) is one file.
  @Test func onlyAnOutputThatIsNoInputMayChange() {
    #expect(FuzzHarness.outputsOnly(["risk", "/d/r.csv", "--output=/d/in.csv"]) == ["/d/in.csv"])
    #expect(FuzzHarness.outputsOnly(["score", "/d/in.csv", "--output", "/d/in.csv"]).isEmpty)
    #expect(FuzzHarness.outputsOnly(["score", "/d/./in.csv", "--output=/d/in.csv"]).isEmpty)
    #expect(FuzzHarness.outputsOnly(["score", "/d/a", "--output", "/d/b", "--output=/d/c", "/d/c"]) == ["/d/b"])
    #expect(FuzzHarness.outputsOnly(["score", "/d/a", "--output"]).isEmpty)
  }

  @Test func everyKeptCrasherPassesTheHarnessChecks() throws {
    var harness = try harness()
    for crasher in FuzzCorpus.crashers(corpus: Self.corpus) {
      #expect(harness.check(.init(kind: crasher.kind, bytes: crasher.bytes)) == [], "\(crasher.name)")
    }
  }
}
