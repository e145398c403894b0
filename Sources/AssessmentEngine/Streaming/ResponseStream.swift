/// A response table opened once and read in chunks into ``ResponseBatch``es: CSV (any delimiter) or
/// an SPSS `.sav`/`.zsav`, told apart by the first bytes through ``ResponseTableReader``.
///
/// Each pass hands every filled batch to a consumer and empties it afterwards, so memory stays flat
/// whatever the table's size. Analyses that need the whole table first (item-mean and item-median
/// imputation need every item's distribution before any row is scored) make two passes: a file is
/// rewound; standard input, a pipe or a descriptor is kept in memory on the first pass
/// (``forEachBatch(keepingForAnotherPass:_:)``). Bytes in memory are read in the same chunks.
///
/// ```swift
/// let instrument = try CompiledInstrument(definition)
/// var stream = try ResponseStream(opening: .file(path: "responses.csv"), instrument: instrument)
/// defer { stream.close() }
/// let summary = try stream.score(instrument.plan) { batch, scores in
///   // batch.issues: the problems of these rows; scores: their scale scores (nil when none were accepted)
/// }
/// ```
public struct ResponseStream: Sendable {
  /// The source being read.
  public let source: ResponseSource
  /// The item columns the batches' matrices get, in order.
  public let columns: [String]
  /// The response scale.
  public let scale: ResponseScale
  /// How cells are read (delimiter, missing tokens, id and passthrough columns, labels).
  public let options: ResponseCSVOptions
  /// Whether the delimiter is detected from the header line (`nil`: the options' own setting).
  public let detectDelimiter: Bool?
  /// How many passes have been started over the source (the count a test of "read once" checks).
  public private(set) var passCount = 0
  /// How many times bytes were taken from the source itself (opening it, rewinding it); passes over
  /// input kept in memory do not count.
  public private(set) var sourceReads = 0
  private var file: ChunkedFile?
  private var retained: [UInt8]?
  /// The bytes read (or, for input in memory, handed to the reader) at a time: 1 MiB unless set.
  /// Results do not depend on it; a small size exercises chunk boundaries.
  public var chunkSize: Int

  /// Opens `source` for streaming a table with `columns` on `scale`.
  ///
  /// - Throws: ``ResponseStreamError/unreadable(_:)`` when a file cannot be opened.
  public init(
    opening source: ResponseSource, columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init(),
    detectDelimiter: Bool? = nil
  ) throws(ResponseStreamError) {
    self.source = source
    self.columns = columns
    self.scale = scale
    self.options = options
    self.detectDelimiter = detectDelimiter
    self.chunkSize = ChunkedFile.chunkSize
    switch source {
    case .file(let path):
      switch ChunkedFile.open(path) {
      case .success(let opened): file = opened
      case .failure(let error): throw .unreadable(error)
      }
    case .standardInput: file = ChunkedFile(descriptor: 0, name: "-")
    case .descriptor(let fd, let name): file = ChunkedFile(descriptor: fd, name: name)
    case .bytes(let bytes, _): retained = bytes
    }
  }

  /// Opens `source` for the items and response scale of a compiled instrument.
  ///
  /// - Throws: ``ResponseStreamError/unreadable(_:)`` when a file cannot be opened.
  public init(
    opening source: ResponseSource, instrument: CompiledInstrument, options: ResponseCSVOptions = .init(),
    detectDelimiter: Bool? = nil
  ) throws(ResponseStreamError) {
    try self.init(
      opening: source, columns: instrument.columns, scale: instrument.responseScale, options: options,
      detectDelimiter: detectDelimiter)
  }

  /// Whether another pass can be made (a rewindable file, or input kept in memory).
  public var canReadAgain: Bool { retained != nil || passCount == 0 || (file?.isRewindable ?? false) }

