/// JSON texts of AssessmentEngine's built-in outcome instruments: the Interpersonal Competence
/// Questionnaire (ICQ) and the Rathus Assertiveness Schedule (RAS), the outcome measures of
/// assertive-training programmes.
///
/// Same rules as the working-alliance built-ins: item ids `item1…itemK` (a CSV with those headers
/// scores directly), item labels of our own (never the forms' wording), a citation and a licence
/// note, and every unconfirmed fact stated in `notes` (see `/work/shared/instruments.md` §3–4 for the
/// confidence markers).
enum BuiltInOutcomeInstruments {
  /// Every built-in outcome instrument, in listing order.
  static let json: [String] = [icq, ras]

  /// ICQ (Buhrmester, Furman, Wittenberg & Reis 1988): 40 items rated 1–5, five domains of 8 items.
  ///
  /// Facts: 40 items, 5 × 8, the 1–5 scale with its end anchors and no reverse keys were read in a
  /// course page describing the instrument (instruments.md §3, marked confirmed; no reverse keys is
  /// from memory). The item → domain map is the **cyclic** map of the original printed order
  /// (item 1 Initiation, 2 Negative assertion, 3 Disclosure, 4 Emotional support, 5 Conflict
  /// management, 6 Initiation again, …), checked on items 1–6 only (partly confirmed). Another
  /// printing numbers the items block-wise by domain (1–8 Initiation, 9–16 Negative assertion, …);
  /// responses from that printing must be scored with a user-supplied definition.
  static let icq = """
    {
      "id": "icq",
      "version": "1988-original-order",
      "name": {"id": "Kuesioner Kompetensi Interpersonal (ICQ)", "en": "Interpersonal Competence Questionnaire (ICQ)"},
      "citation": {
        "source": "Buhrmester, D., Furman, W., Wittenberg, M. T., & Reis, H. T. (1988). Five domains of interpersonal competence in peer relationships. Journal of Personality and Social Psychology, 55(6), 991–1008.",
        "year": 1988,
        "doi": "10.1037/0022-3514.55.6.991",
        "url": "https://canvas.ucsc.edu/courses/38108/pages/+interpersonal-competence-questionnaire",
        "licence": "Published in a journal of the American Psychological Association; commonly used freely for research, but no explicit licence was found: check the terms before production use. This definition carries scoring facts only; supply item wording yourself."
      },
      "responseScale": {
        "min": 1, "max": 5,
        "anchors": [
          {"value": 1, "label": {"id": "Saya buruk dalam hal ini (akan menghindari situasinya)", "en": "Poor at this (would avoid the situation)"}},
          {"value": 5, "label": {"id": "Saya sangat baik dalam hal ini (sangat nyaman)", "en": "Extremely good at this (very comfortable)"}}
        ]
      },
      "items": [
        {"id": "item1", "label": {"id": "Situasi inisiasi 1", "en": "Initiation situation 1"}},
        {"id": "item2", "label": {"id": "Situasi asertivitas negatif 1", "en": "Negative assertion situation 1"}},
        {"id": "item3", "label": {"id": "Situasi keterbukaan diri 1", "en": "Disclosure situation 1"}},
        {"id": "item4", "label": {"id": "Situasi dukungan emosional 1", "en": "Emotional support situation 1"}},
        {"id": "item5", "label": {"id": "Situasi pengelolaan konflik 1", "en": "Conflict management situation 1"}},
        {"id": "item6", "label": {"id": "Situasi inisiasi 2", "en": "Initiation situation 2"}},
        {"id": "item7", "label": {"id": "Situasi asertivitas negatif 2", "en": "Negative assertion situation 2"}},
        {"id": "item8", "label": {"id": "Situasi keterbukaan diri 2", "en": "Disclosure situation 2"}},
        {"id": "item9", "label": {"id": "Situasi dukungan emosional 2", "en": "Emotional support situation 2"}},
        {"id": "item10", "label": {"id": "Situasi pengelolaan konflik 2", "en": "Conflict management situation 2"}},
        {"id": "item11", "label": {"id": "Situasi inisiasi 3", "en": "Initiation situation 3"}},
        {"id": "item12", "label": {"id": "Situasi asertivitas negatif 3", "en": "Negative assertion situation 3"}},
        {"id": "item13", "label": {"id": "Situasi keterbukaan diri 3", "en": "Disclosure situation 3"}},
        {"id": "item14", "label": {"id": "Situasi dukungan emosional 3", "en": "Emotional support situation 3"}},
        {"id": "item15", "label": {"id": "Situasi pengelolaan konflik 3", "en": "Conflict management situation 3"}},
        {"id": "item16", "label": {"id": "Situasi inisiasi 4", "en": "Initiation situation 4"}},
        {"id": "item17", "label": {"id": "Situasi asertivitas negatif 4", "en": "Negative assertion situation 4"}},
        {"id": "item18", "label": {"id": "Situasi keterbukaan diri 4", "en": "Disclosure situation 4"}},
        {"id": "item19", "label": {"id": "Situasi dukungan emosional 4", "en": "Emotional support situation 4"}},
        {"id": "item20", "label": {"id": "Situasi pengelolaan konflik 4", "en": "Conflict management situation 4"}},
        {"id": "item21", "label": {"id": "Situasi inisiasi 5", "en": "Initiation situation 5"}},
        {"id": "item22", "label": {"id": "Situasi asertivitas negatif 5", "en": "Negative assertion situation 5"}},
        {"id": "item23", "label": {"id": "Situasi keterbukaan diri 5", "en": "Disclosure situation 5"}},
        {"id": "item24", "label": {"id": "Situasi dukungan emosional 5", "en": "Emotional support situation 5"}},
        {"id": "item25", "label": {"id": "Situasi pengelolaan konflik 5", "en": "Conflict management situation 5"}},
        {"id": "item26", "label": {"id": "Situasi inisiasi 6", "en": "Initiation situation 6"}},
        {"id": "item27", "label": {"id": "Situasi asertivitas negatif 6", "en": "Negative assertion situation 6"}},
        {"id": "item28", "label": {"id": "Situasi keterbukaan diri 6", "en": "Disclosure situation 6"}},
        {"id": "item29", "label": {"id": "Situasi dukungan emosional 6", "en": "Emotional support situation 6"}},
        {"id": "item30", "label": {"id": "Situasi pengelolaan konflik 6", "en": "Conflict management situation 6"}},
        {"id": "item31", "label": {"id": "Situasi inisiasi 7", "en": "Initiation situation 7"}},
        {"id": "item32", "label": {"id": "Situasi asertivitas negatif 7", "en": "Negative assertion situation 7"}},
        {"id": "item33", "label": {"id": "Situasi keterbukaan diri 7", "en": "Disclosure situation 7"}},
        {"id": "item34", "label": {"id": "Situasi dukungan emosional 7", "en": "Emotional support situation 7"}},
        {"id": "item35", "label": {"id": "Situasi pengelolaan konflik 7", "en": "Conflict management situation 7"}},
        {"id": "item36", "label": {"id": "Situasi inisiasi 8", "en": "Initiation situation 8"}},
        {"id": "item37", "label": {"id": "Situasi asertivitas negatif 8", "en": "Negative assertion situation 8"}},
        {"id": "item38", "label": {"id": "Situasi keterbukaan diri 8", "en": "Disclosure situation 8"}},
        {"id": "item39", "label": {"id": "Situasi dukungan emosional 8", "en": "Emotional support situation 8"}},
        {"id": "item40", "label": {"id": "Situasi pengelolaan konflik 8", "en": "Conflict management situation 8"}}
      ],
      "scales": [
        {"id": "Initiation", "label": {"id": "Inisiasi hubungan", "en": "Initiating relationships"}, "items": ["item1", "item6", "item11", "item16", "item21", "item26", "item31", "item36"], "score": "sum"},
        {"id": "NegativeAssertion", "label": {"id": "Asertivitas negatif (menyatakan ketidaksenangan)", "en": "Negative assertion (asserting displeasure)"}, "items": ["item2", "item7", "item12", "item17", "item22", "item27", "item32", "item37"], "score": "sum"},
        {"id": "Disclosure", "label": {"id": "Keterbukaan diri", "en": "Self-disclosure"}, "items": ["item3", "item8", "item13", "item18", "item23", "item28", "item33", "item38"], "score": "sum"},
        {"id": "EmotionalSupport", "label": {"id": "Dukungan emosional", "en": "Emotional support"}, "items": ["item4", "item9", "item14", "item19", "item24", "item29", "item34", "item39"], "score": "sum"},
        {"id": "ConflictManagement", "label": {"id": "Pengelolaan konflik", "en": "Conflict management"}, "items": ["item5", "item10", "item15", "item20", "item25", "item30", "item35", "item40"], "score": "sum"},
        {"id": "Total", "label": {"id": "Total", "en": "Total"}, "items": ["item1", "item2", "item3", "item4", "item5", "item6", "item7", "item8", "item9", "item10", "item11", "item12", "item13", "item14", "item15", "item16", "item17", "item18", "item19", "item20", "item21", "item22", "item23", "item24", "item25", "item26", "item27", "item28", "item29", "item30", "item31", "item32", "item33", "item34", "item35", "item36", "item37", "item38", "item39", "item40"], "score": "sum"}
      ],
      "notes": {
        "id": "Peta butir ke domain adalah peta siklis urutan cetak asli (butir 1, 6, 11, … = Inisiasi; 2, 7, … = Asertivitas negatif; 3, 8, … = Keterbukaan diri; 4, 9, … = Dukungan emosional; 5, 10, … = Pengelolaan konflik); hanya butir 1–6 yang telah diperiksa pada sumber terbuka. Cetakan lain menomori butir per blok domain (1–8 Inisiasi, 9–16 Asertivitas negatif, 17–24 Keterbukaan diri, lalu kemungkinan 25–32 Dukungan emosional, 33–40 Pengelolaan konflik): gunakan definisi sendiri untuk cetakan itu. Administrasi asli meminta dua penilaian per butir (dengan teman sesama jenis dan dengan pasangan); definisi ini menskor satu penilaian per butir. Tidak ada butir berkunci terbalik. Periksa kunci terhadap formulir resmi sebelum dipakai untuk keputusan.",
        "en": "The item-to-domain map is the cyclic map of the original printed order (items 1, 6, 11, … = Initiation; 2, 7, … = Negative assertion; 3, 8, … = Disclosure; 4, 9, … = Emotional support; 5, 10, … = Conflict management); only items 1–6 were checked in a public source. Another printing numbers the items in domain blocks (1–8 Initiation, 9–16 Negative assertion, 17–24 Disclosure, then presumably 25–32 Emotional support, 33–40 Conflict management): score that printing with a definition of your own. The original administration asked for two ratings per item (with a same-sex friend and with a partner); this definition scores one rating per item. No item is reverse-keyed. Check the key against the official form before using it for decisions."
      }
    }
    """

