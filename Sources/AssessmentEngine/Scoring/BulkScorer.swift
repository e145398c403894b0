import _SDKSupport

/// The bulk scoring pass over a ``ResponseMatrix``: the compiled kernels behind
/// ``ScoringPlan/score(_:distributions:)``.
///
/// The pass runs over blocks of rows. Each block is first scanned for a missing code (a 0 byte; the
/// scan is the C library's vectorised `memchr`), then scored by one of two kernels:
/// - **complete** rows: `raw = constant_s + Σ_j sign_j · c_j`, the missing counts of the block set to
///   zero with one fill per scale (the table is scale-major, see ``ScoreTable/cell(row:scale:)``);
/// - rows **with missing** responses: the same signed sum — a missing code is 0 and adds nothing —
///   plus the count of answered forward and reverse-keyed items, from which the constant terms and the
///   missing count follow (`raw = Σ sign·c + n_F·(min − 1) + n_R·(max + 1)`); under `mean`/`median`
///   imputation the keyed imputation values of the missing items are added, in item order.
///
/// Blocks are shared out over all cores. Every row is scored independently with integer arithmetic
/// (one conversion to `Double` at the end, plus imputed values added in item order), so the result is
/// bit-identical whatever the block size or the number of threads.
struct BulkScorer {
  let plan: ScoringPlan
  /// Keyed imputation values per scale and item position (NaN = none), or `nil` when not imputing.
  let imputation: [[Double]]?

  /// Rows per block: small enough to share 2–64 cores evenly, large enough to amortise the dispatch.
  static let blockRows = 16_384

  func score(_ matrix: ResponseMatrix, into table: inout ScoreTable, threads: Int? = nil) {
    let n = matrix.rowCount
    let s = plan.scales.count
    guard n > 0, s > 0 else { return }
    let kernel = Kernel(plan: plan, imputation: imputation)
    let k = matrix.columnCount
    let blocks = (n + Self.blockRows - 1) / Self.blockRows
    let workers = Swift.min(threads ?? Self.defaultThreads, blocks)
    matrix.codes.withUnsafeBufferPointer { codes in
      table.rawSums.withUnsafeMutableBufferPointer { sums in
        table.missingCounts.withUnsafeMutableBufferPointer { missing in
          guard let codeBase = codes.baseAddress, let sumBase = sums.baseAddress, let missBase = missing.baseAddress
          else { return }
          let job = Job(codes: codeBase, sums: sumBase, missing: missBase, k: k, s: s, n: n)
          if workers <= 1 {
            for b in 0..<blocks { kernel.run(job, block: b) }
          } else {
            Parallel.forEach(workers) { w in
              var b = w
              while b < blocks {
                kernel.run(job, block: b)
                b += workers
              }
            }
          }
        }
      }
    }
  }

  static var defaultThreads: Int {
    Parallel.coreCount
  }

  /// Raw pointers for one pass; each block writes a disjoint range, so sharing them is safe.
  struct Job: @unchecked Sendable {
    let codes: UnsafePointer<UInt8>
    let sums: UnsafeMutablePointer<Double>
    let missing: UnsafeMutablePointer<UInt16>
    let k: Int, s: Int, n: Int
  }

  /// The plan flattened into parallel arrays for the inner loops.
  struct Kernel: Sendable {
    let scaleStart: [Int]
    let columns: [Int]
    let signs: [Int]
    let forward: [Int]  // 1 for a forward item, 0 for reversed
    let itemCounts: [Int]
    let constants: [Int]
    let lowOffset: Int
    let highOffset: Int
    let imputation: [Double]?  // flattened like `columns`
    /// Per scale, the forward and the reverse-keyed columns, flattened with start offsets: the form
    /// the vector kernels read.
    let forwardStart: [Int]
    let forwardColumns: [Int]
    let reversedStart: [Int]
    let reversedColumns: [Int]
    /// Whether the 16-row vector kernels apply: every scale has at most 128 items, so sums of codes
    /// fit the 16-bit lanes.
    let vectorizable: Bool

