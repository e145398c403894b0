import AssessmentEngine

extension CaseFile {
  /// Checks the case for contradictions a decoder cannot see, returning every problem found (empty
  /// when valid). Paths are relative to the case root (`$`).
  ///
  /// Checks: sentence dates and remission; birth date before reception; the masa bimbingan; legal basis
  /// against the age at reception; the wajib-lapor schedule (at least monthly); every stage change
  /// replayed through ``CaseLifecycle``; excused contacts have a reason; contact ids are unique; address
  /// history in date order; Litmas requested before they are written; a closing certificate only on a
  /// closed case, dated on or after the closing; the revocation steps in order.
  ///
  /// - Complexity: O(*n*) in the number of records.
  public func validate(declaredAgeCategory: AgeCategory? = nil) -> [CaseFileError] {
    var errors: [CaseFileError] = []
    func add(_ path: String, _ reason: CaseFileError.Reason) {
      errors.append(CaseFileError(path: path, reason: reason))
    }

    if client.birthDate > receivedOn {
      add(
        "$.client.birthDate",
        .datesOutOfOrder(
          earlierField: "client.birthDate", earlierDate: client.birthDate, laterField: "receivedOn",
          laterDate: receivedOn))
    }
    if let s = client.sentence {
      if let released = s.releasedOn, released < s.countingStart {
        add(
          "$.client.sentence.releasedOn",
          .datesOutOfOrder(
            earlierField: "client.sentence.countingStart", earlierDate: s.countingStart,
            laterField: "client.sentence.releasedOn", laterDate: released))
      }
      do throws(LegalCalendarError) { try s.term.validate() } catch { add("$.client.sentence", .sentence(error)) }
    }
    if !guidancePeriod.isWellOrdered {
      add(
        "$.guidancePeriod.end",
        .datesOutOfOrder(
          earlierField: "guidancePeriod.start", earlierDate: guidancePeriod.start, laterField: "guidancePeriod.end",
          laterDate: guidancePeriod.end))
    } else if guidancePeriod.end < receivedOn {
      add(
        "$.guidancePeriod.end",
        .datesOutOfOrder(
          earlierField: "receivedOn", earlierDate: receivedOn, laterField: "guidancePeriod.end",
          laterDate: guidancePeriod.end))
    }

    let derived = ageCategoryAtReception
    if let declared = declaredAgeCategory, declared != derived {
      add(
        "$.client.ageCategory",
        .ageCategoryContradictsBirthDate(
          declared: declared, derived: derived, age: client.age(on: receivedOn), on: receivedOn))
    }
    if !client.legalBasis.appliesTo.contains(derived) {
      add("$.client.legalBasis", .legalBasisNotForAge(basis: client.legalBasis, ageCategory: derived))
    }
    if !reportingSchedule.meetsMonthlyMinimum {
      add(
        "$.reportingSchedule", .reportingLessThanMonthly(every: reportingSchedule.every, unit: reportingSchedule.unit))
    }

    do throws(LifecycleIssue) {
      _ = try CaseLifecycle.replay(transitions, receivedOn: receivedOn)
    } catch {
      let base = "$.transitions[\(error.index)]"
      let path: String
      switch error.error {
      case .illegalTransition: path = base + ".event"
      case .tppOutcomeMismatch: path = base + ".tppDecision.outcome"
      case .tppDecisionAfterTransition: path = base + ".tppDecision.date"
      case .transitionBeforePrevious: path = base + ".date"
      }
      add(path, .lifecycle(error.error))
    }

    var seen = Set<ContactID>()
    for (i, c) in contacts.enumerated() {
      if !seen.insert(c.id).inserted { add("$.contacts[\(i)].id", .duplicateID(id: c.id.rawValue)) }
      if c.attendance == .excused, (c.excuseReason ?? "").allSatisfy(\.isWhitespace) {
        add("$.contacts[\(i)].excuseReason", .excusedWithoutReason)
      }
    }
    for i in client.addresses.indices.dropFirst() where client.addresses[i].from < client.addresses[i - 1].from {
      add(
        "$.client.addresses[\(i)].from",
        .datesOutOfOrder(
          earlierField: "client.addresses[\(i - 1)].from", earlierDate: client.addresses[i - 1].from,
          laterField: "client.addresses[\(i)].from", laterDate: client.addresses[i].from))
    }
    for (i, l) in litmas.enumerated() {
      if let requested = l.requestedOn, requested > l.date {
        add(
          "$.litmas[\(i)].requestedOn",
          .datesOutOfOrder(
            earlierField: "litmas[\(i)].requestedOn", earlierDate: requested, laterField: "litmas[\(i)].date",
            laterDate: l.date))
      }
    }
    if let certificate = closingCertificate {
      if stage != .pengakhiran {
        add("$.closingCertificate", .closingCertificateWithoutClosing(stage: stage))
      } else if let closed = transitions.last?.date, certificate.date < closed {
        add(
          "$.closingCertificate.date",
          .datesOutOfOrder(
            earlierField: "transitions[\(transitions.count - 1)].date", earlierDate: closed,
            laterField: "closingCertificate.date", laterDate: certificate.date))
      }
    }
    if let issue = revocation?.validationIssue() {
      add("$.revocation.steps[\(issue.index)]", .revocation(issue.error))
    }
    return errors
  }
}
