using Personality.Services;

namespace Personality.Tests.Services;

/// <summary>chkconfig's header rules, one at a time (each checked against upstream chkconfig).</summary>
public class InitScriptParserTests
{
    private static InitScriptHeader? Parse(string text, string? lang = null) => InitScriptParser.Parse(text, partialOk: false, lang);

    [Fact]
    public void ClassicHeader()
    {
        var h = Parse("#!/bin/sh\n# chkconfig: 2345 55 25\n# description: OpenSSH server\n")!;
        Assert.Equal(RunLevels.Parse("2345"), h.Levels);
        Assert.Equal(55, h.StartPriority);
        Assert.Equal(25, h.StopPriority);
        Assert.False(h.IsLsb);
        Assert.Equal("OpenSSH server", h.EnglishDescription);
        Assert.Null(h.Provides);
    }

    [Theory]
    [InlineData("# chkconfig: 345 10 90", false)]            // last line without a newline: the char after STOP is the end
    [InlineData("# chkconfig: 345 10 90 ", true)]            // ... but a trailing blank is enough
    [InlineData("# chkconfig: 345 10 90\t\n", true)]
    [InlineData("# chkconfig: 345 10 90 extra words\n", true)]
    [InlineData("#chkconfig:35 5 5\n", true)]
    [InlineData("  # chkconfig: 24 20 80\n", true)]
    [InlineData("# chkconfig: 2345 100 05\n", false)]         // priorities are 0-99
    [InlineData("# chkconfig: 2345 -1 05\n", false)]
    [InlineData("# chkconfig: 2345 99 0\n", true)]
    [InlineData("# chkconfig: 2347 85 15\n", false)]          // levels are 0-6
    [InlineData("# chkconfig: 0123456789abcdefgh 20 80\n", false)]
    [InlineData("# chkconfig: - 85 15\n", true)]
    [InlineData("# chkconfig:\n", false)]
    [InlineData("# chkconfig: 2345 20\n# 80\n", false)]
    [InlineData("# chkconfig: 2345 20 80x\n", false)]
    [InlineData("echo '# chkconfig: 2345 20 80'\n", false)]  // not a comment line
    [InlineData("#!/bin/sh\necho hello\n", false)]
    public void ChkconfigLine(string text, bool accepted) => Assert.Equal(accepted, Parse(text) is not null);

    [Fact]
    public void PrioritiesAreCIntsAsSscanfReadsThem()
    {
        // 4294967346 = 2^32 + 50: sscanf's %d stores the low 32 bits.
        Assert.Equal(50, Parse("# chkconfig: 2345 4294967346 05\n")!.StartPriority);
    }

    [Fact]
    public void FirstValidChkconfigLineWinsButAnyBadOneRefuses()
    {
        var h = Parse("# chkconfig: 2345 20 80\n# chkconfig: 3 30 70\n")!;
        Assert.Equal((RunLevels.Parse("2345"), 20, 80), (h.Levels, h.StartPriority, h.StopPriority));
        Assert.Null(Parse("# chkconfig: 2345 20 80\n# chkconfig: 3 30\n"));
    }

    [Fact]
    public void DashMeansNoLevels() => Assert.Equal(0, Parse("# chkconfig: - 85 15\n")!.Levels);

    [Fact]
    public void DescriptionIsOptionalAndMayContinue()
    {
        Assert.NotNull(Parse("# chkconfig: 345 10 90\n"));
        var h = Parse("# chkconfig: 2345 20 80\n# description: a long \\\n#   description on two lines\n")!;
        Assert.Equal("a long description on two lines", h.EnglishDescription);
    }

    [Fact]
    public void AnEnglishDescriptionDoesNotStopTheScanSoALaterLsbBlockCounts()
    {
        // Upstream stops reading only once it has the levels AND a description in the reader's
        // language; an English description is kept aside, so the LSB block below is read:
        // Default-Start adds 1, Default-Stop removes 0, 6 and 3.
        const string text = """
            #!/bin/sh
            # chkconfig: 2345 20 80
            # description: classic header, then an LSB block
            ### BEGIN INIT INFO
            # Provides: both alias
            # Required-Start: other
            # Default-Start: 1 2 3 4 5
            # Default-Stop: 0 6 3
            ### END INIT INFO

            """;
        var h = Parse(text)!;
        Assert.True(h.IsLsb);
        Assert.Equal(RunLevels.Parse("1245"), h.Levels);
        Assert.Equal((20, 80), (h.StartPriority, h.StopPriority));
        Assert.Equal(["both", "alias"], h.Provides!);
        Assert.Equal(["other"], h.RequiredStart!);
    }

    [Fact]
    public void ADescriptionInTheReadersLanguageStopsTheScan()
    {
        const string text = "# chkconfig: 2345 20 80\n# description(de): Deutsch\n### BEGIN INIT INFO\n# Default-Start: 1\n# Default-Stop: 3\n### END INIT INFO\n";
        var german = Parse(text, lang: "de")!;
        Assert.False(german.IsLsb);
        Assert.Equal(RunLevels.Parse("2345"), german.Levels);
        Assert.Equal("Deutsch", german.LocalDescription);
        Assert.Equal(RunLevels.Parse("1245"), Parse(text, lang: null)!.Levels);
    }

    [Fact]
    public void LsbBlock()
    {
        var h = Parse("""
            #!/bin/sh
            ### BEGIN INIT INFO
            # Provides:          web httpd
            # Required-Start:    $network $remote_fs
            # Required-Stop:     $network
            # Should-Start:      memcached
            # Should-Stop:       memcached
            # Default-Start:     3 4 5
            # Default-Stop:      0 1 2 6
            # Short-Description: a web server
            ### END INIT INFO

            """)!;
        Assert.True(h.IsLsb);
        Assert.Equal(RunLevels.Parse("345"), h.Levels);
        Assert.Equal((InitScriptHeader.UnsetStart, InitScriptHeader.UnsetStop), (h.StartPriority, h.StopPriority));
        Assert.Equal(["web", "httpd"], h.Provides!);
        Assert.Equal(["$network", "$remote_fs"], h.RequiredStart!);
        Assert.Equal(["$network"], h.RequiredStop!);
        Assert.Equal(["memcached"], h.ShouldStart!);
        Assert.Equal(["memcached"], h.ShouldStop!);
        Assert.Equal("a web server", h.EnglishDescription);
    }

    [Fact]
    public void LsbNeedsLevelsButNoPriorities()
    {
        Assert.Null(Parse("### BEGIN INIT INFO\n# Provides: x\n### END INIT INFO\n"));
        Assert.Equal(0, Parse("### BEGIN INIT INFO\n# Default-Start:\n# Default-Stop: 0 1 2 3 4 5 6\n### END INIT INFO\n")!.Levels);
        // Without the BEGIN line it is not LSB, and then priorities are required.
        Assert.Null(Parse("# Default-Start: 2 3 4 5\n"));
    }

    [Fact]
    public void OverrideFilesMayDefineAnything()
    {
        var o = InitScriptParser.Parse("# description: only this\n", partialOk: true, lang: null)!;
        Assert.Equal(InitScriptHeader.UnsetLevels, o.Levels);
        Assert.Equal(InitScriptHeader.UnsetStart, o.StartPriority);
    }

    [Fact]
    public void BytesAreReadAsBytes()
    {
        var bytes = "# chkconfig: 2345 20 80\n# description: caf\u00e9\n"u8.ToArray();
        Assert.NotNull(InitScriptParser.Parse(bytes, partialOk: false, lang: null));
    }
}
