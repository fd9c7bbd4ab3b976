using System.Text.RegularExpressions;

namespace HubFeed.Serving;

/// <summary>What a request log may say about a URL: never a function key (?code=...).</summary>
public static partial class RequestLog
{
    public const string Redacted = "[redacted]";

    /// <summary>The path and query with the value of every <c>code</c> parameter replaced.</summary>
    public static string Redact(string pathAndQuery) => CodeParameter().Replace(pathAndQuery, "${1}code=" + Redacted);

    [GeneratedRegex(@"([?&;])code=[^&#;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeParameter();
}
