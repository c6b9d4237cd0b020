namespace Pi.Orleans.Harness;

/// <summary>The harness cannot do what was asked, in a way the user can act on (no repository, hosts not built, a cluster already up); the message says what to do.</summary>
public sealed class HarnessException(string message) : Exception(message);