    init(plan: ScoringPlan, imputation: [[Double]]?) {
      var start = [0]
      var cols: [Int] = []
      var signs: [Int] = []
      var fwd: [Int] = []
      for scale in plan.scales {
        cols += scale.columns
        signs += scale.reversed.map { $0 ? -1 : 1 }
        fwd += scale.reversed.map { $0 ? 0 : 1 }
        start.append(cols.count)
      }
      scaleStart = start
      columns = cols
      self.signs = signs
      forward = fwd
      itemCounts = plan.scales.map(\.columns.count)
      constants = plan.scales.map(\.constant)
      lowOffset = plan.definition.responseScale.min - 1
      highOffset = plan.definition.responseScale.max + 1
      self.imputation = imputation.map { $0.flatMap { $0 } }
      var fs = [0]
      var fc: [Int] = []
      var rs = [0]
      var rc: [Int] = []
      for scale in plan.scales {
        for (j, r) in zip(scale.columns, scale.reversed) {
          if r { rc.append(j) } else { fc.append(j) }
        }
        fs.append(fc.count)
        rs.append(rc.count)
      }
      forwardStart = fs
      forwardColumns = fc
      reversedStart = rs
      reversedColumns = rc
      vectorizable = plan.scales.allSatisfy { $0.columns.count <= 128 }
    }

    func run(_ job: Job, block: Int) {
      let blockFirst = block * BulkScorer.blockRows
      let last = Swift.min(job.n, blockFirst + BulkScorer.blockRows)
      let bytes = (last - blockFirst) * job.k
      let blockStart = job.codes + blockFirst * job.k
      let hasMissing = bytes > 0 && Platform.findByte(0, in: blockStart, count: bytes) != nil
      var first = blockFirst
      if vectorizable, !(hasMissing && imputation != nil) {
        // A group reads 16·⌈k/16⌉ bytes from each of its 16 rows; near the end of the matrix that
        // would run past the buffer, so those last rows take the scalar kernels.
        let reach = ((job.k + 15) / 16) * 16
        let safeRows = job.k == 0 ? 0 : Swift.max(0, (job.n * job.k - reach) / job.k + 1)
        let groups = Swift.max(0, Swift.min(last, safeRows) - first) / 16
        if groups > 0 {
          runVector(job, first, first + groups * 16, countAnswered: hasMissing)
          first += groups * 16
        }
        if first == last { return }
      }
      scaleStart.withUnsafeBufferPointer { starts in
        columns.withUnsafeBufferPointer { cols in
          signs.withUnsafeBufferPointer { sg in
            if hasMissing {
              forward.withUnsafeBufferPointer { fw in
                runWithMissing(job, first, last, starts, cols, sg, fw)
              }
            } else {
              constants.withUnsafeBufferPointer { consts in
                runComplete(job, first, last, starts, cols, sg, consts)
              }
            }
          }
        }
      }
    }

