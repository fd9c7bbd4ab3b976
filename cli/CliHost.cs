using HubFeed.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HubFeed.Cli;

/// <summary>Builds the same service graph the Function app uses, configured for a developer's machine.</summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly CliSource _source;

    private CliHost(IHost host, CliSource source)
    {
        _host = host;
        _source = source;
    }

    public IServiceProvider Services => _host.Services;

    /// <inheritdoc cref="CliSource.StartAsync"/>
    /// <param name="validate">Start the host, which validates the options (false for commands that touch no storage).</param>
    public static async Task<CliHost> StartAsync(string? source, bool verbose, bool validate = true, CancellationToken cancellationToken = default)
    {
        var cliSource = await CliSource.StartAsync(source, cancellationToken);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            cliSource.Apply(builder.Configuration);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
            builder.Logging.AddFilter("Polly", verbose ? LogLevel.Information : LogLevel.Error);
            builder.Services.AddHubFeed(builder.Configuration);
            var host = builder.Build();
            if (validate)
            {
                await host.StartAsync(cancellationToken); // runs the options validation
            }
            return new CliHost(host, cliSource);
        }
        catch
        {
            await cliSource.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _source.DisposeAsync();
    }
}
