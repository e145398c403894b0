import AssessmentEngine
import Pemasyarakatan

/// The limits that keep any request within bounded time and memory.
public struct RPCLimits: Sendable, Hashable {
  /// The longest request accepted, in bytes (default 64 MiB: a million 12-item CSV rows fit).
  public var maximumRequestBytes: Int
  /// The deepest nesting of arrays and objects accepted (default 128).
  public var maximumDepth: Int
  /// The most requests in one batch (default 10,000).
  public var maximumBatchCount: Int

  /// Creates limits.
  public init(maximumRequestBytes: Int = 64 << 20, maximumDepth: Int = 128, maximumBatchCount: Int = 10_000) {
    self.maximumRequestBytes = maximumRequestBytes
    self.maximumDepth = maximumDepth
    self.maximumBatchCount = maximumBatchCount
  }
}

/// The SDK as a JSON-RPC 2.0 service: request bytes in, response bytes out.
///
/// ```swift
/// let rpc = RPCDispatcher()
/// let reply = rpc.respond(to: #"{"jsonrpc":"2.0","id":1,"method":"sdk.version"}"#)
/// // {"jsonrpc":"2.0","id":1,"result":{"sdk":"0.1.0","protocol":"1", …}}
/// ```
///
/// A request is one JSON object or a batch (an array of them); a request without `id` is a
/// notification and gets no response (a batch of only notifications gets none at all). Errors use
/// the JSON-RPC codes (−32700, −32600, −32601, −32602, −32603) and ``RPCError/unusableDataCode``,
/// with the SDK's problems (what, where, why) in `error.data` (see ``RPCError``). The methods and
/// their params are listed in `Documentation/CallingFromOtherLanguages.md` and described by the
/// JSON Schemas in `Documentation/Schemas/`.
///
/// Any bytes are answered: invalid UTF-8, deep nesting and over-long text become error responses
/// (see ``RPCLimits``); nothing recurses on the input's depth. The dispatcher holds no mutable
/// state, so one value can serve any number of threads at once.
public struct RPCDispatcher: Sendable {
  /// The limits in force.
  public var limits: RPCLimits

  /// The protocol's version, reported by `sdk.version`; it changes when a method's params or
  /// result change incompatibly.
  public static let protocolVersion = "1"

  /// The SDK's version (`sdkVersion` of the Pemasyarakatan module).
  public static var sdkVersion: String { Pemasyarakatan.sdkVersion }

  /// Creates a dispatcher.
  public init(limits: RPCLimits = RPCLimits()) { self.limits = limits }

  /// The method names, sorted.
  public static var methodNames: [String] { RPCMethods.table.keys.sorted() }

  /// Answers one request or batch; `nil` when nothing is to be sent back (notifications only).
  public func respond(to request: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var pieces: [[UInt8]] = []
    var total = 0
    let wrote = respond(to: request) { piece in
      pieces.append(Array(piece.bindMemory(to: UInt8.self)))
      total += piece.count
    }
    guard wrote else { return nil }
    if pieces.count == 1 { return pieces[0] }
    var out: [UInt8] = []
    out.reserveCapacity(total)
    for piece in pieces { out.append(contentsOf: piece) }
    return out
  }

  /// Answers one request or batch held in an array.
  public func respond(to request: [UInt8]) -> [UInt8]? {
    request.withUnsafeBufferPointer { respond(to: $0) }
  }

  /// Answers one request or batch given as text.
  public func respond(to request: String) -> String? {
    var text = request
    return text.withUTF8 { respond(to: $0) }.map { String(decoding: $0, as: UTF8.self) }
  }

  /// Answers one request or batch, handing the response to `emit` in pieces (large results such as
  /// `score` on many rows are written as they are formatted, so the whole response is never held
  /// twice). Returns whether anything was written.
  public func respond(to request: UnsafeBufferPointer<UInt8>, emit: (UnsafeRawBufferPointer) -> Void) -> Bool {
    withoutActuallyEscaping(emit) { emit in
      let sink = ResponseSink(emit: emit)
      let wrote = write(request, to: sink)
      sink.flush()
      return wrote
    }
  }

