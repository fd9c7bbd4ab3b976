using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>The 23 objectives' listings, from seeds/sources.json with configuration on top.</summary>
public sealed class SourceRegistry
{
    private readonly Dictionary<int, SourceDefinition> _byObjective;

    public SourceRegistry(IOptions<SourceOptions> options)
    {
        var o = options.Value;
        var path = o.SourcesFile ?? Path.Combine(AppContext.BaseDirectory, "seeds", "sources.json");
        SourcesFile file;
        try
        {
            file = JsonSerializer.Deserialize<SourcesFile>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidOperationException($"{path} is empty.");
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new InvalidOperationException($"Cannot read the source definitions at {path}: {e.Message}", e);
        }

        var selectors = o.Selectors.ApplyTo(file.Defaults.Selectors ?? new ListingSelectors());
        _byObjective = file.Objectives.ToDictionary(x => x.Number, x => new SourceDefinition
        {
            Objective = x.Number,
            Term = x.Term,
            ShortName = x.ShortName,
            Name = x.Name,
            CanonicalBase = file.Defaults.BaseUrl,
            FetchBase = o.BaseUrl,
            ListingPath = file.Defaults.ListingPath,
            Selectors = selectors,
        });

        var unknown = o.ObjectiveNumbers().Where(n => !_byObjective.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(SourceOptions.Section, typeof(SourceOptions),
                [$"Objectives {string.Join(", ", unknown)} are not defined in {path} (1-23 are)."]);
        }
        Enabled = o.ObjectiveNumbers().Select(n => _byObjective[n]).ToList();
    }

    /// <summary>The sources this instance ingests (HubFeed:Source:Objectives).</summary>
    public IReadOnlyList<SourceDefinition> Enabled { get; }

    public IEnumerable<SourceDefinition> All => _byObjective.Values.OrderBy(s => s.Objective);

    public bool TryGet(int objective, out SourceDefinition source) => _byObjective.TryGetValue(objective, out source!);

    public SourceDefinition Get(int objective) =>
        TryGet(objective, out var s) ? s : throw new KeyNotFoundException($"Objective {objective} is not defined.");

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record SourcesFile(SourcesDefaults Defaults, IReadOnlyList<ObjectiveEntry> Objectives);

    private sealed record SourcesDefaults(
        Uri BaseUrl,
        string ListingPath,
        [property: JsonPropertyName("selectors")] ListingSelectors? Selectors);

    private sealed record ObjectiveEntry(int Number, int Term, string ShortName, string Name);
}
