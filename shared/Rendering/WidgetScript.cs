
namespace HubFeed.Rendering;

/// <summary>The widget script a snippet loads: the immutable copy with its SRI value, or the stable v1 URL without one.</summary>
public sealed record WidgetScript(Uri Url, string? Integrity);
