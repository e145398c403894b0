import AssessmentEngine
import Foundation
import Testing
import _SDKSupport

@testable import PemasyarakatanRPC

/// The JSON-RPC 2.0 envelope: every standard error code, batches, notifications and ids.
@Suite("JSON-RPC envelope")
struct DispatcherTests {
  @Test func versionAnswersWithTheSDKAndEveryMethod() throws {
    let r = result(try call(request("sdk.version")))
    #expect(r?["sdk"]?.string == RPCDispatcher.sdkVersion)
    #expect(r?["protocol"]?.string == "1")
    #expect(r?["methods"]?.array?.count == 15)
    #expect(RPCDispatcher.methodNames.contains("calendar.integration"))
  }

  @Test func idsAreEchoedAsGiven() throws {
    for id in [#""abc""#, "42", "-7", "null", "1.5"] {
      let reply = RPCDispatcher().respond(to: request("sdk.version", id: id))
      #expect(reply?.hasPrefix(#"{"jsonrpc":"2.0","id":\#(id),"result":"#) == true, "id \(id)")
    }
  }

  @Test func parseErrorNamesLineColumnAndOffset() throws {
    let reply = try call("{\"jsonrpc\": \"2.0\",\n \"id\": 1, \"method\": }")
    #expect(errorOf(reply)?.code == -32700)
    guard case .object(let place)? = reply?["error"]?["data"]?["where"] else {
      Issue.record("no where")
      return
    }
    #expect(place["line"]?.double == 2)
    #expect(place["column"]?.double == 21)
    #expect(place["offset"]?.double == 39)
    #expect(reply?["id"] == .null)
  }

