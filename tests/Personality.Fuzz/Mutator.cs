namespace Personality.Fuzz;

/// <summary>
/// Makes new inputs from the corpus: byte-level mutations for every target, plus tokens and
/// pathological shapes for text formats and edge values at known fields for superblocks.
/// Everything comes from one seeded <see cref="Random"/>, so a seed always gives the same inputs.
/// </summary>
public sealed class Mutator(Random random, FuzzTarget target, IReadOnlyList<byte[]> corpus)
{
    /// <summary>Text inputs stay a few times over the 64 KiB YAML limit, so that limit is fuzzed too.</summary>
    private const int MaxTextLength = 256 * 1024;

    /// <summary>Superblock images keep to the bytes the probes read (btrfs ends at 68 KiB).</summary>
    private const int MaxImageLength = 72 * 1024;

    public byte[] Next()
    {
        var input = new List<byte>(corpus[random.Next(corpus.Count)]);
        var rounds = 1 + random.Next(random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < rounds; i++)
            MutateOnce(input);
        var max = target.Kind == InputKind.Text ? MaxTextLength : MaxImageLength;
        if (input.Count > max)
            input.RemoveRange(max, input.Count - max);
        byte[] result = [.. input];
        if (target.Kind == InputKind.Superblock && random.Next(2) == 0)
            SuperblockChecksums.Reseal(result);
        return result;
    }

    private void MutateOnce(List<byte> input)
    {
        var structured = random.Next(3) != 0;
        if (structured && target.Kind == InputKind.Text)
            TextMutations.Apply(random, input);
        else if (structured && target.Fields.Length > 0)
            SetField(input, target.Fields[random.Next(target.Fields.Length)]);
        else
            ByteMutation(input);
    }

    private void ByteMutation(List<byte> input)
    {
        if (input.Count == 0)
        {
            input.Add((byte)random.Next(256));
            return;
        }
        var at = Position(input);
        switch (random.Next(7))
        {
            case 0: input[at] ^= (byte)(1 << random.Next(8)); break;
            case 1: input[at] = (byte)random.Next(256); break;
            case 2: input.Insert(at, (byte)random.Next(256)); break;
            case 3: input.RemoveRange(at, Math.Min(input.Count - at, 1 + random.Next(16))); break;
            case 4: DuplicateRange(input, at); break;
            case 5: Splice(input); break;
            default: WriteValue(input, at, InterestingValues.Pick(random), 1 << random.Next(4), random.Next(2) == 0); break;
        }
    }

    private void DuplicateRange(List<byte> input, int at)
    {
        var from = Position(input);
        input.InsertRange(at, input.GetRange(from, Math.Min(1 + random.Next(32), input.Count - from)).ToArray());
    }

    // Keeps this input's head and takes another corpus item's tail from the same offset.
    private void Splice(List<byte> input)
    {
        var other = corpus[random.Next(corpus.Count)];
        var cut = random.Next(Math.Min(input.Count, other.Length) + 1);
        input.RemoveRange(cut, input.Count - cut);
        input.AddRange(other.AsSpan(cut).ToArray());
    }

    private void SetField(List<byte> input, int offset)
    {
        // Nearby offsets too: fields next to the listed ones are as interesting.
        offset += random.Next(4) == 0 ? random.Next(-8, 9) : 0;
        if (offset < 0 || offset >= input.Count)
            return;
        var value = InterestingValues.Pick(random);
        if (random.Next(4) == 0)
            value += random.Next(-2, 3);
        WriteValue(input, offset, value, 1 << random.Next(4), bigEndian: random.Next(2) == 0);
    }

    private static void WriteValue(List<byte> input, int offset, long value, int width, bool bigEndian)
    {
        for (var i = 0; i < width && offset + i < input.Count; i++)
        {
            var shift = 8 * (bigEndian ? width - 1 - i : i);
            input[offset + i] = (byte)(value >> shift);
        }
    }

    private int Position(List<byte> input) => random.Next(input.Count);
}
