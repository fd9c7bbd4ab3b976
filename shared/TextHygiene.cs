using System.Text;

namespace HubFeed;

/// <summary>
/// One rule for every string that enters the catalog or a rendering: no C0/C1 controls but tab and newline, no
/// bidirectional embedding/override/isolate controls, no non-characters (U+FDD0-U+FDEF, U+xFFFE and U+xFFFF in every plane), no lone surrogates, and NFC. What is left is
/// valid in XML 1.0, JSON and HTML, so no renderer can throw on it.
/// </summary>
public static class TextHygiene
{
    /// <summary>The cleaned text, or the same instance when there was nothing to clean (the common case costs one scan).</summary>
    public static string Clean(string text)
    {
        if (IsClean(text))
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                if (!IsNonCharacter(cp))
                {
                    builder.Append(c).Append(text[i + 1]);
                }
                i++;
                continue;
            }
            if (!IsStripped(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>True when <see cref="Clean"/> would remove nothing (normalisation aside).</summary>
    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNonCharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return false;
                }
                i++;
                continue;
            }
            if (IsStripped(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A UTF-16 unit removed on its own: a control (not tab or newline), a bidirectional embedding, override or isolate
    /// (U+202A-U+202E, U+2066-U+2069: they reorder what follows them, a title could hide or reverse text), a BMP
    /// non-character or a lone surrogate.
    /// </summary>
    private static bool IsStripped(char c) =>
        (c < 0x20 && c != '\t' && c != '\n')
        || (c >= 0x7F && c <= 0x9F)
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || char.IsSurrogate(c)
        || IsNonCharacter(c);

    private static bool IsNonCharacter(int cp) => (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}
