import AssessmentEngine

/// A buffered byte sink: a file descriptor (stdout, stderr), an output file written atomically, or,
/// in tests, memory.
///
/// An output file is never written in place: the bytes go to a temporary file beside the target
/// (`.NAME.bapas-PID-N.tmp`, same directory, so the same file system), which ``finish()`` flushes to
/// the device (`fsync`) and renames over the target. Until then the target, if it exists, is
/// untouched; a run that fails (or is killed) never leaves a truncated or half-written target, and a
/// failed run removes its temporary file (``abandon()``). Identity is the point (one buffer per
/// destination, flushed once), so this is a class.
public final class OutputSink {
  private var buffer: [UInt8] = []
  private var fd: Int32?
  private let closeOnFinish: Bool
  /// For an atomic file: the temporary path and the target it replaces.
  private var atomic: (temporary: String, target: String)?
  /// Everything written, when the sink captures to memory.
  public private(set) var captured: [UInt8] = []
  /// Set when a write to the file descriptor failed (disk full, closed pipe), or the final rename did.
  public private(set) var failed = false
  /// Whether text written is a diagnostic stream: control characters other than line breaks and
  /// tabs are written out as escapes, so no message can drive the terminal.
  var escapesControlCharacters = false

  /// A sink that writes to a file descriptor.
  public init(fileDescriptor: Int32, closeOnFinish: Bool = false) {
    self.fd = fileDescriptor
    self.closeOnFinish = closeOnFinish
    buffer.reserveCapacity(1 << 16)
  }

  /// A sink that keeps what is written in ``captured``.
  public init() {
    self.fd = nil
    self.closeOnFinish = false
  }

  nonisolated(unsafe) private static var temporaryCounter = 0

  /// Starts an atomic write of `target`: creates a new temporary file beside it. The error is the
  /// system's reason when the directory does not take a new file.
  static func atomicFile(target: String) -> Result<OutputSink, SystemReason> {
    let slash = target.lastIndex(of: "/")
    let directory = slash.map { String(target[...$0]) } ?? ""
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    for _ in 0..<100 {
      temporaryCounter += 1
      let temporary = "\(directory).\(name).bapas-\(Platform.processID)-\(temporaryCounter).tmp"
      if let fd = Platform.createExclusive(temporary) {
        let sink = OutputSink(fileDescriptor: fd, closeOnFinish: true)
        sink.atomic = (temporary, target)
        return .success(sink)
      }
      if Platform.identity(temporary) == nil { break }  // not a name clash: the directory refuses
    }
    return .failure(SystemReason(text: Platform.lastErrorText))
  }

  /// The captured bytes as text.
  public var text: String { String(decoding: captured, as: UTF8.self) }

  /// Appends text.
  public func write(_ text: String) {
    var text = escapesControlCharacters ? escapingControlCharacters(text, keepingLineBreaks: true) : text
    text.withUTF8 { append($0) }
  }

  /// Appends raw bytes.
  public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    // Large blocks go straight to the descriptor rather than through the buffer.
    if bytes.count >= 1 << 15, let fd {
      flush()
      writeAll(fd, UnsafeRawBufferPointer(bytes))
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  private func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) {
    guard let start = raw.baseAddress, !failed else { return }
    if !Platform.writeAll(fd, start, raw.count) { failed = true }
  }

  /// Appends raw bytes.
  public func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Writes out what is buffered.
  public func flush() {
    guard !buffer.isEmpty else { return }
    if let fd {
      buffer.withUnsafeBytes { writeAll(fd, $0) }
    } else {
      captured.append(contentsOf: buffer)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and, for a file opened by the CLI, closes it; an atomic file is synced to the device
  /// and renamed over its target (or, when anything failed, removed, leaving the target as it was).
  func finish() {
    flush()
    guard closeOnFinish, let fd else { return }
    if let atomic {
      if !failed, !Platform.sync(fd) { failed = true }
      if !Platform.close(fd) { failed = true }
      self.fd = nil
      if !failed, Platform.rename(atomic.temporary, atomic.target) {
        let slash = atomic.target.lastIndex(of: "/")
        Platform.syncDirectory(slash.map { String(atomic.target[...$0]) } ?? ".")
      } else {
        failed = true
        Platform.remove(atomic.temporary)
      }
      self.atomic = nil
    } else {
      Platform.close(fd)
      self.fd = nil
    }
  }

  /// Drops an unfinished atomic file: closes and removes the temporary file; the target is untouched.
  func abandon() {
    guard let atomic else { return }
    if let fd { Platform.close(fd) }
    fd = nil
    Platform.remove(atomic.temporary)
    self.atomic = nil
  }

  /// Whether an atomic file is still waiting for ``finish()``.
  var isPending: Bool { atomic != nil }
}

/// The system's reason for a failed call.
struct SystemReason: Error, CustomStringConvertible {
  let text: String
  var description: String { text }
}
