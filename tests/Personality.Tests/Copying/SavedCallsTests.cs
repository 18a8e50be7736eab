using Personality.Steps;
using Personality.Apply.Copying;
using Personality.Native;

namespace Personality.Tests.Copying;

/// <summary>
/// The copier leaves out calls whose outcome it knows (chown and chmod of what it creates in a
/// directory it made, the mountpoint check of the copy's own destination): wherever that
/// knowledge would be wrong, the calls must still be made and the copy come out exact.
/// </summary>
public sealed class SavedCallsTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TreeCopier _copier = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void ASetgidDestinationDoesNotLendItsGroupToTheCopy()
    {
        var source = SampleTree.Build(_tree, "src");
        // A new entry in a setgid directory takes the directory's group (and a new directory the bit).
        _tree.Dir("scratch", "2775", 0, 4321);

        _copier.Copy(source, _tree.Path("scratch/src"), CopyMode.Full);

        TreeAssert.SameTree(source, _tree.Path("scratch/src"));
    }

    [Fact]
    public void ADefaultAclOnTheDestinationDoesNotChangeModes()
    {
        var source = SampleTree.Build(_tree, "src");
        var scratch = _tree.Dir("scratch");
        // u::rwx g::--- o::---: what is created below starts with no group or other bits.
        if (!FileCalls.SetXattr(scratch, "system.posix_acl_default\0"u8, DefaultAcl(7, 0, 0))) return; // no ACLs here

        _copier.Copy(source, _tree.Path("scratch/src"), CopyMode.Full);

        TreeAssert.SameTree(source, _tree.Path("scratch/src"));
    }

    [Fact]
    public void ATreeCopiedIntoAMountBelowItselfLeavesTheCopyOut()
    {
        // The scratch area as it is at boot: a tmpfs mounted inside the tree being copied.
        _tree.Dir("var");
        _tree.File("var/log", "l");
        _tree.Dir("var/lib/stateless/writable");
        PrivateMountNamespace.Run(() =>
        {
            PrivateMountNamespace.MountTmpfs(_tree.Path("var/lib/stateless/writable"), "1m");

            var result = _copier.Copy(_tree.Path("var"), _tree.Path("var/lib/stateless/writable/var"), CopyMode.Full);

            Assert.Equal(["lib", "log"], TreeAssert.Names(_tree.Path("var/lib/stateless/writable/var"), false));
            Assert.Empty(TreeAssert.Names(_tree.Path("var/lib/stateless/writable/var/lib/stateless/writable"), false));
            Assert.Equal(5, result.Created); // var, log, lib, lib/stateless, lib/stateless/writable (empty)
        });
    }

    [Fact]
    public void ManyFilesAcrossFilesystemsAllArrive()
    {
        // After the first file learns that copy_file_range cannot cross filesystems, the others
        // go straight to sendfile: every one must still arrive whole.
        _tree.Dir("src");
        for (var i = 0; i < 20; i++) _tree.File($"src/f{i}", new string((char)('a' + i), 1000 * (i + 1)));
        var scratch = _tree.Dir("scratch");
        PrivateMountNamespace.Run(() =>
        {
            PrivateMountNamespace.MountTmpfs(scratch, "4m");

            _copier.Copy(_tree.Path("src"), scratch + "/src", CopyMode.Full);
            _copier.Copy(_tree.Path("src"), scratch + "/again", CopyMode.Full);

            TreeAssert.SameTree(_tree.Path("src"), scratch + "/src");
            TreeAssert.SameTree(_tree.Path("src"), scratch + "/again");
        });
    }

    [Fact]
    public void ReadDirectoryEntriesTellsDirectoriesWithoutAnLstat()
    {
        _tree.Dir("d");
        _tree.Dir("d/sub");
        _tree.File("d/file", "");
        _tree.Symlink("d/link", "sub");
        var entries = new List<DirectoryEntry>();

        FileCalls.ReadDirectoryEntries(_tree.Path("d"), entries);

        var byName = entries.ToDictionary(e => e.Name);
        Assert.Equal(["file", "link", "sub"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.True(byName["sub"].MayBeDirectory);
        // Filesystems that do not fill d_type say DT_UNKNOWN, which may be anything.
        Assert.True(!byName["file"].MayBeDirectory || byName["file"].Type == DirectoryEntry.DT_UNKNOWN);
        Assert.True(!byName["link"].MayBeDirectory || byName["link"].Type == DirectoryEntry.DT_UNKNOWN);
    }

    [Fact]
    public void TheUmaskReadIsTheOneTheKernelApplies()
    {
        var path = _tree.Path("created");
        FileCalls.CloseQuietly(FileCalls.Open(path, FileCalls.O_WRONLY | FileCalls.O_CREAT | FileCalls.O_EXCL, 0x1B6)); // 0666

        Assert.Equal(0x1B6u & ~FileCalls.ReadUmask(), FileCalls.LStat(path).Permissions);
    }

    /// <summary>The xattr form of a minimal POSIX ACL (version 2; user::, group::, other:: entries).</summary>
    private static byte[] DefaultAcl(ushort user, ushort group, ushort other)
    {
        var acl = new List<byte>(BitConverter.GetBytes(2u));
        foreach (var (tag, perm) in new[] { ((ushort)0x01, user), ((ushort)0x04, group), ((ushort)0x20, other) })
        {
            acl.AddRange(BitConverter.GetBytes(tag));
            acl.AddRange(BitConverter.GetBytes(perm));
            acl.AddRange(BitConverter.GetBytes(uint.MaxValue));
        }
        return [.. acl];
    }
}
