import _SDKSupport

/// Options for reading a response CSV.
public struct ResponseCSVOptions: Sendable, Hashable {
  /// The field separator (default `,`).
  public var delimiter: UInt8
  /// Cell texts that mean "missing" besides the empty cell (default `NA`, as R's `read.csv`).
  public var missingTokens: [String]
  /// What a number outside the scale does (default: reject the row).
  public var outOfRange: OutOfRangePolicy
  /// A column whose value is carried to the output as the respondent's id: a header text, or `#N`
  /// for the N-th column (see ``ColumnReference``).
  public var idColumn: String?
  /// Further columns whose text is carried alongside each accepted row, in this order (header texts
  /// or `#N`, as ``idColumn``): e.g. a rater, a dyad and a session column, so one read of the table
  /// gives everything an analysis needs. Their values arrive in ``ResponseBatch/passthrough``.
  public var passthroughColumns: [String] = []
  /// Where items are found when not under their own name: item id → column (``ColumnReference``).
  /// Items not in the map still match headers by name.
  public var columnMap: [String: ColumnReference]
  /// Texts a cell may hold instead of a number (anchor labels and synonyms); `nil` = numbers only.
  public var labels: ResponseLabels?
  /// Whether ``ResponseTableReader`` detects the delimiter from the header line (replacing
  /// ``delimiter``); ``ResponseCSVParser`` itself always uses ``delimiter``.
  public var detectDelimiter = false
  /// Whether numbers are written with a decimal comma (``CSVDialect/decimalComma``). Response cells
  /// are whole numbers either way; what changes is that detection never chooses `,` as the delimiter.
  public var decimalComma = false

  /// Creates options.
  public init(
    delimiter: UInt8 = UInt8(ascii: ","), missingTokens: [String] = ["NA"], outOfRange: OutOfRangePolicy = .reject,
    idColumn: String? = nil, columnMap: [String: ColumnReference] = [:], labels: ResponseLabels? = nil
  ) {
    self.delimiter = delimiter
    self.missingTokens = missingTokens
    self.outOfRange = outOfRange
    self.idColumn = idColumn
    self.columnMap = columnMap
    self.labels = labels
  }
}

/// Rows read from a response file: the accepted responses, their ids and source lines, and every
/// problem found.
public struct ResponseBatch: Sendable {
  /// The accepted rows, in file order.
  public var matrix: ResponseMatrix
  /// The id of each accepted row (empty when no id column was asked for).
  public var ids: [String]
  /// The 1-based file line where each accepted row starts.
  public var lines: [Int]
  /// Per passthrough column (``ResponseCSVOptions/passthroughColumns``, in that order), the text of
  /// each accepted row; empty when none were asked for.
  public var passthrough: [[String]] = []
  /// Every problem, in file order. Out-of-range cells read as missing are reported here too.
  public var issues: [InputIssue]
  /// How many data rows were read (accepted + rejected; blank lines are not rows).
  public var rowsRead: Int
  /// How many rows were rejected.
  public var rowsRejected: Int

  /// An empty batch for a matrix's columns and scale.
  public init(columns: [String], scale: ResponseScale) {
    matrix = ResponseMatrix(columns: columns, scale: scale)
    ids = []
    lines = []
    issues = []
    rowsRead = 0
    rowsRejected = 0
  }

  /// Empties the batch, keeping its allocations (for streaming).
  public mutating func removeAll() {
    matrix.removeAllRows()
    ids.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
    for i in passthrough.indices { passthrough[i].removeAll(keepingCapacity: true) }
    issues.removeAll(keepingCapacity: true)
    rowsRead = 0
    rowsRejected = 0
  }

  /// Appends another batch of the same columns and scale: its rows, ids, lines, passthrough texts and
  /// issues, and its counts (for collecting a streamed table's batches into one).
  public mutating func append(_ other: ResponseBatch) {
    matrix.codes.append(contentsOf: other.matrix.codes)
    matrix.rowCount += other.matrix.rowCount
    ids.append(contentsOf: other.ids)
    lines.append(contentsOf: other.lines)
    appendPassthrough(of: other)
    issues.append(contentsOf: other.issues)
    rowsRead += other.rowsRead
    rowsRejected += other.rowsRejected
  }

  /// Makes room for `count` passthrough columns (readers call it before appending to them).
  mutating func preparePassthrough(_ count: Int) {
    while passthrough.count < count { passthrough.append([]) }
  }

  /// Appends another batch's rows, lines, ids, passthrough texts and issues (for readers that read
  /// parts of a chunk separately and join them in order).
  mutating func appendPassthrough(of other: ResponseBatch) {
    preparePassthrough(other.passthrough.count)
    for t in other.passthrough.indices { passthrough[t].append(contentsOf: other.passthrough[t]) }
  }
}

