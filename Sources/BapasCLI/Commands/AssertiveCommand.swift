import AssessmentEngine
import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas assertive report GROUP.json`: the assertive-training progress report of a group.
enum AssertiveCommand: Subcommand {
  static let spec = CommandSpec(
    name: "assertive",
    abstract: "Assertive-training groups: five-step progress, ICQ/RAS change and success indicators.",
    discussion: """
      'bapas assertive report GROUP.json' reads a group file (see Documentation/AssertiveTraining.md) \
      and writes a report for a Litmas or a sidang TPP: per client the steps reached, the attempts and \
      the outcome change with its reliable change index; per group the effect sizes, the observable \
      outcomes and the weighted success indicators. A record with a problem is listed and left out; \
      the rest is still reported. Exit status: 0 no problems, 1 report written with problems listed, \
      64 usage, 65 the group file cannot be read as a group, 66 unreadable file.
      """,
    positionals: [
      .init(name: "action", help: "What to do: 'report'."),
      .init(name: "file", help: "The group file (JSON; '-' for standard input)."),
    ],
    options: [
      .init(name: "language", valueName: "id|en", help: "Report language: Indonesian or English.", defaultText: "id"),
      .init(name: "format", valueName: "markdown|json", help: "Output format.", defaultText: "markdown"),
      .init(name: "output", valueName: "path", help: "Write the report to a file instead of standard output."),
    ])

  /// The group file (the first positional is the action).
  static func inputFiles(_ arguments: ParsedArguments) -> [String] { Array(arguments.positionals.dropFirst()) }

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let action = args.positionals[0]
    guard action == "report" else {
      throw .usage(
        .unknownSubcommand("assertive \(action)", suggestion: didYouMean(action, among: ["report"])), spec)
    }
    let language: DisplayLanguage
    let format: String
    do {
      language = try args.choice("language", ["id", "en"]) == "en" ? .english : .indonesian
      format = try args.choice("format", ["markdown", "json"]) ?? "markdown"
    } catch { throw .usage(error, spec) }
    let path = args.positionals[1]

    let bytes: [UInt8]
    switch ChunkedFile.open(path) {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let file):
      defer { file.close() }
      do { bytes = try file.readAll() } catch { throw .failed(.unreadable(path, error)) }
    }
    let group: AssertiveTrainingGroup
    do { group = try AssertiveTrainingGroup.decode(jsonData: Data(bytes)) } catch {
      throw .failed(CLIError(.invalidDefinition, .init(file: path, jsonPath: error.path), why: error.reason + "."))
    }
    let analysis = AssertiveTrainingAnalysis(group: group)
    let report = AssertiveTrainingReport(analysis: analysis, language: language)
    let text: String
    if format == "json" {
      guard let data = try? report.jsonData() else {
        throw .failed(.internalError("the report could not be encoded as JSON."))
      }
      text = String(decoding: data, as: UTF8.self) + "\n"
    } else {
      text = report.markdown()
    }

    let output = try io.output(args.value("output"), inputs: [path])
    output.write(text)
    output.finish()
    if output.failed { throw .failed(.writeFailed("the report")) }
    for issue in analysis.issues { io.report(.warning(.init(file: path), issue.description)) }
    io.stderr.write(
      "bapas assertive: report on \(report.clients.count) clients, \(report.group.sessions) sessions; \(analysis.issues.count) problem\(analysis.issues.count == 1 ? "" : "s") listed.\n"
    )
    return analysis.issues.isEmpty ? .success : .someRowsRejected
  }
}
