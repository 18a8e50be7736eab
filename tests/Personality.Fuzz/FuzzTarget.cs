namespace Personality.Fuzz;

/// <summary>How inputs for a target are mutated: text formats get tokens, superblocks get field values.</summary>
public enum InputKind { Text, Superblock }

/// <summary>
/// One thing to fuzz. <see cref="Run"/> feeds it an input; a "bad input" outcome (diagnostics,
/// a null result, a <c>ProbeResult</c> with a Problem) returns normally, anything thrown is a crash.
/// <see cref="Fields"/> are the byte offsets of the superblock fields worth setting to edge values.
/// </summary>
public sealed record FuzzTarget(string Name, InputKind Kind, Action<byte[]> Run, int[] Fields);
