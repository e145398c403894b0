#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte sink: a file descriptor (stdout, stderr, an output file) or, in tests, memory.
///
/// Identity is the point (one buffer per destination, flushed once), so this is a class.
public final class OutputSink {
  private var buffer: [UInt8] = []
  private let fd: Int32?
  private let closeOnFinish: Bool
  /// Everything written, when the sink captures to memory.
  public private(set) var captured: [UInt8] = []
  /// Set when a write to the file descriptor failed (disk full, closed pipe).
  public private(set) var failed = false

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

  /// Opens (creates or truncates) a file for writing; `nil` when it cannot be opened.
  static func file(path: String) -> OutputSink? {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return nil }
    return OutputSink(fileDescriptor: fd, closeOnFinish: true)
  }

  /// The captured bytes as text.
  public var text: String { String(decoding: captured, as: UTF8.self) }

  /// Appends text.
  public func write(_ text: String) {
    var text = text
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
    guard let start = raw.baseAddress else { return }
    var offset = 0
    while offset < raw.count {
      let n = Glibc.write(fd, start + offset, raw.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        failed = true
        return
      }
      offset += n
    }
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

  /// Flushes and, for a file opened by the CLI, closes it.
  func finish() {
    flush()
    if closeOnFinish, let fd { _ = close(fd) }
  }
}
