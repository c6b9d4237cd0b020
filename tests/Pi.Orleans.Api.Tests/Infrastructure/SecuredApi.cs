namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>An in-process Api that requires an API key to submit, cancel and open the dashboard, shared by a test class.</summary>
public sealed class SecuredApi : IAsyncLifetime
{
    /// <summary>The API key the Api accepts.</summary>
    public const string ApiKey = "auth-test-key";

    /// <summary>The Api; its <see cref="InProcessApi.Http"/> and <see cref="InProcessApi.Client"/> send the key.</summary>
    public InProcessApi Api { get; } = InProcessApi.With(new Dictionary<string, string> { ["Auth:ApiKeys:0"] = ApiKey });

    /// <summary>A client for the Api that sends no key.</summary>
    public HttpClient Anonymous() => Api.CreateClient();

    public ValueTask InitializeAsync()
    {
        Api.Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
