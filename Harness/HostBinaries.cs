namespace Pi.Orleans.Harness;

/// <summary>The built Api and Silo dlls of the repository, found the way the tests find them: bin/{configuration}/net10.0 under the root.</summary>
public sealed record HostBinaries(string Root, string ApiDll, string SiloDll)
{
    public static HostBinaries Find(string? root, string configuration)
    {
        var found = RepositoryRoot.Find(root);
        return new HostBinaries(found, Dll(found, "Api", "Pi.Orleans.Api", configuration), Dll(found, "Silo", "Pi.Orleans.Silo", configuration));
    }

    private static string Dll(string root, string folder, string assembly, string configuration)
    {
        var path = Path.Combine(root, folder, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(path)
            ? path
            : throw new HarnessException($"{path} is missing. Build the hosts first: dotnet build -c {configuration} {folder}");
    }
}
