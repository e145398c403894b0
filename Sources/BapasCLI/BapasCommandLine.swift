#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentEngine
import Pemasyarakatan

/// How a `bapas` run ended. The codes follow `sysexits.h` where nothing was written.
public enum BapasExitStatus: Int32, Sendable {
  /// Every row was scored.
  case success = 0
  /// Some rows were rejected; the others were still written.
  case someRowsRejected = 1
  /// The command line was wrong (`EX_USAGE`).
  case usage = 64
  /// An instrument or input definition is invalid (`EX_DATAERR`).
  case invalidDefinition = 65
  /// An input file could not be read (`EX_NOINPUT`).
  case unreadableInput = 66
  /// An internal error (`EX_SOFTWARE`).
  case software = 70
  /// The output file could not be created (`EX_CANTCREAT`).
  case cannotCreateOutput = 73
  /// Writing the output failed (`EX_IOERR`).
  case ioError = 74
}

/// Where a subcommand writes: standard output and standard error (or memory in tests).
public struct CommandIO {
  /// Results go here (or to `--output`).
  public let stdout: OutputSink
  /// Diagnostics (`file:line:column: error: …`) go here.
  public let stderr: OutputSink

  /// Creates the IO pair.
  public init(stdout: OutputSink, stderr: OutputSink) {
    self.stdout = stdout
    self.stderr = stderr
  }
}

extension CommandIO {
  /// Where a command writes its results: the file named by `--output` (created or truncated), or
  /// standard output when `path` is `nil`.
  func output(_ path: String?) throws(CommandFailure) -> OutputSink {
    guard let path else { return stdout }
    guard let sink = OutputSink.file(path: path) else {
      throw .failed(.cannotCreateOutput, ["\(path): error: cannot create the output file."])
    }
    return sink
  }
}

/// A failure that ends a subcommand before (or instead of) its normal output.
enum CommandFailure: Error {
  case usage(UsageError, CommandSpec)
  /// Messages already rendered; exit with the status.
  case failed(BapasExitStatus, [String])
}

/// One `bapas` subcommand.
protocol Subcommand: Sendable {
  static var spec: CommandSpec { get }
  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus
}

/// The `bapas` command line: parses the subcommand and runs it.
public enum BapasCommandLine {
  /// Every subcommand, in the order `bapas --help` lists them.
  static let subcommands: [any Subcommand.Type] = registeredSubcommands

  /// Runs `bapas` with `arguments` (without the program name) and returns the exit status.
  ///
  /// `--redact`, accepted by every subcommand anywhere before `--`, renders every message of the run
  /// (stderr and JSON problems) at ``MessageDetail/redacted``: the one switch for the whole run, so no
  /// subcommand needs its own handling.
  public static func run(arguments: [String], io: CommandIO) -> BapasExitStatus {
    let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
    guard arguments[..<end].contains(redactFlag) else { return dispatch(arguments: arguments, io: io) }
    let rest = arguments[..<end].filter { $0 != redactFlag } + arguments[end...]
    return Redaction.rendering(.redacted) { dispatch(arguments: Array(rest), io: io) }
  }

  /// The flag every subcommand accepts (listed in each `--help` by ``CommandSpec/helpText``).
  static let redactFlag = "--redact"

  static func dispatch(arguments: [String], io: CommandIO) -> BapasExitStatus {
    defer { io.stdout.flush(); io.stderr.flush() }
    guard let first = arguments.first else {
      io.stderr.write(topLevelHelp)
      return .usage
    }
    if first == "--help" || first == "-h" || first == "help" {
      if first == "help", arguments.count > 1, let command = subcommands.first(where: { $0.spec.name == arguments[1] }) {
        io.stdout.write(command.spec.helpText)
      } else {
        io.stdout.write(topLevelHelp)
      }
      return .success
    }
    if first == "--version" {
      io.stdout.write("bapas \(sdkVersion)\n")
      return .success
    }
    guard let command = subcommands.first(where: { $0.spec.name == first }) else {
      let names = subcommands.map { $0.spec.name }
      let best = names.map { ($0, editDistance($0, first)) }.min { $0.1 < $1.1 }
      let suggestion = best.flatMap { $0.1 <= 2 ? $0.0 : nil }
      io.stderr.write("Error: \(UsageError.unknownSubcommand(first, suggestion: suggestion))\n")
      io.stderr.write("Usage: bapas <subcommand> [<options>]; see 'bapas --help'.\n")
      return .usage
    }
    let spec = command.spec
    do {
      let parsed = try spec.parse(Array(arguments.dropFirst()))
      if parsed.helpRequested {
        io.stdout.write(spec.helpText)
        return .success
      }
      return try command.run(parsed, io: io)
    } catch let error as UsageError {
      io.stderr.write("Error: \(error)\nUsage: \(spec.usageLine)\n  See 'bapas \(spec.name) --help' for more information.\n")
      return .usage
    } catch let failure as CommandFailure {
      switch failure {
      case .usage(let error, let spec):
        io.stderr.write("Error: \(error)\nUsage: \(spec.usageLine)\n  See 'bapas \(spec.name) --help' for more information.\n")
        return .usage
      case .failed(let status, let messages):
        for m in messages { io.stderr.write(m.hasSuffix("\n") ? m : m + "\n") }
        return status
      }
    } catch {
      io.stderr.write("error: \(error)\n")
      return .software
    }
  }

  /// Runs `bapas` on the process's own arguments and exits.
  public static func main() -> Never {
    let io = CommandIO(stdout: OutputSink(fileDescriptor: 1), stderr: OutputSink(fileDescriptor: 2))
    let status = run(arguments: Array(CommandLine.arguments.dropFirst()), io: io)
    io.stdout.flush()
    io.stderr.flush()
    exit(status.rawValue)
  }

  static var topLevelHelp: String {
    var out = """
      OVERVIEW: Pemasyarakatan SDK command line: score questionnaires, check reliability, track change.

      USAGE: bapas <subcommand> [<options>]

      SUBCOMMANDS:

      """
    for c in subcommands {
      let name = "  " + c.spec.name
      out += name + String(repeating: " ", count: max(2, 24 - name.count)) + c.spec.abstract + "\n"
    }
    out += "\n  See 'bapas help <subcommand>' or 'bapas <subcommand> --help' for detailed help.\n"
    return out
  }
}
