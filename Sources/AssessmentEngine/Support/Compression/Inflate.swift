/// A decoder of DEFLATE streams (RFC 1951) and of their zlib wrapper (RFC 1950), written in-house so
/// the package keeps zero dependencies. SPSS `.zsav` files hold their cases as a series of zlib
/// streams; this is what reads them.
///
/// Every way a stream can be wrong — truncated, an unknown block type, a stored block whose length
/// check fails, an over-subscribed or unusable Huffman code, a symbol no code defines, a distance
/// reaching before the start of the output, a bad zlib header, an Adler-32 mismatch, more output than
/// the caller allows — is an ``InflateError`` carrying the byte offset where it was found. Nothing
/// traps on hostile input: every table index is bounded by construction and checked where it is not.
package enum Inflate {
  /// Decodes one raw DEFLATE stream (RFC 1951) starting at the first byte of `input`.
  ///
  /// - Parameters:
  ///   - baseOffset: added to every offset in an error, so errors name positions in the enclosing file.
  ///   - limit: the most output bytes accepted (a guard against decompression bombs).
  /// - Returns: the decoded bytes and how many input bytes the stream used (its final byte included).
  package static func inflate(
    _ input: UnsafeBufferPointer<UInt8>, baseOffset: Int = 0, limit: Int = Int.max
  ) throws(InflateError) -> (output: [UInt8], consumed: Int) {
    var state = InflateState(input: input, baseOffset: baseOffset, limit: limit)
    try state.run()
    return (state.output, state.position)
  }

  /// Decodes one zlib stream (RFC 1950): the two-byte header, the DEFLATE data and the Adler-32 of
  /// the decoded bytes, which is checked.
  ///
  /// - Returns: the decoded bytes and how many input bytes the stream used (trailer included).
  package static func zlibDecompress(
    _ input: UnsafeBufferPointer<UInt8>, baseOffset: Int = 0, limit: Int = Int.max
  ) throws(InflateError) -> (output: [UInt8], consumed: Int) {
    guard input.count >= 2 else { throw .truncated(offset: baseOffset + input.count) }
    let cmf = input[0]
    let flg = input[1]
    guard cmf & 0x0F == 8 else {
      throw .badZlibHeader(offset: baseOffset, reason: "compression method \(cmf & 0x0F) is not deflate (8)")
    }
    guard cmf >> 4 <= 7 else {
      throw .badZlibHeader(offset: baseOffset, reason: "window size 2^\(Int(cmf >> 4) + 8) exceeds 32 KiB")
    }
    guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else {
      throw .badZlibHeader(offset: baseOffset + 1, reason: "header check bits are wrong")
    }
    guard flg & 0x20 == 0 else {
      throw .badZlibHeader(offset: baseOffset + 1, reason: "a preset dictionary is required")
    }
    let body = UnsafeBufferPointer(rebasing: input[2...])
    let (output, used) = try inflate(body, baseOffset: baseOffset + 2, limit: limit)
    let trailer = 2 + used
    guard input.count >= trailer + 4 else { throw .truncated(offset: baseOffset + input.count) }
    let expected =
      UInt32(input[trailer]) << 24 | UInt32(input[trailer + 1]) << 16 | UInt32(input[trailer + 2]) << 8
      | UInt32(input[trailer + 3])
    let found = output.withUnsafeBufferPointer { adler32($0) }
    guard expected == found else {
      throw .checksumMismatch(offset: baseOffset + trailer, expected: expected, found: found)
    }
    return (output, trailer + 4)
  }

  /// The Adler-32 checksum of RFC 1950 §8.2, continuing from `initial` (1 for a fresh sum).
  package static func adler32(_ bytes: UnsafeBufferPointer<UInt8>, initial: UInt32 = 1) -> UInt32 {
    var a = initial & 0xFFFF
    var b = initial >> 16
    var i = 0
    let n = bytes.count
    // 5552 is the largest run for which b cannot overflow 32 bits before the reduction (RFC 1950).
    while i < n {
      let end = Swift.min(n, i + 5552)
      while i < end {
        a &+= UInt32(bytes[i])
        b &+= a
        i += 1
      }
      a %= 65521
      b %= 65521
    }
    return b << 16 | a
  }
}

