import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The library-side response stream: one open source read in chunks, two-pass imputation handled by
/// the library (a file rewound, a pipe kept in memory), passthrough columns in one pass, typed errors.
@Suite("ResponseStream")
struct ResponseStreamTests {
  static func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// A pipe holding `bytes` (written by another thread, so any size works), read end returned;
  /// a pipe cannot be rewound.
  static func pipe(_ bytes: [UInt8]) -> Pipe {
    let pipe = Pipe()
    let writer = pipe.fileHandleForWriting
    let data = Data(bytes)
    Thread.detachNewThread {
      writer.write(data)
      try? writer.close()
    }
    return pipe
  }

  static func scores(_ table: ScoreTable) -> [[ScaleScore]] { (0..<table.rowCount).map { table.scores(row: $0) } }

  @Test(arguments: [MissingDataPolicy.noImputation, .itemMean, .itemMedian])
  func fileAndPipeScoreAsTheWholeMatrix(policy: MissingDataPolicy) throws {
    let definition = try Fixture.waiKeys()
    let instrument = CompiledInstrument(definition, policy: policy)
    let bytes = try Fixture.bytes("wai12_miss_1000.csv")
    // The reference: the whole matrix in memory, imputation values from every row (psych's semantics,
    // checked against R in PsychAgreementTests).
    let whole = try ResponseTableReader.read(bytes, columns: instrument.columns, scale: instrument.responseScale)
    let expected = Self.scores(try instrument.plan.score(whole.matrix))

    let path = try Self.temporaryFile(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pipe = Self.pipe(bytes)
    defer { withExtendedLifetime(pipe) {} }
    let sources: [ResponseSource] = [
      .file(path: path), .bytes(bytes, name: "memory"),
      .descriptor(pipe.fileHandleForReading.fileDescriptor, name: "pipe"),
    ]
    for source in sources {
      var stream = try ResponseStream(opening: source, instrument: instrument)
      defer { stream.close() }
      stream.chunkSize = 997  // many chunk boundaries, records cut anywhere
      var got: [[ScaleScore]] = []
      let summary = try stream.score(instrument.plan) { _, table in
        if let table { got += Self.scores(table) }
      }
      #expect(got == expected, "\(source.name)")
      #expect(summary.rowsRead == 1000 && summary.rowsAccepted == 1000 && summary.rowsRejected == 0)
      let twoPasses = policy.needsColumnStatistics
      #expect(stream.passCount == (twoPasses ? 2 : 1), "\(source.name)")
      // The file is read from disk twice (rewound); the pipe once (kept in memory); bytes never.
      let reads: Int
      switch source {
      case .file: reads = twoPasses ? 2 : 1
      case .bytes: reads = 0
      default: reads = 1
      }
      #expect(stream.sourceReads == reads, "\(source.name)")
    }
  }

  @Test func aPipeReadOnceWithoutKeepingItRefusesASecondPass() throws {
    let definition = try Fixture.waiKeys()
    let pipe = Self.pipe(try Fixture.bytes("wai12_1000.csv"))
    defer { withExtendedLifetime(pipe) {} }
    var stream = try ResponseStream(
      opening: .descriptor(pipe.fileHandleForReading.fileDescriptor, name: "pipe"),
      instrument: CompiledInstrument(definition))
    let first = try stream.forEachBatch { _ in }
    #expect(first.rowsAccepted == 1000)
    #expect(!stream.canReadAgain)
    #expect(throws: ResponseStreamError.notRewindable(source: "pipe")) { try stream.forEachBatch { _ in } }
  }

  @Test func typedErrors() throws {
    let definition = try Fixture.waiKeys()
    let instrument = CompiledInstrument(definition)
    let missing = "/nonexistent/stream-test.csv"
    #expect {
      _ = try ResponseStream(opening: .file(path: missing), instrument: instrument)
    } throws: { error in
      guard case .unreadable(let e) = error as? ResponseStreamError else { return false }
      return e.path == missing && !e.reason.isEmpty
    }
    var stream = try ResponseStream(opening: .bytes(Array("a,b\n1,2\n".utf8), name: "t.csv"), instrument: instrument)
    var handed = 0
    #expect {
      try stream.forEachBatch { _ in handed += 1 }
    } throws: { error in
      guard case .invalidTable(let issue, let source) = error as? ResponseStreamError,
        case .missingColumns(let names, _) = issue.kind
      else { return false }
      return source == "t.csv" && names.count == 12 && issue.line == 1
    }
    // Nothing reaches the consumer before the header is known good.
    #expect(handed == 0)
    // A plan of another instrument is refused before anything is read.
    let other = try CompiledInstrument(.quick([QuickKey(parsing: "A=x1,x2")], min: 1, max: 5))
    var wai = try ResponseStream(
      opening: .bytes(try Fixture.bytes("wai12_1000.csv"), name: "w"), instrument: instrument)
    #expect {
      try wai.score(other.plan) { _, _ in handed += 1 }
    } throws: { error in
      guard case .scoring(.columnMismatch, let source) = error as? ResponseStreamError else { return false }
      return source == "w"
    }
    #expect(handed == 0 && wai.passCount == 0)
  }

  /// Passthrough columns come back row for row with the accepted rows, on the fast path, the quoted
  /// (tokenizer) path and the parallel path, checked against a naive split of the same lines.
  @Test(arguments: [false, true])
  func passthroughColumnsInOnePass(quoted: Bool) throws {
    let definition = try Fixture.waiKeys()
    let instrument = CompiledInstrument(definition)
    var lines = ["dyad,item1,sesi,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,rater"]
    var expected: [(dyad: String, session: String, rater: String)] = []
    // Enough rows for a chunk past the parallel threshold (512 KiB).
    for r in 0..<30_000 {
      let dyad = "D\(r % 97)"
      let session = String(r / 97 + 1)
      let rater = quoted && r % 50 == 0 ? "\"pk, senior\"" : (r % 2 == 0 ? "klien" : "pk")
      let items = (0..<12).map { String(($0 + r) % 5 + 1) }
      let bad = r % 1000 == 7  // a rejected row must not shift the passthrough texts
      var fields: [String] = [dyad, items[0], session]
      fields.append(contentsOf: items[1...10])
      fields.append(bad ? "9" : items[11])
      fields.append(rater)
      lines.append(fields.joined(separator: ","))
      if !bad { expected.append((dyad, session, rater == "\"pk, senior\"" ? "pk, senior" : rater)) }
    }
    let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
    var options = ResponseCSVOptions(idColumn: "dyad")
    options.passthroughColumns = ["sesi", "rater"]
    for chunk in [1 << 20, 4093] {
      var stream = try ResponseStream(opening: .bytes(bytes, name: "m"), instrument: instrument, options: options)
      stream.chunkSize = chunk
      let all = try stream.collect()
      #expect(stream.passCount == 1)
      #expect(all.matrix.rowCount == expected.count)
      #expect(all.rowsRejected == 30)
      #expect(all.passthrough.count == 2)
      #expect(all.ids == expected.map(\.dyad))
      #expect(all.passthrough[0] == expected.map(\.session))
      #expect(all.passthrough[1] == expected.map(\.rater))
    }
  }

  @Test func aMissingPassthroughColumnIsAHeaderError() throws {
    let definition = try Fixture.waiKeys()
    var options = ResponseCSVOptions()
    options.passthroughColumns = ["Sesi"]
    let header = "sesi," + (1...12).map { "item\($0)" }.joined(separator: ",") + "\n"
    var stream = try ResponseStream(
      opening: .bytes(Array(header.utf8), name: "h.csv"), instrument: CompiledInstrument(definition), options: options)
    #expect {
      try stream.forEachBatch { _ in }
    } throws: { error in
      guard case .invalidTable(let issue, _) = error as? ResponseStreamError else { return false }
      return issue.kind == .missingIDColumn("Sesi") && issue.value == "sesi"
    }
  }

  @Test func passthroughFromAnSPSSFile() throws {
    let definition = try InstrumentDefinition(jsonData: Data(try FolderFixture.bytes("reach", "inst_shared.json")))
    var options = ResponseCSVOptions(idColumn: "klien")
    options.passthroughColumns = ["klien"]
    var stream = try ResponseStream(
      opening: .bytes(try FolderFixture.bytes("reach", "sav_shared_plain.sav"), name: "s.sav"),
      instrument: CompiledInstrument(definition), options: options)
    let all = try stream.collect()
    #expect(all.matrix.rowCount == 120)
    #expect(all.passthrough == [all.ids])
  }

  /// The moments streamed in chunks equal the accumulator over the whole matrix (exact integer sums).
  @Test func momentsStreamedEqualMomentsOfTheWholeMatrix() throws {
    let instrument = CompiledInstrument(try Fixture.waiKeys())
    let bytes = try Fixture.bytes("wai12_miss_1000.csv")
    var whole = try instrument.momentAccumulator()
    try whole.add(
      rows: try ResponseTableReader.read(bytes, columns: instrument.columns, scale: instrument.responseScale).matrix
        .codes)
    var streamed = try instrument.momentAccumulator()
    var stream = try ResponseStream(opening: .bytes(bytes, name: "m"), instrument: instrument)
    stream.chunkSize = 1531
    var batches = 0
    let pass = try stream.accumulateMoments(into: &streamed, keepingCodes: true) { _ in batches += 1 }
    #expect(batches > 1)
    #expect(streamed == whole)
    #expect(pass.codes.count == 1000 * 12)
    #expect(pass.summary.rowsAccepted == 1000)
  }
}

