namespace EmrCat.Tests.Reliability;

/// <summary>A fresh directory under the system temp folder, deleted (best effort) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("emrcat-rel-").FullName;

    public string Path { get; }

    /// <summary>Writes a file in the directory and returns its full path.</summary>
    public string Write(string name, string content)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>Writes bytes to a file in the directory and returns its full path.</summary>
    public string Write(string name, byte[] content)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a process we started may still hold a file for a moment; the temp folder is cleaned by the system
        }
    }
}