/// Why a DEFLATE or zlib stream cannot be decoded; each case names the byte offset where it was found.
package enum InflateError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The input ended inside the stream.
  case truncated(offset: Int)
  /// A block header names block type 3, which RFC 1951 reserves.
  case invalidBlockType(offset: Int)
  /// A stored block's length and its one's complement disagree.
  case storedLengthMismatch(offset: Int)
  /// The code lengths of a dynamic block do not form a usable Huffman code.
  case invalidCodeLengths(offset: Int, reason: String)
  /// The bits at this offset decode to no symbol, or to a length/distance symbol RFC 1951 leaves unused.
  case invalidSymbol(offset: Int)
  /// A back-reference reaches before the first output byte.
  case distanceTooFar(offset: Int, distance: Int, available: Int)
  /// The zlib header is not one this decoder reads.
  case badZlibHeader(offset: Int, reason: String)
  /// The Adler-32 trailer does not match the decoded bytes.
  case checksumMismatch(offset: Int, expected: UInt32, found: UInt32)
  /// The stream decodes to more bytes than the caller allows.
  case outputLimitExceeded(offset: Int, limit: Int)

  /// The byte offset of the problem.
  package var offset: Int {
    switch self {
    case .truncated(let o), .invalidBlockType(let o), .storedLengthMismatch(let o), .invalidSymbol(let o): o
    case .invalidCodeLengths(let o, _), .distanceTooFar(let o, _, _), .badZlibHeader(let o, _): o
    case .checksumMismatch(let o, _, _), .outputLimitExceeded(let o, _): o
    }
  }

  /// A sentence saying what is wrong and where.
  package var description: String {
    switch self {
    case .truncated(let o): "compressed data end early (byte \(o))"
    case .invalidBlockType(let o): "invalid compressed block type 3 at byte \(o)"
    case .storedLengthMismatch(let o): "stored block length check fails at byte \(o)"
    case .invalidCodeLengths(let o, let reason): "invalid Huffman code lengths at byte \(o): \(reason)"
    case .invalidSymbol(let o): "invalid Huffman-coded symbol at byte \(o)"
    case .distanceTooFar(let o, let d, let a):
      "back-reference of distance \(d) at byte \(o) reaches before the start (\(a) bytes decoded)"
    case .badZlibHeader(let o, let reason): "invalid zlib header at byte \(o): \(reason)"
    case .checksumMismatch(let o, let e, let f):
      "Adler-32 mismatch at byte \(o): the stream says \(e), the data give \(f)"
    case .outputLimitExceeded(let o, let limit): "compressed data at byte \(o) expand beyond \(limit) bytes"
    }
  }
}

/// A canonical Huffman code as a single lookup table indexed by the next `bits` input bits (least
/// significant first, as DEFLATE packs them). Entry = symbol << 4 | code length; 0 = no code.
private struct HuffmanTable {
  var entries: [UInt32]
  var bits: Int

  /// Builds the table for code `lengths` (0 = symbol unused). Over-subscribed lengths are an error;
  /// an incomplete code is accepted and its unused bit patterns decode to "no symbol".
  init(lengths: UnsafeBufferPointer<UInt8>) throws(HuffmanBuildError) {
    var count = [Int](repeating: 0, count: 16)
    for l in lengths { count[Int(l)] += 1 }
    count[0] = 0
    var left = 1
    for len in 1...15 {
      left <<= 1
      left -= count[len]
      if left < 0 { throw .overSubscribed }
    }
    var maxLen = 0
    for len in stride(from: 15, through: 1, by: -1) where count[len] > 0 {
      maxLen = len
      break
    }
    bits = Swift.max(maxLen, 1)
    entries = [UInt32](repeating: 0, count: 1 << bits)
    // First canonical code of each length (RFC 1951 §3.2.2).
    var next = [Int](repeating: 0, count: 16)
    var code = 0
    for len in 1...15 {
      code = (code + count[len - 1]) << 1
      next[len] = code
    }
    let size = 1 << bits
    entries.withUnsafeMutableBufferPointer { table in
      for (symbol, l) in lengths.enumerated() where l > 0 {
        let len = Int(l)
        let c = next[len]
        next[len] += 1
        var reversed = 0
        for i in 0..<len where c & (1 << i) != 0 { reversed |= 1 << (len - 1 - i) }
        let entry = UInt32(symbol) << 4 | UInt32(len)
        var r = reversed
        while r < size {
          table[r] = entry
          r += 1 << len
        }
      }
    }
  }
}

