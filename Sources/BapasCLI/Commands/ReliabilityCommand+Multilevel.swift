import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas reliability --multilevel`: psych's `multilevel.reliability` per scale, from one row per
/// person and time.
extension ReliabilityCommand {
  /// The JSON document: `{"metadata": {…}, "multilevel": {"<scale>": <MultilevelReliability> |
  /// {"error": "…"}}}`.
  struct MultilevelDocument: Encodable {
    struct Metadata: Encodable {
      var file: String
      var instrument: String
      var idColumn: String
      var timeColumn: String
      var rowsRead: Int
      var rowsUsed: Int
      var rowsRejected: Int
    }
    struct Entry: Encodable {
      var result: MultilevelReliability?
      var error: String?
      func encode(to encoder: any Encoder) throws {
        if let result {
          try result.encode(to: encoder)
        } else {
          var container = encoder.singleValueContainer()
          try container.encode(["error": error ?? ""])
        }
      }
    }
    var metadata: Metadata
    var multilevel: [String: Entry]
  }

  static func runMultilevel(
    _ args: ParsedArguments, io: CommandIO, definition: InstrumentDefinition, format: String,
    csvOptions: ResponseCSVOptions
  ) throws(CommandFailure) -> BapasExitStatus {
    guard let idColumn = args.value("id-column") else {
      throw .usage(.missingOption("'--id-column <name>' (the person) with --multilevel"), spec)
    }
    guard let timeColumn = args.value("time-column") else {
      throw .usage(.missingOption("'--time-column <name>' with --multilevel"), spec)
    }
    let path = args.positionals[0]
    let instrument = CompiledInstrument(definition)
    // One pass: the person as the id, the time as a passthrough column.
    var options = csvOptions
    options.idColumn = idColumn
    options.passthroughColumns = [timeColumn]
    let persons: ResponseBatch
    do throws(ResponseStreamError) {
      var stream = try ResponseStream(opening: ResponseSource(path: path), instrument: instrument, options: options)
      defer { stream.close() }
      persons = try stream.collect()
    } catch {
      throw .streamFailed(error)
    }
    let times = persons.passthrough[0]
    for issue in persons.issues { io.report(CLIError(issue, file: path)) }
    let scale = definition.responseScale
    var entries: [String: MultilevelDocument.Entry] = [:]
    var incompleteRows = Set<Int>()
    var failed = 0
    for scaleDefinition in instrument.scales {
      var records: [MultilevelRecord] = []
      for row in 0..<persons.matrix.rowCount {
        var values: [Double] = []
        values.reserveCapacity(scaleDefinition.columns.count)
        for (position, reversed) in zip(scaleDefinition.columns, scaleDefinition.reversed) {
          guard let v = persons.matrix.value(row: row, column: position) else { break }
          values.append(Double(reversed ? scale.reversed(v) : v))
        }
        guard values.count == scaleDefinition.columns.count else {
          // psych's aov drops rows with a missing item, which unbalances the design; say so.
          if incompleteRows.insert(row).inserted {
            let (person, time) = (persons.ids[row], times[row])
            io.report(
              .warning(
                .init(file: path, line: persons.lines[row]),
                "person \(Redaction.quote(person)) at time \(Redaction.quote(time)) has an unanswered item; the occasion is left out of the multilevel analysis."
              ))
          }
          continue
        }
        records.append(MultilevelRecord(person: persons.ids[row], time: times[row], values: values))
      }
      do {
        entries[scaleDefinition.id] = .init(result: try MultilevelReliability(records: records), error: nil)
      } catch {
        failed += 1
        entries[scaleDefinition.id] = .init(result: nil, error: error.description)
        let reason = error.description
        io.report(
          CLIError(
            .notComputed, .init(file: path, item: scaleDefinition.id), why: "scale '\(scaleDefinition.id)': \(reason)"))
      }
    }
    let output = try io.output(args.value("output"), inputs: args.inputFiles)
    if format == "json" {
      let document = MultilevelDocument(
        metadata: .init(
          file: path, instrument: definition.id, idColumn: idColumn, timeColumn: timeColumn, rowsRead: persons.rowsRead,
          rowsUsed: persons.matrix.rowCount - incompleteRows.count, rowsRejected: persons.rowsRejected),
        multilevel: entries)
      try output.writeStatisticsJSON(document)
    } else {
      var out =
        "\(path): multilevel reliability (psych::multilevel.reliability); persons '\(idColumn)', times '\(timeColumn)'\n"
      for scaleDefinition in definition.scales {
        out += "\nScale: \(scaleDefinition.id)\n"
        guard let result = entries[scaleDefinition.id]?.result else {
          out += "  not computed: \(entries[scaleDefinition.id]?.error ?? "")\n"
          continue
        }
        out += "  \(result.persons) persons × \(result.times) times × \(result.items) items\n"
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        out += "  RkF  = \(f(result.RkF))  reliability of the average of all times (fixed times)\n"
        out += "  R1R  = \(f(result.R1R))  reliability of one random time\n"
        out += "  RkR  = \(f(result.RkR))  reliability of the average of k random times\n"
        out += "  Rc   = \(f(result.Rc))  reliability of change within persons\n"
        out += "  RkRn = \(f(result.RkRn))  between persons, nested model\n"
        out += "  Rcn  = \(f(result.Rcn))  within persons, nested model\n"
        out += "  Variance components:\n"
        for key in ["ID", "Time", "Items", "ID x time", "ID x items", "time x items", "Residual", "Total"] {
          let v = result.components[key] ?? .nan
          let total = result.components["Total"] ?? .nan
          out +=
            "    \(key.padding(toLength: 13, withPad: " ", startingAt: 0)) \(String(format: "%8.3f", v))  \(String(format: "%5.1f", 100 * v / total))%\n"
        }
        out +=
          "  Nested components: id \(String(format: "%.3f", result.nestedComponents["id"] ?? .nan)), id(time) \(String(format: "%.3f", result.nestedComponents["id(time)"] ?? .nan)), residual \(String(format: "%.3f", result.nestedComponents["residual"] ?? .nan))\(result.nestedAtBoundary ? " (a component at the REML boundary 0)" : "")\n"
      }
      output.write(out)
    }
    output.finish()
    if output.failed { throw .failed(.writeFailed()) }
    io.stderr.write(
      "bapas reliability --multilevel: \(persons.matrix.rowCount) of \(persons.rowsRead) rows read, \(persons.rowsRejected) rejected; \(definition.scales.count - failed) of \(definition.scales.count) scales analysed.\n"
    )
    return persons.rowsRejected > 0 || failed > 0 || !incompleteRows.isEmpty ? .someRowsRejected : .success
  }
}
