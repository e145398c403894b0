import _SDKSupport

/// Exact partial sums over some rows, as the vector kernel collects them (all `Int64`).
///
/// Rows are split into *complete* rows (every column answered) and *incomplete* ones. For complete
/// rows only n, Σxᵢ and the Gram matrix Σxᵢxⱼ are collected; ``MomentKernel/sums(_:rows:threads:)``
/// derives their pair moments and scale-score sums from them at the end
/// (``MomentKernel/addPattern(missing:count:sum:gram:into:_:)``). The pair moments are the integer
/// cross-products of x (the code, 0 when missing) and p = [x ≠ 0]: Σpᵢpⱼ, Σxᵢpⱼ, Σxᵢ²pⱼ and Σxᵢxⱼ —
/// a missing code contributes 0 by itself — and the scale-score sums group rows by their number of
/// answered items. Incomplete rows reach them by missing pattern (``PatternTable``, up to 16 items),
/// lane by lane, or row by row at the end of a block.
struct MomentPartial: Sendable {
  var completeRows: Int64 = 0
  /// Σxᵢ over complete rows (k).
  var completeSum: [Int64]
  /// Σxᵢxⱼ over complete rows, at i·k + j for i ≤ j.
  var completeGram: [Int64]
  /// Over incomplete rows, at i·k + j: Σpᵢpⱼ (i ≤ j), Σxᵢpⱼ, Σxᵢ²pⱼ (all i, j), Σxᵢxⱼ (i ≤ j).
  var pp: [Int64]
  var xp: [Int64]
  var x2p: [Int64]
  var xx: [Int64]
  /// Per item, levels + 1 counts (slot 0 = missing), over all rows.
  var histogram: [Int64]
  /// The scale-score sums of the incomplete rows, every scale's arrays one after the other.
  var scaleSums: [Int64]
  /// The largest code seen, or 255 when the vector path saw a code above the levels (checked by the
  /// caller, which then names the first such cell).
  var maxCode: UInt8 = 0

  init(k: Int, levels: Int, scaleSumsCount: Int) {
    completeSum = Array(repeating: 0, count: k)
    completeGram = Array(repeating: 0, count: k * k)
    pp = Array(repeating: 0, count: k * k)
    xp = Array(repeating: 0, count: k * k)
    x2p = Array(repeating: 0, count: k * k)
    xx = Array(repeating: 0, count: k * k)
    histogram = Array(repeating: 0, count: k * (levels + 1))
    scaleSums = Array(repeating: 0, count: scaleSumsCount)
  }

  mutating func merge(_ o: MomentPartial) {
    completeRows += o.completeRows
    for i in completeSum.indices { completeSum[i] += o.completeSum[i] }
    for i in completeGram.indices {
      completeGram[i] += o.completeGram[i]
      pp[i] += o.pp[i]
      xp[i] += o.xp[i]
      x2p[i] += o.x2p[i]
      xx[i] += o.xx[i]
    }
    for i in histogram.indices { histogram[i] += o.histogram[i] }
    for i in scaleSums.indices { scaleSums[i] += o.scaleSums[i] }
    maxCode = max(maxCode, o.maxCode)
  }
}

/// The vector kernel behind ``ItemMomentAccumulator/add(rowBlock:)``.
///
/// Rows are taken 16 at a time and transposed (``transpose16x16(_:stride:into:)``) into one
/// 16-lane vector of codes per item, so that every cross-product is a vertical multiply–add with no
/// horizontal reductions. Lanes accumulate in `UInt16` — a product of two codes is at most
/// levels² — for as many groups as cannot overflow (65535 / levels²), then are widened and added to
/// the `Int64` totals. A group without a missing code (the usual case) only updates Σx and the Gram
/// matrix; a group with one also updates the p-weighted sums of its incomplete lanes. Blocks of
/// rows run on all cores; their sums are merged by integer addition, so the result is identical to
/// the scalar reference bit for bit, in any order.
struct MomentKernel: Sendable {
  let k: Int
  let levels: Int
  /// Per scale: columns, keys and the offset of its sums in ``MomentPartial/scaleSums``.
  let scaleColumns: [[Int]]
  let scaleKeys: [[Int]]
  let scaleOffsets: [Int]
  let longestScale: Int

  static let blockRows = 16_384
  /// The widest layout the kernel takes; wider ones use the scalar reference.
  static let maximumItems = 64

  init(itemCount: Int, levels: Int, scales: [ReliabilityScale]) {
    k = itemCount
    self.levels = levels
    scaleColumns = scales.map(\.columns)
    scaleKeys = scales.map(\.keys)
    var offsets = [0]
    for scale in scales { offsets.append(offsets[offsets.count - 1] + Self.scaleSumsCount(scale.columns.count)) }
    scaleOffsets = offsets
    longestScale = scales.map(\.columns.count).max() ?? 0
  }

