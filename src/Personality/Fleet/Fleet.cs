using Personality.Core;

namespace Personality.Fleet;

/// <summary>A fleet file, read and checked: every guest expanded and resolved (<see cref="FleetGuest"/>).</summary>
/// <param name="File">The fleet file's full path.</param>
/// <param name="Directory">Its folder: relative paths in the file are relative to it.</param>
/// <param name="Name">The fleet's name, if given: it prefixes each domain name (<c>rack-web01</c>).</param>
public sealed record Fleet(
    string File,
    string Directory,
    string? Name,
    FleetImages Images,
    FleetBoot? Boot,
    IReadOnlyList<FleetPersonality> Personalities,
    IReadOnlyList<FleetGuest> Guests);

/// <summary>The shared images, full paths: the OS image (a file, or an unpacked tree for dry-runs) and an optional application image.</summary>
public sealed record FleetImages(string Os, string? App);

/// <summary>Direct kernel boot: the guests start this kernel with this command line instead of the image's boot loader.</summary>
public sealed record FleetBoot(string Kernel, string? Initrd, string Cmdline);

/// <summary>An app volume's content: a folder holding personality.yaml (and files/, hooks/).</summary>
public sealed record FleetPersonality(string Name, string Folder, Origin Origin);
