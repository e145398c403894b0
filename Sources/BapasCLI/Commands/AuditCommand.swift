import AssessmentEngine
import Pemasyarakatan

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas audit verify LOG.jsonl`: checks an audit log's hash chain (``AuditTrail/verify()``).
enum AuditCommand: Subcommand {
  static let spec = CommandSpec(
    name: "audit",
    abstract: "Verify a hash-chained audit log (JSON Lines) and name its first broken entry.",
    discussion: """
      'bapas audit verify LOG.jsonl' checks that every entry's hash matches its content, that each \
      entry carries the hash of the one before, and that sequence numbers run 0, 1, 2, … An edited, \
      removed or reordered entry is named with its line. Entries cut off the end leave the chain \
      intact: give --expect-count and --expect-head (kept apart from the log) to detect that. \
      Exit status: 0 intact, 65 broken, 64 usage, 66 unreadable file.
      """,
    positionals: [
      .init(name: "action", help: "What to do: 'verify'."),
      .init(name: "log", help: "The audit log (JSON Lines; '-' for standard input)."),
    ],
    options: [
      .init(name: "expect-count", valueName: "n", help: "The number of entries the log must have at least."),
      .init(name: "expect-head", valueName: "sha256", help: "The hash entry n−1 must have (with --expect-count)."),
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    let action = args.positionals[0]
    guard action == "verify" else {
      throw .usage(
        .unknownSubcommand("audit \(action)", suggestion: didYouMean(action, among: ["verify"])), spec)
    }
    let count: Int?
    do { count = try args.int("expect-count") } catch { throw .usage(error, spec) }
    let head = args.value("expect-head")
    if (count == nil) != (head == nil) {
      throw .usage(
        .optionMisuse(
          options: ["expect-count", "expect-head"], why: "'--expect-count' and '--expect-head' go together."),
        spec)
    }
    if let count, count < 0 {
      throw .usage(.invalidValue(option: "expect-count", value: String(count), expected: "a count of at least 0"), spec)
    }
    let path = args.positionals[1]
    let bytes = try ExportCommand.readAll(path)
    let trail: AuditTrail
    switch AuditTrail.parse(jsonLines: Data(bytes)) {
    case .failure(let b):
      throw .failed(CLIError(.invalidDefinition, .init(file: path, line: b.index + 1), why: b.description))
    case .success(let t): trail = t
    }
    let problem = count.map { trail.verify(expecting: AuditAnchor(count: $0, headHash: head ?? "")) } ?? trail.verify()
    if let b = problem {
      throw .failed(CLIError(.invalidDefinition, .init(file: path, line: b.index + 1), why: b.description))
    }
    io.stdout.write(
      "\(path): \(trail.count) entr\(trail.count == 1 ? "y" : "ies"), chain intact; head \(trail.headHash)\n")
    return .success
  }
}
