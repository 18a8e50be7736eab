namespace Personality.Fleet;

/// <summary>
/// Where a guest's build lives in the output folder: <c>OUT/GUEST/</c> with its volume folders
/// (<c>host/</c>, <c>app/</c>), their images, the state image, <c>domain.xml</c>, <c>xl.cfg</c>, the
/// build record, and the console log libvirt writes.
/// </summary>
public sealed record GuestLayout(string Directory, string Guest)
{
    public const string RecordName = "build.json";

    public static GuestLayout For(string outputDirectory, string guest) => new(Path.Combine(outputDirectory, guest), guest);

    public string HostFolder => Path.Combine(Directory, "host");
    public string AppFolder => Path.Combine(Directory, "app");
    public string HostImage => Path.Combine(Directory, "host.img");
    public string AppImage => Path.Combine(Directory, "app.img");
    public string StateImage => Path.Combine(Directory, "state.img");
    public string DomainXml => Path.Combine(Directory, "domain.xml");
    public string XlConfig => Path.Combine(Directory, "xl.cfg");
    public string Record => Path.Combine(Directory, RecordName);
    public string Console => Path.Combine(Directory, $"{Guest}.console");

    /// <summary>The same files under another folder (the temporary one a guest is built in).</summary>
    public GuestLayout Under(string directory) => this with { Directory = directory };
}
