namespace Personality.Cli;

/// <summary>A small, strict command-line reader: known options only, clear errors for the rest.</summary>
public sealed class Arguments(string[] args)
{
    private readonly List<string> _rest = [.. args];

    /// <summary>Removes "--name VALUE" or "--name=VALUE"; null when absent.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < _rest.Count; i++)
        {
            if (_rest[i] == name)
            {
                if (i + 1 >= _rest.Count) throw new UsageException($"{name} needs a value");
                var value = _rest[i + 1];
                _rest.RemoveRange(i, 2);
                return value;
            }
            if (_rest[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                var value = _rest[i][(name.Length + 1)..];
                _rest.RemoveAt(i);
                return value;
            }
        }
        return null;
    }

    /// <summary>Removes every occurrence of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Options(string name)
    {
        var values = new List<string>();
        while (Option(name) is { } value) values.Add(value);
        return values;
    }

    public bool Flag(string name) => _rest.Remove(name);

    /// <summary>What is left once the options are taken: the positional words, in order. An unknown option is a usage error.</summary>
    public IReadOnlyList<string> Rest()
    {
        if (_rest.FirstOrDefault(a => a.StartsWith('-') && a != "-") is { } option) throw new UsageException($"unknown option '{option}'");
        return [.. _rest];
    }

    /// <summary>Fails on anything not consumed: a typo must not be silently ignored at boot.</summary>
    public void EnsureEmpty()
    {
        if (_rest.Count > 0) throw new UsageException($"unexpected argument '{_rest[0]}'");
    }
}