  /// RAS (Rathus 1973): 30 items rated −3…+3 without 0; 17 reverse-keyed items; one total from −90
  /// to +90, higher = more assertive.
  ///
  /// Facts: 30 items, the six-point scale without 0 and the −90…+90 total were read in the
  /// questionnaire's description and in Rathus (1973), *Behavior Therapy* 4, 398–406 (abstract:
  /// test–retest r = .78, split-half r = .77). The reverse key is that of the widely reprinted
  /// textbook printing, whose reversed items carry an asterisk: items 1, 2, 4, 5, 9, 11–17 and 19 were
  /// read in that printing (instruments.md §4, confirmed); items 23, 24, 26 and 30 were marked from
  /// memory there and are now corroborated by two independent public code files that reproduce the
  /// same printing (a survey task keeping the asterisks, and an assessment page listing the reversed
  /// positions), not by the 1973 paper itself. Reversal on a scale without 0 is a change of sign,
  /// which is exactly `min + max − x` for −3…+3.
  static let ras = """
    {
      "id": "ras",
      "version": "1973-textbook-key",
      "name": {"id": "Inventori Asertivitas Rathus (RAS)", "en": "Rathus Assertiveness Schedule (RAS)"},
      "citation": {
        "source": "Rathus, S. A. (1973). A 30-item schedule for assessing assertive behavior. Behavior Therapy, 4(3), 398–406.",
        "year": 1973,
        "doi": "10.1016/S0005-7894(73)80120-0",
        "url": "https://statistics.datanalysis.net/questionnaires/miscellaneous/ras-30-2",
        "licence": "Published in Behavior Therapy (Elsevier) and widely reprinted in textbooks; no open licence was found: check the terms before production use. This definition carries scoring facts only; supply item wording yourself."
      },
      "responseScale": {
        "min": -3, "max": 3, "excluded": [0],
        "anchors": [
          {"value": 3, "label": {"id": "Sangat sesuai dengan diri saya", "en": "Very characteristic of me"}},
          {"value": 2, "label": {"id": "Cukup sesuai dengan diri saya", "en": "Rather characteristic of me"}},
          {"value": 1, "label": {"id": "Agak sesuai dengan diri saya", "en": "Somewhat characteristic of me"}},
          {"value": -1, "label": {"id": "Agak tidak sesuai dengan diri saya", "en": "Somewhat uncharacteristic of me"}},
          {"value": -2, "label": {"id": "Cukup tidak sesuai dengan diri saya", "en": "Rather uncharacteristic of me"}},
          {"value": -3, "label": {"id": "Sangat tidak sesuai dengan diri saya", "en": "Very uncharacteristic of me"}}
        ]
      },
      "items": [
        {"id": "item1", "label": {"id": "Situasi asertivitas 1 (kunci terbalik)", "en": "Assertiveness situation 1 (reverse-keyed)"}},
        {"id": "item2", "label": {"id": "Situasi asertivitas 2 (kunci terbalik)", "en": "Assertiveness situation 2 (reverse-keyed)"}},
        {"id": "item3", "label": {"id": "Situasi asertivitas 3", "en": "Assertiveness situation 3"}},
        {"id": "item4", "label": {"id": "Situasi asertivitas 4 (kunci terbalik)", "en": "Assertiveness situation 4 (reverse-keyed)"}},
        {"id": "item5", "label": {"id": "Situasi asertivitas 5 (kunci terbalik)", "en": "Assertiveness situation 5 (reverse-keyed)"}},
        {"id": "item6", "label": {"id": "Situasi asertivitas 6", "en": "Assertiveness situation 6"}},
        {"id": "item7", "label": {"id": "Situasi asertivitas 7", "en": "Assertiveness situation 7"}},
        {"id": "item8", "label": {"id": "Situasi asertivitas 8", "en": "Assertiveness situation 8"}},
        {"id": "item9", "label": {"id": "Situasi asertivitas 9 (kunci terbalik)", "en": "Assertiveness situation 9 (reverse-keyed)"}},
        {"id": "item10", "label": {"id": "Situasi asertivitas 10", "en": "Assertiveness situation 10"}},
        {"id": "item11", "label": {"id": "Situasi asertivitas 11 (kunci terbalik)", "en": "Assertiveness situation 11 (reverse-keyed)"}},
        {"id": "item12", "label": {"id": "Situasi asertivitas 12 (kunci terbalik)", "en": "Assertiveness situation 12 (reverse-keyed)"}},
        {"id": "item13", "label": {"id": "Situasi asertivitas 13 (kunci terbalik)", "en": "Assertiveness situation 13 (reverse-keyed)"}},
        {"id": "item14", "label": {"id": "Situasi asertivitas 14 (kunci terbalik)", "en": "Assertiveness situation 14 (reverse-keyed)"}},
        {"id": "item15", "label": {"id": "Situasi asertivitas 15 (kunci terbalik)", "en": "Assertiveness situation 15 (reverse-keyed)"}},
        {"id": "item16", "label": {"id": "Situasi asertivitas 16 (kunci terbalik)", "en": "Assertiveness situation 16 (reverse-keyed)"}},
        {"id": "item17", "label": {"id": "Situasi asertivitas 17 (kunci terbalik)", "en": "Assertiveness situation 17 (reverse-keyed)"}},
        {"id": "item18", "label": {"id": "Situasi asertivitas 18", "en": "Assertiveness situation 18"}},
        {"id": "item19", "label": {"id": "Situasi asertivitas 19 (kunci terbalik)", "en": "Assertiveness situation 19 (reverse-keyed)"}},
        {"id": "item20", "label": {"id": "Situasi asertivitas 20", "en": "Assertiveness situation 20"}},
        {"id": "item21", "label": {"id": "Situasi asertivitas 21", "en": "Assertiveness situation 21"}},
        {"id": "item22", "label": {"id": "Situasi asertivitas 22", "en": "Assertiveness situation 22"}},
        {"id": "item23", "label": {"id": "Situasi asertivitas 23 (kunci terbalik)", "en": "Assertiveness situation 23 (reverse-keyed)"}},
        {"id": "item24", "label": {"id": "Situasi asertivitas 24 (kunci terbalik)", "en": "Assertiveness situation 24 (reverse-keyed)"}},
        {"id": "item25", "label": {"id": "Situasi asertivitas 25", "en": "Assertiveness situation 25"}},
        {"id": "item26", "label": {"id": "Situasi asertivitas 26 (kunci terbalik)", "en": "Assertiveness situation 26 (reverse-keyed)"}},
        {"id": "item27", "label": {"id": "Situasi asertivitas 27", "en": "Assertiveness situation 27"}},
        {"id": "item28", "label": {"id": "Situasi asertivitas 28", "en": "Assertiveness situation 28"}},
        {"id": "item29", "label": {"id": "Situasi asertivitas 29", "en": "Assertiveness situation 29"}},
        {"id": "item30", "label": {"id": "Situasi asertivitas 30 (kunci terbalik)", "en": "Assertiveness situation 30 (reverse-keyed)"}}
      ],
      "scales": [
        {"id": "Total", "label": {"id": "Total asertivitas", "en": "Assertiveness total"}, "items": ["item1", "item2", "item3", "item4", "item5", "item6", "item7", "item8", "item9", "item10", "item11", "item12", "item13", "item14", "item15", "item16", "item17", "item18", "item19", "item20", "item21", "item22", "item23", "item24", "item25", "item26", "item27", "item28", "item29", "item30"], "reversed": ["item1", "item2", "item4", "item5", "item9", "item11", "item12", "item13", "item14", "item15", "item16", "item17", "item19", "item23", "item24", "item26", "item30"], "score": "sum"}
      ],
      "notes": {
        "id": "Kunci terbalik (ubah tanda sebelum dijumlahkan): butir 1, 2, 4, 5, 9, 11–17, 19, 23, 24, 26, 30 menurut cetakan buku teks yang memberi tanda bintang. Butir 1–22 dibaca pada cetakan itu; butir 23, 24, 26 dan 30 dikuatkan oleh dua berkas kode publik yang mereproduksi cetakan yang sama, bukan oleh artikel 1973. Ada cetakan lain yang menulis ulang semua butir ke arah asertif (semua kunci positif) dan adaptasi 32 butir berskala 1–4: skor cetakan itu dengan definisi sendiri. Tidak ada nilai 0 pada skala.",
        "en": "Reverse key (change the sign before summing): items 1, 2, 4, 5, 9, 11–17, 19, 23, 24, 26, 30, per the textbook printing that stars them. Items 1–22 were read in that printing; items 23, 24, 26 and 30 are corroborated by two public code files reproducing the same printing, not by the 1973 article. Other printings rewrite every item in the assertive direction (all keyed +) or adapt the schedule to 32 items on 1–4: score those with a definition of your own. The scale has no 0."
      }
    }
    """
}
