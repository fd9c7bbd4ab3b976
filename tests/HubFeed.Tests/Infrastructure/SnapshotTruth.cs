namespace HubFeed.Tests.Infrastructure;

/// <summary>seeds/snapshot/objective-11/expected.json: what the parser must read from the snapshot, row by row.</summary>
public sealed record SnapshotTruth(int Objective, int Term, int Total, int Pages, IReadOnlyList<TruthItem> Items)
{
    public static SnapshotTruth Load() =>
        JsonSerializer.Deserialize<SnapshotTruth>(File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", "expected.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}

public sealed record TruthItem(int Page, int Position, string Url, string Title, string TypeLabel, string Type, string? Date, string? Summary, string? Language);
