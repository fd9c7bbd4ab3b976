using System.Globalization;
using System.Text;

namespace HubFeed.Serving;

/// <summary>GET /api/objectives/{objective}/resources?type=&amp;q=&amp;lang=&amp;limit=&amp;cursor=&amp;since= as a typed query.</summary>
public sealed partial record ResourceQuery(IReadOnlyList<string> Types, string? Q, string? Lang, int Limit, int Offset)
{
    /// <summary>Only items changed at or after this time (to the second).</summary>
    public DateTimeOffset? Since { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public static readonly IReadOnlySet<string> Parameters = new HashSet<string>(StringComparer.Ordinal) { "type", "q", "lang", "limit", "cursor", "since" };

    /// <summary>The query, or a 400 problem naming each parameter at fault. Pure.</summary>
    public static QueryParse<ResourceQuery> Parse(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        var read = new QueryReader(query, Parameters);
        var types = read.Types("type") ?? [];
        var q = read.Once("q");
        if (q is not null && (q.Length > 200 || q.Any(char.IsControl) || q.Trim().Length == 0))
        {
            read.Fail("q", "q is 1 to 200 printable characters.");
        }
        var lang = read.Language("lang");
        var limit = read.Number("limit", 1, MaxLimit) ?? DefaultLimit;
        var offset = 0;
        if (read.Once("cursor") is { } cursor && !TryDecodeCursor(cursor, out offset))
        {
            read.Fail("cursor", "cursor is not one this API gave out; start again without it.");
        }
        var since = SinceOf(read);
        return read.Result(() => new ResourceQuery(types, q?.Trim(), lang, limit, offset) { Since = since });
    }

    /// <summary>
    /// since=: an ISO 8601 date (midnight UTC) or date-time with Z or an offset. The feeds give times to the second, so it
    /// is taken down to its second: an item changed in that second is included.
    /// </summary>
    private static DateTimeOffset? SinceOf(QueryReader read)
    {
        var text = read.Once("since");
        if (text is null)
        {
            return null;
        }
        if (IsoDateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
        read.Fail("since", "since is an ISO 8601 date (2026-01-29) or date-time with Z or an offset (2026-01-29T08:00:00Z).");
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?\z")]
    private static partial System.Text.RegularExpressions.Regex IsoDateTime();

    public static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        if (cursor.Length is 0 or > 32)
        {
            return false;
        }
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset < 1_000_000;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
