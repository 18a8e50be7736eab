namespace Personality.Steps;

/// <summary>How a <see cref="FilePlaceStep"/> puts a file in place: a copy, or a bind mount of the volume's file.</summary>
public enum FileHow { Copy, Bind }
