import AssessmentEngine

extension CLIError {
  /// A response table that could not be streamed, with the library's location fields: the file and
  /// the system's reason, or the header issue's line and column (exit status 66).
  init(_ error: ResponseStreamError) {
    switch error {
    case .unreadable(let e): self = .unreadable(e)
    case .invalidTable(let issue, let source): self.init(issue, file: source, status: .unreadableInput)
    case .notRewindable(let source):
      self.init(
        .unreadableFile, .init(file: source),
        why: "the input cannot be read a second time (standard input or a pipe).")
    case .statistics(let e, let source):
      self.init(.unreadableTable, status: .unreadableInput, .init(file: source), why: e.description)
    case .scoring(let e, let source): self = .internalError(e.description, file: source)
    }
  }
}

extension CommandFailure {
  /// A response table that could not be streamed (see ``CLIError/init(_:)``).
  static func streamFailed(_ error: ResponseStreamError) -> CommandFailure { .failed(CLIError(error)) }
}
