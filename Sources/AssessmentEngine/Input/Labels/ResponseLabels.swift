import Foundation

/// The texts a response cell may hold instead of a number: an instrument's anchor labels in every
/// language its definition gives, plus any synonyms the user adds (`--label TEXT=VALUE`).
///
/// Texts are compared after ``normalize(_:)``: case-, width-, diacritic- and whitespace-insensitively,
/// with Unicode dashes read as `-`, so `" SERING  "`, `"sering"`, `"Ｓｅｒｉｎｇ"` and `"Séring"` are
/// one label. Two labels that normalise alike but name different values make the set ambiguous:
/// ``init(scale:extra:)`` throws, and instrument validation reports it at load
/// (``ResponseScale/validationIssues(path:)``).
///
/// Lookups of ASCII cells — the bulk of real exports — are normalised byte-wise and found in an
/// open-addressing table without allocating; other cells take the Unicode path.
public struct ResponseLabels: Sendable, Hashable {
  /// Every label and its value, in the order given (anchors first, then extras).
  public let entries: [(text: String, value: Int)]
  /// Normalised text → value.
  private let byNormalized: [String: Int]
  /// The ASCII fast table (one reference, so copying the labels costs one retain).
  let ascii: ASCIILabelTable

  /// Two label sets are equal when they map the same normalised texts to the same values (spelling
  /// and order of the given texts aside).
  public static func == (a: ResponseLabels, b: ResponseLabels) -> Bool { a.byNormalized == b.byNormalized }
  /// Hashes the normalised text → value map, consistently with `==`.
  public func hash(into hasher: inout Hasher) { hasher.combine(byNormalized) }

  /// The labels of `scale`'s anchors (both languages) plus `extra` synonyms.
  ///
  /// - Throws: ``ResponseLabelError/ambiguous(_:_:_:)`` when two texts normalise alike but name
  ///   different values, ``ResponseLabelError/notOnScale(text:value:)`` when an extra label's value is
  ///   not a response, or ``ResponseLabelError/emptyLabel`` for a blank text.
  public init(scale: ResponseScale, extra: [(text: String, value: Int)] = []) throws(ResponseLabelError) {
    var entries: [(text: String, value: Int)] = []
    for anchor in scale.anchors {
      entries.append((anchor.label.indonesian, anchor.value))
      entries.append((anchor.label.english, anchor.value))
    }
    for e in extra {
      guard scale.contains(e.value) else { throw .notOnScale(text: e.text, value: e.value) }
      entries.append(e)
    }
    var map: [String: Int] = [:]
    var first: [String: String] = [:]
    for (text, value) in entries {
      let key = Self.normalize(text)
      if key.isEmpty {
        // A blank anchor label (a definition may leave one language empty) is no label at all.
        if extra.contains(where: { $0.text == text }) { throw .emptyLabel }
        continue
      }
      if let old = map[key], old != value {
        throw .ambiguous(first[key] ?? text, text, key)
      }
      map[key] = value
      if first[key] == nil { first[key] = text }
    }
    self.entries = entries.filter { !Self.normalize($0.text).isEmpty }
    byNormalized = map
    ascii = ASCIILabelTable(map)
  }

  /// Whether there are no labels.
  public var isEmpty: Bool { byNormalized.isEmpty }

  /// The labels a cell may hold, one per value and language as given, for messages.
  public var allowed: [String] { entries.map(\.text) }

  /// The value a cell's text stands for, or `nil` when it is no label.
  public func value(of text: String) -> Int? {
    byNormalized[Self.normalize(text)]
  }

  /// The value of a cell given as UTF-8 bytes; the common ASCII case allocates nothing.
  public func value(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    switch ascii.lookup(bytes) {
    case .found(let v): return v
    case .absent: return nil
    case .notASCII: return value(of: String(decoding: bytes, as: UTF8.self))
    }
  }