  // MARK: Envelope

  private func write(_ request: UnsafeBufferPointer<UInt8>, to sink: ResponseSink) -> Bool {
    guard request.count <= limits.maximumRequestBytes else {
      sink.write(
        errorResponse(
          id: .null,
          RPCError(
            code: RPCError.parseErrorCode, message: "Parse error",
            problems: [
              RPCProblem(
                what: "tooLarge", location: .init(offset: limits.maximumRequestBytes),
                why: "the request is longer than the limit of \(limits.maximumRequestBytes) bytes.")
            ])))
      return true
    }
    let document: JSONValue
    do {
      document = try BoundedJSONReader(maximumDepth: limits.maximumDepth, maximumBytes: limits.maximumRequestBytes)
        .parse(request)
    } catch {
      sink.write(
        errorResponse(
          id: .null,
          RPCError(
            code: RPCError.parseErrorCode, message: "Parse error",
            problems: [
              RPCProblem(
                what: "parse", location: .init(line: error.line, column: error.column, offset: error.offset),
                why: error.why + ".")
            ])))
      return true
    }
    guard case .array(let batch) = document else {
      return handle(document, path: "$", sink: sink)
    }
    guard !batch.isEmpty else {
      sink.write(
        errorResponse(
          id: .null,
          RPCError(
            code: RPCError.invalidRequestCode, message: "Invalid Request",
            problems: [.at("$", "emptyBatch", "a batch must hold at least one request.")])))
      return true
    }
    guard batch.count <= limits.maximumBatchCount else {
      sink.write(
        errorResponse(
          id: .null,
          RPCError(
            code: RPCError.invalidRequestCode, message: "Invalid Request",
            problems: [
              .at("$", "tooLarge", "the batch holds \(batch.count) requests; the limit is \(limits.maximumBatchCount).")
            ])))
      return true
    }
    // A batch of notifications only gets no response at all (JSON-RPC 2.0 §6).
    guard batch.contains(where: { !Self.isNotification($0) }) else {
      for (i, element) in batch.enumerated() { _ = handle(element, path: "$[\(i)]", sink: ResponseSink(emit: nil)) }
      return false
    }
    sink.write(UInt8(ascii: "["))
    var first = true
    for (i, element) in batch.enumerated() {
      if Self.isNotification(element) {
        _ = handle(element, path: "$[\(i)]", sink: ResponseSink(emit: nil))
        continue
      }
      if !first { sink.write(UInt8(ascii: ",")) }
      first = false
      _ = handle(element, path: "$[\(i)]", sink: sink)
    }
    sink.write(UInt8(ascii: "]"))
    return true
  }

  /// A well-formed request object without an `id`.
  static func isNotification(_ value: JSONValue) -> Bool {
    guard case .object(let o) = value, o["id"] == nil, o["jsonrpc"] == .string("2.0"), case .string? = o["method"]
    else { return false }
    switch o["params"] {
    case nil, .object?: break
    default: return false
    }
    return o.keys.allSatisfy { ["jsonrpc", "method", "params"].contains($0) }
  }

