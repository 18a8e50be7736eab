using System.Globalization;

namespace Personality.Items.Network;

/// <summary>An IPv4 address, read strictly as a dotted quad.</summary>
public readonly record struct Ipv4(uint Value)
{
    /// <summary>
    /// Four decimal numbers 0-255, no leading zeros (inet_aton and initscripts' ipcalc read "010"
    /// as octal, so it cannot be meant), no spaces, nothing else.
    /// </summary>
    public static bool TryParse(string text, out Ipv4 address)
    {
        address = default;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')) return false;
            var octet = uint.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            value = value << 8 | octet;
        }
        address = new Ipv4(value);
        return true;
    }

    /// <summary>The netmask of a prefix length 0-32 (24: 255.255.255.0).</summary>
    public static Ipv4 Netmask(int prefix) => new(prefix == 0 ? 0 : uint.MaxValue << (32 - prefix));

    /// <summary>Whether <paramref name="other"/> lies in this address's network of <paramref name="prefix"/> bits.</summary>
    public bool SameNetwork(Ipv4 other, int prefix) => ((Value ^ other.Value) & Netmask(prefix).Value) == 0;

    public override string ToString() => $"{Value >> 24}.{(Value >> 16) & 255}.{(Value >> 8) & 255}.{Value & 255}";
}

/// <summary>An interface address with its prefix length ("192.0.2.10/24").</summary>
public readonly record struct Ipv4Prefix(Ipv4 Address, int Prefix)
{
    public Ipv4 Netmask => Ipv4.Netmask(Prefix);

    /// <summary>"a.b.c.d/N" with N 0-32 written in decimal without leading zeros.</summary>
    public static bool TryParse(string text, out Ipv4Prefix value, out string problem)
    {
        value = default;
        var slash = text.IndexOf('/');
        if (slash < 0) { problem = "it has no prefix length"; return false; }
        if (!Ipv4.TryParse(text[..slash], out var address)) { problem = $"'{text[..slash]}' is not an IPv4 address"; return false; }
        var bits = text[(slash + 1)..];
        var prefix = bits.Length is > 0 and <= 2 && bits.All(char.IsAsciiDigit) && !(bits.Length > 1 && bits[0] == '0')
            ? int.Parse(bits, CultureInfo.InvariantCulture) : -1;
        if (prefix is < 0 or > 32)
        {
            problem = $"the prefix length '{bits}' is not a number from 0 to 32";
            return false;
        }
        value = new Ipv4Prefix(address, prefix);
        problem = "";
        return true;
    }

    public override string ToString() => $"{Address}/{Prefix}";
}
