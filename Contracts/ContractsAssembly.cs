namespace Pi.Orleans.Contracts;

/// <summary>Marks the wire-contract assembly shared by the Api and the Client.</summary>
public static class ContractsAssembly;
