/// Why the dictionary could not be parsed yet: more bytes are needed, or the file is wrong.
enum DictionaryParseError: Error {
  case needMore(offset: Int, inside: String)
  case file(SystemFileError)
}

/// A bounds-checked cursor over the dictionary bytes; running out is ``DictionaryParseError/needMore``.
private struct Cursor {
  let b: UnsafeBufferPointer<UInt8>
  let bigEndian: Bool
  var p: Int

  mutating func need(_ n: Int, _ inside: String) throws(DictionaryParseError) {
    guard n >= 0, p <= b.count, n <= b.count - p else { throw .needMore(offset: b.count, inside: inside) }
  }

  mutating func int32(_ inside: String) throws(DictionaryParseError) -> Int {
    try need(4, inside)
    var v = UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
    if bigEndian { v = v.byteSwapped }
    p += 4
    return Int(Int32(bitPattern: v))
  }

  mutating func raw8(_ inside: String) throws(DictionaryParseError) -> UInt64 {
    try need(8, inside)
    var v: UInt64 = 0
    for i in 0..<8 { v |= UInt64(b[p + i]) << UInt64(8 * i) }
    p += 8
    return v
  }

  mutating func double(_ inside: String) throws(DictionaryParseError) -> Double {
    let v = try raw8(inside)
    return Double(bitPattern: bigEndian ? v.byteSwapped : v)
  }

  mutating func bytes(_ n: Int, _ inside: String) throws(DictionaryParseError) -> [UInt8] {
    try need(n, inside)
    defer { p += n }
    return Array(b[p..<(p + n)])
  }
}

/// Parses the file header and the dictionary records up to the dictionary-termination record.
enum DictionaryParser {
  private struct RawVariable {
    var shortName: String
    var width: Int
    var element: Int
    var elements: Int
    var label: [UInt8]?
    var missingCount: Int
    var missingRaw: [UInt64]
  }

  private static func invalid(_ offset: Int, _ reason: String) -> DictionaryParseError {
    .file(.invalidRecord(offset: offset, reason: reason))
  }

