using System.Text.Json;
using HubFeed.Catalog;

namespace HubFeed.Pipeline;

/// <summary>
/// What the run queue carries: a request to run one objective, or (<see cref="Index"/>) to publish the index and the
/// combined feed once the objectives' publishes have settled.
/// </summary>
public sealed record RunRequest(int Objective, string RunId, RunTrigger Trigger, bool Index = false)
{
    public static readonly RunRequest IndexRequest = new(0, "index", RunTrigger.Queue, Index: true);

    public string ToJson() => JsonSerializer.Serialize(this, HubFeedJson.Options);

    /// <summary>The request in a queue message, or null when the message is not one (it then goes to the poison queue).</summary>
    public static RunRequest? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RunRequest>(json, HubFeedJson.Options) is { } r && (r.Index || (r.Objective > 0 && r.RunId.Length > 0)) ? r : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
