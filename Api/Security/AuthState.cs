namespace Pi.Orleans.Api.Security;

/// <summary>Whether API keys are required in this process.</summary>
public sealed record AuthState(bool Enabled);
