namespace HubFeed;

/// <summary>
/// The six official UN languages, the ones the widget speaks: the one list on the C# side (the widget holds the
/// other, and tests/widget checks the two agree).
/// </summary>
public static class UnLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["ar", "zh", "en", "fr", "ru", "es"];

    public static bool Contains(string code) => Codes.Contains(code, StringComparer.Ordinal);
}
