import AssessmentEngine
import Testing
import _AssessmentTestSupport

@testable import BapasCLI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A WAI-SR administration with every item at `v` (total 12·v, percent (v − 1)/4·100).
func row(_ dyad: String, _ session: String, _ date: String, _ rater: String, _ v: Int) -> String {
  "\(dyad),\(session),\(date),\(rater)," + Array(repeating: String(v), count: 12).joined(separator: ",")
}

let allianceHeader = "klien,sesi,tanggal,penilai," + (1...12).map { "item\($0)" }.joined(separator: ",")
let allianceArguments = [
  "--instrument", "wai-sr", "--id-column", "klien", "--session-column", "sesi", "--date-column", "tanggal",
  "--rater-column", "penilai",
]

@Suite("bapas alliance")
struct AllianceCommandTests {
  /// Client K-01: items all 4, 4, 5, 3 → totals 48, 48, 60, 36; PK K-01 sessions 1, 4: 36, 36.
  ///
  ///     slope: x̄ 2.5, ȳ 48, Sxy = 0.5·12 + 1.5·(−12) = −12, Sxx = 5 → −2.4
  ///     SD = √(288/3) = √96 ≈ 9.80; 2 SD ≈ 19.6 ≤ drop 60 − 36 = 24 → rupture at 4, series ends: open
  ///     gap at session 1: client 75 − PK 50 = 25; at session 4: 50 − 50 = 0
  func fixture() -> String {
    [
      allianceHeader,
      row("K-01", "1", "2026-01-05", "klien", 4), row("K-01", "2", "2026-01-19", "klien", 4),
      row("K-01", "3", "2026-02-02", "klien", 5), row("K-01", "4", "2026-02-16", "klien", 3),
      row("K-01", "1", "2026-01-05", "pk", 3), row("K-01", "4", "2026-02-16", "pk", 3),
      row("K-02", "1", "2026-01-06", "client", 5),
    ].joined(separator: "\n") + "\n"
  }

