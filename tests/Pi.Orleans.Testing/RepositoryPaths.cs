using System.Reflection;

namespace Pi.Orleans.Testing;

/// <summary>Where the repository and the built hosts are.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds Pi.Orleans.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with.</summary>
    public static string Configuration { get; } = Assembly.GetEntryAssembly()?
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";

    /// <summary>The built dll of a host project, e.g. ("Api", "Pi.Orleans.Api").</summary>
    public static string HostDll(string folder, string assembly)
    {
        var path = Path.Combine(Root, folder, "bin", Configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the solution first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pi.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pi.Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
