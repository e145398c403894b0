import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What a periodic report is computed from: a batch of case files and, optionally, the officers, the
/// Pokmas Lipas partners and the obstacles the Bapas reported.
public struct PeriodicReportInput: Sendable, Hashable {
  /// The case files (validated, e.g. by ``CaseFileImport/decodeBatch(_:)``).
  public var cases: [CaseFile]
  /// The officers; used to count the PKs of a Bapas. Without them the PKs holding cases are counted.
  public var officers: [Officer]
  /// The Pokmas Lipas partners.
  public var partners: [PokmasLipasPartner]
  /// Obstacles reported by the Bapas.
  public var obstacles: [InstitutionalObstacle]
  /// Creates an input.
  public init(
    cases: [CaseFile], officers: [Officer] = [], partners: [PokmasLipasPartner] = [],
    obstacles: [InstitutionalObstacle] = []
  ) {
    self.cases = cases
    self.officers = officers
    self.partners = partners
    self.obstacles = obstacles
  }
}

/// The periodic report of a month or a quarter for the Kanwil and Ditjenpas: per Bapas and per PK.
///
/// Every figure and how it is counted (all dates inclusive; the period is ``start`` … ``end``):
///
/// - **Clients under guidance** at the end of the period: cases received on or before ``end`` whose
///   stage on ``end`` (``CaseFile/stage(on:)``) is tahap awal, lanjutan or akhir or suspended; by legal
///   basis and stage, adults and children by age at reception (UU 11/2012: a child's sanction follows
///   the age at the time).
/// - **Receptions**: cases with `receivedOn` in the period.
/// - **Closings** by reason: `close` transitions dated in the period; the reason is the closing
///   certificate's, and closings without a certificate are counted apart.
/// - **Revocations**: proposed = revocation proceedings whose sidang TPP recommended suspension in the
///   period; suspended = suspensions by the head of the Bapas in the period; dismissed; revoked =
///   `revoke` transitions dated in the period.
/// - **Litmas** by type: reports finished (`date`) in the period; median turnaround (`date −
///   requestedOn`, over those with a request date); overdue = finished after `dueOn`.
/// - **Wajib lapor**: the reporting periods (``CaseFile/compliance(asOf:policy:)``) that ended in the
///   period and began while the case was in tahap awal, lanjutan or akhir; compliance rate = attended ÷
///   (attended + missed), excused periods left out.
/// - **Contacts** by modality: contacts dated in the period, attended, missed and excused.
/// - **Programmes**: enrolments made in the period; enrolments active at its end; hours attended at
///   sessions in the period; clients with at least one such session.
/// - **Pokmas Lipas partners** (per Bapas): partners of the Bapas active in the period
///   (``PokmasLipasPartner/isActive(in:)``).
/// - **PK-to-client ratio** (per Bapas): clients under guidance at the end ÷ PKs (officers of the
///   Bapas other than its head when officers are given, else the PKs holding those cases).
/// - **Obstacles** (per Bapas): reported in the period, by kind.
public struct PeriodicReport: Sendable, Hashable, Codable {
  /// The month or quarter.
  public var period: ReportPeriod
  /// Its first day.
  public var start: CivilDate
  /// Its last day.
  public var end: CivilDate
  /// One section per Bapas, by code.
  public var bapas: [PeriodicFigures]
  /// One section per PK, by id.
  public var officers: [PeriodicFigures]

