import AssessmentEngine

/// Composes the engine's generic supervision plan with what a Bapas actually has.
///
/// Every table is configurable; the defaults are policy defaults except where noted:
/// - ``supervisionPolicy``: `SupervisionPolicy.bapas` (contacts and dosage per band: policy; the monthly
///   *wajib lapor* floor: law);
/// - ``responsivityPolicy``: the engine's documented adjustments (seed papers 001–004);
/// - ``needServices``: ``NeedServiceMap/standard`` (policy);
/// - ``reassessmentRule``: ``ReassessmentRule/permenkumham12of2013`` (law: every 12 months for Klien);
/// - ``reassessmentPolicy``: which events bring the reassessment forward and by how many days (policy:
///   30 days; the regulation says only "earlier");
/// - ``compliancePolicy``: what counts as a violation (3 consecutive missed reports: law).
public struct BapasSupervisionPlanner: Sendable, Hashable {
  /// Contact standards and dosage per band.
  public var supervisionPolicy: SupervisionPolicy
  /// Responsivity factor → adjustments.
  public var responsivityPolicy: ResponsivityPolicy
  /// Need → programmes and partners.
  public var needServices: NeedServiceMap
  /// The periodic reassessment rule.
  public var reassessmentRule: ReassessmentRule
  /// Event triggers and the days after an event; its `intervalMonths` is not used (the rule gives it).
  public var reassessmentPolicy: ReassessmentPolicy
  /// What counts as a violation of conditions.
  public var compliancePolicy: CompliancePolicy

  /// Creates a planner with the documented defaults.
  public init(
    supervisionPolicy: SupervisionPolicy = .bapas, responsivityPolicy: ResponsivityPolicy = ResponsivityPolicy(),
    needServices: NeedServiceMap = .standard, reassessmentRule: ReassessmentRule = .permenkumham12of2013,
    reassessmentPolicy: ReassessmentPolicy = .bapas, compliancePolicy: CompliancePolicy = .standard
  ) {
    self.supervisionPolicy = supervisionPolicy
    self.responsivityPolicy = responsivityPolicy
    self.needServices = needServices
    self.reassessmentRule = reassessmentRule
    self.reassessmentPolicy = reassessmentPolicy
    self.compliancePolicy = compliancePolicy
  }

