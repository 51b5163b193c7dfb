using System.Globalization;
using EmrCat.Fuzz;
using SharpFuzz;

// emrcat-fuzz: fuzzing harness for EmrCat's loaders. See docs/reliability.md ("Fuzzing").
const string Usage = """
    usage:
      emrcat-fuzz list                                   the targets
      emrcat-fuzz seeds DIR                              write each target's valid inputs to DIR/<target>/ (AFL++ -i, libFuzzer corpus)
      emrcat-fuzz mutate TARGET|all [--seconds N] [--inputs N] [--seed N] [--findings DIR]
                                                         self-contained mutation fuzzing (default 60 s per target)
      emrcat-fuzz run TARGET FILE...                     run saved inputs once (reproduce a finding)
      emrcat-fuzz afl TARGET                             entry point for afl-fuzz (SharpFuzz, out of process)
      emrcat-fuzz libfuzzer TARGET                       entry point for libfuzzer-dotnet (SharpFuzz)
    targets: bank, snapshot, snapshot-resigned, params, responses
    exit codes: 0 no finding, 1 findings, 2 usage, 3 a hang (the input is saved)
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    string root = FuzzTargets.FindRepository();
    switch (args[0])
    {
        case "list":
            foreach (string name in FuzzTargets.Names) Console.WriteLine($"{name,-18} {FuzzTargets.Create(name, root).Description}");
            return 0;
        case "seeds" when args.Length == 2:
            foreach (string name in FuzzTargets.Names)
            {
                string dir = Directory.CreateDirectory(Path.Combine(args[1], name)).FullName;
                var seeds = FuzzTargets.Create(name, root).Seeds;
                for (int i = 0; i < seeds.Count; i++) File.WriteAllBytes(Path.Combine(dir, $"seed-{i}"), seeds[i]);
                Console.WriteLine($"{name}: {seeds.Count} seed(s) in {dir}");
            }

            return 0;
        case "mutate" when args.Length >= 2:
        {
            var options = Options(args.AsSpan(2));
            var names = args[1] == "all" ? FuzzTargets.Names : [args[1]];
            long? inputs = options.TryGetValue("--inputs", out string? n) ? long.Parse(n, CultureInfo.InvariantCulture) : null;
            TimeSpan? duration = options.TryGetValue("--seconds", out string? s) ? TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture))
                : inputs is null ? TimeSpan.FromSeconds(60) : null;
            int seed = options.TryGetValue("--seed", out string? seedText) ? int.Parse(seedText, CultureInfo.InvariantCulture) : Random.Shared.Next();
            int findings = 0;
            foreach (string name in names)
            {
                var report = MutationLoop.Run(FuzzTargets.Create(name, root), duration, inputs, seed, options.GetValueOrDefault("--findings"), Console.Out);
                Console.WriteLine($"{name}: {report.Inputs} inputs (seed {seed}): {report.Loaded} loaded, {report.Refused} refused, {report.Findings.Count} findings");
                findings += report.Findings.Count;
            }

            return findings == 0 ? 0 : 1;
        }

        case "run" when args.Length >= 3:
        {
            var target = FuzzTargets.Create(args[1], root);
            foreach (string file in args[2..]) Console.WriteLine($"{file}: {target.Run(File.ReadAllBytes(file))}");
            return 0;
        }

        // Instrumented EmrCat code may run only inside SharpFuzz's loop (it writes AFL's coverage map), so the target,
        // which loads a bank and builds a snapshot, is made on the first input.
        case "afl" when args.Length == 2 && FuzzTargets.Names.Contains(args[1]):
        {
            FuzzTarget? target = null;
            Fuzzer.OutOfProcess.Run(stream =>
            {
                target ??= FuzzTargets.Create(args[1], root);
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                target.Run(buffer.ToArray());
            });
            return 0;
        }

        case "libfuzzer" when args.Length == 2 && FuzzTargets.Names.Contains(args[1]):
        {
            FuzzTarget? target = null;
            Fuzzer.LibFuzzer.Run(span =>
            {
                target ??= FuzzTargets.Create(args[1], root);
                target.Run(span.ToArray());
            });
            return 0;
        }

        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IOException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static Dictionary<string, string> Options(ReadOnlySpan<string> args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        if (args[i] is not ("--seconds" or "--inputs" or "--seed" or "--findings")) throw new ArgumentException($"Unknown option '{args[i]}'.");
        options[args[i]] = args[i + 1];
    }

    if (args.Length % 2 != 0) throw new ArgumentException($"Option '{args[^1]}' needs a value.");
    return options;
}
