import AssessmentEngine
import _SDKSupport

/// A pseudonymised, k-anonymous table of case files for research: no direct identifier, no free text,
/// ages as bands and event dates as months (UU 27/2022 PDP: purpose limitation, minimisation and
/// pseudonymisation; UU 11/2012 SPPA Pasal 19: no child identity in publications).
///
/// - **Pseudonym**: lowercase hex HMAC-SHA256(key, UTF-8 client id), all 64 digits. Two exports made
///   with the same key link; without the key nobody can reverse or recompute them. The key is an input
///   only: it is never stored in the result.
/// - **Age band** at ``ResearchExportOptions/asOf``: `12-17`, `18-25`, `26-35`, `36-45`, `46-55`, `56+`.
///   A client under 12 (or born after the date) fits no band and is suppressed.
/// - **k-anonymity**: rows whose quasi-identifier group (ageBand, sex, bapasCode, legalBasis) has fewer
///   than *k* members are suppressed, and counted in ``ResearchExport/suppressed``.
/// - **No free text** for anyone, children included: notes, reasons, recommendations, references and
///   names are never read. The latest assessment result is written only when it is one of
///   ``ResearchExportOptions/bandVocabulary`` (a band label), else as `other`.
/// - Rows are sorted by pseudonym, so the order of the input file cannot link a row back to it.
///
/// ```swift
/// let export = try ResearchExport(cases: batch.records, options: ResearchExportOptions(
///   key: keyBytes, k: 3, asOf: try CivilDate(iso: "2026-01-01")))
/// print(export.rows.count, export.suppressed.total)
/// ```
///
/// - Complexity: O(*n* log *n* + *N*) for *n* cases holding *N* records in all.
public struct ResearchExport: Sendable, Hashable {
  /// The rows kept, sorted by pseudonym.
  public var rows: [ResearchRow]
  /// How many cases were left out, and why.
  public var suppressed: SuppressionCounts
  /// The number of quasi-identifier groups with fewer than k members.
  public var groupsBelowK: Int
  /// The options used, without the key.
  public var asOf: CivilDate
  /// The k used.
  public var k: Int

  /// The quasi-identifier columns the k-anonymity check groups by.
  public static let quasiIdentifiers = ["ageBand", "sex", "bapasCode", "legalBasis"]

  /// The shortest key accepted: 32 bytes, the output length of SHA-256 (RFC 2104 §3: keys shorter
  /// than the hash output weaken the function).
  public static let minimumKeyLength = 32

  /// Builds the export.
  ///
  /// - Throws: ``ResearchExportError`` for a key shorter than ``minimumKeyLength`` or k below 2.
  public init(cases: [CaseFile], options: ResearchExportOptions) throws(ResearchExportError) {
    guard options.key.count >= Self.minimumKeyLength else {
      throw .keyTooShort(bytes: options.key.count, minimum: Self.minimumKeyLength)
    }
    guard options.k >= 2 else { throw .kTooSmall(options.k) }
    var candidates: [ResearchRow] = []
    var suppressed = SuppressionCounts()
    for file in cases {
      guard let row = ResearchRow(file, options: options) else {
        suppressed.ageOutsideBands += 1
        continue
      }
      candidates.append(row)
    }
    var groups: [ResearchRow.QuasiIdentifierGroup: Int] = [:]
    for row in candidates { groups[row.group, default: 0] += 1 }
    rows = candidates.filter { (groups[$0.group] ?? 0) >= options.k }.sorted { $0.pseudonym < $1.pseudonym }
    suppressed.belowK = candidates.count - rows.count
    self.suppressed = suppressed
    groupsBelowK = groups.values.filter { $0 < options.k }.count
    asOf = options.asOf
    k = options.k
  }
}

/// How many case files a research export left out, by reason.
public struct SuppressionCounts: Sendable, Hashable, Codable {
  /// In a quasi-identifier group with fewer than k members.
  public var belowK = 0
  /// Under 12 (or born after the export date): no age band.
  public var ageOutsideBands = 0
  /// Creates counts.
  public init(belowK: Int = 0, ageOutsideBands: Int = 0) {
    self.belowK = belowK
    self.ageOutsideBands = ageOutsideBands
  }
  /// All suppressed rows.
  public var total: Int { belowK + ageOutsideBands }
}

/// The settings of a research export.
public struct ResearchExportOptions: Sendable {
  /// The HMAC key (at least ``ResearchExport/minimumKeyLength`` bytes). Keep it apart from the export.
  public var key: [UInt8]
  /// The k of k-anonymity (≥ 2).
  public var k: Int
  /// The date ages, stages and flags are computed at.
  public var asOf: CivilDate
  /// Result labels written as they are (lowercased); any other result becomes `other`, so that a free
  /// text typed into the result field cannot leak.
  public var bandVocabulary: Set<String>

