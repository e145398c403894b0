import AssessmentEngine

/// A guidance programme run by a Bapas, alone or with a Pokmas Lipas partner.
///
/// UU 22/2022 Pasal 56: programmes cover *pembimbingan kepribadian* and *pembimbingan kemandirian*.
/// Methods from seed 004 (individual, kelompok, klasikal); categories from seeds 001–003.
///
/// JSON: `{"id": "PRG-LELE", "name": "Budidaya ikan lele", "category": "fishFarming", "method": "kelompok",
/// "partnerID": "POK-01", "schedule": {"start": "2025-03-01", "end": "2025-05-31",
/// "recurrence": "weekly", "hoursPerSession": 2}, "capacity": 15}` (`partnerID` optional). The kind
/// (kepribadian / kemandirian) is derived from the category and is not written.
public struct Programme: Sendable, Hashable, Codable, Identifiable {
  /// The programme id.
  public var id: ProgrammeID
  /// The programme name.
  public var name: String
  /// The category; decides ``kind``.
  public var category: ProgrammeCategory
  /// How the programme is delivered.
  public var method: GuidanceMethod
  /// The Pokmas Lipas partner delivering it, if any.
  public var partnerID: PartnerID?
  /// When the sessions take place.
  public var schedule: ProgrammeSchedule
  /// The maximum number of clients.
  public var capacity: Int

  /// Creates a programme.
  public init(
    id: ProgrammeID, name: String, category: ProgrammeCategory, method: GuidanceMethod, partnerID: PartnerID? = nil,
    schedule: ProgrammeSchedule, capacity: Int
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.method = method
    self.partnerID = partnerID
    self.schedule = schedule
    self.capacity = capacity
  }

  /// Kepribadian or kemandirian, from the category.
  public var kind: ProgrammeKind { category.kind }

  /// The number of active enrolments in this programme across `cases`.
  ///
  /// - Complexity: O(*n*·*e*) for *n* cases with *e* enrolments each.
  public func activeEnrolments(in cases: [CaseFile]) -> Int {
    cases.reduce(0) { $0 + $1.enrolments.filter { $0.programmeID == id && $0.status == .active }.count }
  }

  /// Places left (never negative): ``capacity`` minus the active enrolments in `cases`.
  public func remainingPlaces(in cases: [CaseFile]) -> Int {
    max(0, capacity - activeEnrolments(in: cases))
  }
}

/// The two kinds of guidance programme (UU 22/2022 Pasal 56).
public enum ProgrammeKind: String, WireEnum {
  /// Bimbingan kepribadian (personality): faith, civic awareness, intellect, attitudes, law, reintegration.
  case kepribadian
  /// Bimbingan kemandirian (independence): work skills and production training.
  case kemandirian
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .kepribadian: LocalizedText(id: "Bimbingan kepribadian", en: "Personality guidance")
    case .kemandirian: LocalizedText(id: "Bimbingan kemandirian", en: "Independence guidance")
    }
  }
}

