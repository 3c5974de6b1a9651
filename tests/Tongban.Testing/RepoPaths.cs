namespace Tongban.Testing;

/// <summary>Where the built gateway and node and the data files are, found from the running binaries' location in the repository.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string GatewayDll => Path.Combine(Root, "src", "Gateway", "Tongban.Gateway", "bin", Configuration, "net10.0", "Tongban.Gateway.dll");

    public static string NodeDll => Path.Combine(Root, "src", "Services", "Tongban.Services.Node", "bin", Configuration, "net10.0", "Tongban.Services.Node.dll");

    /// <summary>A file or folder under data/ (catalogue, calendars, demo county).</summary>
    public static string Data(string name) => Path.Combine(Root, "data", name);

    /// <summary>A folder under .tmp/ (ignored by git) for what a run leaves behind.</summary>
    public static string Scratch(string name) => Path.Combine(Root, ".tmp", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tongban.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Tongban.slnx not found above " + AppContext.BaseDirectory);
    }
}
