import AssessmentEngine

extension CommandFailure {
  /// A response table that could not be streamed: exit status 66 with the library's
  /// `file:line:column: error:` message.
  static func streamFailed(_ error: ResponseStreamError) -> CommandFailure {
    .failed(.unreadableInput, [error.description])
  }
}
