import Testing
import WorkingAlliance

@Suite("Alliance dimensions")
struct AllianceDimensionTests {
  @Test func labelsInBothLanguages() {
    #expect(AllianceDimension.allCases.map(\.label.english) == ["Goal", "Task", "Bond"])
    #expect(AllianceDimension.bond.label.indonesian == "Ikatan")
  }
}
