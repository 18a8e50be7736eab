using System.Globalization;
using Personality.Core;
using Personality.Files;
using Personality.Manifests;
using Personality.Manifests.Yaml;

namespace Personality.Fleet;

/// <summary>
/// Reads <c>fleet.yaml</c> (version 1) as strictly as a manifest, with the same machinery
/// (<see cref="StrictYamlScanner"/>, the static deserializer): every problem is reported as
/// FILE:LINE:COL with what to do, and a fleet with any problem is not returned, so nothing is built
/// from it. Checks what can be checked without building: images and folders exist, guest names are
/// unique hostnames, every manifest validates.
/// </summary>
/// <remarks>Limits: <see cref="MaxBytes"/> of text, <see cref="MaxGuests"/> guests after expansion.</remarks>
public static class FleetReader
{
    public const long MaxBytes = 256 * 1024;
    public const int MaxGuests = 1000;
    public const string DefaultConnection = "qemu:///system";
    public const int MaxVcpus = 64;

    private static readonly Size DefaultMemory = new(64L << 20);
    private static readonly Size DefaultState = new(32L << 20);
    public static readonly Size MinState = new(4L << 20);

    /// <summary>Reads the file at <paramref name="path"/>; origins name it as given.</summary>
    public static Fleet? Read(string path, Diagnostics diagnostics)
    {
        var full = Path.GetFullPath(path);
        var text = BoundedFile.Read(full, MaxBytes, new Origin(path), followSymlinks: true, diagnostics, out var missing);
        if (missing)
        {
            diagnostics.Error("the fleet file does not exist", new Origin(path), "check the path");
            return null;
        }
        return text is null ? null : Parse(path, full, text, diagnostics);
    }

    /// <param name="shownAs">How origins name the file.</param>
    /// <param name="fullPath">Where it is: relative paths in it are relative to its folder.</param>
    public static Fleet? Parse(string shownAs, string fullPath, string text, Diagnostics diagnostics)
    {
        var before = diagnostics.All.Count(d => d.Severity == Severity.Error);
        if (!BoundedFile.WithinLimit(text, MaxBytes, new Origin(shownAs), diagnostics)) return null;
        var scanned = StrictYamlScanner.Scan(text, shownAs, FleetSchema.Root, diagnostics);
        if (scanned is null) return null;
        var parts = FleetEvents.Split(scanned.Events, shownAs);
        var dto = StaticYaml.Deserialize<FleetDto>(parts.Rest, scanned.Positions, shownAs, diagnostics);
        if (dto is null) return null;
        var values = new ManifestValues(scanned.Positions, diagnostics);
        var fleet = new Builder(values, fullPath, parts).Build(dto);
        return fleet is not null && scanned.Errors == 0 && diagnostics.All.Count(d => d.Severity == Severity.Error) == before ? fleet : null;
    }

    private sealed class Builder(ManifestValues values, string fullPath, FleetEvents parts)
    {
        private readonly string _directory = Path.GetDirectoryName(fullPath)!;
        private NodePositions At => values.At;

        public Fleet? Build(FleetDto dto)
        {
            CheckVersion(dto.Version);
            var name = values.Optional(dto.Name, "name");
            if (name is not null && !GuestNameExpansion.IsLabel(name))
                Error(At.Node("name"), $"'{name}' is not a valid fleet name", "it prefixes every domain name: letters, digits and '-', at most 63");
            var connection = Connection(dto.Connection, "connection") ?? DefaultConnection;
            var images = Images(dto.Images);
            var boot = Boot(dto.Boot);
            var memory = SizeOf(dto.Defaults?.Memory, "defaults.memory") ?? DefaultMemory;
            var vcpus = Vcpus(dto.Defaults?.Vcpus, "defaults.vcpus") ?? 1;
            var state = StateSize(dto.Defaults?.State, "defaults.state") ?? DefaultState;
            var personalities = Personalities();
            var guests = Guests(dto.Guests, name, connection, memory, vcpus, state, personalities);
            if (values.Errors > 0 || images is null) return null;
            var hostProblems = new Diagnostics();
            FleetManifests.CheckHosts(guests, hostProblems);
            foreach (var problem in hostProblems.All) Report(problem);
            if (values.Errors > 0) return null;
            return new Fleet(fullPath, _directory, name, images, boot, personalities.Values.ToList(), guests);
        }

        private void CheckVersion(string? version)
        {
            if (values.Reported("version")) return;
            if (!At.Has("version")) Error(At.Root, "'version' is missing", "start the file with 'version: 1'");
            else if (version is null) Error(At.Key("version"), "'version' has no value", "write 'version: 1'");
            else if (version != "1") Error(At.Node("version"), $"unsupported version '{version}'", "this personality reads fleet files of version 1; write 'version: 1'");
        }

