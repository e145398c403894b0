/// What an SPSS system file (`.sav`, `.zsav`) says about its variables: names, labels, value labels,
/// user-missing values, widths, the compression and the character encoding.
///
/// The format is documented in the GNU PSPP developers' guide, "System File Format"
/// (<https://www.gnu.org/software/pspp/pspp-dev/html_node/System-File-Format.html>).
public struct SystemFileDictionary: Sendable, Hashable {
  /// How the cases are stored.
  public enum Compression: Int, Sendable, Hashable, Codable {
    /// Uncompressed 8-byte elements.
    case none = 0
    /// SPSS bytecode compression (the default of SPSS and ReadStat's `row_compress`).
    case bytecode = 1
    /// `.zsav`: bytecode compression inside zlib blocks.
    case zlib = 2
  }

  /// The writing program as the header gives it (e.g. `@(#) SPSS DATA FILE ... ReadStat`).
  public var product: String
  /// The compression.
  public var compression: Compression
  /// The number of cases the header announces, when it does (`-1` in the file means unknown).
  public var caseCount: Int?
  /// The character encoding the file declares (record 7, subtype 20 or 3), normalised to
  /// `UTF-8`, `windows-1252` or the name as found; strings are decoded with it.
  public var encoding: String
  /// The variables in file order (very long strings merged into one variable).
  public var variables: [SystemFileVariable]
  /// 8-byte elements per case.
  public var caseSize: Int
  /// Whether the file was written big-endian.
  public var bigEndian: Bool
  /// The compression bias (100 in every file seen).
  public var bias: Double

  /// The index of the variable named `name` (exact, else ASCII case-insensitive as SPSS compares
  /// names), or `nil`.
  public func index(of name: String) -> Int? {
    if let i = variables.firstIndex(where: { $0.name == name }) { return i }
    let lower = name.lowercased()
    return variables.firstIndex { $0.name.lowercased() == lower }
  }
}

/// One variable of a system file.
public struct SystemFileVariable: Sendable, Hashable {
  /// The name (the long name when the file gives one).
  public var name: String
  /// The variable label, if any.
  public var label: String?
  /// 0 for a numeric variable, else the string width in bytes.
  public var width: Int
  /// Value labels: value → label.
  public var valueLabels: [SystemFileValue: String]
  /// The user-missing values.
  public var missingValues: SystemFileMissingValues
  /// Where the value lies in a case: (first 8-byte element, bytes used) per segment; one segment
  /// except for very long strings.
  package var segments: [Segment]

  /// A piece of a variable's value inside a case.
  package struct Segment: Sendable, Hashable {
    package var element: Int
    package var width: Int
  }

  /// Whether the variable holds text.
  public var isString: Bool { width > 0 }
}

/// A value in a system file: a number or a string (trailing spaces removed).
public enum SystemFileValue: Sendable, Hashable {
  /// A numeric value.
  case number(Double)
  /// A string value.
  case text(String)
}

/// A variable's user-missing values: up to three discrete values and, for numbers, one range.
public struct SystemFileMissingValues: Sendable, Hashable {
  /// Discrete missing values.
  public var values: [SystemFileValue]
  /// A numeric range of missing values (`LO THRU x` and `x THRU HI` use ±`Double.greatestFiniteMagnitude`).
  public var range: ClosedRange<Double>?

  /// No user-missing values.
  public static let none = SystemFileMissingValues(values: [], range: nil)

  /// Creates a set of missing values.
  public init(values: [SystemFileValue], range: ClosedRange<Double>?) {
    self.values = values
    self.range = range
  }

  /// Whether the number `x` is user-missing.
  @inlinable
  public func contains(_ x: Double) -> Bool {
    if let range, range.contains(x) { return true }
    for case .number(let v) in values where v == x { return true }
    return false
  }

  /// Whether the text `s` is user-missing.
  public func contains(text s: String) -> Bool {
    values.contains(.text(s))
  }
}

/// Why a system file cannot be read; each case names the byte offset in the file.
public enum SystemFileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file does not start with `$FL2` or `$FL3`.
  case notASystemFile
  /// The file ends inside the dictionary or inside a case.
  case truncated(offset: Int, inside: String)
  /// A record is malformed.
  case invalidRecord(offset: Int, reason: String)
  /// The header names a compression this reader does not know.
  case unsupportedCompression(offset: Int, code: Int)
  /// A zlib block of a `.zsav` file is corrupt.
  case corruptCompressedBlock(offset: Int, reason: String)

  /// The byte offset of the problem (0 for a file that is not a system file).
  public var offset: Int {
    switch self {
    case .notASystemFile: 0
    case .truncated(let o, _), .invalidRecord(let o, _), .unsupportedCompression(let o, _),
      .corruptCompressedBlock(let o, _):
      o
    }
  }

  /// A sentence saying what is wrong and where.
  public var description: String {
    switch self {
    case .notASystemFile: "not an SPSS system file (it does not start with $FL2 or $FL3)"
    case .truncated(let o, let inside): "the file ends early, inside \(inside) (byte \(o))"
    case .invalidRecord(let o, let reason): "invalid system file at byte \(o): \(reason)"
    case .unsupportedCompression(let o, let code): "unknown compression code \(code) at byte \(o)"
    case .corruptCompressedBlock(let o, let reason): "corrupt zlib block: \(reason) (byte \(o))"
    }
  }
}
