import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas icc`: the six intraclass correlations of Shrout & Fleiss from a long table, as
/// R psych 2.2.9 `ICC(x, lmer = FALSE)`.
enum ICCCommand: Subcommand {
  static let spec = CommandSpec(
    name: "icc",
    abstract:
      "Rater agreement: the six intraclass correlations (ICC1, ICC2, ICC3 and their k-rater forms) from a long table.",
    discussion: """
      One row per rating: a target (client, session, dyad…), a rater and the rating (any number). Reproduces \
      R psych::ICC(x, lmer = FALSE): each ICC with F, df1, df2, p and the 95% bounds. Every rater must rate \
      every target once; otherwise the targets lacking raters are named and nothing is computed. A cell \
      that is not a number is reported as file:line:column and its row left out. Exit status: 0 computed \
      from every row, 1 computed but some rows left out, 64 usage, 65 the table cannot give ICCs \
      (unbalanced, duplicate ratings, too few targets or raters), 66 unreadable input.
      """,
    positionals: [.init(name: "file", help: "The long-format CSV ('-' for standard input).")],
    options: [
      .init(name: "target-column", valueName: "name", help: "The column naming the rated target."),
      .init(name: "rater-column", valueName: "name", help: "The column naming the rater."),
      .init(name: "rating-column", valueName: "name", help: "The column with the rating."),
      .init(
        name: "missing", valueName: "tokens",
        help: "Comma-separated cell texts that mean missing, besides the empty cell.", defaultText: "NA"),
      .init(name: "format", valueName: "text|json", help: "Output format.", defaultText: "text"),
      .init(name: "output", valueName: "path", help: "Write the results to a file instead of standard output."),
    ])

  /// The JSON document: `{"icc": [{"type", "value", "F", "df1", "df2", "p", "lower", "upper"}, …],
  /// "targets", "raters", "meanSquares": {…}, "confidenceLevel", "rowsRead", "rowsSkipped"}`.
  struct Document: Encodable {
    struct MeanSquares: Encodable {
      var targets: Double
      var raters: Double
      var residual: Double
      var within: Double
    }
    var icc: [IntraclassCorrelation.Estimate]
    var targets: Int
    var raters: Int
    var meanSquares: MeanSquares
    var confidenceLevel: Double
    var rowsRead: Int
    var rowsSkipped: Int
  }

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let format: String
    do { format = try args.choice("format", ["text", "json"]) ?? "text" } catch { throw .usage(error, spec) }
    guard let targetName = args.value("target-column") else {
      throw .usage(.missingOption("'--target-column <name>'"), spec)
    }
    guard let raterName = args.value("rater-column") else {
      throw .usage(.missingOption("'--rater-column <name>'"), spec)
    }
    guard let ratingName = args.value("rating-column") else {
      throw .usage(.missingOption("'--rating-column <name>'"), spec)
    }
    let path = args.positionals[0]
    let table: LongTable
    switch LongTable.read(path) {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let t): table = t
    }
    for problem in table.problems { io.report(problem) }
    let target = try table.column(targetName, option: "target-column").get()
    let rater = try table.column(raterName, option: "rater-column").get()
    let rating = try table.column(ratingName, option: "rating-column").get()
    let missing = Set(args.missingTokens + [""])
    var records: [IntraclassRating] = []
    var skipped = table.problems.count
    for record in table.records {
      let cell = record.fields[rating].trimmingCharacters(in: .whitespaces)
      if missing.contains(cell) { continue }  // an unrated cell: the balance check names it.
      guard let value = Double(cell), value.isFinite else {
        io.report(
          CLIError(
            .invalidRecord, .init(file: path, line: record.line, column: rating + 1, columnName: ratingName),
            value: cell,
            why: "column '\(ratingName)': \(Redaction.quote(cell)) is not a number. The row is left out."))
        skipped += 1
        continue
      }
      records.append(
        IntraclassRating(
          target: record.fields[target].trimmingCharacters(in: .whitespaces),
          rater: record.fields[rater].trimmingCharacters(in: .whitespaces), rating: value))
    }
    let icc: IntraclassCorrelation
    do { icc = try IntraclassCorrelation(long: records) } catch {
      throw .failed(CLIError(.invalidDefinition, .init(file: path), why: error.description))
    }
    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    if format == "json" {
      let document = Document(
        icc: icc.estimates, targets: icc.targets, raters: icc.raters,
        meanSquares: .init(
          targets: icc.msTargets, raters: icc.msRaters, residual: icc.msResidual, within: icc.msWithin),
        confidenceLevel: icc.confidenceLevel, rowsRead: table.records.count, rowsSkipped: skipped)
      try output.writeStatisticsJSON(document)
    } else {
      output.write(textReport(icc, file: path))
    }
    output.finish()
    if output.failed { throw .failed(.writeFailed()) }
    io.stderr.write("bapas icc: \(icc.targets) targets × \(icc.raters) raters; \(skipped) rows left out.\n")
    return skipped > 0 ? .someRowsRejected : .success
  }

  /// psych's print layout: one row per form.
  static func textReport(_ icc: IntraclassCorrelation, file: String) -> String {
    var out = "\(file): intraclass correlation coefficients (\(icc.targets) targets × \(icc.raters) raters)\n\n"
    let header = ["type", "ICC", "F", "df1", "df2", "p", "lower bound", "upper bound"]
    var rows: [[String]] = [header]
    let names = [
      "ICC1": "Single_raters_absolute", "ICC2": "Single_random_raters", "ICC3": "Single_fixed_raters",
      "ICC1k": "Average_raters_absolute", "ICC2k": "Average_random_raters", "ICC3k": "Average_fixed_raters",
    ]
    for e in icc.estimates {
      let p = e.p < 0.001 ? String(format: "%.1e", e.p) : String(format: "%.3f", e.p)
      rows.append([
        "\(names[e.type] ?? e.type) \(e.type)", String(format: "%.2f", e.value), String(format: "%.1f", e.F),
        String(format: "%g", e.df1), String(format: "%g", e.df2), p, String(format: "%.2f", e.lower),
        String(format: "%.2f", e.upper),
      ])
    }
    let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    for row in rows {
      out +=
        row.enumerated().map { c, cell in
          c == 0
            ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            : String(repeating: " ", count: widths[c] - cell.count) + cell
        }.joined(separator: " ") + "\n"
    }
    out += "\nNumber of subjects = \(icc.targets)     Number of Judges = \(icc.raters)\n"
    out +=
      "ICC1/ICC1k: one-way random; ICC2/ICC2k: two-way random, absolute agreement; ICC3/ICC3k: two-way mixed, consistency (Shrout & Fleiss 1979).\n"
    return out
  }
}
