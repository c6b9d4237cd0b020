namespace Pi.Orleans.Core;

/// <summary>Marks the Orleans-free core assembly (sampling, precision, planning, scheduling, estimates).</summary>
public static class CoreAssembly;
