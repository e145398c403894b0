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
  /// The ASCII fast table: FNV-1a hash slots of normalised ASCII labels.
  private let asciiKeys: [[UInt8]]
  private let asciiValues: [Int]
  private let slots: [Int32]

  public static func == (a: ResponseLabels, b: ResponseLabels) -> Bool { a.byNormalized == b.byNormalized }
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
    var keys: [[UInt8]] = [], values: [Int] = []
    for (k, v) in map where k.utf8.allSatisfy({ $0 < 0x80 }) {
      keys.append(Array(k.utf8))
      values.append(v)
    }
    var size = 16
    while size < keys.count * 4 { size <<= 1 }
    var table = [Int32](repeating: -1, count: size)
    for (i, k) in keys.enumerated() {
      var s = Int(Self.fnv(k) & UInt64(size - 1))
      while table[s] >= 0 { s = (s + 1) & (size - 1) }
      table[s] = Int32(i)
    }
    asciiKeys = keys
    asciiValues = values
    slots = table
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
    var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    let capacity = 64
    var ascii = true
    var n = 0
    var pendingSpace = false
    let fits: Bool = withUnsafeMutableBytes(of: &scratch) { raw -> Bool in
      for b in bytes {
        if b >= 0x80 { ascii = false; return false }
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C {
          if n > 0 { pendingSpace = true }
          continue
        }
        if pendingSpace {
          if n == capacity { return false }
          raw[n] = 0x20
          n += 1
          pendingSpace = false
        }
        if n == capacity { return false }
        raw[n] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
        n += 1
      }
      return true
    }
    if !ascii || !fits {
      return value(of: String(decoding: bytes, as: UTF8.self))
    }
    if n == 0 { return nil }
    return withUnsafeBytes(of: &scratch) { raw -> Int? in
      let key = UnsafeRawBufferPointer(rebasing: raw[0..<n])
      var h: UInt64 = 0xCBF2_9CE4_8422_2325
      for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
      let mask = slots.count - 1
      var s = Int(h & UInt64(mask))
      while true {
        let i = Int(slots[s])
        if i < 0 { return nil }
        if asciiKeys[i].elementsEqual(key) { return asciiValues[i] }
        s = (s + 1) & mask
      }
    }
  }

  private static func fnv(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    return h
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
