/// Where a response table comes from: a file, bytes in memory, standard input or a descriptor.
///
/// A ``ResponseStream`` opens the source once and reads it in chunks. Files can be read again by
/// seeking back to the start; standard input, pipes and descriptors cannot, so a two-pass analysis
/// keeps their bytes in memory on the first pass (see ``ResponseStream/forEachBatch(keepingForAnotherPass:_:)``).
public enum ResponseSource: Sendable, Hashable {
  /// A file on disk.
  case file(path: String)
  /// A whole table already in memory; `name` is what messages call it.
  case bytes([UInt8], name: String)
  /// The process's standard input.
  case standardInput
  /// An open file descriptor the caller keeps owning (it is never closed by the stream).
  case descriptor(Int32, name: String)

  /// A source as a command line names it: `-` is standard input, anything else a file path.
  public init(path: String) {
    self = path == "-" ? .standardInput : .file(path: path)
  }

  /// What messages call the source: the path, `-` for standard input, or the given name.
  public var name: String {
    switch self {
    case .file(let path): path
    case .bytes(_, let name): name
    case .standardInput: "-"
    case .descriptor(_, let name): name
    }
  }
}

/// Why a response table could not be streamed. Row problems are not errors: they arrive as
/// ``InputIssue``s in each ``ResponseBatch`` and the stream goes on.
public enum ResponseStreamError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The source could not be opened or read (the path and the system's reason).
  case unreadable(FileOpenError)
  /// The table cannot be used at all (an empty file, missing item columns, a bad header, an
  /// unreadable SPSS dictionary): the issue and the source's name.
  case invalidTable(InputIssue, source: String)
  /// Another pass was asked of input that cannot be read twice (standard input, a pipe) and was not
  /// kept in memory on the first pass.
  case notRewindable(source: String)
  /// The moment sums would overflow (``ReliabilityError/capacityExceeded(rows:)``), or the
  /// accumulator's layout does not fit the stream's columns.
  case statistics(ReliabilityError, source: String)
  /// The scoring plan is for other columns or another response scale than the stream's (nothing was read).
  case scoring(ScoringError, source: String)

  /// A `file:line:column: error: …` message (the house format of every tool message).
  public var description: String {
    switch self {
    case .unreadable(let error): error.description
    case .invalidTable(let issue, let source): issue.rendered(file: source)
    case .notRewindable(let source):
      "\(source): error: the input cannot be read a second time (standard input or a pipe); keep it for another pass."
    case .statistics(let error, let source): "\(source): error: \(error.description)"
    case .scoring(let error, let source): "\(source): error: \(error.description)"
    }
  }
}

/// Counts over one pass of a ``ResponseStream``.
public struct ResponseStreamSummary: Sendable, Hashable, Codable {
  /// Data rows read (accepted + rejected; blank lines are not rows).
  public var rowsRead = 0
  /// Rows accepted into the batches' matrices.
  public var rowsAccepted = 0
  /// Rows rejected (each with at least one issue).
  public var rowsRejected = 0
  /// Issues reported (rejected rows and out-of-range cells read as missing).
  public var issueCount = 0

  /// Zero counts.
  public init() {}

  mutating func add(_ batch: ResponseBatch) {
    rowsRead += batch.rowsRead
    rowsAccepted += batch.matrix.rowCount
    rowsRejected += batch.rowsRejected
    issueCount += batch.issues.count
  }
}
