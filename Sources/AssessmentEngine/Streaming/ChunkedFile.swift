import _SDKSupport

/// A file (or standard input, or an open file descriptor) read in fixed-size chunks, so memory stays
/// flat whatever the file's size.
///
/// The descriptor is opened by ``open(_:)`` and released by ``close()``; a ``ChunkedFile`` made
/// from a descriptor the caller owns (``init(descriptor:name:)``) never closes it. Every system call
/// goes through the package's one platform shim.
///
/// ```swift
/// let file = try ChunkedFile.open("responses.csv").get()
/// defer { file.close() }
/// try file.forEachChunk { chunk, isFinal in /* … */ }
/// ```
public struct ChunkedFile: Sendable {
  /// The path given to ``open(_:)`` (`-` for standard input), or the name given with a descriptor.
  public let path: String
  private let fd: Int32
  private let ownsDescriptor: Bool
  private let isStandardInput: Bool
  /// The bytes asked of the system per read.
  public var chunkSize: Int
  /// The chunk size of files opened from now on (1 MiB); the fuzzer lowers it to check that
  /// chunked and whole-file reads agree.
  nonisolated(unsafe) package static var chunkSize = 1 << 20

  /// Opens `path` for reading (`-` is standard input); returns the system's reason when it cannot.
  public static func open(_ path: String) -> Result<ChunkedFile, FileOpenError> {
    if path == "-" {
      return .success(ChunkedFile(path: path, fd: 0, ownsDescriptor: false, isStandardInput: true))
    }
    if let identity = Platform.identity(path), identity.isDirectory {
      return .failure(FileOpenError(path: path, reason: "it is a directory"))
    }
    guard let fd = Platform.openForReading(path) else {
      return .failure(FileOpenError(path: path, reason: Platform.lastErrorText))
    }
    return .success(ChunkedFile(path: path, fd: fd, ownsDescriptor: true, isStandardInput: false))
  }

  /// Reads from a descriptor the caller opened and keeps owning (a pipe, a socket, standard input);
  /// `name` is what messages call it.
  public init(descriptor: Int32, name: String) {
    self.init(path: name, fd: descriptor, ownsDescriptor: false, isStandardInput: descriptor == 0)
  }

  private init(path: String, fd: Int32, ownsDescriptor: Bool, isStandardInput: Bool) {
    self.path = path
    self.fd = fd
    self.ownsDescriptor = ownsDescriptor
    self.isStandardInput = isStandardInput
    self.chunkSize = Self.chunkSize
  }

  /// Whether the file can be read a second time (not a pipe, a terminal or standard input).
  public var isRewindable: Bool { !isStandardInput && Platform.isSeekable(fd) }

  /// Seeks back to the start (a no-op on input that is not ``isRewindable``).
  public func rewind() { Platform.rewind(fd) }

  /// Calls `body` with each chunk; the flag is true on the last call (possibly with an empty chunk).
  ///
  /// - Throws: a ``FileOpenError`` when the system cannot read, or what `body` throws.
  public func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>, Bool) throws -> Void) throws {
    var buffer = [UInt8](repeating: 0, count: Swift.max(1, chunkSize))
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

  /// Reads the rest of the file into memory (for small inputs such as definitions, or for input
  /// that must be read twice but cannot be rewound).
  ///
  /// - Throws: a ``FileOpenError`` when the system cannot read.
  public func readAll() throws(FileOpenError) -> [UInt8] {
    var out: [UInt8] = []
    do {
      try forEachChunk { chunk, _ in out.append(contentsOf: chunk) }
    } catch let error as FileOpenError {
      throw error
    } catch {
      throw FileOpenError(path: path, reason: "\(error)")
    }
    return out
  }

  /// Releases the descriptor when ``open(_:)`` opened it.
  public func close() {
    if ownsDescriptor { _ = Platform.close(fd) }
  }
}

/// A file that cannot be opened or read: which, and the system's reason.
public struct FileOpenError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The path (or the name of the descriptor).
  public let path: String
  /// The system's reason (e.g. "No such file or directory").
  public let reason: String

  /// An error for `path` with `reason`.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `<path>: error: cannot read the file: <reason>.`
  public var description: String { "\(path): error: cannot read the file: \(reason)." }
}
