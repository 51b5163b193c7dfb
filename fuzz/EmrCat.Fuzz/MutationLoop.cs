using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace EmrCat.Fuzz;

/// <summary>What a run of the mutation loop did.</summary>
/// <param name="Inputs">Inputs tried.</param>
/// <param name="Loaded">Inputs that loaded.</param>
/// <param name="Refused">Inputs refused with the loader's own exception.</param>
/// <param name="Findings">Inputs that threw anything else or allocated past the budget (each saved when a folder was given).</param>
internal sealed record LoopReport(long Inputs, long Loaded, long Refused, IReadOnlyList<string> Findings);

/// <summary>
/// A self-contained mutation fuzzer: mutates the target's seeds (and inputs that loaded) with <see cref="Mutation"/>s
/// and, for JSON, <see cref="JsonEdit"/>s, for a time or a number of inputs. An input is a finding when the loader
/// throws anything but its own exception or allocates more than 64 MiB + 64 × its size; a watchdog ends the run with
/// exit code 3 when one input runs longer than a minute (a hang), after saving it.
/// </summary>
internal static class MutationLoop
{
    private const int PoolLimit = 256;
    private static readonly TimeSpan HangAfter = TimeSpan.FromMinutes(1);

    public static LoopReport Run(FuzzTarget target, TimeSpan? duration, long? maxInputs, int seed, string? findingsDir, TextWriter log)
    {
        var random = new Random(seed);
        var pool = new List<byte[]>(target.Seeds);
        var findings = new List<string>();
        long inputs = 0, loaded = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        byte[]? current = null;
        long startedAt = 0;
        using var stop = new CancellationTokenSource();
        var watchdog = new Thread(() =>
        {
            while (!stop.Token.WaitHandle.WaitOne(1000))
            {
                if (Volatile.Read(ref current) is { } input && Stopwatch.GetElapsedTime(Volatile.Read(ref startedAt)) > HangAfter)
                {
                    log.WriteLine($"{target.Name}: an input has run for more than {HangAfter.TotalSeconds:0} s: a hang. {Save(findingsDir, target, "hang", input, "")}");
                    log.Flush();
                    Environment.Exit(3);
                }
            }
        }) { IsBackground = true };
        watchdog.Start();

        while ((maxInputs is null || inputs < maxInputs) && (duration is null || clock.Elapsed < duration))
        {
            byte[] input = Next(target, pool, random);
            inputs++;
            Volatile.Write(ref startedAt, Stopwatch.GetTimestamp());
            Volatile.Write(ref current, input);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var outcome = target.Run(input);
                if (outcome == FuzzOutcome.Loaded)
                {
                    loaded++;
                    if (pool.Count < PoolLimit) pool.Add(input);
                    else pool[target.Seeds.Count + random.Next(PoolLimit - target.Seeds.Count)] = input;
                }
                else
                {
                    refused++;
                }
            }
            catch (Exception e)
            {
                findings.Add($"{e.GetType().Name}: {e.Message} {Save(findingsDir, target, "crash", input, e.ToString())}");
                log.WriteLine($"{target.Name}: finding {findings.Count}: {findings[^1]}");
            }
            finally
            {
                Volatile.Write(ref current, null);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 64L * 1024 * 1024 + 64L * input.Length)
            {
                findings.Add($"allocated {allocated} bytes for a {input.Length}-byte input {Save(findingsDir, target, "memory", input, $"allocated {allocated} bytes")}");
                log.WriteLine($"{target.Name}: finding {findings.Count}: {findings[^1]}");
            }
        }

        stop.Cancel();
        return new LoopReport(inputs, loaded, refused, findings);
    }

    /// <summary>A mutant of a pool input: one to four byte mutations, or for JSON sometimes well-formed edits.</summary>
    private static byte[] Next(FuzzTarget target, List<byte[]> pool, Random random)
    {
        byte[] parent = pool[random.Next(pool.Count)];
        if (target.IsJson && random.Next(3) == 0)
        {
            try
            {
                var edits = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => JsonEdit.Draw(random)).ToArray();
                return Encoding.UTF8.GetBytes(JsonEdit.ApplyAll(Encoding.UTF8.GetString(parent), edits));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
            {
                // the parent is no tree JsonNode can edit (a loaded mutant may have a BOM or a repeated field): mutate its bytes
            }
        }

        var mutations = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Mutation.Draw(random)).ToArray();
        return Mutation.ApplyAll(parent, mutations, target.Tokens);
    }

    private static string Save(string? folder, FuzzTarget target, string kind, byte[] input, string details)
    {
        if (folder is null) return "";
        Directory.CreateDirectory(folder);
        string name = $"{target.Name}-{kind}-{Convert.ToHexStringLower(SHA256.HashData(input))[..16]}";
        File.WriteAllBytes(Path.Combine(folder, name + ".bin"), input);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), details);
        return $"(saved as {Path.Combine(folder, name)}.bin)";
    }
}
