import AssessmentEngine
import WorkingAlliance

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Everything one `bapas alliance` run produced.
struct AllianceRun {
  var definition: InstrumentDefinition
  var policy: MissingDataPolicy
  var file: String
  var options: AllianceAnalysisOptions
  var reports: [DyadAllianceReport]
  var rowErrors: [AllianceRowError]
  var seriesErrors: [AllianceSeriesError]
  var issues: [InputIssue]

  /// Every problem of the run as stderr shows it and the JSON `problems` lists it: the reader's
  /// issues, the rows that could not be analysed, the series left out.
  var problems: [CLIError] {
    issues.map { CLIError($0, file: file) } + rowErrors.map { CLIError.allianceRow($0, file: file) }
      + seriesErrors.map { CLIError.allianceSeries($0, file: file) }
  }
}

extension CLIError {
  /// A row of `bapas alliance` that could not be analysed (its line and column name kept).
  static func allianceRow(_ error: AllianceRowError, file: String) -> CLIError {
    CLIError(
      .invalidRecord, .init(file: file, line: error.line, columnName: error.column), value: error.value,
      why: error.description)
  }

  /// A series of `bapas alliance` left out (its dyad is data: only in the redactable reason).
  static func allianceSeries(_ error: AllianceSeriesError, file: String) -> CLIError {
    CLIError(.invalidRecord, .init(file: file), why: error.description)
  }
}

/// The output formats of `bapas alliance`.
///
/// - JSON: `{"metadata": {instrument, file, missingDataPolicy, options}, "dyads": [DyadAllianceReport…],
///   "rowErrors": […], "seriesErrors": […], "issues": […], "problems": […]}` — the reports in their
///   `Codable` form, keys sorted, and every problem again in the JSON problem form all commands
///   share; an analysis without enough data is `{"notEnoughData": {…}}` instead of `{"value": …}`.
/// - CSV `sessions`: one row per administration with goal/task/bond/total (sum, mean, percent), the
///   RCI from the previous session, rupture and repair markers, the client − PK gap and, on a series'
///   last row, the falling flag.
/// - CSV `dyads`: one row per series with trajectory, early alliance, rupture counts, mean gap, the
///   falling flag with its evidence, and the "not enough data" sentences.
enum AllianceReportWriter {
  struct Output: Encodable {
    struct Instrument: Encodable {
      var id: String
      var version: String
      var citation: String
      var licence: String
    }
    struct Policy: Encodable {
      var policy: String
      var summary: String
    }
    struct Metadata: Encodable {
      var instrument: Instrument
      var file: String
      var missingDataPolicy: Policy
      var options: AllianceAnalysisOptions
    }
    struct RowError: Encodable {
      var line: Int
      var column: String
      var value: String
      var kind: String
      var message: String
    }
    struct SeriesError: Encodable {
      var dyad: String
      var rater: AllianceRater
      var lines: [Int]
      var kind: AllianceSeriesError.Kind
      var message: String
    }
    struct Issue: Encodable {
      var line: Int
      var column: Int
      var columnName: String?
      var value: String?
      var message: String
    }
    var metadata: Metadata
    var dyads: [DyadAllianceReport]
    var rowErrors: [RowError]
    var seriesErrors: [SeriesError]
    var issues: [Issue]
    var problems: [CLIErrorRenderer.Problem]
  }

