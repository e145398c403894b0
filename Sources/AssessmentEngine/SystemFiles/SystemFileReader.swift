import Foundation

/// A streaming reader of SPSS system files: `.sav` uncompressed or bytecode-compressed and `.zsav`
/// (bytecode inside zlib blocks, decoded by the in-house RFC 1950/1951 inflater), chosen by the header's magic
/// bytes and compression code, never by the file name.
///
/// Feed the file in chunks of any size with ``consume(_:isFinal:stopAfterDictionary:_:)``; once the dictionary is complete
/// (``dictionary``) each decoded case is handed to the callback as a ``SystemFileCase``, so a file of
/// any length is read in constant memory. Little- and big-endian files are read. A corrupt or
/// truncated file is a ``SystemFileError`` naming the byte offset; nothing traps.
///
/// - Complexity: O(*b*) for *b* bytes (a `.zsav` block is decoded once it is complete; chunk sizes
///   only change how often that is tried, doubling the bytes between tries).
public struct SystemFileReader: Sendable {
  /// The dictionary, once the bytes up to the dictionary-termination record have been fed.
  public private(set) var dictionary: SystemFileDictionary?
  /// Cases decoded so far.
  public private(set) var casesRead = 0

  private enum Phase: Sendable { case dictionary, zheader, data, zblocks, done }
  private var phase = Phase.dictionary
  /// Bytes fed but not yet used, and the file offset of the first of them.
  private var pending: [UInt8] = []
  private var pendingOffset = 0
  // Case assembly.
  private var caseBuffer: [UInt64] = []
  private var elementIndex = 0
  // Bytecode state: the current command block and the next code in it (8 = need a new block).
  private var command: UInt64 = 0
  private var commandIndex = 8
  private var codeTable: [UInt64] = []
  // .zsav state.
  private var ztrailerOffset = 0
  private var zlibCarry: [UInt8] = []
  private var zlibNextTry = 0
  private var endOfData = false

  /// The largest decompressed size accepted for one `.zsav` block (SPSS writes 0x3FF000-byte blocks).
  public static let maximumBlockSize = 1 << 24

  /// A reader at the start of a file.
  public init() {}

  /// Whether `bytes` start like a system file (`$FL2`, or `$FL3` for `.zsav`).
  public static func isSystemFile(prefix bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count >= 4 && bytes[0] == 0x24 && bytes[1] == 0x46 && bytes[2] == 0x4C
      && (bytes[3] == 0x32 || bytes[3] == 0x33)
  }

  /// Reads a whole file held in memory: its dictionary and every case's values.
  public static func read(_ bytes: [UInt8]) throws(SystemFileError) -> (
    dictionary: SystemFileDictionary, cases: [[SystemFileValue?]]
  ) {
    var reader = SystemFileReader()
    var elements: [[UInt64]] = []
    var bigEndian = false
    try bytes.withUnsafeBufferPointer { (b) throws(SystemFileError) in
      try reader.consume(b, isFinal: true) { c in
        elements.append(Array(c.elements))
        bigEndian = c.bigEndian
      }
    }
    guard let d = reader.dictionary else { throw .truncated(offset: bytes.count, inside: "the dictionary") }
    let rows = elements.map { e in
      e.withUnsafeBufferPointer { b in
        let c = SystemFileCase(elements: b, bigEndian: bigEndian)
        return d.variables.map { c.value(of: $0, encoding: d.encoding) }
      }
    }
    return (d, rows)
  }

  /// Feeds the next chunk. `onCase` is called for each complete case, in file order; the case's
  /// storage is valid only during the call.
  ///
  /// With `stopAfterDictionary`, the call that completes the dictionary returns before decoding any
  /// case (the bytes wait), so the caller can look at ``dictionary`` first; the next call, with more
  /// bytes or an empty chunk, continues.
  ///
  /// - Throws: ``SystemFileError`` for a file that is not a system file, is corrupt, or (when
  ///   `isFinal`) ends early.
  public mutating func consume(
    _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, stopAfterDictionary: Bool = false,
    _ onCase: (SystemFileCase) -> Void
  ) throws(SystemFileError) {
    try consumeBlocks(chunk, isFinal: isFinal, stopAfterDictionary: stopAfterDictionary) { block in
      for i in 0..<block.count { onCase(block[i]) }
    }
  }

