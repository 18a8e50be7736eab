namespace Personality.Services;

/// <summary>
/// Reads services the way chkconfig does (readServiceInfo, readServices,
/// readServiceDifferences): the init script's header, merged with /etc/chkconfig.d/NAME, with
/// the current levels taken from the <see cref="LinkFarm"/>; else the xinetd file. Script
/// contents are read once per command. <paramref name="rules"/> decide how headers are read and
/// whether overrides exist.
/// </summary>
public sealed class ServiceCatalog(ServiceLayout layout, LinkFarm farm, string? lang, ChkconfigRules rules)
{
    private readonly Dictionary<string, InitScriptHeader?> _headers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InitScriptHeader?> _overrides = new(StringComparer.Ordinal);

    public ServiceLayout Layout => layout;

    /// <summary>Outcome of reading one service.</summary>
    public enum ReadStatus
    {
        Ok,

        /// <summary>The script exists but its header is missing or malformed.</summary>
        NotSupported,

        /// <summary>Neither an init script nor an xinetd file.</summary>
        Missing,

        /// <summary>/etc/rc.d/init.d/NAME is a directory (chkconfig: "No such device", from mmap).</summary>
        Directory,
    }

    /// <summary>
    /// chkconfig's readServiceInfo: the init script (with its override and current levels)
    /// when <paramref name="types"/> allows and it exists, else the xinetd file.
    /// </summary>
    public ReadStatus Read(string name, ServiceTypes types, out ServiceInfo? service)
    {
        service = null;
        if (types.HasFlag(ServiceTypes.InitScript) && layout.InitScript(name) is { } script)
        {
            var header = Header(name, script);
            if (header is null) return ReadStatus.NotSupported;
            service = ServiceInfo.FromHeader(name, header);
            // chkconfig 1.3.30 marks an unknown stop priority -1, so a script it accepts without
            // priorities gets K-1NAME links.
            if (!rules.PrioritiesRequiredWithoutLsb && service.StopPriority == InitScriptHeader.UnsetStop)
                service.StopPriority = -1;
            if (rules.OverrideFiles && layout.OverrideFile(name) is { } overridePath && Override(name, overridePath) is { } o)
                Merge(service, name, o);
            service.CurrentLevels = farm.OnLevels(name);
            return ReadStatus.Ok;
        }
        if (types.HasFlag(ServiceTypes.InitScript) && layout.InitScripts is not null &&
            layout.HostDirectory(layout.InitScripts + "/" + name) is not null)
            return ReadStatus.Directory;
        if (types.HasFlag(ServiceTypes.Xinetd) && ReadXinetd(name) is { } xinetd)
        {
            service = xinetd;
            return ReadStatus.Ok;
        }
        return ReadStatus.Missing;
    }

    /// <summary>
    /// chkconfig's readServiceDifferences: the script's own header and the override file's,
    /// unmerged; false when either is missing or the script is not supported.
    /// </summary>
    public bool ReadDifferences(string name, out ServiceInfo? header, out ServiceInfo? overrides)
    {
        header = overrides = null;
        if (!rules.OverrideFiles) return false;
        if (layout.InitScript(name) is not { } script || Header(name, script) is not { } h) return false;
        if (layout.OverrideFile(name) is not { } path || Override(name, path) is not { } o) return false;
        header = ServiceInfo.FromHeader(name, h);
        overrides = ServiceInfo.FromHeader(name, o);
        return true;
    }

    /// <summary>The init script names chkconfig considers, sorted.</summary>
    public IReadOnlyList<string> InitScriptNames() => Names(layout.InitScripts, name => layout.InitScript(name) is not null);

    /// <summary>Entries of the init script directory that lead nowhere (dangling links: stat fails on them), sorted.</summary>
    public IReadOnlyList<string> UnresolvableInitScriptNames() =>
        Names(layout.InitScripts, name => !layout.Resolves(layout.InitScripts + "/" + name));