/// Result slots that concurrent workers fill, one slot each; read after they finish.
final class UnsafeSlots<T>: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<T?>
  let count: Int

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil, count: count)
  }

  func set(_ i: Int, _ value: T) { storage[i] = value }
  func get(_ i: Int) -> T? { storage[i] }

  func deallocate() {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  /// A read-only view of input bytes shared by the workers (each reads a disjoint range).
  struct View: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
  }
}

/// An RFC 4180 reader of response files that fills a ``ResponseMatrix`` straight from bytes.
///
/// It reads quoted fields (with `""` escapes and embedded line breaks), CRLF or LF line ends and a
/// UTF-8 byte-order mark; matches the instrument's items to header names (extra columns are ignored);
/// treats an empty cell or a missing-value token as missing; skips blank lines (as R's `read.csv`);
/// and rejects — with an ``InputIssue`` naming line, column and value — a row with the wrong number
/// of fields, a cell that is not a whole number, or a number outside the scale, while every other row
/// is kept. Input is fed in chunks of any size (``consume(_:isFinal:into:)``), so a file of any length
/// is read in constant memory.
///
/// - Complexity: O(*b*) for *b* bytes; no allocation per cell.
public struct ResponseCSVParser: Sendable {
  /// The item columns the matrix gets, in order.
  public let columns: [String]
  /// The response scale.
  public let scale: ResponseScale
  /// The options.
  public let options: ResponseCSVOptions

  private var pending: [UInt8] = []
  private var line = 1
  private var headerRead = false
  private var sawBOMCheck = false
  private var headerNames: [String] = []
  /// Field index of each item column.
  private var fieldOfColumn: [Int] = []
  private var idField: Int? = nil
  /// Field index of each passthrough column, and for each header field its passthrough slot or −1.
  private var passthroughFields: [Int] = []
  private var passthroughOfField: [Int] = []
  private var fieldCount = 0
  /// code for each possible integer value in min...max (0xFF = not a response).
  private let codeOfValue: [UInt8]
  private let missingTokens: [[UInt8]]
  private let cellCoder: CellCoder
  /// Set when the scale cannot be read into the packed layout; ``consume(_:isFinal:into:)`` throws it.
  private let scaleProblem: InputIssue?
  /// The record splitter shared with every other CSV reader in the package.
  private var tokenizer: CSVTokenizer
  private var rowCodes: [UInt8] = []
  /// For each header field, the item column it fills, or −1.
  private var columnOfField: [Int] = []
  /// A UTF-16/32 byte-order mark seen at the start, for the header message.
  private var foreignMark: String? = nil
  /// Rows the quote-free fast path last wrote in one run: it reserves room for about twice that
  /// next time, so re-entering it between quoted records costs what it reads, not what is left.
  private var lastRunRows = 0
  /// When false, every record goes through the general tokenizer (the fuzzer compares both paths).
  package var fastPathEnabled = true
  /// Records left to the tokenizer before the fast path is tried again, and how many times running
  /// it could not take a first record.
  private var fastPathSkip = 0
  private var fastPathMisses = 0
  /// Rows of room the fast path has reserved in total: the work its reservations cost, which the
  /// linearity test compares with the rows read.
  package private(set) var reservedRows = 0
  /// Bytes the fast path's searches looked at in total (its other work is one pass over each record).
  package private(set) var scannedBytes = 0
  /// Cells the fast path asked the label matcher about: none in a numeric file (a test holds it to
  /// that, so numbers never pay for a label look-up again).
  package private(set) var labelLookups = 0

  /// Creates a reader producing a matrix with `columns` on `scale`.
  ///
  /// A scale the packed layout cannot hold (``ResponseScale/maximumWidth``: `min < max` and at most
  /// 255 values) is not an error here: the first ``consume(_:isFinal:into:)`` (or ``read(_:columns:scale:options:)``)
  /// throws an ``InputIssue`` of kind ``InputIssue/Kind/invalidScale(min:max:)``, and nothing is allocated for it.
  public init(columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init()) {
    self.columns = columns
    self.scale = scale
    self.options = options
    if let width = scale.packedWidth {
      var table = [UInt8](repeating: 0xFF, count: width)
      for v in scale.min...scale.max where scale.contains(v) { table[v - scale.min] = UInt8(v - scale.min + 1) }
      self.codeOfValue = table
      self.scaleProblem = nil
    } else {
      self.codeOfValue = []
      self.scaleProblem = InputIssue(line: 1, column: 1, kind: .invalidScale(min: scale.min, max: scale.max))
    }
    self.missingTokens = options.missingTokens.map { Array($0.utf8) }
    self.cellCoder = CellCoder(
      codeOfValue: codeOfValue, missingTokens: missingTokens, labels: options.labels, low: scale.min,
      delimiter: options.delimiter)
    self.rowCodes = [UInt8](repeating: 0, count: columns.count)
    self.tokenizer = CSVTokenizer(delimiter: options.delimiter)
  }

