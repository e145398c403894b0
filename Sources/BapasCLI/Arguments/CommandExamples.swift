/// One runnable example per subcommand, printed at the end of its `--help` (the commands run on the
/// repository's own samples; `CommandExamplesTests` runs each of them).
enum CommandExamples {
  static let byCommand: [String: [String]] = [
    "score": ["bapas score Samples/wai-sr-sample.csv --instrument wai-sr --id-column respondent --output scores.csv"],
    "reliability": ["bapas reliability Samples/wai-sr-sample.csv --instrument wai-sr"],
    "change": [
      "bapas change Samples/wai-sr-sample.csv Samples/wai-sr-post.csv --id-column respondent --instrument wai-sr --reliability Total=0.85 --sd Total=6.2 --metric sum"
    ],
    "instruments": ["bapas instruments"],
    "alliance": [
      "bapas alliance Samples/alliance-sessions.csv --instrument wai-sr --id-column client --session-column session --rater-column rater --date-column date"
    ],
    "assertive": ["bapas assertive report Documentation/Samples/assertive/group.json --language en"],
    "risk": ["bapas risk Documentation/Samples/risk/rnr8-clients.csv --instrument rnr8 --plan"],
    "validate-risk": ["bapas validate-risk Documentation/Samples/risk/validation.csv --band-column band"],
  ]
}

extension CommandSpec {
  /// The `EXAMPLE` section of the help, or nothing.
  var examplesText: String {
    guard let examples = CommandExamples.byCommand[name], !examples.isEmpty else { return "" }
    return "\nEXAMPLE:\n" + examples.map { "  " + $0 + "\n" }.joined()
  }
}
