namespace HubFeed;

/// <summary>The kinds of Hub content HubFeed knows; unknown labels are kept as their label.</summary>
public static class ResourceTypes
{
    public static readonly IReadOnlyDictionary<string, string> ByLabel = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Resource"] = "resource",
        ["Practice Repository"] = "practice",
        ["Practice"] = "practice",
        ["Pledge"] = "pledge",
        ["Video"] = "video",
        ["Event"] = "event",
        ["News"] = "news",
        ["Statement"] = "statement",
    };

    /// <summary>Maps a label to its code; returns false (and the label itself) when unknown.</summary>
    public static bool TryMap(string label, out string type)
    {
        if (ByLabel.TryGetValue(label, out var known))
        {
            type = known;
            return true;
        }
        type = label;
        return false;
    }
}
