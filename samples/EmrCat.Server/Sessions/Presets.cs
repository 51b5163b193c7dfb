using EmrCat.Sessions;

namespace EmrCat.Server.Sessions;

/// <summary>The presets a candidate can start: the library's, by name.</summary>
internal static class Presets
{
    public static readonly IReadOnlyDictionary<string, CatOptions> ByName = new Dictionary<string, CatOptions>(StringComparer.Ordinal)
    {
        ["quick"] = CatOptions.Quick,
        ["emr"] = CatOptions.Emr,
    };
}
