import AssessmentEngine
import Foundation
import Testing
import _SDKSupport

@testable import PemasyarakatanRPC

/// The line protocol of `bapas serve --stdio`, fed in chunks of every size.
@Suite("JSON-RPC line server")
struct LineServerTests {
  func serve(_ input: [UInt8], chunk: Int, limits: RPCLimits = RPCLimits()) -> [String] {
    var server = RPCLineServer(dispatcher: RPCDispatcher(limits: limits))
    var out: [UInt8] = []
    var i = 0
    while i < input.count {
      let end = min(input.count, i + chunk)
      input[i..<end].withUnsafeBufferPointer { b in server.consume(b) { out.append(contentsOf: $0) } }
      i = end
    }
    server.finish { out.append(contentsOf: $0) }
    #expect(out.isEmpty || out.last == 0x0A)
    return String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
      String.init)
  }

  static let input =
    [
      request("sdk.version", id: "1"),
      "",
      "{not json",
      #"{"jsonrpc":"2.0","method":"sdk.version"}"#,
      "[" + request("instruments.get", #"{"id":"wai-sr"}"#, id: "2") + "," + request("nope", id: "3") + "]",
      "   \r",
      request("score", #"{"scales":{"A":["x","-y"]},"min":1,"max":4,"csv":"x,y\r\n1,4\r\n"}"#, id: "4") + "\r",
    ].joined(separator: "\n") + "\n" + request("sdk.version", id: "5")  // the last line has no newline

  @Test(arguments: [1, 2, 7, 64, 1 << 20])
  func oneResponseLinePerRequestLineInOrder(chunk: Int) throws {
    let lines = serve(Array(Self.input.utf8), chunk: chunk)
    #expect(lines.count == 5)
    let values = try lines.map { try JSONValue.read(Array($0.utf8), with: .requests) }
    #expect(values[0]["id"]?.double == 1)
    #expect(errorOf(values[1])?.code == -32700)
    #expect(values[2].array?.count == 2)
    #expect(errorOf(values[2][1])?.code == -32601)
    #expect(values[3]["result"]?["scores"]?[0]?["scales"]?["A"]?["sum"]?.double == 2)
    #expect(values[4]["id"]?.double == 5)
  }

  @Test func anOverlongLineIsDiscardedAndAnswered() throws {
    let long =
      #"{"jsonrpc":"2.0","id":1,"method":"score","params":{"csv":""# + String(repeating: "a", count: 5000) + #""}}"#
    let text = request("sdk.version", id: "1") + "\n" + long + "\n" + request("sdk.version", id: "2") + "\n" + long
    for chunk in [3, 100, 4096, 1 << 20] {
      let lines = serve(Array(text.utf8), chunk: chunk, limits: RPCLimits(maximumRequestBytes: 1000))
      #expect(lines.count == 4, "chunk \(chunk)")
      let values = try lines.map { try JSONValue.read(Array($0.utf8), with: .requests) }
      #expect(errorOf(values[1])?.what == ["tooLarge"])
      #expect(values[1]["error"]?["data"]?["where"]?["line"]?.double == 2)
      #expect(values[2]["id"]?.double == 2)
      #expect(errorOf(values[3])?.what == ["tooLarge"])
    }
  }
}
