import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas instruments`: the built-in instruments with their citations and licence notes, or one
/// definition as JSON (`--show ID`), ready to be edited and loaded back with `--instrument path.json`.
///
/// It lists every definition in `builtInInstruments`, whichever module contributes it.
enum InstrumentsCommand: Subcommand {
  static let spec = CommandSpec(
    name: "instruments",
    abstract: "List the built-in instruments with their citations and licences, or print one definition.",
    discussion: """
      Each built-in carries scoring facts only (items as ids item1…itemK with short labels of our own, \
      the response scale, the scales and their reverse keys), the published source, and the licence \
      note: the questionnaires' wording is never shipped. '--show ID' prints the definition as JSON; \
      save it, edit it (e.g. with a licensed key) and score with '--instrument FILE.json'.
      """,
    options: [
      .init(name: "format", valueName: "text|json", help: "Output format of the list.", defaultText: "text"),
      .init(name: "show", valueName: "id", help: "Print one instrument's full definition as JSON."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let format: String
    do { format = try args.choice("format", ["text", "json"]) ?? "text" } catch { throw .usage(error, spec) }
    if let id = args.value("show") {
      guard let definition = builtInInstruments.definition(id: id) else {
        throw .usage(
          .invalidValue(
            option: "show", value: id, expected: "a built-in id (\(builtInInstruments.ids.joined(separator: ", ")))",
            suggestion: didYouMean(id, among: builtInInstruments.ids)),
          spec)
      }
      guard let json = definitionJSON(definition) else {
        throw .failed(.internalError("the definition '\(definition.id)' could not be encoded."))
      }
      io.stdout.write(json + "\n")
      return .success
    }
    io.stdout.write(
      format == "json" ? listJSON(builtInInstruments.definitions) : listText(builtInInstruments.definitions))
    return .success
  }

  /// The definition in the documented JSON format (keys sorted, so the output is stable).
  static func definitionJSON(_ definition: InstrumentDefinition) -> String? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(definition) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// One block per instrument: id, name, shape, scales, source, licence and notes.
  static func listText(_ definitions: [InstrumentDefinition]) -> String {
    var out = ""
    for d in definitions {
      out += "\(d.id) (version \(d.version))\n"
      out += "  \(d.name.english) / \(d.name.indonesian)\n"
      out += "  \(d.items.count) items, responses \(d.responseScale.min)–\(d.responseScale.max)\n"
      for s in d.scales {
        let reversed = s.reversed.isEmpty ? "" : "; reversed \(s.reversed.joined(separator: ", "))"
        out += "  scale \(s.id): \(s.items.joined(separator: ", "))\(reversed) (\(s.score.rawValue))\n"
      }
      out += "  source: \(d.citation.source)\n"
      if let doi = d.citation.doi { out += "  doi: \(doi)\n" }
      if let url = d.citation.url { out += "  url: \(url)\n" }
      out += "  licence: \(d.citation.licence)\n"
      if let notes = d.notes { out += "  notes: \(notes.english)\n" }
      out += "\n"
    }
    if definitions.isEmpty { out = "No built-in instruments.\n" }
    return out
  }

  /// `{"instruments": [{"id", "version", "name", "items", "responseScale", "scales", "citation", "notes"}]}`.
  static func listJSON(_ definitions: [InstrumentDefinition]) -> String {
    let entries = definitions.map { d -> String in
      var fields = [
        "\"id\":\(jsonString(d.id))",
        "\"version\":\(jsonString(d.version))",
        "\"name\":{\"id\":\(jsonString(d.name.indonesian)),\"en\":\(jsonString(d.name.english))}",
        "\"items\":\(d.items.count)",
        "\"responseScale\":{\"min\":\(d.responseScale.min),\"max\":\(d.responseScale.max)}",
        "\"scales\":[" + d.scales.map(\.id).map(jsonString).joined(separator: ",") + "]",
      ]
      var citation = ["\"source\":\(jsonString(d.citation.source))", "\"year\":\(d.citation.year)"]
      if let doi = d.citation.doi { citation.append("\"doi\":\(jsonString(doi))") }
      if let url = d.citation.url { citation.append("\"url\":\(jsonString(url))") }
      citation.append("\"licence\":\(jsonString(d.citation.licence))")
      fields.append("\"citation\":{" + citation.joined(separator: ",") + "}")
      if let notes = d.notes {
        fields.append("\"notes\":{\"id\":\(jsonString(notes.indonesian)),\"en\":\(jsonString(notes.english))}")
      }
      return "{" + fields.joined(separator: ",") + "}"
    }
    return "{\"instruments\":[\n" + entries.joined(separator: ",\n") + "\n]}\n"
  }
}