  /// Builds the Bapas plan for a case.
  ///
  /// Steps: check the inputs; build the generic plan (a child on `asOf` gets the `child` responsivity
  /// factor added); for each target need apply the ``NeedServiceMap`` rule to the Bapas's programmes
  /// (those not ended before `asOf`, places counted over `caseload`) and to the partners that list this Bapas
  /// (partners of other Bapas are ignored); map responsivity modalities onto Bapas contact modalities;
  /// state the legal floor; compute the reassessment due date; name the override's approver in Bapas terms.
  ///
  /// - Parameters:
  ///   - caseFile: the client's case; must belong to `bapas`, be active and report at least monthly.
  ///   - bapas: the Bapas that supervises the case.
  ///   - assessment: the assessment to plan from, made on `assessedOn`.
  ///   - instrument: the risk instrument the assessment was made with (its band mappings).
  ///   - assessedOn: the day of the assessment.
  ///   - asOf: the day the plan is made.
  ///   - override: a professional override of the assessment's band, if any.
  ///   - responsivity: the client's responsivity factors.
  ///   - programmes: the Bapas's programmes.
  ///   - partners: the Pokmas Lipas partners (those of other Bapas are ignored).
  ///   - caseload: the Bapas's cases, for counting programme places (include `caseFile` if it is enrolled).
  ///   - enrolIn: programmes the PK wants to enrol the client in; each must exist, have a place and fit a target.
  /// - Throws: ``BapasSupervisionError`` for the first problem found.
  /// - Complexity: O(*t*·(*p* + *q*) + *c*·*e*) for *t* targets, *p* programmes, *q* partners and *c* cases with *e* enrolments.
  public func plan(
    for caseFile: CaseFile, at bapas: Bapas, assessment: RiskAssessment, instrument: RiskInstrumentDefinition,
    assessedOn: CivilDate, asOf: CivilDate, override: RiskOverride? = nil, responsivity: [ResponsivityFactor] = [],
    programmes: [Programme] = [], partners: [PokmasLipasPartner] = [], caseload: [CaseFile] = [],
    enrolIn: [ProgrammeID] = []
  ) throws(BapasSupervisionError) -> BapasSupervisionPlan {
    guard caseFile.bapasCode == bapas.code else {
      throw .clientOfAnotherBapas(
        caseID: caseFile.id.rawValue, caseBapas: caseFile.bapasCode.rawValue, bapas: bapas.code.rawValue)
    }
    guard caseFile.stage.isActive else { throw .caseNotActive(caseID: caseFile.id.rawValue, stage: caseFile.stage) }
    guard caseFile.reportingSchedule.meetsMonthlyMinimum else {
      throw .reportingBelowLegalFloor(every: caseFile.reportingSchedule.every, unit: caseFile.reportingSchedule.unit)
    }
    guard assessedOn <= asOf else { throw .assessmentAfterPlanDate(assessedOn: assessedOn, asOf: asOf) }
    var seenProgrammes: Set<ProgrammeID> = []
    for p in programmes {
      guard seenProgrammes.insert(p.id).inserted else { throw .duplicateProgramme(p.id.rawValue) }
      guard p.capacity >= 0 else { throw .invalidCapacity(programme: p.id.rawValue, capacity: p.capacity) }
      if let partnerID = p.partnerID {
        guard let partner = partners.first(where: { $0.id == partnerID }) else {
          throw .unknownPartner(programme: p.id.rawValue, partner: partnerID.rawValue)
        }
        guard partner.bapasCodes.contains(bapas.code) else {
          throw .partnerOfAnotherBapas(
            programme: p.id.rawValue, partner: partnerID.rawValue, bapas: bapas.code.rawValue)
        }
      }
    }

    var factors = responsivity
    if caseFile.client.ageCategory(on: asOf) == .child && !factors.contains(.child) { factors.append(.child) }
    let generic: SupervisionPlan
    do {
      generic = try supervisionPolicy.plan(
        for: assessment, override: override, instrument: instrument, responsivity: factors,
        responsivityPolicy: responsivityPolicy)
    } catch { throw .plan(error) }

    let running = programmes.filter { $0.schedule.end >= asOf }
    let ours = partners.filter { $0.bapasCodes.contains(bapas.code) }
    let needs = generic.targets.map { match($0, programmes: running, partners: ours, caseload: caseload) }

    for id in enrolIn {
      guard let p = programmes.first(where: { $0.id == id }) else { throw .unknownProgramme(id.rawValue) }
      let left = p.remainingPlaces(in: caseload)
      guard left > 0 else {
        throw .programmeFull(programme: id.rawValue, capacity: p.capacity, enrolled: p.activeEnrolments(in: caseload))
      }
      guard needs.contains(where: { $0.programmes.contains { $0.programmeID == id } }) else {
        throw .programmeFitsNoTarget(programme: id.rawValue, targets: generic.targets.map(\.domain))
      }
    }

    return BapasSupervisionPlan(
      caseID: caseFile.id, clientID: caseFile.client.id, bapasCode: bapas.code, officerID: caseFile.officerID,
      asOf: asOf,
      generic: generic, needs: needs, modalities: modalities(generic.responsivity, bapas: bapas),
      legalFloor: .make(
        floor: supervisionPolicy.legalFloorContactsPerMonth, planned: generic.contactStandard.faceToFacePerMonth),
      reassessment: reassessmentDue(caseFile, assessedOn: assessedOn, asOf: asOf),
      overrideApprover: override.map { BapasApprover($0.approval.role) }, enrolIn: enrolIn)
  }