  /// The bands of the RRI (rendah / sedang / tinggi, Kepdirjenpas PAS-31.OT.02.02 Tahun 2021 via
  /// `field-facts.md` B4) and the common English five-level labels.
  public static let defaultBandVocabulary: Set<String> = [
    "sangat rendah", "rendah", "sedang", "tinggi", "sangat tinggi",
    "very low", "low", "low/moderate", "moderate", "medium", "moderate/high", "high", "very high",
  ]

  /// Creates options.
  public init(key: [UInt8], k: Int, asOf: CivilDate, bandVocabulary: Set<String> = Self.defaultBandVocabulary) {
    self.key = key
    self.k = k
    self.asOf = asOf
    self.bandVocabulary = bandVocabulary
  }
}

/// Why a research export cannot be made.
public enum ResearchExportError: Error, Equatable, Sendable, RedactableDescription {
  /// The key is shorter than the minimum.
  case keyTooShort(bytes: Int, minimum: Int)
  /// k is below 2 (k = 1 suppresses nothing).
  case kTooSmall(Int)

  /// One sentence naming the problem.
  public var description: String {
    switch self {
    case .keyTooShort(let bytes, let minimum):
      "the key has \(bytes) byte\(bytes == 1 ? "" : "s"); a pseudonymisation key needs at least \(minimum) (e.g. `head -c 32 /dev/urandom > research.key`)."
    case .kTooSmall(let k): "k must be at least 2 (got \(k)); with k = 1 no row would be protected."
    }
  }
}