/// Programme categories named in the seeds.
///
/// Kepribadian areas follow PP 31/1999 Pasal 1 as quoted in seed 003 and domain.md (faith, national and
/// civic awareness, intellect, attitudes and behaviour, legal awareness, reintegration, physical and
/// mental health) and seed 004's activity list (social, safety and order, arts and culture).
/// Kemandirian examples: Bapas Kelas I Palembang (seed 003: catfish farming, screen printing, jumputan,
/// waste into goods, hydroponics, make-up and hairdressing) and Yayasan Gerasa (seed 002: bartending,
/// cakes, clothing).
public enum ProgrammeCategory: String, WireEnum {
  /// Kesadaran beragama (faith).
  case religious
  /// Kesadaran berbangsa dan bernegara (national and civic awareness).
  case civicAwareness
  /// Kemampuan intelektual (intellect, literacy).
  case intellectual
  /// Sikap dan perilaku (attitudes and behaviour), incl. assertive training (seed 000).
  case attitudeAndBehaviour
  /// Kesadaran hukum (legal awareness).
  case legalAwareness
  /// Reintegrasi sehat dengan masyarakat (reintegration).
  case reintegration
  /// Kesehatan jasmani dan rohani (physical and mental health), incl. substance-use counselling.
  case health
  /// Bimbingan sosial (social guidance), e.g. community activities like AKSALARASA (seed 002).
  case social
  /// Keamanan dan ketertiban (safety and order) (seed 004).
  case safetyAndOrder
  /// Seni dan budaya (arts and culture) (seed 004).
  case artsAndCulture
  /// Budidaya ikan lele (catfish farming).
  case fishFarming
  /// Sablon tekstil (screen printing).
  case screenPrinting
  /// Kerajinan jumputan and other crafts.
  case crafts
  /// Pengelolaan barang bekas (turning waste into pottery and household goods).
  case wasteRecycling
  /// Hidroponik (hydroponic farming) and other farming.
  case hydroponicFarming
  /// Rias dan gunting rambut (make-up and hairdressing).
  case makeUpAndHairdressing
  /// Bartending.
  case bartending
  /// Pembuatan kue (cake production).
  case bakery
  /// Pakaian (clothing production).
  case clothing
  /// Other work-skills or production training.
  case otherVocational

  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }

  /// Kepribadian or kemandirian.
  public var kind: ProgrammeKind {
    switch self {
    case .religious, .civicAwareness, .intellectual, .attitudeAndBehaviour, .legalAwareness, .reintegration,
      .health, .social, .safetyAndOrder, .artsAndCulture:
      .kepribadian
    case .fishFarming, .screenPrinting, .crafts, .wasteRecycling, .hydroponicFarming, .makeUpAndHairdressing,
      .bartending, .bakery, .clothing, .otherVocational:
      .kemandirian
    }
  }

  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .religious: LocalizedText(id: "Kesadaran beragama", en: "Religious awareness")
    case .civicAwareness: LocalizedText(id: "Kesadaran berbangsa dan bernegara", en: "National and civic awareness")
    case .intellectual: LocalizedText(id: "Kemampuan intelektual", en: "Intellectual development")
    case .attitudeAndBehaviour: LocalizedText(id: "Sikap dan perilaku", en: "Attitudes and behaviour")
    case .legalAwareness: LocalizedText(id: "Kesadaran hukum", en: "Legal awareness")
    case .reintegration: LocalizedText(id: "Reintegrasi dengan masyarakat", en: "Reintegration into the community")
    case .health: LocalizedText(id: "Kesehatan jasmani dan rohani", en: "Physical and mental health")
    case .social: LocalizedText(id: "Bimbingan sosial", en: "Social guidance")
    case .safetyAndOrder: LocalizedText(id: "Keamanan dan ketertiban", en: "Safety and order")
    case .artsAndCulture: LocalizedText(id: "Seni dan budaya", en: "Arts and culture")
    case .fishFarming: LocalizedText(id: "Budidaya ikan lele", en: "Catfish farming")
    case .screenPrinting: LocalizedText(id: "Sablon tekstil", en: "Textile screen printing")
    case .crafts: LocalizedText(id: "Kerajinan (jumputan)", en: "Crafts (jumputan tie-dye)")
    case .wasteRecycling: LocalizedText(id: "Pengolahan barang bekas", en: "Turning waste into goods")
    case .hydroponicFarming: LocalizedText(id: "Bercocok tanam hidroponik", en: "Hydroponic farming")
    case .makeUpAndHairdressing: LocalizedText(id: "Rias dan gunting rambut", en: "Make-up and hairdressing")
    case .bartending: LocalizedText(id: "Bartender", en: "Bartending")
    case .bakery: LocalizedText(id: "Pembuatan kue", en: "Cake production")
    case .clothing: LocalizedText(id: "Pembuatan pakaian", en: "Clothing production")
    case .otherVocational: LocalizedText(id: "Pelatihan keterampilan lain", en: "Other vocational training")
    }
  }
}

/// How guidance is delivered (seed 004).
public enum GuidanceMethod: String, WireEnum {
  /// Individual (*perorangan*).
  case individual
  /// Group (*kelompok*).
  case kelompok
  /// Classical (*klasikal*): a class of clients who share a problem.
  case klasikal
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .individual: LocalizedText(id: "Perorangan", en: "Individual")
    case .kelompok: LocalizedText(id: "Kelompok", en: "Group")
    case .klasikal: LocalizedText(id: "Klasikal", en: "Classroom")
    }
  }
}

/// When a programme's sessions take place.
///
/// JSON: `{"start": "2025-03-01", "end": "2025-05-31", "recurrence": "weekly", "hoursPerSession": 2}`.
public struct ProgrammeSchedule: Sendable, Hashable, Codable {
  /// The first day of the programme.
  public var start: CivilDate
  /// The last day of the programme.
  public var end: CivilDate
  /// How often sessions recur.
  public var recurrence: Recurrence
  /// Planned hours per session.
  public var hoursPerSession: Double
  /// Creates a schedule.
  public init(start: CivilDate, end: CivilDate, recurrence: Recurrence, hoursPerSession: Double) {
    self.start = start
    self.end = end
    self.recurrence = recurrence
    self.hoursPerSession = hoursPerSession
  }

