import Foundation

/// An event that makes a reassessment due before the scheduled date.
///
/// Regulations commonly set a periodic reassessment "or earlier if there is new information that
/// affects the risk of reoffending"; which events count and how soon is agency policy
/// (``ReassessmentPolicy``). A jurisdiction's rule belongs to the module that models it
/// (`Pemasyarakatan`: `ReassessmentPolicy.bapas`).
public enum ReassessmentEvent: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// New information about offending (a new charge, arrest or conviction).
  case newOffenceInformation
  /// A violation of supervision conditions.
  case violation
  /// A change of supervision stage.
  case stageChange
  /// Other new information that bears on risk.
  case otherRiskInformation

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .newOffenceInformation: LocalizedText(id: "Informasi tindak pidana baru", en: "New offence information")
    case .violation: LocalizedText(id: "Pelanggaran syarat", en: "Violation of conditions")
    case .stageChange: LocalizedText(id: "Pergantian tahap", en: "Stage change")
    case .otherRiskInformation: LocalizedText(id: "Informasi risiko lain", en: "Other risk information")
    }
  }
}

/// An event that happened on a date.
public struct ReassessmentEventRecord: Sendable, Hashable, Codable {
  /// What happened.
  public var event: ReassessmentEvent
  /// The day it happened.
  public var occurredAt: CivilDate

  /// Creates a record.
  public init(event: ReassessmentEvent, occurredAt: CivilDate) {
    self.event = event
    self.occurredAt = occurredAt
  }
}

/// When the next reassessment is due and why.
public struct ReassessmentDue: Sendable, Hashable, Codable {
  /// Why the reassessment is due.
  public enum Reason: Sendable, Hashable, Codable, BilingualLabelled {
    /// The periodic interval.
    case scheduled
    /// A triggering event.
    case event(ReassessmentEvent)

    /// The display name: "Terjadwal"/"Scheduled", or the event's label.
    public var label: LocalizedText {
      switch self {
      case .scheduled: LocalizedText(id: "Terjadwal", en: "Scheduled")
      case .event(let e): e.label
      }
    }
  }

  /// The due date.
  public var date: CivilDate
  /// The reason.
  public var reason: Reason

  /// Creates a due date.
  public init(date: CivilDate, reason: Reason) {
    self.date = date
    self.reason = reason
  }

  /// Whether the reassessment is overdue on `day` (strictly after the due date).
  public func isOverdue(on day: CivilDate) -> Bool { day > date }
}

/// When reassessments fall due.
///
/// Defaults (neutral, configurable): an annual cycle, every **12 months**; new offence information,
/// violations, stage changes and other risk information trigger a reassessment within **30 days**
/// (30 days matches practice such as SLO County Probation's LS/CMI procedure). A jurisdiction's legal
/// interval is configuration: `Pemasyarakatan` provides `ReassessmentPolicy.bapas`.
public struct ReassessmentPolicy: Sendable, Hashable, Codable {
  /// Months between scheduled reassessments.
  public var intervalMonths: Int
  /// The events that trigger an early reassessment.
  public var triggers: Set<ReassessmentEvent>
  /// Days after a triggering event within which the reassessment is due.
  public var daysAfterEvent: Int

  /// Creates a policy.
  public init(
    intervalMonths: Int = 12, triggers: Set<ReassessmentEvent> = Set(ReassessmentEvent.allCases),
    daysAfterEvent: Int = 30
  ) {
    self.intervalMonths = intervalMonths
    self.triggers = triggers
    self.daysAfterEvent = daysAfterEvent
  }

  /// The next due date after an assessment made on `assessedOn`: the earlier of the scheduled date
  /// (`assessedOn` + ``intervalMonths`` calendar months, clamped to the month's end: 31 August + 6
  /// months is 28 or 29 February) and, for each triggering event after `assessedOn`, the event's day +
  /// ``daysAfterEvent`` days. On equal dates the scheduled reason wins. Dates are civil days, so no
  /// time zone can move a due date.
  ///
  /// - Complexity: O(*e*) for *e* events.
  public func nextDue(after assessedOn: CivilDate, events: [ReassessmentEventRecord] = []) -> ReassessmentDue {
    var due = ReassessmentDue(date: assessedOn.adding(months: intervalMonths), reason: .scheduled)
    for record in events where triggers.contains(record.event) && record.occurredAt > assessedOn {
      let d = record.occurredAt.adding(days: daysAfterEvent)
      if d < due.date { due = ReassessmentDue(date: d, reason: .event(record.event)) }
    }
    return due
  }
}