  @Test func sessionsTable() throws {
    let path = try temporaryFile(fixture())
    let (status, out, err) = runBapas(["alliance", path] + allianceArguments)
    #expect(status == .success, "\(err)")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 8)
    #expect(
      lines[0].hasSuffix(
        "Total_sum,Total_mean,Total_percent,rci_from_previous,reliable_change,rupture,rupture_status,repairs_rupture_at,gap_client_minus_pk,falling"
      ))
    #expect(lines[1] == "K-01,client,wai-sr,1,2026-01-05,2,16,4,75,16,4,75,16,4,75,48,4,75,,,,,,25,")
    #expect(lines[4] == "K-01,client,wai-sr,4,2026-02-16,5,12,3,50,12,3,50,12,3,50,36,3,50,,,rupture,open,,0,yes")
    #expect(lines[7] == "K-02,client,wai-sr,1,2026-01-06,8,20,5,100,20,5,100,20,5,100,60,5,100,,,,,,,")
    #expect(err.contains("bapas alliance: 2 dyads, 3 series analysed; 0 rows and 0 series left out."))
  }

  @Test func dyadsTableWithReliableChange() throws {
    let path = try temporaryFile(fixture())
    let (status, out, _) = runBapas(
      ["alliance", path] + allianceArguments + ["--table", "dyads", "--reliability", "0.9", "--sd", "8"])
    #expect(status == .success)
    let lines = out.split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "dyad,rater,form,sessions,slope,slope_se,early_mean,ruptures,unrepaired_ruptures,mean_gap_client_minus_pk,falling,evidence,not_enough_data"
    )
    let client = lines[1].split(separator: ",", maxSplits: 11).map(String.init)
    #expect(client[0] == "K-01" && client[4] == "-2.4" && client[6] == "52" && client[7] == "1" && client[8] == "1")
    #expect(client[9] == "12.5")  // mean gap over sessions 1 and 4: (25 + 0)/2
    #expect(client[10] == "yes")
    // K-02 has one session: no slope, typed "not enough data" sentences instead.
    #expect(lines[3].hasPrefix("K-02,client,wai-sr,1,,,,,,,,,"))
    #expect(
      lines[3].contains(
        "Dyad 'K-02' (client ratings): trajectory needs at least 2 scored sessions; there is 1 (session 1, line 8)."))
  }

  @Test func jsonHasReportsAndStatesTheBasis() throws {
    let path = try temporaryFile(fixture())
    let (status, out, _) = runBapas(
      ["alliance", path] + allianceArguments + [
        "--format", "json", "--reliability", "0.9", "--sd", "8", "--reliability-source", "test figure",
      ])
    #expect(status == .success)
    let value = try JSONValue.parse(Data(out.utf8))
    guard case .object(let root) = value, case .array(let dyads)? = root["dyads"],
      case .object(let meta)? = root["metadata"],
      case .object(let options)? = meta["options"], case .object(let basis)? = options["reliability"]
    else {
      Issue.record("unexpected JSON shape")
      return
    }
    #expect(dyads.count == 2)
    #expect(basis["note"] == .string("reliability 0.9: test figure; SD 8: given on the command line"))
    #expect(out.contains("\"notEnoughData\""))
  }

  @Test func unknownRaterIsReportedAndTheRowLeftOut() throws {
    let path = try temporaryFile(allianceHeader + "\n" + row("K-03", "1", "2026-01-07", "therapist", 5) + "\n")
    let (status, _, err) = runBapas(["alliance", path] + allianceArguments)
    #expect(status == .someRowsRejected)
    #expect(
      err.contains(
        "\(path):2: error: column 'penilai': 'therapist' is neither a client rating (client, klien) nor a PK rating (pk). The row is left out."
      ))
  }

  @Test func invalidSessionAndDate() throws {
    let path = try temporaryFile(
      [allianceHeader, row("K-03", "satu", "2026-01-07", "pk", 5), row("K-03", "2", "07/01/2026", "pk", 5)].joined(
        separator: "\n"))
    let (status, _, err) = runBapas(["alliance", path] + allianceArguments)
    #expect(status == .someRowsRejected)
    #expect(err.contains("\(path):2: error: column 'sesi': 'satu' is not a whole session number."))
    #expect(err.contains("\(path):3: error: column 'tanggal': '07/01/2026' is not a date written YYYY-MM-DD."))
  }

  @Test func duplicateSessionNamesDyadAndLines() throws {
    let path = try temporaryFile(
      [allianceHeader, row("K-04", "1", "2026-01-07", "klien", 5), row("K-04", "1", "2026-01-08", "klien", 4)].joined(
        separator: "\n"))
    let (status, out, err) = runBapas(["alliance", path] + allianceArguments)
    #expect(status == .someRowsRejected)
    #expect(
      err.contains(
        "\(path): error: Dyad 'K-04' (client ratings) has more than one administration for session 1 (lines 2, 3); give each administration its own session number."
      ))
    #expect(out.split(separator: "\n").count == 1)  // header only
  }

  @Test func datesOutOfOrder() throws {
    let path = try temporaryFile(
      [allianceHeader, row("K-05", "1", "2026-03-07", "klien", 5), row("K-05", "2", "2026-01-08", "klien", 4)].joined(
        separator: "\n"))
    let (status, _, err) = runBapas(["alliance", path] + allianceArguments)
    #expect(status == .someRowsRejected)
    #expect(
      err.contains(
        "Dyad 'K-05' (client ratings): session 2 is dated 2026-01-08, before session 1 on 2026-03-07 (lines 2, 3)"))
  }

  @Test func mixedForms() throws {
    let header = "klien,sesi,form," + (1...12).map { "item\($0)" }.joined(separator: ",")
    let items = Array(repeating: "4", count: 12).joined(separator: ",")
    let path = try temporaryFile("\(header)\nK-06,1,wai-sr,\(items)\nK-06,2,wai-sr-t,\(items)\n")
    let (status, _, err) = runBapas([
      "alliance", path, "--instrument", "wai-sr", "--id-column", "klien", "--session-column", "sesi", "--form-column",
      "form",
    ])
    #expect(status == .someRowsRejected)
    #expect(
      err.contains(
        "Dyad 'K-06' (client ratings) mixes the forms wai-sr, wai-sr-t (line 3); analyse each form as its own series."))
  }

  @Test func usageAndHeaderErrors() throws {
    let path = try temporaryFile(fixture())
    #expect(runBapas(["alliance", path, "--instrument", "wai-sr", "--session-column", "sesi"]).0 == .usage)
    let (status, _, err) = runBapas([
      "alliance", path, "--instrument", "wai-sr", "--id-column", "client_id", "--session-column", "sesi",
    ])
    #expect(status == .unreadableInput)
    #expect(err.contains("the header has no id column 'client_id'."))
    #expect(runBapas(["alliance", path] + allianceArguments + ["--repair-fraction", "1.5"]).0 == .usage)
    // SD from the sample needs at least two client series with a first score; here there is one.
    let one = try temporaryFile(allianceHeader + "\n" + row("K-01", "1", "2026-01-05", "klien", 4) + "\n")
    let (s2, _, e2) = runBapas(["alliance", one] + allianceArguments + ["--reliability", "0.9"])
    #expect(s2 == .usage)
    #expect(
      e2.contains(
        "The SD cannot be estimated from the sample: 1 series has a first score, at least 2 are needed; give the SD."))
  }

  @Test func helpListsTheNewSubcommands() {
    let (_, out, _) = runBapas(["--help"])
    #expect(out.contains("  alliance "))
    #expect(out.contains("  instruments "))
  }
}

