import _SDKSupport

#if canImport(FoundationEssentials)
  import AssessmentEngine
  import FoundationEssentials
#else
  import Foundation
#endif

/// Reads case files written by other tools, with typed errors that name the JSON path and the reason.
///
/// ```swift
/// let batch = CaseFileImport.decodeBatch(data)
/// for error in batch.errors { print(error) }   // "$[2].client.legalBasis: 'parole' is not a known LegalBasis; …"
/// let good = batch.records                      // every record without errors, in input order
/// ```
public enum CaseFileImport {
  /// Decodes and validates one case file (a JSON object).
  ///
  /// An optional `client.ageCategory` ("adult" / "child") written by another tool is checked against the
  /// birth date at reception and then dropped: the SDK derives it.
  ///
  /// - Throws: the first ``CaseFileError`` (structural errors first, then ``CaseFile/validate(declaredAgeCategory:)``).
  public static func decode(_ data: Data) throws(CaseFileError) -> CaseFile {
    let slot: Slot
    if let syntax = JSONReader.documents.check(Array(data)) {
      throw CaseFileError(
        path: syntax.kind == .duplicateKey ? syntax.path : "$", reason: .malformedJSON(detail: syntax.description))
    }
    do {
      slot = try JSONDecoder().decode(Slot.self, from: data)
    } catch let error as DecodingError {
      throw CaseFileError(decoding: error)
    } catch {
      throw CaseFileError(path: "$", reason: .malformedJSON(detail: String(describing: error)))
    }
    switch slot.result {
    case .failure(let e): throw e
    case .success(let file):
      if let first = file.errors.first { throw first }
      return file.record
    }
  }

  /// Decodes a JSON array of case files, keeping every good record and reporting every error.
  ///
  /// A record with any error is left out of ``CaseFileBatch/records`` and all its errors are reported
  /// with paths starting `$[index]`; the other records are unaffected.
  ///
  /// - Complexity: O(*n*) in the size of the input.
  public static func decodeBatch(_ data: Data) -> CaseFileBatch {
    let slots: [Slot]
    if let syntax = JSONReader.documents.check(Array(data)) {
      return CaseFileBatch(
        records: [],
        errors: [
          CaseFileError(
            path: syntax.kind == .duplicateKey ? syntax.path : "$", reason: .malformedJSON(detail: syntax.description))
        ],
        rejectedIndices: [])
    }
    do {
      slots = try JSONDecoder().decode([Slot].self, from: data)
    } catch let error as DecodingError {
      return CaseFileBatch(records: [], errors: [CaseFileError(decoding: error)], rejectedIndices: [])
    } catch {
      return CaseFileBatch(
        records: [], errors: [CaseFileError(path: "$", reason: .malformedJSON(detail: String(describing: error)))],
        rejectedIndices: [])
    }
    var batch = CaseFileBatch(records: [], errors: [], rejectedIndices: [])
    for (index, slot) in slots.enumerated() {
      switch slot.result {
      case .failure(let e):
        batch.errors.append(e)
        batch.rejectedIndices.append(index)
      case .success(let file) where !file.errors.isEmpty:
        batch.errors += file.errors.map { CaseFileError(path: "$[\(index)]" + $0.path.dropFirst(), reason: $0.reason) }
        batch.rejectedIndices.append(index)
      case .success(let file):
        batch.records.append(file.record)
      }
    }
    return batch
  }

  /// Decodes one element without ever throwing, so that an array decode keeps going.
  struct Slot: Decodable {
    var result: Result<(record: CaseFile, errors: [CaseFileError]), CaseFileError>

    init(from decoder: any Decoder) throws {
      do {
        let record = try CaseFile(from: decoder)
        let probe = try AgeProbe(from: decoder)
        result = .success((record, record.validate(declaredAgeCategory: probe.client?.ageCategory)))
      } catch let error as DecodingError {
        result = .failure(CaseFileError(decoding: error))
      } catch {
        result = .failure(
          CaseFileError(path: jsonPath(decoder.codingPath), reason: .malformedJSON(detail: String(describing: error))))
      }
    }
  }

  struct AgeProbe: Decodable {
    struct ClientProbe: Decodable { var ageCategory: AgeCategory? }
    var client: ClientProbe?
  }
}

/// The outcome of ``CaseFileImport/decodeBatch(_:)``.
public struct CaseFileBatch: Sendable, Hashable {
  /// The records that decoded and validated, in input order.
  public var records: [CaseFile]
  /// Every error, with paths from the array root.
  public var errors: [CaseFileError]
  /// The 0-based indices of the records left out.
  public var rejectedIndices: [Int]
}
