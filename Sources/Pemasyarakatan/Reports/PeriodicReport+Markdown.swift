import AssessmentEngine

extension PeriodicReport {
  /// The report as Markdown, in Indonesian or English: a section per Bapas with every figure, then a
  /// table with one row per PK. Numbers use a decimal comma in Indonesian.
  ///
  /// - Complexity: O(*b* + *k*) for *b* Bapas and *k* PKs (times the figures of each).
  public func markdown(language: DisplayLanguage) -> String {
    let en = language == .english
    func t(_ id: String, _ english: String) -> String { en ? english : id }
    func num(_ v: Double, _ d: Int = 1) -> String { AssertiveTrainingReport.number(v, d, language) }
    func hours(_ v: Double) -> String { v == v.rounded() ? num(v, 0) : num(v, 1) }
    func split(_ s: AgeSplit) -> String {
      "\(s.total) (\(t("dewasa", "adults")) \(s.adults), \(t("anak", "children")) \(s.children))"
    }
    func percent(_ v: Double?) -> String { v.map { num($0 * 100, 1) + "%" } ?? "—" }
    func label(_ l: LocalizedText) -> String { l.text(in: language) }

    var out: [String] = []
    out.append("# " + t("Laporan periodik Bapas", "Bapas periodic report") + ": \(period.title(in: language))")
    out.append("")
    out.append("**\(t("Periode", "Period")):** \(start) – \(end)  ")
    out.append("**\(t("Jumlah Bapas", "Bapas")):** \(bapas.count); **PK:** \(officers.count)")
    for b in bapas {
      out += ["", "## Bapas \(b.id)", ""]
      out.append("| \(t("Ukuran", "Figure")) | \(t("Nilai", "Value")) |")
      out.append("|---|---|")
      out.append(
        "| \(t("Klien dalam bimbingan pada akhir periode", "Clients under guidance at the end of the period")) | \(split(b.clientsUnderGuidance)) |"
      )
      out.append("| \(t("Penerimaan klien", "Receptions")) | \(split(b.receptions)) |")
      let closed = b.closings.reduce(0) { $0 + $1.count } + b.closingsWithoutCertificate
      var closingDetail = b.closings.map { "\(label($0.label)) \($0.count)" }
      if b.closingsWithoutCertificate > 0 {
        closingDetail.append(
          t("tanpa surat keterangan akhir", "without a closing certificate") + " \(b.closingsWithoutCertificate)")
      }
      out.append(
        "| \(t("Pengakhiran bimbingan", "Closings")) | \(closed)"
          + (closingDetail.isEmpty ? "" : " (" + closingDetail.joined(separator: "; ") + ")") + " |")
      let r = b.revocations
      out.append(
        "| \(t("Pencabutan: diusulkan sidang TPP / dicabut sementara / tidak dilanjutkan / dicabut", "Revocation: proposed by the TPP / suspended / dismissed / revoked")) | \(r.proposed) / \(r.suspended) / \(r.dismissed) / \(r.revoked) |"
      )
      out.append(
        "| \(t("Kepatuhan wajib lapor", "Wajib-lapor compliance")) | \(percent(b.reporting.complianceRate)) (\(t("hadir", "attended")) \(b.reporting.attended), \(t("izin", "excused")) \(b.reporting.excused), \(t("tidak lapor", "missed")) \(b.reporting.missed)) |"
      )
      out.append(
        "| \(t("Program: pendaftaran baru / aktif di akhir periode", "Programmes: new enrolments / active at the end")) | \(b.programmes.newEnrolments) / \(b.programmes.activeAtEnd) |"
      )
      out.append(
        "| \(t("Program: jam kehadiran (klien hadir)", "Programmes: hours attended (clients attending)")) | \(hours(b.programmes.hoursAttended)) (\(b.programmes.clientsAttending)) |"
      )
      if let n = b.officerCount {
        let source = b.officerCountSource.map { " — " + label($0.label) } ?? ""
        out.append(
          "| \(t("Rasio klien per PK", "Clients per PK")) | \(b.clientsPerOfficer.map { num($0, 1) } ?? "—") (\(b.clientsUnderGuidance.total) / \(n) PK\(source)) |"
        )
      }
      if let partners = b.activePartners {
        out.append(
          "| \(t("Mitra Pokmas Lipas aktif", "Active Pokmas Lipas partners")) | \(partners.count)"
            + (partners.isEmpty ? "" : " (" + partners.map(\.rawValue).joined(separator: ", ") + ")") + " |")
      }
      if let obstacles = b.obstacles {
        let total = obstacles.reduce(0) { $0 + $1.count }
        out.append(
          "| \(t("Kendala yang dilaporkan", "Obstacles reported")) | \(total)"
            + (obstacles.isEmpty
              ? "" : " (" + obstacles.map { "\(label($0.label)) \($0.count)" }.joined(separator: "; ") + ")") + " |")
      }
      if !b.byBasisAndStage.isEmpty {
        out += ["", "### " + t("Klien menurut dasar hukum dan tahap", "Clients by legal basis and stage"), ""]
        out.append(
          "| \(t("Dasar hukum", "Legal basis")) | \(t("Tahap", "Stage")) | \(t("Dewasa", "Adults")) | \(t("Anak", "Children")) | \(t("Jumlah", "Total")) |"
        )
        out.append("|---|---|---|---|---|")
        for row in b.byBasisAndStage {
          out.append(
            "| \(label(row.legalBasis.label)) | \(label(row.stage.label)) | \(row.clients.adults) | \(row.clients.children) | \(row.clients.total) |"
          )
        }
      }
      if !b.litmas.isEmpty {
        out += ["", "### " + t("Litmas yang selesai", "Litmas finished"), ""]
        out.append(
          "| \(t("Jenis", "Type")) | \(t("Selesai", "Finished")) | \(t("Median waktu penyelesaian (hari)", "Median turnaround (days)")) | \(t("Terlambat", "Overdue")) |"
        )
        out.append("|---|---|---|---|")
        for l in b.litmas {
          let median = l.medianTurnaroundDays.map { num($0, 1) + " (n = \(l.withRequestDate))" } ?? "—"
          out.append(
            "| \(label(l.type.label)) | \(l.finished) | \(median) | \(l.overdue) \(t("dari", "of")) \(l.withDueDate) |")
        }
      }
      if !b.contacts.isEmpty {
        out += ["", "### " + t("Kontak menurut cara", "Contacts by modality"), ""]
        out.append(
          "| \(t("Cara", "Modality")) | \(t("Hadir", "Attended")) | \(t("Tidak hadir", "Missed")) | \(t("Izin", "Excused")) |"
        )
        out.append("|---|---|---|---|")
        for c in b.contacts {
          out.append("| \(label(c.modality.label)) | \(c.attended) | \(c.missed) | \(c.excused) |")
        }
      }
    }
    if !officers.isEmpty {
      out += ["", "## " + t("Per PK", "Per PK"), ""]
      out.append(
        "| PK | \(t("Klien (dewasa/anak)", "Clients (adults/children)")) | \(t("Penerimaan", "Receptions")) | \(t("Pengakhiran", "Closings")) | \(t("Pencabutan diusulkan/dicabut", "Revocations proposed/revoked")) | Litmas | \(t("Kepatuhan wajib lapor", "Wajib-lapor compliance")) | \(t("Kontak hadir", "Contacts attended")) | \(t("Jam program", "Programme hours")) |"
      )
      out.append("|---|---|---|---|---|---|---|---|---|")
      for o in officers {
        let closed = o.closings.reduce(0) { $0 + $1.count } + o.closingsWithoutCertificate
        let litmas = o.litmas.reduce(0) { $0 + $1.finished }
        let contacts = o.contacts.reduce(0) { $0 + $1.attended }
        out.append(
          "| \(o.id) | \(o.clientsUnderGuidance.total) (\(o.clientsUnderGuidance.adults)/\(o.clientsUnderGuidance.children)) | \(o.receptions.total) | \(closed) | \(o.revocations.proposed)/\(o.revocations.revoked) | \(litmas) | \(percent(o.reporting.complianceRate)) | \(contacts) | \(hours(o.programmes.hoursAttended)) |"
        )
      }
    }
    out += [
      "",
      t(
        "Cara menghitung setiap angka: lihat dokumentasi `BapasPeriodicReports`. Klien anak/dewasa menurut umur pada hari penerimaan.",
        "How each figure is counted: see the `BapasPeriodicReports` article. Children and adults by age on the day of reception."
      ),
    ]
    return out.joined(separator: "\n") + "\n"
  }
}
