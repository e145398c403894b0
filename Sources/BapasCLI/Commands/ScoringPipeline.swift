import AssessmentEngine
import _SDKSupport

/// Counts at the end of a scoring run.
struct ScoringSummary {
  var rowsRead = 0
  var rowsScored = 0
  var rowsRejected = 0
  var issues = 0
}

/// Scores a response file through the library's ``ResponseStream`` (which streams it in chunks and,
/// under `mean`/`median` imputation, counts the item distributions in a first pass) into one of the
/// CLI's writers, rendering each batch's issues on standard error.
struct ScoringPipeline {
  let plan: ScoringPlan
  let options: ResponseCSVOptions
  let path: String
  let stderr: OutputSink

  func run(writer: any ScoreWriter) throws(CommandFailure) -> ScoringSummary {
    var summary = ScoringSummary()
    var headerWritten = false
    do throws(ResponseStreamError) {
      var stream = try ResponseStream(
        opening: ResponseSource(path: path), instrument: plan.instrument, options: options)
      defer { stream.close() }
      try stream.score(plan) { batch, table in
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
        if let table { writer.write(batch, table) }
      }
    } catch {
      throw .streamFailed(error)
    }
    if !headerWritten { writer.begin() }
    return summary
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
