using System.CommandLine;
using EmrCat.Practice.Commands;

var root = new RootCommand("EmrCat practice: adaptive EMR practice runs, bank validation, scoring and simulation.");
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
return root.Parse(args).Invoke();