  /// The header's column names, once read.
  public var header: [String] { headerNames }

  /// Reads a whole file held in memory.
  ///
  /// - Throws: an ``InputIssue`` that makes the file unusable (empty file, missing item columns).
  public static func read(
    _ bytes: [UInt8], columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init()
  ) throws(InputIssue) -> ResponseBatch {
    var parser = ResponseCSVParser(columns: columns, scale: scale, options: options)
    var batch = ResponseBatch(columns: columns, scale: scale)
    batch.preparePassthrough(options.passthroughColumns.count)
    try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch) }
    return batch
  }

  /// Feeds the next chunk of the file. Complete records are parsed into `batch`; an incomplete
  /// trailing record waits for the next chunk, or is parsed as the last one when `isFinal`.
  ///
  /// - Throws: an ``InputIssue`` that makes the file unusable (header problems, an unusable scale);
  ///   row problems are recorded in `batch.issues` instead.
  public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into batch: inout ResponseBatch)
    throws(InputIssue)
  {
    if let scaleProblem { throw scaleProblem }
    if pending.isEmpty {
      try parseRecords(chunk, isFinal: isFinal, into: &batch)
    } else {
      pending.append(contentsOf: chunk)
      let buffer = pending
      pending = []
      try buffer.withUnsafeBufferPointer { (b) throws(InputIssue) in try parseRecords(b, isFinal: isFinal, into: &batch)
      }
    }
    if isFinal, !headerRead {
      if let foreignMark {
        throw InputIssue(line: 1, column: 1, kind: .notUTF8(foreignMark))
      }
      throw InputIssue(line: 1, column: 1, kind: .emptyFile)
    }
  }

  private mutating func parseRecords(_ b: UnsafeBufferPointer<UInt8>, isFinal: Bool, into batch: inout ResponseBatch)
    throws(InputIssue)
  {
    var p = 0
    if !sawBOMCheck {
      if b.count < 4 && !isFinal {
        pending.append(contentsOf: b)
        return
      }
      sawBOMCheck = true
      if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { p = 3 }
      foreignMark = CSVDocument.foreignMark(Array(b.prefix(4)))
    }
    if fastPathEnabled, headerRead, b.count - p >= Self.parallelThreshold, BulkScorer.defaultThreads > 1 {
      p = parseInParallel(b, from: p, isFinal: isFinal, into: &batch)
    }
    // CR only matters to the fast path when the chunk holds one (CR LF, CR-only and LF CR files).
    let chunkHasCR =
      b.baseAddress.map { Platform.findByte(0x0D, in: UnsafeRawPointer($0 + p), count: b.count - p) != nil } ?? false
    while p < b.count {
      // A line end where a record would start: a blank line, not a record.
      if CSVTokenizer.isLineEnd(b[p]) {
        guard let length = CSVTokenizer.lineEndLength(b, p, isFinal: isFinal) else { break }
        p += length
        line += 1
        continue
      }
      if headerRead, fastPathEnabled, fastPathSkip == 0 {
        // Fast path: runs of quote-free records, read in one tight loop straight into the matrix.
        // It stops at a record it cannot take (a quote, a CR that is not part of CR LF) or at an
        // incomplete record; the general path below then takes one record. When it cannot take
        // even the first record several times running (a CR-only file), it rests for a growing
        // number of records, so that its room reservations cost nothing per record.
        let start = p
        let run = parseSimpleRun(b, from: p, isFinal: isFinal, chunkHasCR: chunkHasCR, into: &batch)
        p = run.next
        if run.needMoreInput { break }
        if p != start {
          fastPathMisses = 0
        } else if run.blocked {
          fastPathMisses += 1
          fastPathSkip = 1 << Swift.min(fastPathMisses, 12)
        }
        if !run.blocked { continue }
        if p >= b.count { break }
      } else if fastPathSkip > 0 {
        fastPathSkip -= 1
      }
      let startLine = line
      guard let end = tokenizer.splitRecord(b, from: p, line: line, isFinal: isFinal) else {
        break  // incomplete record; wait for more bytes
      }
      p = end.next
      line = end.line
      if !headerRead {
        try readHeader(b, startLine: startLine)
      } else {
        parseRow(b, startLine: startLine, problem: end.problem, into: &batch)
      }
    }
    if p < b.count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: b[p...])) }
  }

  private func fieldString(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
    tokenizer.field(b, i)
  }

  private func fieldText(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
    shortened(fieldString(b, i))
  }

  private mutating func readHeader(_ b: UnsafeBufferPointer<UInt8>, startLine: Int) throws(InputIssue) {
    headerRead = true
    headerNames = (0..<tokenizer.fieldCount).map { fieldString(b, $0).trimmingWhitespace() }
    fieldCount = headerNames.count
    var firstIndex: [String: Int] = [:]
    var duplicates = Set<String>()
    for (i, name) in headerNames.enumerated() {
      if firstIndex[name] == nil { firstIndex[name] = i } else { duplicates.insert(name) }
    }
    var missing: [String] = []
    var suggestions: [String: String] = [:]
    fieldOfColumn = []
    var taken: [Int: String] = [:]
    let wanted = Set(columns)
    let unused = headerNames.filter { !wanted.contains($0) }
    var unusedByFolded: [String: String] = [:]
    for name in unused where unusedByFolded[name.lowercased()] == nil { unusedByFolded[name.lowercased()] = name }
    for column in columns {
      if let reference = options.columnMap[column] {
        var duplicate = false
        guard let i = reference.resolve(in: headerNames, duplicate: &duplicate) else {
          throw InputIssue(
            line: startLine, column: 1, kind: .mappedColumnMissing(item: column, column: reference.description))
        }
        if duplicate || taken[i] != nil {
          throw InputIssue(
            line: startLine, column: tokenizer.fieldColumns[i], field: i + 1, columnName: headerNames[i],
            kind: .mappedColumnAmbiguous(item: column, column: reference.description))
        }
        taken[i] = column
        fieldOfColumn.append(i)
        continue
      }
      if duplicates.contains(column) {
        let i = headerNames.lastIndex(of: column) ?? 0
        throw InputIssue(
          line: startLine, column: tokenizer.fieldColumns[i], field: i + 1, columnName: column,
          kind: .duplicateColumn(column))
      }
      if let i = firstIndex[column] {
        if taken[i] != nil {
          throw InputIssue(
            line: startLine, column: tokenizer.fieldColumns[i], field: i + 1, columnName: column,
            kind: .mappedColumnAmbiguous(item: taken[i] ?? column, column: column))
        }
        taken[i] = column
        fieldOfColumn.append(i)
      } else {
        missing.append(column)
        if let sameLetters = unusedByFolded[column.lowercased()] {
          // Header matching is exact; a difference in case alone is the commonest near miss.
          suggestions[column] = sameLetters
        } else if missing.count <= 20,
          let best = didYouMean(column, among: unused)
        {
          // (Only the 20 names a message shows get a suggestion: bounded work on any header.)
          suggestions[column] = best
        }
      }
    }
    if !missing.isEmpty {
      if let foreignMark { throw InputIssue(line: 1, column: 1, kind: .notUTF8(foreignMark)) }
      var hint = CSVDocument.headerHint(names: headerNames, foreignMark: nil)
      if hint == nil, tokenizer.lastLineEnd == .cr {
        // Line ends may be the cause: a stray CR ends the header early in a file whose lines end
        // with LF. (Said from the header alone, so the message does not depend on how much of the
        // file a chunk holds.)
        hint =
          "The header line ends at a carriage return (CR) on its own; if the file's lines end with LF, a stray CR cut the header short."
      }
      throw InputIssue(
        line: startLine, column: 1, value: hint, kind: .missingColumns(missing, suggestions: suggestions))
    }
    columnOfField = [Int](repeating: -1, count: fieldCount)
    for (j, f) in fieldOfColumn.enumerated() { columnOfField[f] = j }
    if let id = options.idColumn {
      var duplicate = false
      guard let i = ColumnReference(parsing: id).resolve(in: headerNames, duplicate: &duplicate) else {
        let near = unusedByFolded[id.lowercased()] ?? headerNames.first { $0.lowercased() == id.lowercased() }
        throw InputIssue(line: startLine, column: 1, value: near, kind: .missingIDColumn(id))
      }
      idField = i
    }
    passthroughOfField = [Int](repeating: -1, count: fieldCount)
    passthroughFields = []
    for name in options.passthroughColumns {
      var duplicate = false
      guard let i = ColumnReference(parsing: name).resolve(in: headerNames, duplicate: &duplicate) else {
        let near = unusedByFolded[name.lowercased()] ?? headerNames.first { $0.lowercased() == name.lowercased() }
        throw InputIssue(line: startLine, column: 1, value: near, kind: .missingIDColumn(name))
      }
      passthroughOfField[i] = passthroughFields.count
      passthroughFields.append(i)
    }
  }

  private mutating func parseRow(
    _ b: UnsafeBufferPointer<UInt8>, startLine: Int, problem: (kind: CSVTokenizer.Problem, field: Int)?,
    into batch: inout ResponseBatch
  ) {
    batch.rowsRead += 1
    let fieldColumns = tokenizer.fieldColumns
    if let problem {
      let f = min(problem.field, fieldColumns.count) - 1
      let kind: InputIssue.Kind = problem.kind == .unterminatedQuote ? .unterminatedQuote : .textAfterQuote
      batch.issues.append(
        InputIssue(
          line: f >= 0 ? tokenizer.fieldLines[f] : startLine, column: fieldColumns[max(f, 0)], field: problem.field,
          columnName: problem.field <= headerNames.count ? headerNames[problem.field - 1] : nil,
          value: f >= 0 && f < tokenizer.fieldCount ? fieldText(b, f) : nil, kind: kind))
      batch.rowsRejected += 1
      return
    }
    if tokenizer.fieldCount != fieldCount {
      batch.issues.append(
        InputIssue(
          line: startLine, column: 1, kind: .wrongFieldCount(expected: fieldCount, found: tokenizer.fieldCount)))
      batch.rowsRejected += 1
      return
    }
    var rejected = false
    for (j, f) in fieldOfColumn.enumerated() {
      switch tokenizer.withField(b, f, cellCode) {
      case .code(let c):
        rowCodes[j] = c
      case .notInteger:
        rejected = true
        batch.issues.append(issue(b, f, .notAnInteger))
      case .unknownLabel:
        rejected = true
        batch.issues.append(issue(b, f, .unknownLabel(allowed: options.labels?.allowed ?? [])))
      case .outOfRange:
        batch.issues.append(issue(b, f, .outOfRange(min: scale.min, max: scale.max, excluded: scale.excluded)))
        if options.outOfRange == .reject { rejected = true } else { rowCodes[j] = 0 }
      }
    }
    if rejected {
      batch.rowsRejected += 1
      return
    }
    rowCodes.withUnsafeBufferPointer { batch.matrix.appendCodes($0) }
    batch.lines.append(startLine)
    if let idField { batch.ids.append(fieldString(b, idField)) }
    if !passthroughFields.isEmpty {
      batch.preparePassthrough(passthroughFields.count)
      for (t, f) in passthroughFields.enumerated() { batch.passthrough[t].append(fieldString(b, f)) }
    }
  }

  /// Chunks at least this long are split at line ends and read on all cores.
  static let parallelThreshold = 1 << 19

  /// Reads the complete, quote-free records of a large chunk on all cores: the region up to the last
  /// line end is split at line ends, each part is read by a copy of this parser into a batch of its
  /// own, and the parts are appended in order with their line numbers shifted. Returns where the
  /// sequential reader continues (the first part that could not be read whole, or the incomplete last
  /// record, or all of `b` when nothing was done).
  private mutating func parseInParallel(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool, into batch: inout ResponseBatch
  ) -> Int {
    guard let base = b.baseAddress else { return start }
    let region = UnsafeRawPointer(base + start)
    // A cut is after an LF that no CR follows (an LF CR pair stays whole); the region ends at such a
    // cut too, and a quote anywhere sends the chunk to the sequential reader.
    func isCut(_ q: Int) -> Bool { base[q] == 0x0A && q + 1 < b.count && base[q + 1] != 0x0D }
    var last = b.count - 2
    while last >= start, !isCut(last) { last -= 1 }
    guard last >= start else { return start }
    let end = last + 1
    guard Platform.findByte(0x22, in: region, count: end - start) == nil else { return start }
    let workers = BulkScorer.defaultThreads
    var boundaries: [Int] = [start]
    for w in 1..<workers {
      let share: Int = (end - start) * w / workers
      let target: Int = Swift.max(boundaries[boundaries.count - 1], start + share)
      if target >= end { break }
      var q = target
      while q < end, !isCut(q) { q += 1 }
      if q + 1 < end { boundaries.append(q + 1) }
    }
    boundaries.append(end)
    let cuts = boundaries
    let parts = cuts.count - 1
    let slots = UnsafeSlots<(batch: ResponseBatch, lines: Int, complete: Bool)>(count: parts)
    defer { slots.deallocate() }
    let input = UnsafeSlots<UInt8>.View(base: base)
    let template = self
    Parallel.forEach(parts) { w in
      var worker = template
      worker.line = 0
      worker.lastRunRows = Int.max / 4
      var local = ResponseBatch(columns: template.columns, scale: template.scale)
      let slice = UnsafeBufferPointer(start: input.base + cuts[w], count: cuts[w + 1] - cuts[w])
      let run = worker.parseSimpleRun(slice, from: 0, isFinal: true, chunkHasCR: true, into: &local)
      slots.set(w, (local, worker.line, run.next == slice.count && !run.needMoreInput))
    }
    var consumed = start
    for w in 0..<parts {
      // A part that stopped early (a CR that is not part of CR LF) leaves the rest to the sequential reader.
      guard let part = slots.get(w), part.complete else { return consumed }
      var local = part.batch
      let shift = line
      for i in local.lines.indices { local.lines[i] += shift }
      for i in local.issues.indices { local.issues[i].line += shift }
      batch.matrix.codes.append(contentsOf: local.matrix.codes)
      batch.matrix.rowCount += local.matrix.rowCount
      batch.lines.append(contentsOf: local.lines)
      batch.ids.append(contentsOf: local.ids)
      batch.appendPassthrough(of: local)
      batch.issues.append(contentsOf: local.issues)
      batch.rowsRead += local.rowsRead
      batch.rowsRejected += local.rowsRejected
      line += part.lines
      consumed = cuts[w + 1]
    }
    return consumed
  }

  /// Reads consecutive records without quotes, starting at `start`, straight into the matrix.
  ///
  /// It follows ``CSVTokenizer``'s rules exactly for the records it takes: a record ends at LF, CR LF
  /// or LF CR; a record holding a quote or any other CR is left to the tokenizer (the run stops
  /// before it). All per-row state is local so the loop makes no copies and no reference-count
  /// traffic; rows are written in place into room reserved ahead (about twice the last run's rows,
  /// so the reservation is paid for by rows read), then the unused room is dropped.
  private mutating func parseSimpleRun(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool, chunkHasCR: Bool, into batch: inout ResponseBatch
  ) -> (next: Int, needMoreInput: Bool, blocked: Bool) {
    guard let base = b.baseAddress, start < b.count else { return (start, false, false) }
    let n = b.count
    let k = columns.count
    let fields = fieldCount
    let delimiter = options.delimiter
    let rejectOutOfRange = options.outOfRange == .reject
    let idField = self.idField ?? -1
    let passthroughCount = passthroughFields.count
    var passthroughRanges = [Range<Int>](repeating: 0..<0, count: passthroughCount)
    var passthroughTexts = [[String]](repeating: [], count: passthroughCount)
    let bytesBound = (n - start) / Swift.max(1, fields) + 1
    let maxRows = Swift.min(
      bytesBound,
      Swift.max(1024, lastRunRows.multipliedReportingOverflow(by: 2).overflow ? bytesBound : lastRunRows * 2))
    let oldCount = batch.matrix.codes.count
    reservedRows += maxRows
    batch.matrix.codes.append(contentsOf: repeatElement(0, count: maxRows * k))
    var written = 0
    var read = 0
    var rejectedRows = 0
    var p = start
    var lineNo = line
    var needMore = false
    var blocked = false
    var nextCR = -1
    // Bytes the searches below looked at: the work the linearity tests count.
    var scanned = 0
    var lookups = 0
    @inline(__always) func find(_ byte: UInt8, _ start: UnsafeRawPointer, _ count: Int) -> UnsafeRawPointer? {
      let found = Platform.findByte(byte, in: start, count: count)
      scanned &+= found.map { $0 - start + 1 } ?? count
      return found
    }
    var lines: [Int] = []
    var ids: [String] = []
    var issues: [InputIssue] = []
    var cellProblems: [(field: Int, column: Int, range: Range<Int>, kind: InputIssue.Kind)] = []
    let low = scale.min
    let codeCount = codeOfValue.count
    let coder = cellCoder
    let matcher = coder.matcher
    batch.matrix.codes.withUnsafeMutableBufferPointer { codes in
      columnOfField.withUnsafeBufferPointer { columnOf in
        codeOfValue.withUnsafeBufferPointer { table in
          guard let codeBase = codes.baseAddress else { return }
          while p < n, read < maxRows {
            let c0 = base[p]
            if c0 == 0x0A || c0 == 0x0D {
              // A blank line (LF, CR, CR LF or LF CR).
              guard let length = CSVTokenizer.lineEndLength(b, p, isFinal: isFinal) else {
                needMore = true
                break
              }
              p += length
              lineNo += 1
              continue
            }
            let rest = UnsafeRawPointer(base + p)
            let end: Int
            let next: Int
            // Where a CR can occur, find it first: a CR that is not part of CR LF ends the record on its
            // own (CR-only files), which the tokenizer takes; and the LF search must stop there, or a
            // file without LFs would be scanned to its end once per record.
            // The next CR's position is remembered (`nextCR`), so each CR is searched for once and a
            // chunk with few CRs is not rescanned per record.
            var lfLimit = n - p
            if chunkHasCR, nextCR < p {
              nextCR = find(0x0D, rest, n - p).map { p + (UnsafeRawPointer($0) - rest) } ?? n
            }
            if chunkHasCR, nextCR < n {
              let r = nextCR
              if r + 1 < n, base[r + 1] == 0x0A {
                lfLimit = r + 2 - p
              } else if find(0x0A, rest, r - p) == nil {
                blocked = true
                break
              } else {
                lfLimit = r - p
              }
            }
            if let lf = find(0x0A, rest, lfLimit) {
              end = p + (UnsafeRawPointer(lf) - rest)
              if end + 1 < n {
                // An LF CR pair is one line end (unless the CR belongs to ...CR LF CR).
                next = base[end + 1] == 0x0D && !(end > p && base[end - 1] == 0x0D) ? end + 2 : end + 1
              } else if isFinal {
                next = end + 1
              } else {
                needMore = true
                break
              }
            } else if isFinal {
              end = n
              next = n
            } else {
              needMore = true
              break
            }
            if find(0x22, rest, end - p) != nil {
              blocked = true
              break
            }
            let stop = end > p && base[end - 1] == 0x0D ? end - 1 : end
            if stop == end - 1, end == n {
              blocked = true
              break
            }  // a CR at the very end: the tokenizer decides
            let row = codeBase + oldCount + written * k
            var field = 0
            var s = p
            var rejected = false
            var idRange = p..<p
            cellProblems.removeAll(keepingCapacity: true)
            while true {
              var e = s
              let j = field < fields ? columnOf[field] : -1
              // The common Likert cells are coded where they start, in this order: empty, one digit on
              // the scale, then (with labels) a label in plain spelling, whose end comes with the match.
              // Any other cell is delimited first and coded by the cell coder. The label matcher is
              // not asked about a cell led by a digit or sign: no label it holds starts so, and a
              // numeric file should not pay for a look-up that cannot succeed.
              var coded = false
              if j >= 0 {
                let c = s < stop ? base[s] : delimiter
                if c == delimiter {
                  row[j] = 0
                  coded = true
                } else if c >= 48, c <= 57, s + 1 == stop || base[s + 1] == delimiter,
                  case let v = Int(c) &- 48 &- low, v >= 0, v < codeCount, table[v] != 0xFF
                {
                  row[j] = table[v]
                  e = s + 1
                  coded = true
                } else if let matcher, c > 0x39 || (c < 0x30 && c != 0x2B && c != 0x2D) {
                  lookups &+= 1
                  let matched = matcher.match(base + s, available: stop - s, readable: n - s)
                  if matched >= 0 {
                    row[j] = UInt8(truncatingIfNeeded: matched)
                    e = s + matched >> 8
                    coded = true
                  }
                }
              }
              if !coded {
                while e < stop, base[e] != delimiter { e += 1 }
              }
              if field < fields {
                if j >= 0, !coded {
                  switch coder.code(UnsafeBufferPointer(start: base + s, count: e - s)) {
                  case .code(let c):
                    row[j] = c
                  case .notInteger:
                    rejected = true
                    cellProblems.append((field, s - p + 1, s..<e, .notAnInteger))
                  case .unknownLabel:
                    rejected = true
                    cellProblems.append(
                      (field, s - p + 1, s..<e, .unknownLabel(allowed: options.labels?.allowed ?? [])))
                  case .outOfRange:
                    if rejectOutOfRange { rejected = true } else { row[j] = 0 }
                    cellProblems.append(
                      (field, s - p + 1, s..<e, .outOfRange(min: scale.min, max: scale.max, excluded: scale.excluded))
                    )
                  }
                }
                if field == idField { idRange = s..<e }
                if passthroughCount > 0, case let t = passthroughOfField[field], t >= 0 { passthroughRanges[t] = s..<e }
              }
              field += 1
              if e >= stop { break }
              s = e + 1
            }
            read += 1
            if field != fields {
              issues.append(InputIssue(line: lineNo, column: 1, kind: .wrongFieldCount(expected: fields, found: field)))
              rejectedRows += 1
            } else {
              for (f, column, range, kind) in cellProblems {
                issues.append(
                  InputIssue(
                    line: lineNo, column: column, field: f + 1, columnName: headerNames[f],
                    value: shortened(
                      String(
                        decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self
                      )),
                    kind: kind))
              }
              if rejected {
                rejectedRows += 1
              } else {
                written += 1
                lines.append(lineNo)
                if idField >= 0 {
                  ids.append(
                    String(
                      decoding: UnsafeBufferPointer(start: base + idRange.lowerBound, count: idRange.count),
                      as: UTF8.self))
                }
                for t in 0..<passthroughCount {
                  let range = passthroughRanges[t]
                  passthroughTexts[t].append(
                    String(
                      decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self))
                }
              }
            }
            lineNo += 1
            p = next
          }
        }
      }
    }
    batch.matrix.codes.removeLast((maxRows - written) * k)
    batch.matrix.rowCount += written
    batch.lines.append(contentsOf: lines)
    batch.ids.append(contentsOf: ids)
    if passthroughCount > 0 {
      batch.preparePassthrough(passthroughCount)
      for t in 0..<passthroughCount { batch.passthrough[t].append(contentsOf: passthroughTexts[t]) }
    }
    batch.issues.append(contentsOf: issues)
    batch.rowsRead += read
    batch.rowsRejected += rejectedRows
    if read > 0 { lastRunRows = read }
    scannedBytes &+= scanned
    labelLookups &+= lookups
    line = lineNo
    return (p, needMore, blocked)
  }

  private func issue(_ b: UnsafeBufferPointer<UInt8>, _ f: Int, _ kind: InputIssue.Kind) -> InputIssue {
    InputIssue(
      line: tokenizer.fieldLines[f], column: tokenizer.fieldColumns[f], field: f + 1, columnName: headerNames[f],
      value: fieldText(b, f),
      kind: kind)
  }

  fileprivate enum Cell {
    case code(UInt8)
    case notInteger, outOfRange, unknownLabel
  }

  @inline(__always)
  private func cellCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell { cellCoder.code(bytes) }
}

