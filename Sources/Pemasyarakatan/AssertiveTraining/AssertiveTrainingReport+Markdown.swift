import AssessmentEngine

extension AssertiveTrainingReport {
  /// The report as Markdown in its language, with tables a PK can paste into a Litmas or a sidang TPP
  /// report. Numbers use two decimals (a decimal comma in Indonesian); scores print as whole numbers
  /// when they are whole.
  ///
  /// - Complexity: O(*c*·*s*) for *c* clients and *s* analysed scales.
  public func markdown() -> String {
    let en = language == .english
    func t(_ id: String, _ english: String) -> String { en ? english : id }
    func n(_ v: Double?, _ d: Int = 2) -> String { v.map { Self.number($0, d, language) } ?? "—" }
    func score(_ v: Double?) -> String {
      guard let v else { return "—" }
      return v == v.rounded() ? Self.number(v, 0, language) : Self.number(v, 1, language)
    }
    func signed(_ v: Double?) -> String {
      guard let v else { return "—" }
      return (v > 0 ? "+" : "") + score(v)
    }
    func percent(_ v: Double?) -> String { v.map { Self.number($0 * 100, 0, language) + "%" } ?? "—" }
    // p as researchers print it: three decimals, "< 0.001" below that.
    func pValue(_ v: Double?) -> String {
      guard let v else { return "—" }
      return v < 0.001 ? "< " + Self.number(0.001, 3, language) : Self.number(v, 3, language)
    }
    func cell(_ s: String) -> String {
      s.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }

    var out: [String] = []
    out.append("# " + t("Laporan kemajuan latihan asertif", "Assertive-training progress report") + ": \(group.name)")
    out.append("")
    var facts: [String] = []
    if let bapas = group.bapas { facts.append("**Bapas:** \(bapas)") }
    facts.append("**\(t("Program", "Programme")):** \(group.programme) (\(group.method))")
    facts.append("**\(t("Kelompok", "Group")):** \(group.id)")
    facts.append("**\(t("Fasilitator (PK)", "Facilitators (PK)")):** \(group.facilitators.joined(separator: ", "))")
    if !group.partners.isEmpty {
      facts.append("**\(t("Mitra Pokmas Lipas", "Pokmas Lipas partners")):** \(group.partners.joined(separator: ", "))")
    }
    let period = group.firstSession.map { first in " (\(first) – \(group.lastSession.map(\.description) ?? ""))" } ?? ""
    facts.append("**\(t("Sesi", "Sessions")):** \(group.sessions)\(period)")
    facts.append("**\(t("Klien terdaftar", "Enrolled clients")):** \(group.enrolled)")
    facts.append("**\(t("Rata-rata kehadiran", "Mean attendance")):** \(percent(group.attendanceRate))")
    out.append(facts.joined(separator: "  \n"))
    out.append("")
    out.append(
      t(
        "Langkah latihan asertif menurut Joyce & Weil: 1 mengidentifikasi perilaku target; 2 menetapkan prioritas situasi dan perilaku; 3 memerankan situasi; 4 pengulangan; 5 memindahkan pada situasi nyata.",
        "Assertive-training steps after Joyce & Weil: 1 identify the target behaviour; 2 set priorities among situations and behaviours; 3 role-play the situation; 4 repetition; 5 transfer to real situations."
      ))
    out.append("")

    out.append("## " + t("Per klien", "Per client"))
    for c in clients {
      out.append("")
      out.append("### " + t("Klien", "Client") + " \(c.client)")
      out.append("")
      out.append(
        t("Kehadiran", "Attendance") + ": \(c.sessionsAttended) " + t("dari", "of") + " \(group.sessions) "
          + t("sesi", "sessions") + ".")
      if c.targets.isEmpty {
        out.append("")
        out.append(t("Belum ada perilaku target yang tercatat.", "No target behaviour recorded yet."))
      } else {
        out.append("")
        out.append(
          "| "
            + [
              t("Target", "Target"), t("Domain", "Domain"), t("Langkah tuntas", "Steps completed"),
              t("Posisi sekarang", "Now at"),
              t("Bermain peran", "Role-plays"), t("Pengulangan", "Repetitions"),
              t("Percobaan nyata (berhasil)", "Real attempts (successful)"),
            ].joined(separator: " | ") + " |")
        out.append("|---|---|---|---|---|---|---|")
        for target in c.targets {
          out.append(
            "| "
              + [
                cell("\(target.id) \(target.behaviour)"), target.domain, "\(target.stepsCompleted)/5",
                cell(target.currentStep),
                "\(target.rehearsals)", "\(target.repetitions)", "\(target.attempts) (\(target.successfulAttempts))",
              ].joined(separator: " | ") + " |")
        }
        for target in c.targets where !target.stepBacks.isEmpty {
          out.append("")
          out.append(
            t("Kembali ke langkah sebelumnya", "Steps back") + " (\(target.id)): "
              + target.stepBacks.joined(separator: "; "))
        }
      }
      if !c.outcomes.isEmpty {
        out.append("")
        out.append(
          "| "
            + [
              t("Ukuran", "Measure"), t("Awal", "Baseline"), t("Akhir", "After"), t("Tindak lanjut", "Follow-up"),
              t("Perubahan (akhir)", "Change (after)"), "RCI", t("Reliabel?", "Reliable?"),
              t("Perubahan (tindak lanjut)", "Change (follow-up)"), "RCI", t("Reliabel?", "Reliable?"),
            ].joined(separator: " | ") + " |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for o in c.outcomes {
          out.append(
            "| "
              + [
                o.measure, score(o.baseline), score(o.post), score(o.followUp), signed(o.changeToPost), n(o.rciToPost),
                cell(o.reliableToPost ?? "—"),
                signed(o.changeToFollowUp), n(o.rciToFollowUp), cell(o.reliableToFollowUp ?? "—"),
              ].joined(separator: " | ") + " |")
        }
      }
      if let occasion = c.checklistOccasion {
        out.append("")
        let list = c.observed.isEmpty ? t("tidak ada", "none") : c.observed.joined(separator: "; ")
        out.append(
          t("Hasil yang teramati", "Observable outcomes") + " (\(occasion)): \(list) — \(c.observed.count) "
            + t("dari", "of") + " 5.")
      }
      if c.problems > 0 {
        out.append("")
        out.append(
          "⚠ "
            + t(
              "Ada \(c.problems) masalah pada catatan klien ini (lihat bagian Masalah).",
              "\(c.problems) problem(s) in this client's records (see Problems)."))
      }
    }

    out.append("")
    out.append("## " + t("Kelompok", "Group"))
    if !outcomes.isEmpty {
      out.append("")
      out.append("### " + t("Perubahan hasil", "Outcome change"))
      out.append("")
      out.append(
        "| "
          + [
            t("Ukuran", "Measure"), t("Dibandingkan awal", "Against baseline"), t("Pasangan", "Pairs"),
            t("Rerata perubahan", "Mean change"),
            "d_z [95% CI]", "g_av [95% CI]", "t (df), p", t("Membaik secara reliabel", "Reliably improved"),
          ].joined(separator: " | ") + " |")
      out.append("|---|---|---|---|---|---|---|---|")
      for o in outcomes {
        let dz = o.dz == nil ? cell(o.unavailable ?? "—") : "\(n(o.dz)) [\(n(o.dzLower)); \(n(o.dzUpper))]"
        let gav = o.gav == nil ? "—" : "\(n(o.gav)) [\(n(o.gavLower)); \(n(o.gavUpper))]"
        let test = o.t == nil ? "—" : "\(n(o.t)) (\(o.df.map(String.init) ?? "—")), p = \(pValue(o.p))"
        out.append(
          "| "
            + [
              o.measure, o.occasion, "\(o.pairs)", n(o.meanChange), dz, gav, test,
              "\(o.reliablyImproved)/\(o.withIndex)",
            ].joined(separator: " | ") + " |")
      }
      out.append("")
      out.append(
        t(
          "Indeks perubahan reliabel (RCI) Jacobson & Truax (1991): perubahan reliabel bila |RCI| > 1,96. Ukuran efek berpasangan d_z dan g_av (Lakens 2013) dengan uji t berpasangan; interval kepercayaan 95% d_z eksak dari distribusi t nonsentral (Steiger & Fouladi 1997), interval g_av pendekatan (Algina & Keselman 2003). Interval yang memuat 0 berarti perbaikan kelompok belum terbukti.",
          "Reliable change index (RCI) of Jacobson & Truax (1991): the change is reliable when |RCI| > 1.96. Paired effect sizes d_z and g_av (Lakens 2013) with the paired t test; the 95% interval of d_z is exact, from the noncentral t distribution (Steiger & Fouladi 1997), that of g_av approximate (Algina & Keselman 2003). An interval that includes 0 means the group's improvement is not established."
        ))
      out.append("")
      out.append(t("Reliabilitas dan SD yang dipakai:", "Reliability and SD used:"))
      for r in references { out.append("- \(r)") }
    }

    if clients.contains(where: { $0.checklistOccasion != nil }) {
      let occasions = OutcomeOccasion.allCases.filter { o in checklist.contains { $0.counts[o.rawValue] != nil } }
      out.append("")
      out.append("### " + t("Hasil yang teramati (daftar periksa PK)", "Observable outcomes (PK checklist)"))
      out.append("")
      out.append(
        "| " + ([t("Hasil", "Outcome")] + occasions.map { $0.label.text(in: language) }).joined(separator: " | ") + " |"
      )
      out.append("|---" + String(repeating: "|---", count: occasions.count) + "|")
      for line in checklist {
        out.append(
          "| " + ([line.outcome] + occasions.map { line.counts[$0.rawValue] ?? "—" }).joined(separator: " | ") + " |")
      }
    }

    if !indicators.isEmpty {
      out.append("")
      out.append("### " + t("Indikator keberhasilan", "Success indicators"))
      out.append("")
      out += IndicatorTable.markdown(
        indicators, weighted: weightedAchievement, covered: weightCovered, total: totalWeight, language: language)
    }

    out.append("")
    out.append("## " + t("Masalah pada catatan", "Problems in the records"))
    out.append("")
    if problems.isEmpty {
      out.append(t("Tidak ada masalah.", "No problems found."))
    } else {
      out.append(
        t(
          "Catatan berikut tidak diolah; semua catatan lain tetap dilaporkan.",
          "The records below were left out; every other record is reported."))
      out.append("")
      for p in problems { out.append("- \(p.message)") }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
