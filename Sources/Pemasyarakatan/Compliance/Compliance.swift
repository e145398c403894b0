import AssessmentEngine

/// The kinds of compliance flag, each a ground for revoking PB, CMB or CB (Kanwil Kemenkumham service
/// standards per Permenkumham 3/2018; maluku.kemenkumham.go.id, sippn.menpan.go.id) [C].
public enum ComplianceFlagKind: String, WireEnum {
  /// Failing to report to the Bapas 3 times in a row ("paling banyak 3 kali berturut-turut").
  case missedReports
  /// Not reporting a change of address.
  case unreportedAddressChange
  /// Breaking the law and being named a tersangka or terpidana (the general ground).
  case newSuspectOrConvictStatus
  /// Not following or complying with the Bapas programme.
  case programmeNonParticipation

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .missedReports: LocalizedText(id: "Tidak wajib lapor berturut-turut", en: "Consecutive missed reports")
    case .unreportedAddressChange: LocalizedText(id: "Pindah alamat tanpa melapor", en: "Unreported change of address")
    case .newSuspectOrConvictStatus:
      LocalizedText(id: "Ditetapkan tersangka/terpidana", en: "New suspect or convict status")
    case .programmeNonParticipation:
      LocalizedText(id: "Tidak mengikuti program Bapas", en: "Not taking part in the programme")
    }
  }
}

/// The facts behind a flag, so that a PK or a sidang TPP can check it.
public enum ComplianceEvidence: Sendable, Hashable, Codable {
  /// A wajib-lapor contact (missed or excused).
  case contact(id: ContactID, date: CivilDate, attendance: AttendanceStatus)
  /// A reporting period that ended with no report recorded at all.
  case periodWithoutReport(start: CivilDate, end: CivilDate)
  /// An address the client moved to without telling the Bapas (0-based index in the address history).
  case address(index: Int, movedOn: CivilDate)
  /// A new legal status.
  case legalStatus(date: CivilDate, status: LegalStatus, reference: String)
  /// A programme session missed.
  case session(programmeID: ProgrammeID, date: CivilDate, attendance: AttendanceStatus)
  /// An enrolment that ended as dropped out.
  case droppedOut(programmeID: ProgrammeID, enrolledOn: CivilDate)

  /// The date the evidence refers to.
  public var date: CivilDate {
    switch self {
    case .contact(_, let d, _), .legalStatus(let d, _, _), .session(_, let d, _): d
    case .periodWithoutReport(_, let end): end
    case .address(_, let d): d
    case .droppedOut(_, let d): d
    }
  }
}

/// A compliance problem with its evidence.
///
/// JSON: `{"kind": "missedReports", "raisedOn": "2025-07-20", "evidence": [{"kind": "contact", "id": "C-9",
/// "date": "2025-05-20", "attendance": "missed"}, …]}` (evidence in the SDK's one style for enums with
/// payloads: `kind` plus the case's fields).
public struct ComplianceFlag: Sendable, Hashable, Codable {
  /// What kind of problem.
  public var kind: ComplianceFlagKind
  /// The day the flag became due (e.g. the date of the third consecutive miss).
  public var raisedOn: CivilDate
  /// The contacts, dates, addresses or events behind it.
  public var evidence: [ComplianceEvidence]
  /// Creates a flag.
  public init(kind: ComplianceFlagKind, raisedOn: CivilDate, evidence: [ComplianceEvidence]) {
    self.kind = kind
    self.raisedOn = raisedOn
    self.evidence = evidence
  }
}

/// Thresholds for the compliance check. The missed-report threshold is from the sources; the programme
/// thresholds are **policy defaults, not law** (no source gives a number).
public struct CompliancePolicy: Sendable, Hashable, Codable {
  /// Consecutive missed reports that raise a flag (3: "paling banyak 3 kali berturut-turut").
  public var missedReportThreshold: Int
  /// Consecutive missed programme sessions that raise a flag (policy default 3).
  public var missedSessionThreshold: Int
  /// Creates a policy.
  public init(missedReportThreshold: Int = 3, missedSessionThreshold: Int = 3) {
    self.missedReportThreshold = max(1, missedReportThreshold)
    self.missedSessionThreshold = max(1, missedSessionThreshold)
  }
  /// The defaults (3 and 3).
  public static let standard = CompliancePolicy()
}

/// One reporting period of the wajib-lapor schedule and what happened in it.
public struct ReportingPeriod: Sendable, Hashable, Codable {
  /// First day.
  public var start: CivilDate
  /// Last day.
  public var end: CivilDate
  /// Attended if any report was attended; excused if only excused; missed otherwise.
  public var status: AttendanceStatus
  /// The wajib-lapor contacts in the period.
  public var contactIDs: [ContactID]
}

/// The compliance picture of a case on a date.
public struct ComplianceReport: Sendable, Hashable, Codable {
  /// The day of the check.
  public var asOf: CivilDate
  /// Completed reporting periods (ended before `asOf`), oldest first.
  public var periods: [ReportingPeriod]
  /// The flags raised.
  public var flags: [ComplianceFlag]
  /// The first day of the current reporting period; a report is due by its end.
  public var currentPeriodStart: CivilDate?
  /// Completed periods with no attended or excused report.
  public var overduePeriods: [ReportingPeriod] { periods.filter { $0.status == .missed } }
}

