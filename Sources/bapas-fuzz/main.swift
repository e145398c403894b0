// bapas-fuzz: seeded, in-process fuzzing of the SDK's readers and the `bapas` command line.
// See Documentation/Fuzzing.md. Usage:
//   bapas-fuzz [--iterations N] [--seed S] [--corpus DIR] [--budget-seconds T] [--save-crashers]
import BapasCLI
import Foundation
import _SDKSupport

var iterations = 2000
var seed: UInt64 = 12
var corpus = "Tests/BapasCLITests/FuzzCorpus"
var budget = 20.0
var saveCrashers = false
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
  let flag = arguments.removeFirst()
  let value = arguments.first
  switch flag {
  case "--iterations":
    iterations = value.flatMap(Int.init) ?? iterations
    arguments.removeFirst()
  case "--seed":
    seed = value.flatMap(UInt64.init) ?? seed
    arguments.removeFirst()
  case "--corpus":
    corpus = value ?? corpus
    arguments.removeFirst()
  case "--budget-seconds":
    budget = value.flatMap(Double.init) ?? budget
    arguments.removeFirst()
  case "--save-crashers": saveCrashers = true
  default:
    FileHandle.standardError.write(
      Data("usage: bapas-fuzz [--iterations N] [--seed S] [--corpus DIR] [--budget-seconds T] [--save-crashers]\n".utf8)
    )
    Platform.exitProcess(64)
  }
}
Platform.exitProcess(
  FuzzCampaign(iterations: iterations, seed: seed, corpus: corpus, budgetSeconds: budget, saveCrashers: saveCrashers)
    .run())
