namespace Personality.Fuzz;

/// <summary>The seed inputs of a target: corpus/TARGET/*, in name order so a seed means the same run everywhere.</summary>
public static class Corpus
{
    public static IReadOnlyList<byte[]> Load(string corpusDirectory, string target)
    {
        var directory = Path.Combine(corpusDirectory, target);
        var seeds = Directory.Exists(directory)
            ? Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList()
            : [];
        return seeds.Count > 0 ? seeds : [[]];
    }
}
