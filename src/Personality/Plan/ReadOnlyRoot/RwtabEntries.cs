using Personality.Core;
using Personality.Plan.Tables;

namespace Personality.Plan.ReadOnlyRoot;

/// <summary>Every entry of /etc/rwtab, /etc/rwtab.d/* and the initramfs hand-off, in Red Hat's order.</summary>
public static class RwtabEntries
{
    public const string InitramfsRwtab = "/run/initramfs/rwtab";
    public const string OldInitramfsRwtab = "/dev/.initramfs/rwtab";

    public static IReadOnlyList<RwtabEntry> Read(TargetRoot root, Diagnostics diagnostics)
    {
        var ignored = new List<string>();
        var files = TableFiles.Find(root, "/etc/rwtab", "/etc/rwtab.d", ignored).ToList();
        foreach (var handOff in new[] { InitramfsRwtab, OldInitramfsRwtab })
            if (File.Exists(root.Host(handOff))) { files.Add(handOff); break; }

        var entries = new List<RwtabEntry>();
        foreach (var file in files)
        {
            try
            {
                entries.AddRange(RwtabParser.Parse(TableText.Read(root.Host(file)), file, diagnostics));
            }
            catch (IOException e)
            {
                diagnostics.Warn($"cannot read {file}: {e.Message}; its entries are not applied", Origin.Of(file));
            }
        }
        return entries;
    }
}
