using System.Reflection;
using System.Text.Json.Serialization;

namespace HubFeed.Catalog;

/// <summary>A cause's stored name, and back: the names are the members' JSON names, so API, table and logs agree.</summary>
public static class RunCauses
{
    private static readonly Dictionary<RunCause, string> Names = Enum.GetValues<RunCause>().ToDictionary(c => c,
        c => typeof(RunCause).GetField(c.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    private static readonly Dictionary<string, RunCause> ByName = Names.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static string Name(this RunCause cause) => Names[cause];

    /// <summary>The cause stored under this name; null for none or a name this build does not know.</summary>
    public static RunCause? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var c) ? c : null;

    /// <summary>The cause for a guard's verdict: its own member, or <see cref="RunCause.Guard"/>.</summary>
    public static RunCause OfGuard(string guard) => Parse(guard) is { } c && c <= RunCause.Guard ? c : RunCause.Guard;
}
