namespace Personality.Fleet.Libvirt;

/// <summary>How up and roll go: which guests, how many boot at once, how long each may take to be ready.</summary>
/// <param name="Only">The guests named on the command line; empty means all.</param>
/// <param name="Parallel">Guests booting at once (up); the batch size (roll).</param>
public sealed record RackOptions(IReadOnlyList<string> Only, int Parallel, TimeSpan ReadyTimeout)
{
    public const int DefaultParallel = 4;
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(180);

    public bool Includes(FleetGuest guest) => Only.Count == 0 || Only.Contains(guest.Name);
}