/// One compilation of an instrument: the keyed scales scoring and reliability both read.
@Suite("CompiledInstrument")
struct CompiledInstrumentTests {
  /// WAI-SR: items 1–12, 1…5, item 3 reverse keyed in this hand-made definition.
  static func definition() throws -> InstrumentDefinition {
    try .quick(
      [
        QuickKey(parsing: "Goal=item4,item6,item8,item11"),
        QuickKey(parsing: "Task=item1,item2,-item3,item12"),
      ], min: 1, max: 5)
  }

  @Test func keysAndColumnsAreTheDefinitionsOnce() throws {
    let instrument = CompiledInstrument(try Self.definition(), policy: .itemMean)
    #expect(instrument.scaleIDs == ["Goal", "Task"])
    let task = instrument.scales[1]
    let item = { (name: String) in try #require(instrument.columns.firstIndex(of: name)) }
    #expect(task.columns == [try item("item1"), try item("item2"), try item("item3"), try item("item12")])
    #expect(task.reversed == [false, false, true, false])
    #expect(task.keys == [1, 1, -1, 1])
    // constant = 3·(min − 1) + (max + 1) = 0 + 6
    #expect(task.constant == 6)
    #expect(instrument.plan.policy == .itemMean)
    #expect(instrument.plan.scaleItemCounts == [4, 4])
    let reliability = instrument.reliabilityScales
    #expect(reliability[1] == ReliabilityScale(name: "Task", columns: task.columns, keys: [1, 1, -1, 1]))
    let accumulator = try instrument.momentAccumulator()
    #expect(accumulator.scales == reliability)
    #expect(accumulator.columnNames == instrument.columns)
  }

  @Test func selectingScales() throws {
    let d = try Self.definition()
    let task = try CompiledInstrument(d, selecting: ["Task"])
    #expect(task.scaleIDs == ["Task"])
    #expect(task.plan.scaleIDs == ["Task"])
    #expect(throws: CompiledInstrumentError.unknownScale("Bond", known: ["Goal", "Task"])) {
      try CompiledInstrument(d, selecting: ["Bond"])
    }
    #expect(throws: CompiledInstrumentError.duplicateScale("Goal")) {
      try CompiledInstrument(d, selecting: ["Goal", "Goal"])
    }
  }

  /// Keyed codes against a naive loop: a reversed code c becomes levels + 1 − c, missing stays 0,
  /// and the keyed sum of a complete row equals the plan's sum.
  @Test func keyedCodesMatchTheScores() throws {
    let instrument = CompiledInstrument(try Self.definition(), policy: .noImputation)
    var matrix = ResponseMatrix(columns: instrument.columns, scale: instrument.responseScale)
    // Rows by item name (a quick definition's items are those its keys name).
    let rows: [[String: Int?]] = [
      ["item1": 5, "item2": 4, "item3": 1, "item12": 5],
      ["item1": 1, "item2": nil, "item3": 5, "item12": 5],
    ]
    for row in rows { try matrix.append(instrument.columns.map { row[$0] ?? 3 }) }
    let keyed = instrument.keyedCodes(matrix.codes, scaleAt: 1)
    #expect(keyed == [5, 4, 5, 5, 1, 0, 1, 5])
    let table = try instrument.plan.score(matrix)
    #expect(table.score(row: 0, scale: 1).sum == Double(keyed[0..<4].reduce(0) { $0 + Int($1) }))
  }
}
