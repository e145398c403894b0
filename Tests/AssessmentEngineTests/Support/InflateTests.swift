import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// The in-house inflater against streams made by zlib itself (Fixtures/zlib/make_vectors.py): stored,
/// fixed-Huffman and dynamic-Huffman blocks at several levels and strategies, raw and zlib-wrapped.
@Suite("Inflate (RFC 1950/1951)")
struct InflateTests {
  func zlib(_ bytes: [UInt8], baseOffset: Int = 0, limit: Int = .max) throws(InflateError) -> (
    output: [UInt8], consumed: Int
  ) {
    try bytes.withUnsafeBufferPointer { (b) throws(InflateError) in
      try Inflate.zlibDecompress(b, baseOffset: baseOffset, limit: limit)
    }
  }

  static func vector(_ name: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/zlib") else {
      throw CocoaError(.fileNoSuchFile)
    }
    return [UInt8](try Data(contentsOf: url))
  }

  static let manifest: [(stream: String, input: String, length: Int, adler: UInt32)] = {
    guard let text = try? String(decoding: vector("manifest.txt"), as: UTF8.self) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      let f = line.split(separator: " ").map(String.init)
      guard f.count == 4, let n = Int(f[2]), let a = UInt32(f[3]) else { return nil }
      return (f[0], f[1], n, a)
    }
  }()

  @Test func manifestIsComplete() {
    #expect(Self.manifest.count == 51)
  }

  @Test(arguments: manifest.map(\.stream))
  func decodesWhatZlibWrote(_ stream: String) throws {
    let entry = try #require(Self.manifest.first { $0.stream == stream })
    let compressed = try Self.vector(stream)
    let expected = try Self.vector(entry.input)
    #expect(expected.count == entry.length)
    let decoded: [UInt8]
    let consumed: Int
    if stream.hasSuffix(".raw") {
      (decoded, consumed) = try compressed.withUnsafeBufferPointer { try Inflate.inflate($0) }
    } else {
      (decoded, consumed) = try compressed.withUnsafeBufferPointer { try Inflate.zlibDecompress($0) }
    }
    #expect(consumed == compressed.count)
    #expect(decoded == expected)
    #expect(expected.withUnsafeBufferPointer { Inflate.adler32($0) } == entry.adler)
  }

  @Test func stopsAtTheEndOfTheStreamAndReportsWhatItUsed() throws {
    let stream = try Self.vector("text.L6.zlib")
    let padded = stream + [0xDE, 0xAD, 0xBE, 0xEF]
    let (out, used) = try padded.withUnsafeBufferPointer { try Inflate.zlibDecompress($0) }
    #expect(used == stream.count)
    #expect(out == (try Self.vector("text.bin")))
  }

  @Test func everyTruncationIsATypedErrorWithAnOffset() throws {
    for name in ["text.L9.zlib", "likert.fixed.zlib", "random.L0.zlib", "longdist.L6.zlib"] {
      let stream = try Self.vector(name)
      // Every prefix of the short streams; a stride through the long ones.
      let step = Swift.max(1, stream.count / 400)
      for n in stride(from: 0, to: stream.count, by: step) {
        let prefix = Array(stream[0..<n])
        do {
          _ = try zlib(prefix, baseOffset: 1000)
          Issue.record("\(name) cut at \(n) decoded")
        } catch {
          #expect(error.offset >= 1000 && error.offset <= 1000 + n, "\(name) cut at \(n): \(error)")
        }
      }
    }
  }

  /// A flipped bit must be an error or give the original bytes — except where Adler-32 collides:
  /// zlib itself accepts `likert.fixed.zlib` with bit 31964 flipped (checked with Python's zlib), so
  /// silent changes are allowed to be rare, not impossible.
  @Test func bitFlipsNeverCrashAndAreCaughtByTheChecksum() throws {
    var rng = SplitMix64(seed: 14)
    var silentChanges = 0
    var flips = 0
    for name in ["text.L9.zlib", "likert.L6.zlib", "likert.fixed.zlib", "longdist.L9.zlib", "zeros.rle.zlib"] {
      let stream = try Self.vector(name)
      let original = try Self.vector(String(name.prefix { $0 != "." }) + ".bin")
      for _ in 0..<300 {
        var bytes = stream
        let bit = Int(rng.next() % UInt64(bytes.count * 8))
        bytes[bit / 8] ^= UInt8(1 << (bit % 8))
        flips += 1
        do {
          let (out, _) = try zlib(bytes, limit: 1 << 20)
          if out != original { silentChanges += 1 }
        } catch {
          #expect(error.offset >= 0 && error.offset <= stream.count)
        }
      }
    }
    #expect(silentChanges * 100 <= flips, "\(silentChanges) of \(flips) flips decoded to other bytes without an error")
    // The collision zlib also accepts, pinned so a change in behaviour is noticed.
    var known = try Self.vector("likert.fixed.zlib")
    known[31964 / 8] ^= UInt8(1 << (31964 % 8))
    let (out, _) = try zlib(known)
    let likert = try Self.vector("likert.bin")
    #expect(out.count == 50000 && out != likert)
  }

  @Test func rawBitFlipsAndRandomBytesNeverCrash() {
    var rng = SplitMix64(seed: 1951)
    for _ in 0..<2000 {
      let n = Int(rng.next() % 300)
      let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      _ = try? bytes.withUnsafeBufferPointer { try Inflate.inflate($0, limit: 1 << 16) }
    }
  }

  @Test func handMadeStreams() throws {
    // A stored block: BFINAL=1, BTYPE=00, LEN=3, NLEN=~3, "abc".
    let stored: [UInt8] = [0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63]
    #expect(try stored.withUnsafeBufferPointer { try Inflate.inflate($0) }.output == Array("abc".utf8))
    let badLength: [UInt8] = [0x01, 0x03, 0x00, 0xFC, 0xFE, 0x61, 0x62, 0x63]
    #expect(throws: InflateError.storedLengthMismatch(offset: 1)) {
      try badLength.withUnsafeBufferPointer { try Inflate.inflate($0) }
    }
    // Block type 3 is reserved.
    #expect(throws: InflateError.invalidBlockType(offset: 0)) {
      try [UInt8(0x07)].withUnsafeBufferPointer { try Inflate.inflate($0) }
    }
    // Fixed block whose first symbol is a back-reference (length 3, distance 1) with nothing before it.
    let farBack: [UInt8] = [0x03, 0x02, 0x00]
    #expect(throws: InflateError.self) { try farBack.withUnsafeBufferPointer { try Inflate.inflate($0) } }
    // zlib header checks.
    #expect(throws: InflateError.badZlibHeader(offset: 1, reason: "header check bits are wrong")) {
      try [UInt8(0x78), 0x9D, 0, 0].withUnsafeBufferPointer { try Inflate.zlibDecompress($0) }
    }
    // A wrong Adler-32 names the trailer's offset.
    var good = Array(try Self.vector("one.L6.zlib"))
    let trailer = good.count - 4
    good[good.count - 1] ^= 0xFF
    #expect(throws: InflateError.self) { try good.withUnsafeBufferPointer { try Inflate.zlibDecompress($0) } }
    do {
      _ = try zlib(good)
    } catch {
      #expect(error.offset == trailer)
    }
    // The output limit.
    let zeros = try Self.vector("zeros.L9.zlib")
    #expect(throws: InflateError.self) {
      try zeros.withUnsafeBufferPointer { try Inflate.zlibDecompress($0, limit: 1000) }
    }
  }
}