    /// <summary>The xinetd file names chkconfig considers, sorted.</summary>
    public IReadOnlyList<string> XinetdNames() =>
        layout.HostDirectory(ServiceLayout.XinetdDirectory) is null ? [] : Names(ServiceLayout.XinetdDirectory, name => layout.XinetdFile(name) is not null);

    /// <summary>chkconfig's readServices: every init script that has a usable header, with its current levels.</summary>
    public List<ServiceInfo> ReadAll()
    {
        var all = new List<ServiceInfo>();
        foreach (var name in InitScriptNames())
            if (Read(name, ServiceTypes.InitScript, out var s) == ReadStatus.Ok)
                all.Add(s!);
        return all;
    }

    /// <summary>The xinetd service NAME, or null when /etc/xinetd.d/NAME is not a readable regular file.</summary>
    public ServiceInfo? ReadXinetd(string name)
    {
        if (layout.XinetdFile(name) is not { } path) return null;
        string text;
        try { text = XinetdConfig.Bytes.GetString(File.ReadAllBytes(path)); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var (on, enabled) = XinetdConfig.Read(text);
        return new ServiceInfo
        {
            Name = name,
            Type = ServiceTypes.Xinetd,
            Levels = on ? RunLevels.All : 0,
            CurrentLevels = on ? RunLevels.All : 0,
            XinetdEnabled = enabled,
            Description = name,
        };
    }

    // An override replaces the levels and lists it defines; the priorities and Provides are
    // always replaced (unset ones included), as chkconfig does, except that a service left
    // without an LSB block keeps its header's priorities (chkconfig would make links named
    // "S-1name" and "K100name").
    private static void Merge(ServiceInfo s, string name, InitScriptHeader o)
    {
        if (o.Levels != InitScriptHeader.UnsetLevels) s.Levels = o.Levels;
        var isLsb = s.IsLsb || o.IsLsb;
        var bothPrioritiesSet = o.StartPriority != InitScriptHeader.UnsetStart && o.StopPriority != InitScriptHeader.UnsetStop;
        if (isLsb || bothPrioritiesSet)
        {
            s.StartPriority = o.StartPriority;
            s.StopPriority = o.StopPriority;
        }
        if (o.RequiredStart is not null) s.RequiredStart = o.RequiredStart;
        if (o.RequiredStop is not null) s.RequiredStop = o.RequiredStop;
        if (o.ShouldStart is not null) s.ShouldStart = o.ShouldStart;
        if (o.ShouldStop is not null) s.ShouldStop = o.ShouldStop;
        s.Provides = o.Provides ?? [name];
        s.IsLsb = isLsb;
        if (o.LocalDescription is not null || o.EnglishDescription is not null) s.Description = o.Description(name);
    }

    private InitScriptHeader? Header(string name, string path) => Cached(_headers, name, path, partialOk: false);

    private InitScriptHeader? Override(string name, string path) => Cached(_overrides, name, path, partialOk: true);

    private InitScriptHeader? Cached(Dictionary<string, InitScriptHeader?> cache, string name, string path, bool partialOk)
    {
        if (cache.TryGetValue(name, out var known)) return known;
        InitScriptHeader? header;
        try { header = InitScriptParser.Parse(File.ReadAllBytes(path), partialOk, lang, rules); }
        catch (IOException) { header = null; }
        catch (UnauthorizedAccessException) { header = null; }
        cache[name] = header;
        return header;
    }

    // readdir minus dot files, editor and rpm leftovers (.rpmsave .rpmnew .rpmorig .swp, ~ and ,
    // endings), keeping the names keep accepts.
    private List<string> Names(string? guestDirectory, Func<string, bool> keep)
    {
        if (guestDirectory is null || layout.HostDirectory(guestDirectory) is not { } host) return [];
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(host))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(',')) continue;
            var dot = name.LastIndexOf('.');
            if (dot >= 0 && name[dot..] is ".rpmsave" or ".rpmnew" or ".rpmorig" or ".swp") continue;
            if (keep(name)) names.Add(name);
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
