import AssessmentEngine

extension InstrumentLibrary {
  /// The working-alliance instruments built into WorkingAlliance, each citing its source and licence,
  /// with item ids `item1…itemK` so a CSV with those headers scores directly.
  public static let workingAlliance = InstrumentLibrary.fromEmbeddedJSON(AllianceInstrumentJSON.all)
}

/// The embedded definitions. Item labels are our own short descriptions, never the forms' wording.
///
/// Left out on purpose (see `Documentation/AllianceGuide.md`): the 36-item WAI (client and therapist
/// forms), whose item→subscale key and reverse items could not be read in any public source, and the
/// DRI-R (Skeem et al. 2007), whose item numbers per subscale were not found. Users with the licensed
/// keys load them as their own definitions (`--instrument path.json`).
enum AllianceInstrumentJSON {
  static let all = [waiSR]

  /// WAI-SR (Hatcher & Gillaspy 2006): 12 items, 1–5, Task 1,2,10,12 · Bond 3,5,7,9 ·
  /// Goal 4,6,8,11, no reverse-keyed items (instruments.md §1.3, marked confirmed).
  static let waiSR = """
    {
      "id": "wai-sr",
      "version": "2006",
      "name": {"id": "Inventori Aliansi Kerja – Versi Singkat Revisi (WAI-SR)", "en": "Working Alliance Inventory – Short Revised (WAI-SR)"},
      "citation": {
        "source": "Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised short version of the Working Alliance Inventory. Psychotherapy Research, 16(1), 12–25.",
        "year": 2006,
        "doi": "10.1080/10503300500352500",
        "url": "https://docs.getrivet.ca/clinical-templates/specialized/wai-sr",
        "licence": "Copyright Society for Psychotherapy Research (SPR): request permission before use. This definition carries scoring facts only; supply licensed item wording yourself."
      },
      "responseScale": {
        "min": 1, "max": 5,
        "anchors": [
          {"value": 1, "label": {"id": "Jarang", "en": "Seldom"}},
          {"value": 2, "label": {"id": "Kadang-kadang", "en": "Sometimes"}},
          {"value": 3, "label": {"id": "Cukup sering", "en": "Fairly often"}},
          {"value": 4, "label": {"id": "Sangat sering", "en": "Very often"}},
          {"value": 5, "label": {"id": "Selalu", "en": "Always"}}
        ]
      },
      "items": [
        {"id": "item1", "label": {"id": "Sepakat tentang langkah yang dikerjakan", "en": "Agreement on steps to take"}},
        {"id": "item2", "label": {"id": "Kegiatan sesi bermanfaat", "en": "Session activities are useful"}},
        {"id": "item3", "label": {"id": "Merasa disukai", "en": "Feeling liked"}},
        {"id": "item4", "label": {"id": "Sepakat tentang arah perubahan", "en": "Agreement on what to change"}},
        {"id": "item5", "label": {"id": "Saling menghargai", "en": "Mutual respect"}},
        {"id": "item6", "label": {"id": "Bekerja menuju tujuan bersama", "en": "Working toward shared goals"}},
        {"id": "item7", "label": {"id": "Merasa dihargai", "en": "Feeling appreciated"}},
        {"id": "item8", "label": {"id": "Sepakat tentang hal penting", "en": "Agreement on what matters"}},
        {"id": "item9", "label": {"id": "Merasa diperhatikan", "en": "Feeling cared about"}},
        {"id": "item10", "label": {"id": "Sepakat tentang cara kerja", "en": "Agreement on how to work"}},
        {"id": "item11", "label": {"id": "Paham perubahan yang baik", "en": "Shared view of good change"}},
        {"id": "item12", "label": {"id": "Cara kerja sudah tepat", "en": "The way of working is right"}}
      ],
      "scales": [
        {"id": "Goal", "label": {"id": "Tujuan", "en": "Goal"}, "items": ["item4", "item6", "item8", "item11"], "score": "sum"},
        {"id": "Task", "label": {"id": "Tugas", "en": "Task"}, "items": ["item1", "item2", "item10", "item12"], "score": "sum"},
        {"id": "Bond", "label": {"id": "Ikatan", "en": "Bond"}, "items": ["item3", "item5", "item7", "item9"], "score": "sum"},
        {"id": "Total", "label": {"id": "Total", "en": "Total"}, "items": ["item1", "item2", "item3", "item4", "item5", "item6", "item7", "item8", "item9", "item10", "item11", "item12"], "score": "sum"}
      ]
    }
    """
}