  /// Cases in blocks: what ``consume(_:isFinal:stopAfterDictionary:_:)`` does, but `onCases` gets
  /// several consecutive complete cases at once, so a caller can decode them in one loop without
  /// a call per case.
  mutating func consumeBlocks(
    _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, stopAfterDictionary: Bool = false,
    _ onCase: Cases
  ) throws(SystemFileError) {
    if phase == .done { return }
    if phase == .dictionary {
      pending.append(contentsOf: chunk)
      if pending.count >= 4 || isFinal {
        let ok = pending.withUnsafeBufferPointer { Self.isSystemFile(prefix: $0) }
        if !ok { throw .notASystemFile }
      }
      let parsed: (SystemFileDictionary, Int)?
      do {
        parsed = try pending.withUnsafeBufferPointer { (b) throws(DictionaryParseError) in try DictionaryParser.parse(b)
        }
      } catch {
        switch error {
        case .needMore(let offset, let inside):
          if isFinal { throw .truncated(offset: offset, inside: inside) }
          return
        case .file(let e): throw e
        }
      }
      guard let (d, used) = parsed else { return }
      dictionary = d
      pending.removeFirst(used)
      pendingOffset = used
      // Room for a block of cases of about 32 KiB, handed over together.
      caseBuffer = [UInt64](repeating: 0, count: d.caseSize * Swift.max(1, 4096 / Swift.max(1, d.caseSize)))
      codeTable = (0..<256).map { code -> UInt64 in
        switch code {
        case 254: return 0x2020_2020_2020_2020
        case 255: return d.bigEndian ? Self.sysmisBits.byteSwapped : Self.sysmisBits
        default:
          let bits = (Double(code) - d.bias).bitPattern
          return d.bigEndian ? bits.byteSwapped : bits
        }
      }
      phase = d.compression == .zlib ? .zheader : .data
      if d.caseCount == 0 && d.compression == .none {
        phase = .done
        return
      }
      if stopAfterDictionary { return }
      let rest = pending
      pending = []
      try rest.withUnsafeBufferPointer { (b) throws(SystemFileError) in try consumeData(b, isFinal: isFinal, onCase) }
      return
    }
    try consumeData(chunk, isFinal: isFinal, onCase)
  }

  /// The receiver of decoded cases, a block at a time.
  typealias Cases = (SystemFileCaseBlock) -> Void

  /// The bit pattern of SPSS's system-missing value, −`Double.greatestFiniteMagnitude`.
  static let sysmisBits: UInt64 = (-Double.greatestFiniteMagnitude).bitPattern