  /// The programmes and partners that fit one need under ``needServices``.
  ///
  /// - Complexity: O(*p* + *q*) plus the place count over `caseload`.
  public func match(
    _ need: CriminogenicNeed, programmes: [Programme], partners: [PokmasLipasPartner], caseload: [CaseFile]
  ) -> NeedServiceMatch {
    guard let factor = need.centralEight, let rule = needServices.rule(for: factor) else {
      return NeedServiceMatch(need: need, rule: nil, programmes: [], fullProgrammes: [], partners: [])
    }
    var found: [(order: Int, match: ProgrammeMatch)] = []
    var full: [ProgrammeID] = []
    for p in programmes {
      let basis: NeedMatchBasis
      let order: Int
      if let i = rule.programmeCategories.firstIndex(of: p.category) {
        basis = .category
        order = i
      } else if rule.programmeKinds.contains(p.kind) {
        basis = .kind
        order = rule.programmeCategories.count
      } else {
        continue
      }
      let left = p.remainingPlaces(in: caseload)
      guard left > 0 else {
        full.append(p.id)
        continue
      }
      let reason =
        basis == .category
        ? LocalizedText(
          id:
            "Kategori '\(p.category.label.indonesian)' (\(p.kind.label.indonesian)) menjawab kebutuhan '\(need.label.indonesian)'.",
          en:
            "Category '\(p.category.label.english)' (\(p.kind.label.english.lowercased())) answers the need '\(need.label.english)'."
        )
        : LocalizedText(
          id:
            "\(p.kind.label.indonesian) ('\(p.category.label.indonesian)') menjawab kebutuhan '\(need.label.indonesian)'.",
          en: "\(p.kind.label.english) ('\(p.category.label.english)') answers the need '\(need.label.english)'.")
      found.append(
        (
          order,
          ProgrammeMatch(
            programmeID: p.id, name: p.name, kind: p.kind, category: p.category, basis: basis, remainingPlaces: left,
            partnerID: p.partnerID, reason: reason)
        ))
    }
    found.sort { ($0.order, $0.match.programmeID) < ($1.order, $1.match.programmeID) }

    var partnerMatches: [(order: Int, match: PartnerMatch)] = []
    for partner in partners {
      let focus = rule.partnerFocus.filter(partner.focusAreas.contains)
      guard !focus.isEmpty else { continue }
      let services = rule.partnerServices.filter(partner.services.contains)
      let categories = rule.programmeCategories.filter(partner.programmeCategories.contains)
      guard !services.isEmpty || !categories.isEmpty else { continue }
      let order = services.first.flatMap { rule.partnerServices.firstIndex(of: $0) } ?? rule.partnerServices.count
      var id = "Fokus '\(focus.map(\.label.indonesian).joined(separator: "', '"))'"
      var en = "Focus '\(focus.map(\.label.english).joined(separator: "', '"))'"
      if !services.isEmpty {
        id += "; layanan: " + services.map(\.label.indonesian).joined(separator: ", ")
        en += "; offers " + services.map { $0.label.english.lowercased() }.joined(separator: ", ")
      }
      if !categories.isEmpty {
        id += "; program: " + categories.map(\.label.indonesian).joined(separator: ", ")
        en += "; delivers " + categories.map { $0.label.english.lowercased() }.joined(separator: ", ")
      }
      id += " — untuk kebutuhan '\(need.label.indonesian)'."
      en += " — for the need '\(need.label.english)'."
      partnerMatches.append(
        (
          order,
          PartnerMatch(
            partnerID: partner.id, name: partner.name, focus: focus, services: services, categories: categories,
            reason: LocalizedText(id: id, en: en))
        ))
    }
    partnerMatches.sort { ($0.order, $0.match.partnerID) < ($1.order, $1.match.partnerID) }
    return NeedServiceMatch(
      need: need, rule: rule, programmes: found.map(\.match), fullProgrammes: full.sorted(),
      partners: partnerMatches.map(\.match))
  }