        private string? Connection(string? text, string path)
        {
            var uri = values.Optional(text, path);
            if (uri is null) return null;
            var scheme = uri.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0 || uri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"'))
            {
                Error(At.Node(path), $"'{uri}' is not a libvirt connection URI", "e.g. qemu:///system or qemu+ssh://host/system");
                return null;
            }
            return uri;
        }

        private FleetImages? Images(FleetImagesDto? dto)
        {
            if (dto is null)
            {
                if (!values.Reported("images")) Error(At.Has("images") ? At.Key("images") : At.Root, "'images' is missing", "name the shared OS image: 'images: {os: images/base.img}'");
                return null;
            }
            var os = values.Required(dto.Os, "images", "os", "'images'", "name the shared OS image: 'os: images/base.img'");
            var osPath = os is null ? null : Existing(os, "images.os", "the OS image", allowDirectory: true);
            var app = values.Optional(dto.App, "images.app");
            var appPath = app is null ? null : Existing(app, "images.app", "the application image", allowDirectory: false);
            return osPath is null || (app is not null && appPath is null) ? null : new FleetImages(osPath, appPath);
        }

        private FleetBoot? Boot(FleetBootDto? dto)
        {
            if (dto is null) return null;
            var kernel = values.Required(dto.Kernel, "boot", "kernel", "'boot'", "name the kernel to start: 'kernel: images/vmlinux'");
            var kernelPath = kernel is null ? null : Existing(kernel, "boot.kernel", "the kernel", allowDirectory: false);
            var initrd = values.Optional(dto.Initrd, "boot.initrd");
            var initrdPath = initrd is null ? null : Existing(initrd, "boot.initrd", "the initrd", allowDirectory: false);
            var cmdline = values.Optional(dto.Cmdline, "boot.cmdline") ?? "";
            if (XlConfig.Check(cmdline) is not null)
                Error(At.Node("boot.cmdline"), "the kernel command line holds a quote, backslash or control character", "the domain's xl config cannot hold it; leave it out");
            return kernelPath is null ? null : new FleetBoot(kernelPath, initrdPath, cmdline);
        }

        /// <summary>A path in the fleet file, resolved against its folder; null with an error when nothing is there.</summary>
        private string? Existing(string text, string path, string what, bool allowDirectory)
        {
            var full = Path.GetFullPath(text, _directory);
            if (XlConfig.Check(full) is { } bad)
            {
                Error(At.Node(path), $"bad path: {bad}", "rename the file or folder");
                return null;
            }
            var shown = FleetManifests.Shown(full);
            if (allowDirectory && Directory.Exists(full)) return full;
            if (File.Exists(full))
            {
                // Only a regular file becomes a guest's disk or kernel: a device node (/dev/sda, or a
                // link to one) would hand the host's own disk to every guest.
                if (IsRegularFile(full)) return full;
                Error(At.Node(path), $"{what} {shown} is not a regular file", "give an image file; a device or other special file is never attached to a guest");
                return null;
            }
            Error(At.Node(path), Directory.Exists(full) ? $"{what} {shown} is a folder, not a file" : $"{what} {shown} does not exist",
                "paths are relative to the fleet file's folder; make the file first, or correct the path");
            return null;
        }

        private static bool IsRegularFile(string path)
        {
            try { return Native.FileCalls.LStat(Native.RealPath.Resolve(path)).IsRegular; }
            catch (Native.NativeException) { return false; }
        }

        private Size? SizeOf(string? text, string path)
        {
            var value = values.Optional(text, path);
            if (value is null) return null;
            if (Size.Parse(value, out var problem) is { } size) return size;
            Error(At.Node(path), $"bad size: {problem}", "write a number and a unit, e.g. 64M or 1G");
            return null;
        }

        /// <summary>A state volume's size: at least <see cref="MinState"/>: ext3, a 1 MiB journal and room for state.</summary>
        private Size? StateSize(string? text, string path)
        {
            var size = SizeOf(text, path);
            if (size is not { } s || s.Bytes >= MinState.Bytes) return size;
            Error(At.Node(path), $"a state volume of {s} is too small", $"give it at least {MinState}");
            return null;
        }

        private int? Vcpus(string? text, string path)
        {
            var value = values.Optional(text, path);
            if (value is null) return null;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxVcpus) return n;
            Error(At.Node(path), $"bad vcpus '{value}'", $"write a whole number from 1 to {MaxVcpus}");
            return null;
        }

