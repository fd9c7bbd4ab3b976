namespace HubFeed.Pipeline;

/// <summary>
/// The headline: held (a guard holds a change: an operator decides), failing (the last run ended without publishing),
/// unhealthy (no recent success, feeds behind the catalog, or poisoned run requests), or healthy.
/// </summary>
public enum HealthStatus { Healthy, Unhealthy, Failing, Held }
