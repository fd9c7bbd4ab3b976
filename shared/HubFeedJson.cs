using System.Text.Json;
using System.Text.Json.Serialization;

namespace HubFeed;

/// <summary>How HubFeed writes its own JSON (run summaries, health, status): camelCase, enums as strings.</summary>
public static class HubFeedJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };
}
