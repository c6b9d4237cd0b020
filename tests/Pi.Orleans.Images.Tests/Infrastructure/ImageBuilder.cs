using System.Diagnostics;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// Makes the base images available (manifests/images/build-stand-ins.sh: the real ones when they can be pulled, stand-ins otherwise),
/// then builds Api/Dockerfile and Silo/Dockerfile as they are, tagged with the chart's image names.
/// </summary>
public static class ImageBuilder
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Extra CA certificates handed to the builds (the Dockerfiles' EXTRA_CA_CERTS build arg): the PEM file named by
    /// PI_EXTRA_CA_CERTS, or else every certificate the host added to its trust store under /usr/local/share/ca-certificates (where a
    /// TLS-intercepting proxy's CA goes). Empty when there is none, and then the build arg is not passed at all.
    /// </summary>
    public static string ExtraCaCertificates()
    {
        if (Environment.GetEnvironmentVariable("PI_EXTRA_CA_CERTS") is { Length: > 0 } file)
        {
            return File.ReadAllText(file);
        }

        const string Local = "/usr/local/share/ca-certificates";
        return Directory.Exists(Local)
            ? string.Join('\n', Directory.GetFiles(Local, "*.crt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText))
            : "";
    }

    /// <summary>Runs the stand-in script; its lines say, per base image, whether the real image or a stand-in is used.</summary>
    public static async Task<IReadOnlyList<string>> BaseImagesAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.Root, "manifests", "images", "build-stand-ins.sh");
        var output = await DockerCli.MustAsync("bash", [script], cancellationToken, BuildTimeout);
        // Only its verdicts: docker's own notices (the classic builder's deprecation) go to the same output.
        return [.. output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains(": real", StringComparison.Ordinal) || l.Contains(": stand-in", StringComparison.Ordinal))];
    }

    /// <summary>`docker build -f dockerfile -t tag .` from the repository root; returns how long it took.</summary>
    public static async Task<TimeSpan> BuildAsync(string dockerfile, string tag, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        List<string> arguments = ["build", "-f", dockerfile, "-t", tag];
        if (ExtraCaCertificates() is { Length: > 0 } pem)
        {
            arguments.AddRange(["--build-arg", "EXTRA_CA_CERTS=" + pem]);
        }

        arguments.Add(".");
        await DockerCli.MustAsync("docker", arguments, cancellationToken, BuildTimeout, await BuilderEnvironmentAsync(cancellationToken), RepositoryPaths.Root);
        return clock.Elapsed;
    }

    // A docker client newer than 23 uses BuildKit through the buildx plugin, and fails when the plugin is missing (Debian's docker.io
    // has none): then the classic builder is asked for, which the Dockerfiles support as well.
    private static async Task<IReadOnlyDictionary<string, string>> BuilderEnvironmentAsync(CancellationToken cancellationToken) =>
        (await DockerCli.TryAsync("docker", ["buildx", "version"], cancellationToken)).Code == 0
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" };
}
