using System.ComponentModel.DataAnnotations;

namespace HubFeed.Pipeline;

/// <summary>When health turns red. Section "HubFeed:Health".</summary>
public sealed class HealthOptions
{
    public const string Section = "HubFeed:Health";

    [Range(1, 24 * 30)] public int MaxRunAgeHours { get; set; } = 24;

    /// <summary>How long GET /api/health answers from one report before reading storage again.</summary>
    [SafeDefault, Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);
}
