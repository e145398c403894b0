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
    try reader.consume(chunk, isFinal: isFinal) { c in
      number += 1
      binding.add(c, number: number, codes: &codes, into: &batch)
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
      if let id = idVariable {
        switch c.value(of: id, encoding: encoding) {
        case .text(let s): batch.ids.append(s)
        case .number(let x): batch.ids.append(ShortestDecimal.string(x))
        case nil: batch.ids.append("")
        }
      }
      if !passthroughVariables.isEmpty {
        batch.preparePassthrough(passthroughVariables.count)
        for (t, variable) in passthroughVariables.enumerated() {
          switch c.value(of: variable, encoding: encoding) {
          case .text(let s): batch.passthrough[t].append(s)
          case .number(let x): batch.passthrough[t].append(ShortestDecimal.string(x))
          case nil: batch.passthrough[t].append("")
          }
        }
      }
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