  private mutating func consumeData(
    _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, _ onCase: Cases
  ) throws(SystemFileError) {
    guard let d = dictionary else { return }
    switch phase {
    case .dictionary, .done:
      return
    case .data:
      if pending.isEmpty {
        let used = decodeUnits(chunk, compressed: d.compression != .none, d.caseSize, onCase)
        pendingOffset += used
        if used < chunk.count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[used...])) }
      } else {
        pending.append(contentsOf: chunk)
        let all = pending
        let used = all.withUnsafeBufferPointer {
          decodeUnits($0, compressed: d.compression != .none, d.caseSize, onCase)
        }
        pendingOffset += used
        pending.removeFirst(used)
      }
      if endOfData {
        phase = .done
        return
      }
      if isFinal { try finishData(d) }
    case .zheader, .zblocks:
      pending.append(contentsOf: chunk)
      if phase == .zheader {
        guard pending.count >= 24 else {
          if isFinal { throw .truncated(offset: pendingOffset + pending.count, inside: "the zlib data header") }
          return
        }
        let zheader = pending.withUnsafeBufferPointer { b in (0..<3).map { Self.int64(b, $0 * 8, d.bigEndian) } }
        guard zheader[0] == pendingOffset else {
          throw .invalidRecord(
            offset: pendingOffset, reason: "the zlib header says it is at byte \(zheader[0]), not \(pendingOffset)")
        }
        guard zheader[1] >= pendingOffset + 24 else {
          throw .invalidRecord(
            offset: pendingOffset + 8, reason: "the zlib trailer offset \(zheader[1]) lies before the data")
        }
        ztrailerOffset = zheader[1]
        pending.removeFirst(24)
        pendingOffset += 24
        phase = .zblocks
      }
      try decodeZlibBlocks(d, isFinal: isFinal, onCase)
    }
  }

  private mutating func finishData(_ d: SystemFileDictionary) throws(SystemFileError) {
    if elementIndex != 0 {
      throw .truncated(offset: pendingOffset + pending.count, inside: "case \(casesRead + 1)")
    }
    if !pending.isEmpty, !(d.compression != .none && pending.allSatisfy { $0 == 0 }) {
      throw .truncated(offset: pendingOffset + pending.count, inside: "case \(casesRead + 1)")
    }
    if let n = d.caseCount, casesRead < n {
      throw .truncated(
        offset: pendingOffset + pending.count,
        inside: "the data: the header announces \(n) cases, the file holds \(casesRead)")
    }
    phase = .done
  }

  /// Decodes the complete zlib blocks in `pending` (up to the trailer) and their bytecode.
  private mutating func decodeZlibBlocks(
    _ d: SystemFileDictionary, isFinal: Bool, _ onCase: Cases
  ) throws(SystemFileError) {
    while pendingOffset < ztrailerOffset, !endOfData {
      let available = Swift.min(pending.count, ztrailerOffset - pendingOffset)
      let complete = available == ztrailerOffset - pendingOffset
      if !isFinal, !complete, available < zlibNextTry { return }
      let offset = pendingOffset
      let attempt: Result<([UInt8], Int), InflateError> = pending.withUnsafeBufferPointer { b in
        Result { () throws(InflateError) in
          try Inflate.zlibDecompress(
            UnsafeBufferPointer(rebasing: b[0..<available]), baseOffset: offset, limit: Self.maximumBlockSize)
        }
      }
      switch attempt {
      case .failure(.truncated) where !isFinal && !complete:
        zlibNextTry = available * 2
        return
      case .failure(let error):
        if case .truncated = error { throw .truncated(offset: error.offset, inside: "a zlib block of the data") }
        throw .corruptCompressedBlock(offset: error.offset, reason: error.description)
      case .success(let (output, used)):
        zlibNextTry = 0
        pending.removeFirst(used)
        pendingOffset += used
        zlibCarry.append(contentsOf: output)
        let carry = zlibCarry
        let decoded = carry.withUnsafeBufferPointer { decodeUnits($0, compressed: true, d.caseSize, onCase) }
        zlibCarry.removeFirst(decoded)
      }
    }
    if endOfData || pendingOffset >= ztrailerOffset {
      // Bytes after the last case (the 252 end code, padding) matter only when no end was seen.
      if elementIndex != 0 || (!endOfData && !(zlibCarry.allSatisfy { $0 == 0 })) {
        throw .truncated(offset: ztrailerOffset, inside: "case \(casesRead + 1)")
      }
      if let n = d.caseCount, casesRead < n {
        throw .truncated(
          offset: ztrailerOffset, inside: "the data: the header announces \(n) cases, the file holds \(casesRead)")
      }
      phase = .done
      pending = []
    } else if isFinal {
      throw .truncated(offset: pendingOffset + pending.count, inside: "the zlib blocks of the data")
    }
  }

  /// Decodes whole 8-byte units of case data from `b`; returns how many bytes were used (the rest,
  /// under 8 bytes or a command whose data unit has not arrived, waits for more input).
  private mutating func decodeUnits(
    _ b: UnsafeBufferPointer<UInt8>, compressed: Bool, _ caseSize: Int, _ onCase: Cases
  ) -> Int {
    guard let base = b.baseAddress, caseSize > 0, caseBuffer.count >= caseSize, caseBuffer.count % caseSize == 0
    else { return 0 }
    let raw = UnsafeRawPointer(base)
    let n = b.count
    var p = 0
    // `index` runs over the whole block buffer; `caseEnd` is where the case being filled ends. A
    // full buffer is handed over and refilled from its start; on return the complete cases are
    // handed over and the incomplete one is moved to the front (`elementIndex < caseSize` between calls).
    let bigEndian = dictionary?.bigEndian ?? false
    var index = elementIndex
    var caseEnd = caseSize
    let capacity = caseBuffer.count
    var cases = casesRead
    let limit = dictionary?.caseCount ?? Int.max
    var ended = false
    var block = command
    var k = commandIndex
    let table = codeTable
    var buffer: [UInt64] = []
    swap(&buffer, &caseBuffer)
    buffer.withUnsafeMutableBufferPointer { elements in
      guard let out = elements.baseAddress else { return }
      /// Counts the case just completed; false when the file's announced cases are all read.
      @inline(__always) func caseDone() -> Bool {
        cases += 1
        if cases == limit {
          ended = true
          return false
        }
        if index == capacity {
          onCase(SystemFileCaseBlock(elements: UnsafeBufferPointer(elements), caseSize: caseSize, bigEndian: bigEndian))
          index = 0
          caseEnd = caseSize
        } else {
          caseEnd += caseSize
        }
        return true
      }
      if !compressed {
        while p + 8 <= n {
          out[index] = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
          p += 8
          index += 1
          if index == caseEnd, !caseDone() { break }
        }
      } else {
        table.withUnsafeBufferPointer { table in
          while true {
            if k == 8 {
              guard p + 8 <= n else { return }
              block = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
              p += 8
              k = 0
            }
            let code = Int((block >> UInt64(k &* 8)) & 0xFF)
            switch code {
            case 0:
              k += 1
              continue
            case 252:
              ended = true
              return
            case 253:
              guard p + 8 <= n else { return }
              out[index] = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
              p += 8
            default:
              out[index] = table[code]
            }
            k += 1
            index += 1
            if index == caseEnd, !caseDone() { return }
          }
        }
      }
      let complete = index / caseSize * caseSize
      if complete > 0 {
        onCase(
          SystemFileCaseBlock(
            elements: UnsafeBufferPointer(rebasing: elements[0..<complete]), caseSize: caseSize, bigEndian: bigEndian))
        for i in complete..<index { out[i - complete] = out[i] }
        index -= complete
      }
    }
    swap(&buffer, &caseBuffer)
    command = block
    commandIndex = k
    elementIndex = index
    casesRead = cases
    if ended { endOfData = true }
    return p
  }

  static func int64(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ bigEndian: Bool) -> Int {
    var v: UInt64 = 0
    for i in 0..<8 { v |= UInt64(b[at + i]) << UInt64(8 * i) }
    if bigEndian { v = v.byteSwapped }
    return Int(truncatingIfNeeded: v)
  }
}

