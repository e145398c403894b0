#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How many cores the bulk passes (scoring, reliability, CSV parsing, score formatting) use: the
/// processors this process may actually run on, not the machine's.
///
/// A container or a `taskset` usually grants fewer cores than the machine has; starting one worker per
/// machine core then makes the workers take turns on the granted ones (more memory and more context
/// switches for no speed). The count is the smallest of:
/// - the CPU bandwidth limit of the process's cgroup, rounded up: cgroup v2 `cpu.max` (`quota period`,
///   or `max` for none), else cgroup v1 `cpu.cfs_quota_us / cpu.cfs_period_us` (−1 for none);
/// - the affinity mask (`sched_getaffinity`, where the platform has it), else
///   `ProcessInfo.activeProcessorCount`;
/// and at least 1. Read once per process.
package enum CoreCount {
  /// The cores to use (at least 1), computed once.
  package static let available: Int = compute()

  /// ``available`` computed now (the cgroup files and the affinity mask read again).
  package static func compute() -> Int {
    let processors = Platform.affinityProcessorCount ?? ProcessInfo.processInfo.activeProcessorCount
    let limit = cgroupLimit()
    return Swift.max(1, Swift.min(processors, limit ?? Int.max))
  }

  /// The cgroup CPU bandwidth limit in whole cores (rounded up), or `nil` when there is none or no
  /// cgroup file can be read (a platform without cgroups).
  static func cgroupLimit() -> Int? {
    #if os(Linux)
      let own = Platform.readSmallFile("/proc/self/cgroup").map { String(decoding: $0, as: UTF8.self) } ?? ""
      // cgroup v2: the unified hierarchy's own directory first (`0::/path`), then the namespace root.
      var v2: [String] = []
      if let path = cgroupPath(own, controller: nil) { v2.append("/sys/fs/cgroup" + path + "/cpu.max") }
      v2.append("/sys/fs/cgroup/cpu.max")
      for file in v2 {
        if let text = Platform.readSmallFile(file) { return cgroupV2Limit(String(decoding: text, as: UTF8.self)) }
      }
      // cgroup v1: the `cpu` controller's directory, as mounted by Docker and systemd.
      var v1: [String] = []
      if let path = cgroupPath(own, controller: "cpu") {
        v1 += ["/sys/fs/cgroup/cpu" + path, "/sys/fs/cgroup/cpu,cpuacct" + path]
      }
      v1 += ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"]
      for directory in v1 {
        guard let quota = Platform.readSmallFile(directory + "/cpu.cfs_quota_us"),
          let period = Platform.readSmallFile(directory + "/cpu.cfs_period_us")
        else { continue }
        return cgroupV1Limit(
          quota: String(decoding: quota, as: UTF8.self), period: String(decoding: period, as: UTF8.self))
      }
      return nil
    #else
      return nil
    #endif
  }

  /// The path of this process's cgroup in `/proc/self/cgroup` text (`id:controllers:path` lines): the
  /// unified (v2) line `0::path` when `controller` is `nil`, else the v1 line whose controller list
  /// names it. The root (`/`) gives an empty path.
  static func cgroupPath(_ text: String, controller: String?) -> String? {
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3 else { continue }
      let matches =
        controller.map { name in parts[1].split(separator: ",").contains { $0 == name } }
        ?? (parts[0] == "0" && parts[1].isEmpty)
      if matches {
        let path = String(parts[2])
        return path == "/" ? "" : path
      }
    }
    return nil
  }

  /// Whole cores from a cgroup v2 `cpu.max` (`"200000 100000"` → 2, `"150000 100000"` → 2,
  /// `"max 100000"` → `nil`); `nil` for text that is not two positive integers.
  static func cgroupV2Limit(_ text: String) -> Int? {
    let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard fields.count >= 2, fields[0] != "max" else { return nil }
    return wholeCores(quota: Int(fields[0]), period: Int(fields[1]))
  }

  /// Whole cores from cgroup v1 `cpu.cfs_quota_us` and `cpu.cfs_period_us` (a quota of −1: no limit).
  static func cgroupV1Limit(quota: String, period: String) -> Int? {
    func number(_ text: String) -> Int? {
      text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.flatMap { Int($0) }
    }
    return wholeCores(quota: number(quota), period: number(period))
  }

  /// ⌈quota / period⌉ for positive values; `nil` otherwise (no limit, or text that is not a number).
  static func wholeCores(quota: Int?, period: Int?) -> Int? {
    guard let quota, let period, quota > 0, period > 0 else { return nil }
    let (q, r) = quota.quotientAndRemainder(dividingBy: period)
    return Swift.max(1, r > 0 ? q + 1 : q)
  }
}
