using Personality.IntegrationTests.Harness;
using Xunit;

namespace Personality.IntegrationTests;

/// <summary>
/// An rwtab line naming a path that is not UTF-8 (/var/lib/caf\xE9, Latin-1) is a path, as in Red
/// Hat's shell: copied and bound by its bytes, not mangled into one that "does not exist". The
/// record holds text, so it shows the byte as U+FFFD; status still finds the bind.
/// </summary>
[Collection("root")]
public sealed class NonUtf8RwtabPathTests
{
    private const string Cafe = "/var/lib/caf\uFFFD"; // how the record (and this harness, reading text) shows it

    [Fact]
    public void APathThatIsNotUtf8IsCopiedAndBoundByItsBytesAndASecondBootChangesNothing()
    {
        using var tree = GuestTree.Create("bytes");
        tree.WriteReadonlyRoot(Labels.Unique(), Labels.Unique());
        tree.AddDir("/var/lib");
        Shell.Check("bash", "-c", """d="$1/var/lib/caf$(printf '\351')"; mkdir "$d" && echo seed >"$d/seed.txt" && printf 'files %s\n' "${d#"$1"}" >"$1/etc/rwtab" """, "_", tree.Root);

        var obs = tree.Run("""
            boot 1 ''
            boot 2 ''
            cafe="$ROOT/var/lib/caf$(printf '\351')"
            echo written >"$cafe/written"
            [ -f "$ROOT/var/lib/stateless/writable/var/lib/caf$(printf '\351')/written" ] && note through-the-bind yes
            "$PERSONALITY_BIN" status --root "$ROOT" >"$OUT/status.stdout" 2>&1
            note status-exit $?
            """);
        var boot1 = obs.Boot(1);
        Expect.Booted(boot1, tree);
        Expect.Result("applied", boot1);
        Expect.NoDiagnostics(boot1);
        Expect.MountAt(boot1, tree, Cafe);
        Expect.Step(boot1, Cafe, "bind", "applied", "/etc/rwtab", 1);

        var status2 = Expect.Booted(obs.Boot(2), tree);
        var changed = status2.Steps.Where(s => s.Result != "unchanged").ToList();
        Expect.True(changed.Count == 0, "second boot did something:\n  " + string.Join("\n  ", changed), obs.Boot(2));

        Expect.True(obs.Note("through-the-bind") == "yes", "a write to the path did not land in the scratch copy", obs);
        Expect.True(obs.Note("status-exit") == "0", $"status saw drift: {File.ReadAllText(Path.Combine(obs.OutDir, "status.stdout"))}", obs);
    }
}
