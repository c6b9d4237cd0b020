using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class ContainerPolicyTests(ChartFixture chart)
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EveryContainerRequestsCpuAndMemoryAndLimitsMemoryAndOnlyTheWorkersLimitCpuToTheirRequest(string valuesFile)
    {
        var workers = chart[valuesFile].Silo.Name();
        foreach (var (owner, container, _) in Containers(valuesFile))
        {
            var resources = container.Resources;
            Assert.True(resources?.Requests?.ContainsKey("cpu") == true, $"{owner}/{container.Name} has no CPU request");
            Assert.True(resources.Requests.ContainsKey("memory"), $"{owner}/{container.Name} has no memory request");
            Assert.True(resources.Limits?.ContainsKey("memory") == true, $"{owner}/{container.Name} has no memory limit");
            if (owner == workers)
            {
                // A worker's CPUs are its slots (Pi__Slots=0 = processor count, which follows the limit) and its HPA denominator.
                Assert.True(resources.Limits.ContainsKey("cpu"), $"{owner}/{container.Name} has no CPU limit: it would size itself to the node");
                Assert.Equal(resources.Requests["cpu"].ToDecimal(), resources.Limits["cpu"].ToDecimal());
                Assert.True(resources.Limits["cpu"].ToDecimal() >= 1, "a worker needs at least one whole CPU for one slot");
            }
            else
            {
                Assert.False(resources.Limits.ContainsKey("cpu"), $"{owner}/{container.Name} has a CPU limit (throttling)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EveryContainerRunsAsNonRootOnAReadOnlyRootWithoutPrivilegeEscalationOrCapabilities(string valuesFile)
    {
        foreach (var (owner, container, pod) in Containers(valuesFile))
        {
            var security = container.SecurityContext;
            var what = $"{owner}/{container.Name}";
            Assert.True((security?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) == true, $"{what} may run as root");
            Assert.True(security?.ReadOnlyRootFilesystem == true, $"{what} has a writable root filesystem");
            Assert.True(security.AllowPrivilegeEscalation == false, $"{what} allows privilege escalation");
            Assert.True(security.Capabilities?.Drop?.Contains("ALL") == true, $"{what} does not drop ALL capabilities");
            Assert.True(security.Capabilities.Add is null or { Count: 0 }, $"{what} adds capabilities");
            Assert.NotEqual(true, security.Privileged);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EveryImageHasAPinnedTagThatIsNotLatest(string valuesFile)
    {
        foreach (var (owner, container, _) in Containers(valuesFile))
        {
            var image = container.Image;
            var lastSlash = image.LastIndexOf('/');
            var colon = image.LastIndexOf(':');
            Assert.True(colon > lastSlash, $"{owner}/{container.Name}: {image} has no tag");
            Assert.NotEqual("latest", image[(colon + 1)..]);
            Assert.NotEqual("Always", container.ImagePullPolicy);
        }
    }

    private IEnumerable<(string Owner, V1Container Container, V1PodSpec Pod)> Containers(string valuesFile) =>
        chart[valuesFile].PodTemplates.SelectMany(t =>
            (t.Template.Spec.InitContainers ?? []).Concat(t.Template.Spec.Containers).Select(c => (t.Owner, c, t.Template.Spec)));
}
