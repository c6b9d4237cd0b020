namespace Pi.Orleans.Client;

/// <summary>One server-sent event: its name (`message` when none was given) and its data lines joined by newlines.</summary>
public sealed record ServerSentEvent(string Name, string Data);
