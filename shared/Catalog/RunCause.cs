using System.Text.Json.Serialization;

namespace HubFeed.Catalog;

/// <summary>
/// Why a run did not succeed, stored in the run record by name (the name each member carries, e.g. "count-drop"): the
/// guard that held it, what the reader could not establish, or the failure. A new guard adds a member named like it.
/// </summary>
public enum RunCause
{
    [JsonStringEnumMemberName("count-drop")] CountDrop,
    [JsonStringEnumMemberName("count-growth")] CountGrowth,
    [JsonStringEnumMemberName("coverage")] Coverage,
    [JsonStringEnumMemberName("quarantine")] Quarantine,
    [JsonStringEnumMemberName("field-change")] FieldChange,
    /// <summary>A guard this build has no member for (its name stays in the verdict).</summary>
    [JsonStringEnumMemberName("guard")] Guard,
    [JsonStringEnumMemberName("markup-changed")] MarkupChanged,
    [JsonStringEnumMemberName("incomplete-listing")] IncompleteListing,
    [JsonStringEnumMemberName("source-unavailable")] SourceUnavailable,
    [JsonStringEnumMemberName("storage-unavailable")] StorageUnavailable,
    [JsonStringEnumMemberName("publish-failed")] PublishFailed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("internal-error")] InternalError,
}
