using System.Globalization;
using System.Text;

namespace Personality.Fleet;

/// <summary>
/// A fingerprint of a build's inputs, to tell "changed" from "the same" between two builds: two
/// independent 64-bit FNV-1a lanes. Not a security hash (nothing here is an adversary's input to
/// compare against); our own so the static binary needs no crypto library.
/// </summary>
public sealed class ContentHash
{
    private const ulong Prime = 0x100000001b3;
    private ulong _a = 0xcbf29ce484222325;
    private ulong _b = 0x84222325cbf29ce4;

    public ContentHash Add(ReadOnlySpan<byte> bytes)
    {
        foreach (var x in bytes)
        {
            _a = (_a ^ x) * Prime;
            _b = (_b ^ (byte)(x + 0x5b)) * Prime;
        }
        return this;
    }

    /// <summary>Adds the text with its length first, so "ab"+"c" and "a"+"bc" differ.</summary>
    public ContentHash Add(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Add(bytes.LongLength);
        return Add(bytes);
    }

    public ContentHash Add(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(bytes, value);
        return Add(bytes);
    }

    public override string ToString() =>
        _a.ToString("x16", CultureInfo.InvariantCulture) + _b.ToString("x16", CultureInfo.InvariantCulture);

    public static string Of(string text) => new ContentHash().Add(text).ToString();
}
