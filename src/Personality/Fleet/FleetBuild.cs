using System.Text;
using Personality.Files;
using Personality.Manifests;
using Personality.Native;

namespace Personality.Fleet;

/// <summary>What build did for one guest: the parts it wrote, or why it stopped.</summary>
public sealed record GuestBuildResult(GuestChanges Changes, string? Error)
{
    public bool Wrote => Error is null && Changes.Any;
}

/// <summary>
/// `fleet build`: makes what <see cref="GuestChanges"/> says is missing or out of date, and nothing
/// else, so a second build changes no byte and no mtime. Each guest is built in a temporary folder
/// next to its own and moved into place by renames, its record last: a failure leaves the guest as
/// it was. A state volume is made only when there is none.
/// </summary>
public static class FleetBuild
{
    private const uint FileMode = 0x1A4; // 0644
    /// <summary>Config volumes (sparse images): the host one holds a manifest, the app one also what its role keeps.</summary>
    private const long HostVolumeKiB = 4096, AppVolumeMinimumKiB = 8192;

    /// <summary>Builds every guest in order; stops at the first guest that fails (the ones before it are complete).</summary>
    public static IReadOnlyList<GuestBuildResult> Run(IReadOnlyList<GuestChanges> guests, string outputDirectory, Action<GuestBuildResult>? done = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var results = new List<GuestBuildResult>();
        foreach (var guest in guests)
        {
            GuestBuildResult result;
            try
            {
                if (guest.Any) Build(guest, outputDirectory);
                result = new GuestBuildResult(guest, null);
            }
            catch (Exception e) when (e is FleetBuildException or IOException or UnauthorizedAccessException or NativeException)
            {
                result = new GuestBuildResult(guest, e.Message);
            }
            results.Add(result);
            done?.Invoke(result);
            if (result.Error is not null) break;
        }
        return results;
    }

    private static void Build(GuestChanges changes, string outputDirectory)
    {
        var final = changes.Layout;
        var temporary = Path.Combine(outputDirectory, $".{final.Guest}{TemporaryNames.Suffix}");
        RemoveTree(temporary); // the leftover of an interrupted build
        Directory.CreateDirectory(temporary);
        var staged = final.Under(temporary);
        try
        {
            foreach (var part in changes.Parts.Where(p => p.Writes)) Make(part.Part, changes, staged);
            var stateImage = File.Exists(staged.StateImage) ? staged.StateImage : final.StateImage;
            var record = new BuildRecord(final.Guest, changes.Guest.Personality.Name, changes.Inputs.HostHash, changes.Inputs.AppHash,
                new Size(new FileInfo(stateImage).Length).ToString());
            AtomicFile.Write(staged.Record, record.ToBytes(), FileMode);

            if (changes.New)
            {
                FileCalls.Rename(temporary, final.Directory);
                return;
            }
            foreach (var part in changes.Parts.Where(p => p.Writes)) MoveIntoPlace(part.Part, staged, final);
            if (!SameBytes(final.Record, record.ToBytes())) FileCalls.Rename(staged.Record, final.Record);
        }
        finally
        {
            RemoveTree(temporary);
        }
    }

    private static void Make(GuestPart part, GuestChanges changes, GuestLayout at)
    {
        var seed = changes.Guest.DomainName;
        switch (part)
        {
            case GuestPart.HostVolume:
                Directory.CreateDirectory(at.HostFolder);
                AtomicFile.Write(Path.Combine(at.HostFolder, ManifestReader.FileName), Encoding.UTF8.GetBytes(changes.Guest.Host.Text), FileMode);
                ExtImage.Make(at.HostImage, ExtImage.HostLabel, HostVolumeKiB, at.HostFolder, 1, $"{seed}:{ExtImage.HostLabel}");
                break;
            case GuestPart.AppVolume:
                var app = changes.Inputs.App;
                app.CopyTo(at.AppFolder);
                ExtImage.Make(at.AppImage, ExtImage.AppLabel, ExtImage.SizeKiB(app, AppVolumeMinimumKiB), at.AppFolder, app.Entries.Count, $"{seed}:{ExtImage.AppLabel}");
                break;
            case GuestPart.StateVolume:
                ExtImage.Make(at.StateImage, ExtImage.StateLabel, changes.Guest.State.KiB, null, 0, $"{seed}:{ExtImage.StateLabel}");
                break;
            case GuestPart.Domain:
                AtomicFile.Write(at.DomainXml, Encoding.UTF8.GetBytes(changes.Inputs.DomainText), FileMode);
                break;
            case GuestPart.XlConfig:
                AtomicFile.Write(at.XlConfig, Encoding.UTF8.GetBytes(changes.Inputs.XlText), FileMode);
                break;
        }
    }

    private static void MoveIntoPlace(GuestPart part, GuestLayout staged, GuestLayout final)
    {
        switch (part)
        {
            case GuestPart.HostVolume:
                ReplaceFolder(staged.HostFolder, final.HostFolder);
                FileCalls.Rename(staged.HostImage, final.HostImage);
                break;
            case GuestPart.AppVolume:
                ReplaceFolder(staged.AppFolder, final.AppFolder);
                FileCalls.Rename(staged.AppImage, final.AppImage);
                break;
            case GuestPart.StateVolume:
                // Only ever made where there was none: never renamed over one.
                if (File.Exists(final.StateImage)) throw new FleetBuildException($"{final.StateImage} appeared during the build; it is kept, not overwritten");
                FileCalls.Rename(staged.StateImage, final.StateImage);
                break;
            case GuestPart.Domain:
                FileCalls.Rename(staged.DomainXml, final.DomainXml);
                break;
            case GuestPart.XlConfig:
                FileCalls.Rename(staged.XlConfig, final.XlConfig);
                break;
        }
    }

    /// <summary>A folder cannot be renamed over a full one: the old one is moved aside first, then removed.</summary>
    private static void ReplaceFolder(string from, string to)
    {
        var aside = TemporaryNames.For(to);
        RemoveTree(aside);
        if (Directory.Exists(to)) FileCalls.Rename(to, aside);
        FileCalls.Rename(from, to);
        RemoveTree(aside);
    }

    private static void RemoveTree(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    private static bool SameBytes(string file, byte[] bytes) =>
        File.Exists(file) && File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes);
}
