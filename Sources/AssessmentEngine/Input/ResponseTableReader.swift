/// The one entry point for response tables: a delimited text file or an SPSS system file, told
/// apart by the first bytes (`$FL2`/`$FL3`), never by the file name, and streamed in chunks into
/// ``ResponseBatch``es.
///
/// For text, the delimiter is ``ResponseCSVOptions/delimiter`` unless detection is asked for (the
/// `detectDelimiter` argument, by default ``ResponseCSVOptions/detectDelimiter``), in which case it is detected from the header line outside quotes (``CSVDialect/detectDelimiter(in:isFinal:)``).
///
/// ```swift
/// var reader = ResponseTableReader(columns: plan.columns, scale: scale, options: options)
/// var batch = ResponseBatch(columns: plan.columns, scale: scale)
/// try bytes.withUnsafeBufferPointer { try reader.consume($0, isFinal: true, into: &batch) }
/// ```
public struct ResponseTableReader: Sendable {
  /// What the first bytes showed.
  public enum Format: String, Sendable, Hashable, Codable {
    /// Delimited text (CSV and its dialects).
    case text
    /// An SPSS system file (`.sav` or `.zsav`).
    case systemFile
  }

  /// The item columns the matrix gets, in order.
  public let columns: [String]
  /// The response scale.
  public let scale: ResponseScale
  /// Whether the delimiter is detected from the header line.
  public let detectDelimiter: Bool
  private var options: ResponseCSVOptions
  private var head: [UInt8] = []
  private var text: ResponseCSVParser? = nil
  private var system: SystemFileResponseReader? = nil

  /// Creates a reader; with detection (`detectDelimiter`, by default the options' own setting) the
  /// options' delimiter is replaced by the detected one.
  public init(
    columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init(), detectDelimiter: Bool? = nil
  ) {
    self.columns = columns
    self.scale = scale
    self.options = options
    self.detectDelimiter = detectDelimiter ?? options.detectDelimiter
  }

  /// The format, once the first bytes have been seen.
  public var format: Format? { text != nil ? .text : system != nil ? .systemFile : nil }

  /// The delimiter in use for text (after detection).
  public var delimiter: UInt8 { options.delimiter }

  /// The header names (CSV) or variable names (SPSS), once read.
  public var header: [String] { text?.header ?? system?.header ?? [] }

  /// Reads a whole table held in memory.
  public static func read(
    _ bytes: [UInt8], columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init(),
    detectDelimiter: Bool? = true
  ) throws(InputIssue) -> ResponseBatch {
    var reader = ResponseTableReader(columns: columns, scale: scale, options: options, detectDelimiter: detectDelimiter)
    var batch = ResponseBatch(columns: columns, scale: scale)
    batch.preparePassthrough(options.passthroughColumns.count)
    try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try reader.consume(b, isFinal: true, into: &batch) }
    return batch
  }

  /// Feeds the next chunk. The first bytes are held until the format (and, for text with detection,
  /// the header line) is known.
  public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into batch: inout ResponseBatch)
    throws(InputIssue)
  {
    if text != nil { return try text?.consume(chunk, isFinal: isFinal, into: &batch) ?? () }
    if system != nil { return try system?.consume(chunk, isFinal: isFinal, into: &batch) ?? () }
    // A first chunk that already shows the format goes straight to its reader: copying it into
    // `head` would copy a whole in-memory file.
    if head.isEmpty {
      if chooseReader(chunk, isFinal: isFinal) { return try consume(chunk, isFinal: isFinal, into: &batch) }
      head.append(contentsOf: chunk)
      return
    }
    head.append(contentsOf: chunk)
    let chosen = head.withUnsafeBufferPointer { chooseReader($0, isFinal: isFinal) }
    guard chosen else { return }
    let bytes = head
    head = []
    try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try consume(b, isFinal: isFinal, into: &batch) }
  }

  /// Chooses the reader (system file by its magic bytes, else CSV with its delimiter) when `b`, the
  /// first bytes of the input, are enough to tell; false when more input is needed.
  private mutating func chooseReader(_ b: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> Bool {
    if b.count < 4 && !isFinal { return false }
    if SystemFileReader.isSystemFile(prefix: b) {
      system = SystemFileResponseReader(columns: columns, scale: scale, options: options)
      return true
    }
    if detectDelimiter {
      // Skip a byte-order mark before looking at the header line.
      let start = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
      let dialect = CSVDialect(delimiter: nil, decimalComma: options.decimalComma)
      guard let found = dialect.resolvedDelimiter(in: UnsafeBufferPointer(rebasing: b[start...]), isFinal: isFinal)
      else { return false }
      options.delimiter = found
    }
    text = ResponseCSVParser(columns: columns, scale: scale, options: options)
    return true
  }
}
