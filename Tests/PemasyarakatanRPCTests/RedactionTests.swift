import AssessmentEngine
import Testing

@testable import PemasyarakatanRPC

/// Under ``MessageDetail/redacted`` (`bapas serve --redact`) no problem the server returns quotes the
/// data it is about: client and respondent ids, cell values, dates and free text given for a choice.
/// Results still carry ids (the caller needs them to match results to clients); only messages and
/// problems' `value` fields are redacted.
@Suite("JSON-RPC under --redact")
struct RPCRedactionTests {
  static let header = "respondent," + (1...12).map { "item\($0)" }.joined(separator: ",")
  static let answers = "1,2,3,4,5,1,2,3,4,5,1,2"
  static let client =
    #"{"client":"SITI-AMINAH-2009","gender":"female","ageGroup":"adult","age":30,"responsivity":[],"answers":{"ch1":1,"ch2":"no","ch3":1,"ap1":0,"ap2":"no","ac1":1,"ac2":0,"as1":1,"as2":"no","fm1":3,"fm2":"no","sw1":"yes","sw2":1,"sw3":1,"lr1":"no","lr2":2,"sa1":2,"sa2":"yes"}}"#

  /// Requests whose problems name data: a repeated client id, cell values that are not whole numbers
  /// or are out of range (CSV and rows), a date and a choice given as free text, a repeated
  /// respondent id. The secrets are "SITI-AMINAH-2009", "Budi", "04/03/2009", "x", "9" and "2.5".
  static let requests: [String] = [
    request("risk.assess", #"{"instrument":"rnr8","clients":[\#(client),\#(client)]}"#),
    request(
      "score",
      #"{"instrument":"wai-sr","idColumn":"respondent","csv":"\#(header)\nK-1,1,x,3,4,5,1,2,3,4,5,1,2.5\nK-2,1,9,3,4,5,1,2,3,4,5,1,2\n"}"#
    ),
    request("score", #"{"instrument":"wai-sr","rows":[{"item1":2.5,"item2":"Budi","item3":9}]}"#),
    request(
      "calendar.integration",
      #"{"sentence":{"countingStart":"2023-01-10","length":{"years":3}},"asOf":"04/03/2009 Budi","remission":"Budi Santoso"}"#
    ),
    request(
      "change",
      #"{"instrument":"wai-sr","idColumn":"respondent","reliability":0.8,"sd":5,"pre":{"csv":"\#(header)\nSITI-AMINAH-2009,\#(answers)\nSITI-AMINAH-2009,\#(answers)\n"},"post":{"csv":"\#(header)\nSITI-AMINAH-2009,\#(answers)\n"}}"#
    ),
  ]

  /// Every problem (in `error.data.problems` or `result.problems`) of a response, as text.
  static func problems(_ reply: String) throws -> [String] {
    let document = try JSONValue.read(Array(reply.utf8), with: .requests)
    var out: [String] = []
    for list in [document["error"]?["data"]?["problems"], document["result"]?["problems"]] {
      if case .array(let items)? = list { out += items.map { JSONOut($0).text } }
    }
    return out
  }

  @Test func problemsQuoteNoDataWhenRedacted() throws {
    let secrets = ["SITI-AMINAH-2009", "Budi", "04/03/2009", "'x'", "'9'", "2.5", #""value":"x""#, #""value":"9""#]
    var fullCount = 0
    for text in Self.requests {
      let full = try Self.problems(try #require(RPCDispatcher().respond(to: text)))
      let redacted = try Self.problems(
        try #require(Redaction.rendering(.redacted) { RPCDispatcher().respond(to: text) }))
      #expect(!full.isEmpty && full.count == redacted.count, "\(text.prefix(60))")
      fullCount += full.count
      for problem in redacted {
        for secret in secrets { #expect(!problem.contains(secret), "\(problem)") }
      }
      // The same problems at full detail do quote the data (so the check above is not vacuous).
      #expect(full.contains { p in secrets.contains { p.contains($0) } }, "\(full)")
    }
    #expect(fullCount == 10)  // 1 + 3 + 3 + 2 + 1, one per request line above
  }

  @Test func resultsKeepTheirIds() throws {
    let text = request(
      "score", #"{"instrument":"wai-sr","idColumn":"respondent","csv":"\#(Self.header)\nK-7,\#(Self.answers)\n"}"#)
    let reply = try #require(Redaction.rendering(.redacted) { RPCDispatcher().respond(to: text) })
    let document = try JSONValue.read(Array(reply.utf8), with: .requests)
    #expect(document["result"]?["scores"]?[0]?["id"]?.string == "K-7")
  }
}
