import Foundation
import Testing
import _AssessmentTestSupport

@testable import AssessmentEngine

/// Reads fixture files under Fixtures/<folder>.
enum FolderFixture {
  static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(folder)") else {
      throw CocoaError(.fileNoSuchFile)
    }
    return [UInt8](try Data(contentsOf: url))
  }

  static func text(_ folder: String, _ name: String) throws -> String {
    String(decoding: try bytes(folder, name), as: UTF8.self)
  }
}

/// The SPSS system file reader on the files ReadStat (pyreadstat) and R haven wrote (Fixtures/reach).
@Suite("SPSS system file reader")
struct SystemFileReaderTests {
  static let reachFiles = [
    "sav_shared_plain.sav", "sav_shared_bytecode.sav", "sav_shared_zsav.zsav", "sav_shared_usermiss.sav",
    "sav_shared_haven.sav",
  ]

  @Test(arguments: reachFiles)
  func readsTheDictionary(_ name: String) throws {
    let (d, cases) = try SystemFileReader.read(try FolderFixture.bytes("reach", name))
    #expect(d.variables.map(\.name) == ["klien"] + (1...12).map { "q\($0)" })
    #expect(d.variables[0].isString && d.variables[0].label == "Identitas klien")
    #expect(d.variables[1].label == "1. Pernyataan nomor 1; bagian \"A\", versi 2")
    #expect(d.variables[1].valueLabels[.number(3)] == "Kadang-kadang")
    #expect(cases.count == 120)
    #expect(cases[0][0] == .text("K-0001"))
    #expect(d.encoding == "UTF-8")
  }
}