  /// Reads the table once, calling `body` with each filled batch (emptied after the call, its
  /// allocations reused). Nothing is handed over before the header is known to be good, so a header
  /// problem leaves the consumer untouched.
  ///
  /// - Parameters:
  ///   - keepingForAnotherPass: keep input that cannot be rewound (standard input, a pipe) in memory,
  ///     so a later pass can read it again; files are rewound instead and never held.
  ///   - body: the consumer, called with each filled batch.
  /// - Returns: the pass's counts.
  /// - Throws: ``ResponseStreamError``: the source cannot be read, the table is unusable, or the
  ///   input was already read once and not kept.
  @discardableResult
  public mutating func forEachBatch(
    keepingForAnotherPass: Bool = false, _ body: (inout ResponseBatch) -> Void
  ) throws(ResponseStreamError) -> ResponseStreamSummary {
    if passCount > 0, retained == nil {
      guard let file, file.isRewindable else { throw .notRewindable(source: source.name) }
      file.rewind()
    }
    passCount += 1
    if retained == nil, let file, keepingForAnotherPass, !file.isRewindable {
      sourceReads += 1
      do { retained = try file.readAll() } catch { throw .unreadable(error) }
    }
    var reader = ResponseTableReader(columns: columns, scale: scale, options: options, detectDelimiter: detectDelimiter)
    var batch = ResponseBatch(columns: columns, scale: scale)
    batch.preparePassthrough(options.passthroughColumns.count)
    var summary = ResponseStreamSummary()
    func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ isFinal: Bool) throws(InputIssue) {
      try reader.consume(chunk, isFinal: isFinal, into: &batch)
      // A chunk may end inside the header: nothing reaches the consumer before it is known good.
      guard !reader.header.isEmpty else { return }
      summary.add(batch)
      body(&batch)
      batch.removeAll()
    }
    do {
      if let retained {
        let step = Swift.max(1, chunkSize)
        try retained.withUnsafeBufferPointer { (all) throws(InputIssue) in
          var start = 0
          repeat {
            let end = Swift.min(all.count, start + step)
            try feed(UnsafeBufferPointer(rebasing: all[start..<end]), end == all.count)
            start = end
          } while start < all.count
        }
      } else if var file {
        sourceReads += 1
        file.chunkSize = chunkSize
        try file.forEachChunk { chunk, isFinal in try feed(chunk, isFinal) }
      }
    } catch let issue as InputIssue {
      throw .invalidTable(issue, source: source.name)
    } catch let error as FileOpenError {
      throw .unreadable(error)
    } catch {
      throw .unreadable(FileOpenError(path: source.name, reason: "\(error)"))
    }
    return summary
  }

  /// Releases the file descriptor when the stream opened it (descriptors given by the caller stay open).
  public func close() { file?.close() }
}

extension ResponseStream {
  /// Counts every item's responses over the whole table: the basis of item-mean and item-median
  /// imputation (one pass).
  ///
  /// - Throws: as ``forEachBatch(keepingForAnotherPass:_:)``.
  public mutating func itemDistributions(keepingForAnotherPass: Bool = false) throws(ResponseStreamError)
    -> ItemDistributions
  {
    var counts = ItemDistributions(columns: columns, scale: scale)
    try forEachBatch(keepingForAnotherPass: keepingForAnotherPass) { batch in counts.add(batch.matrix) }
    return counts
  }

  /// Reads the whole table in one pass into one batch: every accepted row with its id, line and
  /// passthrough texts, and every issue (for analyses that need all rows at once, such as alliance
  /// series or multilevel reliability). Memory grows with the table.
  ///
  /// - Throws: as ``forEachBatch(keepingForAnotherPass:_:)``.
  public mutating func collect(keepingForAnotherPass: Bool = false) throws(ResponseStreamError) -> ResponseBatch {
    var all = ResponseBatch(columns: columns, scale: scale)
    all.preparePassthrough(options.passthroughColumns.count)
    try forEachBatch(keepingForAnotherPass: keepingForAnotherPass) { batch in all.append(batch) }
    return all
  }

