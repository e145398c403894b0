import AssessmentEngine

// The Bapas values of the engine's risk configuration. The engine (`AssessmentEngine`) carries no
// agency policy; these are the tables a Bapas plans with, with their sources.

extension SupervisionPolicy {
  /// The Bapas supervision policy on the three-level `rst` scheme (*rendah*/*sedang*/*tinggi*):
  /// contacts 1/2/4 face-to-face (0/1/2 in the field) a month, dosage 0/100/200 hours, 300 hours for
  /// *tinggi* with three or more needs, three targets (policy defaults, the CSOSA-shaped table of
  /// ``SupervisionPolicy/threeLevel(scheme:low:moderate:high:legalFloorContactsPerMonth:)``), and the
  /// legal floor of **one** face-to-face report a month (*wajib lapor*, law).
  ///
  /// Before version 0.2 of the SDK this table was the engine's `SupervisionPolicy.standard`, with the
  /// same values and the same JSON; only the place changed (Documentation/SupervisionComposition.md,
  /// "Migration").
  public static let bapas = SupervisionPolicy.threeLevel(
    scheme: "rst", low: "rendah", moderate: "sedang", high: "tinggi", legalFloorContactsPerMonth: 1)
}

extension ReassessmentPolicy {
  /// The Bapas reassessment policy: every **12 months** (Permenkumham 12/2013 Pasal 4: Klien are
  /// reassessed every year, law) and within **30 days** of any triggering event (policy default: the
  /// regulation says only "earlier").
  public static let bapas = ReassessmentPolicy(
    intervalMonths: ReassessmentRule.permenkumham12of2013.interval.totalMonths,
    triggers: Set(ReassessmentEvent.allCases),
    daysAfterEvent: 30)
}
