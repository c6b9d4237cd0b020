namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The Silo of another commit (e.g. main), to measure a change against it in the same run: exported with `git archive` and built
/// once per commit under the temp folder (a commit's build never changes, so later runs reuse it).
/// </summary>
public static class BaselineSilo
{
    /// <summary>The built Silo dll of <paramref name="reference"/> and the commit it names.</summary>
    public static async Task<(string Dll, string Commit)> BuildAsync(BenchRun run, string reference, CancellationToken cancellationToken)
    {
        var root = run.Options.Root;
        var commit = (await Tool.RunAsync("git", ["-C", root, "rev-parse", "--verify", reference + "^{commit}"], cancellationToken)).Trim();
        var folder = Path.Combine(Path.GetTempPath(), "pi-baseline-" + commit[..12]);
        var dll = Path.Combine(folder, "Silo", "bin", run.Options.Configuration, "net10.0", "Pi.Orleans.Silo.dll");
        if (File.Exists(dll))
        {
            return (dll, commit);
        }

        run.Say($"building the baseline Silo of {reference} ({commit[..12]}) in {folder}");
        Directory.CreateDirectory(folder);
        var archive = folder + ".tar";
        await Tool.RunAsync("git", ["-C", root, "archive", "--format=tar", "-o", archive, commit], cancellationToken);
        await Tool.RunAsync("tar", ["-xf", archive, "-C", folder], cancellationToken);
        File.Delete(archive);
        await Tool.RunAsync("dotnet", ["build", "-c", run.Options.Configuration, "-v", "q", "-nologo", Path.Combine(folder, "Silo")], cancellationToken);
        return (dll, commit);
    }
}
