using System.Security.Cryptography;
using EmrCat.Banks;

namespace EmrCat.Sessions;

/// <summary>
/// The secret that signs a session's event log (HMAC-SHA256). The host owns it: generate one per install or tenant,
/// keep it where the log's readers cannot write (a file only the user can read, a secret store, or protected with
/// ASP.NET Core's <c>IDataProtector</c>: persist <c>protector.Protect(key.ToArray())</c> and rebuild the key from
/// <c>Unprotect</c> at start-up). Without the key nobody can forge or edit a record and still pass
/// <see cref="CatSession.Resume(ItemBank, IReadOnlyList{SessionEvent}, EventLogKey, TimeProvider?, CatStrategies?)"/>.
/// </summary>
public sealed class EventLogKey
{
    /// <summary>Shortest key accepted, 32 bytes (the HMAC-SHA256 output length).</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _key;

    /// <summary>Creates a key from secret bytes (copied).</summary>
    /// <param name="key">At least <see cref="MinimumLength"/> random bytes.</param>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumLength"/> bytes.</exception>
    public EventLogKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength) throw new ArgumentException($"An event log key needs at least {MinimumLength} bytes, but got {key.Length}.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>A new random key of 32 bytes from the system's cryptographic generator.</summary>
    /// <returns>The key.</returns>
    public static EventLogKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumLength));

    /// <summary>Reads a key written as Base64 (for configuration: <c>EmrCat:EventLogKey</c>).</summary>
    /// <param name="base64">The key's bytes in Base64.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">Not Base64, or shorter than <see cref="MinimumLength"/> bytes.</exception>
    public static EventLogKey FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException("The event log key is not valid Base64.", nameof(base64));
        }

        return new EventLogKey(bytes);
    }

    /// <summary>A copy of the key's bytes, to store (protected) by the host.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => (byte[])_key.Clone();

    /// <summary>The key in Base64, to store (protected) by the host.</summary>
    /// <returns>The text.</returns>
    public string ToBase64() => Convert.ToBase64String(_key);

    /// <summary>HMAC-SHA256 over the previous record's MAC and this record's body.</summary>
    internal byte[] Mac(ReadOnlySpan<byte> previousMac, ReadOnlySpan<byte> body)
    {
        var data = new byte[previousMac.Length + body.Length];
        previousMac.CopyTo(data);
        body.CopyTo(data.AsSpan(previousMac.Length));
        return HMACSHA256.HashData(_key, data);
    }
}
