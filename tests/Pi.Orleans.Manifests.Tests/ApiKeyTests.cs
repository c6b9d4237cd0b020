using System.Text;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// The Api's keys (Auth__ApiKeys__0, __1, ...): required by the Api in Redis mode, read from a Secret by the Api container only.
/// </summary>
public sealed class ApiKeyTests(ChartFixture chart)
{
    private const string KeyPrefix = "Auth__ApiKeys__";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ValuesFiles.Default)]
    [InlineData(ValuesFiles.K3s)]
    [InlineData(ValuesFiles.K3sMultinode)]
    public void OnK3sTheApiReadsARandomKeyGeneratedIntoTheChartsSecretThroughASecretKeyRef(string valuesFile)
    {
        var rendered = chart[valuesFile];

        var key = Assert.Single(ApiKeyEnv(rendered.Api));
        Assert.Equal(KeyPrefix + "0", key.Name);
        Assert.Null(key.Value);
        var secret = Assert.Single(rendered.OfType<V1Secret>(), s => s.Name() == key.ValueFrom?.SecretKeyRef?.Name);
        Assert.Equal(("pi-orleans-api-keys", "api"), (secret.Name(), secret.Metadata.Labels.ValueOrNull(RenderedChart.ComponentLabel)));
        Assert.Matches("^[A-Za-z0-9]{40}$", Encoding.UTF8.GetString(secret.Data[key.ValueFrom.SecretKeyRef.Key]));
        Assert.NotEqual(true, key.ValueFrom.SecretKeyRef.Optional);
    }

    [Fact]
    public void InProductionTheApiReadsItsKeyFromAnExistingSecretAndTheChartRendersNone()
    {
        var rendered = chart[ValuesFiles.Production];

        var key = Assert.Single(ApiKeyEnv(rendered.Api));
        Assert.Equal((KeyPrefix + "0", "pi-orleans-api-auth", "api-key-0"), (key.Name, key.ValueFrom?.SecretKeyRef?.Name, key.ValueFrom?.SecretKeyRef?.Key));
        Assert.Empty(rendered.OfType<V1Secret>());
        Assert.Null(rendered.Api.Spec.Template.Metadata.Annotations.ValueOrNull("checksum/api-keys"));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void OnlyTheApiContainerReadsTheApiKeySecretAndNoOtherContainerGetsAKey(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var secretName = Assert.Single(ApiKeyEnv(rendered.Api)).ValueFrom.SecretKeyRef.Name;

        foreach (var (owner, template) in rendered.PodTemplates.Where(t => t.Owner != rendered.Api.Name()))
        {
            foreach (var container in template.Spec.Containers)
            {
                var what = $"{owner}/{container.Name}";
                Assert.DoesNotContain(container.Env ?? [], e => e.Name.StartsWith("Auth__", StringComparison.Ordinal));
                Assert.True((container.Env ?? []).All(e => e.ValueFrom?.SecretKeyRef?.Name != secretName), $"{what} reads the API-key Secret");
                Assert.True((container.EnvFrom ?? []).All(e => e.SecretRef?.Name != secretName), $"{what} imports the API-key Secret");
            }

            Assert.True((template.Spec.Volumes ?? []).All(v => v.Secret?.SecretName != secretName), $"{owner} mounts the API-key Secret");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void NoKeyIsALiteralInAConfigMapOrAnEnvValue(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var keys = rendered.OfType<V1Secret>().Where(s => s.Metadata.Labels.ValueOrNull(RenderedChart.ComponentLabel) == "api")
            .SelectMany(s => s.Data.Values).Select(v => Encoding.UTF8.GetString(v)).ToList();

        foreach (var configMap in rendered.OfType<V1ConfigMap>())
        {
            Assert.DoesNotContain(configMap.Data.Keys, k => k.StartsWith("Auth__", StringComparison.Ordinal));
            Assert.All(configMap.Data.Values, value => Assert.DoesNotContain(keys, value.Contains));
        }

        foreach (var (owner, template) in rendered.PodTemplates)
        {
            foreach (var env in template.Spec.Containers.SelectMany(c => c.Env ?? []))
            {
                Assert.False(env.Value is not null && keys.Any(env.Value.Contains), $"{owner}: {env.Name} holds an API key as a literal");
                Assert.False(env.Name.StartsWith("Auth__", StringComparison.Ordinal) && env.Value is not null, $"{owner}: {env.Name} is a literal, not a secretKeyRef");
            }
        }
    }

    [Fact]
    public async Task EachInstallGeneratesItsOwnKeyAndPasswordAndNeitherAppearsInClearText()
    {
        var yaml = await Task.WhenAll(Helm.TemplateAsync(null, Token), Helm.TemplateAsync(null, Token));
        var secrets = yaml.Select(y => RenderedChart.Load(y).OfType<V1Secret>().ToDictionary(s => s.Name(), s => Encoding.UTF8.GetString(s.Data.Values.Single()))).ToList();

        Assert.Equal(["pi-orleans-api-keys", "pi-orleans-redis"], secrets[0].Keys.Order(StringComparer.Ordinal));
        Assert.All(secrets[0], s => Assert.NotEqual(s.Value, secrets[1][s.Key]));
        Assert.All(secrets[0].Values, value => Assert.DoesNotContain(value, yaml[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeveralKeysBecomeOneVariableEachForRotation()
    {
        var rendered = await RenderAsync(["--set", "auth.apiKeys={new-key,old-key}"]);
        var secret = Assert.Single(rendered.OfType<V1Secret>(), s => s.Name() == "pi-orleans-api-keys");

        var keys = ApiKeyEnv(rendered.Api);
        Assert.Equal([(KeyPrefix + "0", "api-key-0"), (KeyPrefix + "1", "api-key-1")], keys.Select(e => (e.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.All(keys, e => Assert.Equal(secret.Name(), e.ValueFrom.SecretKeyRef.Name));
        Assert.Equal(["new-key", "old-key"], secret.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => Encoding.UTF8.GetString(d.Value)));
    }

    [Fact]
    public async Task AnExistingSecretReplacesTheChartsAndItsNamedKeysAreRead()
    {
        var rendered = await RenderAsync(["--set", "auth.existingSecret=my-keys", "--set", "auth.existingSecretKeys={primary,secondary}"]);

        Assert.DoesNotContain(rendered.OfType<V1Secret>(), s => s.Metadata.Labels.ValueOrNull(RenderedChart.ComponentLabel) == "api");
        Assert.Equal([(KeyPrefix + "0", "my-keys", "primary"), (KeyPrefix + "1", "my-keys", "secondary")],
            ApiKeyEnv(rendered.Api).Select(e => (e.Name, e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)));
    }

    [Fact]
    public async Task ChangingTheChartsKeyRollsTheApiButNotTheWorkers()
    {
        var before = chart[ValuesFiles.Default];
        var after = await RenderAsync(["--set", "auth.apiKeys={another-key}"]);

        var checksum = before.Api.Spec.Template.Metadata.Annotations.ValueOrNull("checksum/api-keys");
        Assert.False(string.IsNullOrEmpty(checksum));
        Assert.NotEqual(checksum, after.Api.Spec.Template.Metadata.Annotations.ValueOrNull("checksum/api-keys"));
        Assert.Equal(before.Silo.Spec.Template.Metadata.Annotations, after.Silo.Spec.Template.Metadata.Annotations);
    }

    [Theory]
    [InlineData("auth.apiKeys[0]=", "auth.apiKeys[0] is empty")]
    [InlineData("auth.existingSecret=my-keys,auth.existingSecretKeys=null", "auth.existingSecretKeys must name at least one data key")]
    public async Task NoKeyFailsTheRenderBecauseTheApiWouldNotStart(string set, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Helm.TemplateAsync(null, ["--set", set], Token));

        Assert.Contains(message, error.Message);
    }

    private static List<V1EnvVar> ApiKeyEnv(V1Deployment deployment) =>
        [.. Assert.Single(deployment.Spec.Template.Spec.Containers).Env.Where(e => e.Name.StartsWith(KeyPrefix, StringComparison.Ordinal))];

    private static async Task<RenderedChart> RenderAsync(IEnumerable<string> arguments) =>
        RenderedChart.Load(await Helm.TemplateAsync(null, arguments, Token));
}