  /// Maps the engine's modalities and delivery format onto Bapas contact modalities (seed 001: office,
  /// home visit, video call, mobile counselling every second Saturday; seed 003: Pos Bapas; seed 004:
  /// group and classical guidance).
  public func modalities(_ responsivity: ResponsivityPlan, bapas: Bapas) -> [BapasModalityOption] {
    var out: [BapasModalityOption] = []
    for m in responsivity.modalities {
      switch m {
      case .officeVisit:
        out.append(
          BapasModalityOption(
            modality: .officeVisit, adjustment: nil,
            note: LocalizedText(
              id: "Wajib lapor tatap muka di kantor \(bapas.name).",
              en: "Face-to-face reporting at the \(bapas.name) office.")))
      case .homeVisit:
        out.append(
          BapasModalityOption(
            modality: .homeVisit, adjustment: .homeVisit,
            note: LocalizedText(
              id: "PK mengunjungi rumah klien bila klien tidak dapat datang.",
              en: "The PK visits the client at home when the client cannot come.")))
      case .videoCall:
        out.append(
          BapasModalityOption(
            modality: .videoCall, adjustment: .videoCall,
            note: LocalizedText(
              id: "Panggilan video bila jarak atau biaya menghalangi.",
              en: "Video call when distance or cost stands in the way.")))
      case .mobileCounselling:
        out.append(
          BapasModalityOption(
            modality: .mobileCounselling, adjustment: .mobileCounselling,
            note: LocalizedText(
              id: "Konseling keliling setiap Sabtu kedua di kelurahan yang berganti.",
              en: "Mobile counselling every second Saturday in a different kelurahan.")))
      case .outpost:
        let names = bapas.outposts.map(\.name)
        out.append(
          BapasModalityOption(
            modality: .officeVisit, adjustment: .reportAtNearerOutpost,
            note: names.isEmpty
              ? LocalizedText(
                id: "Lapor di kantor pemerintah terdekat (tidak ada Pos Bapas tercatat).",
                en: "Report at a nearer government office (no Pos Bapas on record).")
              : LocalizedText(
                id: "Lapor di \(names.joined(separator: ", ")).", en: "Report at \(names.joined(separator: ", ")).")))
      }
    }
    if responsivity.format != .individual {
      let classical = responsivity.format == .classical
      out.append(
        BapasModalityOption(
          modality: .groupSession, adjustment: nil,
          note: classical
            ? LocalizedText(
              id: "Bimbingan klasikal bersama klien dengan masalah serupa.",
              en: "Classical guidance with clients who share the problem.")
            : LocalizedText(id: "Bimbingan kelompok.", en: "Group guidance.")))
    }
    return out
  }

  /// The next reassessment: the later of `assessedOn` and the case's last recorded assessment plus the
  /// rule's interval (12 months), brought forward to an event's date + `ReassessmentPolicy/daysAfterEvent`
  /// for each triggering event after that assessment and on or before `asOf`: a new legal status
  /// (`ReassessmentEvent/newOffenceInformation`), a compliance flag (`ReassessmentEvent/violation`),
  /// a stage transition (`ReassessmentEvent/stageChange`). The earliest wins; on equal dates the schedule wins.
  public func reassessmentDue(_ caseFile: CaseFile, assessedOn: CivilDate, asOf: CivilDate) -> BapasReassessmentDue {
    let last = max(assessedOn, caseFile.lastAssessmentDate ?? assessedOn)
    var due = BapasReassessmentDue(
      date: reassessmentRule.nextDue(lastAssessment: last, receivedOn: caseFile.receivedOn), reason: .scheduled,
      eventDate: nil,
      source: reassessmentRule.source)
    var events: [(ReassessmentEvent, CivilDate)] = caseFile.legalEvents.map { (.newOffenceInformation, $0.date) }
    events += caseFile.compliance(asOf: asOf, policy: compliancePolicy).flags
      .filter { $0.kind != .newSuspectOrConvictStatus }.map { (.violation, $0.raisedOn) }
    events += caseFile.transitions.map { (.stageChange, $0.date) }
    // Stable sort by date: of two events on the same day the one listed first (legal, compliance,
    // stage) is named, and a strict comparison keeps the schedule on a tie.
    for (event, date) in events.enumerated().sorted(by: { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }).map(
      \.element)
    where reassessmentPolicy.triggers.contains(event) && date > last && date <= asOf {
      let d = date.adding(days: reassessmentPolicy.daysAfterEvent)
      if d < due.date {
        due = BapasReassessmentDue(date: d, reason: .event(event), eventDate: date, source: reassessmentRule.source)
      }
    }
    return due
  }
}

