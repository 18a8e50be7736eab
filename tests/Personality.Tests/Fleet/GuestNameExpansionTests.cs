using Personality.Fleet;

namespace Personality.Tests.Fleet;

public class GuestNameExpansionTests
{
    [Theory]
    [InlineData("db01", new[] { "db01" })]
    [InlineData("web{01..03}", new[] { "web01", "web02", "web03" })]
    [InlineData("c{1..3}", new[] { "c1", "c2", "c3" })]
    [InlineData("c{8..11}", new[] { "c8", "c9", "c10", "c11" })]
    [InlineData("n{008..010}-a", new[] { "n008-a", "n009-a", "n010-a" })]
    [InlineData("{1..2}x", new[] { "1x", "2x" })]
    public void Expands_one_range_keeping_the_zero_padding_of_its_start(string pattern, string[] expected)
    {
        Assert.Equal(expected, GuestNameExpansion.Expand(pattern, 1000, out var problem));
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData("web{01..03", "'web{01..03' has a '{' without its '}'")]
    [InlineData("web01}", "'web01}' has a '}' without its '{'")]
    [InlineData("w{1..2}{1..2}", "'w{1..2}{1..2}' has more than one range; a name holds at most one, e.g. web{01..07}")]
    [InlineData("w{a..c}", "'{a..c}' is not a range; write {FIRST..LAST} with two numbers, e.g. {01..07}")]
    [InlineData("w{3..1}", "the range {3..1} counts down; write the smaller number first")]
    [InlineData("w{1..2000}", "the range {1..2000} makes 2000 guests, more than 1000")]
    public void Bad_patterns_say_what_is_wrong(string pattern, string expected)
    {
        Assert.Null(GuestNameExpansion.Expand(pattern, 1000, out var problem));
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("web01", true)]
    [InlineData("a", true)]
    [InlineData("A-1", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void A_name_is_an_RFC_1123_label(string name, bool valid)
    {
        Assert.Equal(valid, GuestNameExpansion.IsLabel(name));
        Assert.Equal(valid && name.Length <= 63, GuestNameExpansion.IsLabel(name));
    }

    [Fact]
    public void A_label_is_at_most_63_characters()
    {
        Assert.True(GuestNameExpansion.IsLabel(new string('a', 63)));
        Assert.False(GuestNameExpansion.IsLabel(new string('a', 64)));
    }
}
