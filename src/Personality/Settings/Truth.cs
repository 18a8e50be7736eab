namespace Personality.Settings;

/// <summary>Boolean words as Red Hat's initscripts accept them (is_true / is_false), any case.</summary>
public static class Truth
{
    public static bool IsTrue(string value) =>
        value.ToLowerInvariant() is "yes" or "true" or "on" or "1" or "y" or "t";

    public static bool IsFalse(string value) =>
        value.ToLowerInvariant() is "no" or "false" or "off" or "0" or "n" or "f";
}
