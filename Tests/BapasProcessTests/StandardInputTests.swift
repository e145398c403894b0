import Foundation
import Testing

/// Standard input is a pipe: it cannot be rewound, so a command that needs two passes (item-mean
/// imputation) or every row at once (alliance series) must get from the library's response stream,
/// which keeps such input in memory, exactly what it gets from the same file on disk.
@Suite("bapas reading standard input")
struct StandardInputTests {
  /// Runs `bapas` with `input` on standard input (written while the process runs).
  static func bapas(_ arguments: [String], input: Data) throws -> BapasProcessTests.Run {
    let exe = try #require(BapasProcessTests.executable, "the bapas executable was not found")
    let process = Process()
    process.executableURL = exe
    process.arguments = arguments
    process.currentDirectoryURL = BapasProcessTests.packageRoot
    let stdin = Pipe()
    let out = Pipe()
    let err = Pipe()
    process.standardInput = stdin
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let writer = stdin.fileHandleForWriting
    Thread.detachNewThread {
      writer.write(input)
      try? writer.close()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return BapasProcessTests.Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static func sample(_ name: String) throws -> Data {
    try Data(contentsOf: BapasProcessTests.packageRoot.appendingPathComponent("Samples/\(name)"))
  }

  @Test(arguments: ["mean", "median"])
  func imputationFromStandardInputEqualsTheFile(impute: String) throws {
    let common = ["--instrument", "wai-sr", "--id-column", "respondent", "--impute", impute]
    let file = try BapasProcessTests.bapas(["score", "Samples/wai-sr-sample.csv"] + common)
    let piped = try Self.bapas(["score", "-"] + common, input: try Self.sample("wai-sr-sample.csv"))
    #expect(file.status == 0 && piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == file.stdout)
    #expect(piped.stdout.split(separator: "\n").count == 25)
  }

  @Test func allianceFromStandardInputEqualsTheFile() throws {
    let common = [
      "--instrument", "wai-sr", "--id-column", "client", "--session-column", "session", "--date-column", "date",
      "--rater-column", "rater",
    ]
    let file = try BapasProcessTests.bapas(["alliance", "Samples/alliance-sessions.csv"] + common)
    let piped = try Self.bapas(["alliance", "-"] + common, input: try Self.sample("alliance-sessions.csv"))
    #expect(file.status == 0 && piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == file.stdout)
    #expect(!piped.stdout.isEmpty)
  }
}

/// `bapas serve --stdio --redact`: the run-wide switch reaches the JSON-RPC server's messages.
@Suite("bapas serve --redact")
struct ServeRedactionTests {
  @Test func serveRedactsProblemsButKeepsResults() throws {
    let header = "respondent," + (1...12).map { "item\($0)" }.joined(separator: ",")
    let line =
      #"{"jsonrpc":"2.0","id":1,"method":"score","params":{"instrument":"wai-sr","idColumn":"respondent","csv":"\#(header)\nSITI-AMINAH-2009,1,2,3,4,5,1,2,3,4,5,1,2\nK-2,1,x,3,4,5,1,2,3,4,5,1,2\nK-3,9,2,3,4,5,1,2,3,4,5,1,2\n"}}"#
      + "\n"
    let plain = try StandardInputTests.bapas(["serve", "--stdio"], input: Data(line.utf8))
    let redacted = try StandardInputTests.bapas(["serve", "--stdio", "--redact"], input: Data(line.utf8))
    #expect(plain.status == 0 && redacted.status == 0, "\(redacted.stderr)")
    #expect(plain.stdout.contains("the value 'x' is not a whole number"))
    #expect(plain.stdout.contains(#""value":"9""#))
    #expect(!redacted.stdout.contains("'x'") && !redacted.stdout.contains(#""value":"x""#))
    #expect(!redacted.stdout.contains("'9'") && !redacted.stdout.contains(#""value":"9""#))
    #expect(redacted.stdout.contains("the value <redacted> is not a whole number"))
    // The scored row keeps its id: results are the caller's data, not a message.
    #expect(redacted.stdout.contains(#""id":"SITI-AMINAH-2009""#))
  }
}