  /// Scores the table with `plan`, handing each batch and its scores to `body` (`nil` scores when a
  /// batch has no accepted rows, e.g. only rejected ones; its issues are still there).
  ///
  /// Under `mean`/`median` imputation without `distributions`, the item distributions are counted
  /// over the whole table first (a file is rewound, other input kept in memory), as psych's
  /// `scoreItems` uses every row's responses; then the rows are scored in a second pass.
  ///
  /// - Parameters:
  ///   - plan: the scoring plan (of the stream's instrument).
  ///   - distributions: item distributions counted elsewhere; when given, no first pass is made.
  ///   - body: called with each batch and its scores.
  /// - Returns: the scoring pass's counts.
  /// - Throws: ``ResponseStreamError/scoring(_:source:)`` when `plan` is for other columns or another
  ///   scale, else as ``forEachBatch(keepingForAnotherPass:_:)``.
  @discardableResult
  public mutating func score(
    _ plan: ScoringPlan, distributions: ItemDistributions? = nil, _ body: (ResponseBatch, ScoreTable?) -> Void
  ) throws(ResponseStreamError) -> ResponseStreamSummary {
    // A plan for other columns or another scale is refused before anything is read, so no batch
    // can go unscored.
    do throws(ScoringError) {
      _ = try plan.score(ResponseMatrix(columns: columns, scale: scale))
    } catch {
      throw .scoring(error, source: source.name)
    }
    var distributions = distributions
    if plan.policy.needsColumnStatistics, distributions == nil {
      distributions = try itemDistributions(keepingForAnotherPass: true)
    }
    var table = ScoreTable(
      scaleIDs: plan.scaleIDs, scaleItemCounts: plan.scaleItemCounts, policy: plan.policy, rowCount: 0,
      unimputable: [])
    return try forEachBatch { batch in
      guard batch.matrix.rowCount > 0 else { return body(batch, nil) }
      // The plan was checked against the stream's columns and scale above, so this cannot fail.
      guard (try? plan.score(batch.matrix, into: &table, distributions: distributions)) != nil else {
        return body(batch, nil)
      }
      body(batch, table)
    }
  }

  /// The result of ``accumulateMoments(into:keepingCodes:_:)``.
  public struct MomentPass: Sendable {
    /// The pass's counts.
    public var summary: ResponseStreamSummary
    /// The accepted rows' codes, row-major over the stream's columns (when asked to keep them, for
    /// analyses that need rows: polychoric correlations, the bootstrap).
    public var codes: [UInt8]
  }

  /// Adds every accepted row to `accumulator` (exact integer moments: alpha, omega, item statistics),
  /// handing each batch to `body` first (e.g. to report its issues).
  ///
  /// - Parameters:
  ///   - accumulator: the accumulator the rows are added to (its columns are the stream's).
  ///   - keepingCodes: also return the accepted rows' codes.
  ///   - body: called with each batch before its rows are added.
  /// - Throws: as ``forEachBatch(keepingForAnotherPass:_:)``, and ``ResponseStreamError/statistics(_:source:)``
  ///   when the accumulator's sums would overflow or its layout does not fit the stream's columns.
  @discardableResult
  public mutating func accumulateMoments(
    into accumulator: inout ItemMomentAccumulator, keepingCodes: Bool = false,
    _ body: (ResponseBatch) -> Void = { _ in }
  ) throws(ResponseStreamError) -> MomentPass {
    var codes: [UInt8] = []
    var failure: ReliabilityError?
    let summary = try forEachBatch { batch in
      body(batch)
      guard failure == nil, batch.matrix.rowCount > 0 else { return }
      do throws(ReliabilityError) { try accumulator.add(rows: batch.matrix.codes) } catch { failure = error }
      if keepingCodes { codes.append(contentsOf: batch.matrix.codes) }
    }
    if let failure { throw .statistics(failure, source: source.name) }
    return MomentPass(summary: summary, codes: codes)
  }
}
