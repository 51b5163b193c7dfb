using System.Security.Cryptography;
using System.Text;

namespace EmrCat.Server.Security;

/// <summary>
/// Per-session access tokens: <c>{sessionId}.{HMAC-SHA256(key, sessionId)}</c> in base64url. Any node holding the key
/// verifies them without a lookup; changing any character of the id or the MAC makes the token invalid.
/// </summary>
public sealed class SessionTokens
{
    private const string Purpose = "emrcat-session-token-v1:";
    private byte[]? _key;

    /// <summary>Sets the key (once, at start-up).</summary>
    public void UseKey(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The token key must be at least 32 bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The token for a session.</summary>
    public string Issue(string sessionId) => sessionId + "." + Base64Url(Mac(sessionId));

    /// <summary>Whether <paramref name="token"/> is the valid token of <paramref name="sessionId"/> (constant-time compare).</summary>
    public bool Verify(string sessionId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256) return false;
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !string.Equals(token[..dot], sessionId, StringComparison.Ordinal)) return false;
        byte[] expected = Encoding.ASCII.GetBytes(Base64Url(Mac(sessionId)));
        byte[] given = Encoding.ASCII.GetBytes(token[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>A new random session id (128 bits, base64url).</summary>
    public static string NewSessionId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    private byte[] Mac(string sessionId) =>
        HMACSHA256.HashData(_key ?? throw new InvalidOperationException("The token key has not been set."), Encoding.UTF8.GetBytes(Purpose + sessionId));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
