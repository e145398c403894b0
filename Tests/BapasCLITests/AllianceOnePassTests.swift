import AssessmentEngine
import Testing
import WorkingAlliance
import _AssessmentTestSupport

@testable import BapasCLI

/// `bapas alliance` parses its input once (issue 13): the dyad, session, date, rater and form columns
/// ride along with the items as passthrough texts of one stream pass.
@Suite("bapas alliance reads its input once")
struct AllianceOnePassTests {
  @Test func oneStreamPassCarriesEveryDescriptiveColumn() throws {
    let path = try temporaryFile(AllianceCommandTests().fixture())
    let definition = try #require(builtInInstruments.definition(id: "wai-sr"))
    let columns = AllianceColumns(dyad: "klien", session: "sesi", date: "tanggal", rater: "penilai", form: nil)
    let read = try AllianceCommand.readAdministrations(
      path: path, instrument: CompiledInstrument(definition), options: ResponseCSVOptions(), columns: columns)
    #expect(read.passes == 1)
    #expect(read.batch.matrix.rowCount == 7)
    #expect(read.batch.ids == ["K-01", "K-01", "K-01", "K-01", "K-01", "K-01", "K-02"])
    #expect(read.batch.passthrough.count == 3)
    #expect(read.batch.passthrough[0] == ["1", "2", "3", "4", "1", "4", "1"])
    #expect(read.batch.passthrough[1].first == "2026-01-05")
    #expect(read.batch.passthrough[2] == ["klien", "klien", "klien", "klien", "pk", "pk", "client"])
  }

  @Test func aFormColumnKeepsTheSlotsInOrder() throws {
    let text =
      "klien,sesi,form," + (1...12).map { "item\($0)" }.joined(separator: ",") + "\n"
      + "K-9,3,short," + Array(repeating: "4", count: 12).joined(separator: ",") + "\n"
    let path = try temporaryFile(text)
    let definition = try #require(builtInInstruments.definition(id: "wai-sr"))
    let columns = AllianceColumns(dyad: "klien", session: "sesi", date: nil, rater: nil, form: "form")
    let read = try AllianceCommand.readAdministrations(
      path: path, instrument: CompiledInstrument(definition), options: ResponseCSVOptions(), columns: columns)
    #expect(read.passes == 1)
    #expect(read.batch.passthrough == [["3"], ["short"]])
  }
}