extension CaseFile {
  /// Checks wajib lapor, address changes, legal status and programme participation on `asOf`.
  ///
  /// Missed reports: each wajib-lapor contact with `missed` counts as one miss, and so does each
  /// completed reporting period with no wajib-lapor contact at all; `excused` neither counts nor breaks
  /// a run; `attended` breaks it. A run reaching ``CompliancePolicy/missedReportThreshold`` raises one
  /// flag, dated at the threshold-th miss, with every miss of the run as evidence.
  /// Only dates within the masa bimbingan and on or before `asOf` are considered.
  ///
  /// - Complexity: O(*p* + *c* log *c*) for *p* reporting periods and *c* contacts.
  public func compliance(asOf: CivilDate, policy: CompliancePolicy = .standard) -> ComplianceReport {
    let start = guidancePeriod.start
    let lastDay = min(asOf, guidancePeriod.end)
    let reports = contacts.filter { $0.purpose == .wajibLapor && $0.date >= start && $0.date <= lastDay }
      .sorted { $0.date < $1.date }

    var periods: [ReportingPeriod] = []
    var currentStart: CivilDate?
    var k = 0
    var cursor = 0
    while start <= lastDay {
      let pStart = reportingSchedule.periodStart(k, from: start)
      let pEnd = reportingSchedule.periodStart(k + 1, from: start).adding(days: -1)
      if pStart > lastDay || pEnd < pStart { break }
      if pEnd >= asOf || pEnd > guidancePeriod.end {
        currentStart = pStart
        break
      }
      // Reports are sorted, so one forward pointer keeps the whole loop O(p + c).
      while cursor < reports.count && reports[cursor].date < pStart { cursor += 1 }
      var end = cursor
      while end < reports.count && reports[end].date <= pEnd { end += 1 }
      let inPeriod = reports[cursor..<end]
      cursor = end
      let status: AttendanceStatus =
        inPeriod.contains { $0.attendance == .attended }
        ? .attended
        : inPeriod.contains { $0.attendance == .excused } ? .excused : .missed
      periods.append(ReportingPeriod(start: pStart, end: pEnd, status: status, contactIDs: inPeriod.map(\.id)))
      k += 1
    }

    // Occasions: recorded reports plus empty completed periods, in date order.
    var occasions: [(date: CivilDate, status: AttendanceStatus, evidence: ComplianceEvidence)] =
      reports.map { ($0.date, $0.attendance, .contact(id: $0.id, date: $0.date, attendance: $0.attendance)) }
    for p in periods where p.contactIDs.isEmpty {
      occasions.append((p.end, .missed, .periodWithoutReport(start: p.start, end: p.end)))
    }
    occasions.sort { $0.date < $1.date }

    var flags: [ComplianceFlag] = []
    var run: [ComplianceEvidence] = []
    func closeRun() {
      if run.count >= max(1, policy.missedReportThreshold) {
        flags.append(
          ComplianceFlag(
            kind: .missedReports, raisedOn: run[max(1, policy.missedReportThreshold) - 1].date, evidence: run))
      }
      run = []
    }
    for o in occasions {
      switch o.status {
      case .missed: run.append(o.evidence)
      case .attended: closeRun()
      case .excused: break
      }
    }
    closeRun()

    for (index, a) in client.addresses.enumerated() where index > 0 && a.reportedOn == nil {
      if a.from >= receivedOn && a.from <= asOf {
        flags.append(
          ComplianceFlag(
            kind: .unreportedAddressChange, raisedOn: a.from, evidence: [.address(index: index, movedOn: a.from)]))
      }
    }

    for e in legalEvents where e.date >= receivedOn && e.date <= asOf {
      flags.append(
        ComplianceFlag(
          kind: .newSuspectOrConvictStatus, raisedOn: e.date,
          evidence: [.legalStatus(date: e.date, status: e.status, reference: e.reference)]))
    }

    for enrolment in enrolments {
      var missed: [ComplianceEvidence] = []
      var flagged = false
      for s in enrolment.attendance.sorted(by: { $0.date < $1.date }) where s.date <= asOf {
        switch s.status {
        case .missed:
          missed.append(.session(programmeID: enrolment.programmeID, date: s.date, attendance: s.status))
        case .attended:
          if missed.count >= max(1, policy.missedSessionThreshold) {
            flags.append(
              ComplianceFlag(
                kind: .programmeNonParticipation, raisedOn: missed[max(1, policy.missedSessionThreshold) - 1].date,
                evidence: missed))
            flagged = true
          }
          missed = []
        case .excused: break
        }
      }
      if missed.count >= max(1, policy.missedSessionThreshold) {
        flags.append(
          ComplianceFlag(
            kind: .programmeNonParticipation, raisedOn: missed[max(1, policy.missedSessionThreshold) - 1].date,
            evidence: missed))
        flagged = true
      }
      if enrolment.status == .droppedOut && !flagged {
        let date = enrolment.attendance.map(\.date).max() ?? enrolment.enrolledOn
        flags.append(
          ComplianceFlag(
            kind: .programmeNonParticipation, raisedOn: date,
            evidence: [.droppedOut(programmeID: enrolment.programmeID, enrolledOn: enrolment.enrolledOn)]))
      }
    }

    flags.sort { ($0.raisedOn, $0.kind.rawValue) < ($1.raisedOn, $1.kind.rawValue) }
    return ComplianceReport(asOf: asOf, periods: periods, flags: flags, currentPeriodStart: currentStart)
  }

  /// Flags not yet answered by a revocation proceeding: raised after the BAP of the current proceeding,
  /// or all flags when there is none. Closed or revoked cases need no action.
  public func flagsNeedingAction(asOf: CivilDate, policy: CompliancePolicy = .standard) -> [ComplianceFlag] {
    guard !stage.isFinal else { return [] }
    let flags = compliance(asOf: asOf, policy: policy).flags
    guard let bap = revocation?.step(.bapRecorded)?.date else { return flags }
    return flags.filter { $0.raisedOn > bap }
  }
}
