namespace HubFeed.Tests.Infrastructure;

/// <summary>seeds/snapshot/objective-11/expected.json: what the parser must read from the snapshot, row by row.</summary>
public sealed record SnapshotTruth(int Objective, int Term, int Total, int Pages, IReadOnlyList<TruthItem> Items)
{
    /// <summary>The file as JSON's web defaults read it (one options instance: each new one builds its type metadata again).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<SnapshotTruth> Read = new(() =>
        JsonSerializer.Deserialize<SnapshotTruth>(File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "expected.json")), Json)!);

    /// <summary>The truth, read once (it is immutable; the reader, pipeline and variant tests all compare against it).</summary>
    public static SnapshotTruth Load() => Read.Value;
}

public sealed record TruthItem(int Page, int Position, string Url, string Title, string TypeLabel, string Type, string? Date, string? Summary, string? Language);
