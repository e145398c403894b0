import Testing

@testable import _SDKSupport

/// The container-aware core count: the cgroup texts parsed by hand-computed cases, and the count
/// itself bounded by what the machine reports.
@Suite("Core count")
struct CoreCountTests {
  @Test func cgroupV2CpuMax() {
    #expect(CoreCount.cgroupV2Limit("200000 100000\n") == 2)
    // 1.5 cores of bandwidth: two workers can both run, so round up.
    #expect(CoreCount.cgroupV2Limit("150000 100000") == 2)
    #expect(CoreCount.cgroupV2Limit("50000 100000") == 1)
    #expect(CoreCount.cgroupV2Limit("max 100000\n") == nil)
    #expect(CoreCount.cgroupV2Limit("") == nil)
    #expect(CoreCount.cgroupV2Limit("abc def") == nil)
    #expect(CoreCount.cgroupV2Limit("-5 100000") == nil)
  }

  @Test func cgroupV1Quota() {
    #expect(CoreCount.cgroupV1Limit(quota: "-1\n", period: "100000\n") == nil)
    #expect(CoreCount.cgroupV1Limit(quota: "300000\n", period: "100000\n") == 3)
    #expect(CoreCount.cgroupV1Limit(quota: "250000", period: "100000") == 3)
    #expect(CoreCount.cgroupV1Limit(quota: "100000", period: "0") == nil)
  }

  @Test func ownCgroupPath() {
    let hybrid = "9:name=systemd:/\n4:memory:/process/abc\n2:cpu,cpuacct:/docker/42\n0::/user.slice\n"
    #expect(CoreCount.cgroupPath(hybrid, controller: nil) == "/user.slice")
    #expect(CoreCount.cgroupPath(hybrid, controller: "cpu") == "/docker/42")
    #expect(CoreCount.cgroupPath(hybrid, controller: "cpuacct") == "/docker/42")
    #expect(CoreCount.cgroupPath("0::/\n", controller: nil) == "")
    #expect(CoreCount.cgroupPath("1:cpu:/\n", controller: nil) == nil)
    #expect(CoreCount.cgroupPath("garbage", controller: "cpu") == nil)
  }

  @Test func theCountIsWithinTheMachine() {
    let n = CoreCount.available
    #expect(n >= 1)
    #expect(n <= Platform.processorCount)
    if let affinity = Platform.affinityProcessorCount { #expect(n <= affinity) }
    #expect(Parallel.coreCount == n)
  }

  @Test func workers() {
    #expect(Parallel.workers(for: 0) == 1)
    #expect(Parallel.workers(for: 1) == 1)
    #expect(Parallel.workers(for: 1000, limit: 3) == 3)
    #expect(Parallel.workers(for: 2, limit: 8) == 2)
  }
}

/// The one parallel loop runs every index exactly once.
@Suite("Parallel loop")
struct ParallelTests {
  final class Slots: @unchecked Sendable {
    var hits: UnsafeMutableBufferPointer<Int>
    init(_ n: Int) {
      hits = .allocate(capacity: n)
      hits.initialize(repeating: 0)
    }
    deinit { hits.deallocate() }
  }

  @Test(arguments: [0, 1, 2, 7, 100])
  func everyIndexOnce(count: Int) {
    let slots = Slots(max(count, 1))
    Parallel.forEach(count) { i in slots.hits[i] += 1 }
    #expect(slots.hits.prefix(count).allSatisfy { $0 == 1 })
    if count == 0 { #expect(slots.hits[0] == 0) }
  }
}
