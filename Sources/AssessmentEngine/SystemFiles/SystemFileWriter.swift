/// Writes an SPSS system file (`.sav`) with bytecode compression — the form SPSS itself writes by
/// default — that SPSS, PSPP, ReadStat (pyreadstat) and R haven read.
///
/// Numeric variables hold `Double`s (`nil` is system-missing); string variables hold UTF-8 text up
/// to 255 bytes. Names follow SPSS's rules: each variable gets a unique 8-byte short name and its
/// full name (up to 64 bytes) in the long-names record; a name SPSS would refuse (a space, a leading
/// digit) is rewritten (``SystemFileWriter/spssName(_:)``) and the original kept as the label when no
/// label is given. The file declares UTF-8 (character-encoding record and code page 65001).
///
/// Rows are compressed as they are appended; ``encoded()`` adds the dictionary with the case count.
public struct SystemFileWriter: Sendable {
  /// A variable to write.
  public struct Variable: Sendable, Hashable {
    /// The name (rewritten to a valid SPSS name if needed).
    public var name: String
    /// The variable label.
    public var label: String?
    /// 0 for numeric, else the string width in bytes (1…255).
    public var width: Int
    /// Decimal places shown for a numeric variable (SPSS `F` format).
    public var decimals: Int

    /// A numeric variable.
    public static func numeric(_ name: String, label: String? = nil, decimals: Int = 2) -> Variable {
      Variable(name: name, label: label, width: 0, decimals: decimals)
    }

    /// A string variable of `width` bytes.
    public static func string(_ name: String, width: Int, label: String? = nil) -> Variable {
      Variable(name: name, label: label, width: width, decimals: 0)
    }
  }

  /// The variables, with their names as written.
  public let variables: [Variable]
  private let shortNames: [String]
  private var data: [UInt8] = []
  private var block: [UInt8] = []
  private var raw: [UInt8] = []
  /// Cases appended so far.
  public private(set) var caseCount = 0
  /// The creation date (`dd Mmm yy`) and time (`hh:mm:ss`) written in the header.
  public var created: (date: String, time: String) = ("01 Jan 70", "00:00:00")
  /// The file label (at most 64 bytes are written).
  public var fileLabel = ""

  /// A writer for `variables`.
  ///
  /// - Throws: ``SystemFileWriterError`` for a string width outside 1…255 or no variables.
  public init(variables: [Variable]) throws(SystemFileWriterError) {
    guard !variables.isEmpty else { throw .noVariables }
    var named: [Variable] = []
    var used = Set<String>()
    for v in variables {
      guard v.width >= 0, v.width <= 255 else { throw .stringTooWide(name: v.name, width: v.width) }
      var w = v
      var name = Self.spssName(v.name)
      var k = 2
      while used.contains(name.uppercased()) {
        name = String(Self.spssName(v.name).prefix(58)) + "_\(k)"
        k += 1
      }
      used.insert(name.uppercased())
      if name != v.name, w.label == nil { w.label = v.name }
      w.name = name
      named.append(w)
    }
    self.variables = named
    var shorts: [String] = []
    var usedShort = Set<String>()
    for (i, v) in named.enumerated() {
      var s = String(decoding: v.name.uppercased().utf8.prefix(8), as: UTF8.self)
      if s.utf8.contains(where: { $0 >= 0x80 }) || s.isEmpty { s = "V\(i + 1)" }
      var k = 1
      while usedShort.contains(s) {
        let suffix = String(k)
        s = String(decoding: v.name.uppercased().utf8.prefix(8 - suffix.count), as: UTF8.self) + suffix
        if s.utf8.contains(where: { $0 >= 0x80 }) { s = "V\(i + 1)_\(k)" }
        k += 1
      }
      usedShort.insert(s)
      shorts.append(s)
    }
    shortNames = shorts
  }

  /// A valid SPSS variable name for `text`: letters, digits and `_ . @ # $` kept, anything else `_`,
  /// a leading non-letter prefixed with `v`, a trailing `.` or `_` dropped, at most 64 bytes.
  public static func spssName(_ text: String) -> String {
    var out = ""
    for ch in text {
      if ch.isLetter || ch.isNumber || "_.@#$".contains(ch) { out.append(ch) } else { out.append("_") }
    }
    while out.hasSuffix(".") || out.hasSuffix("_") { out.removeLast() }
    if let first = out.first, !first.isLetter || first == "_" { out = "v" + out } else if out.isEmpty { out = "v" }
    while out.utf8.count > 64 { out.removeLast() }
    return out
  }

  /// Appends one case: one value per variable (`.number` for numeric, `.text` for string; `nil` is
  /// system-missing or blank).
  ///
  /// - Throws: ``SystemFileWriterError`` when the row's length or a value's type does not fit, or a
  ///   text is longer than its variable.
  public mutating func append(_ row: [SystemFileValue?]) throws(SystemFileWriterError) {
    guard row.count == variables.count else { throw .rowLength(expected: variables.count, found: row.count) }
    for (v, value) in zip(variables, row) {
      if v.width == 0 {
        switch value {
        case nil: code(255)
        case .number(let x):
          if x.isNaN || x == -Double.greatestFiniteMagnitude {
            code(255)
            break
          }
          if x == x.rounded(), x >= -99, x <= 151 {
            code(UInt8(Int(x) + 100))
          } else {
            code(253)
            var bits = x.bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { raw.append(contentsOf: $0) }
          }
        case .text: throw .typeMismatch(name: v.name)
        }
      } else {
        var bytes: [UInt8] = []
        switch value {
        case nil: break
        case .text(let s): bytes = Array(s.utf8)
        case .number: throw .typeMismatch(name: v.name)
        }
        guard bytes.count <= v.width else { throw .textTooLong(name: v.name, width: v.width, length: bytes.count) }
        let padded = (v.width + 7) / 8 * 8
        bytes += [UInt8](repeating: 0x20, count: padded - bytes.count)
        for k in stride(from: 0, to: padded, by: 8) {
          let unit = bytes[k..<(k + 8)]
          if unit.allSatisfy({ $0 == 0x20 }) {
            code(254)
          } else {
            code(253)
            raw.append(contentsOf: unit)
          }
        }
      }
    }
    caseCount += 1
  }

