import AssessmentEngine

/// Streams a response table (CSV or SPSS `.sav`/`.zsav`, told apart by its first bytes) through
/// ``ResponseTableReader`` in the file's chunks (or from `inMemory`,
/// for input that cannot be read twice). `body` sees each filled batch, which is emptied afterwards,
/// so memory stays flat. A header problem or a read error ends the run with exit status 66 and a
/// `file:line:column: error:` message.
func streamResponses(
  file: ChunkedFile, path: String, inMemory: [UInt8]? = nil, columns: [String], scale: ResponseScale,
  options: ResponseCSVOptions, _ body: (inout ResponseBatch) -> Void
) throws(CommandFailure) {
  var parser = ResponseTableReader(columns: columns, scale: scale, options: options)
  var batch = ResponseBatch(columns: columns, scale: scale)
  do {
    if let inMemory {
      try inMemory.withUnsafeBufferPointer { (b) throws(InputIssue) in
        try parser.consume(b, isFinal: true, into: &batch)
      }
      body(&batch)
      return
    }
    try file.forEachChunk { chunk, isFinal in
      try parser.consume(chunk, isFinal: isFinal, into: &batch)
      // Nothing reaches the writer before the header is known to be good (a chunk may end inside
      // the header): a header error then leaves standard output as empty as a whole-file read does.
      guard !parser.header.isEmpty else { return }
      body(&batch)
      batch.removeAll()
    }
  } catch let issue as InputIssue {
    throw .failed(CLIError(issue, file: path, status: .unreadableInput))
  } catch let error as FileOpenError {
    throw .failed(.unreadable(error))
  } catch {
    throw .failed(.unreadable(path, error))
  }
}
