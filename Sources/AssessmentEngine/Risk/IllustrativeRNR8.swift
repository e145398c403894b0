#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The illustrative RNR-8 instrument shipped with the SDK.
///
/// **Illustrative and unvalidated.** RNR-8 follows the structure of Andrews & Bonta's Central Eight
/// (Andrews & Bonta 2010, *The Psychology of Criminal Conduct*): one domain per factor (criminal
/// history static, the other seven dynamic), 18 items mixing a count box, yes/no items, graded 0–2
/// items and LSI-R-style rater boxes (0–1 risk, 2–3 strength). Its items, points and cut-offs were
/// invented for software samples and tests; it has never been validated and must not be used for
/// decisions about people. It carries `"status": "illustrative"` so every result says so.
///
/// Totals run 0–24. Cut-offs (scheme `rst` = rendah/sedang/tinggi): adult men 0–7 / 8–15 / 16+,
/// adult women 0–8 / 9–16 / 17+, children 0–6 / 7–13 / 14+; `rst` maps onto a five-level scheme.
public enum IllustrativeInstruments {
  /// The RNR-8 definition as JSON text (the format of `Documentation/RiskNeedResponsivity.md`).
  public static let rnr8JSON: String = #"""
    {
      "formatVersion": 1,
      "id": "rnr8-illustrative",
      "version": "1.0",
      "name": {"id": "RNR-8 Ilustratif (Delapan Faktor Utama)", "en": "RNR-8 Illustrative (Central Eight)"},
      "status": "illustrative",
      "description": {
        "id": "ILUSTRATIF DAN BELUM DIVALIDASI. Disusun dari struktur Central Eight (Andrews & Bonta 2010) hanya untuk contoh dan pengujian perangkat lunak; poin dan titik potong dibuat-buat dan tidak boleh dipakai untuk keputusan tentang orang.",
        "en": "ILLUSTRATIVE AND UNVALIDATED. Built on the Central Eight structure (Andrews & Bonta 2010) for software samples and tests only; its points and cut-offs are invented and must not be used for decisions about people."
      },
      "domains": [
        {
          "id": "riwayat",
          "label": {"id": "Riwayat pidana", "en": "Criminal history"},
          "centralEight": "criminalHistory",
          "kind": "static",
          "maximumMissingItems": 0,
          "items": [
            {
              "id": "ch1",
              "label": {"id": "Jumlah putusan pidana sebelumnya (kotak hitung)", "en": "Number of prior convictions (count box)"},
              "response": {
                "type": "count",
                "ranges": [
                  {"minimum": 0, "maximum": 0, "points": 0},
                  {"minimum": 1, "maximum": 2, "points": 1},
                  {"minimum": 3, "points": 2}
                ]
              }
            },
            {
              "id": "ch2",
              "label": {"id": "Pernah melanggar syarat pengawasan (ya/tidak)", "en": "Prior supervision violation (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            },
            {
              "id": "ch3",
              "label": {"id": "Usia pertama kali berurusan dengan hukum (bertingkat 0–2)", "en": "Age at first contact with the law (graded 0–2)"},
              "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}
            }
          ]
        },
        {
          "id": "kepribadian",
          "label": {"id": "Pola kepribadian antisosial", "en": "Antisocial personality pattern"},
          "centralEight": "antisocialPersonality",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "ap1",
              "label": {"id": "Impulsivitas (bertingkat 0–2)", "en": "Impulsivity (graded 0–2)"},
              "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}
            },
            {
              "id": "ap2",
              "label": {"id": "Agresi berulang (ya/tidak)", "en": "Repeated aggression (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            }
          ]
        },
        {
          "id": "kognisi",
          "label": {"id": "Kognisi antisosial", "en": "Antisocial cognition"},
          "centralEight": "antisocialCognition",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "ac1",
              "label": {"id": "Sikap terhadap pelanggaran hukum (kotak penilai 0–3)", "en": "Attitude toward law-breaking (rater box 0–3)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "0", "points": 1},
                  {"value": "1", "points": 1},
                  {"value": "2", "points": 0, "strength": true},
                  {"value": "3", "points": 0, "strength": true}
                ]
              }
            },
            {
              "id": "ac2",
              "label": {"id": "Sikap terhadap pembimbingan (kotak penilai 0–3)", "en": "Attitude toward supervision (rater box 0–3)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "0", "points": 1},
                  {"value": "1", "points": 1},
                  {"value": "2", "points": 0, "strength": true},
                  {"value": "3", "points": 0, "strength": true}
                ]
              }
            }
          ]
        },
        {
          "id": "pergaulan",
          "label": {"id": "Pergaulan antisosial", "en": "Antisocial associates"},
          "centralEight": "antisocialAssociates",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "as1",
              "label": {"id": "Teman yang terlibat pidana (bertingkat 0–2)", "en": "Friends involved in crime (graded 0–2)"},
              "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}
            },
            {
              "id": "as2",
              "label": {"id": "Tidak ada teman prososial (ya/tidak)", "en": "No prosocial friends (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            }
          ]
        },
        {
          "id": "keluarga",
          "label": {"id": "Keluarga/perkawinan", "en": "Family/marital"},
          "centralEight": "familyMarital",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "fm1",
              "label": {"id": "Kualitas hubungan keluarga (kotak penilai 0–3)", "en": "Quality of family relationships (rater box 0–3)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "0", "points": 1},
                  {"value": "1", "points": 1},
                  {"value": "2", "points": 0, "strength": true},
                  {"value": "3", "points": 0, "strength": true}
                ]
              }
            },
            {
              "id": "fm2",
              "label": {"id": "Keluarga tidak peduli (ya/tidak)", "en": "Family indifferent (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            }
          ]
        },
        {
          "id": "sekolahKerja",
          "label": {"id": "Sekolah/pekerjaan", "en": "School/work"},
          "centralEight": "schoolWork",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "sw1",
              "label": {"id": "Tidak bekerja/bersekolah (ya/tidak)", "en": "Not working or in school (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            },
            {
              "id": "sw2",
              "label": {"id": "Hubungan di tempat kerja/sekolah (kotak penilai 0–3)", "en": "Relationships at work or school (rater box 0–3)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "0", "points": 1},
                  {"value": "1", "points": 1},
                  {"value": "2", "points": 0, "strength": true},
                  {"value": "3", "points": 0, "strength": true}
                ]
              }
            },
            {
              "id": "sw3",
              "label": {"id": "Keterampilan kerja (bertingkat 0–2)", "en": "Work skills (graded 0–2)"},
              "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}
            }
          ]
        },
        {
          "id": "waktuLuang",
          "label": {"id": "Waktu luang/rekreasi", "en": "Leisure/recreation"},
          "centralEight": "leisureRecreation",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "lr1",
              "label": {"id": "Tidak ada kegiatan terorganisasi (ya/tidak)", "en": "No organised activity (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            },
            {
              "id": "lr2",
              "label": {"id": "Pemanfaatan waktu luang (kotak penilai 0–3)", "en": "Use of free time (rater box 0–3)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "0", "points": 1},
                  {"value": "1", "points": 1},
                  {"value": "2", "points": 0, "strength": true},
                  {"value": "3", "points": 0, "strength": true}
                ]
              }
            }
          ]
        },
        {
          "id": "zat",
          "label": {"id": "Penyalahgunaan zat", "en": "Substance abuse"},
          "centralEight": "substanceAbuse",
          "kind": "dynamic",
          "maximumMissingItems": 1,
          "items": [
            {
              "id": "sa1",
              "label": {"id": "Masalah narkotika/alkohol saat ini (bertingkat 0–2)", "en": "Current drug/alcohol problem (graded 0–2)"},
              "response": {"type": "choice", "options": [{"value": "0", "points": 0}, {"value": "1", "points": 1}, {"value": "2", "points": 2}]}
            },
            {
              "id": "sa2",
              "label": {"id": "Penggunaan mengganggu pekerjaan/keluarga (ya/tidak)", "en": "Use disrupts work or family (yes/no)"},
              "response": {
                "type": "choice",
                "options": [
                  {"value": "no", "points": 0, "label": {"id": "Tidak", "en": "No"}},
                  {"value": "yes", "points": 1, "label": {"id": "Ya", "en": "Yes"}}
                ]
              }
            }
          ]
        }
      ],
      "missingItems": {"maximumItems": 2, "whenExceeded": "reject"},
      "needRanking": {"measure": "shareOfMaximum", "minimumShare": 0.5, "tieBreak": "bigFourFirst", "strengthMaximumShare": 0},
      "bandSchemes": [
        {
          "id": "rst",
          "label": {"id": "Rendah/sedang/tinggi", "en": "Low/moderate/high"},
          "bands": [
            {"id": "rendah", "label": {"id": "Rendah", "en": "Low"}},
            {"id": "sedang", "label": {"id": "Sedang", "en": "Moderate"}},
            {"id": "tinggi", "label": {"id": "Tinggi", "en": "High"}}
          ]
        },
        {
          "id": "five",
          "label": {"id": "Skema lima tingkat", "en": "Five-level scheme"},
          "bands": [
            {"id": "veryLow", "label": {"id": "Sangat rendah", "en": "Very low"}},
            {"id": "low", "label": {"id": "Rendah", "en": "Low"}},
            {"id": "moderate", "label": {"id": "Sedang", "en": "Moderate"}},
            {"id": "high", "label": {"id": "Tinggi", "en": "High"}},
            {"id": "veryHigh", "label": {"id": "Sangat tinggi", "en": "Very high"}}
          ]
        }
      ],
      "cutoffTables": [
        {
          "id": "adult-male",
          "population": {"gender": "male", "ageGroup": "adult"},
          "scheme": "rst",
          "ranges": [
            {"band": "rendah", "minimum": 0, "maximum": 7},
            {"band": "sedang", "minimum": 8, "maximum": 15},
            {"band": "tinggi", "minimum": 16}
          ]
        },
        {
          "id": "adult-female",
          "population": {"gender": "female", "ageGroup": "adult"},
          "scheme": "rst",
          "ranges": [
            {"band": "rendah", "minimum": 0, "maximum": 8},
            {"band": "sedang", "minimum": 9, "maximum": 16},
            {"band": "tinggi", "minimum": 17}
          ]
        },
        {
          "id": "child",
          "population": {"ageGroup": "child"},
          "scheme": "rst",
          "ranges": [
            {"band": "rendah", "minimum": 0, "maximum": 6},
            {"band": "sedang", "minimum": 7, "maximum": 13},
            {"band": "tinggi", "minimum": 14}
          ]
        }
      ],
      "bandMappings": [{"from": "rst", "to": "five", "map": {"rendah": "low", "sedang": "moderate", "tinggi": "high"}}]
    }
    """#

  /// The RNR-8 definition, loaded and validated.
  ///
  /// - Throws: ``RiskDefinitionError`` only if the embedded JSON were broken (the test suite loads it).
  public static func rnr8() throws(RiskDefinitionError) -> RiskInstrumentDefinition {
    try RiskInstrumentDefinition.load(json: Data(rnr8JSON.utf8))
  }
}