@Suite("bapas alliance: reliability and missing data")
struct AllianceCommandOptionTests {
  /// A user definition with a published norm (reliability .9, SD 8 on the total sum) drives the RCI:
  /// totals 48 → 60 give RCI 12/(8√.2) = 3.354… → improved.
  @Test func publishedReliabilityFromTheDefinition() throws {
    guard let waiSR = builtInInstruments.definition(id: "wai-sr") else {
      Issue.record("no wai-sr")
      return
    }
    var d = waiSR
    d.id = "wai-sr-normed"
    d.norms = [
      ScaleNorm(
        scale: "Total", population: LocalizedText(id: "Contoh", en: "Example"), metric: .sum, mean: 45, sd: 8, n: 100,
        reliability: 0.9, source: "test norm")
    ]
    guard let json = InstrumentsCommand.definitionJSON(d) else {
      Issue.record("encoding failed")
      return
    }
    let definition = try temporaryFile(json, name: "normed.json")
    let data = try temporaryFile(
      [allianceHeader, row("K-01", "1", "2026-01-05", "klien", 4), row("K-01", "2", "2026-01-19", "klien", 5)].joined(
        separator: "\n"))
    let args = [
      "alliance", data, "--instrument", definition, "--id-column", "klien", "--session-column", "sesi", "--date-column",
      "tanggal", "--rater-column", "penilai",
    ]
    let (status, out, _) = runBapas(args + ["--published-reliability"])
    #expect(status == .success)
    let second = out.split(separator: "\n")[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    expectClose(Double(second[18]), 12 / (8 * 0.2.squareRoot()), relative: 1e-14)
    #expect(second[19] == "improved")
    // The built-in carries no norms, so the flag is a usage error.
    let (s2, _, e2) = runBapas(["alliance", data] + allianceArguments + ["--published-reliability"])
    #expect(s2 == .usage)
    #expect(e2.contains("carries no published reliability and SD"))
  }

  /// Under --impute none, a row with Goal items missing keeps an unscored Goal and a total of the
  /// answered items only (psych semantics); --impute with --prorate is a usage error of this command.
  @Test func missingDataOptions() throws {
    let items = "4,4,4,,4,,4,,4,4,,4"
    let data = try temporaryFile("\(allianceHeader)\nK-01,1,2026-01-05,klien,\(items)\n")
    let (status, out, _) = runBapas(["alliance", data] + allianceArguments + ["--impute", "none"])
    #expect(status == .success)
    let cells = out.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(cells[6] == "" && cells[15] == "32")
    let (s2, _, e2) = runBapas(["alliance", data] + allianceArguments + ["--impute", "none", "--prorate", "2"])
    #expect(s2 == .usage)
    #expect(e2.contains("Usage: bapas alliance"))
  }
}
