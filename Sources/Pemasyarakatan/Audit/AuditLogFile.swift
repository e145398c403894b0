import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An audit log on disk as JSON Lines, appended safely.
///
/// ``append(_:)`` reads the file and refuses to write unless the new entry continues its chain (its
/// `previousHash` is the last entry's hash and its sequence the next number), so a stale writer cannot
/// fork the chain silently. It then writes the old bytes plus the new line to a temporary file beside
/// the log and renames it over the log: a reader sees the old log or the new one, never half a line,
/// and a crash leaves the old log whole.
///
/// One writer at a time: there is no lock across processes, so two processes appending at once can
/// lose an entry (the second rename wins). Let one process own the log, or serialise appends.
///
/// - Complexity: ``append(_:)`` is O(*n*) in the size of the log (the file is rewritten); fine for the
///   thousands of steps a Bapas takes in a year. Rotate logs per year if they grow beyond that.
public struct AuditLogFile: Sendable {
  /// The file's path.
  public let path: String

  /// A log at `path` (created by the first ``append(_:)``).
  public init(path: String) { self.path = path }

  /// Reads and parses the whole log.
  public func read() throws(AuditLogError) -> AuditTrail {
    guard FileManager.default.fileExists(atPath: path) else { return AuditTrail() }
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
    switch AuditTrail.parse(jsonLines: data) {
    case .success(let trail): return trail
    case .failure(let b): throw .broken(b)
    }
  }

  /// Appends `entry` (made by ``AuditTrail/append(at:actor:action:subject:before:after:)`` on the
  /// trail read from this file) and flushes it to disk.
  ///
  /// - Throws: ``AuditLogError/doesNotContinue(expectedSequence:expectedPreviousHash:)`` when the entry
  ///   does not follow the file's last entry; ``AuditLogError/broken(_:)`` for a torn last line; I/O errors.
  public func append(_ entry: AuditEntry) throws(AuditLogError) {
    let trail = try read()
    guard entry.sequence == trail.count, entry.previousHash == trail.headHash, entry.computedHash == entry.hash else {
      throw .doesNotContinue(expectedSequence: trail.count, expectedPreviousHash: trail.headHash)
    }
    var bytes = FileManager.default.contents(atPath: path) ?? Data()
    bytes.append(contentsOf: Array((entry.line + "\n").utf8))
    do { try bytes.write(to: URL(fileURLWithPath: path), options: .atomic) } catch { throw .unwritable(path: path) }
  }
}

/// Why an audit log could not be read or appended to.
public enum AuditLogError: Error, Sendable, Hashable, RedactableDescription {
  /// The file exists but cannot be read.
  case unreadable(path: String)
  /// The file cannot be created or written.
  case unwritable(path: String)
  /// A line of the file is not an audit entry.
  case broken(AuditBreak)
  /// The entry does not continue the file's chain.
  case doesNotContinue(expectedSequence: Int, expectedPreviousHash: String)

  /// One sentence.
  public var description: String {
    switch self {
    case .unreadable(let p): "\(p): the audit log cannot be read."
    case .unwritable(let p): "\(p): the audit log cannot be written."
    case .broken(let b): "the audit log is broken at \(b.description)"
    case .doesNotContinue(let s, let h):
      "the entry does not continue the log: expected sequence \(s) after hash \(h.prefix(12))…; re-read the log and append again."
    }
  }
}
