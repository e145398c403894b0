/// The bulk scoring pass over a ``ResponseMatrix``.
struct BulkScorer {
  let plan: ScoringPlan
  /// Keyed imputation values per scale and item position (NaN = none), or `nil` when not imputing.
  let imputation: [[Double]]?

  func score(_ matrix: ResponseMatrix, into table: inout ScoreTable) {
    let k = matrix.columnCount
    let s = plan.scales.count
    let n = matrix.rowCount
    guard n > 0, s > 0 else { return }
    let hi1 = plan.definition.responseScale.max + 1
    let lo1 = plan.definition.responseScale.min - 1
    matrix.codes.withUnsafeBufferPointer { codes in
      table.rawSums.withUnsafeMutableBufferPointer { sums in
        table.missingCounts.withUnsafeMutableBufferPointer { missing in
          for (si, scale) in plan.scales.enumerated() {
            let cols = scale.columns
            let rev = scale.reversed
            let impute = imputation?[si]
            for row in 0..<n {
              let base = row * k
              var total = 0
              var absent = 0
              var imputed = 0.0
              for p in 0..<cols.count {
                let c = Int(codes[base + cols[p]])
                if c == 0 {
                  absent += 1
                  if let impute { imputed += impute[p] }
                } else {
                  total += rev[p] ? hi1 - c : c + lo1
                }
              }
              sums[row * s + si] = Double(total) + imputed
              missing[row * s + si] = UInt16(absent)
            }
          }
        }
      }
    }
  }
}
