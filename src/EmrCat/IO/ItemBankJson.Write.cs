using System.Text;
using EmrCat.Banks;
using EmrCat.Banks.Json;
using EmrCat.Internal;

namespace EmrCat.IO;

/// <summary>Stream loading and saving of JSON banks (the reading half is in ItemBankJson.cs).</summary>
public static partial class ItemBankJson
{
    /// <summary>Reads a bank from a stream (UTF-8, read to its end, at most 16 MiB; the caller keeps ownership).</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="source">A label for messages, e.g. the file name.</param>
    /// <param name="validation">Capacity to check for; default <see cref="BankValidationOptions.Emr"/>.</param>
    /// <returns>The validated bank.</returns>
    /// <exception cref="BankValidationException">Any problem, including an unreadable or oversized stream; all are listed.</exception>
    /// <exception cref="ArgumentException"><paramref name="validation"/> is invalid.</exception>
    public static ItemBank Load(Stream stream, string source, BankValidationOptions? validation = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        validation ??= BankValidationOptions.Emr;
        OptionsGuard.ThrowIfInvalid(nameof(BankValidationOptions), validation.Validate());
        byte[]? bytes = TryRead(stream, out var problem);
        if (bytes is null) throw new BankValidationException(source, [problem!]);
        return FromUtf8(source, bytes, validation);
    }

    /// <summary>
    /// Writes a bank as JSON (format version 1, UTF-8, indented) that <see cref="Load(Stream, string, BankValidationOptions?)"/>
    /// reads back as the same bank (same <see cref="ItemBank.Fingerprint"/>).
    /// </summary>
    /// <param name="bank">The bank.</param>
    /// <param name="utf8">Where to write; left open.</param>
    /// <exception cref="ArgumentException">
    /// The bank cannot be written in format version 1: its metric is not logistic (D = 1), or it has no blueprint.
    /// </exception>
    public static void Save(ItemBank bank, Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(utf8);
        BankJsonWriter.Write(utf8, bank);
    }

    /// <summary>Writes a bank to a file (see <see cref="Save(ItemBank, Stream)"/>); the file is replaced only when the whole bank is written.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException">The bank cannot be written in format version 1.</exception>
    public static void Save(ItemBank bank, string path)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(path);
        using var buffer = new MemoryStream();
        BankJsonWriter.Write(buffer, bank);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, buffer.ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The bank as JSON text (see <see cref="Save(ItemBank, Stream)"/>).</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">The bank cannot be written in format version 1.</exception>
    public static string ToJson(ItemBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        using var buffer = new MemoryStream();
        BankJsonWriter.Write(buffer, bank);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The bundled EMR practice bank (<c>item-bank/emr-practice.json</c>, embedded in the package): 360 scored and
    /// 40 pilot items over the 2025 EMR blueprint, with judged (provisional) parameters. Checked for the EMR preset.
    /// </summary>
    /// <returns>The bank.</returns>
    public static ItemBank LoadBundled()
    {
        using var stream = typeof(ItemBankJson).Assembly.GetManifestResourceStream(BundledResource)
            ?? throw new InvalidOperationException($"The bundled bank resource '{BundledResource}' is missing from the EmrCat assembly.");
        return Load(stream, "emr-practice.json (bundled)", BankValidationOptions.Emr);
    }

    private const string BundledResource = "EmrCat.emr-practice.json";
}
