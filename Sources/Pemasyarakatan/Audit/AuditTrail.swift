import AssessmentEngine
import _SDKSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One state-changing step: who, in what role, did what to which case, when, and the state before and
/// after; chained to the previous entry by its SHA-256.
///
/// On disk each entry is one line of JSON with the keys in this order (JSON Lines):
/// ```json
/// {"sequence":0,"at":"2025-01-30T09:00:00+07:00","officerID":"1987…","role":"pk","action":"beginGuidance",
///  "subject":"DPS-2025-0142","before":"penerimaan","after":"tahapAwal",
///  "previousHash":"0000…0000","hash":"9f2c…"}
/// ```
/// `hash` is the SHA-256 (lowercase hex) of the line's text up to and including the `previousHash`
/// value, closed with `}` — the entry without its own hash. `previousHash` is the previous entry's
/// `hash`, or 64 zeros for the first entry.
public struct AuditEntry: Sendable, Hashable, Codable {
  /// 0-based position in the log.
  public var sequence: Int
  /// When the step was taken.
  public var at: AuditTimestamp
  /// Who took it.
  public var officerID: OfficerID
  /// In what role.
  public var role: BapasRole
  /// What was done (a ``ProtectedAction`` name).
  public var action: String
  /// The case (or other record) it was done to.
  public var subject: String
  /// The state before (e.g. the stage), if any.
  public var before: String?
  /// The state after.
  public var after: String?
  /// The previous entry's ``hash`` (64 zeros for the first entry).
  public var previousHash: String
  /// The SHA-256 of this entry without this field.
  public var hash: String

  /// The hash of the first entry's predecessor.
  public static let genesis = String(repeating: "0", count: 64)

  /// The line without `hash`, whose SHA-256 is ``hash``.
  ///
  /// Strings go through the package's one JSON string writer with U+2028/U+2029 left raw: entry
  /// hashes are taken over these exact bytes, and logs written before the writer escaped those two
  /// characters must still verify.
  var unsealedLine: String {
    func text(_ s: String) -> String { JSONString.literal(s, escapingLineSeparators: false) }
    func opt(_ s: String?) -> String { s.map(text) ?? "null" }
    return
      "{\"sequence\":\(sequence),\"at\":\(text(at.text)),\"officerID\":\(text(officerID.rawValue)),\"role\":\(text(role.rawValue)),"
      + "\"action\":\(text(action)),\"subject\":\(text(subject)),\"before\":\(opt(before)),\"after\":\(opt(after)),"
      + "\"previousHash\":\(text(previousHash))}"
  }

  /// The SHA-256 this entry's fields give (compare with ``hash``).
  public var computedHash: String { SHA256.hex(Array(unsealedLine.utf8)) }

  /// The entry as one JSON line (without the newline).
  public var line: String {
    String(unsealedLine.dropLast()) + ",\"hash\":\(JSONString.literal(hash, escapingLineSeparators: false))}"
  }
}

/// An append-only, hash-chained log of state-changing steps (``AuditEntry``).
///
/// The chain shows an edited, removed or reordered entry (``verify()`` names the first broken one). It
/// cannot show entries cut off the end, nor a log rewritten from scratch: keep ``headHash`` and ``count``
/// somewhere else and pass them to ``verify(expecting:)``.
public struct AuditTrail: Sendable, Hashable {
  /// The entries, oldest first.
  public private(set) var entries: [AuditEntry]

  /// An empty log.
  public init() { entries = [] }

  /// A log as read back (e.g. from ``parse(jsonLines:)``); not checked until ``verify()``.
  public init(entries: [AuditEntry]) { self.entries = entries }

  /// The hash of the last entry (``AuditEntry/genesis`` for an empty log).
  public var headHash: String { entries.last?.hash ?? AuditEntry.genesis }

  /// The number of entries.
  public var count: Int { entries.count }

  /// Appends a step and returns the sealed entry.
  @discardableResult
  public mutating func append(
    at: AuditTimestamp, actor: Actor, action: String, subject: String, before: String?, after: String?
  ) -> AuditEntry {
    var e = AuditEntry(
      sequence: entries.count, at: at, officerID: actor.officerID, role: actor.role, action: action, subject: subject,
      before: before, after: after, previousHash: headHash, hash: "")
    e.hash = e.computedHash
    entries.append(e)
    return e
  }

