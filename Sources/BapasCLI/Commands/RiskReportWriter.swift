import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The three output forms of `bapas risk`.
enum RiskReportWriter {
  /// A readable block per client.
  static func text(_ results: [RiskClientResult], instrument: RiskInstrumentDefinition) -> String {
    var out =
      "\(instrument.name.english) (\(instrument.id) \(instrument.version), \(instrument.status.label.english))\n"
    if instrument.status == .illustrative { out += "ILLUSTRATIVE AND UNVALIDATED: not for decisions about people.\n" }
    for r in results {
      let a = r.assessment
      out += "\nClient \(r.client) (\(a.population))\n"
      if let total = a.total {
        out += "  Total: \(total) (range \(a.minimumTotal)–\(a.maximumTotal))"
        if let band = a.band {
          out += "; band \(band.band) (\(band.label.english)) in scheme \(band.scheme)"
          if let table = a.cutoffTable { out += ", table \(table)" }
          for m in r.mappedBands { out += "; \(m.scheme): \(m.band) (\(m.label.english))" }
        }
        out += "\n"
      } else {
        out += "  Total withheld: too many unanswered items (\(a.missingItems.joined(separator: ", "))).\n"
      }
      out += "  Domains:\n"
      for d in a.domains {
        let status =
          d.kind == .static ? "static" : d.isNeed ? "need" : d.isStrength ? "strength" : d.isRated ? "" : "not rated"
        out +=
          "    \(pad(d.domain, 14)) \(pad("\(d.points)/\(d.maximum)", 6)) \(pad("\(Int((d.share * 100).rounded()))%", 5)) \(status)\n"
      }
      if a.needs.isEmpty {
        out += "  Needs: none\n"
      } else {
        out += "  Needs (ranked):\n"
        for n in a.needs {
          out +=
            "    \(n.rank). \(n.domain) — \(n.label.english), \(n.points)/\(n.maximum) (\(Int((n.share * 100).rounded()))%); drivers: \(n.drivers.joined(separator: ", "))\n"
        }
      }
      out += "  Strengths: \(a.strengths.isEmpty ? "none" : a.strengths.joined(separator: ", "))\n"
      if !a.missingItems.isEmpty { out += "  Unanswered: \(a.missingItems.joined(separator: ", "))\n" }
      if let p = r.plan {
        var contacts = "\(p.contactStandard.faceToFacePerMonth) face-to-face"
        if let f = p.contactStandard.fieldContactsPerMonth { contacts += ", \(number(f)) in the field" }
        out +=
          "  Plan (\(p.policyBand.band)): contacts a month: \(contacts); programme hours: \(number(p.dosageHours))\n"
        out += "    Targets: \(p.targets.isEmpty ? "none" : p.targets.map(\.domain).joined(separator: ", "))\n"
        out +=
          "    Modalities: \(p.responsivity.modalities.map(\.rawValue).joined(separator: ", ")); format \(p.responsivity.format.rawValue)"
        if p.responsivity.outsideWorkingHours { out += "; outside working hours" }
        out += "\n"
        if !p.responsivity.adjustments.isEmpty {
          out += "    Adjustments: \(p.responsivity.adjustments.map(\.rawValue).joined(separator: ", "))\n"
        }
      }
    }
    return out
  }

  /// One JSON document: instrument, clients (full assessments, mapped bands, plans), issues, summary.
  static func json(
    _ results: [RiskClientResult], instrument: RiskInstrumentDefinition, issues: [RiskInputIssue], file: String,
    read: Int
  ) -> String {
    struct Document: Encodable {
      struct Instrument: Encodable {
        var id: String
        var version: String
        var status: InstrumentStatus
        var name: LocalizedText
      }
      struct Summary: Encodable {
        var clientsRead: Int
        var clientsScored: Int
        var clientsRejected: Int
      }
      var instrument: Instrument
      var clients: [RiskClientResult]
      var issues: [String]
      /// The same problems in the JSON problem form every command shares (``CLIErrorRenderer/json(_:)``).
      var problems: [CLIErrorRenderer.Problem]
      var summary: Summary
    }
    let doc = Document(
      instrument: .init(
        id: instrument.id, version: instrument.version, status: instrument.status, name: instrument.name),
      clients: results, issues: issues.map { CLIErrorRenderer.line($0.error(file: file)) },
      problems: issues.map { CLIErrorRenderer.problem($0.error(file: file)) },
      summary: .init(clientsRead: read, clientsScored: results.count, clientsRejected: read - results.count))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(doc) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// One row per client: total, band, mapped bands, domain points, needs and strengths (and plan columns).
  static func csv(_ results: [RiskClientResult], instrument: RiskInstrumentDefinition, plan: Bool) -> String {
    let mappedSchemes = Array(Set(instrument.bandMappings.map(\.to))).sorted()
    var header = ["client", "instrument", "total", "scheme", "band"] + mappedSchemes.map { "band_\($0)" }
    header += instrument.domains.map { "\($0.id)_points" }
    header += ["needs", "strengths", "missing"]
    if plan { header += ["contacts_per_month", "field_per_month", "dosage_hours", "targets", "modalities", "format"] }
    var out = header.map(csvCell).joined(separator: ",") + "\n"
    for r in results {
      let a = r.assessment
      var row = [
        r.client, "\(a.instrumentID) \(a.instrumentVersion)", a.total.map(String.init) ?? "", a.band?.scheme ?? "",
        a.band?.band ?? "",
      ]
      row += mappedSchemes.map { s in
        r.mappedBands.first { $0.scheme == s }?.band ?? (a.band?.scheme == s ? a.band?.band ?? "" : "")
      }
      row += instrument.domains.map { d in a.domain(d.id).map { String($0.points) } ?? "" }
      row += [
        a.needs.map(\.domain).joined(separator: ";"), a.strengths.joined(separator: ";"),
        a.missingItems.joined(separator: ";"),
      ]
      if plan, let p = r.plan {
        row += [
          String(p.contactStandard.faceToFacePerMonth), p.contactStandard.fieldContactsPerMonth.map(number) ?? "",
          number(p.dosageHours),
          p.targets.map(\.domain).joined(separator: ";"),
          p.responsivity.modalities.map(\.rawValue).joined(separator: ";"),
          p.responsivity.format.rawValue,
        ]
      }
      out += row.map(csvCell).joined(separator: ",") + "\n"
    }
    return out
  }

  static func csvCell(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
