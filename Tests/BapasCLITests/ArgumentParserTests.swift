import Testing

@testable import BapasCLI

@Suite("Argument parser")
struct ArgumentParserTests {
  let spec = CommandSpec(
    name: "demo", abstract: "Demo.",
    positionals: [.init(name: "file", help: "Input.")],
    options: [
      .init(name: "format", valueName: "format", help: "Output format."),
      .init(name: "scale", valueName: "key", help: "A scale.", repeatable: true),
      .init(name: "verbose", valueName: nil, help: "Talk."),
    ])

  @Test func parsesValuesFlagsAndPositionals() throws {
    let p = try spec.parse(["in.csv", "--format=json", "--scale", "A=x", "--scale", "B=y", "--verbose"])
    #expect(p.positionals == ["in.csv"])
    #expect(p.value("format") == "json")
    #expect(p.all("scale") == ["A=x", "B=y"])
    #expect(p.flag("verbose"))
  }

  @Test func unknownOptionSuggestsTheClosest() {
    #expect(throws: UsageError.unknownOption("--fromat", suggestion: "--format")) {
      try spec.parse(["in.csv", "--fromat", "csv"])
    }
  }

  @Test func missingValueAndArgument() {
    #expect(throws: UsageError.missingValue(option: "format", valueName: "format")) {
      try spec.parse(["in.csv", "--format"])
    }
    #expect(throws: UsageError.missingArgument("file")) { try spec.parse([]) }
    #expect(throws: UsageError.unexpectedArgument("b.csv")) { try spec.parse(["a.csv", "b.csv"]) }
  }

  @Test func messagesReadAsSentences() {
    #expect(
      UsageError.invalidValue(option: "min", value: "x", expected: "an integer").description
        == "The value 'x' is invalid for '--min': expected an integer.")
  }
}

/// `bapas serve` needs its transport named (the protocol itself is tested in PemasyarakatanRPCTests).
@Suite("bapas serve")
struct ServeCommandTests {
  @Test func withoutStdioIsAUsageError() {
    let io = CommandIO(stdout: OutputSink(), stderr: OutputSink())
    #expect(BapasCommandLine.run(arguments: ["serve"], io: io) == .usage)
    io.stderr.flush()
    #expect(io.stderr.text.contains("--stdio"))
  }
}
