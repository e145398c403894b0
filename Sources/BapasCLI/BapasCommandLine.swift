import AssessmentEngine
import Pemasyarakatan

/// How a `bapas` run ended. The codes follow `sysexits.h` where nothing was written.
package enum BapasExitStatus: Int32, Sendable {
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
  /// The output file could not be created, e.g. its directory does not exist or is not writable
  /// (`EX_CANTCREAT`). Nothing was written; an existing output file is untouched.
  case cannotCreateOutput = 73
  /// Writing the output failed, e.g. the disk is full or the pipe was closed (`EX_IOERR`). An
  /// existing output file is untouched.
  case ioError = 74
}

/// Where a subcommand writes: standard output and standard error (or memory in tests).
package struct CommandIO {
  /// Results go here (or to `--output`).
  package let stdout: OutputSink
  /// Diagnostics (`file:line:column: error: …`) go here, control characters written out.
  package let stderr: OutputSink
  /// Output files opened by the run, removed unless the run finished them.
  let files = OpenOutputs()

  /// Creates the IO pair.
  package init(stdout: OutputSink, stderr: OutputSink) {
    self.stdout = stdout
    self.stderr = stderr
    stderr.escapesControlCharacters = true
  }
}

extension CLIError {
  /// `--output` names an input file (exit status 64, before anything is opened for writing).
  static func outputIsInput(output: String, input: String) -> CLIError {
    CLIError(
      .outputIsInput, .init(option: "output", item: output),
      why:
        "the output \(quotedForMessage(output)) is the input file \(quotedForMessage(input)); writing the results there would destroy the data. Choose another '--output' path."
    )
  }
}

/// The atomic output files of one run.
final class OpenOutputs {
  var sinks: [OutputSink] = []
  /// Removes the temporary file of every output the run did not finish (it failed or threw).
  func abandonUnfinished() {
    for sink in sinks where sink.isPending { sink.abandon() }
    sinks.removeAll()
  }
}

extension CommandIO {
  /// Where a command writes its results: standard output when `path` is `nil` or `-`, else a new
  /// file that replaces `path` atomically when the command finishes it (see ``OutputSink``).
  ///
  /// An output path that is one of `inputs` — the same file by device and inode, symbolic and hard
  /// links included, or for a file not yet there the same resolved path — is refused with exit
  /// status 64 before anything is opened for writing.
  func output(_ path: String?, inputs: [String]) throws(CommandFailure) -> OutputSink {
    guard let path, path != "-" else { return stdout }
    if let input = OutputPathCheck.clash(output: path, inputs: inputs) {
      throw .failed(.outputIsInput(output: path, input: input))
    }
    if let identity = Platform.identity(path), identity.isDirectory {
      throw .failed(
        CLIError(.cannotCreateOutput, .init(file: path), why: "cannot create the output file: it is a directory."))
    }
    switch OutputSink.atomicFile(target: path) {
    case .success(let sink):
      files.sinks.append(sink)
      return sink
    case .failure(let reason):
      let reason = "\(reason)"
      throw .failed(CLIError(.cannotCreateOutput, .init(file: path), why: "cannot create the output file: \(reason)."))
    }
  }
}

/// Whether an output path names one of the input files.
enum OutputPathCheck {
  /// The first input that `output` would overwrite, or `nil`.
  static func clash(output: String, inputs: [String]) -> String? {
    let outputIdentity = Platform.identity(output)
    let outputPath = resolved(output)
    for input in inputs where input != "-" {
      if let o = outputIdentity, let i = Platform.identity(input) {
        if o.device == i.device && o.inode == i.inode { return input }
        continue
      }
      if let outputPath, let inputPath = resolved(input), outputPath == inputPath { return input }
    }
    return nil
  }

  /// The absolute path with symbolic links resolved; for a file not yet there, its directory resolved.
  static func resolved(_ path: String) -> String? {
    if let full = Platform.resolvedPath(path) { return full }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard let base = Platform.resolvedPath(directory.isEmpty ? "/" : directory) else { return nil }
    return (base.hasSuffix("/") ? base : base + "/") + name
  }
}

/// A failure that ends a subcommand before (or instead of) its normal output: the errors, written
/// by ``CLIErrorRenderer``; the run exits with the first one's status.
struct CommandFailure: Error {
  var errors: [CLIError]

  /// A command-line mistake of `spec`'s subcommand (exit status 64).
  static func usage(_ error: UsageError, _ spec: CommandSpec) -> CommandFailure {
    CommandFailure(errors: [CLIError(error, usage: spec)])
  }

  /// One error.
  static func failed(_ error: CLIError) -> CommandFailure { CommandFailure(errors: [error]) }

  /// Several errors found together (every problem of a definition); the first one's status wins.
  static func failed(_ errors: [CLIError]) -> CommandFailure { CommandFailure(errors: errors) }