private enum HuffmanBuildError: Error { case overSubscribed }

/// The decoder's state: input position, the bit buffer and the output so far.
private struct InflateState {
  let input: UnsafeBufferPointer<UInt8>
  let baseOffset: Int
  let limit: Int
  var position = 0
  var bitBuffer: UInt64 = 0
  var bitCount = 0
  var output: [UInt8] = []

  init(input: UnsafeBufferPointer<UInt8>, baseOffset: Int, limit: Int) {
    self.input = input
    self.baseOffset = baseOffset
    self.limit = limit
    output.reserveCapacity(Swift.min(limit, Swift.max(1024, input.count * 4)))
  }

  /// The offset of the byte holding the next unread bit.
  var bitOffset: Int { baseOffset + position - bitCount / 8 }

  @inline(__always)
  mutating func fill(_ n: Int) {
    while bitCount < n, position < input.count {
      bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
      position += 1
      bitCount += 8
    }
  }

  @inline(__always)
  mutating func bits(_ n: Int) throws(InflateError) -> Int {
    if n == 0 { return 0 }
    fill(n)
    guard bitCount >= n else { throw .truncated(offset: baseOffset + input.count) }
    let v = Int(bitBuffer & ((1 << UInt64(n)) - 1))
    bitBuffer >>= UInt64(n)
    bitCount -= n
    return v
  }

  @inline(__always)
  mutating func decode(_ table: HuffmanTable) throws(InflateError) -> Int {
    fill(table.bits)
    let at = bitOffset
    let entry = table.entries[Int(bitBuffer & ((1 << UInt64(table.bits)) - 1))]
    let len = Int(entry & 0xF)
    guard len > 0 else {
      if bitCount < table.bits { throw .truncated(offset: baseOffset + input.count) }
      throw .invalidSymbol(offset: at)
    }
    guard len <= bitCount else { throw .truncated(offset: baseOffset + input.count) }
    bitBuffer >>= UInt64(len)
    bitCount -= len
    return Int(entry >> 4)
  }

  mutating func run() throws(InflateError) {
    var final = false
    while !final {
      let headerAt = bitOffset
      final = try bits(1) == 1
      switch try bits(2) {
      case 0: try stored()
      case 1: try huffmanBlock(literal: Self.fixedLiteral, distance: Self.fixedDistance)
      case 2:
        let (lit, dist) = try dynamicTables()
        try huffmanBlock(literal: lit, distance: dist)
      default: throw .invalidBlockType(offset: headerAt)
      }
    }
    // Unused bits of the last byte are padding; whole bytes read ahead are given back.
    position -= bitCount / 8
    bitCount = 0
  }

