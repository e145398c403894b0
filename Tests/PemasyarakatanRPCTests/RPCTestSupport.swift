import AssessmentEngine
import Foundation
import Testing
import _SDKSupport

@testable import PemasyarakatanRPC

/// Sends `request` through a dispatcher and parses the response with the protocol's own reader.
func call(_ request: String, limits: RPCLimits = RPCLimits()) throws -> JSONValue? {
  guard let reply = RPCDispatcher(limits: limits).respond(to: request) else { return nil }
  #expect(!reply.contains("\n"), "a response is one line")
  return try JSONValue.read(Array(reply.utf8), with: .requests)
}

/// A request text for `method` with `params` (a JSON object text).
func request(_ method: String, _ params: String? = nil, id: String = "1") -> String {
  #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)""# + (params.map { #","params":\#($0)"# } ?? "") + "}"
}

/// The `result` of a successful response; records an issue when the response is an error.
func result(_ response: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
  guard case .object(let o)? = response else {
    Issue.record("no response object: \(String(describing: response))", sourceLocation: sourceLocation)
    return nil
  }
  if let e = o["error"] { Issue.record("error response: \(JSONOut(e).text)", sourceLocation: sourceLocation) }
  return o["result"]
}

/// The `error` member: code and the problems' `what` and paths.
func errorOf(_ response: JSONValue?) -> (code: Int, what: [String], paths: [String])? {
  guard case .object(let o)? = response, case .object(let e)? = o["error"], case .number(let code)? = e["code"],
    case .object(let data)? = e["data"], case .array(let problems)? = data["problems"]
  else { return nil }
  var what: [String] = []
  var paths: [String] = []
  for p in problems {
    if case .object(let po) = p {
      if case .string(let w)? = po["what"] { what.append(w) }
      if case .object(let place)? = po["where"], case .string(let path)? = place["path"] { paths.append(path) }
    }
  }
  return (Int(code), what, paths)
}

extension JSONValue {
  subscript(_ key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }
  subscript(_ index: Int) -> JSONValue? {
    if case .array(let a) = self, index >= 0, index < a.count { return a[index] }
    return nil
  }
  var double: Double? {
    if case .number(let d) = self { return d }
    return nil
  }
  var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
  var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
}

extension JSONOut {
  var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The repository root (tests read Documentation samples, as the documentation tests do).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A fixture of this test target.
func fixture(_ name: String) throws -> String {
  guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  return try String(contentsOf: url, encoding: .utf8)
}

/// A JSON string literal for embedding text in a request.
func quoted(_ text: String) -> String { JSONOut.string(text).text }
