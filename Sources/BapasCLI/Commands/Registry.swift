/// The subcommands `bapas` knows, in the order its help lists them. Add a new command here.
let registeredSubcommands: [any Subcommand.Type] = [
  ScoreCommand.self,
  ReliabilityCommand.self,
  ICCCommand.self,
  ChangeCommand.self,
  InstrumentsCommand.self,
  AllianceCommand.self,
  AssertiveCommand.self,
  RiskCommand.self,
  ValidateRiskCommand.self,
  ExportCommand.self,
  AuditCommand.self,
  ReportCommand.self,
  ServeCommand.self,
]
