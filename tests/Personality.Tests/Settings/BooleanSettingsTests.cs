using Personality.Core;
using Personality.Settings;

namespace Personality.Tests.Settings;

/// <summary>What validate says boot makes of READONLY=maybe is what boot makes of it.</summary>
public class BooleanSettingsTests
{
    [Fact]
    public void OtherWordsMeanWhatBootTakesThemAs()
    {
        foreach (var (key, meaning) in BooleanSettings.OtherWordsMean)
        {
            var effective = new EffectiveSettings();
            effective.Set(key, "maybe", "test");
            var boot = BootSettings.From(effective, new Diagnostics());
            bool taken = key switch
            {
                "READONLY" or "TEMPORARY_STATE" => boot.ReadOnlyRoot,
                "SLAVE_MOUNTS" => boot.SlaveMounts,
                "ENABLED" => boot.Enabled,
                "DEBUG" => boot.Debug,
                "STATE_FILES_LIST" => boot.StateFilesList,
                _ => throw new InvalidOperationException($"{key}: add its BootSettings property here"),
            };
            Assert.True(meaning == taken, key);
        }
    }

    [Fact]
    public void EveryYesNoDefaultIsATruthWord()
    {
        foreach (var key in BooleanSettings.OtherWordsMean.Keys)
        {
            Assert.True(SettingsCatalog.IsKnown(key), key);
            var value = SettingsCatalog.DefaultOf(key);
            Assert.True(Truth.IsTrue(value) || Truth.IsFalse(value), key);
        }
    }
}