  static func json(_ run: AllianceRun) -> String {
    let d = run.definition
    let out = Output(
      metadata: .init(
        instrument: .init(id: d.id, version: d.version, citation: d.citation.source, licence: d.citation.licence),
        file: run.file,
        missingDataPolicy: .init(policy: run.policy.name, summary: run.policy.summary), options: run.options),
      dyads: run.reports,
      rowErrors: run.rowErrors.map {
        .init(
          line: $0.line, column: $0.column, value: Redaction.value($0.value) ?? "", kind: $0.kind.rawValue,
          message: $0.description)
      },
      seriesErrors: run.seriesErrors.map {
        .init(
          dyad: Redaction.value($0.dyad) ?? "", rater: $0.rater, lines: $0.lines, kind: $0.kind, message: $0.description
        )
      },
      issues: run.issues.map {
        .init(
          line: $0.line, column: $0.column, columnName: $0.columnName, value: Redaction.value($0.value),
          message: $0.description)
      },
      problems: run.problems.map(CLIErrorRenderer.problem))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Every number in the reports is finite (series reject non-finite scores), so encoding succeeds.
    guard let data = try? encoder.encode(out) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func number(_ x: Double?) -> String { x.map(ShortestDecimal.string) ?? "" }

  static func sessionsCSV(_ run: AllianceRun, scorer: AllianceScorer) -> String {
    let names = ["Goal", "Task", "Bond", "Total"]
    var header = ["dyad", "rater", "form", "session", "date", "line"]
    for n in names { header += ["\(n)_sum", "\(n)_mean", "\(n)_percent"] }
    header += [
      "rci_from_previous", "reliable_change", "rupture", "rupture_status", "repairs_rupture_at", "gap_client_minus_pk",
      "falling",
    ]
    var lines = [header.joined(separator: ",")]
    let measure = run.options.measure
    for report in run.reports {
      let gaps = report.ratingGaps?.value
      for s in report.series {
        let ruptures = s.ruptures.value?.events ?? []
        let lastScored = s.sessions.last { $0.scores[measure] != nil }?.session
        for o in s.sessions {
          var cells = [
            csvField(report.dyad), s.rater.rawValue, csvField(o.instrument), String(o.session),
            o.date?.description ?? "", o.line.map(String.init) ?? "",
          ]
          for m in AllianceMeasure.allCases {
            let score = o.scores[m]
            cells += [number(score?.sum), number(score?.mean), number(score?.percentOfRange)]
          }
          let change = s.changes.first { $0.toSession == o.session }
          cells += [number(change?.rci), change?.category.rawValue ?? ""]
          let rupture = ruptures.first { $0.ruptureSession == o.session }
          cells += [rupture == nil ? "" : "rupture", rupture?.status.rawValue ?? ""]
          cells.append(
            ruptures.filter { $0.repairSession == o.session }.map { String($0.ruptureSession) }.joined(separator: " "))
          let gap = gaps?.sessions.first { $0.session == o.session }?.gaps.first { $0.measure == measure }?.gap
          cells.append(number(gap))
          var falling = ""
          if o.session == lastScored, let flag = s.falling.value { falling = flag.isFalling ? "yes" : "no" }
          cells.append(falling)
          lines.append(cells.joined(separator: ","))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func dyadsCSV(_ run: AllianceRun) -> String {
    var lines = [
      "dyad,rater,form,sessions,slope,slope_se,early_mean,ruptures,unrepaired_ruptures,mean_gap_client_minus_pk,falling,evidence,not_enough_data"
    ]
    for report in run.reports {
      let meanGap = report.ratingGaps?.value?.meanGap.first { $0.measure == run.options.measure }?.gap
      for s in report.series {
        var notes: [String] = []
        if let n = s.trajectory.notEnoughData { notes.append(n.description) }
        if let n = s.earlyAlliance.notEnoughData { notes.append(n.description) }
        if let n = s.ruptures.notEnoughData { notes.append(n.description) }
        if let n = s.falling.notEnoughData { notes.append(n.description) }
        if let n = report.ratingGaps?.notEnoughData, s.rater == .client { notes.append(n.description) }
        let events = s.ruptures.value?.events ?? []
        let flag = s.falling.value
        let cells = [
          csvField(report.dyad), s.rater.rawValue, csvField(s.instrument), String(s.sessions.count),
          number(s.trajectory.value?.slope), number(s.trajectory.value?.slopeStandardError),
          number(s.earlyAlliance.value?.mean),
          s.ruptures.value == nil ? "" : String(events.count),
          s.ruptures.value == nil ? "" : String(events.filter { $0.status != .repaired }.count),
          number(meanGap), flag.map { $0.isFalling ? "yes" : "no" } ?? "",
          csvField(flag?.evidence.map(\.summary).joined(separator: "; ") ?? ""),
          csvField(notes.joined(separator: " ")),
        ]
        lines.append(cells.joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