/// Whether a band went up, down or stayed.
public enum BandChange: String, Sendable, Hashable, Codable, CaseIterable, BilingualLabelled {
  /// To a higher-risk band.
  case up
  /// To a lower-risk band.
  case down
  /// The same band.
  case unchanged

  /// The display name.
  public var label: LocalizedText {
    switch self {
    case .up: LocalizedText(id: "Naik", en: "Up")
    case .down: LocalizedText(id: "Turun", en: "Down")
    case .unchanged: LocalizedText(id: "Tetap", en: "Unchanged")
    }
  }
}

/// A domain's change between two assessments.
public struct DomainChange: Sendable, Hashable, Codable {
  /// The domain id.
  public var domain: String
  /// Points before.
  public var previousPoints: Int
  /// Points now.
  public var currentPoints: Int
  /// `currentPoints − previousPoints`.
  public var change: Int { currentPoints - previousPoints }

  /// Creates a change.
  public init(domain: String, previousPoints: Int, currentPoints: Int) {
    self.domain = domain
    self.previousPoints = previousPoints
    self.currentPoints = currentPoints
  }
}

/// Why two assessments cannot be compared.
public enum ReassessmentComparisonError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// They were made with different instruments.
  case differentInstruments(previous: String, current: String)

  /// A sentence saying why.
  public var description: String {
    switch self {
    case .differentInstruments(let p, let c):
      "Reassessment: the previous assessment used instrument '\(p)' and the current one '\(c)'; they cannot be compared."
    }
  }
}

/// A reassessment compared with the previous assessment: change in total, band and needs.
///
/// The change in total is raw; whether it is *reliable* needs the instrument's reliability (see the
/// SDK's reliable-change statistics), which an agency must supply for its instrument.
public struct ReassessmentComparison: Sendable, Hashable, Codable {
  /// The previous total.
  public var previousTotal: Int?
  /// The current total.
  public var currentTotal: Int?
  /// `currentTotal − previousTotal`, when both exist.
  public var totalChange: Int?
  /// The previous band.
  public var previousBand: BandReference?
  /// The current band.
  public var currentBand: BandReference?
  /// Up, down or unchanged; `nil` when a band is missing or the schemes differ (e.g. a child table
  /// and an adult table with different schemes).
  public var bandChange: BandChange?
  /// Levels moved (current rank − previous rank), when comparable.
  public var levelsChanged: Int?
  /// Whether the instrument versions are the same.
  public var sameVersion: Bool
  /// Need domains present now but not before.
  public var needsAdded: [String]
  /// Need domains present before but not now.
  public var needsResolved: [String]
  /// Need domains in both.
  public var needsPersisting: [String]
  /// Every domain's change, in the current assessment's order.
  public var domainChanges: [DomainChange]

  /// Compares `current` with `previous`.
  ///
  /// - Throws: ``ReassessmentComparisonError/differentInstruments(previous:current:)`` when the
  ///   instrument ids differ.
  public init(previous: RiskAssessment, current: RiskAssessment) throws(ReassessmentComparisonError) {
    guard previous.instrumentID == current.instrumentID else {
      throw .differentInstruments(previous: previous.instrumentID, current: current.instrumentID)
    }
    previousTotal = previous.total
    currentTotal = current.total
    if let p = previous.total, let c = current.total { totalChange = c - p } else { totalChange = nil }
    previousBand = previous.band
    currentBand = current.band
    if let p = previous.band, let c = current.band, p.scheme == c.scheme {
      levelsChanged = c.rank - p.rank
      bandChange = c.rank > p.rank ? .up : c.rank < p.rank ? .down : .unchanged
    } else {
      levelsChanged = nil
      bandChange = nil
    }
    sameVersion = previous.instrumentVersion == current.instrumentVersion
    let before = previous.needs.map(\.domain)
    let now = current.needs.map(\.domain)
    needsAdded = now.filter { !before.contains($0) }
    needsResolved = before.filter { !now.contains($0) }
    needsPersisting = now.filter { before.contains($0) }
    domainChanges = current.domains.compactMap { c in
      previous.domain(c.domain).map {
        DomainChange(domain: c.domain, previousPoints: $0.points, currentPoints: c.points)
      }
    }
  }
}
