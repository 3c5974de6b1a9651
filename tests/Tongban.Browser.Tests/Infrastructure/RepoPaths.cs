namespace Tongban.Browser.Tests.Infrastructure;

/// <summary>The repository root (for docs/screenshots), found from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Screenshots => Path.Combine(Root, "docs", "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tongban.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Tongban.slnx not found above " + AppContext.BaseDirectory);
    }
}
