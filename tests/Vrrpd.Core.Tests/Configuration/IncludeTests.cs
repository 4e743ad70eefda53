using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>include with globs, resolved against the including file's directory. Each test owns a temp dir.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vrrpd-include-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string InstanceFile(string name, int vrid) =>
        $"vrrp_instance {name} {{\n interface eth0\n virtual_router_id {vrid}\n virtual_ipaddress {{\n  192.0.2.{vrid}\n }}\n}}\n";

    [Fact]
    public void Glob_IncludesEveryMatchInSortedOrder()
    {
        Write("conf.d/20-b.conf", InstanceFile("VI_B", 20));
        Write("conf.d/10-a.conf", InstanceFile("VI_A", 10));
        Write("conf.d/notes.txt", "not config");
        string main = Write("keepalived.conf", "include conf.d/*.conf\n");

        ConfigurationLoadResult result = ConfigurationLoader.Load(main);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(["VI_A", "VI_B"], result.Configuration!.Instances.Select(i => i.Name));
    }

    [Fact]
    public void NestedInclude_IsRelativeToTheIncludingFile()
    {
        Write("sub/inner/vi.conf", InstanceFile("VI_1", 1));
        Write("sub/outer.conf", "include inner/vi.conf\n");
        string main = Write("main.conf", "include sub/outer.conf\n");

        Assert.Equal("VI_1", Assert.Single(ConfigurationLoader.Load(main).Configuration!.Instances).Name);
    }

    [Fact]
    public void BracesAndQuestionMarks_AreGlobbed()
    {
        Write("a1.conf", InstanceFile("VI_1", 1));
        Write("b2.conf", InstanceFile("VI_2", 2));
        Write("c3.conf", InstanceFile("VI_3", 3));
        string main = Write("main.conf", "include {a,b}?.conf\n");

        Assert.Equal(["VI_1", "VI_2"], ConfigurationLoader.Load(main).Configuration!.Instances.Select(i => i.Name));
    }

    // Found by the coverage-guided config fuzzer (tests/fuzz/regressions/config/, docs/fuzzing.md): a '[' at the
    // end of a segment threw ArgumentOutOfRangeException out of the loader.
    [Theory]
    [InlineData("include conf.d/x[\n")]
    [InlineData("include conf.d/[\n")]
    [InlineData("include x[/*.conf\n")]
    public void BracketWithNoRoomForASet_IsLiteral_AndMatchesNothing(string text)
    {
        Write("conf.d/10-a.conf", InstanceFile("VI_A", 10));
        string main = Write("keepalived.conf", text);

        ConfigurationLoadResult result = ConfigurationLoader.Load(main);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Configuration!.Instances);
    }

    [Fact]
    public void BracketNamedLiterally_MatchesTheFileOfThatName()
    {
        Write("conf.d/x[", InstanceFile("VI_X", 11));
        string main = Write("keepalived.conf", "include conf.d/x[\n");

        Assert.Equal("VI_X", Assert.Single(ConfigurationLoader.Load(main).Configuration!.Instances).Name);
    }

    [Fact]
    public void ReversedRangeInASet_MatchesNothing_AsGlob3Does()
    {
        Write("conf.d/a.conf", InstanceFile("VI_A", 10));
        Write("conf.d/z.conf", InstanceFile("VI_Z", 26));
        string main = Write("keepalived.conf", "include conf.d/[z-a].conf\ninclude conf.d/[a-c].conf\n");

        ConfigurationLoadResult result = ConfigurationLoader.Load(main);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(["VI_A"], result.Configuration!.Instances.Select(i => i.Name));
    }

    [Fact]
    public void IncludeInsideABlock_AddsItsLinesThere()
    {
        Write("vips.conf", "192.0.2.7\n192.0.2.8\n");
        string main = Write("main.conf", "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  include vips.conf\n }\n}\n");

        Assert.Equal(2, Assert.Single(ConfigurationLoader.Load(main).Configuration!.Instances).VirtualAddresses.Count);
    }

    [Fact]
    public void PlainIncludeWithoutMatch_IsSilent()
    {
        string main = Write("main.conf", "include /nonexistent/vrrpd/*.conf\ninclude missing.conf\n");

        ConfigurationLoadResult result = ConfigurationLoader.Load(main);

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Configuration);
    }

    [Fact]
    public void IncluderWithoutMatch_IsAnErrorAtThePattern()
    {
        string main = Write("main.conf", "includer  missing.conf\n");

        Diagnostic error = Assert.Single(ConfigurationLoader.Load(main).Diagnostics);

        Assert.Equal($"{main}:1:11: error: 'includer missing.conf' matches no file", error.ToString());
    }

    [Fact]
    public void IncludewWithoutMatch_IsAWarning() =>
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(ConfigurationLoader.Load(Write("main.conf", "includew missing.conf\n")).Diagnostics).Severity);

    [Fact]
    public void ErrorsInAnIncludedFile_NameThatFile()
    {
        string inner = Write("inner.conf", "global_defs {\n  vrrp_version 7\n}\n");
        string main = Write("main.conf", "include inner.conf\n");

        Diagnostic error = Assert.Single(ConfigurationLoader.Load(main).Diagnostics);

        Assert.Equal($"{inner}:2:16: error: 'vrrp_version' expects 2 or 3, got '7'", error.ToString());
    }

    [Fact]
    public void IncludeCycle_IsAnError()
    {
        Write("a.conf", "include b.conf\n");
        Write("b.conf", "include a.conf\n");
        string main = Write("main.conf", "include a.conf\n");

        Assert.Contains(ConfigurationLoader.Load(main).Errors, e => e.Message.Contains("include cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_ResolvesIncludesAgainstTheGivenFileName()
    {
        Write("vi.conf", InstanceFile("VI_1", 1));

        ConfigurationLoadResult result = ConfigurationLoader.LoadText("include vi.conf\n", Path.Combine(_root, "virtual.conf"));

        Assert.Equal("VI_1", Assert.Single(result.Configuration!.Instances).Name);
    }

    [Fact]
    public void MissingMainFile_IsAnErrorNotAnException()
    {
        ConfigurationLoadResult result = ConfigurationLoader.Load(Path.Combine(_root, "absent.conf"));

        Assert.True(result.HasErrors);
        Assert.Contains("cannot read", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
