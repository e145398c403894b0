/// JSON-RPC over a byte stream with one request (or batch) per line, as `bapas serve --stdio` speaks it.
///
/// Feed the input in chunks of any size; each complete line is answered at once, one response line
/// per request line, in order (a notification gets none, a blank line is skipped). A line longer than
/// the dispatcher's ``RPCLimits/maximumRequestBytes`` is discarded as it arrives and answered with an
/// error, so memory stays bounded by the limit whatever the input. Errors never stop the server.
///
/// ```swift
/// var server = RPCLineServer()
/// server.consume(chunk) { bytes in write(bytes) }
/// server.finish { bytes in write(bytes) }   // at end of input: a last line without a newline
/// ```
public struct RPCLineServer: Sendable {
  /// The dispatcher answering each line.
  public let dispatcher: RPCDispatcher
  private var pending: [UInt8] = []
  private var discarding = false
  /// Lines answered so far (requests and batches, not blank lines).
  public private(set) var linesRead = 0
  /// Input lines seen so far, blank ones included (the 1-based number of the line being read is this + 1).
  private var physicalLines = 0

  /// Creates a server.
  public init(dispatcher: RPCDispatcher = RPCDispatcher()) { self.dispatcher = dispatcher }

  /// Reads a chunk; `emit` receives the response bytes (each response ends with a newline).
  public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, emit: (UnsafeRawBufferPointer) -> Void) {
    var start = 0
    let limit = dispatcher.limits.maximumRequestBytes
    while start < chunk.count {
      guard let newline = chunk[start...].firstIndex(of: 0x0A) else {
        // An incomplete line waits for the next chunk, unless it is already over the limit.
        if !discarding {
          if pending.count + (chunk.count - start) > limit {
            discarding = true
            pending = []
          } else {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start...]))
          }
        }
        return
      }
      if discarding {
        discarding = false
        answerOversized(emit: emit)
      } else if pending.isEmpty, newline - start > limit {
        answerOversized(emit: emit)
      } else if pending.isEmpty {
        answer(UnsafeBufferPointer(rebasing: chunk[start..<newline]), emit: emit)
      } else if pending.count + (newline - start) > limit {
        pending = []
        answerOversized(emit: emit)
      } else {
        pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<newline]))
        let line = pending
        pending = []
        line.withUnsafeBufferPointer { answer($0, emit: emit) }
      }
      physicalLines += 1
      start = newline + 1
    }
  }

  /// Ends the input: answers a last line that has no newline.
  public mutating func finish(emit: (UnsafeRawBufferPointer) -> Void) {
    if discarding {
      discarding = false
      answerOversized(emit: emit)
    } else if !pending.isEmpty {
      let line = pending
      pending = []
      line.withUnsafeBufferPointer { answer($0, emit: emit) }
    }
  }

  private mutating func answer(_ line: UnsafeBufferPointer<UInt8>, emit: (UnsafeRawBufferPointer) -> Void) {
    var end = line.count
    if end > 0, line[end - 1] == 0x0D { end -= 1 }  // CRLF
    let body = UnsafeBufferPointer(rebasing: line[0..<end])
    guard body.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
    linesRead += 1
    if dispatcher.respond(to: body, emit: emit) {
      [UInt8(0x0A)].withUnsafeBytes { emit($0) }
    }
  }

  private mutating func answerOversized(emit: (UnsafeRawBufferPointer) -> Void) {
    linesRead += 1
    let error = RPCError(
      code: RPCError.parseErrorCode, message: "Parse error",
      problems: [
        RPCProblem(
          what: "tooLarge", location: .init(line: physicalLines + 1),
          why:
            "the request line is longer than the limit of \(dispatcher.limits.maximumRequestBytes) bytes; it was discarded."
        )
      ])
    var out = JSONOut.object([("jsonrpc", .string("2.0")), ("id", .null), ("error", error.json)]).bytes
    out.append(0x0A)
    out.withUnsafeBytes { emit($0) }
  }
}
