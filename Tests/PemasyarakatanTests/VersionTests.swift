import Pemasyarakatan
import Testing

@Suite("SDK")
struct VersionTests {
  @Test func versionIsSemantic() {
    #expect(sdkVersion.split(separator: ".").count == 3)
  }
}
