using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;


// Every run reports the median next to the mean and the bytes allocated per operation.
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median).AddDiagnoser(MemoryDiagnoser.Default);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();

// Non-zero when a benchmark could not run or failed, so CI notices.
bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.IsEmpty || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
