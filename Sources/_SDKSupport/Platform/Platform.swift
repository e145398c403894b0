// The package's one platform shim: every system call (files, byte search, processor count, resource
// usage) goes through here, so no other file in the package imports a C library and the package builds
// wherever one of the three branches below does. An unknown platform fails to compile here, loudly,
// rather than building a tool that cannot write its files. It lives in the internal `_SDKSupport`
// target so that every module (and the benchmarks) reaches it with `import _SDKSupport`.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#else
  #error(
    "The Pemasyarakatan SDK needs Glibc, Musl or Darwin for its platform shim (Sources/_SDKSupport/Platform/Platform.swift)."
  )
#endif

/// System calls behind one door (`package`: not public API).
package enum Platform {
  /// The first `byte` in `count` bytes at `start` (C `memchr`).
  @inline(__always)
  package static func findByte(_ byte: UInt8, in start: UnsafeRawPointer, count: Int) -> UnsafeRawPointer? {
    guard count > 0 else { return nil }
    return UnsafeRawPointer(memchr(start, Int32(byte), count))
  }

  /// The online processors (at least 1). Ignores affinity masks and container limits: the number of
  /// cores to use is ``CoreCount/available``.
  package static var processorCount: Int {
    Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }

  /// The processors this process may run on (`sched_getaffinity`, as `taskset` and container
  /// `cpuset`s restrict it), or `nil` where the call does not exist. Looked up at run time because
  /// the C library declares it only under `_GNU_SOURCE`, which the Swift importer does not set.
  package static var affinityProcessorCount: Int? {
    #if os(Linux)
      typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32
      guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
      defer { _ = dlclose(handle) }
      guard let symbol = dlsym(handle, "sched_getaffinity") else { return nil }
      let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
      // 1,024 CPUs (glibc's cpu_set_t); a larger machine fails with EINVAL and falls back.
      var mask = [UInt64](repeating: 0, count: 16)
      let result = mask.withUnsafeMutableBytes { getAffinity(0, $0.count, $0.baseAddress) }
      guard result == 0 else { return nil }
      let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
      return count > 0 ? count : nil
    #else
      return nil
    #endif
  }

  /// The peak resident set size of this process in bytes (`getrusage`; Linux reports KiB, Darwin bytes).
  package static var peakResidentBytes: Int {
    var usage = rusage()
    #if canImport(Darwin)
      _ = getrusage(RUSAGE_SELF, &usage)
      return Int(usage.ru_maxrss)
    #else
      _ = getrusage(RUSAGE_SELF.rawValue, &usage)
      return Int(usage.ru_maxrss) &* 1024
    #endif
  }

  /// The text of the last system error.
  package static var lastErrorText: String { String(cString: strerror(errno)) }

  /// The last system error was an interrupted call.
  package static var interrupted: Bool { errno == EINTR }

  // MARK: Files

  /// What `stat` says about a path (symbolic links followed).
  package struct FileIdentity: Sendable, Hashable {
    package var device: UInt64
    package var inode: UInt64
    package var isDirectory: Bool
    package var isRegular: Bool
  }

  /// The identity of `path`, following symbolic links; `nil` when it does not exist (or cannot be reached).
  package static func identity(_ path: String) -> FileIdentity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let type = info.st_mode & S_IFMT
    return FileIdentity(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), isDirectory: type == S_IFDIR, isRegular: type == S_IFREG)
  }

  /// The canonical absolute path (symbolic links resolved), or `nil` when it does not exist.
  package static func resolvedPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The whole content of a small file (a `/proc` or `/sys` entry, whose size `stat` reports as 0),
  /// at most `limit` bytes; `nil` when it cannot be read.
  package static func readSmallFile(_ path: String, limit: Int = 1 << 16) -> [UInt8]? {
    guard let fd = openForReading(path) else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count < limit {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 { return nil }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes.count <= limit ? bytes : Array(bytes[0..<limit])
  }

  /// Writes `bytes` to `path`, replacing the file (for benchmark and fixture scratch files only: user
  /// outputs go through the temporary-file-and-rename path in the CLI).
  package static func replaceFile(_ path: String, with bytes: [UInt8]) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    let written = bytes.withUnsafeBytes { raw in raw.baseAddress.map { writeAll(fd, $0, raw.count) } ?? true }
    return close(fd) && written
  }

  /// Opens `path` for reading; a descriptor or `nil` (see ``lastErrorText``).
  package static func openForReading(_ path: String) -> Int32? {
    let fd = open(path, O_RDONLY)
    return fd >= 0 ? fd : nil
  }

  /// Creates a new file exclusively (never an existing one) with mode 0644 for writing.
  package static func createExclusive(_ path: String) -> Int32? {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    return fd >= 0 ? fd : nil
  }

  /// Creates an unnamed file in `directory` for writing (Linux `O_TMPFILE`): if the process dies
  /// before ``link(unnamed:to:)``, nothing is left behind. `nil` where unsupported (then callers use
  /// a named temporary file).
  package static func createUnnamed(inDirectory directory: String) -> Int32? {
    #if os(Linux) && (arch(x86_64) || arch(arm64))
      guard identity("/proc/self/fd")?.isDirectory == true else { return nil }
      // O_TMPFILE is a compound macro the importer does not bring in: __O_TMPFILE | O_DIRECTORY.
      let fd = open(directory, 0o20000000 | O_DIRECTORY | O_WRONLY, 0o644)
      return fd >= 0 ? fd : nil
    #else
      return nil
    #endif
  }

  /// Gives a file made by ``createUnnamed(inDirectory:)`` the name `path` (which must not exist).
  package static func link(unnamed fd: Int32, to path: String) -> Bool {
    #if os(Linux) && (arch(x86_64) || arch(arm64))
      return linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
    #else
      return false
    #endif
  }

  /// Reads up to `count` bytes; the count read, 0 at the end, or −1 on error (retries interruptions).
  package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    while true {
      #if canImport(Darwin)
        let r = Darwin.read(fd, buffer, count)
      #elseif canImport(Glibc)
        let r = Glibc.read(fd, buffer, count)
      #else
        let r = Musl.read(fd, buffer, count)
      #endif
      if r < 0, errno == EINTR { continue }
      return r
    }
  }

  /// Writes all `count` bytes; false on error (retries interruptions and short writes).
  package static func writeAll(_ fd: Int32, _ start: UnsafeRawPointer, _ count: Int) -> Bool {
    var offset = 0
    while offset < count {
      #if canImport(Darwin)
        let n = Darwin.write(fd, start + offset, count - offset)
      #elseif canImport(Glibc)
        let n = Glibc.write(fd, start + offset, count - offset)
      #else
        let n = Musl.write(fd, start + offset, count - offset)
      #endif
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += n
    }
    return true
  }

  /// Flushes a file's data to the device.
  package static func sync(_ fd: Int32) -> Bool { fsync(fd) == 0 }

  /// Closes a descriptor.
  @discardableResult
  package static func close(_ fd: Int32) -> Bool {
    #if canImport(Darwin)
      return Darwin.close(fd) == 0
    #elseif canImport(Glibc)
      return Glibc.close(fd) == 0
    #else
      return Musl.close(fd) == 0
    #endif
  }

  /// Moves `from` over `to` atomically (same file system).
  package static func rename(_ from: String, _ to: String) -> Bool {
    #if canImport(Darwin)
      return Darwin.rename(from, to) == 0
    #elseif canImport(Glibc)
      return Glibc.rename(from, to) == 0
    #else
      return Musl.rename(from, to) == 0
    #endif
  }

  /// Removes a file.
  @discardableResult
  package static func remove(_ path: String) -> Bool { unlink(path) == 0 }

  /// Whether the descriptor can seek (a regular file, not a pipe or terminal).
  package static func isSeekable(_ fd: Int32) -> Bool { lseek(fd, 0, SEEK_CUR) >= 0 }

  /// Seeks to the start.
  package static func rewind(_ fd: Int32) { _ = lseek(fd, 0, SEEK_SET) }

  /// The value of environment variable `name`, or `nil` when it is not set.
  package static func environmentValue(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

  /// The process id, for unique temporary names.
  package static var processID: Int32 { getpid() }

  /// Flushes the directory holding a renamed file, so the new name survives a crash.
  package static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    _ = close(fd)
  }

  /// Ends the process.
  package static func exitProcess(_ status: Int32) -> Never { exit(status) }
}