  /// The comparison form of a label: Unicode case, width and diacritic folding, every run of
  /// white space as one space, no leading or trailing space, and Unicode dashes as `-`.
  public static func normalize(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    var out = ""
    out.reserveCapacity(folded.utf8.count)
    var pendingSpace = false
    for scalar in folded.unicodeScalars {
      if scalar.properties.isWhitespace {
        if !out.isEmpty { pendingSpace = true }
        continue
      }
      if pendingSpace {
        out.unicodeScalars.append(" ")
        pendingSpace = false
      }
      switch scalar.value {
      case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: out.unicodeScalars.append("-")
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// Why a set of response labels cannot be used.
public enum ResponseLabelError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Two texts normalise to the same comparison form but name different values.
  case ambiguous(String, String, String)
  /// An extra label names a value that is not a response on the scale.
  case notOnScale(text: String, value: Int)
  /// An extra label is blank.
  case emptyLabel

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .ambiguous(let a, let b, let key):
      "the labels '\(a)' and '\(b)' both read as '\(key)' (case, width, accents and spaces ignored) but name different values"
    case .notOnScale(let text, let value): "the label '\(text)' names \(value), which is not a response on the scale"
    case .emptyLabel: "a label is empty"
    }
  }
}

/// Normalised ASCII labels in one open-addressing hash table (FNV-1a) over a flat byte arena: the
/// lookup normalises a cell (ASCII case, white-space runs, trimming) into a stack buffer while hashing
/// it, then compares the few candidates byte by byte. Immutable once built.
final class ASCIILabelTable: Sendable {
  let arena: [UInt8]
  let starts: [Int]
  let lengths: [Int]
  let values: [Int]
  let slots: [Int32]
  let mask: Int

  enum Result {
    case found(Int)
    case absent, notASCII
  }

  static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
  static let prime: UInt64 = 0x100_0000_01B3
  /// Longer cells are taken by the Unicode path.
  static let capacity = 128

  init(_ map: [String: Int]) {
    var arena: [UInt8] = []
    var starts: [Int] = []
    var lengths: [Int] = []
    var values: [Int] = []
    for (k, v) in map.sorted(by: { $0.key < $1.key })
    where k.utf8.allSatisfy({ $0 < 0x80 }) && k.utf8.count <= Self.capacity {
      starts.append(arena.count)
      lengths.append(k.utf8.count)
      arena.append(contentsOf: k.utf8)
      values.append(v)
    }
    var size = 16
    while size < starts.count * 4 { size <<= 1 }
    var table = [Int32](repeating: -1, count: size)
    for i in starts.indices {
      var h = Self.offset
      for b in arena[starts[i]..<(starts[i] + lengths[i])] { h = (h ^ UInt64(b)) &* Self.prime }
      var s = Int(h & UInt64(size - 1))
      while table[s] >= 0 { s = (s + 1) & (size - 1) }
      table[s] = Int32(i)
    }
    self.arena = arena
    self.starts = starts
    self.lengths = lengths
    self.values = values
    slots = table
    mask = size - 1
  }

  @inline(__always)
  func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.capacity) { scratch -> Result in
      var n = 0
      var h = Self.offset
      var pendingSpace = false
      for b in bytes {
        if b >= 0x80 { return .notASCII }
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
          if n > 0 { pendingSpace = true }
          continue
        }
        if pendingSpace {
          if n == Self.capacity { return .notASCII }
          scratch[n] = 0x20
          h = (h ^ 0x20) &* Self.prime
          n += 1
          pendingSpace = false
        }
        if n == Self.capacity { return .notASCII }
        let c = b &- 0x41 < 26 ? b | 0x20 : b
        scratch[n] = c
        h = (h ^ UInt64(c)) &* Self.prime
        n += 1
      }
      if n == 0 { return .absent }
      return arena.withUnsafeBufferPointer { arena -> Result in
        var s = Int(h & UInt64(mask))
        while true {
          let i = Int(slots[s])
          if i < 0 { return .absent }
          if lengths[i] == n {
            let start = starts[i]
            var k = 0
            while k < n, arena[start + k] == scratch[k] { k += 1 }
            if k == n { return .found(values[i]) }
          }
          s = (s + 1) & mask
        }
      }
    }
  }
}
