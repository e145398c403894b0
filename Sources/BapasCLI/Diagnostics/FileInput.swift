import AssessmentEngine
import _SDKSupport

/// Reads a file (or standard input for `-`) in fixed-size chunks, so memory stays flat whatever the
/// file's size.
struct ChunkedFile {
  let path: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  /// The chunk size; the fuzzer lowers it to check that chunked and whole-file reads agree.
  nonisolated(unsafe) static var chunkSize = 1 << 20

  /// Opens `path`; returns the system's reason when it cannot.
  static func open(_ path: String) -> Result<ChunkedFile, FileOpenError> {
    if path == "-" { return .success(ChunkedFile(path: path, fd: 0, ownsDescriptor: false)) }
    if let identity = Platform.identity(path), identity.isDirectory {
      return .failure(FileOpenError(path: path, reason: "it is a directory"))
    }
    guard let fd = Platform.openForReading(path) else {
      return .failure(FileOpenError(path: path, reason: Platform.lastErrorText))
    }
    return .success(ChunkedFile(path: path, fd: fd, ownsDescriptor: true))
  }

  private init(path: String, fd: Int32, ownsDescriptor: Bool) {
    self.path = path
    self.fd = fd
    self.ownsDescriptor = ownsDescriptor
  }

  /// Whether the file can be read a second time (not a pipe or standard input).
  var isRewindable: Bool { path != "-" && Platform.isSeekable(fd) }

  /// Seeks back to the start.
  func rewind() { Platform.rewind(fd) }

  /// Calls `body` with each chunk; the flag is true on the last call (possibly with an empty chunk).
  func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>, Bool) throws -> Void) throws {
    var buffer = [UInt8](repeating: 0, count: Swift.max(1, Self.chunkSize))
    while true {
      let n = buffer.withUnsafeMutableBytes { raw in Platform.read(fd, raw.baseAddress, raw.count) }
      if n < 0 { throw FileOpenError(path: path, reason: Platform.lastErrorText) }
      if n == 0 {
        try body(UnsafeBufferPointer(start: nil, count: 0), true)
        return
      }
      try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n]), false) }
    }
  }

  /// Reads the whole file into memory (for small inputs such as definitions).
  func readAll() throws -> [UInt8] {
    var out: [UInt8] = []
    try forEachChunk { chunk, _ in out.append(contentsOf: chunk) }
    return out
  }

  func close() {
    if ownsDescriptor { Platform.close(fd) }
  }
}

/// A file that cannot be opened or read.
struct FileOpenError: Error, CustomStringConvertible {
  let path: String
  let reason: String
  var description: String { "\(path): error: cannot read the file: \(reason)." }
}
