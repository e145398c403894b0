import AssessmentEngine

/// A Penelitian Kemasyarakatan (Litmas): a social inquiry report written by a PK.
///
/// UU 22/2022 Pasal 1: systematic, objective collection, processing, analysis and presentation of data
/// for services, pembinaan, pembimbingan and as input for investigators, prosecutors and judges. Types,
/// purposes and data sources from a Bapas training deck (`field-facts.md` B7).
///
/// JSON: `{"id": "L-2025-031", "type": "integrasi", "purpose": "pembimbinganProgramme",
/// "requester": {"kind": "lapas", "name": "Lapas Kerobokan"}, "dataSources": ["clientInterview", "verdict"],
/// "recommendation": "…", "authorID": "1987…", "date": "2024-11-02", "requestedOn": "2024-10-21",
/// "dueOn": "2024-11-04", "sections": {"identity": "…", "family": "…", …}}` — the last three optional
/// (absent in files written before they existed).
///
/// ``date`` is the day the report was finished; with ``requestedOn`` and ``dueOn`` the turnaround can be
/// measured (``turnaroundDays``, ``isOverdue``), as Kanwil and Ditjenpas reports need.
public struct Litmas: Sendable, Hashable, Codable, Identifiable {
  /// The report id.
  public var id: LitmasID
  /// The Litmas type.
  public var type: LitmasType
  /// What the report is for.
  public var purpose: LitmasPurpose
  /// Who asked for it.
  public var requester: LitmasRequester
  /// The data sources used.
  public var dataSources: [LitmasDataSource]
  /// The recommendation (*rekomendasi*) in the PK's words.
  public var recommendation: String
  /// The PK who wrote it.
  public var authorID: OfficerID
  /// The date of the report (the day it was finished).
  public var date: CivilDate
  /// The day the request letter was received, if recorded.
  public var requestedOn: CivilDate?
  /// The day the report was due, if a deadline was set.
  public var dueOn: CivilDate?
  /// The content of the report, section by section, if recorded.
  public var sections: LitmasSections?

  /// Creates a Litmas record.
  public init(
    id: LitmasID, type: LitmasType, purpose: LitmasPurpose, requester: LitmasRequester, dataSources: [LitmasDataSource],
    recommendation: String, authorID: OfficerID, date: CivilDate
  ) {
    self.id = id
    self.type = type
    self.purpose = purpose
    self.requester = requester
    self.dataSources = dataSources
    self.recommendation = recommendation
    self.authorID = authorID
    self.date = date
  }

  /// Creates a Litmas record with its request and due dates and content.
  public init(
    id: LitmasID, type: LitmasType, purpose: LitmasPurpose, requester: LitmasRequester, dataSources: [LitmasDataSource],
    recommendation: String, authorID: OfficerID, date: CivilDate, requestedOn: CivilDate?, dueOn: CivilDate? = nil,
    sections: LitmasSections? = nil
  ) {
    self.init(
      id: id, type: type, purpose: purpose, requester: requester, dataSources: dataSources,
      recommendation: recommendation, authorID: authorID, date: date)
    self.requestedOn = requestedOn
    self.dueOn = dueOn
    self.sections = sections
  }

  /// Days from the request to the report (`date − requestedOn`), or `nil` without a request date.
  public var turnaroundDays: Int? { requestedOn.map { $0.days(to: date) } }

  /// `true` when the report was finished after its due date; `nil` without a due date.
  public var isOverdue: Bool? { dueOn.map { date > $0 } }
}

/// The content of a Litmas, in the order of the report: identity, family, social background, the
/// offence and why it happened, the client's and the family's views, the community's response, the
/// PK's analysis and conclusion (the recommendation is ``Litmas/recommendation``). Sections from the
/// Bapas Litmas structure in `field-facts.md` B7 (personal, family and life-history data; analysis;
/// conclusion and recommendation) and the data sources it lists (client, family, neighbours and local
/// officials).
///
/// JSON: every key optional, each a text: `{"identity": "…", "family": "…", "socialBackground": "…",
/// "offenceAndReasons": "…", "clientView": "…", "familyView": "…", "communityResponse": "…",
/// "analysis": "…", "conclusion": "…"}`.
public struct LitmasSections: Sendable, Hashable, Codable {
  /// Identity of the client.
  public var identity: String?
  /// Family: parents, spouse, children, relations.
  public var family: String?
  /// Social background: schooling, work, neighbourhood, life history.
  public var socialBackground: String?
  /// The offence and why it happened.
  public var offenceAndReasons: String?
  /// The client's view of the offence and the future.
  public var clientView: String?
  /// The family's view and readiness to receive the client.
  public var familyView: String?
  /// The community's response (neighbours, local officials, the victim's side).
  public var communityResponse: String?
  /// The PK's analysis.
  public var analysis: String?
  /// The conclusion.
  public var conclusion: String?
  /// Creates the sections.
  public init(
    identity: String? = nil, family: String? = nil, socialBackground: String? = nil, offenceAndReasons: String? = nil,
    clientView: String? = nil, familyView: String? = nil, communityResponse: String? = nil, analysis: String? = nil,
    conclusion: String? = nil
  ) {
    self.identity = identity
    self.family = family
    self.socialBackground = socialBackground
    self.offenceAndReasons = offenceAndReasons
    self.clientView = clientView
    self.familyView = familyView
    self.communityResponse = communityResponse
    self.analysis = analysis
    self.conclusion = conclusion
  }

