// Load test across nodes: two server processes over one PostgreSQL database, N concurrent simulated candidates whose
// requests alternate between the nodes, one node SIGKILLed and restarted mid-run. Checks that every answer a candidate
// was told was accepted is stored exactly once and nothing else is, that every session replays on a restarted node,
// and that racing submits of one answer number to both nodes are accepted once. Prints p50/p99 latency and throughput.
// usage: emrcat-server-load --server PATH/emrcat-server.dll --postgres CONNECTION [--candidates 2000] [--ports 5301,5302]
//                           [--kill-at 0.4] [--down-seconds 2] [--max-seconds 900] [--preset quick] [--seed 1] [--max-in-flight 32]
// Exit code 0 when every check holds, 1 otherwise.
using EmrCat.Server.LoadTest;

var options = LoadOptions.Parse(args);
if (options is null) return 2;
return await new LoadRun(options).RunAsync();
