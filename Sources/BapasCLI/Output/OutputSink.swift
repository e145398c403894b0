import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A buffered byte sink: a file descriptor (stdout, stderr), an output file written atomically, or,
/// in tests, memory.
///
/// An output file is never written in place: the bytes go to a new file beside the target (same
/// directory, so the same file system) — on Linux an unnamed `O_TMPFILE` file, elsewhere a hidden
/// `.NAME.bapas-PID-N.tmp` — which ``finish()`` flushes to the device (`fsync`), names and renames
/// over the target. Until then the target, if it exists, is
/// untouched; a run that fails (or is killed) never leaves a truncated or half-written target, and a
/// failed run removes its temporary file (``abandon()``). Identity is the point (one buffer per
/// destination, flushed once), so this is a class.
package final class OutputSink {
  private var buffer: [UInt8] = []
  private var fd: Int32?
  private let closeOnFinish: Bool
  /// For an atomic file: the temporary path (`nil` while the file is unnamed, see ``atomicFile(target:)``)
  /// and the target it replaces.
  private var atomic: (temporary: String?, target: String)?
  /// Everything written, when the sink captures to memory.
  package private(set) var captured: [UInt8] = []
  /// Set when a write to the file descriptor failed (disk full, closed pipe), or the final rename did.
  package private(set) var failed = false
  /// Whether text written is a diagnostic stream: control characters other than line breaks and
  /// tabs are written out as escapes, so no message can drive the terminal.
  var escapesControlCharacters = false

  /// A sink that writes to a file descriptor.
  package init(fileDescriptor: Int32, closeOnFinish: Bool = false) {
    self.fd = fileDescriptor
    self.closeOnFinish = closeOnFinish
    buffer.reserveCapacity(1 << 16)
  }

  /// A sink that keeps what is written in ``captured``.
  package init() {
    self.fd = nil
    self.closeOnFinish = false
  }

  nonisolated(unsafe) private static var temporaryCounter = 0

  /// `.NAME.bapas-PID-N.tmp` beside `target`, unused so far.
  private static func temporaryName(for target: String) -> String? {
    let slash = target.lastIndex(of: "/")
    let directory = slash.map { String(target[...$0]) } ?? ""
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    temporaryCounter += 1
    return "\(directory).\(name).bapas-\(Platform.processID)-\(temporaryCounter).tmp"
  }

  /// Starts an atomic write of `target`: creates a new file beside it — on Linux an unnamed one
  /// (`O_TMPFILE`), so that a killed run leaves nothing behind; elsewhere a hidden temporary file.
  /// The error is the system's reason when the directory does not take a new file.
  static func atomicFile(target: String) -> Result<OutputSink, SystemReason> {
    let slash = target.lastIndex(of: "/")
    let directory = slash.map { String(target[...$0]) } ?? ""
    if let fd = Platform.createUnnamed(inDirectory: directory.isEmpty ? "." : directory) {
      let sink = OutputSink(fileDescriptor: fd, closeOnFinish: true)
      sink.atomic = (nil, target)
      return .success(sink)
    }
    for _ in 0..<100 {
      guard let temporary = temporaryName(for: target) else { break }
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
  package var text: String { String(decoding: captured, as: UTF8.self) }

  /// Appends text.
  package func write(_ text: String) {
    var text = escapesControlCharacters ? escapingControlCharacters(text, keepingLineBreaks: true) : text
    text.withUTF8 { append($0) }
  }

  /// Appends raw bytes.
  package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
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
  package func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Writes out what is buffered.
  package func flush() {
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
      // An unnamed file gets its temporary name only now, just before the rename.
      var temporary = atomic.temporary
      if temporary == nil, !failed {
        for _ in 0..<100 {
          guard let name = Self.temporaryName(for: atomic.target) else { break }
          if Platform.link(unnamed: fd, to: name) {
            temporary = name
            break
          }
          if Platform.identity(name) == nil { break }
        }
        if temporary == nil { failed = true }
      }
      if !Platform.close(fd) { failed = true }
      self.fd = nil
      if !failed, let temporary, Platform.rename(temporary, atomic.target) {
        let slash = atomic.target.lastIndex(of: "/")
        Platform.syncDirectory(slash.map { String(atomic.target[...$0]) } ?? ".")
      } else {
        failed = true
        if let temporary { Platform.remove(temporary) }
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
    if let temporary = atomic.temporary { Platform.remove(temporary) }
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

extension OutputSink {
  /// Writes a statistics document as sorted, indented JSON and a line end. A statistic that is
  /// undefined for the data (and says so in its notes) is written as R prints it — `NaN`, `Inf`,
  /// `-Inf` as strings — rather than failing the whole document.
  func writeStatisticsJSON(_ document: some Encodable) throws(CommandFailure) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Inf", negativeInfinity: "-Inf", nan: "NaN")
    do {
      append(Array(try encoder.encode(document)))
      write("\n")
    } catch {
      let reason = "\(error)"
      throw .failed(.internalError("the results could not be written as JSON: \(reason)."))
    }
  }
}