  /// The size of one scale's flattened ``ScaleScoreSums`` (byAnswered, byItem, complete).
  static func scaleSumsCount(_ k: Int) -> Int {
    let sizes = ScaleScoreSums.sizes(itemCount: k)
    return sizes.byAnswered + sizes.byItem + sizes.complete
  }

  func emptyPartial() -> MomentPartial {
    MomentPartial(k: k, levels: levels, scaleSumsCount: scaleOffsets[scaleOffsets.count - 1])
  }

  /// Raw pointers for one pass; each worker writes only its own slot.
  struct Job: @unchecked Sendable {
    let codes: UnsafePointer<UInt8>
    let rows: Int
    let partials: UnsafeMutablePointer<MomentPartial>
  }

  /// The sums of all `rows` rows at `codes`, computed on up to `threads` cores.
  /// - Complexity: O(rows · k²) vector operations / 16.
  func sums(_ codes: UnsafePointer<UInt8>, rows: Int, threads: Int) -> MomentPartial {
    let blocks = (rows + Self.blockRows - 1) / Self.blockRows
    let workers = max(1, min(threads, blocks))
    var partials = (0..<workers).map { _ in emptyPartial() }
    partials.withUnsafeMutableBufferPointer { slots in
      guard let base = slots.baseAddress else { return }
      let job = Job(codes: codes, rows: rows, partials: base)
      if workers == 1 {
        var patterns = PatternTable(itemCount: k)
        for b in 0..<blocks { run(job, block: b, into: &base[0], patterns: &patterns) }
        withScalarBuffers(&base[0]) { patterns.drain(into: $0, kernel: self) }
      } else {
        Parallel.forEach(workers) { w in
          var b = w
          var partial = emptyPartial()
          var patterns = PatternTable(itemCount: k)
          while b < blocks {
            run(job, block: b, into: &partial, patterns: &patterns)
            b += workers
          }
          withScalarBuffers(&partial) { patterns.drain(into: $0, kernel: self) }
          job.partials[w] = partial
        }
      }
    }
    var total = partials[0]
    for w in 1..<partials.count { total.merge(partials[w]) }
    // Complete rows are the pattern with nothing missing: their pair moments and scale sums follow
    // from n, Σxᵢ and Σxᵢxⱼ, derived once here into the same dense sums as every other pattern.
    withScalarBuffers(&total) { b in
      var scratch = PatternTable.Scratch(longestScale: longestScale)
      addPattern(missing: 0, count: b.completeRows.pointee, sum: b.completeSum, gram: b.gram, into: b, &scratch)
    }
    return total
  }

  /// Adds block `block` of the job's rows to `partial`.
  func run(_ job: Job, block: Int, into partial: inout MomentPartial, patterns: inout PatternTable) {
    let first = block * Self.blockRows
    let last = min(job.rows, first + Self.blockRows)
    guard first < last else { return }
    // A group reads 16·⌈k/16⌉ bytes from each of its rows; near the end of the buffer that would
    // run past it, so those rows take the scalar path.
    let reach = ((k + 15) / 16) * 16
    let safeRows = max(0, (job.rows * k - reach) / k + 1)
    let groups = max(0, min(last, safeRows) - first) / 16
    if groups > 0 { runVector(job.codes, first, groups, into: &partial, patterns: &patterns) }
    var row = first + groups * 16
    withScalarBuffers(&partial) { buffers in
      while row < last {
        scalarRow(job.codes + row * k, buffers)
        row += 1
      }
    }
  }

  // MARK: Scalar rows

  struct ScalarBuffers {
    var completeRows: UnsafeMutablePointer<Int64>
    var maxCode: UnsafeMutablePointer<UInt8>
    var completeSum: UnsafeMutablePointer<Int64>
    var gram: UnsafeMutablePointer<Int64>
    var pp: UnsafeMutablePointer<Int64>
    var xp: UnsafeMutablePointer<Int64>
    var x2p: UnsafeMutablePointer<Int64>
    var xx: UnsafeMutablePointer<Int64>
    var histogram: UnsafeMutablePointer<Int64>
    var scaleSums: UnsafeMutableBufferPointer<Int64>
    var keyed: UnsafeMutableBufferPointer<Int64>
  }

