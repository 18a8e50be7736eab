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
    private Action? _work;
    private Exception? _thrown;

    public BoundedWorker()
    {
        new Thread(Loop, StackBytes) { IsBackground = true, Name = "fuzz worker" }.Start();
    }

    /// <summary>Null when <paramref name="work"/> returned, the exception it threw, or a <see cref="TimeoutException"/>.</summary>
    public Exception? Run(Action work, TimeSpan bound)
    {
        _work = work;
        _thrown = null;
        _start.Release();
        return _done.Wait(bound) ? _thrown : new TimeoutException($"still running after {bound.TotalSeconds:0.#} s");
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            try
            {
                _work!();
            }
            catch (Exception e)
            {
                _thrown = e;
            }
            _done.Release();
        }
    }
}
