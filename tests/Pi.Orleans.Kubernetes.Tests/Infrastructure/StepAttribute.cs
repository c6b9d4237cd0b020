namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>Where a test class runs in its collection (lower first), for classes that share one cluster whose state later classes change.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StepAttribute(int order) : Attribute
{
    /// <summary>The position; classes without the attribute run last.</summary>
    public int Order { get; } = order;
}
