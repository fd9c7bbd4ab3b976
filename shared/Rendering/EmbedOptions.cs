
namespace HubFeed.Rendering;

/// <summary>
/// Options a site picks for its widget (the demo's fields, the embed API's parameters). <see cref="Objective"/> is a
/// number or "all" (the combined feed).
/// </summary>
public sealed record EmbedOptions(
    string Objective,
    string? Lang = null,
    int? Limit = null,
    IReadOnlyList<string>? Types = null,
    string? Theme = null,
    int? HeadingLevel = null,
    bool Lazy = false);