/// Turns one cell's bytes into a response code. A value of its own (not a method of the parser) so
/// the fast path can hold it in a local and call it per cell without copying the parser.
private struct CellCoder: Sendable {
  /// code for each possible integer value in min...max (0xFF = not a response).
  let codeOfValue: [UInt8]
  let missingTokens: [[UInt8]]
  let labels: ResponseLabels?
  /// The labels' ASCII table, held directly so a lookup retains one object, not the whole set.
  let table: ASCIILabelTable?
  let low: Int
  /// The labels matched where a cell starts, before its end is found (the fast path's label cells).
  let matcher: ASCIILabelMatcher?

  init(codeOfValue: [UInt8], missingTokens: [[UInt8]], labels: ResponseLabels?, low: Int, delimiter: UInt8) {
    self.codeOfValue = codeOfValue
    self.missingTokens = missingTokens
    self.labels = labels
    self.table = labels?.ascii
    self.low = low
    matcher = labels.flatMap { labels in
      ASCIILabelMatcher(table: labels.ascii, delimiter: delimiter, missingTokens: missingTokens) { v in
        let k = v - low
        return k >= 0 && k < codeOfValue.count && codeOfValue[k] != 0xFF ? codeOfValue[k] : nil
      }
    }
  }

  typealias Cell = ResponseCSVParser.Cell