  /// The exit status.
  var status: BapasExitStatus { errors.first?.status ?? .software }

  /// The failure with its command-line mistakes shown against `spec`'s usage line (a helper shared by
  /// several commands threw it).
  func forCommand(_ spec: CommandSpec) -> CommandFailure {
    var copy = self
    for i in copy.errors.indices where copy.errors[i].usage != nil {
      copy.errors[i].usage = (spec.usageLine, spec.name)
    }
    return copy
  }
}

/// One `bapas` subcommand.
protocol Subcommand: Sendable {
  static var spec: CommandSpec { get }
  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus
  /// The files the command reads (an `--output` naming one of them is refused before anything runs).
  static func inputFiles(_ arguments: ParsedArguments) -> [String]
}

extension Subcommand {
  static func inputFiles(_ arguments: ParsedArguments) -> [String] { arguments.inputFiles }
}

/// The `bapas` command line: parses the subcommand and runs it.
package enum BapasCommandLine {
  /// Every subcommand, in the order `bapas --help` lists them.
  static let subcommands: [any Subcommand.Type] = registeredSubcommands

  /// Runs `bapas` with `arguments` (without the program name) and returns the exit status.
  ///
  /// `--redact`, accepted by every subcommand anywhere before `--`, renders every message of the run
  /// (stderr and JSON problems) at ``MessageDetail/redacted``: the one switch for the whole run, so no
  /// subcommand needs its own handling.
  package static func run(arguments: [String], io: CommandIO) -> BapasExitStatus {
    let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
    guard arguments[..<end].contains(redactFlag) else { return dispatch(arguments: arguments, io: io) }
    let rest = arguments[..<end].filter { $0 != redactFlag } + arguments[end...]
    return Redaction.rendering(.redacted) { dispatch(arguments: Array(rest), io: io) }
  }

  /// The flag every subcommand accepts (listed in each `--help` by ``CommandSpec/helpText``).
  static let redactFlag = "--redact"

  static func dispatch(arguments: [String], io: CommandIO) -> BapasExitStatus {
    defer {
      io.files.abandonUnfinished()
      io.stdout.flush()
      io.stderr.flush()
    }
    guard let first = arguments.first else {
      io.stderr.write(topLevelHelp)
      return .usage
    }
    if first == "--help" || first == "-h" || first == "help" {
      if first == "help", arguments.count > 1, let command = subcommands.first(where: { $0.spec.name == arguments[1] })
      {
        io.stdout.write(command.spec.helpText)
      } else {
        io.stdout.write(topLevelHelp)
      }
      return .success
    }
    if first == "--version" || first == "-V" {
      io.stdout.write("bapas \(sdkVersion)\n")
      return .success
    }
    guard let command = subcommands.first(where: { $0.spec.name == first }) else {
      io.report(.unknownSubcommand(first, among: subcommands.map { $0.spec.name }))
      return .usage
    }
    let spec = command.spec
    do throws(CommandFailure) {
      let parsed: ParsedArguments
      do { parsed = try spec.parse(Array(arguments.dropFirst())) } catch { throw CommandFailure.usage(error, spec) }
      if parsed.helpRequested {
        io.stdout.write(spec.helpText)
        return .success
      }
      // Before anything is read or opened for writing: an output that is an input is refused.
      if let output = parsed.value("output"), output != "-",
        let input = OutputPathCheck.clash(output: output, inputs: command.inputFiles(parsed))
      {
        throw CommandFailure.failed(.outputIsInput(output: output, input: input))
      }
      return try command.run(parsed, io: io)
    } catch {
      for e in error.errors { io.report(e) }
      return error.status
    }
  }

  /// Runs `bapas` on the process's own arguments and exits.
  package static func main() -> Never {
    let io = CommandIO(stdout: OutputSink(fileDescriptor: 1), stderr: OutputSink(fileDescriptor: 2))
    let status = run(arguments: Array(CommandLine.arguments.dropFirst()), io: io)
    io.stdout.flush()
    io.stderr.flush()
    Platform.exitProcess(status.rawValue)
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
    out += """

      OPTIONS:
        --version               Print the version (bapas \(sdkVersion)).
        -h, --help              Show this help.

      EXIT STATUS:
        0 success; 1 some rows left out (the rest written); 64 usage (including an --output that is
        an input file); 65 invalid definition or header; 66 unreadable input; 70 internal error;
        73 the output file cannot be created; 74 writing the output failed. An --output file is
        written atomically: on any failure an existing file is left as it was.

      EXAMPLE:
        bapas score Samples/wai-sr-sample.csv --instrument wai-sr --id-column respondent --output scores.csv

        See 'bapas help <subcommand>' or 'bapas <subcommand> --help' for detailed help.

      """
    return out
  }
}
