using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>Orders the test classes of a collection by their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses)
        where TTestClass : notnull, ITestClass =>
        [.. testClasses.OrderBy(Order)];

    private static int Order<TTestClass>(TTestClass? testClass)
        where TTestClass : notnull, ITestClass =>
        testClass is null ? int.MinValue : typeof(StepOrderer).Assembly.GetType(testClass.TestClassName)?.GetCustomAttribute<StepAttribute>()?.Order ?? int.MaxValue;
}
