using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using HubFeed.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HubFeed.Tests.Functions;

/// <summary>The Function app's own composition (Program.cs): OpenTelemetry, and the Azure Monitor exporter only with a connection string.</summary>
public sealed class TelemetryCompositionTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://ingest.invalid/";

    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureHubFeedFunctions();
        return builder.Build().Services;
    }

    [Fact]
    public void With_a_connection_string_the_worker_exports_to_Azure_Monitor_with_the_managed_identity()
    {
        var services = Build(new()
        {
            [FunctionsComposition.ConnectionStringSetting] = ConnectionString,
            [FunctionsComposition.AuthenticationSetting] = "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD",
        });
        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<RunTelemetry>());
        var exporter = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_exported()
    {
        var services = Build([]);
        Assert.NotNull(services.GetService<TracerProvider>());
        var exporter = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Null(exporter.ConnectionString);
        Assert.Null(exporter.Credential);
    }

    [Theory]
    [InlineData("ClientId=abc;Authorization=AAD", "abc")]
    [InlineData("Authorization=AAD; ClientId=abc", "abc")]
    [InlineData("ClientId=abc", null)]
    [InlineData("Authorization=AAD", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_authentication_string_names_the_identity(string? value, string? clientId) =>
        Assert.Equal(clientId, FunctionsComposition.ManagedIdentityClientId(value));
}
