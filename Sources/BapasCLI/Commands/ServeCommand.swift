import AssessmentEngine
import PemasyarakatanRPC

/// `bapas serve --stdio`: the SDK's JSON-RPC 2.0 protocol over standard input and output, one
/// request (or batch) per line, for hosts written in other languages.
enum ServeCommand: Subcommand {
  static let spec = CommandSpec(
    name: "serve",
    abstract: "Answer JSON-RPC 2.0 requests on stdin/stdout, one per line (for tools in other languages).",
    discussion: """
      Reads one JSON-RPC 2.0 request or batch per line from standard input and writes one response \
      line per request line, in order; a notification (no id) gets no line, a blank line is skipped. \
      Errors are answered as JSON-RPC error objects and the server keeps going; it exits 0 at the end \
      of input. A line over 64 MiB is discarded as it arrives and answered with an error. Methods: \
      sdk.version, instruments.list|get|validate, score, reliability, change, alliance.series, \
      risk.assess, risk.validate, case.validate, calendar.integration, compliance.flags, \
      caseload.report, assertive.report — see Documentation/CallingFromOtherLanguages.md.
      """,
    positionals: [],
    options: [
      .init(name: "stdio", valueName: nil, help: "Serve on standard input and output (the only transport).")
    ])

  static func run(_ args: ParsedArguments, io: CommandIO) throws(CommandFailure) -> BapasExitStatus {
    guard args.flag("stdio") else { throw .usage(.missingOption("'--stdio' (the transport)"), spec) }
    let input: ChunkedFile
    switch ChunkedFile.open("-") {
    case .failure(let error): throw .failed(.unreadable(error))
    case .success(let file): input = file
    }
    var server = RPCLineServer()
    let out = io.stdout
    do {
      try input.forEachChunk { chunk, isFinal in
        if isFinal {
          server.finish { out.append($0.bindMemory(to: UInt8.self)) }
        } else {
          server.consume(chunk) { out.append($0.bindMemory(to: UInt8.self)) }
        }
        // Answer what has arrived before waiting for more: a host may wait for each response.
        out.flush()
      }
    } catch {
      let reason = "\(error)"
      throw .failed(CLIError(.writeFailed, .init(file: "-"), why: "reading standard input failed: \(reason)"))
    }
    out.flush()
    if out.failed { throw .failed(CLIError(.writeFailed, why: "writing a response failed (closed pipe?).")) }
    return .success
  }
}
