
namespace HubFeed;

/// <summary>
/// A setting whose default is right in Azure too, so the deployment need not set it (the Bicep/code parity test
/// checks that every other key the code reads is set by infra/, and that infra/ sets nothing the code ignores).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SafeDefaultAttribute : Attribute;
