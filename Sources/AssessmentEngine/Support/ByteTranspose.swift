/// Transposes a 16 × 16 block of bytes — 16 rows of 16 bytes starting `stride` bytes apart — so
/// that `out[16·j + i]` is byte `j` of row `i`. Four rounds of a perfect unshuffle (each output
/// vector the even or odd bytes of two adjacent input vectors) rotate the 8-bit element index by
/// four bits, which swaps row and column.
///
/// Shared by the bulk scorer and the reliability accumulator: both turn 16 row-major response rows
/// into one 16-lane vector per item. The caller guarantees that 16 bytes can be read at each of the
/// 16 row starts.
@inline(__always)
func transpose16x16(_ x: UnsafeRawPointer, stride: Int, into out: UnsafeMutablePointer<UInt8>) {
  withUnsafeTemporaryAllocation(of: SIMD16<UInt8>.self, capacity: 32) { buffer in
    guard let p = buffer.baseAddress else { return }
    for r in 0..<16 { (p + r).initialize(to: x.loadUnaligned(fromByteOffset: r &* stride, as: SIMD16<UInt8>.self)) }
    var src = p
    var dst = p + 16
    for _ in 0..<4 {
      for m in 0..<8 {
        let pair = SIMD32<UInt8>(lowHalf: src[2 &* m], highHalf: src[2 &* m &+ 1])
        (dst + m).initialize(to: pair.evenHalf)
        (dst + (m &+ 8)).initialize(to: pair.oddHalf)
      }
      swap(&src, &dst)
    }
    UnsafeMutableRawPointer(out).copyMemory(from: src, byteCount: 256)
  }
}