  /// The code of one cell: whole numbers with an optional sign and an optional `.0…` tail,
  /// surrounding spaces allowed; the empty cell and the missing-value tokens are code 0; with
  /// labels, text is looked up among them.
  @inline(__always)
  func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell {
    // Fast path: one digit, the common Likert cell.
    if bytes.count == 1 {
      let v = Int(bytes[0]) &- 48 &- low
      if v >= 0 && v < codeOfValue.count && bytes[0] >= 48 && bytes[0] <= 57 {
        let c = codeOfValue[v]
        return c != 0xFF ? .code(c) : .outOfRange
      }
    }
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
    if lo == hi { return .code(0) }
    let cell = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    for token in missingTokens where cell.elementsEqual(token) { return .code(0) }
    var i = 0
    let n = cell.count
    var negative = false
    if let table, !(cell[0] >= 0x30 && cell[0] <= 0x39) && cell[0] != 0x2D && cell[0] != 0x2B {
      // Text: an anchor label or a synonym (numbers never start with anything else).
      let v: Int
      switch table.lookup(cell) {
      case .found(let found): v = found
      case .absent: return .unknownLabel
      case .notASCII:
        guard let found = labels?.value(of: String(decoding: cell, as: UTF8.self)) else { return .unknownLabel }
        v = found
      }
      let k = v - low
      return k >= 0 && k < codeOfValue.count && codeOfValue[k] != 0xFF ? .code(codeOfValue[k]) : .outOfRange
    }
    if cell[0] == 0x2D || cell[0] == 0x2B {
      negative = cell[0] == 0x2D
      i = 1
    }
    guard i < n else { return .notInteger }
    var value = 0
    var digits = 0
    while i < n, cell[i] >= 0x30, cell[i] <= 0x39 {
      if digits < 18 { value = value * 10 + Int(cell[i] - 0x30) }
      digits += 1
      i += 1
    }
    guard digits > 0 else { return table != nil ? .unknownLabel : .notInteger }
    if i < n, cell[i] == 0x2E {
      i += 1
      while i < n, cell[i] == 0x30 { i += 1 }
    }
    guard i == n else { return .notInteger }
    if digits >= 18 { return .outOfRange }
    if negative { value = -value }
    let v = value - low
    return v >= 0 && v < codeOfValue.count && codeOfValue[v] != 0xFF ? .code(codeOfValue[v]) : .outOfRange
  }
}

/// At most 60 characters of a cell, for messages.
func shortened(_ text: String) -> String {
  text.count > 60 ? String(text.prefix(57)) + "..." : text
}
