/// Matches a label cell in place, where it starts in a delimited record, without finding the cell's
/// end first: the CSV reader's fast path for form exports, whose cells are the same few labels in
/// their plain spelling ("Sering", "SERING", " sering ").
///
/// Leading spaces and tabs are skipped; a candidate is chosen by the next byte (ASCII case folded);
/// it matches when the cell's next bytes equal the normalised label up to ASCII case (compared eight
/// bytes at a time: a letter position is compared with bit 0x20 set on both sides, which folds
/// exactly `A`–`Z` onto `a`–`z`) and only spaces and tabs follow up to the delimiter or the end of
/// the record. Only a cell that is in normal form up to ASCII case and surrounding blanks can match
/// — no doubled or other white space inside, no non-ASCII byte — and for such a cell the match gives
/// what the normalising lookup gives; every other cell (inner tabs, accents, numbers, near misses) is
/// left to ``ASCIILabelTable`` and the Unicode path. Labels this shortcut could misread are left out
/// of it: those containing the delimiter, those starting with a digit or a sign (such cells are read
/// as numbers), those equal up to ASCII case to a missing-value token (the token wins when spelled
/// exactly), and those whose value is not a response on the scale (the reader reports those).
///
/// The labels live in one flat, immutable buffer (so a lookup does no bounds checks and no
/// reference counting); the class owns it.
final class ASCIILabelMatcher: @unchecked Sendable {
  /// Per label, `1 + 3w` words: the length and response code (`length | code << 32`), then per
  /// 8-byte word of the label its bytes (zero padded), its case mask, and the mask of the bytes it
  /// holds (all ones but in a last, partial word).
  private let data: UnsafeMutablePointer<UInt64>
  /// `first[b]..<first[b + 1]` indexes `offsets`: the labels of one or two bytes starting with byte
  /// `b` (either case).
  private let first: UnsafeMutablePointer<Int32>
  /// `buckets[h]..<buckets[h + 1]` indexes `offsets`: the longer labels whose first three bytes
  /// (ASCII case folded) hash to `h` (``bucket(_:_:_:)``), so a cell has one candidate or few.
  private let buckets: UnsafeMutablePointer<Int32>
  /// Per bucket, its first label of at most 16 bytes inline, tried before the bucket's list with
  /// one two-word compare and no dependent look-ups: its two words, their case masks and byte masks
  /// (`w0 m0 k0 w1 m1 k1`) and its head (`w0 = 1, k0 = 0` when the bucket has no such label).
  private let slots: UnsafeMutablePointer<UInt64>
  /// Whether any label is shorter than three bytes (``first`` holds some).
  private let hasShort: Bool
  /// Where each label's words start in `data`.
  private let offsets: UnsafeMutablePointer<Int32>
  let delimiter: UInt8