  /// Computes the report.
  ///
  /// - Complexity: O(*n*·*r*) for *n* cases of *r* records each, plus O(*p* + *o*) for partners and
  ///   obstacles.
  public init(period: ReportPeriod, input: PeriodicReportInput, policy: CompliancePolicy = .standard) {
    let interval = period.interval
    self.period = period
    start = interval.start
    end = interval.end
    let byBapas = Dictionary(grouping: input.cases, by: \.bapasCode)
    var codes = Set(byBapas.keys)
    codes.formUnion(input.officers.map(\.bapasCode))
    codes.formUnion(input.obstacles.map(\.bapasCode))
    bapas = codes.sorted().map { code in
      var f = PeriodicFigures(
        scope: .bapas, id: code.rawValue, cases: byBapas[code] ?? [], period: interval, policy: policy)
      let officers = input.officers.filter { $0.bapasCode == code && !$0.isHeadOfBapas }
      let holding = Set((byBapas[code] ?? []).filter { $0.isUnderGuidance(on: interval.end) }.map(\.officerID))
      let pks = officers.isEmpty ? holding.count : officers.count
      f.officerCount = pks
      f.officerCountSource = officers.isEmpty ? .officersHoldingCases : .officerRecords
      f.clientsPerOfficer = pks > 0 ? Double(f.clientsUnderGuidance.total) / Double(pks) : nil
      f.activePartners = input.partners.filter { $0.bapasCodes.contains(code) && $0.isActive(in: interval) }.map(\.id)
        .sorted()
      let obstacles = input.obstacles.filter { $0.bapasCode == code && interval.contains($0.reportedOn) }
      f.obstacles = ObstacleKind.allCases.compactMap { kind in
        let n = obstacles.filter { $0.kind == kind }.count
        return n == 0 ? nil : KindCount(kind: kind.rawValue, label: kind.label, count: n)
      }
      return f
    }
    let byOfficer = Dictionary(grouping: input.cases, by: \.officerID)
    officers = byOfficer.keys.sorted().map { id in
      PeriodicFigures(scope: .officer, id: id.rawValue, cases: byOfficer[id] ?? [], period: interval, policy: policy)
    }
  }
}

/// Whether a section is about a Bapas or a PK.
public enum ReportScope: String, WireEnum {
  /// A Bapas (by code).
  case bapas
  /// A PK (by officer id).
  case officer
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .bapas: LocalizedText(id: "Bapas", en: "Bapas")
    case .officer: LocalizedText(id: "PK", en: "PK")
    }
  }
}

/// Where the PK count of a ratio comes from.
public enum OfficerCountSource: String, WireEnum {
  /// The officer records of the Bapas (its head left out).
  case officerRecords
  /// The PKs holding the cases under guidance (no officer records given).
  case officersHoldingCases
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .officerRecords: LocalizedText(id: "data pegawai", en: "officer records")
    case .officersHoldingCases: LocalizedText(id: "PK yang memegang kasus", en: "PKs holding cases")
    }
  }
}

/// Adults and children.
public struct AgeSplit: Sendable, Hashable, Codable {
  /// Adults.
  public var adults: Int
  /// Children.
  public var children: Int
  /// Adults + children.
  public var total: Int { adults + children }
  /// Creates a split.
  public init(adults: Int = 0, children: Int = 0) {
    self.adults = adults
    self.children = children
  }
  mutating func add(_ category: AgeCategory) {
    if category == .adult { adults += 1 } else { children += 1 }
  }
}

/// Clients of one legal basis in one stage.
public struct BasisStageCount: Sendable, Hashable, Codable {
  /// The legal basis.
  public var legalBasis: LegalBasis
  /// The stage.
  public var stage: CaseStage
  /// Adults and children.
  public var clients: AgeSplit
}

/// A count of one kind (a closing reason, a contact modality, an obstacle kind).
public struct KindCount: Sendable, Hashable, Codable {
  /// The wire name of the kind.
  public var kind: String
  /// Its display name.
  public var label: LocalizedText
  /// How many.
  public var count: Int
}

/// Revocation proceedings in the period.
public struct RevocationFigures: Sendable, Hashable, Codable {
  /// Sidang TPP recommendations to suspend (the Bapas proposes revocation).
  public var proposed: Int
  /// Suspensions by the head of the Bapas.
  public var suspended: Int
  /// Proceedings dismissed by the TPP.
  public var dismissed: Int
  /// Revocations recorded (the `revoke` stage change).
  public var revoked: Int
}

/// Litmas of one type finished in the period.
public struct LitmasFigures: Sendable, Hashable, Codable {
  /// The type.
  public var type: LitmasType
  /// Reports finished.
  public var finished: Int
  /// Of those, with a request date.
  public var withRequestDate: Int
  /// The median of `date − requestedOn`, in days (mean of the middle two for an even count).
  public var medianTurnaroundDays: Double?
  /// Of those finished, with a due date.
  public var withDueDate: Int
  /// Finished after the due date.
  public var overdue: Int
}

