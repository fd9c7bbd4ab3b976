using HubFeed.Serving;
using HubFeed.Tests.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HubFeed.Tests.Serving;

/// <summary>The API's typed queries, parsed without storage or HTTP: every malformed query is a 4xx problem naming its parameter.</summary>
public sealed class ResourceQueryTests
{
    private static readonly SourceRegistry Registry = new(Options.Create(new SourceOptions
    {
        SourcesFile = Repo.Path("seeds", "sources.json"),
        Objectives = "11",
        ContactUrl = new Uri("mailto:tests@hubfeed.invalid"),
    }));

    public static IEnumerable<(string Objective, string Query, int Status, string? Parameter)> MalformedQueries()
    {
        var badValues = new[] { "", " ", "-1", "0", "101", "1e3", "abc", "%00", "1;2", "<script>", "' OR 1=1 --", "\u202e", new string('9', 400), "NaN", "0x10", "٣", "1.5", "+5" };
        foreach (var v in badValues)
        {
            yield return ("11", "limit=" + Uri.EscapeDataString(v), 400, "limit");
            yield return ("11", "cursor=" + Uri.EscapeDataString(v), 400, "cursor");
            yield return ("11", "lang=" + Uri.EscapeDataString(v), 400, "lang");
            yield return ("11", "type=" + Uri.EscapeDataString(v), 400, "type");
            yield return ("11", "since=" + Uri.EscapeDataString(v), 400, "since");
        }
        foreach (var since in new[] { "yesterday", "2026-13-01", "2026-02-30", "2026-01-29T08:00:00", "2026-01-29T25:00:00Z", "2026-01-29 08:00:00Z", "2026-01-29T08:00:00Z\n", "29/01/2026", "2026-01-29T08:00:00+5" })
        {
            yield return ("11", "since=" + Uri.EscapeDataString(since), 400, "since");
        }
        foreach (var q in new[] { "", "   ", new string('x', 201), "a\u0001b", "\n" })
        {
            yield return ("11", "q=" + Uri.EscapeDataString(q), 400, "q");
        }
        foreach (var p in new[] { "limit=1&limit=2", "lang=en&lang=fr", "type=pledge&type=video" })
        {
            yield return ("11", p, 400, p.Split('=')[0]);
        }
        foreach (var unknown in new[] { "page=2", "objective=11", "LIMIT=5", "callback=x", "%3Cscript%3E=1" })
        {
            yield return ("11", unknown, 400, Uri.UnescapeDataString(unknown.Split('=')[0]));
        }
        foreach (var objective in new[] { "0", "24", "99", "-1", "abc", "11.0", "1e1", " 11", "%", new string('1', 300), "12", "1" })
        {
            yield return (objective, "", 404, null);
        }
        foreach (var cursor in new[] { "b286LTE", "bzot", "eDox", "o:10", "b246OTk5OTk5OTk5OQ" })
        {
            yield return ("11", "cursor=" + cursor, 400, "cursor");
        }
        var random = new Random(11);
        const string alphabet = "abc=&%;:/\\?#[]@!$'()*+,-._~<>\"{}|^` \u00e9\u4e2d\u0000";
        for (var i = 0; i < 200; i++)
        {
            var junk = new string(Enumerable.Range(0, random.Next(1, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            yield return ("11", "limit=" + Uri.EscapeDataString(junk) + "&" + Uri.EscapeDataString(junk) + "=1", 400, null);
        }
    }

    [Fact]
    public async Task Hundreds_of_malformed_queries_get_a_4xx_problem_naming_the_parameter_and_never_a_5xx()
    {
        var enabled = Registry.Enabled;
        var cases = MalformedQueries().ToList();
        Assert.True(cases.Count > 300, $"{cases.Count} cases");
        foreach (var (objective, query, expected, parameter) in cases)
        {
            var request = new DefaultHttpContext().Request;
            request.Path = "/api/objectives/" + objective + "/resources";
            var parsed = ResourceQuery.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Select(v => v ?? "").ToList(), StringComparer.Ordinal));
            // The objective first (404), then the query (400): what ResourceApi answers, without storage.
            var problem = ResourceApi.ScopeOf(objective, enabled) is null ? new ApiAnswer.Problem(404, "Unknown objective", objective) : parsed.Problem;
            Assert.True(problem is not null, $"{objective}?{query}: accepted");
            Assert.True(parsed.Problem is null != parsed.Query is null, "a parse gives the query or the problem, never both");
            var (status, json, response) = await FunctionTests.Render(HubFeed.Functions.Http.ApiHttp.Problem(request, problem!), request);
            Assert.True(status == expected, $"{objective}?{query}: {status}, expected {expected}");
            Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
            Assert.Equal(expected, json.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
            if (parameter is not null)
            {
                Assert.True(json.GetProperty("errors").TryGetProperty(parameter, out _), $"{query}: errors do not name {parameter}: {json}");
            }
        }
    }

    [Fact]
    public void Good_queries_parse_into_their_records()
    {
        var query = ResourceQuery.Parse(new Dictionary<string, IReadOnlyList<string>>
        {
            ["type"] = ["pledge,practice"], ["q"] = [" border "], ["lang"] = ["ar"], ["limit"] = ["5"], ["cursor"] = [ResourceQuery.EncodeCursor(40)],
        }).Query;
        Assert.Equal(("border", "ar", 5, 40), (query!.Q, query.Lang, query.Limit, query.Offset));
        Assert.Equal(["pledge", "practice"], query.Types);
        var none = ResourceQuery.Parse(new Dictionary<string, IReadOnlyList<string>>()).Query!;
        Assert.Equal((0, null, null, ResourceQuery.DefaultLimit, 0), (none.Types.Count, none.Q, none.Lang, none.Limit, none.Offset));

        var embed = EmbedQuery.Parse(new Dictionary<string, IReadOnlyList<string>>
        {
            ["lang"] = ["fr"], ["limit"] = ["7"], ["theme"] = ["dark"], ["heading"] = ["3"], ["loading"] = ["lazy"], ["version"] = ["stable"],
        });
        Assert.Equal(new EmbedQuery("fr", 7, null, "dark", 3, Lazy: true, Pinned: false), embed.Query);
        var bad = EmbedQuery.Parse(new Dictionary<string, IReadOnlyList<string>> { ["theme"] = ["neon"], ["heading"] = ["7"], ["x"] = ["1"] });
        Assert.Null(bad.Query);
        Assert.Equal(["heading", "theme", "x"], bad.Problem!.Errors!.Keys.Order(StringComparer.Ordinal));
    }
}