  /// The sections that are filled in, as (key, Indonesian title), in report order.
  public var filled: [(key: String, title: LocalizedText)] {
    let all: [(String, LocalizedText, String?)] = [
      ("identity", LocalizedText(id: "Identitas", en: "Identity"), identity),
      ("family", LocalizedText(id: "Keluarga", en: "Family"), family),
      ("socialBackground", LocalizedText(id: "Latar belakang sosial", en: "Social background"), socialBackground),
      (
        "offenceAndReasons", LocalizedText(id: "Tindak pidana dan latar belakangnya", en: "The offence and why"),
        offenceAndReasons
      ),
      ("clientView", LocalizedText(id: "Tanggapan klien", en: "The client's view"), clientView),
      ("familyView", LocalizedText(id: "Tanggapan keluarga", en: "The family's view"), familyView),
      ("communityResponse", LocalizedText(id: "Tanggapan masyarakat", en: "Community response"), communityResponse),
      ("analysis", LocalizedText(id: "Analisis", en: "Analysis"), analysis),
      ("conclusion", LocalizedText(id: "Kesimpulan", en: "Conclusion"), conclusion),
    ]
    return all.compactMap { k, t, v in (v ?? "").allSatisfy(\.isWhitespace) ? nil : (k, t) }
  }
}

/// The thirteen Litmas types listed in a Bapas deck citing UU 22/2022, UU 11/2012, PP 31/1999,
/// PP 58/2022, PP 65/2015, Permenkumham 35/2018 and 16/2023, and SE Dirjenpas PAS-08.OT.02.02 (2024).
public enum LitmasType: String, WireEnum {
  /// Perawatan Tahanan (care of detainees).
  case perawatanTahanan
  /// Pembinaan Awal (initial pembinaan programme in a Lapas).
  case pembinaanAwal
  /// Diversi.
  case diversi
  /// Anak usia di bawah 12 tahun (children under 12).
  case anakDibawah12Tahun
  /// Perawatan di LPAS/LPKA.
  case perawatanLPASLPKA
  /// Pemindahan warga binaan (transfer of inmates).
  case pemindahanWargaBinaan
  /// Pembimbingan (guidance of a Klien).
  case pembimbingan
  /// Penempatan awal (initial placement).
  case penempatanAwal
  /// Integrasi (PB, CB, CMB).
  case integrasi
  /// Sidang pengadilan (for a court hearing).
  case sidangPengadilan
  /// Saksi dan/atau korban (anak) (child witness or victim).
  case saksiKorbanAnak
  /// Asimilasi.
  case asimilasi
  /// Cuti mengunjungi keluarga (family-visit leave).
  case cutiMengunjungiKeluarga
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .perawatanTahanan: LocalizedText(id: "Litmas perawatan tahanan", en: "Report for detainee care")
    case .pembinaanAwal: LocalizedText(id: "Litmas pembinaan awal", en: "Report for the initial prison programme")
    case .diversi: LocalizedText(id: "Litmas diversi", en: "Report for diversion")
    case .anakDibawah12Tahun: LocalizedText(id: "Litmas anak usia di bawah 12 tahun", en: "Report on a child under 12")
    case .perawatanLPASLPKA:
      LocalizedText(id: "Litmas perawatan di LPAS/LPKA", en: "Report for care in a juvenile facility")
    case .pemindahanWargaBinaan:
      LocalizedText(id: "Litmas pemindahan warga binaan", en: "Report for an inmate transfer")
    case .pembimbingan: LocalizedText(id: "Litmas pembimbingan", en: "Report for guidance")
    case .penempatanAwal: LocalizedText(id: "Litmas penempatan awal", en: "Report for initial placement")
    case .integrasi: LocalizedText(id: "Litmas integrasi (PB, CB, CMB)", en: "Report for parole or leave")
    case .sidangPengadilan: LocalizedText(id: "Litmas sidang pengadilan", en: "Pre-sentence report")
    case .saksiKorbanAnak:
      LocalizedText(id: "Litmas saksi dan/atau korban anak", en: "Report on a child witness or victim")
    case .asimilasi: LocalizedText(id: "Litmas asimilasi", en: "Report for assimilation")
    case .cutiMengunjungiKeluarga:
      LocalizedText(id: "Litmas cuti mengunjungi keluarga", en: "Report for family-visit leave")
    }
  }
}

