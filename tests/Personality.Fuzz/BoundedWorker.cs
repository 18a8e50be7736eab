namespace Personality.Fuzz;

/// <summary>
/// Runs inputs one at a time on a thread of its own with the stack a boot process has (8 MiB, the
/// Linux default), and gives up waiting after a time bound: that input is a hang. A hung worker
/// cannot be stopped, so it is abandoned (a background thread) and the caller starts a new one.
/// </summary>
public sealed class BoundedWorker
{
    private const int StackBytes = 8 << 20;

    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private Func<bool>? _work;
    private bool _accepted;
    private Exception? _thrown;

    public BoundedWorker()
    {
        new Thread(Loop, StackBytes) { IsBackground = true, Name = "fuzz worker" }.Start();
    }

    /// <summary>
    /// Null when <paramref name="work"/> returned (what it returned in <paramref name="accepted"/>),
    /// the exception it threw, or a <see cref="TimeoutException"/>.
    /// </summary>
    public Exception? Run(Func<bool> work, TimeSpan bound, out bool accepted)
    {
        _work = work;
        _thrown = null;
        _accepted = false;
        _start.Release();
        var finished = _done.Wait(bound);
        accepted = finished && _accepted;
        return finished ? _thrown : new TimeoutException($"still running after {bound.TotalSeconds:0.#} s");
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            try
            {
                _accepted = _work!();
            }
            catch (Exception e)
            {
                _thrown = e;
            }
            _done.Release();
        }
    }
}