/// Consecutive decoded cases, each `caseSize` elements; valid only inside the reader's callback.
struct SystemFileCaseBlock {
  let elements: UnsafeBufferPointer<UInt64>
  let caseSize: Int
  let bigEndian: Bool

  /// The number of cases.
  var count: Int { elements.count / caseSize }

  /// Case `i`.
  subscript(i: Int) -> SystemFileCase {
    SystemFileCase(
      elements: UnsafeBufferPointer(rebasing: elements[(i * caseSize)..<((i + 1) * caseSize)]), bigEndian: bigEndian)
  }
}

/// One decoded case; valid only inside the reader's callback.
public struct SystemFileCase {
  let elements: UnsafeBufferPointer<UInt64>
  let bigEndian: Bool

  /// The number held by a numeric variable; `nil` for system-missing (and NaN).
  public func number(of variable: SystemFileVariable) -> Double? {
    guard let first = variable.segments.first, first.element < elements.count else { return nil }
    return number(element: first.element)
  }

  /// The number in 8-byte element `element`; `nil` for system-missing (and NaN).
  public func number(element: Int) -> Double? {
    let raw = elements[element]
    let bits = bigEndian ? raw.byteSwapped : raw
    if bits == SystemFileReader.sysmisBits { return nil }
    let x = Double(bitPattern: bits)
    return x.isNaN ? nil : x
  }

