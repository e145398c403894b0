import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `bapas reliability --ordinal` and `--bootstrap N`: analyses that need the rows themselves.
extension ReliabilityCommand {
  /// A per-scale result or the reason there is none (`{"error": "…"}` in JSON).
  struct Extra<Value: Encodable>: Encodable {
    var value: Value?
    var error: String?
    func encode(to encoder: any Encoder) throws {
      if let value {
        try value.encode(to: encoder)
      } else {
        var container = encoder.singleValueContainer()
        try container.encode(["error": error ?? ""])
      }
    }
  }

  struct Extras {
    var ordinal: [String: Extra<OrdinalReliability>] = [:]
    var bootstrap: [String: Extra<ReliabilityBootstrap>] = [:]
    var failures = 0
  }

  static func analyseExtras(
    instrument: CompiledInstrument, codes: [UInt8], ordinal: Bool, replicates: Int?, seed: UInt64,
    options: ReliabilityOptions,
    io: CommandIO, path: String
  ) -> Extras {
    var extras = Extras()
    guard ordinal || replicates != nil else { return extras }
    let coding = instrument.coding
    for (index, scale) in instrument.scales.enumerated() {
      if ordinal {
        // Reverse keys come from the compiled instrument, as for the moments and the scores.
        let keyed = instrument.keyedCodes(codes, scaleAt: index)
        do {
          let polychoric = try PolychoricCorrelation(
            codes: keyed, itemCount: scale.columns.count, levels: coding.levels, itemNames: scale.items)
          extras.ordinal[scale.id] = Extra(value: OrdinalReliability(polychoric), error: nil)
        } catch {
          extras.failures += 1
          extras.ordinal[scale.id] = Extra(value: nil, error: error.description)
          let reason = error.description
          io.report(
            CLIError(.notComputed, .init(file: path, item: scale.id), why: "scale '\(scale.id)': ordinal: \(reason)"))
        }
      }
      if let replicates {
        do throws(ReliabilityError) {
          let bootstrap = try ReliabilityBootstrap(
            codes: codes, itemCount: instrument.columns.count, coding: coding, scale: ReliabilityScale(scale),
            columnNames: instrument.columns,
            options: options, replicates: replicates, seed: seed, confidenceLevel: options.confidenceLevel)
          extras.bootstrap[scale.id] = Extra(value: bootstrap, error: nil)
        } catch {
          extras.failures += 1
          extras.bootstrap[scale.id] = Extra(value: nil, error: error.description)
          let reason = error.description
          io.report(
            CLIError(.notComputed, .init(file: path, item: scale.id), why: "scale '\(scale.id)': bootstrap: \(reason)"))
        }
      }
    }
    return extras
  }

  static func extrasText(_ extras: Extras, definition: InstrumentDefinition) -> String {
    var out = ""
    func f(_ v: Double) -> String { String(format: "%.3f", v) }
    for scale in definition.scales {
      if let entry = extras.ordinal[scale.id] {
        out += "\nOrdinal reliability (polychoric correlations): \(scale.id)\n"
        if let o = entry.value {
          out +=
            "  ordinal alpha \(f(o.alpha))  ordinal omega_t \(f(o.omegaTotal))  average polychoric r \(f(o.averageR))  n = \(o.n)"
          out += o.smoothed ? "  (matrix smoothed: not positive definite)\n" : "\n"
          out +=
            o.globalThresholds
            ? "" : "  thresholds per pair: the items do not span the same categories (psych global = FALSE)\n"
        } else {
          out += "  not computed: \(entry.error ?? "")\n"
        }
      }
      if let entry = extras.bootstrap[scale.id] {
        if let b = entry.value {
          let level = String(format: "%g", b.confidenceLevel * 100)
          out +=
            "\nBootstrap \(level)% intervals (\(b.replicates) replicates, seed \(b.seed)\(b.failedReplicates > 0 ? ", \(b.failedReplicates) replicates not analysable" : "")): \(scale.id)\n"
          out += "              estimate  percentile         BCa\n"
          for (name, i) in [("alpha", b.alpha), ("omega_t", b.omegaTotal)] {
            out +=
              "  \(name.padding(toLength: 10, withPad: " ", startingAt: 0))  \(f(i.estimate))  [\(f(i.percentileLower)), \(f(i.percentileUpper))]  [\(f(i.bcaLower)), \(f(i.bcaUpper))]\n"
          }
        } else {
          out += "\nBootstrap: \(scale.id)\n  not computed: \(entry.error ?? "")\n"
        }
      }
    }
    return out
  }
}
