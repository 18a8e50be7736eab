namespace Personality.Tests;
public class SmokeTest { [Xunit.Fact] public void Runs() => Xunit.Assert.True(true); }
