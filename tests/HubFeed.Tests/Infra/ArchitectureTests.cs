using System.Text.RegularExpressions;

namespace HubFeed.Tests.Infra;

/// <summary>
/// The folders of shared/ show the flow and the arrows only point one way: no two namespaces use each other's types
/// (read from the sources: which namespace declares each type, and which files name it), and Hosting, the composition
/// root, is used by no other folder of shared/.
/// </summary>
public sealed partial class ArchitectureTests
{
    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|readonly|partial)\s+)*(?:class|record struct|record|struct|enum|interface)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    private static readonly Dictionary<string, string> Sources = Directory
        .EnumerateFiles(Path.Combine(Repo.Root, "shared"), "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .ToDictionary(f => f, File.ReadAllText);

    /// <summary>Namespace -> the namespaces whose types its files name (the root namespace HubFeed is everyone's).</summary>
    private static Dictionary<string, HashSet<string>> Dependencies()
    {
        var declaredIn = new Dictionary<string, string>();
        foreach (var text in Sources.Values)
        {
            var ns = NamespaceLine().Match(text).Groups[1].Value;
            foreach (Match m in TypeDeclaration().Matches(text))
            {
                declaredIn[m.Groups[1].Value] = ns;
            }
        }
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (var text in Sources.Values)
        {
            var ns = NamespaceLine().Match(text).Groups[1].Value;
            var code = Comment().Replace(text, "");
            var set = uses.TryGetValue(ns, out var s) ? s : uses[ns] = [];
            foreach (var (type, owner) in declaredIn.Where(d => d.Value != ns && d.Value != "HubFeed"))
            {
                if (Regex.IsMatch(code, $@"\b{type}\b"))
                {
                    set.Add(owner);
                }
            }
        }
        return uses;
    }

    [Fact]
    public void The_scan_sees_the_flow()
    {
        var uses = Dependencies();
        // If the scan found nothing, the next test would pass for nothing.
        Assert.Contains("HubFeed.Sources", uses["HubFeed.Pipeline"]);
        Assert.Contains("HubFeed.Layout", uses["HubFeed.Rendering"]);
        Assert.Contains("HubFeed.Catalog", uses["HubFeed.Publishing"]);
    }

    [Fact]
    public void No_two_namespaces_of_shared_use_each_other()
    {
        var uses = Dependencies();
        var twoWay = uses.SelectMany(a => a.Value.Where(b => string.CompareOrdinal(a.Key, b) < 0
                && uses.TryGetValue(b, out var back) && back.Contains(a.Key)).Select(b => $"{a.Key} <-> {b}"))
            .ToList();
        Assert.True(twoWay.Count == 0, "two-way namespace dependencies: " + string.Join(", ", twoWay));
    }

    [Fact]
    public void Only_the_composition_root_is_Hosting_and_nothing_in_shared_uses_it()
    {
        var users = Dependencies().Where(d => d.Value.Contains("HubFeed.Hosting")).Select(d => d.Key).ToList();
        Assert.True(users.Count == 0, "Hosting is used by: " + string.Join(", ", users));
    }
}