  /// Adds a command code; a full block is written only when the next code arrives, because the raw
  /// 8-byte unit of a `253` code follows the block that holds the code.
  private mutating func code(_ c: UInt8) {
    if block.count == 8 { flushBlock() }
    block.append(c)
  }

  private mutating func flushBlock() {
    guard !block.isEmpty else { return }
    while block.count < 8 { block.append(0) }
    data += block
    data += raw
    block.removeAll(keepingCapacity: true)
    raw.removeAll(keepingCapacity: true)
  }

  /// The whole file: header, dictionary and the compressed cases.
  public func encoded() -> [UInt8] {
    var copy = self
    copy.flushBlock()
    var out: [UInt8] = []
    func int32(_ v: Int) {
      var x = Int32(truncatingIfNeeded: v).littleEndian
      withUnsafeBytes(of: &x) { out.append(contentsOf: $0) }
    }
    func double(_ v: Double) {
      var x = v.bitPattern.littleEndian
      withUnsafeBytes(of: &x) { out.append(contentsOf: $0) }
    }
    func padded(_ s: String, _ n: Int) {
      let b = Array(s.utf8.prefix(n))
      out += b + [UInt8](repeating: 0x20, count: n - b.count)
    }
    let elements = variables.reduce(0) { $0 + ($1.width == 0 ? 1 : ($1.width + 7) / 8) }
    padded("$FL2", 4)
    padded("@(#) SPSS DATA FILE Pemasyarakatan SDK", 60)
    int32(2)  // layout code
    int32(elements)
    int32(1)  // bytecode compression
    int32(0)  // no weight
    int32(caseCount)
    double(100)  // bias
    padded(created.date, 9)
    padded(created.time, 8)
    padded(fileLabel, 64)
    out += [0, 0, 0]
    for (v, short) in zip(variables, shortNames) {
      int32(2)
      int32(v.width)
      int32(v.label == nil ? 0 : 1)
      int32(0)
      let format = v.width == 0 ? (5 << 16 | 12 << 8 | Swift.min(v.decimals, 16)) : (1 << 16 | v.width << 8)
      int32(format)
      int32(format)
      padded(short, 8)
      if let label = v.label {
        let bytes = Array(label.utf8.prefix(255))
        int32(bytes.count)
        out += bytes + [UInt8](repeating: 0x20, count: (4 - bytes.count % 4) % 4)
      }
      if v.width > 8 {
        for _ in 1..<((v.width + 7) / 8) {
          int32(2)
          int32(-1)
          int32(0)
          int32(0)
          int32(0)
          int32(0)
          padded("", 8)
        }
      }
    }
    // Machine integer info: version 20.0.0, machine -1, IEEE 754, bytecode, little-endian, UTF-8.
    int32(7)
    int32(3)
    int32(4)
    int32(8)
    for v in [20, 0, 0, -1, 1, 1, 2, 65001] { int32(v) }
    // Machine floating-point info: system-missing, highest, lowest.
    int32(7)
    int32(4)
    int32(8)
    int32(3)
    double(-Double.greatestFiniteMagnitude)
    double(Double.greatestFiniteMagnitude)
    double((-Double.greatestFiniteMagnitude).nextUp)
    // Long variable names.
    let names = zip(shortNames, variables).map { "\($0)=\($1.name)" }.joined(separator: "\t")
    int32(7)
    int32(13)
    int32(1)
    int32(names.utf8.count)
    out += Array(names.utf8)
    // Character encoding.
    int32(7)
    int32(20)
    int32(1)
    int32(5)
    out += Array("UTF-8".utf8)
    int32(999)
    int32(0)
    out += copy.data
    return out
  }
}

/// Why a system file cannot be written.
public enum SystemFileWriterError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A file needs at least one variable.
  case noVariables
  /// A string variable wider than 255 bytes (very long strings are not written).
  case stringTooWide(name: String, width: Int)
  /// A row with a different number of values than variables.
  case rowLength(expected: Int, found: Int)
  /// A number for a string variable or text for a numeric one.
  case typeMismatch(name: String)
  /// A text longer than its variable's width.
  case textTooLong(name: String, width: Int, length: Int)

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .noVariables: "an SPSS file needs at least one variable"
    case .stringTooWide(let name, let width):
      "the string variable '\(name)' is \(width) bytes wide; at most 255 are written"
    case .rowLength(let e, let f): "a row has \(f) values for \(e) variables"
    case .typeMismatch(let name): "the value for '\(name)' has the wrong type"
    case .textTooLong(let name, let width, let length):
      "a text of \(length) bytes does not fit '\(name)' (\(width) bytes)"
    }
  }
}
