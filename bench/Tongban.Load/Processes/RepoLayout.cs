namespace Tongban.Load.Processes;

/// <summary>Where the built gateway and node are, found from this assembly's location in the repository.</summary>
public static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string GatewayDll => Path.Combine(Root, "src", "Gateway", "Tongban.Gateway", "bin", Configuration, "net10.0", "Tongban.Gateway.dll");

    public static string NodeDll => Path.Combine(Root, "src", "Services", "Tongban.Services.Node", "bin", Configuration, "net10.0", "Tongban.Services.Node.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tongban.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Tongban.slnx not found above " + AppContext.BaseDirectory);
    }
}