  @Test func invalidRequests() throws {
    #expect(errorOf(try call(#"{"id": 1, "method": "sdk.version"}"#))?.what == ["missingKey"])
    #expect(errorOf(try call(#"{"jsonrpc": "1.0", "id": 1, "method": "sdk.version"}"#))?.code == -32600)
    #expect(errorOf(try call(#"{"jsonrpc": "2.0", "id": 1, "method": 3}"#))?.paths == ["$.method"])
    #expect(errorOf(try call(#"{"jsonrpc": "2.0", "id": [1], "method": "sdk.version"}"#))?.paths == ["$.id"])
    #expect(
      errorOf(try call(#"{"jsonrpc": "2.0", "id": 1, "method": "sdk.version", "params": [1]}"#))?.paths == ["$.params"])
    #expect(
      errorOf(try call(#"{"jsonrpc": "2.0", "id": 1, "method": "sdk.version", "extra": 1}"#))?.what == ["unknownKey"])
    #expect(errorOf(try call("42"))?.code == -32600)
    #expect(errorOf(try call("[]"))?.what == ["emptyBatch"])
  }

  @Test func unknownMethodSuggestsTheClosest() throws {
    let reply = try call(request("risk.asess"))
    #expect(errorOf(reply)?.code == -32601)
    #expect(reply?["error"]?["data"]?["why"]?.string?.contains("Did you mean 'risk.assess'?") == true)
  }

  @Test func invalidParamsAreAllReportedWithPaths() throws {
    let reply = try call(
      request("score", #"{"instrument": "wai-sr", "csv": "item1\n1", "idColumm": "r", "impute": "most"}"#))
    let e = errorOf(reply)
    #expect(e?.code == -32602)
    #expect(e?.what.sorted() == ["invalidValue", "unknownKey"])
    #expect(e?.paths.sorted() == ["$.params", "$.params.impute"])
  }

  @Test func unusableDataHasItsOwnCode() throws {
    let reply = try call(request("score", #"{"instrument": "wai-sr", "csv": "a,b\n1,2\n"}"#))
    #expect(errorOf(reply)?.code == RPCError.unusableDataCode)
    #expect(errorOf(reply)?.what == ["missingColumns"])
  }

  @Test func notificationsGetNoResponse() throws {
    #expect(RPCDispatcher().respond(to: #"{"jsonrpc":"2.0","method":"sdk.version"}"#) == nil)
    #expect(RPCDispatcher().respond(to: #"{"jsonrpc":"2.0","method":"no.such.method"}"#) == nil)
    #expect(
      RPCDispatcher().respond(to: #"[{"jsonrpc":"2.0","method":"sdk.version"},{"jsonrpc":"2.0","method":"score"}]"#)
        == nil)
  }

  @Test func batchAnswersInOrderAndSkipsNotifications() throws {
    let reply = try call(
      #"[{"jsonrpc":"2.0","id":"a","method":"sdk.version"}, {"jsonrpc":"2.0","method":"sdk.version"}, 7, {"jsonrpc":"2.0","id":"c","method":"nope"}]"#
    )
    let responses = reply?.array ?? []
    #expect(responses.count == 3)
    #expect(responses[0]["id"]?.string == "a")
    #expect(responses[0]["result"] != nil)
    #expect(errorOf(responses[1])?.code == -32600)
    #expect(errorOf(responses[1])?.paths == ["$[2]"])
    #expect(errorOf(responses[2])?.code == -32601)
    #expect(responses[2]["id"]?.string == "c")
  }

  @Test func batchPathsNameTheElement() throws {
    let reply = try call(#"[{"jsonrpc":"2.0","id":1,"method":"instruments.get","params":{}}]"#)
    #expect(errorOf(reply?[0])?.paths == ["$[0].params"])
  }

  @Test func batchLimit() throws {
    let batch = "[" + Array(repeating: request("sdk.version"), count: 3).joined(separator: ",") + "]"
    #expect(errorOf(try call(batch, limits: RPCLimits(maximumBatchCount: 2)))?.what == ["tooLarge"])
  }
}

/// Any bytes get an answer: the protocol never traps, recurses on depth or grows without bound.
@Suite("JSON-RPC robustness")
struct RobustnessTests {
  func reply(_ bytes: [UInt8], limits: RPCLimits = RPCLimits()) throws -> JSONValue? {
    guard let out = RPCDispatcher(limits: limits).respond(to: bytes) else { return nil }
    return try JSONValue.read(out, with: .requests)
  }

  @Test func emptyAndBlank() throws {
    #expect(errorOf(try reply([]))?.code == -32700)
    #expect(errorOf(try reply(Array("  \n ".utf8)))?.code == -32700)
  }

  @Test func invalidUTF8() throws {
    for bytes: [UInt8] in [
      [0xFF], [0x22, 0xC3, 0x28, 0x22], Array(#"{"jsonrpc":"2.0","id":"\#u{0}"#.utf8) + [0xED, 0xA0, 0x80, 0x22, 0x7D],
    ] {
      let e = try reply(bytes)
      #expect(errorOf(e)?.code == -32700, "\(bytes)")
    }
  }

  @Test func hundredThousandDeepNestingIsRefusedWithoutRecursion() throws {
    let deep = Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
    let e = try reply(deep)
    #expect(errorOf(e)?.code == -32700)
    #expect(e?["error"]?["data"]?["why"]?.string == "nesting is deeper than 128 levels.")
    let objects = Array(repeating: Array(#"{"a":"#.utf8), count: 100_000).flatMap { $0 }
    #expect(errorOf(try reply(objects))?.code == -32700)
  }

  @Test func nestingWithinTheLimitIsRead() throws {
    let text = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
    let value = try JSONValue.read(Array(text.utf8), with: .requests)
    var depth = 0
    var v = value
    while case .array(let a) = v {
      depth += 1
      v = a.first ?? .null
    }
    #expect(depth == 128)
    // The writer is iterative too: a deep tree is written back without recursion.
    #expect(JSONOut(value).text == text)
  }

  @Test func overLongRequestIsRefusedBeforeParsing() throws {
    let big =
      Array(#"{"jsonrpc":"2.0","id":1,"method":"score","params":{"csv":""#.utf8)
      + Array(repeating: UInt8(ascii: "a"), count: 2_000_000) + Array(#""}}"#.utf8)
    let e = try reply(big, limits: RPCLimits(maximumRequestBytes: 1 << 20))
    #expect(errorOf(e)?.what == ["tooLarge"])
  }

  /// A parse error says where: line, column, byte offset and the JSON path being read; a repeated key
  /// names both places.
  @Test func parseErrorsAreLocated() throws {
    let e = try reply(Array("{\"jsonrpc\":\"2.0\",\"id\":1,\n\"params\":{\"min\": 01}}".utf8))
    let at = e?["error"]?["data"]?["where"]
    #expect(at?["path"]?.string == "$.params.min")
    #expect(at?["line"]?.double == 2 && at?["column"]?.double == 18 && at?["offset"]?.double == 42)
    #expect(e?["error"]?["data"]?["why"]?.string == "a number cannot have a leading zero.")
    let twice = try reply(Array(#"{"id":1,"id":2}"#.utf8))
    #expect(twice?["error"]?["data"]?["where"]?["path"]?.string == "$")
    #expect(
      twice?["error"]?["data"]?["why"]?.string?.contains(
        "the key 'id' appears twice in one object, at line 1, column 2 and line 1, column 9") == true)
  }

  @Test func syntaxErrors() throws {
    let cases = [
      #"{"a":01}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":1e999}"#, #"{"a" 1}"#, #"{"a":1,}"#, #"[1 2]"#,
      "[1,]",
      #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800x"}"#, "{\"a\":\"tab\there\"}", "tru", "nul",
      #"{"a":1,"a":2}"#,
      #"{"a":1} x"#, #""open"#, "{1:2}",
    ]
    for text in cases {
      #expect(errorOf(try reply(Array(text.utf8)))?.code == -32700, "\(text)")
    }
  }

  @Test func escapesRoundTrip() throws {
    let text = #"["a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\u2028"]"#
    guard case .array(let a) = try JSONValue.read(Array(text.utf8), with: .requests), case .string(let s)? = a.first
    else {
      Issue.record("not read")
      return
    }
    #expect(s == "a\"b\\c/d\u{8}\u{C}\n\r\té😀\u{2028}")
    #expect(JSONOut.string(s).text == #""a\"b\\c/d\u0008\u000c\n\r\té😀\u2028""#)
  }

  /// Random bytes and random mutations of valid requests: every input gets exactly one valid JSON
  /// response (or none, for a notification).
  @Test func randomBytesAlwaysGetAValidAnswer() throws {
    var rng = SplitMix(seed: 20_261_204)
    let valid = Array(request("score", #"{"scales":{"A":["x","-y"]},"min":1,"max":4,"rows":[{"x":1,"y":null}]}"#).utf8)
    for round in 0..<2000 {
      var bytes: [UInt8]
      if round % 2 == 0 {
        bytes = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      } else {
        bytes = valid
        for _ in 0..<Int(1 + rng.next() % 4) {
          let i = Int(rng.next() % UInt64(bytes.count))
          bytes[i] = UInt8(truncatingIfNeeded: rng.next())
        }
      }
      if let out = RPCDispatcher().respond(to: bytes) {
        let value = try JSONValue.read(out, with: .requests)
        #expect(value["jsonrpc"]?.string == "2.0" || value.array != nil)
      }
    }
  }
}

/// A small deterministic generator for the fuzz test.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// −32603 cannot be provoked from outside (it marks an SDK failure); its JSON form is checked here.
@Suite("internal error form")
struct InternalErrorTests {
  @Test func internalErrorIsAValidErrorObject() throws {
    let error = RPCError(
      code: RPCError.internalErrorCode, message: "Internal error",
      problems: [.at("$", "encoding", "the result could not be encoded.")])
    let value = try JSONValue.read(
      JSONOut.object([("jsonrpc", .string("2.0")), ("id", .int(3)), ("error", error.json)]).bytes, with: .requests)
    #expect(errorOf(value)?.code == -32603)
    #expect(value["error"]?["data"]?["why"]?.string == "the result could not be encoded.")
    #expect(value["error"]?["data"]?["where"]?["path"]?.string == "$")
  }
}
