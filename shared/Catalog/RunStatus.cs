namespace HubFeed.Catalog;

/// <summary>
/// Queued: waiting on the run queue. Running. Succeeded: ingested and published. Refused: a guard held the run (nothing
/// written; an operator may accept it). PublishFailed: the catalog took the listing but the feeds could not be
/// published (the next run publishes). Failed: nothing written. Skipped: another run held the source.
/// </summary>
public enum RunStatus { Queued, Running, Succeeded, Refused, PublishFailed, Failed, Skipped }