  /// A matcher over `table`'s labels, or `nil` when none can be matched in place. `code` gives a
  /// label value's response code (nil when the value is not on the scale).
  init?(table: ASCIILabelTable, delimiter: UInt8, missingTokens: [[UInt8]], code: (Int) -> UInt8?) {
    let folded = Set(missingTokens.map { $0.map(Self.lower) })
    var data: [UInt64] = []
    var byFirst = [[Int32]](repeating: [], count: 256)
    var byBucket = [[Int32]](repeating: [], count: Self.bucketCount)
    for i in table.starts.indices {
      let label = Array(table.arena[table.starts[i]..<(table.starts[i] + table.lengths[i])])
      guard let c0 = label.first, let responseCode = code(table.values[i]) else { continue }
      if (c0 >= 0x30 && c0 <= 0x39) || c0 == 0x2B || c0 == 0x2D { continue }
      if label.contains(delimiter) || folded.contains(label) { continue }
      if label.count < 3 {
        byFirst[Int(c0)].append(Int32(data.count))
      } else {
        byBucket[Self.bucket(label[0], label[1], label[2])].append(Int32(data.count))
      }
      data.append(UInt64(label.count) | UInt64(responseCode) << 32)
      var w = 0
      while w < label.count {
        var word: UInt64 = 0
        var mask: UInt64 = 0
        var keep: UInt64 = 0
        for k in 0..<Swift.min(8, label.count - w) {
          let b = label[w + k]
          word |= UInt64(b) << UInt64(8 * k)
          keep |= 0xFF << UInt64(8 * k)
          if b >= 0x61 && b <= 0x7A { mask |= 0x20 << UInt64(8 * k) }
        }
        data += [word, mask, keep]
        w += 8
      }
    }
    if data.isEmpty { return nil }
    var first: [Int32] = [0]
    var offsets: [Int32] = []
    for b in 0..<256 {
      // An uppercase first byte finds the lowercase label's entries.
      offsets += b >= 0x41 && b <= 0x5A ? byFirst[b | 0x20] : byFirst[b]
      first.append(Int32(offsets.count))
    }
    var buckets: [Int32] = [Int32(offsets.count)]
    for list in byBucket {
      offsets += list
      buckets.append(Int32(offsets.count))
    }
    self.data = .allocate(capacity: data.count)
    self.data.initialize(from: data, count: data.count)
    self.first = .allocate(capacity: first.count)
    self.first.initialize(from: first, count: first.count)
    var slots = [UInt64](repeating: 0, count: Self.bucketCount * 7)
    for (h, list) in byBucket.enumerated() {
      // An empty slot's first word is 1 with no bytes kept: no cell matches it.
      slots[h * 7] = 1
      guard let o = list.first(where: { data[Int($0)] & 0xFFFF_FFFF <= 16 }).map(Int.init) else { continue }
      let words = Int((data[o] & 0xFFFF_FFFF + 7) / 8)
      for w in 0..<words {
        slots[h * 7 + 3 * w] = data[o + 1 + 3 * w]
        slots[h * 7 + 3 * w + 1] = data[o + 2 + 3 * w]
        slots[h * 7 + 3 * w + 2] = data[o + 3 + 3 * w]
      }
      slots[h * 7 + 6] = data[o]
    }
    hasShort = first[256] > 0
    self.slots = .allocate(capacity: slots.count)
    self.slots.initialize(from: slots, count: slots.count)
    self.buckets = .allocate(capacity: buckets.count)
    self.buckets.initialize(from: buckets, count: buckets.count)
    self.offsets = .allocate(capacity: Swift.max(1, offsets.count))
    self.offsets.initialize(from: offsets, count: offsets.count)
    self.delimiter = delimiter
  }

  deinit {
    data.deallocate()
    first.deallocate()
    buckets.deallocate()
    slots.deallocate()
    offsets.deallocate()
  }

  /// The ASCII lowercase of `b`.
  @inline(__always)
  static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

  static let bucketCount = 1024

