import AssessmentEngine
import BapasCLI

print("bapas-benchmarks: no cases yet")
