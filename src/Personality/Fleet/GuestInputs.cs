namespace Personality.Fleet;

/// <summary>
/// Everything a guest's build is made from, computed without writing anything: the fingerprints of
/// its volumes' content and its domain and xl texts (which name the final paths in the output folder).
/// </summary>
public sealed record GuestInputs(FleetGuest Guest, FolderContent App, string HostHash, string AppHash, string DomainText, string XlText)
{
    /// <summary>Changing the way volumes are made changes every fingerprint, so the next build remakes them.</summary>
    private const string Recipe = "ext2-1k-v1";

    /// <summary>
    /// The inputs of every guest and what building them would change. Each personality folder is
    /// listed and hashed once, however many guests have it.
    /// </summary>
    public static IReadOnlyList<GuestChanges> Compare(Fleet fleet, string outputDirectory)
    {
        var folders = new Dictionary<string, (FolderContent Content, string Hash)>(StringComparer.Ordinal);
        var all = new List<GuestChanges>();
        foreach (var guest in fleet.Guests)
        {
            if (!folders.TryGetValue(guest.Personality.Folder, out var app))
            {
                var content = FolderContent.List(guest.Personality.Folder);
                app = (content, content.AddTo(new ContentHash().Add(Recipe).Add(ExtImage.AppLabel)).ToString());
                folders.Add(guest.Personality.Folder, app);
            }
            var layout = GuestLayout.For(outputDirectory, guest.Name);
            var hostHash = new ContentHash().Add(Recipe).Add(ExtImage.HostLabel).Add(guest.Host.Text).ToString();
            var inputs = new GuestInputs(guest, app.Content, hostHash, app.Hash, DomainXml.For(fleet, guest, layout), XlConfig.For(fleet, guest, layout));
            all.Add(GuestChanges.Compare(inputs, layout));
        }
        return all;
    }
}