/// The purposes of a Litmas listed in the same deck.
public enum LitmasPurpose: String, WireEnum {
  /// Help investigators, prosecutors and judges in cases of children in conflict with the law (ABH).
  case assistJudicialProcess
  /// Set the pembinaan programme in a Lapas, LPKA or Rutan.
  case pembinaanProgramme
  /// Set the perawatan programme for detainees.
  case perawatanProgramme
  /// Set the pembimbingan programme for a Klien.
  case pembimbinganProgramme
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .assistJudicialProcess:
      LocalizedText(id: "Membantu penyidik, penuntut umum dan hakim", en: "Assist the justice process")
    case .pembinaanProgramme: LocalizedText(id: "Menentukan program pembinaan", en: "Set the custodial programme")
    case .perawatanProgramme:
      LocalizedText(id: "Menentukan program perawatan tahanan", en: "Set the detainee care programme")
    case .pembimbinganProgramme: LocalizedText(id: "Menentukan program pembimbingan", en: "Set the guidance programme")
    }
  }
}

/// Who requested a Litmas. JSON: `{"kind": "court", "name": "PN Denpasar"}`.
public struct LitmasRequester: Sendable, Hashable, Codable {
  /// The kind of requesting body.
  public var kind: RequesterKind
  /// Its name.
  public var name: String
  /// Creates a requester.
  public init(kind: RequesterKind, name: String) {
    self.kind = kind
    self.name = name
  }
}

/// The kind of body requesting a Litmas.
public enum RequesterKind: String, WireEnum {
  /// Investigator (*penyidik*, police).
  case investigator
  /// Prosecutor (*penuntut umum*).
  case prosecutor
  /// Court (*pengadilan*).
  case court
  /// Lapas (prison).
  case lapas
  /// LPKA (juvenile prison).
  case lpka
  /// Rutan (remand centre).
  case rutan
  /// The Bapas itself (e.g. for guidance or a sidang TPP).
  case bapas
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .investigator: LocalizedText(id: "Penyidik", en: "Investigator")
    case .prosecutor: LocalizedText(id: "Penuntut umum", en: "Prosecutor")
    case .court: LocalizedText(id: "Pengadilan", en: "Court")
    case .lapas: LocalizedText(id: "Lapas", en: "Prison")
    case .lpka: LocalizedText(id: "LPKA", en: "Juvenile prison")
    case .rutan: LocalizedText(id: "Rutan", en: "Remand centre")
    case .bapas: LocalizedText(id: "Bapas", en: "Bapas")
    }
  }
}

/// Litmas data sources (`field-facts.md` B7).
public enum LitmasDataSource: String, WireEnum {
  /// Interview with the client.
  case clientInterview
  /// Interview with family or guarantor.
  case familyInterview
  /// Neighbours, community leaders and local officials.
  case communityInterview
  /// Lapas staff and fellow inmates.
  case institutionInterview
  /// Copy of the verdict (*putusan*).
  case verdict
  /// The police examination report (BAP).
  case bap
  /// Results of a risk and need assessment (*hasil asesmen*).
  case assessmentResults
  /// Observation.
  case observation
  /// Literature and documents.
  case documents
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .clientInterview: LocalizedText(id: "Wawancara klien", en: "Client interview")
    case .familyInterview: LocalizedText(id: "Wawancara keluarga/penjamin", en: "Family or guarantor interview")
    case .communityInterview:
      LocalizedText(id: "Tetangga, tokoh masyarakat, aparat setempat", en: "Neighbours and local officials")
    case .institutionInterview:
      LocalizedText(id: "Petugas dan sesama warga binaan", en: "Prison staff and fellow inmates")
    case .verdict: LocalizedText(id: "Salinan putusan", en: "Copy of the verdict")
    case .bap: LocalizedText(id: "Berita acara pemeriksaan (BAP)", en: "Police examination report")
    case .assessmentResults: LocalizedText(id: "Hasil asesmen", en: "Assessment results")
    case .observation: LocalizedText(id: "Observasi", en: "Observation")
    case .documents: LocalizedText(id: "Studi dokumentasi dan literatur", en: "Documents and literature")
    }
  }
}