  /// The raw bytes of a string variable (trailing spaces removed), in the file's encoding.
  public func bytes(of variable: SystemFileVariable) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(variable.width)
    let raw = UnsafeRawBufferPointer(elements)
    for s in variable.segments {
      let start = s.element * 8
      let end = Swift.min(start + s.width, raw.count)
      if start < end { out.append(contentsOf: raw[start..<end]) }
    }
    while let last = out.last, last == 0x20 || last == 0 { out.removeLast() }
    return out
  }

  /// A variable's value: a number (`nil` when system-missing) or text decoded from `encoding`.
  public func value(of variable: SystemFileVariable, encoding: String = "UTF-8") -> SystemFileValue? {
    if variable.isString { return .text(SystemFileText.decode(bytes(of: variable), encoding: encoding)) }
    return number(of: variable).map(SystemFileValue.number)
  }
}

/// Decoding of the byte strings of a system file.
enum SystemFileText {
  /// Decodes `bytes` from `encoding`: UTF-8 (and ASCII) and windows-1252 / ISO-8859-1 are read
  /// exactly; any other declared encoding is read as UTF-8 when the bytes are valid UTF-8, else as
  /// windows-1252.
  static func decode(_ bytes: [UInt8], encoding: String) -> String {
    switch encoding {
    case "windows-1252", "ISO-8859-1": return windows1252(bytes)
    case "UTF-8": return String(decoding: bytes, as: UTF8.self)
    default:
      if let s = String(validating: bytes, as: UTF8.self) { return s }
      return windows1252(bytes)
    }
  }

  /// windows-1252: Latin-1 except 0x80–0x9F, which hold typographic characters.
  static func windows1252(_ bytes: [UInt8]) -> String {
    let high: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
      0x017D, 0x8F,
      0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
      0x017E, 0x0178,
    ]
    var s = String.UnicodeScalarView()
    for b in bytes {
      let v: UInt32 = b >= 0x80 && b <= 0x9F ? high[Int(b) - 0x80] : UInt32(b)
      if let scalar = Unicode.Scalar(v) { s.append(scalar) }
    }
    return String(s)
  }

  /// The canonical name of an encoding label (record 7, subtype 20) or code page (subtype 3).
  static func canonicalName(label: String) -> String {
    switch label.uppercased().replacingOccurrences(of: "_", with: "-") {
    case "UTF-8", "UTF8": "UTF-8"
    case "WINDOWS-1252", "CP1252", "MS-ANSI": "windows-1252"
    case "ISO-8859-1", "ISO8859-1", "LATIN1", "ISO-IR-100", "L1": "ISO-8859-1"
    case "US-ASCII", "ASCII", "ANSI-X3.4-1968": "UTF-8"
    default: label
    }
  }

  static func canonicalName(codePage: Int) -> String? {
    switch codePage {
    case 65001, 20127, 2, 3: "UTF-8"
    case 1252: "windows-1252"
    case 28591: "ISO-8859-1"
    default: nil
    }
  }
}
