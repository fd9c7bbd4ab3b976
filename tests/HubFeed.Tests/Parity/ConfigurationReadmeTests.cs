using System.Reflection;
using System.Text.RegularExpressions;
using HubFeed.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Tests.Parity;

/// <summary>
/// README's configuration table and the options classes agree: every key the table names is one the code binds (an
/// options property, or the timer's %setting%), and every bound option is in the table.
/// </summary>
public sealed class ConfigurationReadmeTests
{
    /// <summary>Every options class: a type named *Options with a Section constant (wherever its folder is).</summary>
    private static IEnumerable<Type> OptionsClasses() =>
        new[] { typeof(SourceOptions).Assembly, typeof(RunFunctions).Assembly }.Distinct().SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section") is { IsLiteral: true });

    private static string SectionOf(Type options) => (string)options.GetField("Section")!.GetValue(null)!;

    /// <summary>The keys a type's properties bind under a prefix; a property of a HubFeed class binds that class's keys.</summary>
    private static IEnumerable<string> Keys(Type type, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType.IsClass && p.PropertyType.Namespace?.StartsWith("HubFeed", StringComparison.Ordinal) == true
                ? Keys(p.PropertyType, $"{prefix}:{p.Name}")
                : [$"{prefix}:{p.Name}"]);

    /// <summary>Every key the code binds: the options' properties, and the timer's schedule setting.</summary>
    private static HashSet<string> KeysTheCodeBinds()
    {
        var keys = OptionsClasses().SelectMany(t => Keys(t, SectionOf(t))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var timer in typeof(RunFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods()).SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).OfType<TimerTriggerAttribute>())
        {
            keys.Add(timer.Schedule.Trim('%'));
        }
        return keys;
    }

    /// <summary>
    /// The keys in the first column of README's configuration table, with ':' for '__'. A cell names a key in full
    /// (`HubFeed__Source__MaxPages`), then siblings by their last part (`MaxResponseBytes`) or children of the first key
    /// (`__connectionString`). A section's own name (`HubFeedStorage`) stands for its value.
    /// </summary>
    public static List<string> ReadmeKeys(string readme)
    {
        var section = Regex.Match(readme, @"^## Configuration\n(.*?)(?=^## )", RegexOptions.Singleline | RegexOptions.Multiline);
        Assert.True(section.Success, "README has a Configuration section");
        var keys = new List<string>();
        foreach (Match row in Regex.Matches(section.Groups[1].Value, @"^\| (`.*?) \| ", RegexOptions.Multiline))
        {
            var tokens = Regex.Matches(row.Groups[1].Value, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList();
            var first = tokens[0];
            var parent = first.Contains("__", StringComparison.Ordinal) ? first[..first.LastIndexOf("__", StringComparison.Ordinal)] : first;
            keys.AddRange(tokens.Select(t => t.StartsWith("HubFeed", StringComparison.Ordinal) ? t : t.StartsWith("__", StringComparison.Ordinal) ? first + t : $"{parent}__{t}")
                .Select(k => k.Replace("__", ":", StringComparison.Ordinal)));
        }
        return keys;
    }

    [Fact]
    public void Every_key_in_the_readme_table_is_bound_and_every_bound_option_is_in_the_table()
    {
        var readme = ReadmeKeys(File.ReadAllText(Repo.Path("README.md")));
        var code = KeysTheCodeBinds();
        var sections = OptionsClasses().Select(SectionOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("HubFeed:Source:MaxResponseBytes", readme); // the controls: siblings and children are read
        Assert.Contains("HubFeedStorage:connectionString", readme);
        Assert.Contains("HubFeed:Source:Selectors:Title", code);

        var unknown = readme.Where(k => !code.Contains(k) && !sections.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "README's configuration table names keys no code binds: " + string.Join(", ", unknown));
        var undocumented = code.Where(k => !readme.Contains(k, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count == 0, "Options README's configuration table does not name: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void The_table_reader_sees_a_renamed_key() =>
        Assert.Equal(["HubFeed:Source:MaxPages", "HubFeed:Source:MaxPagez", "HubFeedStorage", "HubFeedStorage:clientId"],
            ReadmeKeys("## Configuration\n| Key | Default |\n| --- | --- |\n| `HubFeed__Source__MaxPages`, `MaxPagez` | 60 |\n| `HubFeedStorage` (`__clientId`) | x |\n## Next\n"));
}