  /// The bucket of a label (or cell) starting with bytes `b0 b1 b2`, each with bit 0x20 set (a
  /// multiplicative hash of the three bytes into 10 bits). Setting the bit folds ASCII case; it also
  /// puts a few non-letters together with others (`@` with `` ` ``), which only shares a bucket: the
  /// compare that follows is exact.
  @inline(__always)
  static func bucket(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int {
    bucket(key: UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16)
  }

  /// ``bucket(_:_:_:)`` of the first three bytes of a little-endian word (one load, no per-byte folding).
  @inline(__always)
  static func bucket(key: UInt32) -> Int {
    Int(((key & 0xFF_FFFF | 0x20_2020) &* 0x9E37_79B1) >> 22)
  }

  /// The cell starting at `start` (with `available` bytes left in the record, and `readable ≥
  /// available` bytes that may be read) when it is one of the labels, with any spaces and tabs
  /// around it: its response code and length, packed as `length << 8 | code`; −1 otherwise.
  @inline(__always)
  func match(_ start: UnsafePointer<UInt8>, available: Int, readable: Int) -> Int {
    // Spaces and tabs around a cell are trimmed by the reader and by normalisation alike (unless
    // one is the delimiter). Most cells start with a letter: one compare skips the loop.
    var a = 0
    if available > 0, start[0] <= 0x20 {
      while a < available, start[a] == 0x20 || start[a] == 0x09, start[a] != delimiter { a += 1 }
    }
    guard a < available else { return -1 }
    let cell = start + a
    let left = available - a
    if left >= 3 {
      if let long = matchLong(cell, left: left, canRead: readable - a) { return a << 8 + long }
    }
    // Labels of one or two bytes (rare) are looked up by their first byte.
    guard hasShort else { return -1 }
    let b = Int(cell[0])
    let short = candidates(Int(first[b]), Int(first[b + 1]), cell, left: left, canRead: readable - a)
    return short >= 0 ? a << 8 + short : -1
  }

  /// Where the cell ends when its label takes its first `n` bytes: `n` itself when the delimiter or
  /// the record's end follows (the usual case, tried first), else after trailing spaces and tabs; nil
  /// when anything else follows.
  @inline(__always)
  private func end(_ cell: UnsafePointer<UInt8>, after n: Int, left: Int) -> Int? {
    if n == left || cell[n] == delimiter { return n }
    var e = n
    while e < left, cell[e] == 0x20 || cell[e] == 0x09, cell[e] != delimiter { e += 1 }
    return e == left || cell[e] == delimiter ? e : nil
  }

  /// A label of three bytes or more at `cell`: the bucket's inline label, then its list.
  @inline(__always)
  private func matchLong(_ cell: UnsafePointer<UInt8>, left: Int, canRead: Int) -> Int? {
    let h: Int
    if canRead >= 16 {
      // The bucket's inline label: both words compared at once, one branch.
      let x0 = UnsafeRawPointer(cell).loadUnaligned(as: UInt64.self)
      let x1 = UnsafeRawPointer(cell + 8).loadUnaligned(as: UInt64.self)
      h = Self.bucket(key: UInt32(truncatingIfNeeded: x0))
      let slot = slots + h * 7
      let head = slot[6]
      let n = Int(truncatingIfNeeded: head & 0xFFFF_FFFF)
      let difference = (((x0 & slot[2]) | slot[1]) ^ slot[0]) | (((x1 & slot[5]) | slot[4]) ^ slot[3])
      if difference == 0 && n <= left, let e = end(cell, after: n, left: left) {
        return e << 8 | Int(truncatingIfNeeded: head >> 32)
      }
    } else {
      h = Self.bucket(cell[0], cell[1], cell[2])
    }
    let long = candidates(Int(buckets[h]), Int(buckets[h + 1]), cell, left: left, canRead: canRead)
    return long >= 0 ? long : nil
  }

  /// The first of the labels `offsets[from..<to]` that `cell` holds (see ``match(_:available:readable:)``).
  @inline(__always)
  private func candidates(_ from: Int, _ to: Int, _ cell: UnsafePointer<UInt8>, left: Int, canRead: Int) -> Int {
    var c = from
    candidates: while c < to {
      let o = Int(offsets[c])
      c += 1
      let head = data[o]
      let n = Int(truncatingIfNeeded: head & 0xFFFF_FFFF)
      guard n <= left else { continue }
      var at = 0
      var q = o + 1
      while at < n {
        let x: UInt64
        if at + 8 <= canRead {
          x = UnsafeRawPointer(cell + at).loadUnaligned(as: UInt64.self)
        } else {
          // Near the end of the buffer: the label's last bytes, one by one.
          var y: UInt64 = 0
          var k = 0
          while k < 8, at + k < n {
            y |= UInt64(cell[at + k]) << UInt64(8 * k)
            k += 1
          }
          x = y
        }
        if (x & data[q + 2]) | data[q + 1] != data[q] { continue candidates }
        at += 8
        q += 3
      }
      guard let e = end(cell, after: n, left: left) else { continue }
      return e << 8 | Int(truncatingIfNeeded: head >> 32)
    }
    return -1
  }
}
