using System.Globalization;

namespace HubFeed.Serving;

/// <summary>
/// Reads a query string's parameters once each, collecting every problem by parameter name: unknown parameters,
/// repeated ones, numbers out of range. The typed queries (<see cref="ResourceQuery"/>, <see cref="EmbedQuery"/>) use it.
/// </summary>
public sealed class QueryReader
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _query;

    public QueryReader(IReadOnlyDictionary<string, IReadOnlyList<string>> query, IReadOnlySet<string> known)
    {
        _query = query;
        foreach (var key in query.Keys.Where(k => !known.Contains(k)))
        {
            Errors[Truncate(key)] = [$"Unknown parameter '{Truncate(key)}'; known: {string.Join(", ", known)}."];
        }
    }

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public void Fail(string name, string message) => Errors[name] = [message];

    /// <summary>The parameter's one value; null when absent, or given more than once (an error).</summary>
    public string? Once(string name)
    {
        if (!_query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count != 1)
        {
            Fail(name, $"{name} is given {values.Count} times; give it once.");
            return null;
        }
        return values[0];
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null (absent, or an error).</summary>
    public int? Number(string name, int min, int max)
    {
        var text = Once(name);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        Fail(name, $"{name} is a whole number from {min} to {max}.");
        return null;
    }

    /// <summary>A comma-separated list of known types, or null (absent, or an error).</summary>
    public IReadOnlyList<string>? Types(string name)
    {
        var types = Once(name)?.Split(',', StringSplitOptions.TrimEntries);
        var known = ResourceTypes.ByLabel.Values.Distinct().ToList();
        if (types is not null && types.Any(t => !known.Contains(t, StringComparer.Ordinal)))
        {
            Fail(name, $"{name} takes a comma-separated list of {string.Join(", ", known)}.");
            return null;
        }
        return types;
    }

    /// <summary>A UN language code, or null (absent, or an error).</summary>
    public string? Language(string name)
    {
        var lang = Once(name);
        if (lang is not null && !UnLanguages.Contains(lang))
        {
            Fail(name, $"{name} is one of {string.Join(", ", UnLanguages.Codes)}.");
            return null;
        }
        return lang;
    }

    /// <summary>The query, or the 400 problem naming every parameter at fault.</summary>
    public QueryParse<T> Result<T>(Func<T> query) where T : class =>
        Errors.Count > 0
            ? new QueryParse<T>(null, new ApiAnswer.Problem(400, "Invalid query parameters", string.Join(" ", Errors.Values.SelectMany(v => v)), Errors))
            : new QueryParse<T>(query(), null);

    public static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
