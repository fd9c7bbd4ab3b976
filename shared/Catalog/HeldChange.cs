using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HubFeed.Catalog;

/// <summary>
/// What a held run would have published, had no guard held it: the counts and a few examples of what it would withdraw,
/// change and add. `hubfeed accept` shows it before the operator says yes.
/// </summary>
public sealed record HeldChange(
    int Listed,
    int New,
    int Changed,
    int Withdrawn,
    int Active,
    IReadOnlyList<ItemExample> WithdrawnExamples,
    IReadOnlyList<ItemExample> ChangedExamples,
    IReadOnlyList<ItemExample> NewExamples)
{
    private const int Examples = 3;

    public static HeldChange Of(int listed, IEnumerable<Resource> existing, CatalogChanges changes)
    {
        var before = existing.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        List<ItemExample> Take(Func<Resource, bool> which) =>
            changes.Writes.Where(which).Take(Examples).Select(r => new ItemExample(r.Title, r.Url)).ToList();
        return new HeldChange(listed, changes.New, changes.Changed, changes.Withdrawn, changes.Active,
            Take(r => r.Withdrawn is not null),
            Take(r => r.Withdrawn is null && before.Contains(r.Id)),
            Take(r => !before.Contains(r.Id)));
    }

    /// <summary>
    /// The listing a run read, as one hash: every row's content (in any order), the count it claims and the rows set
    /// aside. An acceptance applies only to a run that reads this same listing again.
    /// </summary>
    public static string Fingerprint(IEnumerable<ListingRow> rows, int total, int quarantined)
    {
        var lines = rows.Select(ResourceCatalog.ContentHashOf).Order(StringComparer.Ordinal)
            .Append(string.Create(CultureInfo.InvariantCulture, $"total={total};quarantined={quarantined}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..32];
    }
}
