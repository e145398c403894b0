import Foundation

extension ScaleReliability {
  /// A plain-text report laid out like R psych's `print(alpha(...))`: the scale line, the 95%
  /// confidence boundaries (Feldt and Duhachek), "Reliability if an item is dropped", "Item
  /// statistics" and "Non missing response frequency for each item". Values are rounded to two
  /// decimals (the ase and var.r to two significant digits), as psych prints them by default.
  ///
  /// - Parameter includeFrequencies: whether to end with the response-frequency table.
  public func formattedReport(includeFrequencies: Bool = true) -> String {
    var lines: [String] = []
    lines.append("Reliability analysis   ")
    lines.append("Scale: \(name)  (k = \(itemCount), n = \(n), missing data: \(missingData.rawValue))")
    lines.append("")
    lines.append(
      contentsOf: Self.table(
        header: ["raw_alpha", "std.alpha", "G6(smc)", "average_r", "S/N", "ase", "mean", "sd", "median_r"],
        rows: [
          (
            "",
            [
              Self.fixed(alpha), Self.fixed(standardizedAlpha), Self.fixed(lambda6), Self.fixed(averageR),
              Self.fixed(signalToNoise, 1), Self.significant(ase), Self.fixed(mean, 1), Self.fixed(sd),
              Self.fixed(medianR),
            ]
          )
        ]))
    for note in notes {
      lines.append(
        "Note (\(note.statistic), \(note.status == .adjusted ? "adjusted" : "not computed")): \(note.reason).")
    }
    lines.append("")
    let percent = Self.trimmed(confidenceLevel * 100)
    lines.append("    \(percent)% confidence boundaries ")
    lines.append(
      contentsOf: Self.table(
        header: ["lower", "alpha", "upper"],
        rows: [
          ("Feldt", [Self.fixed(feldtLower), Self.fixed(alpha), Self.fixed(feldtUpper)]),
          ("Duhachek", [Self.fixed(duhachekLower), Self.fixed(alpha), Self.fixed(duhachekUpper)]),
        ]))
    lines.append("")
    lines.append(" Reliability if an item is dropped:")
    lines.append(
      contentsOf: Self.table(
        header: ["raw_alpha", "std.alpha", "G6(smc)", "average_r", "S/N", "alpha se", "var.r", "med.r"],
        rows: itemOrder.compactMap { name in
          guard let item = items[name] else { return nil }
          return (
            Self.label(name, key: item.key),
            [
              Self.fixed(item.alphaIfDeleted), Self.fixed(item.standardizedAlphaIfDeleted),
              Self.fixed(item.lambda6IfDeleted), Self.fixed(item.averageRIfDeleted),
              item.signalToNoiseIfDeleted.map { Self.fixed($0, 1) } ?? "NA",
              item.aseIfDeleted.map { Self.significant($0) } ?? "NA",
              item.varianceRIfDeleted.map { Self.significant($0) } ?? "NA", Self.fixed(item.medianRIfDeleted),
            ]
          )
        }))
    lines.append("")
    lines.append(" Item statistics ")
    lines.append(
      contentsOf: Self.table(
        header: ["n", "raw.r", "std.r", "r.cor", "r.drop", "mean", "sd"],
        rows: itemOrder.compactMap { name in
          guard let item = items[name] else { return nil }
          return (
            Self.label(name, key: item.key),
            [
              String(item.n), Self.fixed(item.rawR), Self.fixed(item.stdR), Self.fixed(item.rCor),
              Self.fixed(item.rDrop), Self.fixed(item.mean, 1), Self.fixed(item.sd),
            ]
          )
        }))
    if includeFrequencies, let first = itemOrder.first, let values = items[first]?.responseFrequencies.map(\.value) {
      lines.append("")
      lines.append("Non missing response frequency for each item")
      lines.append(
        contentsOf: Self.table(
          header: values.map(String.init) + ["miss"],
          rows: itemOrder.compactMap { name in
            guard let item = items[name] else { return nil }
            return (
              Self.label(name, key: item.key),
              item.responseFrequencies.map { Self.fixed($0.share) } + [Self.fixed(item.missingShare)]
            )
          }))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// psych marks a reverse-keyed item with a trailing "-".
  static func label(_ name: String, key: Int) -> String { key < 0 ? name + "-" : name }

  static func fixed(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
  }

  static func significant(_ value: Double, _ digits: Int = 2) -> String {
    guard value != 0, value.isFinite else { return fixed(value) }
    let magnitude = Int(floor(log10(abs(value))))
    let decimals = max(0, digits - 1 - magnitude)
    return String(format: "%.\(decimals)f", value)
  }

  static func trimmed(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  /// Right-aligned columns under a header, with row labels left-aligned.
  static func table(header: [String], rows: [(String, [String])]) -> [String] {
    let labelWidth = rows.map(\.0.count).max() ?? 0
    var widths = header.map(\.count)
    for (_, cells) in rows {
      for (index, cell) in cells.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    func pad(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - text.count)) + text
    }
    var lines = [String(repeating: " ", count: labelWidth) + zip(header, widths).map { " " + pad($0, $1) }.joined()]
    for (label, cells) in rows {
      let padded = label + String(repeating: " ", count: labelWidth - label.count)
      lines.append(padded + zip(cells, widths).map { " " + pad($0, $1) }.joined())
    }
    return lines
  }
}
