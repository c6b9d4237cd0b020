using System.Globalization;
using k8s.Models;

namespace Pi.Orleans.Images.Tests.Infrastructure;

/// <summary>
/// The `docker run` flags that give a container what its pod template asks the kubelet for: user and groups, read-only root,
/// capabilities, no new privileges, CPU and memory, emptyDir and claimed volumes, command and args. Anything in the template this
/// cannot map throws, so a chart change that would make the run differ from the pod fails the test instead of passing unnoticed.
/// </summary>
public static class DockerRunArguments
{
    /// <summary>The flags between `docker run` and the image, and the image's arguments after it.</summary>
    public static (IReadOnlyList<string> Flags, IReadOnlyList<string> Arguments) For(V1PodSpec pod, V1Container container)
    {
        var flags = new List<string>();
        Security(pod.SecurityContext, container.SecurityContext, flags);
        Resources(container.Resources, flags);
        Volumes(pod, container, flags);

        var arguments = new List<string>();
        if (container.Command is { Count: > 0 } command)
        {
            flags.AddRange(["--entrypoint", command[0]]);
            arguments.AddRange(command.Skip(1));
        }

        arguments.AddRange(container.Args ?? []);
        return (flags, arguments);
    }

    private static void Security(V1PodSecurityContext? pod, V1SecurityContext? container, List<string> flags)
    {
        var user = container?.RunAsUser ?? pod?.RunAsUser;
        var group = container?.RunAsGroup ?? pod?.RunAsGroup;
        if ((container?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true && user is null or 0)
        {
            throw new NotSupportedException("runAsNonRoot without a non-zero runAsUser: the kubelet would check the image's user");
        }

        if (user is not null)
        {
            flags.AddRange(["--user", group is null ? $"{user}" : $"{user}:{group}"]);
        }

        // fsGroup: the pod's volumes belong to this group and the processes carry it as a supplementary group.
        if (pod?.FsGroup is { } fsGroup)
        {
            flags.AddRange(["--group-add", fsGroup.ToString(CultureInfo.InvariantCulture)]);
        }

        // RuntimeDefault is the runtime's default seccomp profile, which docker applies unless told otherwise.
        var seccomp = container?.SeccompProfile?.Type ?? pod?.SeccompProfile?.Type;
        if (seccomp is not (null or "RuntimeDefault"))
        {
            throw new NotSupportedException($"seccompProfile {seccomp}");
        }

        if (container?.ReadOnlyRootFilesystem == true)
        {
            flags.Add("--read-only");
        }

        if (container?.AllowPrivilegeEscalation == false)
        {
            flags.AddRange(["--security-opt", "no-new-privileges"]);
        }

        foreach (var drop in container?.Capabilities?.Drop ?? [])
        {
            flags.AddRange(["--cap-drop", drop]);
        }

        foreach (var add in container?.Capabilities?.Add ?? [])
        {
            flags.AddRange(["--cap-add", add]);
        }

        if (container?.Privileged == true)
        {
            throw new NotSupportedException("privileged containers");
        }
    }

    private static void Resources(V1ResourceRequirements? resources, List<string> flags)
    {
        if (resources?.Limits?.TryGetValue("memory", out var memory) == true)
        {
            flags.AddRange(["--memory", memory.ToInt64().ToString(CultureInfo.InvariantCulture)]);
        }

        if (resources?.Limits?.TryGetValue("cpu", out var cpu) == true)
        {
            flags.AddRange(["--cpus", cpu.ToDecimal().ToString(CultureInfo.InvariantCulture)]);
        }

        // The kubelet turns a CPU request into cgroup shares the same way: 1024 per core.
        if (resources?.Requests?.TryGetValue("cpu", out var request) == true)
        {
            var shares = Math.Max(2, (long)(request.ToDecimal() * 1024));
            flags.AddRange(["--cpu-shares", shares.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    private static void Volumes(V1PodSpec pod, V1Container container, List<string> flags)
    {
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = pod.Volumes?.SingleOrDefault(v => v.Name == mount.Name);
            if (volume?.EmptyDir is { } emptyDir)
            {
                // An emptyDir is a fresh empty directory; a tmpfs here whatever its medium, so its size limit is enforced. Docker gives
                // it the owner and mode of the image's directory (the images' /tmp is 1777), where the kubelet gives it to the fsGroup.
                var size = emptyDir.SizeLimit is { } limit ? $",size={limit.ToInt64()}" : "";
                flags.AddRange(["--tmpfs", $"{mount.MountPath}:rw,nosuid,nodev{size}"]);
            }
            else if (volume is null && pod.SecurityContext?.FsGroup is { } fsGroup)
            {
                // A volumeClaimTemplate (Redis's data): fresh for each run, owned by the pod's user and fsGroup, so that it can write
                // there as it can on the volume the kubelet prepares (docker's tmpfs mode option does not survive its copy-up).
                var user = container.SecurityContext?.RunAsUser ?? pod.SecurityContext?.RunAsUser ?? 0;
                flags.AddRange(["--tmpfs", $"{mount.MountPath}:rw,nosuid,nodev,uid={user},gid={fsGroup}"]);
            }
            else
            {
                throw new NotSupportedException($"volume {mount.Name} at {mount.MountPath}: only emptyDir and claim templates are mapped");
            }
        }
    }
}