/// Wajib-lapor periods that ended in the report period.
public struct ReportingFigures: Sendable, Hashable, Codable {
  /// With an attended report.
  public var attended: Int
  /// With only an excused absence.
  public var excused: Int
  /// With no report.
  public var missed: Int
  /// attended ÷ (attended + missed); `nil` when both are 0.
  public var complianceRate: Double? { attended + missed == 0 ? nil : Double(attended) / Double(attended + missed) }
  /// All periods.
  public var total: Int { attended + excused + missed }
}

/// Contacts of one modality in the period.
public struct ModalityFigures: Sendable, Hashable, Codable {
  /// The modality.
  public var modality: ContactModality
  /// Attended.
  public var attended: Int
  /// Missed.
  public var missed: Int
  /// Excused.
  public var excused: Int
}

/// Programme participation in the period.
public struct ProgrammeFigures: Sendable, Hashable, Codable {
  /// Enrolments made in the period.
  public var newEnrolments: Int
  /// Enrolments with status active, made on or before the end of the period.
  public var activeAtEnd: Int
  /// Hours attended at sessions in the period.
  public var hoursAttended: Double
  /// Clients with at least one attended session in the period.
  public var clientsAttending: Int
}

/// The figures of one Bapas or one PK. Bapas-only figures are `nil` for a PK.
public struct PeriodicFigures: Sendable, Hashable, Codable {
  /// Bapas or PK.
  public var scope: ReportScope
  /// The Bapas code or the officer id.
  public var id: String
  /// Clients under guidance at the end of the period.
  public var clientsUnderGuidance: AgeSplit
  /// The same by legal basis and stage (empty combinations left out).
  public var byBasisAndStage: [BasisStageCount]
  /// Receptions in the period.
  public var receptions: AgeSplit
  /// Closings in the period by reason.
  public var closings: [KindCount]
  /// Closings in the period with no closing certificate recorded.
  public var closingsWithoutCertificate: Int
  /// Revocation proceedings.
  public var revocations: RevocationFigures
  /// Litmas finished, by type (types with none left out).
  public var litmas: [LitmasFigures]
  /// Wajib lapor.
  public var reporting: ReportingFigures
  /// Contacts by modality (modalities with none left out).
  public var contacts: [ModalityFigures]
  /// Programme participation.
  public var programmes: ProgrammeFigures
  /// Bapas only: PKs counted for the ratio.
  public var officerCount: Int?
  /// Bapas only: where ``officerCount`` comes from.
  public var officerCountSource: OfficerCountSource?
  /// Bapas only: clients under guidance per PK.
  public var clientsPerOfficer: Double?
  /// Bapas only: Pokmas Lipas partners active in the period.
  public var activePartners: [PartnerID]?
  /// Bapas only: obstacles reported in the period by kind.
  public var obstacles: [KindCount]?
  init(scope: ReportScope, id: String, cases: [CaseFile], period: CivilDateInterval, policy: CompliancePolicy) {
    self.scope = scope
    self.id = id
    var under = AgeSplit()
    var basisStage: [BasisStageCount] = []
    var receptions = AgeSplit()
    var closingReasons: [ClosingReason: Int] = [:]
    var withoutCertificate = 0
    var revocations = RevocationFigures(proposed: 0, suspended: 0, dismissed: 0, revoked: 0)
    var litmas: [LitmasType: [Litmas]] = [:]
    var reporting = ReportingFigures(attended: 0, excused: 0, missed: 0)
    var modality: [ContactModality: ModalityFigures] = [:]
    var programmes = ProgrammeFigures(newEnrolments: 0, activeAtEnd: 0, hoursAttended: 0, clientsAttending: 0)

    for file in cases.sorted(by: { $0.id < $1.id }) {
      let age = file.ageCategoryAtReception
      if let stage = file.stage(on: period.end), file.isUnderGuidance(on: period.end) {
        under.add(age)
        if let i = basisStage.firstIndex(where: { $0.legalBasis == file.client.legalBasis && $0.stage == stage }) {
          basisStage[i].clients.add(age)
        } else {
          var split = AgeSplit()
          split.add(age)
          basisStage.append(BasisStageCount(legalBasis: file.client.legalBasis, stage: stage, clients: split))
        }
      }
      if period.contains(file.receivedOn) { receptions.add(age) }
      for t in file.transitions where period.contains(t.date) {
        switch t.event {
        case .close:
          if let c = file.closingCertificate {
            closingReasons[c.reason, default: 0] += 1
          } else {
            withoutCertificate += 1
          }
        case .revoke: revocations.revoked += 1
        default: break
        }
      }
      for step in file.revocation?.steps ?? [] where period.contains(step.date) {
        switch step.state {
        case .tppRecommendedSuspension: revocations.proposed += 1
        case .suspendedByHead: revocations.suspended += 1
        case .dismissed: revocations.dismissed += 1
        default: break
        }
      }
      for l in file.litmas where period.contains(l.date) { litmas[l.type, default: []].append(l) }
      // Reporting periods that ended in the report period and began while the case was under
      // guidance (a client suspended or revoked before a period began owes no report in it).
      let compliance = file.compliance(asOf: period.end.adding(days: 1), policy: policy)
      for p in compliance.periods where period.contains(p.end) {
        guard let stage = file.stage(on: p.start), stage.isActive else { continue }
        switch p.status {
        case .attended: reporting.attended += 1
        case .excused: reporting.excused += 1
        case .missed: reporting.missed += 1
        }
      }
      for c in file.contacts where period.contains(c.date) {
        var m = modality[c.modality] ?? ModalityFigures(modality: c.modality, attended: 0, missed: 0, excused: 0)
        switch c.attendance {
        case .attended: m.attended += 1
        case .missed: m.missed += 1
        case .excused: m.excused += 1
        }
        modality[c.modality] = m
      }
      var attendedAny = false
      for e in file.enrolments {
        if period.contains(e.enrolledOn) { programmes.newEnrolments += 1 }
        if e.status == .active && e.enrolledOn <= period.end { programmes.activeAtEnd += 1 }
        for s in e.attendance where s.status == .attended && period.contains(s.date) {
          programmes.hoursAttended += s.hours
          attendedAny = true
        }
      }
      if attendedAny { programmes.clientsAttending += 1 }
    }

    clientsUnderGuidance = under
    let stageOrder = CaseStage.allCases
    byBasisAndStage = basisStage.sorted {
      let a = (LegalBasis.allCases.firstIndex(of: $0.legalBasis) ?? 0, stageOrder.firstIndex(of: $0.stage) ?? 0)
      let b = (LegalBasis.allCases.firstIndex(of: $1.legalBasis) ?? 0, stageOrder.firstIndex(of: $1.stage) ?? 0)
      return a < b
    }
    self.receptions = receptions
    closings = ClosingReason.allCases.compactMap { r in
      closingReasons[r].map { KindCount(kind: r.rawValue, label: r.label, count: $0) }
    }
    closingsWithoutCertificate = withoutCertificate
    self.revocations = revocations
    self.litmas = LitmasType.allCases.compactMap { type in
      guard let list = litmas[type] else { return nil }
      let turnaround = list.compactMap(\.turnaroundDays).sorted()
      let median: Double? =
        turnaround.isEmpty
        ? nil
        : turnaround.count % 2 == 1
          ? Double(turnaround[turnaround.count / 2])
          : (Double(turnaround[turnaround.count / 2 - 1]) + Double(turnaround[turnaround.count / 2])) / 2
      return LitmasFigures(
        type: type, finished: list.count, withRequestDate: turnaround.count, medianTurnaroundDays: median,
        withDueDate: list.filter { $0.dueOn != nil }.count, overdue: list.filter { $0.isOverdue == true }.count)
    }
    self.reporting = reporting
    contacts = ContactModality.allCases.compactMap { modality[$0] }
    self.programmes = programmes
  }
}

extension CaseFile {
  /// `true` when the case is received and, on `date`, in tahap awal, lanjutan or akhir, or suspended.
  public func isUnderGuidance(on date: CivilDate) -> Bool {
    guard let stage = stage(on: date) else { return false }
    return stage.isActive || stage == .suspended
  }
}
