using HubFeed.Catalog;

namespace HubFeed.Pipeline;

/// <summary>
/// How a run of one source ended, one of six: succeeded, held by a guard (with its verdict), refused (the reader could
/// not establish the listing), failed (with a cause), publish failed, skipped (another run held the source). Exceptions
/// become outcomes once, in the runner; the run record stores the status and the cause by name; the queue trigger,
/// health and the CLI read this type.
/// </summary>
public abstract record RunOutcome
{
    private RunOutcome()
    {
    }

    /// <summary>Ingested and, unless only ingesting, published; <see cref="Published"/> when the feeds changed.</summary>
    public sealed record Succeeded(bool Published) : RunOutcome;

    /// <summary>A guard held the change: nothing written or published; an operator may accept it.</summary>
    public sealed record Held(GuardVerdict Verdict, string Detail) : RunOutcome
    {
        public static Held Of(GuardVerdict verdict) => new(verdict, verdict.Reason + " Nothing was written or published. " + verdict.Advice);
    }

    /// <summary>The listing could not be read exactly (its markup, or it was not whole): nothing written.</summary>
    public sealed record Refused(RunCause Why, string Detail) : RunOutcome;

    /// <summary>Something outside the listing failed (the Hub, storage, a cancellation, a bug): nothing written.</summary>
    public sealed record Failed(RunCause Why, string Detail) : RunOutcome;

    /// <summary>The catalog took the listing but the feeds could not be published (the next run publishes them).</summary>
    public sealed record PublishFailed(string Detail) : RunOutcome;

    /// <summary>Another run held the source.</summary>
    public sealed record Skipped(string Detail) : RunOutcome;

    public RunStatus Status => this switch
    {
        Succeeded => RunStatus.Succeeded,
        Held => RunStatus.Refused,
        PublishFailed => RunStatus.PublishFailed,
        Skipped => RunStatus.Skipped,
        _ => RunStatus.Failed,
    };

    public RunCause? Cause => this switch
    {
        Held h => RunCauses.OfGuard(h.Verdict.Guard),
        Refused r => r.Why,
        Failed f => f.Why,
        PublishFailed => RunCause.PublishFailed,
        _ => null,
    };

    /// <summary>Whether trying the same run again can help (the queue trigger then throws, so the host retries).</summary>
    public bool IsRetryable => this is PublishFailed
        or Failed { Why: RunCause.SourceUnavailable or RunCause.StorageUnavailable or RunCause.InternalError };

    /// <summary>Why, in words meant for ops (the run record's error); null for a success.</summary>
    public string? Error => this switch
    {
        Held h => h.Detail,
        Refused r => r.Detail,
        Failed f => f.Detail,
        PublishFailed p => p.Detail,
        Skipped s => s.Detail,
        _ => null,
    };

    /// <summary>Why, in HubFeed's own words, safe to show anyone (no exception text).</summary>
    public string? PublicReason => this switch
    {
        // A guard's reason is HubFeed's own sentence about the listing.
        Held => Error,
        Skipped => "another run of this source was in progress",
        PublishFailed => "the catalog took the listing but the feeds could not be published; the next run publishes them",
        Refused or Failed => Cause switch
        {
            RunCause.MarkupChanged => "the listing page could not be read (its markup may have changed)",
            RunCause.IncompleteListing => "the listing could not be read completely",
            RunCause.SourceUnavailable => "the Hub could not be reached",
            RunCause.StorageUnavailable => "storage could not be reached",
            RunCause.Cancelled => "the run was cancelled",
            _ => "the run failed",
        },
        _ => null,
    };

    /// <summary>The outcome a stored run record ended with; null while it is queued or running.</summary>
    public static RunOutcome? Of(RunRecord run) => run.Status switch
    {
        RunStatus.Succeeded => new Succeeded(run.Version is not null),
        RunStatus.Refused => new Held(new GuardVerdict(run.Cause?.Name() ?? RunCause.Guard.Name(), run.Error ?? ""), run.Error ?? ""),
        RunStatus.PublishFailed => new PublishFailed(run.Error ?? ""),
        RunStatus.Skipped => new Skipped(run.Error ?? ""),
        RunStatus.Failed when run.Cause is RunCause.MarkupChanged or RunCause.IncompleteListing => new Refused(run.Cause.Value, run.Error ?? ""),
        RunStatus.Failed => new Failed(run.Cause ?? RunCause.InternalError, run.Error ?? ""),
        _ => null,
    };
}
