namespace HubFeed.Catalog;

/// <summary>The run of a source holds this lease; a second run is refused while it is held.</summary>
public sealed class RunLease
{
    /// <summary>The version a write may name when the row's current one is unknown (an answer was lost): any.</summary>
    public const string AnyVersion = "*";

    /// <summary>How long a lease outlives a run that died without releasing it.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    internal RunLease(string source, string runId, string version, SourceStateRow state)
    {
        Source = source;
        RunId = runId;
        Version = version;
        State = state;
    }

    public string Source { get; }
    public string RunId { get; }
    /// <summary>The state row's version (its ETag in Table Storage) as this run last wrote or read it.</summary>
    internal string Version { get; set; }
    /// <summary>The state as this run last wrote or read it.</summary>
    public SourceStateRow State { get; internal set; }
}
