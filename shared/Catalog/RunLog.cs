using System.Globalization;

namespace HubFeed.Catalog;

/// <summary>
/// The run log's rules, whichever store holds it: a run's id carries its source and its inverted start
/// ("objective-11.0252…-a1b2c3d4e5f6"), so the newest sorts first and GET /api/runs/{id} is one point read; and a
/// record is capped before it is stored (a table string holds at most 64 KiB).
/// </summary>
public static class RunLog
{
    private const int MaxStoredQuarantine = 100;
    private const int MaxStoredWarnings = 50;
    private const int MaxStoredError = 8000;

    /// <summary>A new run's id, naming its source and start.</summary>
    public static string NewId(string source, DateTimeOffset started) =>
        source + "." + (DateTimeOffset.MaxValue.UtcTicks - started.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Splits an id <see cref="NewId"/> gave out into its source and the key that sorts it; false for any other.</summary>
    public static bool TrySplit(string id, out string source, out string key)
    {
        source = key = "";
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (id.Length > 100 || dot <= 0 || id.AsSpan(0, dot).ContainsAny("/\\#?") || id.Any(char.IsControl))
        {
            return false;
        }
        source = id[..dot];
        key = id[(dot + 1)..];
        return key.Length > 20 && key[..19].All(char.IsAsciiDigit) && key[19] == '-';
    }

    /// <summary>Where the run sorts within its source (newest first): the id's key, or the whole id for a foreign one.</summary>
    public static string SortKeyOf(RunRecord run) =>
        TrySplit(run.Id, out var source, out var key) && source == run.Source ? key : run.Id;

    /// <summary>The record as stored: the first rows and warnings (saying how many there were) and the error's start.</summary>
    public static RunRecord Stored(RunRecord run) => run with
    {
        Quarantined = run.Quarantined.Take(MaxStoredQuarantine).ToList(),
        Warnings = run.Warnings.Take(MaxStoredWarnings)
            .Append(run.Warnings.Count > MaxStoredWarnings ? $"... and {run.Warnings.Count - MaxStoredWarnings} more" : null).OfType<string>().ToList(),
        Error = run.Error is { Length: > MaxStoredError } ? run.Error[..MaxStoredError] : run.Error,
    };
}