/// The age bands of a research export.
public enum AgeBand: String, WireEnum {
  /// 12 to 17: a child (*anak*, UU 11/2012 Pasal 1 angka 3).
  case age12to17 = "12-17"
  /// 18 to 25.
  case age18to25 = "18-25"
  /// 26 to 35.
  case age26to35 = "26-35"
  /// 36 to 45.
  case age36to45 = "36-45"
  /// 46 to 55.
  case age46to55 = "46-55"
  /// 56 and over.
  case age56plus = "56+"

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// The band of a completed age, or `nil` under 12.
  public init?(age: Int) {
    switch age {
    case 12...17: self = .age12to17
    case 18...25: self = .age18to25
    case 26...35: self = .age26to35
    case 36...45: self = .age36to45
    case 46...55: self = .age46to55
    case 56...: self = .age56plus
    default: return nil
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText { LocalizedText(id: rawValue + " tahun", en: rawValue + " years") }
}

/// One case in a research export: pseudonym, quasi-identifiers as bands and codes, analysable counts.
///
/// JSON keys and CSV columns, in this order: `pseudonym, ageBand, sex, bapasCode, legalBasis, stage,
/// receivedMonth, guidanceStartMonth, guidanceEndMonth, contactsAttended, contactsMissed,
/// contactsExcused, programmeEnrolments, programmeHours, assessments, latestAssessmentMonth,
/// latestBand, flags, revocationState`.
public struct ResearchRow: Sendable, Hashable, Codable {
  /// 64 lowercase hex digits: HMAC-SHA256(key, UTF-8 client id).
  public var pseudonym: String
  /// The age band at the export date.
  public var ageBand: AgeBand
  /// The recorded sex.
  public var sex: Sex
  /// The Bapas holding the case.
  public var bapasCode: BapasCode
  /// The legal basis of guidance.
  public var legalBasis: LegalBasis
  /// The stage on the export date.
  public var stage: CaseStage
  /// The month of reception, `YYYY-MM`.
  public var receivedMonth: String
  /// The first month of the masa bimbingan.
  public var guidanceStartMonth: String
  /// The last month of the masa bimbingan.
  public var guidanceEndMonth: String
  /// Wajib-lapor and other contacts attended up to the export date.
  public var contactsAttended: Int
  /// Contacts missed.
  public var contactsMissed: Int
  /// Contacts excused.
  public var contactsExcused: Int
  /// Programme enrolments begun by the export date.
  public var programmeEnrolments: Int
  /// Programme hours attended.
  public var programmeHours: Double
  /// Risk and need assessments dated on or before the export date.
  public var assessments: Int
  /// The month of the latest assessment, if any.
  public var latestAssessmentMonth: String?
  /// The latest assessment's band (a ``ResearchExportOptions/bandVocabulary`` label or `other`).
  public var latestBand: String?
  /// The compliance flags raised by the export date (``CaseFile/compliance(asOf:policy:)``), sorted.
  public var flags: [ComplianceFlagKind]
  /// The state of a revocation proceeding on the export date, if one was opened by then.
  public var revocationState: RevocationState?

  struct QuasiIdentifierGroup: Hashable {
    var ageBand: AgeBand
    var sex: Sex
    var bapasCode: BapasCode
    var legalBasis: LegalBasis
  }

  var group: QuasiIdentifierGroup {
    QuasiIdentifierGroup(ageBand: ageBand, sex: sex, bapasCode: bapasCode, legalBasis: legalBasis)
  }

  /// The CSV header, in column order.
  public static let columns = [
    "pseudonym", "ageBand", "sex", "bapasCode", "legalBasis", "stage", "receivedMonth", "guidanceStartMonth",
    "guidanceEndMonth", "contactsAttended", "contactsMissed", "contactsExcused", "programmeEnrolments",
    "programmeHours",
    "assessments", "latestAssessmentMonth", "latestBand", "flags", "revocationState",
  ]

  /// `nil` when the client fits no age band on the export date.
  init?(_ file: CaseFile, options: ResearchExportOptions) {
    guard let band = AgeBand(age: file.client.age(on: options.asOf)) else { return nil }
    pseudonym = HMACSHA256.hex(key: options.key, message: Array(file.client.id.rawValue.utf8))
    ageBand = band
    sex = file.client.sex
    bapasCode = file.bapasCode
    legalBasis = file.client.legalBasis
    stage = Self.stage(of: file, asOf: options.asOf)
    receivedMonth = Self.month(file.receivedOn)
    guidanceStartMonth = Self.month(file.guidancePeriod.start)
    guidanceEndMonth = Self.month(file.guidancePeriod.end)
    let past = file.contacts.filter { $0.date <= options.asOf }
    contactsAttended = past.filter { $0.attendance == .attended }.count
    contactsMissed = past.filter { $0.attendance == .missed }.count
    contactsExcused = past.filter { $0.attendance == .excused }.count
    programmeEnrolments = file.enrolments.filter { $0.enrolledOn <= options.asOf }.count
    programmeHours = file.enrolments.reduce(0) { total, e in
      total + e.attendance.filter { $0.status == .attended && $0.date <= options.asOf }.reduce(0) { $0 + $1.hours }
    }
    let assessed = file.assessments.filter { $0.date <= options.asOf }
    assessments = assessed.count
    let latest = assessed.enumerated().max { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }?.element
    latestAssessmentMonth = latest.map { Self.month($0.date) }
    latestBand = latest.flatMap(\.result).map { result in
      let normalised = result.trimmingWhitespace.lowercased()
      return options.bandVocabulary.contains(normalised) ? normalised : "other"
    }
    flags = Array(Set(file.compliance(asOf: options.asOf).flags.map(\.kind))).sorted { $0.rawValue < $1.rawValue }
    revocationState = file.revocation.flatMap { r in r.steps.last { $0.date <= options.asOf }?.state }
  }

  /// The stage on `date`: the transitions dated on or before it replayed from reception (the case's
  /// current stage when its record does not replay).
  static func stage(of file: CaseFile, asOf date: CivilDate) -> CaseStage {
    let fresh = CaseFile(
      id: file.id, bapasCode: file.bapasCode, officerID: file.officerID, client: file.client,
      receivedOn: file.receivedOn, guidancePeriod: file.guidancePeriod, reportingSchedule: file.reportingSchedule)
    let past = file.transitions.filter { $0.date <= date }
    guard past.count < file.transitions.count else { return file.stage }
    do { return try CaseLifecycle.replay(past, receivedOn: file.receivedOn).last ?? fresh.stage } catch {
      return file.stage
    }
  }

  static func month(_ date: CivilDate) -> String { String(date.description.prefix(7)) }

  /// The row's cells in ``columns`` order (flags joined with `;`, absent values empty).
  public var cells: [String] {
    [
      pseudonym, ageBand.rawValue, sex.rawValue, bapasCode.rawValue, legalBasis.rawValue, stage.rawValue, receivedMonth,
      guidanceStartMonth, guidanceEndMonth, String(contactsAttended), String(contactsMissed), String(contactsExcused),
      String(programmeEnrolments), formatHours(programmeHours), String(assessments), latestAssessmentMonth ?? "",
      latestBand ?? "", flags.map(\.rawValue).joined(separator: ";"), revocationState?.rawValue ?? "",
    ]
  }

  private func formatHours(_ h: Double) -> String {
    h == h.rounded() && abs(h) < 1e15 ? String(Int(h)) : String(h)
  }
}

extension String {
  /// The text without leading and trailing white space.
  fileprivate var trimmingWhitespace: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