  /// The dictionary and the offset of the first data byte, or `nil` never (throws `needMore` instead).
  static func parse(_ b: UnsafeBufferPointer<UInt8>) throws(DictionaryParseError) -> (SystemFileDictionary, Int)? {
    guard b.count >= 176 else { throw .needMore(offset: b.count, inside: "the file header") }
    let layoutLE = Int(b[64]) | Int(b[65]) << 8 | Int(b[66]) << 16 | Int(b[67]) << 24
    let layoutBE = Int(b[67]) | Int(b[66]) << 8 | Int(b[65]) << 16 | Int(b[64]) << 24
    let bigEndian: Bool
    if layoutLE == 2 || layoutLE == 3 {
      bigEndian = false
    } else if layoutBE == 2 || layoutBE == 3 {
      bigEndian = true
    } else {
      throw invalid(64, "layout code \(layoutLE) is neither 2 nor 3")
    }
    var c = Cursor(b: b, bigEndian: bigEndian, p: 4)
    let product = String(decoding: try c.bytes(60, "the file header"), as: UTF8.self).trimmingTrailingSpaces()
    _ = try c.int32("the file header")  // layout code
    let nominalCaseSize = try c.int32("the file header")
    let compressionAt = c.p
    let compressionCode = try c.int32("the file header")
    guard let compression = SystemFileDictionary.Compression(rawValue: compressionCode) else {
      throw .file(.unsupportedCompression(offset: compressionAt, code: compressionCode))
    }
    if compression == .zlib, b[3] != 0x33 {
      throw invalid(compressionAt, "zlib compression in a $FL2 file (zlib files start with $FL3)")
    }
    _ = try c.int32("the file header")  // weight index
    let ncases = try c.int32("the file header")
    let bias = try c.double("the file header")
    guard bias.isFinite, abs(bias) < 1e6 else {
      throw invalid(84, "compression bias \(bias) is not a number SPSS writes")
    }
    c.p = 176

    var raw: [RawVariable] = []
    var elementCount = 0
    var labelSets: [(values: [UInt64], labels: [[UInt8]], at: Int, elements: [Int])] = []
    var longNames: [String: [UInt8]] = [:]
    var veryLong: [String: Int] = [:]
    var encodingName: String? = nil
    var codePage: Int? = nil
    var longStringLabels: [(name: [UInt8], values: [[UInt8]], labels: [[UInt8]])] = []
    var longStringMissing: [(name: [UInt8], values: [[UInt8]])] = []

    while true {
      let recordAt = c.p
      let type = try c.int32("a dictionary record")
      switch type {
      case 2:
        let width = try c.int32("a variable record")
        let hasLabel = try c.int32("a variable record")
        let missingCount = try c.int32("a variable record")
        _ = try c.int32("a variable record")  // print format
        _ = try c.int32("a variable record")  // write format
        let name = String(decoding: try c.bytes(8, "a variable record"), as: UTF8.self).trimmingTrailingSpaces()
        guard width >= -1, width <= 255 else {
          throw invalid(recordAt + 4, "variable width \(width) is outside −1…255")
        }
        guard hasLabel == 0 || hasLabel == 1 else {
          throw invalid(recordAt + 8, "the label flag is \(hasLabel), not 0 or 1")
        }
        var label: [UInt8]? = nil
        if hasLabel == 1 {
          let length = try c.int32("a variable label")
          guard length >= 0, length <= 65536 else { throw invalid(c.p - 4, "variable label length \(length)") }
          label = try c.bytes(length, "a variable label")
          let pad = (4 - length % 4) % 4
          try c.need(pad, "a variable label")
          c.p += pad
        }
        guard [0, 1, 2, 3, -2, -3].contains(missingCount) else {
          throw invalid(recordAt + 12, "\(missingCount) missing values (allowed: 0…3, −2, −3)")
        }
        guard width <= 0 ? true : missingCount >= 0 else {
          throw invalid(recordAt + 12, "a string variable with a missing-value range")
        }
        var missing: [UInt64] = []
        for _ in 0..<abs(missingCount) { missing.append(try c.raw8("missing values")) }
        elementCount += 1
        if width == -1 {
          guard let last = raw.last, last.width > 0, last.element + last.elements == elementCount - 1 else {
            throw invalid(recordAt, "a string continuation record with no string variable before it")
          }
          raw[raw.count - 1].elements += 1
          continue
        }
        raw.append(
          RawVariable(
            shortName: name, width: width, element: elementCount - 1, elements: 1, label: label,
            missingCount: missingCount, missingRaw: missing))
      case 3:
        let count = try c.int32("a value label record")
        guard count >= 0, count <= 1 << 24 else { throw invalid(recordAt + 4, "\(count) value labels") }
        var values: [UInt64] = []
        var labels: [[UInt8]] = []
        for _ in 0..<count {
          values.append(try c.raw8("a value label"))
          try c.need(1, "a value label")
          let length = Int(b[c.p])
          c.p += 1
          labels.append(try c.bytes(length, "a value label"))
          let pad = (8 - (length + 1) % 8) % 8
          try c.need(pad, "a value label")
          c.p += pad
        }
        let indexAt = c.p
        let type4 = try c.int32("a value label variable record")
        guard type4 == 4 else {
          throw invalid(indexAt, "a value label record is followed by record type \(type4), not 4")
        }
        let n = try c.int32("a value label variable record")
        guard n >= 1, n <= 1 << 24 else { throw invalid(indexAt + 4, "value labels for \(n) variables") }
        var elements: [Int] = []
        for _ in 0..<n { elements.append(try c.int32("a value label variable record")) }
        labelSets.append((values, labels, indexAt, elements))
      case 6:
        let lines = try c.int32("a document record")
        guard lines >= 0, lines <= 1 << 20 else { throw invalid(recordAt + 4, "\(lines) document lines") }
        try c.need(lines * 80, "a document record")
        c.p += lines * 80
      case 7:
        let subtype = try c.int32("an extension record")
        let size = try c.int32("an extension record")
        let count = try c.int32("an extension record")
        guard size >= 0, count >= 0, size <= 1 << 16, count <= 1 << 28, size * count <= 1 << 30 else {
          throw invalid(recordAt + 8, "extension record size \(size) × count \(count)")
        }
        let dataAt = c.p
        let data = try c.bytes(size * count, "an extension record")
        switch subtype {
        case 3 where size == 4 && count == 8:
          let v = data.withUnsafeBufferPointer { p -> Int in
            var x = UInt32(p[28]) | UInt32(p[29]) << 8 | UInt32(p[30]) << 16 | UInt32(p[31]) << 24
            if bigEndian { x = x.byteSwapped }
            return Int(Int32(bitPattern: x))
          }
          codePage = v
        case 13:
          for pair in data.split(separator: 0x09) {
            guard let eq = pair.firstIndex(of: 0x3D) else { continue }
            let key = String(decoding: pair[pair.startIndex..<eq], as: UTF8.self).trimmingTrailingSpaces()
            longNames[key] = Array(pair[(eq + 1)...])
          }
        case 14:
          for pair in data.split(whereSeparator: { $0 == 0x09 || $0 == 0 }) {
            guard let eq = pair.firstIndex(of: 0x3D) else { continue }
            let key = String(decoding: pair[pair.startIndex..<eq], as: UTF8.self).trimmingTrailingSpaces()
            guard let w = Int(String(decoding: pair[(eq + 1)...], as: UTF8.self)), w > 0, w <= 32767 else {
              throw invalid(dataAt, "a very long string record gives '\(key)' an invalid width")
            }
            veryLong[key] = w
          }
        case 20:
          encodingName = String(decoding: data, as: UTF8.self)
        case 21:
          try data.withUnsafeBufferPointer { (p) throws(DictionaryParseError) in
            var r = Cursor(b: p, bigEndian: bigEndian, p: 0)
            while r.p < p.count {
              let nameLength = try r.int32("long string value labels")
              guard nameLength >= 0, nameLength <= 1 << 16 else {
                throw invalid(dataAt + r.p, "name length \(nameLength)")
              }
              let name = try r.bytes(nameLength, "long string value labels")
              _ = try r.int32("long string value labels")
              let n = try r.int32("long string value labels")
              guard n >= 0, n <= 1 << 24 else { throw invalid(dataAt + r.p, "\(n) long string value labels") }
              var values: [[UInt8]] = []
              var labels: [[UInt8]] = []
              for _ in 0..<n {
                let vl = try r.int32("long string value labels")
                guard vl >= 0, vl <= 1 << 16 else { throw invalid(dataAt + r.p, "value length \(vl)") }
                values.append(try r.bytes(vl, "long string value labels"))
                let ll = try r.int32("long string value labels")
                guard ll >= 0, ll <= 1 << 16 else { throw invalid(dataAt + r.p, "label length \(ll)") }
                labels.append(try r.bytes(ll, "long string value labels"))
              }
              longStringLabels.append((name, values, labels))
            }
          }
        case 22:
          try data.withUnsafeBufferPointer { (p) throws(DictionaryParseError) in
            var r = Cursor(b: p, bigEndian: bigEndian, p: 0)
            while r.p < p.count {
              let nameLength = try r.int32("long string missing values")
              guard nameLength >= 0, nameLength <= 1 << 16 else {
                throw invalid(dataAt + r.p, "name length \(nameLength)")
              }
              let name = try r.bytes(nameLength, "long string missing values")
              try r.need(1, "long string missing values")
              let n = Int(p[r.p])
              r.p += 1
              let valueLength = try r.int32("long string missing values")
              guard valueLength >= 0, valueLength <= 1 << 16, n <= 3 else {
                throw invalid(dataAt + r.p, "long string missing values")
              }
              var values: [[UInt8]] = []
              for _ in 0..<n { values.append(try r.bytes(valueLength, "long string missing values")) }
              longStringMissing.append((name, values))
            }
          }
        default:
          break
        }
      case 999:
        _ = try c.int32("the dictionary termination record")
        let dataStart = c.p
        let encoding =
          encodingName.map(SystemFileText.canonicalName(label:))
          ?? codePage.flatMap(SystemFileText.canonicalName(codePage:)) ?? "windows-1252"
        let dictionary = try assemble(
          raw: raw, elementCount: elementCount, nominalCaseSize: nominalCaseSize, labelSets: labelSets,
          longNames: longNames, veryLong: veryLong, longStringLabels: longStringLabels,
          longStringMissing: longStringMissing, encoding: encoding)
        let d = SystemFileDictionary(
          product: product, compression: compression, caseCount: ncases >= 0 ? ncases : nil, encoding: encoding,
          variables: dictionary, caseSize: elementCount, bigEndian: bigEndian, bias: bias)
        return (d, dataStart)
      default:
        throw invalid(recordAt, "unknown record type \(type)")
      }
    }
  }

