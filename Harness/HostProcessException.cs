namespace Pi.Orleans.Harness;

/// <summary>A process of the local cluster could not start, exited, or did not get ready; the message holds its last output.</summary>
public sealed class HostProcessException(string message, Exception? inner = null) : Exception(message, inner);
