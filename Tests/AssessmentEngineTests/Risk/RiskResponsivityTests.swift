import AssessmentEngine
import Foundation
import Testing

@Suite("Responsivity factors and adjustments")
struct RiskResponsivityTests {
  @Test func everyFactorHasAdjustmentsAndBothLabels() {
    for factor in ResponsivityFactor.allCases {
      #expect(!factor.defaultAdjustments.isEmpty, "\(factor)")
      #expect(!factor.label.indonesian.isEmpty && !factor.label.english.isEmpty)
    }
    for a in ResponsivityAdjustment.allCases { #expect(!a.label.indonesian.isEmpty && !a.label.english.isEmpty) }
    #expect(ResponsivityFactor.allCases.count == 13)
  }

  /// A working client who lives far away (seed 001): Saturday mobile counselling, video call and
  /// home visit become modalities; appointments fall outside working hours; group delivery stays.
  @Test func distantWorkingClient() {
    let plan = ResponsivityPolicy().apply([.workingHours, .distantResidence])
    #expect(
      plan.adjustments == [
        .scheduleOutsideWorkingHours, .mobileCounselling, .videoCall, .coordinateWithEmployer, .homeVisit,
        .reportAtNearerOutpost,
      ])
    #expect(plan.modalities == [.officeVisit, .mobileCounselling, .videoCall, .homeVisit, .outpost])
    #expect(plan.outsideWorkingHours)
    #expect(plan.format == .group)
  }

  /// No phone, data or signal (seed 003) rules out video calls even when distance suggests them.
  @Test func noPhoneRemovesVideoCall() {
    let plan = ResponsivityPolicy().apply([.distantResidence, .noPhoneDataOrSignal])
    #expect(!plan.adjustments.contains(.videoCall))
    #expect(!plan.modalities.contains(.videoCall))
    #expect(plan.adjustments.contains(.inPersonReporting))
  }

  @Test func traumaMakesDeliveryIndividual() {
    #expect(ResponsivityPolicy().apply([.lowMotivation]).format == .group)
    #expect(ResponsivityPolicy().apply([.lowMotivation, .trauma]).format == .individual)
    #expect(ResponsivityPolicy().apply([.child]).adjustments == [.childFriendlyWithGuardian, .familySessions])
  }

  @Test func agencyPolicyOverridesDefaults() throws {
    let policy = ResponsivityPolicy(adjustments: [.travelCost: [.reportAtNearerOutpost]], defaultFormat: .classical)
    let plan = policy.apply([.travelCost, .travelCost])
    #expect(plan.factors == [.travelCost])
    #expect(plan.adjustments == [.reportAtNearerOutpost])
    #expect(plan.modalities == [.officeVisit, .outpost])
    #expect(plan.format == .classical)
    #expect(try JSONDecoder().decode(ResponsivityPlan.self, from: JSONEncoder().encode(plan)) == plan)
    let data = try JSONEncoder().encode(policy)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect((object["adjustments"] as? [String: [String]]) == ["travelCost": ["reportAtNearerOutpost"]])
    #expect(try JSONDecoder().decode(ResponsivityPolicy.self, from: data) == policy)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(
        ResponsivityPolicy.self, from: Data(#"{"adjustments": {"farAway": []}, "defaultFormat": "group"}"#.utf8))
    }
  }
}