/// Why a Bapas plan could not be built.
public enum BapasSupervisionError: Error, Equatable, Hashable, Codable, Sendable, CustomStringConvertible {
  /// The case belongs to another Bapas.
  case clientOfAnotherBapas(caseID: String, caseBapas: String, bapas: String)
  /// The case is closed, suspended or revoked.
  case caseNotActive(caseID: String, stage: CaseStage)
  /// The case's reporting schedule is less often than the monthly legal floor.
  case reportingBelowLegalFloor(every: Int, unit: ReportingUnit)
  /// The assessment is dated after the plan.
  case assessmentAfterPlanDate(assessedOn: CivilDate, asOf: CivilDate)
  /// Two programmes share an id.
  case duplicateProgramme(String)
  /// A programme's capacity is negative.
  case invalidCapacity(programme: String, capacity: Int)
  /// A programme names a partner that is not in the partner list.
  case unknownPartner(programme: String, partner: String)
  /// A programme's partner does not partner with this Bapas.
  case partnerOfAnotherBapas(programme: String, partner: String, bapas: String)
  /// The generic plan failed (no band, no mapping, below the legal floor …).
  case plan(SupervisionPlanError)
  /// A programme to enrol in is not among the Bapas's programmes.
  case unknownProgramme(String)
  /// A programme to enrol in has no place left.
  case programmeFull(programme: String, capacity: Int, enrolled: Int)
  /// A programme to enrol in fits none of the plan's target needs.
  case programmeFitsNoTarget(programme: String, targets: [String])

  /// A sentence naming what, where and why.
  public var description: String {
    switch self {
    case .clientOfAnotherBapas(let c, let cb, let b):
      "Case '\(c)' belongs to Bapas '\(cb)', not to '\(b)'; plan it at its own Bapas or transfer it first (pelimpahan bimbingan)."
    case .caseNotActive(let c, let stage):
      "Case '\(c)' is \(stage.label.english.lowercased()); only an active case can be planned."
    case .reportingBelowLegalFloor(let every, let unit):
      "The reporting schedule (every \(every) \(unit.rawValue)) is less often than the legal floor of once a month (wajib lapor)."
    case .assessmentAfterPlanDate(let a, let p): "The assessment (\(a)) is dated after the plan (\(p))."
    case .duplicateProgramme(let p): "Programme id '\(p)' is used twice."
    case .invalidCapacity(let p, let c): "Programme '\(p)' has capacity \(c); a capacity cannot be negative."
    case .unknownPartner(let p, let q): "Programme '\(p)' names partner '\(q)', which is not in the partner list."
    case .partnerOfAnotherBapas(let p, let q, let b):
      "Programme '\(p)' is delivered by partner '\(q)', which does not partner with Bapas '\(b)'."
    case .plan(let e): e.description
    case .unknownProgramme(let p): "Programme '\(p)' is not one of this Bapas's programmes."
    case .programmeFull(let p, let c, let n): "Programme '\(p)' is full: \(n) active enrolments for \(c) places."
    case .programmeFitsNoTarget(let p, let t):
      "Programme '\(p)' fits none of the plan's target needs (\(t.isEmpty ? "none" : t.joined(separator: ", "))); the need principle asks to target criminogenic needs."
    }
  }
}
