import _SDKSupport

/// Reads an SPSS system file (`.sav`, `.zsav`) into ``ResponseBatch``es, the way
/// ``ResponseCSVParser`` reads a CSV: same options, same batches, same kinds of problems.
///
/// Items match numeric or string variables by name (SPSS compares names case-insensitively) or
/// through ``ResponseCSVOptions/columnMap`` (a variable name or `#N`, the N-th variable). A numeric
/// cell that is system-missing or one of the variable's **user-missing** values (discrete or range)
/// is missing; a whole number on the scale is the response; any other number is looked up in the
/// variable's value labels and, when its label is one of the instrument's labels, read as that
/// label's value. A string cell goes through the labels (and through the variable's value labels);
/// a number written as text is read as a number. Strings are decoded with the file's declared
/// encoding. Problems are ``InputIssue``s whose ``InputIssue/source`` is
/// ``InputIssue/Source/systemFile``: `line` is the case number and `column` the variable position;
/// a corrupt or truncated file is ``InputIssue/Kind/corruptFile(reason:)`` with the byte offset.
public struct SystemFileResponseReader: Sendable {
  /// The item columns the matrix gets, in order.
  public let columns: [String]
  /// The response scale.
  public let scale: ResponseScale
  /// The options (the delimiter is unused).
  public let options: ResponseCSVOptions

  private var reader = SystemFileReader()
  private var binding: Binding? = nil
  private var rowCodes: [UInt8]
  private var caseNumber = 0

  /// Creates a reader producing a matrix with `columns` on `scale`.
  public init(columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init()) {
    self.columns = columns
    self.scale = scale
    self.options = options
    rowCodes = [UInt8](repeating: 0, count: columns.count)
  }

  /// The file's dictionary, once read.
  public var dictionary: SystemFileDictionary? { reader.dictionary }

  /// The variable names, once the dictionary is read (the analogue of a CSV header).
  public var header: [String] { reader.dictionary?.variables.map(\.name) ?? [] }

