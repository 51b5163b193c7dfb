using System.CommandLine;
using EmrCat.Practice.Commands;

var root = new RootCommand("EmrCat practice: adaptive EMR practice runs (the default), bank validation, scoring and simulation.");
PracticeCommand.AddTo(root);
root.Subcommands.Add(DrillCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(CalibrateExposureCommand.Create());
root.Subcommands.Add(DiagnoseCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(CalibrateCommand.Create());
root.Subcommands.Add(BankUpdateCommand.Create());
root.Subcommands.Add(ExportResponsesCommand.Create());
foreach (var command in PlanningCommands.Create()) root.Subcommands.Add(command);
return CommandLineHost.Run(root, args);
