using Personality.Core;

namespace Personality.Pipeline;

/// <summary>
/// State a stage wants kept for later boots (what a personality changed), written once the steps
/// ran and their outcomes are known. Only boot writes it; a dry run plans the same but keeps nothing.
/// </summary>
public interface IKeptState
{
    /// <summary>Guest path of the file, for messages.</summary>
    string GuestFile { get; }

    void Write(TargetRoot root, Ledger ledger);
}
