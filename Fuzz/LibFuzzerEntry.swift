// libFuzzer entry for the AssessmentEngine readers (coverage-guided; complements `bapas-fuzz`).
// Built by Fuzz/libfuzzer.sh, compiled into one module with AssessmentEngine's sources; not part of
// the package build. The first byte picks the reader; an invariant that breaks traps on purpose,
// so libFuzzer keeps the input.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  guard let start, count > 0 else { return 0 }
  let all = Array(UnsafeRawBufferPointer(start: start, count: count))
  let selector = all[0]
  let bytes = Array(all.dropFirst())
  switch selector % 4 {
  case 0: checkResponseReader(bytes, chunk: Int(selector / 4) + 1)
  case 1: _ = CSVDocument(bytes); _ = RiskValidationData.readCSV(bytes)
  case 2: _ = try? JSONValue.parse(Data(bytes)); _ = try? InstrumentDefinition(jsonData: Data(bytes))
  default: _ = try? RiskInstrumentDefinition.load(json: Data(bytes))
  }
  return 0
}

private func checkResponseReader(_ bytes: [UInt8], chunk: Int) {
  let columns = ["a", "b"]
  let scale = ResponseScale(min: 1, max: 5)
  func read(fast: Bool, chunk: Int?) -> String {
    var parser = ResponseCSVParser(columns: columns, scale: scale, options: .init(idColumn: "id"))
    parser.fastPathEnabled = fast
    var batch = ResponseBatch(columns: columns, scale: scale)
    do {
      var start = 0
      if let chunk {
        while start < bytes.count {
          let end = min(bytes.count, start + chunk)
          try bytes[start..<end].withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: false, into: &batch) }
          start = end
        }
        try [UInt8]().withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch) }
      } else {
        try bytes.withUnsafeBufferPointer { (b) throws(InputIssue) in try parser.consume(b, isFinal: true, into: &batch) }
      }
    } catch {
      return "failed \(error)"
    }
    if batch.rowsRead != batch.matrix.rowCount + batch.rowsRejected || batch.ids.count != batch.matrix.rowCount {
      fatalError("row counts do not reconcile")
    }
    return "\(batch.matrix.codes) \(batch.ids) \(batch.lines) \(batch.issues) \(batch.rowsRead) \(batch.rowsRejected)"
  }
  let whole = read(fast: true, chunk: nil)
  if whole != read(fast: false, chunk: nil) { fatalError("fast path and tokenizer disagree") }
  if whole != read(fast: true, chunk: chunk) { fatalError("chunked and whole reads disagree") }
}