  /// The first broken entry, or `nil` when the chain is intact.
  ///
  /// Checks, entry by entry: the sequence number is its position, its hash matches its fields, and its
  /// previous hash is the previous entry's hash.
  ///
  /// - Complexity: O(*n*) in the total size of the entries.
  public func verify() -> AuditBreak? {
    var previous = AuditEntry.genesis
    for (i, e) in entries.enumerated() {
      if e.sequence != i { return AuditBreak(index: i, reason: .sequenceMismatch(expected: i, found: e.sequence)) }
      if e.computedHash != e.hash { return AuditBreak(index: i, reason: .contentChanged) }
      if e.previousHash != previous { return AuditBreak(index: i, reason: .chainBroken) }
      previous = e.hash
    }
    return nil
  }

  /// ``verify()``, and then that the log ends where `anchor` says (it was not cut short).
  public func verify(expecting anchor: AuditAnchor) -> AuditBreak? {
    if let b = verify() { return b }
    if count < anchor.count {
      return AuditBreak(index: count, reason: .truncated(expectedCount: anchor.count, found: count))
    }
    guard anchor.count >= 1 else { return nil }
    let e = entries[anchor.count - 1]
    return e.hash == anchor.headHash ? nil : AuditBreak(index: anchor.count - 1, reason: .headMismatch)
  }

  /// The log as JSON Lines (each entry's ``AuditEntry/line`` and a newline).
  public var jsonLines: String { entries.map { $0.line + "\n" }.joined() }

  /// Reads JSON Lines. A line that is not an entry is an ``AuditBreak`` with its 0-based index (a torn
  /// last line after a crash shows here).
  public static func parse(jsonLines data: Data) -> Result<AuditTrail, AuditBreak> {
    var entries: [AuditEntry] = []
    let bytes = [UInt8](data)
    var start = 0
    var index = 0
    let decoder = JSONDecoder()
    while start < bytes.count {
      guard let end = bytes[start...].firstIndex(of: 0x0a) else {
        return .failure(
          AuditBreak(
            index: index, reason: .malformedLine(detail: "the last line has no newline: the log was cut off mid-entry"))
        )
      }
      let line = bytes[start..<end]
      start = end + 1
      if line.isEmpty { return .failure(AuditBreak(index: index, reason: .malformedLine(detail: "empty line"))) }
      do { entries.append(try decoder.decode(AuditEntry.self, from: Data(line))) } catch {
        return .failure(AuditBreak(index: index, reason: .malformedLine(detail: "not an audit entry")))
      }
      index += 1
    }
    return .success(AuditTrail(entries: entries))
  }
}

/// Where a log must end: the count and last hash, kept apart from the log.
public struct AuditAnchor: Sendable, Hashable, Codable {
  /// The number of entries.
  public var count: Int
  /// The hash of the last entry.
  public var headHash: String
  /// Creates an anchor.
  public init(count: Int, headHash: String) {
    self.count = count
    self.headHash = headHash
  }
}

/// The first entry at which a log is broken.
public struct AuditBreak: Error, Sendable, Hashable, Codable, RedactableDescription {
  /// The 0-based index of the entry (for a truncated log: the first missing one).
  public var index: Int
  /// What is wrong.
  public var reason: Reason

  /// What is wrong with an entry.
  public enum Reason: Sendable, Hashable, Codable {
    /// The entry's fields do not give its hash: it was edited.
    case contentChanged
    /// The entry's previous hash is not the previous entry's hash: an entry before it was removed, or
    /// edited with its hash recomputed, or the entries were reordered.
    case chainBroken
    /// The sequence number is not the position: entries were removed or reordered.
    case sequenceMismatch(expected: Int, found: Int)
    /// Fewer entries than the anchor records: entries were cut off the end.
    case truncated(expectedCount: Int, found: Int)
    /// The entry at the anchor's position does not have the anchor's hash.
    case headMismatch
    /// The line is not an audit entry.
    case malformedLine(detail: String)
  }

  /// `entry <index> (line <index+1>): <why>`.
  public var description: String {
    let why: String
    switch reason {
    case .contentChanged: why = "its content does not match its hash; it was changed after it was written."
    case .chainBroken:
      why = "its previous-entry hash does not match the entry before it; an entry was removed, reordered or rewritten."
    case .sequenceMismatch(let expected, let found):
      why = "its sequence number is \(found), expected \(expected); entries were removed or reordered."
    case .truncated(let expected, let found):
      why = "the log has \(found) entries but \(expected) were recorded; entries were cut off the end."
    case .headMismatch: why = "its hash is not the recorded head hash; the log was rewritten."
    case .malformedLine(let detail): why = "\(detail)."
    }
    return "entry \(index) (line \(index + 1)): \(why)"
  }
}
