using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Infrastructure;

/// <summary>The source definitions of seeds/sources.json, for tests that need no storage.</summary>
public static class TestSources
{
    public static SourceRegistry Registry(string objectives = "11", Uri? fetchBase = null) => new(Options.Create(new SourceOptions
    {
        ContactUrl = new Uri("mailto:tests@hubfeed.invalid"),
        Objectives = objectives,
        BaseUrl = fetchBase ?? new Uri("https://migrationnetwork.un.org"),
    }));

    public static SourceDefinition Objective(int n, Uri? fetchBase = null) => Registry(fetchBase: fetchBase).Get(n);

    /// <summary>An objective's feed scope, for the paths BlobLayout gives it.</summary>
    public static FeedScope Scope(int n) => FeedScope.For(Objective(n));
}
