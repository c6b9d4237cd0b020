using System.Globalization;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class SiloPodTests(ChartFixture chart)
{
    private const string ServiceIdLabel = "orleans/serviceId";
    private const string ClusterIdLabel = "orleans/clusterId";

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void FrontAndWorkerPodTemplatesCarryIdenticalOrleansLabels(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var api = rendered.Api.Spec.Template.Metadata.Labels;
        var silo = rendered.Silo.Spec.Template.Metadata.Labels;

        Assert.False(string.IsNullOrWhiteSpace(api.ValueOrNull(ServiceIdLabel)));
        Assert.False(string.IsNullOrWhiteSpace(api.ValueOrNull(ClusterIdLabel)));
        Assert.Equal(api[ServiceIdLabel], silo.ValueOrNull(ServiceIdLabel));
        Assert.Equal(api[ClusterIdLabel], silo.ValueOrNull(ClusterIdLabel));
        Assert.DoesNotContain(ServiceIdLabel, rendered.Redis.Spec.Template.Metadata.Labels.Keys);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EverySiloContainerHasTheKubernetesHostingVariables(string valuesFile)
    {
        foreach (var deployment in chart[valuesFile].SiloDeployments)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var container = SingleContainer(deployment);

            Assert.Equal("metadata.name", Env(container, "POD_NAME").ValueFrom?.FieldRef?.FieldPath);
            Assert.Equal("metadata.namespace", Env(container, "POD_NAMESPACE").ValueFrom?.FieldRef?.FieldPath);
            Assert.Equal("status.podIP", Env(container, "POD_IP").ValueFrom?.FieldRef?.FieldPath);
            Assert.Equal(labels[ServiceIdLabel], Env(container, "ORLEANS_SERVICE_ID").Value);
            Assert.Equal(labels[ClusterIdLabel], Env(container, "ORLEANS_CLUSTER_ID").Value);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void RedisModeIsOnWithThePasswordExpandedFromTheSecret(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var redisService = rendered.RedisService;
        var redisSecret = Env(Assert.Single(rendered.Redis.Spec.Template.Spec.Containers), "REDIS_PASSWORD").ValueFrom.SecretKeyRef;
        foreach (var deployment in rendered.SiloDeployments)
        {
            var container = SingleContainer(deployment);
            var names = container.Env.Select(e => e.Name).ToList();
            var password = Env(container, "REDIS_PASSWORD").ValueFrom?.SecretKeyRef;
            var connection = Env(container, "ConnectionStrings__Redis").Value;

            Assert.Equal((redisSecret.Name, redisSecret.Key), (password?.Name, password?.Key));
            Assert.True(names.IndexOf("REDIS_PASSWORD") < names.IndexOf("ConnectionStrings__Redis"), "$(REDIS_PASSWORD) expands only from an earlier variable");
            Assert.StartsWith($"{redisService.Name()}:{redisService.Spec.Ports[0].Port},", connection);
            Assert.Contains("password=$(REDIS_PASSWORD)", connection);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void BothSilosReadTheServiceSettingsFromTheConfigMap(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var configMap = Assert.Single(rendered.OfType<V1ConfigMap>());

        Assert.Equal(["Cluster__FrontRunsChunks", "Pi__ChunkPoints", "Pi__MaxSinglePoints", "Pi__MaxTotalPoints", "Pi__Slots"], configMap.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("false", configMap.Data["Cluster__FrontRunsChunks"]);
        Assert.All(configMap.Data.Values, value => Assert.Matches("^(false|[0-9]+)$", value));
        foreach (var deployment in rendered.SiloDeployments)
        {
            var source = Assert.Single(SingleContainer(deployment).EnvFrom);
            Assert.Equal(configMap.Name(), source.ConfigMapRef.Name);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void ProbesUseTheThreeHealthPathsOnTheHttpPortWhereTheHostListens(string valuesFile)
    {
        foreach (var deployment in chart[valuesFile].SiloDeployments)
        {
            var container = SingleContainer(deployment);
            var http = Assert.Single(container.Ports, p => p.Name == "http");

            Assert.Equal(("/health/startup", "http"), (container.StartupProbe.HttpGet.Path, container.StartupProbe.HttpGet.Port.Value));
            Assert.Equal(("/health/ready", "http"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
            Assert.Equal(("/health/live", "http"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
            Assert.Equal(8080, http.ContainerPort);
            // The host listens where ASP.NET Core's own variable says; an address variable besides it would override it (and log so).
            Assert.Equal(http.ContainerPort.ToString(CultureInfo.InvariantCulture), Env(container, "ASPNETCORE_HTTP_PORTS").Value);
            Assert.DoesNotContain(container.Env, e => e.Name is "ASPNETCORE_URLS" or "DOTNET_URLS" or "URLS" or "Urls" or "ASPNETCORE_HTTPS_PORTS");
            Assert.Equal([("silo", 11111), ("gateway", 30000)], container.Ports.Where(p => p.Name != "http").Select(p => (p.Name, p.ContainerPort)));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void GracePeriodCoversThePreStopSleepAndTheHostShutdownTimeout(string valuesFile)
    {
        foreach (var deployment in chart[valuesFile].SiloDeployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var container = SingleContainer(deployment);
            var shutdown = int.Parse(Env(container, "DOTNET_SHUTDOWNTIMEOUTSECONDS").Value);
            var preStop = container.Lifecycle.PreStop.Exec.Command;

            Assert.Equal("/bin/sleep", preStop[0]);
            Assert.True(pod.TerminationGracePeriodSeconds > shutdown + int.Parse(preStop[1]),
                $"{deployment.Name()}: grace {pod.TerminationGracePeriodSeconds} s must exceed preStop {preStop[1]} s + shutdown {shutdown} s");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EachSiloRoleMountsTheTokenOfItsOwnServiceAccountAndNothingElseMountsOne(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var accounts = rendered.OfType<V1ServiceAccount>().ToList();

        Assert.Equal(["pi-orleans-api", "pi-orleans-silo"], accounts.Select(a => a.Name()).Order(StringComparer.Ordinal));
        Assert.All(accounts, a => Assert.False(a.AutomountServiceAccountToken));
        Assert.All(rendered.SiloDeployments, d => Assert.Equal((d.Name(), true), (d.Spec.Template.Spec.ServiceAccountName, d.Spec.Template.Spec.AutomountServiceAccountToken)));
        Assert.False(rendered.Redis.Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EverySiloPodTemplateCarriesTheOrleansLabelsItsHostingAgentWouldOtherwisePatch(string valuesFile)
    {
        // KubernetesClusterAgent patches its pod only when orleans/serviceId or orleans/clusterId is missing or differs from ClusterOptions.
        foreach (var deployment in chart[valuesFile].SiloDeployments)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            var container = SingleContainer(deployment);

            Assert.Equal(Env(container, "ORLEANS_SERVICE_ID").Value, labels.ValueOrNull("orleans/serviceId"));
            Assert.Equal(Env(container, "ORLEANS_CLUSTER_ID").Value, labels.ValueOrNull("orleans/clusterId"));
            Assert.Equal(Env(container, "Cluster__ServiceId").Value, labels.ValueOrNull("orleans/serviceId"));
            Assert.Equal(Env(container, "Cluster__ClusterId").Value, labels.ValueOrNull("orleans/clusterId"));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void SilosRollOneAtATimeAndMountAWritableTmp(string valuesFile)
    {
        foreach (var deployment in chart[valuesFile].SiloDeployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var tmp = Assert.Single(SingleContainer(deployment).VolumeMounts, m => m.MountPath == "/tmp");

            Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
            Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
            Assert.Equal("1", deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value);
            Assert.True(deployment.Spec.MinReadySeconds > 0);
            Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        }
    }

    private static V1Container SingleContainer(V1Deployment deployment) => Assert.Single(deployment.Spec.Template.Spec.Containers);

    private static V1EnvVar Env(V1Container container, string name) => Assert.Single(container.Env, e => e.Name == name);
}