  /// Reads a whole file held in memory.
  public static func read(
    _ bytes: [UInt8], columns: [String], scale: ResponseScale, options: ResponseCSVOptions = .init()
  ) throws(InputIssue) -> ResponseBatch {
    var r = SystemFileResponseReader(columns: columns, scale: scale, options: options)
    var batch = ResponseBatch(columns: columns, scale: scale)
    try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try r.consume(b, isFinal: true, into: &batch) }
    return batch
  }

  /// Feeds the next chunk of the file; complete cases are appended to `batch`.
  ///
  /// - Throws: an ``InputIssue`` that makes the file unusable: a corrupt or truncated file, missing
  ///   item variables or id variable. Cell problems are recorded in `batch.issues`.
  public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into batch: inout ResponseBatch)
    throws(InputIssue)
  {
    do {
      if binding == nil {
        try reader.consume(chunk, isFinal: isFinal, stopAfterDictionary: true) { _ in }
        guard let d = reader.dictionary else { return }
        binding = try bind(d)
        // Room for the cases this chunk can hold at most (each element takes at least one byte),
        // and no more than the header announces: one allocation instead of repeated doubling.
        let rows = Swift.min(d.caseCount ?? 0, chunk.count / Swift.max(1, d.caseSize))
        if rows > 0 {
          batch.matrix.reserveCapacity(rows: rows)
          batch.lines.reserveCapacity(batch.lines.count + rows)
          if options.idColumn != nil { batch.ids.reserveCapacity(batch.ids.count + rows) }
        }
        try decode(UnsafeBufferPointer(start: nil, count: 0), isFinal: isFinal, into: &batch)
      } else {
        try decode(chunk, isFinal: isFinal, into: &batch)
      }
    } catch let error as SystemFileError {
      var issue = InputIssue(line: error.offset, column: 0, kind: .corruptFile(reason: error.description))
      issue.source = .systemFile
      throw issue
    } catch let issue as InputIssue {
      throw issue
    } catch {
      throw located(.corruptFile(reason: "\(error)"))
    }
  }

  private mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into batch: inout ResponseBatch)
    throws(SystemFileError)
  {
    guard let binding else { return }
    var codes = rowCodes
    var number = caseNumber
    try reader.consumeBlocks(chunk, isFinal: isFinal) { block in
      binding.add(block, firstNumber: number + 1, codes: &codes, into: &batch)
      number += block.count
    }
    rowCodes = codes
    caseNumber = number
  }

  private func bind(_ d: SystemFileDictionary) throws(InputIssue) -> Binding {
    let names = d.variables.map(\.name)
    var missing: [String] = []
    var taken: [Int: String] = [:]
    var itemVariables: [SystemFileVariable] = []
    var itemPositions: [Int] = []
    for column in columns {
      var duplicate = false
      let index: Int?
      if let reference = options.columnMap[column] {
        index = reference.resolve(in: names, duplicate: &duplicate, caseInsensitive: true)
        guard let index else { throw located(.mappedColumnMissing(item: column, column: reference.description)) }
        if duplicate || taken[index] != nil {
          throw located(.mappedColumnAmbiguous(item: column, column: reference.description))
        }
      } else {
        index = d.index(of: column)
        if let index, taken[index] != nil {
          throw located(.mappedColumnAmbiguous(item: taken[index] ?? column, column: column))
        }
      }
      guard let index else {
        missing.append(column)
        continue
      }
      taken[index] = column
      itemVariables.append(d.variables[index])
      itemPositions.append(index + 1)
    }
    if !missing.isEmpty {
      var suggestions: [String: String] = [:]
      for column in missing {
        if let best = didYouMean(column, among: names) { suggestions[column] = best }
      }
      throw located(.missingColumns(missing, suggestions: suggestions))
    }
    var idVariable: SystemFileVariable? = nil
    if let id = options.idColumn {
      var duplicate = false
      guard let i = ColumnReference(parsing: id).resolve(in: names, duplicate: &duplicate, caseInsensitive: true) else {
        throw located(.missingIDColumn(id))
      }
      idVariable = d.variables[i]
    }
    var passthroughVariables: [SystemFileVariable] = []
    for name in options.passthroughColumns {
      var duplicate = false
      guard let i = ColumnReference(parsing: name).resolve(in: names, duplicate: &duplicate, caseInsensitive: true)
      else { throw located(.missingIDColumn(name)) }
      passthroughVariables.append(d.variables[i])
    }
    var binding = Binding(
      scale: scale, options: options, itemVariables: itemVariables, itemPositions: itemPositions,
      idVariable: idVariable, encoding: d.encoding, missingTokens: Set(options.missingTokens))
    binding.passthroughVariables = passthroughVariables
    return binding
  }

  private func located(_ kind: InputIssue.Kind) -> InputIssue {
    var issue = InputIssue(line: 0, column: 0, kind: kind)
    issue.source = .systemFile
    return issue
  }

  /// Which variables feed which items, and how a cell becomes a code.
  private struct Binding: Sendable {
    let scale: ResponseScale
    let options: ResponseCSVOptions
    let itemVariables: [SystemFileVariable]
    let itemPositions: [Int]
    let idVariable: SystemFileVariable?
    /// The variables carried as passthrough text (``ResponseCSVOptions/passthroughColumns``).
    var passthroughVariables: [SystemFileVariable] = []
    let encoding: String
    let missingTokens: Set<String>
    /// Per item: the 8-byte element of a numeric variable (−1 for strings), whether it has
    /// user-missing values, and the scale's bounds as doubles.
    let fast: [FastItem]
    /// Whether every item is a numeric variable without user-missing values: rows are then coded
    /// straight from their elements (``fastRow(_:caseSize:bigEndian:items:table:into:)``), other
    /// rows cell by cell.
    let allFast: Bool
    /// The response code of a number by the top 16 bits of its IEEE 754 pattern, for the numbers
    /// whose other 48 bits are zero (0xFF: not a response, or not such a number). Every whole
    /// number of magnitude below 32 is such a number, so a Likert cell is coded by one look-up; a
    /// response the table cannot hold (on a wide scale) takes the cell-by-cell path.
    let codeByTopBits: [UInt8]
    /// The id variable's only segment when its text can be read straight from the case's bytes (a
    /// string of at most 255 bytes): its first element and width.
    let idSegment: (element: Int, width: Int)?
    /// Whether the file's text is UTF-8 (so bytes decode as UTF-8 whatever they hold).
    let utf8: Bool

    struct FastItem: Sendable {
      var element: Int
      var hasMissing: Bool
      var low: Double
      var high: Double
    }

    init(
      scale: ResponseScale, options: ResponseCSVOptions, itemVariables: [SystemFileVariable], itemPositions: [Int],
      idVariable: SystemFileVariable?, encoding: String, missingTokens: Set<String>
    ) {
      self.scale = scale
      self.options = options
      self.itemVariables = itemVariables
      self.itemPositions = itemPositions
      self.idVariable = idVariable
      self.encoding = encoding
      self.missingTokens = missingTokens
      fast = itemVariables.map { v in
        FastItem(
          element: v.isString ? -1 : v.segments.first?.element ?? -1,
          hasMissing: !v.missingValues.values.isEmpty || v.missingValues.range != nil,
          low: Double(scale.min), high: Double(scale.max))
      }
      allFast = fast.allSatisfy { $0.element >= 0 && !$0.hasMissing }
      var byTop = [UInt8](repeating: 0xFF, count: 1 << 16)
      if let width = scale.packedWidth {
        for i in 0..<width where scale.contains(scale.min + i) {
          let bits = Double(scale.min + i).bitPattern
          if bits & 0xFFFF_FFFF_FFFF == 0 { byTop[Int(bits >> 48)] = UInt8(i + 1) }
        }
      }
      codeByTopBits = byTop
      utf8 = encoding == "UTF-8"
      if let id = idVariable, id.isString, id.segments.count == 1, let s = id.segments.first {
        idSegment = (s.element, s.width)
      } else {
        idSegment = nil
      }
    }

    /// Codes one row whose items are all plain numeric variables, from its elements: true when
    /// every cell is system-missing or a whole number on the scale that ``codeByTopBits`` holds
    /// (else the row is left to ``add(_:number:codes:into:)``'s cell-by-cell path, which says what
    /// is wrong or reads what the table does not hold).
    @inline(__always)
    func fastRow(
      _ row: UnsafePointer<UInt64>, caseSize: Int, bigEndian: Bool, items: UnsafeBufferPointer<FastItem>,
      table: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>
    ) -> Bool {
      let sysmis = SystemFileReader.sysmisBits
      for j in 0..<items.count {
        let f = items[j].element
        guard f < caseSize else { return false }
        let raw = row[f]
        let bits = bigEndian ? raw.byteSwapped : raw
        if bits == sysmis {
          out[j] = 0
          continue
        }
        guard bits & 0xFFFF_FFFF_FFFF == 0 else { return false }
        let code = table[Int(truncatingIfNeeded: bits >> 48)]
        guard code != 0xFF else { return false }
        out[j] = code
      }
      return true
    }

    /// The id of a case whose id variable is a short string, read straight from the case's elements
    /// (trailing spaces and NULs dropped) when that reads as ``SystemFileText/decode(_:encoding:)``
    /// would: in a UTF-8 file always, in another encoding when the bytes are ASCII; nil otherwise.
    @inline(__always)
    func fastID(_ row: UnsafePointer<UInt64>, caseSize: Int) -> String? {
      guard let (element, width) = idSegment, element + (width + 7) / 8 <= caseSize else { return nil }
      return UnsafeRawPointer(row + element).withMemoryRebound(to: UInt8.self, capacity: width) { bytes in
        var n = width
        while n > 0, bytes[n - 1] == 0x20 || bytes[n - 1] == 0 { n -= 1 }
        if !utf8 {
          for i in 0..<n where bytes[i] >= 0x80 { return nil }
        }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: n), as: UTF8.self)
      }
    }

    /// Appends a block of cases to `batch`: rows whose items are all plain numbers are coded
    /// straight from the elements into the matrix; the others go through ``add(_:number:codes:into:)``.
    func add(
      _ block: SystemFileCaseBlock, firstNumber: Int, codes: inout [UInt8], into batch: inout ResponseBatch
    ) {
      guard allFast, let elements = block.elements.baseAddress else {
        for i in 0..<block.count { add(block[i], number: firstNumber + i, codes: &codes, into: &batch) }
        return
      }
      let count = block.count
      let k = itemVariables.count
      let caseSize = block.caseSize
      let bigEndian = block.bigEndian
      var r = 0
      while r < count {
        // A run of up to 64 rows coded in place; it stops before a row the fast path cannot take,
        // which then goes through the cell-by-cell path, so everything stays in file order.
        let start = r
        let span = Swift.min(64, count - r)
        let old = batch.matrix.codes.count
        batch.matrix.codes.append(contentsOf: repeatElement(0, count: span * k))
        batch.matrix.codes.withUnsafeMutableBufferPointer { all in
          fast.withUnsafeBufferPointer { items in
            codeByTopBits.withUnsafeBufferPointer { table in
              guard let base = all.baseAddress else { return }
              while r < start + span,
                fastRow(
                  elements + r * caseSize, caseSize: caseSize, bigEndian: bigEndian, items: items, table: table,
                  into: base + old + (r - start) * k)
              {
                r += 1
              }
            }
          }
        }
        let done = r - start
        batch.matrix.codes.removeLast((span - done) * k)
        batch.matrix.rowCount += done
        batch.rowsRead += done
        batch.lines.append(contentsOf: (firstNumber + start)..<(firstNumber + r))
        if idVariable != nil || !passthroughVariables.isEmpty {
          for i in start..<r {
            appendID(block[i], into: &batch)
            appendPassthrough(block[i], into: &batch)
          }
        }
        if r < start + span {
          add(block[r], number: firstNumber + r, codes: &codes, into: &batch)
          r += 1
        }
      }
    }

    /// Appends the case's id (nothing when no id variable was asked for).
    private func appendID(_ c: SystemFileCase, into batch: inout ResponseBatch) {
      guard let id = idVariable else { return }
      if let row = c.elements.baseAddress, let s = fastID(row, caseSize: c.elements.count) {
        batch.ids.append(s)
        return
      }
      switch c.value(of: id, encoding: encoding) {
      case .text(let s): batch.ids.append(s)
      case .number(let x): batch.ids.append(ShortestDecimal.string(x))
      case nil: batch.ids.append("")
      }
    }

    /// Appends the case's passthrough texts (nothing when none were asked for).
    private func appendPassthrough(_ c: SystemFileCase, into batch: inout ResponseBatch) {
      guard !passthroughVariables.isEmpty else { return }
      batch.preparePassthrough(passthroughVariables.count)
      for (t, variable) in passthroughVariables.enumerated() {
        switch c.value(of: variable, encoding: encoding) {
        case .text(let s): batch.passthrough[t].append(s)
        case .number(let x): batch.passthrough[t].append(ShortestDecimal.string(x))
        case nil: batch.passthrough[t].append("")
        }
      }
    }

    func add(_ c: SystemFileCase, number: Int, codes: inout [UInt8], into batch: inout ResponseBatch) {
      batch.rowsRead += 1
      var rejected = false
      // Fast path over the whole row: numeric cells that are system-missing or a whole number on
      // the scale, with no user-missing values — straight into the row's codes through pointers.
      let handled = codes.withUnsafeMutableBufferPointer { out -> Bool in
        fast.withUnsafeBufferPointer { items -> Bool in
          for j in 0..<items.count {
            let f = items[j]
            guard f.element >= 0, !f.hasMissing else { return false }
            guard let x = c.number(element: f.element) else {
              out[j] = 0
              continue
            }
            guard x >= f.low, x <= f.high else { return false }
            let k = Int(x)
            guard Double(k) == x, let code = codeOf(k) else { return false }
            out[j] = code
          }
          return true
        }
      }
      for j in 0..<(handled ? 0 : itemVariables.count) {
        let variable = itemVariables[j]
        switch code(c, variable) {
        case .code(let code):
          codes[j] = code
        case .problem(let kind, let text, let reject):
          var issue = InputIssue(
            line: number, column: itemPositions[j], field: itemPositions[j], columnName: variable.name, value: text,
            kind: kind)
          issue.source = .systemFile
          batch.issues.append(issue)
          if reject { rejected = true } else { codes[j] = 0 }
        }
      }
      if rejected {
        batch.rowsRejected += 1
        return
      }
      codes.withUnsafeBufferPointer { batch.matrix.appendCodes($0) }
      batch.lines.append(number)
      appendID(c, into: &batch)
      appendPassthrough(c, into: &batch)
    }
    private enum CellResult {
      case code(UInt8)
      case problem(InputIssue.Kind, String?, reject: Bool)
    }

    private func outOfRange(_ text: String) -> CellResult {
      .problem(
        .outOfRange(min: scale.min, max: scale.max, excluded: scale.excluded), text,
        reject: options.outOfRange == .reject)
    }

    private func codeOf(_ v: Int) -> UInt8? {
      scale.contains(v) ? UInt8(v - scale.min + 1) : nil
    }

    private func code(_ c: SystemFileCase, _ variable: SystemFileVariable) -> CellResult {
      if !variable.isString {
        guard let x = c.number(of: variable) else { return .code(0) }
        if variable.missingValues.contains(x) { return .code(0) }
        if x == x.rounded(), abs(x) < 1e9, let code = codeOf(Int(x)) { return .code(code) }
        if let label = variable.valueLabels[.number(x)], let v = options.labels?.value(of: label), let code = codeOf(v)
        {
          return .code(code)
        }
        let text = ShortestDecimal.string(x)
        return x == x.rounded() ? outOfRange(text) : .problem(.notAnInteger, text, reject: true)
      }
      let bytes = c.bytes(of: variable)
      let text = SystemFileText.decode(bytes, encoding: encoding)
      let trimmed = text.trimmingWhitespace()
      if trimmed.isEmpty || missingTokens.contains(trimmed) || variable.missingValues.contains(text: text) {
        return .code(0)
      }
      if let n = Int(trimmed) { return codeOf(n).map(CellResult.code) ?? outOfRange(trimmed) }
      if let labels = options.labels {
        if let v = labels.value(of: trimmed) { return codeOf(v).map(CellResult.code) ?? outOfRange(trimmed) }
        if let label = variable.valueLabels[.text(text)], let v = labels.value(of: label) {
          return codeOf(v).map(CellResult.code) ?? outOfRange(trimmed)
        }
        return .problem(.unknownLabel(allowed: labels.allowed), shortened(trimmed), reject: true)
      }
      return .problem(.notAnInteger, shortened(trimmed), reject: true)
    }
  }
}
