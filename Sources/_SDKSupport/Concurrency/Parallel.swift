#if canImport(Dispatch)
  import Dispatch
#endif

/// The package's one parallel loop: every bulk pass that splits work across cores goes through
/// ``forEach(_:_:)``, and sizes its split with ``workers(for:)`` (the container-aware
/// ``CoreCount/available``), so no pass starts more threads than the process may run at once.
package enum Parallel {
  /// The cores the bulk passes use (``CoreCount/available``).
  package static var coreCount: Int { CoreCount.available }

  /// How many workers to start for `units` independent units of work: at most ``coreCount`` (or
  /// `limit` when given), at most `units`, at least 1.
  package static func workers(for units: Int, limit: Int? = nil) -> Int {
    Swift.max(1, Swift.min(limit ?? coreCount, units))
  }

  /// Calls `body(0)`, …, `body(count − 1)`, concurrently when `count` > 1 (each index once, in no
  /// particular order), and returns when all have returned. The body must only write state that
  /// its index owns.
  package static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    guard count > 1 else {
      if count == 1 { body(0) }
      return
    }
    #if canImport(Dispatch)
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    #else
      for i in 0..<count { body(i) }
    #endif
  }
}
