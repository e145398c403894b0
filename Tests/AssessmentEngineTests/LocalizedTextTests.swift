import AssessmentEngine
import Foundation
import Testing

@Suite("Localized text")
struct LocalizedTextTests {
  @Test func jsonUsesLanguageCodes() throws {
    let text = LocalizedText(id: "Tujuan", en: "Goal")
    let data = try JSONEncoder().encode(text)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
    #expect(object == ["id": "Tujuan", "en": "Goal"])
    #expect(try JSONDecoder().decode(LocalizedText.self, from: data) == text)
  }
}
