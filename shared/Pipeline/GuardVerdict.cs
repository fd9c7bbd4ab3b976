namespace HubFeed.Pipeline;

/// <summary>
/// Why a guard held a run: its name (count-drop, count-growth, coverage, field-change, quarantine), a sentence for ops
/// saying what was observed and what could not be established, and whether accepting it can be right:
/// <paramref name="Acceptable"/> only for a change the Hub itself shows (its own count, values it now shows);
/// never for what the reader could not read (rows set aside, a field gone, a size without a count line).
/// </summary>
public sealed record GuardVerdict(string Guard, string Reason, bool Acceptable = true)
{
    /// <summary>What an operator should do: accept only a change the Hub really shows, otherwise find out why with doctor.</summary>
    public string Advice => Acceptable
        ? "If the Hub's own page shows this, `hubfeed accept` applies exactly this change on the next run; if not, check with `hubfeed doctor`."
        : "Do not accept this: it is not a change the Hub shows but something the reader could not establish. Check with `hubfeed doctor`.";
}
