namespace HubFeed.Tests.Functions;

/// <summary>How the Functions turn an exception into an answer: pure, no storage.</summary>
public sealed class ProblemTests
{
    [Fact]
    public void A_storage_failure_becomes_a_503_problem_without_its_text_and_anything_else_is_left_to_the_host()
    {
        var storage = new Azure.RequestFailedException(500, "AuthorizationFailure on https://stfeedabc.blob.core.windows.net/feeds?restype=container");
        var problem = HubFeed.Functions.Http.ApiHttp.ProblemFor(storage);
        Assert.Equal(503, problem!.Status);
        Assert.DoesNotContain("stfeedabc", problem.Detail, StringComparison.Ordinal);
        Assert.NotNull(HubFeed.Functions.Http.ApiHttp.ProblemFor(new AggregateException(storage, storage)));
        Assert.NotNull(HubFeed.Functions.Http.ApiHttp.ProblemFor(new InvalidOperationException("wrapped", storage)));
        Assert.Null(HubFeed.Functions.Http.ApiHttp.ProblemFor(new InvalidOperationException("a bug")));
    }
}
