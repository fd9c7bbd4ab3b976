
namespace HubFeed.Hosting;

/// <summary>
/// The storage connection, named like a Functions connection. Section "HubFeedStorage": locally its value is a
/// connection string (Azurite); in Azure it has blobServiceUri / tableServiceUri / credential / clientId.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "HubFeedStorage";

    [SafeDefault] public string? ConnectionString { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }
    /// <summary>The run queue (the timer and the run API enqueue one message per objective; the queue trigger reads it).</summary>
    public Uri? QueueServiceUri { get; set; }
    /// <summary>"managedidentity" in Azure.</summary>
    public string? Credential { get; set; }
    /// <summary>The user-assigned identity's client id.</summary>
    public string? ClientId { get; set; }
}
