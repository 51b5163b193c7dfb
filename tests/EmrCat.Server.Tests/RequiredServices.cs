namespace EmrCat.Server.Tests;

/// <summary>
/// PostgreSQL and Chromium for the tests that need them. `.ci/test` (the README's test command) installs and starts
/// both and sets EMRCAT_REQUIRE_SERVICES=1, so there a missing service fails the test. In a plain `dotnet test` without
/// them the test is reported as skipped, naming what is missing and the command that provides it — never a silent pass.
/// </summary>
internal static class RequiredServices
{
    private static bool Required => Environment.GetEnvironmentVariable("EMRCAT_REQUIRE_SERVICES") == "1";

    /// <summary>The test PostgreSQL connection string (EMRCAT_TEST_POSTGRES).</summary>
    public static string Postgres()
    {
        string? connection = Environment.GetEnvironmentVariable("EMRCAT_TEST_POSTGRES");
        Missing(string.IsNullOrWhiteSpace(connection), "PostgreSQL (EMRCAT_TEST_POSTGRES is not set)");
        return connection!;
    }

    /// <summary>The system Chromium and chromedriver (EMRCAT_CHROMIUM / EMRCAT_CHROMEDRIVER, default /usr/bin/chromium and /usr/bin/chromedriver).</summary>
    public static (string Browser, string Driver) Chromium()
    {
        string browser = Environment.GetEnvironmentVariable("EMRCAT_CHROMIUM") ?? "/usr/bin/chromium";
        string driver = Environment.GetEnvironmentVariable("EMRCAT_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        Missing(!File.Exists(browser) || !File.Exists(driver), $"Chromium ({browser}) and chromedriver ({driver})");
        return (browser, driver);
    }

    private static void Missing(bool missing, string what)
    {
        if (!missing) return;
        string message = $"{what} not available: run the tests with `bash .ci/test` (installs and starts it), or set the variable yourself.";
        if (Required) throw new InvalidOperationException(message + " EMRCAT_REQUIRE_SERVICES=1, so this is a failure.");
        Skip.If(true, message);
    }
}