    /// The vector kernel: 16 rows at a time, transposed into item-major order so that each scale is
    /// a run of vertical 16-lane additions (no horizontal reductions). With `countAnswered`, the
    /// answered forward and reverse-keyed items are counted the same way (a missing code is 0 and adds
    /// nothing to the signed sum).
    private func runVector(_ job: Job, _ first: Int, _ last: Int, countAnswered: Bool) {
      let k = job.k
      let s = job.s
      let n = job.n
      var transposed = [UInt8](repeating: 0, count: ((k + 15) / 16) * 256)
      transposed.withUnsafeMutableBufferPointer { t in
        forwardStart.withUnsafeBufferPointer { fs in
          forwardColumns.withUnsafeBufferPointer { fc in
            reversedStart.withUnsafeBufferPointer { rs in
              reversedColumns.withUnsafeBufferPointer { rc in
                constants.withUnsafeBufferPointer { consts in
                  itemCounts.withUnsafeBufferPointer { counts in
                    guard let tBase = t.baseAddress else { return }
                    let raw = UnsafeRawPointer(tBase)
                    // Codes are 0 (missing) or ≥ 1, so min(code, 1) is the answered indicator.
                    let one = SIMD16<Int16>(repeating: 1)
                    var row = first
                    let chunks = (k + 15) / 16
                    while row < last {
                      let x = UnsafeRawPointer(job.codes + row * k)
                      for c in 0..<chunks {
                        transpose16x16(x + 16 &* c, stride: k, into: tBase + 256 &* c)
                      }
                      for scale in 0..<s {
                        // Scale-major table: the 16 rows of this scale are 16 adjacent cells.
                        let out = UnsafeMutableRawPointer(job.sums + (scale &* n &+ row))
                        let miss = UnsafeMutableRawPointer(job.missing + (scale &* n &+ row))
                        var acc = SIMD16<Int16>(repeating: 0)
                        var nForward = SIMD16<Int16>(repeating: 0)
                        var nReversed = SIMD16<Int16>(repeating: 0)
                        for p in fs[scale]..<fs[scale &+ 1] {
                          let col = SIMD16<Int16>(
                            truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: fc[p] &* 16, as: SIMD16<UInt8>.self))
                          acc &+= col
                          if countAnswered { nForward &+= pointwiseMin(col, one) }
                        }
                        for p in rs[scale]..<rs[scale &+ 1] {
                          let col = SIMD16<Int16>(
                            truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: rc[p] &* 16, as: SIMD16<UInt8>.self))
                          acc &-= col
                          if countAnswered { nReversed &+= pointwiseMin(col, one) }
                        }
                        if countAnswered {
                          let total =
                            SIMD16<Int32>(truncatingIfNeeded: acc)
                            &+ SIMD16<Int32>(truncatingIfNeeded: nForward) &* Int32(lowOffset)
                            &+ SIMD16<Int32>(truncatingIfNeeded: nReversed) &* Int32(highOffset)
                          let answered = nForward &+ nReversed
                          let items = SIMD16<Int16>(repeating: Int16(truncatingIfNeeded: counts[scale]))
                          out.storeBytes(of: SIMD16<Double>(total), as: SIMD16<Double>.self)
                          miss.storeBytes(
                            of: SIMD16<UInt16>(truncatingIfNeeded: items &- answered), as: SIMD16<UInt16>.self)
                        } else {
                          let total = SIMD16<Int32>(truncatingIfNeeded: acc) &+ Int32(truncatingIfNeeded: consts[scale])
                          out.storeBytes(of: SIMD16<Double>(total), as: SIMD16<Double>.self)
                          miss.storeBytes(of: SIMD16<UInt16>(repeating: 0), as: SIMD16<UInt16>.self)
                        }
                      }
                      row &+= 16
                    }
                  }
                }
              }
            }
          }
        }
      }
    }

    @inline(__always)
    private func runComplete(
      _ job: Job, _ first: Int, _ last: Int, _ starts: UnsafeBufferPointer<Int>, _ cols: UnsafeBufferPointer<Int>,
      _ sg: UnsafeBufferPointer<Int>, _ consts: UnsafeBufferPointer<Int>
    ) {
      let k = job.k
      let s = job.s
      for scale in 0..<s { (job.missing + scale * job.n + first).update(repeating: 0, count: last - first) }
      for row in first..<last {
        let x = job.codes + row * k
        for scale in 0..<s {
          var acc = consts[scale]
          for p in starts[scale]..<starts[scale + 1] {
            acc &+= sg[p] &* Int(x[cols[p]])
          }
          job.sums[scale &* job.n &+ row] = Double(acc)
        }
      }
    }

    @inline(__always)
    private func runWithMissing(
      _ job: Job, _ first: Int, _ last: Int, _ starts: UnsafeBufferPointer<Int>, _ cols: UnsafeBufferPointer<Int>,
      _ sg: UnsafeBufferPointer<Int>, _ fw: UnsafeBufferPointer<Int>
    ) {
      let k = job.k
      let s = job.s
      for row in first..<last {
        let x = job.codes + row * k
        for scale in 0..<s {
          var acc = 0
          var nForward = 0
          var nReversed = 0
          for p in starts[scale]..<starts[scale + 1] {
            let c = Int(x[cols[p]])
            let present = c != 0 ? 1 : 0
            acc &+= sg[p] &* c
            nForward &+= present & fw[p]
            nReversed &+= present & (1 &- fw[p])
          }
          var raw = Double(acc &+ nForward &* lowOffset &+ nReversed &* highOffset)
          let absent = itemCounts[scale] &- nForward &- nReversed
          if let imputation, absent > 0 {
            var imputed = 0.0
            for p in starts[scale]..<starts[scale + 1] where x[cols[p]] == 0 { imputed += imputation[p] }
            raw += imputed
          }
          job.sums[scale &* job.n &+ row] = raw
          job.missing[scale &* job.n &+ row] = UInt16(truncatingIfNeeded: absent)
        }
      }
    }
  }
}
