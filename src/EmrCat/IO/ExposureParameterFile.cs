using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using EmrCat.Banks;
using EmrCat.Selection;

namespace EmrCat.IO;

/// <summary>
/// Sympson–Hetter exposure parameters for one bank, as a configuration file kept beside it
/// (<c>emr-practice.exposure.json</c> next to <c>emr-practice.json</c>), so the bank file itself need not change when
/// they are recalibrated. Written by <c>calibrate-exposure</c> (<see cref="EmrCat.Simulation.ExposureCalibrator"/>);
/// its <see cref="Parameters"/> go into <c>CatOptions.ExposureParameters</c>.
/// </summary>
public sealed record ExposureParameterFile
{
    /// <summary>The usual file name for a bank file: <c>name.json</c> → <c>name.exposure.json</c>.</summary>
    /// <param name="bankPath">The bank's path.</param>
    /// <returns>The exposure file's path beside it.</returns>
    public static string PathFor(string bankPath) => Path.ChangeExtension(bankPath, null) + ".exposure.json";

    /// <summary>The bank id the parameters were calibrated on.</summary>
    public required string BankId { get; init; }

    /// <summary>That bank's version.</summary>
    public required string BankVersion { get; init; }

    /// <summary>That bank's fingerprint (items and parameters); a different bank means the parameters should be recalibrated.</summary>
    public required string BankFingerprint { get; init; }

    /// <summary>The target maximum exposure rate they were calibrated to.</summary>
    public required double TargetRate { get; init; }

    /// <summary>How they were made (options, examinees, rounds), for the record.</summary>
    public string Provenance { get; init; } = "";

    /// <summary>K_i in (0, 1] by item id; items not listed have K = 1. Empty in a conditional file.</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>
    /// Conditional parameters (band edges in θ and K_i per band, written by <c>calibrate-exposure --conditional</c>),
    /// or null; they go into <c>CatOptions.ConditionalExposure</c>.
    /// </summary>
    public ConditionalExposureParameters? Conditional { get; init; }

    /// <summary>Whether the file was made for exactly <paramref name="bank"/>.</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>True when id and fingerprint match.</returns>
    public bool IsFor(ItemBank bank) => BankId == bank.Metadata.Id && BankFingerprint == bank.Fingerprint;

    /// <summary>Writes the file (UTF-8, indented, items in id order).</summary>
    /// <param name="path">Where.</param>
    public void Save(string path)
    {
        var ordered = this with
        {
            Parameters = new SortedDictionary<string, double>(Parameters.ToDictionary(), StringComparer.Ordinal),
            Conditional = Conditional is { } c ? new ConditionalExposureParameters(c.Edges, [.. c.Bands.Select(b => (IReadOnlyDictionary<string, double>)new SortedDictionary<string, double>(b.ToDictionary(), StringComparer.Ordinal))]) : null,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(ordered, ExposureJsonContext.Default.ExposureParameterFile) + "\n", new UTF8Encoding(false));
    }

    /// <summary>Reads a file and checks it against <paramref name="bank"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="bank">The bank the parameters are for.</param>
    /// <returns>The file's contents.</returns>
    /// <exception cref="InputFormatException">
    /// The file cannot be read, is not such a file, names an item the bank lacks, or has a value outside (0, 1]; the
    /// message names the file, the item id and the field.
    /// </exception>
    public static ExposureParameterFile Load(string path, ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        var file = Read(path);
        foreach (var (id, k) in file.Parameters)
        {
            if (!bank.TryGetIndex(id, out _)) throw new InputFormatException(path, 0, 0, $"$.parameters['{id}']: item '{id}' is not in bank '{bank.Metadata.Id}'.");
        }

        for (int b = 0; b < (file.Conditional?.Bands.Count ?? 0); b++)
        {
            foreach (var id in file.Conditional!.Bands[b].Keys)
            {
                if (!bank.TryGetIndex(id, out _)) throw new InputFormatException(path, 0, 0, $"$.conditional.bands[{b}]['{id}']: item '{id}' is not in bank '{bank.Metadata.Id}'.");
            }
        }

        return file;
    }

    /// <summary>Reads a file without checking it against a bank (values are still checked to lie in (0, 1]).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The file's contents.</returns>
    /// <exception cref="InputFormatException">The file cannot be read, is not such a file, or has a value outside (0, 1].</exception>
    public static ExposureParameterFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ExposureParameterFile? file;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > 16 * 1024 * 1024) throw new InputFormatException(path, 0, 0, "the file is larger than 16 MiB.");
            file = JsonSerializer.Deserialize(File.ReadAllText(path), ExposureJsonContext.Default.ExposureParameterFile);
        }
        catch (JsonException e)
        {
            throw new InputFormatException(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"not an exposure parameter file: {e.Message}");
        }
        catch (IOException e)
        {
            throw new InputFormatException(path, 0, 0, $"cannot read the file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputFormatException(path, 0, 0, $"cannot read the file: {e.Message}");
        }

        if (file?.Parameters is null) throw new InputFormatException(path, 0, 0, "the file has no 'parameters' object.");
        foreach (var (id, k) in file.Parameters)
        {
            if (!(k > 0 && k <= 1)) throw new InputFormatException(path, 0, 0, $"$.parameters['{id}']: the exposure parameter must be in (0, 1], but was {k.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        if (file.Conditional is { } conditional)
        {
            if (conditional.Edges is null || conditional.Bands is null || conditional.Bands.Any(b => b is null)) throw new InputFormatException(path, 0, 0, "$.conditional: needs 'edges' and 'bands' (one object per band).");
            for (int b = 0; b < conditional.Bands.Count; b++)
            {
                foreach (var (id, k) in conditional.Bands[b])
                {
                    if (!(k > 0 && k <= 1)) throw new InputFormatException(path, 0, 0, $"$.conditional.bands[{b}]['{id}']: the exposure parameter must be in (0, 1], but was {k.ToString("R", CultureInfo.InvariantCulture)}.");
                }
            }

            if (conditional.Validate() is { Count: > 0 } problems) throw new InputFormatException(path, 0, 0, "$.conditional: " + string.Join(" ", problems));
        }

        return file;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ExposureParameterFile))]
[JsonSerializable(typeof(SortedDictionary<string, double>))]
internal sealed partial class ExposureJsonContext : JsonSerializerContext
{
}