        private Dictionary<string, FleetPersonality> Personalities()
        {
            var found = new Dictionary<string, FleetPersonality>(StringComparer.Ordinal);
            foreach (var entry in parts.Personalities)
            {
                if (!ValueSyntax.IsPersonalityName(entry.Name))
                {
                    Error(entry.Origin, $"'{entry.Name}' is not a valid personality name", "use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit");
                    continue;
                }
                if (entry.Folder is null)
                {
                    Error(entry.Origin, $"personality '{entry.Name}' has no folder", $"write '{entry.Name}: personalities/{entry.Name}'");
                    continue;
                }
                var folder = Path.GetFullPath(entry.Folder, _directory);
                if (!Directory.Exists(folder))
                {
                    Error(entry.ValueOrigin, $"the folder of personality '{entry.Name}' does not exist: {FleetManifests.Shown(folder)}",
                        "paths are relative to the fleet file's folder; the folder holds the app volume's personality.yaml, files/ and hooks/");
                    continue;
                }
                var personality = new FleetPersonality(entry.Name, folder, entry.Origin);
                var problems = new Diagnostics();
                FleetManifests.CheckApp(personality, problems);
                foreach (var p in problems.All) Report(p);
                found.Add(entry.Name, personality);
            }
            if (parts.Personalities.Count == 0 && !values.Reported("personalities"))
                Error(At.Has("personalities") ? At.Key("personalities") : At.Root, "the fleet names no personalities",
                    "add 'personalities:' with a name and folder per line, e.g. 'web: personalities/web'");
            return found;
        }

        private List<FleetGuest> Guests(List<FleetGuestDto?>? list, string? fleetName, string connection, Size memory, int vcpus, Size state,
            Dictionary<string, FleetPersonality> personalities)
        {
            var guests = new List<FleetGuest>();
            if (list is null || list.Count == 0)
            {
                if (!values.Reported("guests"))
                    Error(At.Has("guests") ? At.Key("guests") : At.Root, "the fleet has no guests", "add 'guests:' with one entry per guest or group, e.g. '- {name: \"web{01..03}\", personality: web}'");
                return guests;
            }
            var names = new Dictionary<string, Origin>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < list.Count; i++)
            {
                var item = NodePositions.Item("guests", i);
                if (values.Item(list[i], item, "guests") is not { } dto) continue;
                var pattern = values.Required(dto.Name, item, "name", "a guest", "name it, e.g. 'name: web01' or a group 'name: \"web{01..07}\"'");
                var personalityName = values.Required(dto.Personality, item, "personality", "a guest", "name one of the fleet's personalities, e.g. 'personality: web'");
                var guestMemory = SizeOf(dto.Memory, $"{item}.memory") ?? memory;
                var guestVcpus = Vcpus(dto.Vcpus, $"{item}.vcpus") ?? vcpus;
                var guestState = StateSize(dto.State, $"{item}.state") ?? state;
                var guestConnection = Connection(dto.Connection, $"{item}.connection") ?? connection;
                FleetPersonality? personality = null;
                if (personalityName is not null && !personalities.TryGetValue(personalityName, out personality)
                    && parts.Personalities.All(p => p.Name != personalityName)) // a named one with a problem is reported already
                {
                    var closest = Spelling.Closest(personalityName, personalities.Keys);
                    Error(At.Node($"{item}.personality"), $"unknown personality '{personalityName}'",
                        closest is not null ? $"did you mean '{closest}'?" : $"name one of 'personalities': {string.Join(", ", personalities.Keys)}");
                }
                if (pattern is null) continue;
                var origin = At.Node($"{item}.name");
                var expanded = GuestNameExpansion.Expand(pattern, MaxGuests, out var problem);
                if (expanded is null)
                {
                    Error(origin, $"bad guest name: {problem}", null);
                    continue;
                }
                foreach (var name in expanded)
                {
                    if (!GuestNameExpansion.IsLabel(name))
                    {
                        Error(origin, $"'{name}' is not a valid hostname",
                            "a guest name is its hostname and domain name: 1 to 63 letters, digits and '-', not starting or ending with '-'");
                        break; // one per entry: a group repeats the same mistake
                    }
                    if (names.TryGetValue(name, out var first))
                    {
                        Error(origin, $"two guests are named {name}", $"the first is at {first}; give each guest its own name");
                        continue;
                    }
                    names.Add(name, origin);
                    if (names.Count > MaxGuests)
                    {
                        Error(origin, $"the fleet has more than {MaxGuests} guests", "split it into several fleet files");
                        return guests;
                    }
                    if (personality is null) continue;
                    var host = HostManifest.Merge(parts.HostTemplate, parts.GuestHosts.GetValueOrDefault(i), name, origin);
                    guests.Add(new FleetGuest(name, fleetName is null ? name : $"{fleetName}-{name}", personality,
                        guestMemory, guestVcpus, guestState, guestConnection, host, origin));
                }
            }
            return guests;
        }

        private void Report(Diagnostic d) => values.Error(d.Origin ?? At.Root, d.Message, d.Hint);

        private void Error(Origin origin, string message, string? hint) => values.Error(origin, message, hint);
    }
}
