import AssessmentEngine

/// A problem found in one record of an assertive-training group: where it is (JSON path, client,
/// target behaviour, step), what is wrong, and one sentence a PK understands.
///
/// The record is left out of the analysis; every other record is still analysed and reported.
public struct AssertiveTrainingIssue: Error, Hashable, Codable, Sendable, RedactableDescription {
  /// What is wrong.
  public enum Problem: Hashable, Codable, Sendable {
    /// A step event breaks the step rules (see ``StepTracker``).
    case stepRule(StepRuleViolation)
    /// A record names a client who is not enrolled in the group.
    case clientNotEnrolled
    /// Two training records for the same client.
    case duplicateClientRecord
    /// A target id used twice for the same client.
    case duplicateTarget
    /// A session led by an officer not listed as a facilitator.
    case unknownFacilitator(OfficerID)
    /// A session naming a partner not listed among the partners.
    case unknownPartner(PartnerID)
    /// An event naming a session number that does not exist.
    case unknownSession(Int)
    /// Two sessions with the same number.
    case duplicateSession(Int)
    /// A post or follow-up measure (or checklist) dated before the client's baseline.
    case occasionBeforeBaseline(occasion: OutcomeOccasion, date: CivilDate, baseline: CivilDate)
    /// The same client, instrument and occasion given twice.
    case duplicateAdministration
    /// Two checklists for the same client and occasion.
    case duplicateChecklist
    /// An instrument id that is not a built-in outcome instrument.
    case unknownInstrument(String)
    /// A scale the instrument does not have.
    case unknownScale(instrument: String, scale: String)
    /// The number of responses differs from the number of items.
    case responseCount(expected: Int, found: Int)
    /// A response that is not on the instrument's scale.
    case responseOutOfScale(item: String, value: Int, min: Int, max: Int, excluded: [Int])
    /// Too many items missing to score a scale under the missing-data rule.
    case tooManyMissingItems(instrument: String, scale: String, answered: Int, required: Int)
    /// A reliability outside [0, 1) or an SD that is not positive.
    case invalidReference(field: String, value: Double)
    /// A success indicator with a weight or target that is not positive.
    case invalidIndicator(field: String, value: Double)
    /// A rule of ``TrainingRules`` that cannot hold; the defaults are used instead.
    case invalidRules(field: String, reason: String)
    /// A record that could not be read at all (its field path and the reason).
    case unreadableRecord(reason: String)
  }

  /// The JSON path of the record or field, e.g. `$.clients[1].targets[0].events[4].rating`.
  public var path: String
  /// The client concerned, when known.
  public var client: ClientID?
  /// The target behaviour's id, when the problem is in one.
  public var target: String?
  /// The step concerned, when there is one.
  public var step: AssertiveTrainingStep?
  /// What is wrong.
  public var problem: Problem

  /// Creates an issue.
  public init(
    path: String, client: ClientID? = nil, target: String? = nil, step: AssertiveTrainingStep? = nil, problem: Problem
  ) {
    self.path = path
    self.client = client
    self.target = target
    self.step = step
    self.problem = problem
  }

  /// The field named by the issue (the last component of ``path``).
  public var field: String {
    let tail = path.split(separator: ".").last.map(String.init) ?? path
    return tail.split(separator: "[").first.map(String.init) ?? tail
  }

  /// `client K-03, target T1, step 3 (…): <reason> [$.clients[2]…]` in the given language.
  public func message(in language: DisplayLanguage) -> String {
    let en = language == .english
    var place: [String] = []
    if let client { place.append((en ? "client " : "klien ") + Redaction.bare(client.rawValue)) }
    if let target { place.append("target " + target) }
    if let step { place.append((en ? "step " : "langkah ") + "\(step.number)") }
    let head = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
    return head + reason(in: language) + " [\(path)]"
  }

  /// The English sentence.
  public var description: String { message(in: .english) }

