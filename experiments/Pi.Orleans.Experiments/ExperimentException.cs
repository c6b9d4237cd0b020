namespace Pi.Orleans.Experiments;

/// <summary>An experiment cannot run or went wrong in a way the user can act on; the message says what and how.</summary>
public sealed class ExperimentException(string message) : Exception(message);
