using FsCheck;
using FsCheck.Fluent;

namespace EmrCat.Tests.Reliability;

/// <summary>
/// The contract every loader keeps for any input: it loads, or throws its own validation exception (exactly that
/// type, with a message), and it neither hangs nor allocates more than a budget proportional to the input.
/// </summary>
internal static class LoaderOracle
{
    /// <summary>A watchdog against hangs only (a load takes milliseconds); never a timing assertion.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(1);

    /// <summary>Managed bytes a load may allocate: a fixed allowance plus a multiple of the input's size.</summary>
    public static long Budget(long inputBytes) => 64L * 1024 * 1024 + 64 * inputBytes;

    /// <summary>Runs <paramref name="load"/> on its own thread and checks the contract.</summary>
    public static Property LoadsOrRefuses<TRefusal>(long inputBytes, Action load, string input)
        where TRefusal : Exception
    {
        Exception? thrown = null;
        long allocated = 0;
        var worker = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                load();
            }
            catch (Exception e)
            {
                thrown = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, maxStackSize: 1024 * 1024);
        worker.Start();
        bool finished = worker.Join(Watchdog);
        bool ownRefusal = thrown is null || (thrown.GetType() == typeof(TRefusal) && thrown.Message.Length > 0);
        bool bounded = allocated <= Budget(inputBytes);
        return (finished && ownRefusal && bounded).Label(
            $"{input}: finished={finished} thrown={thrown?.GetType().Name}: {thrown?.Message} allocated={allocated} budget={Budget(inputBytes)}\n{thrown?.StackTrace}");
    }
}
