using System.Diagnostics;
using Personality.Fuzz;

// A structure-aware mutation fuzzer for the parsers and superblock readers; README.md, "Fuzzing".
FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e is ArgumentException ? e.Message : FuzzOptions.Usage);
    return 2;
}

var scratch = Directory.CreateTempSubdirectory("personality-fuzz-");
try
{
    var targets = FuzzTargets.All(scratch.FullName).Where(t => options.Only is null || t.Name == options.Only).ToList();
    if (targets.Count == 0)
    {
        Console.Error.WriteLine($"no target named {options.Only}");
        return 2;
    }
    var crashes = new CrashReport(options.Crashes);
    var perTarget = TimeSpan.FromSeconds(options.Seconds / targets.Count);
    var clock = Stopwatch.StartNew();
    long inputs = 0;
    var crashCount = 0;
    for (var i = 0; i < targets.Count; i++)
    {
        var target = targets[i];
        var corpus = Corpus.Load(options.Corpus, target.Name);
        var run = new TargetRun(target, i, options, crashes);
        var started = clock.Elapsed;
        run.Execute(corpus, perTarget);
        Console.WriteLine($"  {target.Name}: {run.Inputs} inputs ({run.Accepted} accepted) from {corpus.Count} seeds in {(clock.Elapsed - started).TotalSeconds:0.0} s, {run.Crashes} crashes");
        inputs += run.Inputs;
        crashCount += run.Crashes;
    }
    Console.WriteLine($"fuzz: {inputs} inputs over {targets.Count} targets, {crashCount} crashes ({clock.Elapsed.TotalSeconds:0} s, seed {options.Seed})");
    return crashCount == 0 ? 0 : 1;
}
finally
{
    scratch.Delete(recursive: true);
}
