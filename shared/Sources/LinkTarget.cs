
namespace HubFeed.Sources;

/// <summary>What a link in a listing points at.</summary>
public sealed record LinkTarget(Uri? Canonical, string? Language, string? Problem)
{
    public bool IsContent => Canonical is not null && Problem is null;
}
