import AssessmentEngine

/// JSON output of `bapas score`, written as a stream:
///
/// ```json
/// {"metadata": {"instrument": {...}, "file": "…", "missingDataPolicy": {...}, "scales": ["Goal", …]},
///  "rows": [{"line": 2, "id": "R001", "scores": {"Goal": {"sum": 17, "mean": 4.25, "answered": 4, "missing": 0}}}],
///  "issues": [{"code": "invalidRecord", "severity": "error", "status": 1, "file": "…", "line": 9, "column": 7,
///    "field": 4, "columnName": "item4", "value": "9", "message": "…"}],
///  "summary": {"rowsRead": 10, "rowsScored": 9, "rowsRejected": 1}}
/// ```
/// An absent score has `"sum": null, "mean": null` and an `"absence"` sentence.
final class JSONScoreWriter: ScoreWriter {
  let plan: ScoringPlan
  let idColumn: String?
  let file: String
  let sink: OutputSink
  private var firstRow = true
  private var issues: [InputIssue] = []
  private var buffer: [UInt8] = []

  init(plan: ScoringPlan, idColumn: String?, file: String, sink: OutputSink) {
    self.plan = plan
    self.idColumn = idColumn
    self.file = file
    self.sink = sink
  }

  func begin() {
    let d = plan.definition
    var out = "{\"metadata\":{\"instrument\":{\"id\":\(jsonString(d.id)),\"version\":\(jsonString(d.version)),"
    out += "\"name\":{\"id\":\(jsonString(d.name.indonesian)),\"en\":\(jsonString(d.name.english))},"
    out += "\"citation\":\(jsonString(d.citation.source)),\"licence\":\(jsonString(d.citation.licence))},"
    out += "\"file\":\(jsonString(file)),"
    out +=
      "\"missingDataPolicy\":{\"policy\":\(jsonString(plan.policy.name)),\"summary\":\(jsonString(plan.policy.summary))},"
    out += "\"responseScale\":{\"min\":\(d.responseScale.min),\"max\":\(d.responseScale.max)},"
    out += "\"scales\":[" + plan.scaleIDs.map(jsonString).joined(separator: ",") + "]},\n\"rows\":["
    sink.write(out)
  }

  func write(_ batch: ResponseBatch, _ table: ScoreTable) {
    for row in 0..<table.rowCount {
      buffer.append(contentsOf: (firstRow ? "\n" : ",\n").utf8)
      firstRow = false
      buffer.append(contentsOf: "{\"line\":".utf8)
      ShortestDecimal.append(batch.lines[row], to: &buffer)
      if idColumn != nil { buffer.append(contentsOf: ",\"id\":\(jsonString(batch.ids[row]))".utf8) }
      buffer.append(contentsOf: ",\"scores\":{".utf8)
      for scale in 0..<table.scaleCount {
        let score = table.score(row: row, scale: scale)
        if scale > 0 { buffer.append(0x2C) }
        buffer.append(contentsOf: "\(jsonString(table.scaleIDs[scale])):{\"sum\":".utf8)
        number(score.sum)
        buffer.append(contentsOf: ",\"mean\":".utf8)
        number(score.mean)
        buffer.append(contentsOf: ",\"answered\":\(score.answered),\"missing\":\(score.missing)".utf8)
        if let absence = score.absence {
          buffer.append(contentsOf: ",\"absence\":\(jsonString(absence.description))".utf8)
        }
        buffer.append(0x7D)
      }
      buffer.append(contentsOf: "}}".utf8)
      if buffer.count > 1 << 16 {
        sink.append(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    sink.append(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private func number(_ value: Double?) {
    if let value, value.isFinite {
      ShortestDecimal.append(value, to: &buffer)
    } else {
      buffer.append(contentsOf: "null".utf8)
    }
  }

  func report(_ issues: [InputIssue]) { self.issues += issues }

  func finish(summary: ScoringSummary) {
    var out = "\n],\n\"issues\":["
    // The problem form every command shares (CLIErrorRenderer.json): the issue's location fields
    // (line and column, or an SPSS file's case and variable), the value (redacted with --redact), the message.
    out += issues.map { "\n" + CLIErrorRenderer.json(CLIError($0, file: file)) }.joined(separator: ",")
    out +=
      "],\n\"summary\":{\"rowsRead\":\(summary.rowsRead),\"rowsScored\":\(summary.rowsScored),\"rowsRejected\":\(summary.rowsRejected)}}\n"
    sink.write(out)
  }
}