  func withScalarBuffers(_ partial: inout MomentPartial, _ body: (ScalarBuffers) -> Void) {
    var keyed = [Int64](repeating: 0, count: max(1, longestScale))
    var completeRows = partial.completeRows
    var maxCode = partial.maxCode
    partial.completeSum.withUnsafeMutableBufferPointer { cs in
      partial.completeGram.withUnsafeMutableBufferPointer { g in
        partial.pp.withUnsafeMutableBufferPointer { pp in
          partial.xp.withUnsafeMutableBufferPointer { xp in
            partial.x2p.withUnsafeMutableBufferPointer { x2p in
              partial.xx.withUnsafeMutableBufferPointer { xx in
                partial.histogram.withUnsafeMutableBufferPointer { h in
                  partial.scaleSums.withUnsafeMutableBufferPointer { ss in
                    keyed.withUnsafeMutableBufferPointer { kb in
                      withUnsafeMutablePointer(to: &completeRows) { cr in
                        withUnsafeMutablePointer(to: &maxCode) { mc in
                          guard let csb = cs.baseAddress, let gb = g.baseAddress, let ppb = pp.baseAddress,
                            let xpb = xp.baseAddress, let x2pb = x2p.baseAddress, let xxb = xx.baseAddress,
                            let hb = h.baseAddress
                          else { return }
                          body(
                            ScalarBuffers(
                              completeRows: cr, maxCode: mc, completeSum: csb, gram: gb, pp: ppb, xp: xpb, x2p: x2pb,
                              xx: xxb, histogram: hb, scaleSums: ss, keyed: kb))
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    partial.completeRows = completeRows
    partial.maxCode = maxCode
  }

  /// One row by the scalar path (the tail of a block).
  @inline(__always)
  func scalarRow(_ x: UnsafePointer<UInt8>, _ b: ScalarBuffers) {
    var complete = true
    for i in 0..<k {
      let c = x[i]
      if c > b.maxCode.pointee { b.maxCode.pointee = c }
      if c == 0 { complete = false }
      // A code above the levels is reported by the caller; it must not index past the histogram.
      if Int(c) <= levels { b.histogram[i * (levels + 1) + Int(c)] += 1 }
    }
    if complete {
      b.completeRows.pointee += 1
      for i in 0..<k {
        let ci = Int64(x[i])
        b.completeSum[i] += ci
        for j in i..<k { b.gram[i * k + j] += ci * Int64(x[j]) }
      }
      return
    }
    for i in 0..<k {
      let ci = Int64(x[i])
      for j in 0..<k {
        let cj = Int64(x[j])
        let pj: Int64 = cj != 0 ? 1 : 0
        b.xp[i * k + j] += ci * pj
        b.x2p[i * k + j] += ci * ci * pj
        if j >= i {
          b.pp[i * k + j] += (ci != 0 ? 1 : 0) * pj
          b.xx[i * k + j] += ci * cj
        }
      }
    }
    addScaleSums(x, b.scaleSums, b.keyed)
  }

  /// The scale-score sums of one incomplete row (the reference's per-row rule).
  @inline(__always)
  func addScaleSums(
    _ x: UnsafePointer<UInt8>, _ sums: UnsafeMutableBufferPointer<Int64>, _ keyed: UnsafeMutableBufferPointer<Int64>
  ) {
    let reflect = Int64(levels + 1)
    for s in scaleColumns.indices {
      let columns = scaleColumns[s]
      let keys = scaleKeys[s]
      let n = columns.count
      var answered = 0
      var sum: Int64 = 0
      for t in 0..<n {
        let c = Int64(x[columns[t]])
        if c == 0 {
          keyed[t] = 0
        } else {
          let value = keys[t] == 1 ? c : reflect - c
          keyed[t] = value
          answered += 1
          sum += value
        }
      }
      let sizes = ScaleScoreSums.sizes(itemCount: n)
      let byItem = scaleOffsets[s] + sizes.byAnswered
      let complete = byItem + sizes.byItem
      ScaleScoreSums.add(
        keyed: keyed, count: n, answered: answered, sum: sum,
        byAnswered: UnsafeMutableBufferPointer(rebasing: sums[scaleOffsets[s]..<byItem]),
        byItem: UnsafeMutableBufferPointer(rebasing: sums[byItem..<complete]),
        complete: UnsafeMutableBufferPointer(rebasing: sums[complete..<(complete + sizes.complete)]))
    }
  }

  // MARK: Vector groups

  /// `groups` groups of 16 rows from row `first`. With at most ``PatternTable/maximumItems`` items,
  /// incomplete rows go to `patterns` (the caller drains it into the partial after its last block,
  /// so a pattern's sums are derived once per pass, not once per block); with more, their p-weighted
  /// sums are formed lane by lane.
  func runVector(
    _ codes: UnsafePointer<UInt8>, _ first: Int, _ groups: Int, into partial: inout MomentPartial,
    patterns: inout PatternTable
  ) {
    typealias V = SIMD16<UInt16>
    let chunks = (k + 15) / 16
    let vectorHistogram = levels <= 15
    let flushEvery = max(1, min(512, 65535 / (levels * levels)))
    let zero = V(repeating: 0)
    let one = V(repeating: 1)
    // Lane accumulators: over complete lanes Gram and Σx; over incomplete lanes (z = x there, else
    // 0; m = [missing] there, else 0) Σmᵢmⱼ, Σzᵢmⱼ, Σzᵢ²mⱼ, Σzᵢzⱼ, Σz, Σz², Σm; the histogram of
    // codes 1…L − 1. Missing is rare, so the m-products are only formed for items with a missing
    // lane in the group; ``flush(_:_:incomplete:withIncomplete:vectorHistogram:)`` turns them
    // into Σpᵢpⱼ, Σxᵢpⱼ and Σxᵢ²pⱼ (p = 1 − m).
    let ppAt = self.ppAt
    let xpAt = self.xpAt
    let x2pAt = self.x2pAt
    let xxAt = self.xxAt
    let histAt = self.histAt
    let zAt = self.zAt
    let z2At = self.z2At
    let mAt = self.mAt
    var acc = [V](repeating: zero, count: mAt + k)
    var v = [V](repeating: zero, count: 4 * k)
    var tileBuffer = [V](repeating: zero, count: Self.tileGroups * k)
    var tileCount = 0
    var transposed = [UInt8](repeating: 0, count: chunks * 256)
    var levelVectors = (0...levels).map { V(repeating: UInt16($0)) }
    var completeRows: Int64 = 0
    // Branch-free lane arithmetic (codes are bytes, so x + 255 < 2⁹): [x ≠ 0] = (x + 255) >> 8,
    // [x > levels] = bit 8 of x + (255 − levels), [x = c] = 1 − [(x ^ c) ≠ 0].
    let c255 = V(repeating: 255)
    let aboveOffset = V(repeating: UInt16(255 - min(levels, 255)))
    var above = zero
    var touchedIncomplete = false
    let byPattern = k <= PatternTable.maximumItems
    let blockComplete = Platform.findByte(0, in: codes + first * k, count: groups * 16 * k) == nil
    let countedBefore = (0..<k).map { i in
      (0..<levels).reduce(Int64(0)) { $0 + partial.histogram[i * (levels + 1) + $1] }
    }
    withScalarBuffers(&partial) { buffers in
      acc.withUnsafeMutableBufferPointer { accBuffer in
        v.withUnsafeMutableBufferPointer { vBuffer in
          transposed.withUnsafeMutableBufferPointer { tBuffer in
            levelVectors.withUnsafeMutableBufferPointer { lv in
              tileBuffer.withUnsafeMutableBufferPointer { tileStorage in
                guard let a = accBuffer.baseAddress, let vb = vBuffer.baseAddress, let t = tBuffer.baseAddress,
                  let lvb = lv.baseAddress, let tile = tileStorage.baseAddress
                else { return }
                let raw = UnsafeRawPointer(t)
                let y = vb
                let z = vb + k
                let z2 = vb + 2 * k
                let m = vb + 3 * k
                var incompleteSinceFlush: Int64 = 0
                var sinceFlush = 0
                for g in 0..<groups {
                  let row0 = first + g * 16
                  let x = UnsafeRawPointer(codes + row0 * k)
                  for c in 0..<chunks { transpose16x16(x + 16 &* c, stride: k, into: t + 256 &* c) }
                  // memchr (vectorised in the C library) finds a missing code faster than lane tests.
                  let complete = blockComplete || Platform.findByte(0, in: x, count: 16 &* k) == nil
                  var all = one
                  for i in 0..<k {
                    let vi = V(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: i &* 16, as: SIMD16<UInt8>.self))
                    y[i] = vi
                    if !complete { all = all & ((vi &+ c255) &>> 8) }
                    above = above | (vi &+ aboveOffset)
                  }
                  if vectorHistogram {
                    for i in 0..<k {
                      let vi = y[i]
                      let h = a + histAt + i &* levels
                      for c in 1..<levels {
                        h[c &- 1] &+= one ^ (((vi ^ lvb[c]) &+ c255) &>> 8)
                      }
                      // Code 0 (missing) goes to slot L − 1, which codes 1…L − 1 (slots 0…L − 2)
                      // leave free; the lane path for wider layouts counts it from Σm instead.
                      if byPattern && !complete { h[levels &- 1] &+= one ^ ((vi &+ c255) &>> 8) }
                    }
                  } else {
                    for r in 0..<16 {
                      let row = codes + (row0 + r) * k
                      for i in 0..<k where Int(row[i]) <= levels {
                        buffers.histogram[i * (levels + 1) + Int(row[i])] += 1
                      }
                    }
                  }
                  if complete {
                    completeRows &+= 16
                  } else if byPattern {
                    completeRows &+= Self.laneCount(all)
                    // Each lane's pattern, bit i for a missing item i (k ≤ 16 bits), from the
                    // transposed codes: a few vector operations per item for all 16 rows.
                    var missing = zero
                    for i in 0..<k {
                      let vi = y[i]
                      missing |= (one ^ ((vi &+ c255) &>> 8)) &<< UInt16(i)
                      y[i] = vi &* all
                    }
                    for lane in 0..<16 where all[lane] == 0 {
                      let row = codes + (row0 + lane) * k
                      let mask = UInt64(missing[lane])
                      if !patterns.add(row, missing: mask) {
                        patterns.drain(into: buffers, kernel: self)
                        _ = patterns.add(row, missing: mask)
                      }
                    }
                  } else {
                    touchedIncomplete = true
                    let completeLanes = Self.laneCount(all)
                    completeRows &+= completeLanes
                    incompleteSinceFlush &+= 16 &- completeLanes
                    let inc = one &- all
                    for i in 0..<k {
                      let vi = y[i]
                      let yi = vi &* all
                      let zi = vi &- yi
                      let zi2 = zi &* zi
                      let mi = inc &- ((zi &+ c255) &>> 8)
                      y[i] = yi
                      z[i] = zi
                      z2[i] = zi2
                      m[i] = mi
                      a[zAt &+ i] &+= zi
                      a[z2At &+ i] &+= zi2
                      a[mAt &+ i] &+= mi
                    }
                    for j in 0..<k where Self.anyLane(m[j]) {
                      let mj = m[j]
                      for i in 0..<k {
                        a[xpAt &+ i &* k &+ j] &+= z[i] &* mj
                        a[x2pAt &+ i &* k &+ j] &+= z2[i] &* mj
                      }
                      for i in 0...j { a[ppAt &+ i &* k &+ j] &+= m[i] &* mj }
                    }
                    for i in 0..<k {
                      let zi = z[i]
                      let row = i &* k
                      for j in i..<k { a[xxAt &+ row &+ j] &+= zi &* z[j] }
                    }
                    for lane in 0..<16 where all[lane] == 0 {
                      addScaleSums(codes + (row0 + lane) * k, buffers.scaleSums, buffers.keyed)
                    }
                  }
                  // The complete lanes' Gram matrix is formed per tile of groups (gramTile).
                  (tile + tileCount &* k).update(from: y, count: k)
                  tileCount &+= 1
                  sinceFlush &+= 1
                  let flushDue = sinceFlush == flushEvery || g == groups - 1
                  if tileCount == Self.tileGroups || flushDue {
                    gramTile(tile, tileCount, a)
                    tileCount = 0
                  }
                  if flushDue {
                    flush(
                      a, buffers, incomplete: incompleteSinceFlush, withIncomplete: touchedIncomplete,
                      vectorHistogram: vectorHistogram)
                    touchedIncomplete = false
                    incompleteSinceFlush = 0
                    sinceFlush = 0
                  }
                }
              }
            }
          }
        }
      }
      buffers.completeRows.pointee += completeRows
      // Any lane with bit 8 set held a code above the levels: record it for the caller's check.
      if (above &>> 8) != zero { buffers.maxCode.pointee = 255 }
    }
    if vectorHistogram {
      // The flushes counted codes 0…L − 1 (0 from Σm); code L gets the rest of the 16·groups rows.
      // A code above L is counted as L here, but it makes the whole call throw.
      let rows = Int64(groups * 16)
      for i in 0..<k {
        var counted: Int64 = 0
        for c in 0..<levels { counted += partial.histogram[i * (levels + 1) + c] }
        partial.histogram[i * (levels + 1) + levels] += rows - (counted - countedBefore[i])
      }
    }
  }

  /// Groups per Gram tile: the tile's products are summed in registers, four pairs at a time, before
  /// one add to each lane accumulator.
  static let tileGroups = 8

  /// Adds Σy and Σyᵢyⱼ (i ≤ j) over the `count` groups of `tile` (group-major, k vectors each) to
  /// the lane accumulators. The accumulators are flushed after at most `flushEvery` groups, and
  /// every group is in exactly one tile before its flush, so the lane bound is unchanged.
  @inline(__always)
  func gramTile(_ tile: UnsafeMutablePointer<SIMD16<UInt16>>, _ count: Int, _ a: UnsafeMutablePointer<SIMD16<UInt16>>) {
    typealias V = SIMD16<UInt16>
    let zero = V(repeating: 0)
    for i in 0..<k {
      var sum = zero
      for g in 0..<count { sum &+= tile[g &* k &+ i] }
      a[sumAt &+ i] &+= sum
      let row = gramAt &+ i &* k
      var j = i
      while j &+ 4 <= k {
        var r0 = zero
        var r1 = zero
        var r2 = zero
        var r3 = zero
        for g in 0..<count {
          let base = tile + g &* k
          let yi = base[i]
          r0 &+= yi &* base[j]
          r1 &+= yi &* base[j &+ 1]
          r2 &+= yi &* base[j &+ 2]
          r3 &+= yi &* base[j &+ 3]
        }
        a[row &+ j] &+= r0
        a[row &+ j &+ 1] &+= r1
        a[row &+ j &+ 2] &+= r2
        a[row &+ j &+ 3] &+= r3
        j &+= 4
      }
      while j < k {
        var r = zero
        for g in 0..<count {
          let base = tile + g &* k
          r &+= base[i] &* base[j]
        }
        a[row &+ j] &+= r
        j &+= 1
      }
    }
  }

  /// Whether any lane is non-zero. (`!=` on SIMD vectors compiles to a lane-by-lane loop here; four
  /// 64-bit words OR-ed together do not.)
  @inline(__always)
  static func anyLane(_ v: SIMD16<UInt16>) -> Bool {
    let w = unsafeBitCast(v, to: (UInt64, UInt64, UInt64, UInt64).self)
    return (w.0 | w.1 | w.2 | w.3) != 0
  }

  /// The number of lanes holding 1 in a vector of 0/1 lanes.
  @inline(__always)
  static func laneCount(_ v: SIMD16<UInt16>) -> Int64 {
    let w = unsafeBitCast(v, to: (UInt64, UInt64, UInt64, UInt64).self)
    return Int64(w.0.nonzeroBitCount + w.1.nonzeroBitCount + w.2.nonzeroBitCount + w.3.nonzeroBitCount)
  }

  /// Offsets of the lane accumulators (see ``runVector(_:_:_:into:)``).
  var gramAt: Int { 0 }
  var sumAt: Int { k * k }
  var ppAt: Int { k * k + k }
  var xpAt: Int { 2 * k * k + k }
  var x2pAt: Int { 3 * k * k + k }
  var xxAt: Int { 4 * k * k + k }
  var histAt: Int { 5 * k * k + k }
  var zAt: Int { histAt + (levels <= 15 ? k * levels : 0) }
  var z2At: Int { zAt + k }
  var mAt: Int { z2At + k }

  /// Widens the lane accumulators into the Int64 totals and clears them.
  @inline(__always)
  func flush(
    _ a: UnsafeMutablePointer<SIMD16<UInt16>>, _ b: ScalarBuffers, incomplete: Int64, withIncomplete: Bool,
    vectorHistogram: Bool
  ) {
    let zero = SIMD16<UInt16>(repeating: 0)
    @inline(__always) func take(_ index: Int) -> Int64 {
      let value = Int64(SIMD16<UInt32>(truncatingIfNeeded: a[index]).wrappedSum())
      a[index] = zero
      return value
    }
    for i in 0..<k {
      b.completeSum[i] += take(sumAt + i)
      for j in i..<k { b.gram[i * k + j] += take(gramAt + i * k + j) }
    }
    if withIncomplete {
      // Over incomplete lanes p = 1 − m: Σzᵢpⱼ = Σzᵢ − Σzᵢmⱼ, Σzᵢ²pⱼ = Σzᵢ² − Σzᵢ²mⱼ,
      // Σpᵢpⱼ = n − Σmᵢ − Σmⱼ + Σmᵢmⱼ.
      let zs = (0..<k).map { take(zAt + $0) }
      let z2s = (0..<k).map { take(z2At + $0) }
      let ms = (0..<k).map { take(mAt + $0) }
      for i in 0..<k {
        for j in 0..<k {
          b.xp[i * k + j] += zs[i] - take(xpAt + i * k + j)
          b.x2p[i * k + j] += z2s[i] - take(x2pAt + i * k + j)
        }
        for j in i..<k {
          b.pp[i * k + j] += incomplete - ms[i] - ms[j] + take(ppAt + i * k + j)
          b.xx[i * k + j] += take(xxAt + i * k + j)
        }
      }
      if vectorHistogram {
        for i in 0..<k { b.histogram[i * (levels + 1)] += ms[i] }
      }
    }
    if vectorHistogram {
      for i in 0..<k {
        for c in 1..<levels { b.histogram[i * (levels + 1) + c] += take(histAt + i * levels + c - 1) }
        b.histogram[i * (levels + 1)] += take(histAt + i * levels + levels - 1)
      }
    }
  }
}

extension MomentKernel {
  /// The cores to use (the container-aware count).
  static var defaultThreads: Int {
    Parallel.coreCount
  }
}

/// Incomplete rows grouped by the set of items they miss, their *pattern* (used for layouts of at
/// most ``maximumItems`` items).
///
/// Every sum the dense path keeps for incomplete rows — Σpᵢpⱼ, Σxᵢpⱼ, Σxᵢ²pⱼ, Σxᵢxⱼ and each
/// scale's sums by answered count — follows from a pattern's n, Σxᵢ and Σxᵢxⱼ (x = 0 where
/// missing), because which items are answered, and so every pⱼ and every scale's answered count, is
/// the same on all its rows. Missing answers repeat few patterns (gen_data.py's 1,000,000 rows of
/// 12 items at 3 % missing: 305,937 incomplete rows in 545 patterns, 84 % of them in the 12 one-item
/// ones), so an incomplete row costs one update of its pattern's Gram matrix instead of 4k² lane
/// products and a row-by-row scale-score update. ``drain(into:kernel:)`` adds the
/// patterns to the dense sums exactly, by the integer identities complete rows go through
/// (``MomentKernel/addPattern(missing:count:sum:gram:into:_:)``, the pattern with nothing missing).
/// The table is bounded: when it is full it is drained and starts again, so the worst case (every
/// row its own pattern) costs about what the row-by-row rule costs.
struct PatternTable {
  /// The widest layout read by pattern (2¹⁶ patterns at most).
  static let maximumItems = 16

  let k: Int
  /// Per pattern: n, then Σxᵢ (k), then Σxᵢxⱼ at i·k + j for i ≤ j (k²).
  let stride: Int
  let capacity: Int
  let indexBits: Int
  /// The missing items of each pattern, bit i for item i.
  var masks: [UInt64] = []
  var sums: [Int64] = []
  /// Open addressing on the mask: a pattern's position + 1, or 0 for an empty place.
  var index: [Int32]

  init(itemCount: Int) {
    k = itemCount
    stride = 1 + itemCount + itemCount * itemCount
    // About 1 MiB of sums: 834 patterns at 12 items, 480 at 16 (enough for the 545 patterns of a
    // million rows of 12 items at 3 % missing; more only cost an early drain).
    capacity = Swift.max(32, Swift.min(1024, (1 << 20) / (stride * 8)))
    var bits = 1
    while 1 << bits < 2 * capacity { bits += 1 }
    indexBits = bits
    index = Array(repeating: 0, count: 1 << bits)
  }

  /// Adds one incomplete row whose missing items are the bits of `mask`; `false` (nothing added)
  /// when its pattern is new and the table is full.
  @inline(__always)
  mutating func add(_ x: UnsafePointer<UInt8>, missing mask: UInt64) -> Bool {
    let size = index.count
    var h = Int(truncatingIfNeeded: (mask &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - indexBits))
    var slot = 0
    while true {
      let s = Int(index[h])
      if s == 0 {
        guard masks.count < capacity else { return false }
        masks.append(mask)
        sums.append(contentsOf: repeatElement(0, count: stride))
        slot = masks.count - 1
        index[h] = Int32(masks.count)
        break
      }
      if masks[s - 1] == mask {
        slot = s - 1
        break
      }
      h = (h &+ 1) & (size - 1)
    }
    let k = self.k
    let offset = slot * stride
    sums.withUnsafeMutableBufferPointer { b in
      guard let base = b.baseAddress.map({ $0 + offset }) else { return }
      base[0] &+= 1
      let gram = base + 1 + k
      for i in 0..<k {
        let xi = Int64(x[i])
        if xi == 0 { continue }
        base[1 + i] &+= xi
        let row = gram + i &* k
        for j in i..<k { row[j] &+= xi &* Int64(x[j]) }
      }
    }
    return true
  }

  /// Adds every pattern's rows to the dense sums (``MomentKernel/addPattern(missing:count:sum:gram:into:_:)``)
  /// and empties the table.
  mutating func drain(into b: MomentKernel.ScalarBuffers, kernel: MomentKernel) {
    guard !masks.isEmpty else { return }
    let k = self.k
    var scratch = Scratch(longestScale: kernel.longestScale)
    sums.withUnsafeBufferPointer { all in
      guard let start = all.baseAddress else { return }
      for (slot, mask) in masks.enumerated() {
        let base = start + slot * stride
        kernel.addPattern(missing: mask, count: base[0], sum: base + 1, gram: base + 1 + k, into: b, &scratch)
      }
    }
    masks.removeAll(keepingCapacity: true)
    sums.removeAll(keepingCapacity: true)
    for i in index.indices { index[i] = 0 }
  }
}

extension PatternTable {
  /// Room for one scale's Σκₜ and Σκₜκᵤ while a pattern is derived.
  struct Scratch {
    var k1: [Int64]
    var k2: [Int64]
    init(longestScale: Int) {
      k1 = Array(repeating: 0, count: Swift.max(1, longestScale))
      k2 = Array(repeating: 0, count: Swift.max(1, longestScale * longestScale))
    }
  }
}

extension MomentKernel {
  /// Adds `n` rows that all miss exactly the items in `mask` (bit i for item i) to the dense sums:
  /// Σpᵢpⱼ, Σxᵢpⱼ, Σxᵢ²pⱼ, Σxᵢxⱼ and every scale's sums by answered count, equal to what
  /// ``scalarRow(_:_:)`` adds row by row. `sum` holds their Σxᵢ (k) and `gram` their Σxᵢxⱼ at
  /// i·k + j for i ≤ j, with x = 0 where missing. Wrapping arithmetic: each total is bounded by the
  /// accumulator's row capacity, so the wrapped result is the exact one.
  func addPattern(
    missing mask: UInt64, count n: Int64, sum: UnsafePointer<Int64>, gram g: UnsafePointer<Int64>,
    into b: ScalarBuffers, _ scratch: inout PatternTable.Scratch
  ) {
    guard n > 0 else { return }
    let reflect = Int64(levels + 1)
    func answered(_ i: Int) -> Bool { mask & (1 &<< UInt64(i)) == 0 }
    func gram(_ i: Int, _ j: Int) -> Int64 { i <= j ? g[i * k + j] : g[j * k + i] }
    for i in 0..<k {
      let gii = g[i * k + i]
      let ai = answered(i)
      for j in 0..<k where answered(j) {
        b.xp[i * k + j] &+= sum[i]
        b.x2p[i * k + j] &+= gii
      }
      for j in i..<k {
        if ai && answered(j) { b.pp[i * k + j] &+= n }
        b.xx[i * k + j] &+= g[i * k + j]
      }
    }
    // Keyed value κ = o + σ·c with (o, σ) = (0, 1) forward and (levels + 1, −1) reversed, on the
    // answered items only: Σκₜ = oₜn + σₜΣcₜ and Σκₜκᵤ = oₜoᵤn + oₜσᵤΣcᵤ + oᵤσₜΣcₜ + σₜσᵤΣcₜcᵤ;
    // the scale score s is Σκ over the answered, the same m of them on every row of the pattern.
    scratch.k1.withUnsafeMutableBufferPointer { k1 in
      scratch.k2.withUnsafeMutableBufferPointer { k2 in
        for s in scaleColumns.indices {
          let columns = scaleColumns[s]
          let keys = scaleKeys[s]
          let ns = columns.count
          var m = 0
          for t in 0..<ns {
            let at = answered(columns[t])
            if at { m += 1 }
            let ot: Int64 = keys[t] == 1 ? 0 : reflect
            let st = Int64(keys[t])
            k1[t] = at ? ot &* n &+ st &* sum[columns[t]] : 0
            for u in 0..<ns {
              guard at, answered(columns[u]) else {
                k2[t * ns + u] = 0
                continue
              }
              let ou: Int64 = keys[u] == 1 ? 0 : reflect
              let su = Int64(keys[u])
              k2[t * ns + u] =
                ot &* ou &* n &+ ot &* su &* sum[columns[u]] &+ ou &* st &* sum[columns[t]] &+ st &* su
                &* gram(columns[t], columns[u])
            }
          }
          var sumS: Int64 = 0
          var sumS2: Int64 = 0
          for t in 0..<ns {
            sumS &+= k1[t]
            for u in 0..<ns { sumS2 &+= k2[t * ns + u] }
          }
          let offset = scaleOffsets[s]
          b.scaleSums[offset + m * 3] &+= n
          b.scaleSums[offset + m * 3 + 1] &+= sumS
          b.scaleSums[offset + m * 3 + 2] &+= sumS2
          guard m > 0 else { continue }
          let sizes = ScaleScoreSums.sizes(itemCount: ns)
          let byItem = offset + sizes.byAnswered
          for t in 0..<ns where answered(columns[t]) {
            var sKappa: Int64 = 0
            for u in 0..<ns { sKappa &+= k2[u * ns + t] }
            let q = byItem + (t * (ns + 1) + m) * 6
            b.scaleSums[q] &+= n
            b.scaleSums[q + 1] &+= sumS
            b.scaleSums[q + 2] &+= sumS2
            b.scaleSums[q + 3] &+= sKappa
            b.scaleSums[q + 4] &+= k1[t]
            b.scaleSums[q + 5] &+= k2[t * ns + t]
          }
          if m == ns {
            let complete = byItem + sizes.byItem
            b.scaleSums[complete] &+= n
            var c = complete + 1 + ns
            for t in 0..<ns {
              b.scaleSums[complete + 1 + t] &+= k1[t]
              for u in t..<ns {
                b.scaleSums[c] &+= k2[t * ns + u]
                c += 1
              }
            }
          }
        }
      }
    }
  }
}
