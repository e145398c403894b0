import AssessmentEngine
import _SDKSupport

/// Counts at the end of a scoring run.
struct ScoringSummary {
  var rowsRead = 0
  var rowsScored = 0
  var rowsRejected = 0
  var issues = 0
}

/// Streams a response file through a plan: parse a chunk, score it, write it, report its problems,
/// reuse the buffers. Memory stays flat in the file's size. Under `mean`/`median` imputation the file
/// is read twice (first for the item distributions), as the statistics need every row.
struct ScoringPipeline {
  let plan: ScoringPlan
  let options: ResponseCSVOptions
  let path: String
  let stderr: OutputSink

  func run(writer: any ScoreWriter) throws(CommandFailure) -> ScoringSummary {
    let file: ChunkedFile
    switch ChunkedFile.open(path) {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let f): file = f
    }
    defer { file.close() }
    let scale = plan.definition.responseScale
    var distributions: ItemDistributions? = nil
    var inMemory: [UInt8]? = nil
    if plan.policy.needsColumnStatistics {
      var counts = ItemDistributions(columns: plan.columns, scale: scale)
      if !file.isRewindable {
        do { inMemory = try file.readAll() } catch { throw .failed(.unreadable(path, error)) }
      }
      try forEachBatch(file: file, inMemory: inMemory) { batch in counts.add(batch.matrix) }
      distributions = counts
      if inMemory == nil { file.rewind() }
    }
    var summary = ScoringSummary()
    var headerWritten = false
    try forEachBatch(file: file, inMemory: inMemory) { batch in
      if !headerWritten {
        writer.begin()
        headerWritten = true
      }
      for issue in batch.issues { stderr.write(CLIErrorRenderer.text(CLIError(issue, file: path))) }
      writer.report(batch.issues)
      summary.issues += batch.issues.count
      summary.rowsRead += batch.rowsRead
      summary.rowsRejected += batch.rowsRejected
      summary.rowsScored += batch.matrix.rowCount
      guard batch.matrix.rowCount > 0 else { return }
      // The matrix is built from the plan's own columns and scale, so scoring cannot fail here.
      if let table = try? plan.score(batch.matrix, distributions: distributions) {
        writer.write(batch, table)
      }
    }
    if !headerWritten { writer.begin() }
    return summary
  }

  private func forEachBatch(file: ChunkedFile, inMemory: [UInt8]?, _ body: (inout ResponseBatch) -> Void)
    throws(CommandFailure)
  {
    try streamResponses(
      file: file, path: path, inMemory: inMemory, columns: plan.columns, scale: plan.definition.responseScale,
      options: options, body)
  }
}

/// Writes scored rows in one output format.
protocol ScoreWriter: AnyObject {
  func begin()
  func write(_ batch: ResponseBatch, _ table: ScoreTable)
  func report(_ issues: [InputIssue])
  func finish(summary: ScoringSummary)
}

/// CSV: the id column first if given, then per scale `<Scale>_sum,<Scale>_mean,<Scale>_missing`; an
/// absent score is an empty cell; numbers in shortest round-trip form.
final class CSVScoreWriter: ScoreWriter {
  let plan: ScoringPlan
  let idColumn: String?
  let sink: OutputSink
  /// One cell writer (and cache) per core.
  private var writers: [ScoreCellWriter]

  init(plan: ScoringPlan, idColumn: String?, sink: OutputSink) {
    self.plan = plan
    self.idColumn = idColumn
    self.sink = sink
    self.writers = Array(repeating: ScoreCellWriter(plan: plan), count: Parallel.coreCount)
  }

  func begin() {
    var header: [String] = []
    if let idColumn { header.append(csvField(idColumn)) }
    for id in plan.scaleIDs { header += ["\(id)_sum", "\(id)_mean", "\(id)_missing"].map(csvField) }
    sink.write(header.joined(separator: ",") + "\n")
  }

  func write(_ batch: ResponseBatch, _ table: ScoreTable) {
    let ids = idColumn != nil ? batch.ids : nil
    let sink = self.sink
    let workers = writers.count
    guard workers > 1, table.rowCount >= 4096 else {
      writers[0].writeRows(table, ids: ids) { sink.append($0.bindMemory(to: UInt8.self)) }
      return
    }
    // Format row ranges on all cores, each with its own cache, then write the parts in order.
    let n = table.rowCount
    let state = ScoreCellWriterSlots(writers: writers)
    Parallel.forEach(workers) { w in
      var writer = state.writers[w]
      var bytes: [UInt8] = []
      bytes.reserveCapacity((n / workers + 1) * 16 * table.scaleCount)
      writer.writeRows(table, ids: ids, rows: (n * w / workers)..<(n * (w + 1) / workers)) {
        bytes.append(contentsOf: $0)
      }
      state.writers[w] = writer
      state.outputs[w] = bytes
    }
    writers = Array(UnsafeBufferPointer(start: state.writers, count: workers))
    for w in 0..<workers { sink.append(state.outputs[w]) }
  }

  func report(_ issues: [InputIssue]) {}
  func finish(summary: ScoringSummary) {}
}

/// Quotes a CSV field when it needs it (RFC 4180), with the same rule as the bulk row writer.
func csvField(_ text: String) -> String {
  var bytes: [UInt8] = []
  ScoreCellWriter.appendCSVField(text, to: &bytes)
  return String(decoding: bytes, as: UTF8.self)
}
