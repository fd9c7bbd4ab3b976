using System.Diagnostics;
using HubFeed.Seeds;
using HubFeed.Tests.Sources;

namespace HubFeed.Tests.Cli;

/// <summary>
/// The CLI's commands that need no storage, as ops use them (a process): doctor and snapshot; and the request log's
/// redaction. `serve` against storage is <see cref="CliTests"/> (Azurite).
/// </summary>
public sealed class CliCommandTests
{
    /// <summary>The CLI's entry assembly, copied next to the tests.</summary>
    internal static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "hubfeed.dll");

    internal static async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Cli);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["HubFeed__Source__DelayBetweenRequests"] = "00:00:00";
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Doctor_reads_a_snapshot_page_and_reports_the_count_line_rows_fields_and_structure()
    {
        var (exit, output, error) = await RunAsync(null, "doctor", Repo.Path("seeds", "snapshot", "objective-11", "page-2.html"));
        Assert.True(exit == 0, output + error);
        Assert.Contains("Results line: 21 - 30 of 213 (10 rows on this page)", output, StringComparison.Ordinal);
        Assert.Contains("Rows: 10 read, 0 set aside", output, StringComparison.Ordinal);
        Assert.Matches(@"title\s+100%", output);
        Assert.Matches(@"type\s+100%", output);
        Assert.Contains("Structure:", output, StringComparison.Ordinal);
        Assert.Contains("rows     //div[contains(concat(' ', normalize-space(@class), ' '), ' views-row ')]", output, StringComparison.Ordinal);
        Assert.Contains("Configured selectors: agree with the structure.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_on_changed_markup_names_the_selectors_that_disagree_and_json_says_the_same()
    {
        var file = Path.Combine(Path.GetTempPath(), "hubfeed-doctor-" + Guid.NewGuid().ToString("N")[..8] + ".html");
        var variant = MarkupVariants.All.Single(v => v.Name == "renamed field classes");
        await File.WriteAllTextAsync(file, variant.OfSnapshot[0]);
        try
        {
            var (exit, output, _) = await RunAsync(null, "doctor", file);
            Assert.Equal(0, exit);
            Assert.Contains("The configured row selector", output, StringComparison.Ordinal);
            Assert.Contains("read with the structure //div[contains(concat(' ', normalize-space(@class), ' '), ' view__content ')]/div", output, StringComparison.Ordinal);

            var (jsonExit, json, _) = await RunAsync(null, "doctor", file, "--json");
            Assert.Equal(0, jsonExit);
            var report = JsonDocument.Parse(json).RootElement;
            Assert.True(report.GetProperty("listingFound").GetBoolean());
            Assert.Equal(213, report.GetProperty("results").GetProperty("total").GetInt32());
            var date = report.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "date");
            Assert.Equal(3, date.GetProperty("samples").GetArrayLength());
            Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("row selector", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Doctor_exits_1_when_the_page_holds_no_listing()
    {
        var file = Path.Combine(Path.GetTempPath(), "hubfeed-doctor-" + Guid.NewGuid().ToString("N")[..8] + ".html");
        await File.WriteAllTextAsync(file, "<html><body><h1>Maintenance</h1><p>Back soon.</p><a href=\"/\">Home</a></body></html>");
        try
        {
            var (exit, output, _) = await RunAsync(null, "doctor", file);
            Assert.Equal(1, exit);
            Assert.Contains("NO LISTING FOUND", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Snapshot_saves_a_listing_politely_in_the_seeds_layout_with_its_truth_file()
    {
        await using var server = await SnapshotServer.StartAsync();
        var outDir = Path.Combine(Path.GetTempPath(), "hubfeed-snapshot-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exit, output, error) = await RunAsync(null, "snapshot", "--objective", "11", "--out", outDir, "--source", server.BaseUrl.AbsoluteUri);
            Assert.True(exit == 0, output + error);
            Assert.Contains("22 pages, 213 items read, 0 set aside (the listing says 213)", output, StringComparison.Ordinal);
            for (var page = 0; page < 22; page++)
            {
                Assert.Equal(File.ReadAllText(Repo.Path("seeds", "snapshot", "objective-11", $"page-{page}.html")), File.ReadAllText(Path.Combine(outDir, "objective-11", $"page-{page}.html")));
            }
            var written = JsonSerializer.Deserialize<SnapshotTruth>(File.ReadAllText(Path.Combine(outDir, "objective-11", "expected.json")), SnapshotTruth.Json)!;
            var truth = SnapshotTruth.Load();
            Assert.Equal((truth.Objective, truth.Term, truth.Total, truth.Pages), (written.Objective, written.Term, written.Total, written.Pages));
            Assert.Equal(truth.Items, written.Items);
            Assert.Equal(22, server.Requests);
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("/api/runs/x?code=abc", "/api/runs/x?code=[redacted]")]
    [InlineData("/api/runs/x?a=1&CODE=abc&b=2", "/api/runs/x?a=1&code=[redacted]&b=2")]
    [InlineData("/api/objectives/11/run?code=a%26b&code=c", "/api/objectives/11/run?code=[redacted]&code=[redacted]")]
    [InlineData("/api/objectives/11/resources?zipcode=123", "/api/objectives/11/resources?zipcode=123")]
    public void A_request_log_redacts_every_code_parameter(string url, string logged) =>
        Assert.Equal(logged, HubFeed.Serving.RequestLog.Redact(url));
}
