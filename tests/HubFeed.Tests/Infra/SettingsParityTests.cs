using System.Diagnostics;
using System.Reflection;
using HubFeed.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Tests.Infra;

/// <summary>No drift between the configuration the code reads and the app settings infra/main.bicep sets.</summary>
public sealed class SettingsParityTests
{
    /// <summary>Read by the Functions host and the Application Insights SDK, not by HubFeed's code.</summary>
    private static bool IsPlatformSetting(string key) =>
        key.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal) || key.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal);

    /// <summary>Every key the code reads: the options classes' properties under their sections, and the timer's %setting%.</summary>
    private static IEnumerable<(string Key, bool SafeDefault)> KeysTheCodeReads()
    {
        foreach (var type in typeof(SourceOptions).Assembly.GetTypes().Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section") is not null))
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                yield return ($"{section}:{p.Name}", p.GetCustomAttribute<SafeDefaultAttribute>() is not null);
            }
        }
        foreach (var m in typeof(RunFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods()))
        {
            foreach (var timer in m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).OfType<TimerTriggerAttribute>())
            {
                yield return (timer.Schedule.Trim('%'), false);
            }
        }
    }

    /// <summary>The lines a tests/infra script prints about the compiled template (it fails the test when the script does).</summary>
    private static List<string> InfraScript(string script)
    {
        var info = new ProcessStartInfo("node", [Repo.Path("tests", "infra", script)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEnd();
        var errors = node.StandardError.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static List<string> AppSettingsBicepSets() =>
        InfraScript("app-settings.mjs").Select(k => k.Replace("__", ":", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Every_setting_bicep_sets_is_read_by_the_code_and_every_key_without_a_safe_default_is_set()
    {
        var bicep = AppSettingsBicepSets();
        var code = KeysTheCodeReads().ToList();
        Assert.Contains("HubFeedSchedule", code.Select(c => c.Key));
        Assert.Contains("HubFeed:Source:ContactUrl", bicep);

        var unread = bicep.Where(k => !IsPlatformSetting(k) && !code.Any(c => string.Equals(c.Key, k, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(unread.Count == 0, "Bicep sets settings no code reads: " + string.Join(", ", unread));

        var unset = code.Where(c => !c.SafeDefault && !bicep.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(c => c.Key).ToList();
        Assert.True(unset.Count == 0, "The code reads settings Bicep does not set (set them in infra/, or mark them [SafeDefault]): " + string.Join(", ", unset));
    }

    [Fact]
    public void The_paths_the_app_and_the_deploy_may_write_are_the_ones_the_rbac_conditions_allow()
    {
        var lines = InfraScript("blob-write-paths.mjs").Select(l => l.Split(' ', 2)).ToList();
        Assert.Equal(HubFeed.Layout.BlobLayout.AppWritable.Order(StringComparer.Ordinal), lines.Where(l => l[0] == "app").Select(l => l[1]).Order(StringComparer.Ordinal));
        Assert.Equal(HubFeed.Layout.BlobLayout.DeployWritable.Order(StringComparer.Ordinal), lines.Where(l => l[0] == "deploy").Select(l => l[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_urls_the_deploy_outputs_are_the_paths_the_blob_layout_owns()
    {
        var urls = InfraScript("published-urls.mjs").Select(l => l.Split(' ', 2)).ToDictionary(l => l[0], l => l[1]);
        Assert.Equal(HubFeed.Layout.BlobLayout.JsonFeed(TestSources.Scope(11)), urls["feedUrl"]);
        Assert.Equal(HubFeed.Layout.BlobLayout.IndexJson, urls["objectivesIndexUrl"]);
    }

    [Fact]
    public void The_built_function_app_lists_its_functions_in_functions_metadata()
    {
        var metadata = Path.Combine(Path.GetDirectoryName(typeof(RunFunctions).Assembly.Location)!, "functions.metadata");
        Assert.True(File.Exists(metadata), metadata);
        using var doc = JsonDocument.Parse(File.ReadAllText(metadata));
        var names = doc.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Accept", "Embed", "GetRun", "Health", "OEmbed", "Resources", "RunNow", "RunObjective", "RunObjectiveNow", "RunOnSchedule"], names.Order());
        var timer = doc.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "RunOnSchedule")
            .GetProperty("bindings")[0];
        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal("%HubFeedSchedule%", timer.GetProperty("schedule").GetString());
        var queue = doc.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "RunObjective").GetProperty("bindings")[0];
        Assert.Equal(("queueTrigger", HubFeed.Pipeline.RunQueue.Name, "HubFeedStorage"),
            (queue.GetProperty("type").GetString(), queue.GetProperty("queueName").GetString(), queue.GetProperty("connection").GetString()));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(metadata)!, "host.json")));
    }
}
