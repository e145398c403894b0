import BapasCLI

// A thin entry point: all logic lives in BapasCLI so that tests can drive it in-process.
BapasCommandLine.main()
