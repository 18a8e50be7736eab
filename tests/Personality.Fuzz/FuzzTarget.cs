namespace Personality.Fuzz;

/// <summary>How inputs for a target are mutated: text formats get tokens, superblocks get field values.</summary>
public enum InputKind { Text, Superblock }

/// <summary>
/// One thing to fuzz. <see cref="Run"/> feeds it an input and says whether the input was accepted
/// as it is (no diagnostics, a result, a probe that recognised the type without a Problem); a
/// "bad input" outcome returns false, anything thrown is a crash. The share accepted shows that
/// mutants get past the first checks.
/// <see cref="Fields"/> are the byte offsets of the superblock fields worth setting to edge values.
/// </summary>
public sealed record FuzzTarget(string Name, InputKind Kind, Func<byte[], bool> Run, int[] Fields);
