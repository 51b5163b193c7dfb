namespace EmrCat.Tests.Fixtures;

/// <summary>Where the copied fixtures live in the test output folder.</summary>
internal static class FixturePaths
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string CatR(string file) => Path.Combine(Root, "catr-public", file);

    /// <summary>A file of the mirt calibration oracle (<c>Fixtures/mirt-calib-public/DESIGN/FILE</c>).</summary>
    public static string Mirt(string design, string file) => Path.Combine(Root, "mirt-calib-public", design, file);

    /// <summary>A hand-made bank under <c>Fixtures/banks</c>.</summary>
    public static string Bank(string file) => Path.Combine(Root, "banks", file);

    /// <summary>The repository root (for the bundled bank and the host project).</summary>
    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EmrCat.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("EmrCat.sln not found above the test folder.");
        }
    }
}