  private func reason(in language: DisplayLanguage) -> String {
    let en = language == .english
    switch problem {
    case .stepRule(let violation):
      return violation.message(in: language)
    case .clientNotEnrolled:
      return en
        ? "the client is not enrolled in this group; the record is left out."
        : "klien tidak terdaftar dalam kelompok ini; catatan tidak diolah."
    case .duplicateClientRecord:
      return en
        ? "a second training record for the same client; only the first is used."
        : "catatan latihan kedua untuk klien yang sama; hanya yang pertama dipakai."
    case .duplicateTarget:
      return en
        ? "the target id is used twice for this client; the second is left out."
        : "id target dipakai dua kali untuk klien ini; yang kedua tidak diolah."
    case .unknownFacilitator(let id):
      return en
        ? "the facilitator \(Redaction.quote(id.rawValue)) is not listed among the group's facilitators."
        : "fasilitator \(Redaction.quote(id.rawValue)) tidak tercantum sebagai fasilitator kelompok."
    case .unknownPartner(let id):
      return en
        ? "the partner \(Redaction.quote(id.rawValue)) is not listed among the group's partners."
        : "mitra \(Redaction.quote(id.rawValue)) tidak tercantum sebagai mitra kelompok."
    case .unknownSession(let n):
      return en ? "there is no session number \(n)." : "tidak ada sesi nomor \(n)."
    case .duplicateSession(let n):
      return en
        ? "session number \(n) is recorded twice; the second is left out."
        : "sesi nomor \(n) tercatat dua kali; yang kedua tidak diolah."
    case .occasionBeforeBaseline(let occasion, let date, let baseline):
      return en
        ? "the \(occasion.label.english.lowercased()) measure is dated \(date), before the baseline (\(baseline)); it is left out."
        : "pengukuran \(occasion.label.indonesian.lowercased()) bertanggal \(date), sebelum pengukuran awal (\(baseline)); tidak diolah."
    case .duplicateAdministration:
      return en
        ? "the same instrument was recorded twice for this client and occasion; the second is left out."
        : "instrumen yang sama tercatat dua kali untuk klien dan waktu ini; yang kedua tidak diolah."
    case .duplicateChecklist:
      return en
        ? "a second checklist for this client and occasion; only the first is used."
        : "daftar periksa kedua untuk klien dan waktu ini; hanya yang pertama dipakai."
    case .unknownInstrument(let id):
      return en
        ? "'\(id)' is not a built-in outcome instrument (use 'icq' or 'ras')."
        : "'\(id)' bukan instrumen hasil bawaan (gunakan 'icq' atau 'ras')."
    case .unknownScale(let instrument, let scale):
      return en
        ? "the instrument '\(instrument)' has no scale '\(scale)'."
        : "instrumen '\(instrument)' tidak memiliki skala '\(scale)'."
    case .responseCount(let expected, let found):
      return en
        ? "\(found) responses were given; the instrument has \(expected) items."
        : "terdapat \(found) jawaban; instrumen memiliki \(expected) butir."
    case .responseOutOfScale(let item, let value, let min, let max, let excluded):
      let ex =
        excluded.isEmpty ? "" : (en ? " except " : " kecuali ") + excluded.map(String.init).joined(separator: ", ")
      return en
        ? "'\(item)' is \(Redaction.bare(String(value))), not a response on the scale \(min) to \(max)\(ex)."
        : "'\(item)' bernilai \(Redaction.bare(String(value))), bukan jawaban pada skala \(min) sampai \(max)\(ex)."
    case .tooManyMissingItems(let instrument, let scale, let answered, let required):
      return en
        ? "\(instrument.uppercased()) \(scale) cannot be scored: only \(answered) items answered, \(required) required; the measure is left out for this scale."
        : "\(instrument.uppercased()) \(scale) tidak dapat diskor: hanya \(answered) butir dijawab, diperlukan \(required); skala ini tidak diolah."
    case .invalidReference(let field, let value):
      return en
        ? "'\(field)' is \(value); a reliability must be in [0, 1) and an SD positive."
        : "'\(field)' bernilai \(value); reliabilitas harus dalam [0, 1) dan SD positif."
    case .invalidIndicator(let field, let value):
      if field == "weight" {
        return en
          ? "'weight' (ketuntasan) is \(value); it must be zero or more, or left out. The indicator is left out."
          : "'weight' (ketuntasan) bernilai \(value); harus nol atau lebih, atau dikosongkan. Indikator tidak diolah."
      }
      return en
        ? "'\(field)' is \(value); it must be positive. The indicator is left out."
        : "'\(field)' bernilai \(value); harus positif. Indikator tidak diolah."
    case .invalidRules(let field, let reason):
      return en
        ? "rule '\(field)': \(reason); the default rules are used."
        : "aturan '\(field)': \(reason); aturan bawaan dipakai."
    case .unreadableRecord(let reason):
      return en ? "the record cannot be read: \(reason)." : "catatan tidak dapat dibaca: \(reason)."
    }
  }
}
