using EmrCat.Banks;
using EmrCat.IO;

namespace EmrCat.Practice.Commands;

/// <summary>Loads a bank from a path: an <c>id,a,b,c,d</c> CSV table or a JSON bank.</summary>
internal static class BankFiles
{
    /// <summary>The bundled bank, found relative to the working directory or the executable.</summary>
    public static string DefaultBankPath
    {
        get
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "item-bank", "emr-practice.json");
                    if (File.Exists(candidate)) return candidate;
                }
            }

            return Path.Combine("item-bank", "emr-practice.json");
        }
    }

    public static ItemBank Load(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return ItemBank.FromParameters(Path.GetFileNameWithoutExtension(path), ItemParameterTable.Load(path));
        }

        return ItemBankJson.Load(path);
    }
}
