namespace Pi.Orleans.Harness;

/// <summary>The repository root: the folder holding Pi.Orleans.sln, given or found above the current folder or the tool.</summary>
public static class RepositoryRoot
{
    public static string Find(string? given)
    {
        var root = given ?? Above(Directory.GetCurrentDirectory()) ?? Above(AppContext.BaseDirectory)
            ?? throw new HarnessException("Pi.Orleans.sln was not found above the current folder; run from the repository or pass --repo.");
        return File.Exists(Path.Combine(root, "Pi.Orleans.sln"))
            ? Path.GetFullPath(root)
            : throw new HarnessException($"{root} holds no Pi.Orleans.sln; --repo must be the repository root.");
    }

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pi.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