  /// The planned session dates from `start` to `end` inclusive.
  ///
  /// - Complexity: O(*n*) where *n* is the number of sessions.
  public var sessionDates: [CivilDate] {
    var dates: [CivilDate] = []
    var k = 0
    while true {
      let date: CivilDate
      switch recurrence {
      case .once: date = start
      case .weekly: date = start.adding(days: 7 * k)
      case .fortnightly: date = start.adding(days: 14 * k)
      case .monthly: date = start.adding(months: k)
      }
      if date > end || (recurrence == .once && k > 0) { break }
      dates.append(date)
      k += 1
    }
    return dates
  }

  /// Planned hours in total.
  public var plannedHours: Double { Double(sessionDates.count) * hoursPerSession }
}

/// How often sessions recur.
public enum Recurrence: String, WireEnum {
  /// A single session.
  case once
  /// Every 7 days.
  case weekly
  /// Every 14 days (e.g. mobile counselling every second Saturday, seed 001).
  case fortnightly
  /// Same day each month (clamped to the month end).
  case monthly
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .once: LocalizedText(id: "Sekali", en: "Once")
    case .weekly: LocalizedText(id: "Mingguan", en: "Weekly")
    case .fortnightly: LocalizedText(id: "Dua mingguan", en: "Fortnightly")
    case .monthly: LocalizedText(id: "Bulanan", en: "Monthly")
    }
  }
}

/// A client's enrolment in a programme, with attendance.
///
/// JSON: `{"programmeID": "PRG-LELE", "enrolledOn": "2025-03-01", "status": "active",
/// "attendance": [{"date": "2025-03-01", "status": "attended", "hours": 2}]}`.
public struct Enrolment: Sendable, Hashable, Codable {
  /// The programme.
  public var programmeID: ProgrammeID
  /// The enrolment date.
  public var enrolledOn: CivilDate
  /// The enrolment status.
  public var status: EnrolmentStatus
  /// Attendance at sessions, in date order.
  public var attendance: [SessionAttendance]

  /// Creates an enrolment.
  public init(
    programmeID: ProgrammeID, enrolledOn: CivilDate, status: EnrolmentStatus = .active,
    attendance: [SessionAttendance] = []
  ) {
    self.programmeID = programmeID
    self.enrolledOn = enrolledOn
    self.status = status
    self.attendance = attendance
  }

  /// Hours attended (sum over attended sessions).
  public var hoursAttended: Double {
    attendance.filter { $0.status == .attended }.reduce(0) { $0 + $1.hours }
  }

  /// Attended ÷ (attended + missed); excused sessions are left out. `nil` when no session counts.
  public var attendanceRate: Double? {
    let attended = attendance.filter { $0.status == .attended }.count
    let missed = attendance.filter { $0.status == .missed }.count
    return attended + missed == 0 ? nil : Double(attended) / Double(attended + missed)
  }
}

/// The status of an enrolment.
public enum EnrolmentStatus: String, WireEnum {
  /// Taking part.
  case active
  /// Finished the programme.
  case completed
  /// Withdrawn with the PK's agreement.
  case withdrawn
  /// Dropped out without agreement.
  case droppedOut
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .active: LocalizedText(id: "Aktif", en: "Active")
    case .completed: LocalizedText(id: "Selesai", en: "Completed")
    case .withdrawn: LocalizedText(id: "Mengundurkan diri", en: "Withdrawn")
    case .droppedOut: LocalizedText(id: "Putus program", en: "Dropped out")
    }
  }
}

/// Attendance at one programme session. JSON: `{"date": "…", "status": "missed", "hours": 0}`.
public struct SessionAttendance: Sendable, Hashable, Codable {
  /// The session date.
  public var date: CivilDate
  /// Attended, missed or excused.
  public var status: AttendanceStatus
  /// Hours attended.
  public var hours: Double
  /// Creates an attendance record.
  public init(date: CivilDate, status: AttendanceStatus, hours: Double = 0) {
    self.date = date
    self.status = status
    self.hours = hours
  }
}

/// Whether a client attended a session or contact.
public enum AttendanceStatus: String, WireEnum {
  /// Present (*hadir*).
  case attended
  /// Absent without a valid excuse (*tidak hadir*).
  case missed
  /// Absent with a reason accepted by the PK (*izin*).
  case excused
  /// Decodes a wire name, with a typed error for unknown values.
  public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
  /// The display name in Indonesian and English.
  public var label: LocalizedText {
    switch self {
    case .attended: LocalizedText(id: "Hadir", en: "Attended")
    case .missed: LocalizedText(id: "Tidak hadir", en: "Missed")
    case .excused: LocalizedText(id: "Izin", en: "Excused")
    }
  }
}