  /// Handles one request object; returns whether a response was written.
  private func handle(_ value: JSONValue, path: String, sink: ResponseSink) -> Bool {
    guard case .object(let o) = value else {
      sink.write(
        errorResponse(
          id: .null,
          RPCError(
            code: RPCError.invalidRequestCode, message: "Invalid Request",
            problems: [.at(path, "wrongType", "a request must be an object, not \(value.typeName).")])))
      return true
    }
    var id: JSONOut = .null
    var problems: [RPCProblem] = []
    switch o["id"] {
    case nil: break
    case .null?: id = .null
    case .string(let s)?: id = .string(s)
    case .number(let n)?: id = .number(n)
    case let other?:
      problems.append(
        .at(path + ".id", "wrongType", "the id must be a string, a number or null, not \(other.typeName)."))
    }
    let isNotification = o["id"] == nil
    if o["jsonrpc"] != .string("2.0") {
      problems.append(
        .at(
          path + ".jsonrpc", o["jsonrpc"] == nil ? "missingKey" : "invalidValue",
          "the member \"jsonrpc\" must be exactly \"2.0\"."))
    }
    var method = ""
    switch o["method"] {
    case .string(let m)?: method = m
    case nil: problems.append(.at(path, "missingKey", "the required member \"method\" is missing."))
    case let other?:
      problems.append(.at(path + ".method", "wrongType", "the method must be a string, not \(other.typeName)."))
    }
    switch o["params"] {
    case nil, .object?: break
    case .array?:
      problems.append(
        .at(
          path + ".params", "wrongType",
          "params must be an object of named members; positional params are not supported."))
    case let other?:
      problems.append(.at(path + ".params", "wrongType", "params must be an object, not \(other.typeName)."))
    }
    for key in o.keys.sorted() where !["jsonrpc", "id", "method", "params"].contains(key) {
      problems.append(.at(path, "unknownKey", "unknown member '\(key)' in a request."))
    }
    guard problems.isEmpty else {
      // An invalid request is answered even without an id (JSON-RPC 2.0 §5: the id is then null).
      sink.write(
        errorResponse(
          id: id, RPCError(code: RPCError.invalidRequestCode, message: "Invalid Request", problems: problems)))
      return true
    }
    guard let handler = RPCMethods.table[method] else {
      if isNotification { return false }
      let hint = didYouMean(method, among: Array(RPCMethods.table.keys)).map { " Did you mean '\($0)'?" } ?? ""
      sink.write(
        errorResponse(
          id: id,
          RPCError(
            code: RPCError.methodNotFoundCode, message: "Method not found",
            problems: [
              .at(
                path + ".method", "unknownMethod",
                "there is no method '\(method.prefix(80))'.\(hint) Methods: \(RPCDispatcher.methodNames.joined(separator: ", "))."
              )
            ])))
      return true
    }
    let outcome: RPCMethodResult
    do {
      let params = try RPCParams(o["params"], path: path + ".params")
      outcome = try handler(params)
    } catch {
      if isNotification { return false }
      sink.write(errorResponse(id: id, error))
      return true
    }
    if isNotification { return false }
    sink.write(Array(#"{"jsonrpc":"2.0","id":"#.utf8))
    sink.write(id)
    sink.write(Array(#","result":"#.utf8))
    switch outcome {
    case .value(let v): sink.write(v)
    case .stream(let writer): writer(sink)
    }
    sink.write(UInt8(ascii: "}"))
    return true
  }

  private func errorResponse(id: JSONOut, _ error: RPCError) -> JSONOut {
    .object([("jsonrpc", .string("2.0")), ("id", id), ("error", error.json)])
  }
}

/// What a method hands back: a value, or a writer for results too large to build as a tree.
enum RPCMethodResult {
  case value(JSONOut)
  case stream((ResponseSink) -> Void)
}

/// Collects response bytes and hands them on in pieces of about 64 KiB (or discards them, for
/// notifications).
final class ResponseSink {
  private var buffer: [UInt8] = []
  private let emit: ((UnsafeRawBufferPointer) -> Void)?

  init(emit: ((UnsafeRawBufferPointer) -> Void)?) {
    self.emit = emit
    buffer.reserveCapacity(1 << 12)
  }

  func write(_ byte: UInt8) { buffer.append(byte) }
  func write(_ bytes: [UInt8]) {
    // A large block goes straight to the receiver instead of through the buffer (one copy fewer).
    if bytes.count >= 1 << 15, emit != nil {
      flush()
      bytes.withUnsafeBytes { emit?($0) }
    } else {
      buffer.append(contentsOf: bytes)
    }
  }
  func write(_ value: JSONOut) {
    value.write(to: &buffer)
    flushIfLarge()
  }

  /// Appends through a closure (for bulk writers) and flushes when the buffer is large.
  func append(_ body: (inout [UInt8]) -> Void) {
    body(&buffer)
    flushIfLarge()
  }

  func flushIfLarge() { if buffer.count >= 1 << 16 { flush() } }

  func flush() {
    guard !buffer.isEmpty else { return }
    if let emit { buffer.withUnsafeBytes { emit($0) } }
    buffer.removeAll(keepingCapacity: true)
  }
}