  private static func assemble(
    raw: [RawVariable], elementCount: Int, nominalCaseSize: Int,
    labelSets: [(values: [UInt64], labels: [[UInt8]], at: Int, elements: [Int])],
    longNames: [String: [UInt8]], veryLong: [String: Int],
    longStringLabels: [(name: [UInt8], values: [[UInt8]], labels: [[UInt8]])],
    longStringMissing: [(name: [UInt8], values: [[UInt8]])], encoding: String
  ) throws(DictionaryParseError) -> [SystemFileVariable] {
    guard elementCount > 0 else { throw invalid(176, "the file has no variables") }
    if nominalCaseSize != -1, nominalCaseSize != elementCount {
      throw invalid(
        68, "the header's case size \(nominalCaseSize) differs from the \(elementCount) elements the variables take")
    }
    func text(_ bytes: [UInt8]) -> String {
      var b = bytes
      while let last = b.last, last == 0x20 || last == 0 { b.removeLast() }
      return SystemFileText.decode(b, encoding: encoding)
    }
    var variables: [SystemFileVariable] = []
    var shortNames: [String] = []
    var i = 0
    while i < raw.count {
      let r = raw[i]
      var width = r.width
      var segments = [SystemFileVariable.Segment(element: r.element, width: Swift.max(r.width, 8))]
      if r.width == 0 { segments[0].width = 8 }
      if let w = veryLong[r.shortName], w > 255 {
        let n = (w + 251) / 252
        guard i + n <= raw.count, r.width == 255 else {
          throw invalid(
            176,
            "the very long string '\(r.shortName)' of width \(w) needs \(n) segments; the dictionary has \(raw.count - i)"
          )
        }
        segments = (0..<n).map { k in
          let s = raw[i + k]
          return .init(element: s.element, width: Swift.min(255, s.width))
        }
        width = w
        i += n - 1
      } else if r.width > 0 {
        segments[0].width = r.width
      }
      var missing = SystemFileMissingValues.none
      if r.width == 0 {
        let values = r.missingRaw.map { Double(bitPattern: $0) }
        switch r.missingCount {
        case -2 where values.count == 2 && values[0] <= values[1]: missing.range = values[0]...values[1]
        case -3 where values.count == 3 && values[0] <= values[1]:
          missing.range = values[0]...values[1]
          missing.values = [.number(values[2])]
        case 1, 2, 3: missing.values = values.map(SystemFileValue.number)
        case 0: break
        default: throw invalid(176, "the missing-value range of '\(r.shortName)' runs backwards")
        }
      } else {
        missing.values = r.missingRaw.map { v in
          withUnsafeBytes(of: v.littleEndian) { .text(text(Array($0))) }
        }
      }
      let name = longNames[r.shortName].map { text($0) } ?? r.shortName
      variables.append(
        SystemFileVariable(
          name: name, label: r.label.map { text($0) }, width: width, valueLabels: [:], missingValues: missing,
          segments: segments))
      shortNames.append(r.shortName)
      i += 1
    }
    // Value labels name variables by their first 8-byte element (1-based).
    var byElement: [Int: Int] = [:]
    for (v, variable) in variables.enumerated() { byElement[variable.segments[0].element + 1] = v }
    for set in labelSets {
      for element in set.elements {
        guard let v = byElement[element] else {
          throw invalid(set.at, "value labels name element \(element), which starts no variable")
        }
        for (value, label) in zip(set.values, set.labels) {
          let key: SystemFileValue =
            variables[v].isString
            ? withUnsafeBytes(of: value.littleEndian) { .text(text(Array($0))) }
            : .number(Double(bitPattern: value))
          variables[v].valueLabels[key] = text(label)
        }
      }
    }
    func find(_ nameBytes: [UInt8]) -> Int? {
      let name = text(nameBytes)
      return variables.firstIndex { $0.name == name } ?? shortNames.firstIndex(of: name)
    }
    for set in longStringLabels {
      guard let v = find(set.name) else { continue }
      for (value, label) in zip(set.values, set.labels) { variables[v].valueLabels[.text(text(value))] = text(label) }
    }
    for set in longStringMissing {
      guard let v = find(set.name) else { continue }
      variables[v].missingValues.values = set.values.map { .text(text($0)) }
    }
    return variables
  }
}

extension String {
  /// The string without trailing spaces and NULs (how system files pad names).
  func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while let last = s.last, last == " " || last == "\0" { s.removeLast() }
    return String(s)
  }
}
