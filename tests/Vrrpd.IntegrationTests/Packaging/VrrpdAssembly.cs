using System.Reflection;
using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// The daemon's own assembly (src/Vrrpd's vrrpd.dll, built in this test run's configuration by the project
/// reference), loaded at run time. This test project references vrrpd only to have it built
/// (ReferenceOutputAssembly=false), so types that live in the executable, such as the systemd notifier, are
/// reached here by name.
/// </summary>
internal static class VrrpdAssembly
{
    private static readonly Lazy<Assembly> Loaded = new(Load);

    public static Type Type(string fullName) =>
        Loaded.Value.GetType(fullName, throwOnError: true)!;

    /// <summary>Calls a public static method by name.</summary>
    public static object? CallStatic(string typeName, string method, params object?[] arguments) =>
        Type(typeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    private static Assembly Load()
    {
        // AppContext.BaseDirectory is tests/Vrrpd.IntegrationTests/bin/<Configuration>/<TargetFramework>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var path = Path.Combine(VrrpdBinary.RepositoryRoot(), "src", "Vrrpd", "bin", configuration, VrrpdBinary.TargetFramework, "vrrpd.dll");
        return File.Exists(path)
            ? Assembly.LoadFrom(path)
            : throw new FileNotFoundException($"vrrpd is not built in {configuration}: {path} is missing");
    }
}
