using System.ComponentModel.DataAnnotations;

namespace HubFeed;

/// <summary>An absolute http or https URL with a host (or no value).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is null || (value is Uri { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) && u.Host.Length > 0);

    public override string FormatErrorMessage(string name) => $"{name} must be an absolute http or https URL.";
}
