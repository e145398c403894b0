import AssessmentEngine
import Foundation

/// `--format sav`: the scores as an SPSS system file (bytecode-compressed): the id as a string
/// variable, then per scale `<Scale>_sum`, `<Scale>_mean`, `<Scale>_missing` as numeric variables
/// labelled from the definition in the chosen language; an absent score is system-missing.
///
/// A system file states its case count and the id's width before the data, so the scores are held
/// in memory until the end (about 8 bytes per cell plus the ids) and written in one piece.
final class SavScoreWriter: ScoreWriter {
  let plan: ScoringPlan
  let idColumn: String?
  let language: DisplayLanguage
  let sink: OutputSink
  private var ids: [String] = []
  private var cells: [Double?] = []
  /// Set when the file cannot be written (an id longer than 255 bytes).
  private(set) var failure: String? = nil

  init(plan: ScoringPlan, idColumn: String?, language: DisplayLanguage, sink: OutputSink) {
    self.plan = plan
    self.idColumn = idColumn
    self.language = language
    self.sink = sink
  }

  func begin() {}

  func write(_ batch: ResponseBatch, _ table: ScoreTable) {
    cells.reserveCapacity(cells.count + table.rowCount * table.scaleCount * 3)
    for row in 0..<table.rowCount {
      if idColumn != nil { ids.append(row < batch.ids.count ? batch.ids[row] : "") }
      for s in 0..<table.scaleCount {
        let score = table.score(row: row, scale: s)
        cells.append(score.sum)
        cells.append(score.mean)
        cells.append(Double(score.missing))
      }
    }
  }

  func report(_ issues: [InputIssue]) {}

  /// The variables: the id (if any) and three per scale, labelled in `language`.
  func variables(idWidth: Int) -> [SystemFileWriter.Variable] {
    var out: [SystemFileWriter.Variable] = []
    if let idColumn { out.append(.string(idColumn, width: idWidth)) }
    let words = language == .indonesian ? ("jumlah", "rerata", "butir tidak dijawab") : ("sum", "mean", "items missing")
    for (scale, id) in zip(plan.definition.scales, plan.scaleIDs) {
      let name = scale.label?.text(in: language) ?? id
      out.append(.numeric("\(id)_sum", label: "\(name) (\(words.0))", decimals: 2))
      out.append(.numeric("\(id)_mean", label: "\(name) (\(words.1))", decimals: 4))
      out.append(.numeric("\(id)_missing", label: "\(name) (\(words.2))", decimals: 0))
    }
    return out
  }

  func finish(summary: ScoringSummary) {
    let width = Swift.max(1, ids.map(\.utf8.count).max() ?? 1)
    guard width <= 255 else {
      failure = "an id is \(width) bytes long; an SPSS string variable written here holds at most 255."
      return
    }
    do {
      var writer = try SystemFileWriter(variables: variables(idWidth: width))
      writer.created = Self.timestamp(Date())
      writer.fileLabel = "bapas score: \(plan.definition.id)"
      let perRow = plan.scaleIDs.count * 3
      for row in 0..<(perRow == 0 ? 0 : cells.count / perRow) {
        var values: [SystemFileValue?] = idColumn != nil ? [.text(ids[row])] : []
        for k in 0..<perRow { values.append(cells[row * perRow + k].map(SystemFileValue.number)) }
        try writer.append(values)
      }
      sink.append(writer.encoded())
    } catch {
      failure = error.description + "."
    }
  }

  /// `dd Mmm yy` and `hh:mm:ss` in UTC, as the system file header wants them.
  static func timestamp(_ date: Date) -> (date: String, time: String) {
    let seconds = Int(date.timeIntervalSince1970)
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let secs = seconds - days * 86400
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return (
      "\(two(d)) \(months[m - 1]) \(two(y % 100))", "\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))"
    )
  }
}