  mutating func stored() throws(InflateError) {
    // Skip to a byte boundary, then give back whole buffered bytes so we read from `position`.
    bitBuffer = 0
    position -= bitCount / 8
    bitCount = 0
    guard position + 4 <= input.count else { throw .truncated(offset: baseOffset + input.count) }
    let len = Int(input[position]) | Int(input[position + 1]) << 8
    let nlen = Int(input[position + 2]) | Int(input[position + 3]) << 8
    guard len == (~nlen & 0xFFFF) else { throw .storedLengthMismatch(offset: baseOffset + position) }
    position += 4
    guard position + len <= input.count else { throw .truncated(offset: baseOffset + input.count) }
    guard output.count + len <= limit else { throw .outputLimitExceeded(offset: baseOffset + position, limit: limit) }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<(position + len)]))
    position += len
  }

  static let lengthBase: [Int] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
  ]
  static let lengthExtra: [Int] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase: [Int] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
  ]
  static let distanceExtra: [Int] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]

  /// The fixed codes of RFC 1951 §3.2.6 (they are complete, so building cannot fail).
  static let fixedLiteral: HuffmanTable = {
    var lengths = [UInt8](repeating: 8, count: 288)
    for i in 144..<256 { lengths[i] = 9 }
    for i in 256..<280 { lengths[i] = 7 }
    return lengths.withUnsafeBufferPointer { (try? HuffmanTable(lengths: $0)) ?? HuffmanTable.empty }
  }()
  static let fixedDistance: HuffmanTable = {
    let lengths = [UInt8](repeating: 5, count: 30)
    return lengths.withUnsafeBufferPointer { (try? HuffmanTable(lengths: $0)) ?? HuffmanTable.empty }
  }()

  /// Reads a dynamic block's code-length code and the literal/length and distance codes.
  mutating func dynamicTables() throws(InflateError) -> (HuffmanTable, HuffmanTable) {
    let at = bitOffset
    let hlit = try bits(5) + 257
    let hdist = try bits(5) + 1
    let hclen = try bits(4) + 4
    guard hlit <= 286, hdist <= 30 else {
      throw .invalidCodeLengths(
        offset: at, reason: "\(hlit) literal/length or \(hdist) distance codes (at most 286 and 30)")
    }
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    var clen = [UInt8](repeating: 0, count: 19)
    for i in 0..<hclen { clen[order[i]] = UInt8(try bits(3)) }
    let lengthCode = try table(clen, at: at, what: "code-length")
    var lengths = [UInt8](repeating: 0, count: hlit + hdist)
    var i = 0
    while i < hlit + hdist {
      let symbolAt = bitOffset
      let sym = try decode(lengthCode)
      if sym < 16 {
        lengths[i] = UInt8(sym)
        i += 1
        continue
      }
      var repeatValue: UInt8 = 0
      let count: Int
      switch sym {
      case 16:
        guard i > 0 else {
          throw .invalidCodeLengths(offset: symbolAt, reason: "a repeat code with no previous length")
        }
        repeatValue = lengths[i - 1]
        count = 3 + (try bits(2))
      case 17: count = 3 + (try bits(3))
      default: count = 11 + (try bits(7))
      }
      guard i + count <= hlit + hdist else {
        throw .invalidCodeLengths(offset: symbolAt, reason: "code lengths repeat past the end")
      }
      for _ in 0..<count {
        lengths[i] = repeatValue
        i += 1
      }
    }
    guard lengths[256] != 0 else {
      throw .invalidCodeLengths(offset: at, reason: "the end-of-block symbol has no code")
    }
    let literal = try table(Array(lengths[0..<hlit]), at: at, what: "literal/length")
    let distance = try table(Array(lengths[hlit...]), at: at, what: "distance")
    return (literal, distance)
  }

  private func table(_ lengths: [UInt8], at: Int, what: String) throws(InflateError) -> HuffmanTable {
    do {
      return try lengths.withUnsafeBufferPointer { (b) throws(HuffmanBuildError) in try HuffmanTable(lengths: b) }
    } catch {
      throw .invalidCodeLengths(offset: at, reason: "the \(what) code is over-subscribed")
    }
  }

  mutating func huffmanBlock(literal: HuffmanTable, distance: HuffmanTable) throws(InflateError) {
    while true {
      let symbolAt = bitOffset
      let sym = try decode(literal)
      if sym < 256 {
        guard output.count < limit else { throw .outputLimitExceeded(offset: symbolAt, limit: limit) }
        output.append(UInt8(truncatingIfNeeded: sym))
        continue
      }
      if sym == 256 { return }
      let li = sym - 257
      guard li < 29 else { throw .invalidSymbol(offset: symbolAt) }
      let length = Self.lengthBase[li] + (try bits(Self.lengthExtra[li]))
      let distanceAt = bitOffset
      let di = try decode(distance)
      guard di < 30 else { throw .invalidSymbol(offset: distanceAt) }
      let dist = Self.distanceBase[di] + (try bits(Self.distanceExtra[di]))
      let available = output.count
      guard dist <= available else { throw .distanceTooFar(offset: distanceAt, distance: dist, available: available) }
      guard available + length <= limit else { throw .outputLimitExceeded(offset: symbolAt, limit: limit) }
      var from = available - dist
      for _ in 0..<length {
        output.append(output[from])
        from += 1
      }
    }
  }
}

extension HuffmanTable {
  /// A table that decodes nothing (never used: the fixed tables always build).
  static let empty = HuffmanTable(entries: [0, 0], bits: 1)

  private init(entries: [UInt32], bits: Int) {
    self.entries = entries
    self.bits = bits
  }
}
