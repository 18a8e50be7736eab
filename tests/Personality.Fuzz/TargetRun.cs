using System.Diagnostics;

namespace Personality.Fuzz;

/// <summary>
/// Fuzzes one target: its seeds as they are, then mutants, until its iteration or time budget is
/// spent or an input hangs. Each distinct failure (exception type and where it was thrown) is reported once.
/// </summary>
public sealed class TargetRun(FuzzTarget target, int index, FuzzOptions options, CrashReport crashes)
{
    public long Inputs { get; private set; }
    public long Accepted { get; private set; }
    public int Crashes { get; private set; }

    public void Execute(IReadOnlyList<byte[]> corpus, TimeSpan budget)
    {
        var random = new Random(unchecked(options.Seed * 7919 + index));
        var mutator = new Mutator(random, target, corpus);
        var seen = new HashSet<string>();
        var worker = new BoundedWorker();
        var bound = TimeSpan.FromSeconds(options.HangSeconds);
        var inFlight = crashes.InFlight(target.Name);
        var clock = Stopwatch.StartNew();
        while (!Spent(clock, budget))
        {
            var input = Inputs < corpus.Count ? corpus[(int)Inputs] : mutator.Next();
            Inputs++;
            File.WriteAllBytes(inFlight, input);
            var failure = worker.Run(() => target.Run(input), bound, out var accepted);
            Accepted += accepted ? 1 : 0;
            if (failure is null)
                continue;
            if (seen.Add(Signature(failure)))
                crashes.Save(target.Name, input, failure);
            Crashes++;
            // The worker is stuck in the hung input and keeps a core busy: this target is done.
            if (failure is TimeoutException)
                break;
        }
        File.Delete(inFlight);
    }

    private bool Spent(Stopwatch clock, TimeSpan budget) =>
        (options.Iterations > 0 && Inputs >= options.Iterations) || (budget > TimeSpan.Zero && clock.Elapsed >= budget);

    private static string Signature(Exception failure) =>
        $"{failure.GetType().FullName} {(failure.StackTrace ?? "").Split('\n')[0].Trim()}";
}
