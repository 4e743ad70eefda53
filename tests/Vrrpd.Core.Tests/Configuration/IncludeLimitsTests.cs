using System.Diagnostics;
using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>Only regular files are read, each at most 1 MiB, 8 MiB and 1024 files per load; each refusal is a
/// diagnostic at the include that named the file, and none of them blocks or throws.</summary>
public sealed class IncludeLimitsTests : IDisposable
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private readonly string _root = Directory.CreateTempSubdirectory("vrrpd-limits-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A file of comment lines of exactly <paramref name="bytes"/> bytes.</summary>
    private string WriteComments(string relative, int bytes)
    {
        var text = new char[bytes];
        Array.Fill(text, '#');
        for (int i = 79; i < bytes; i += 80)
        {
            text[i] = '\n';
        }

        return Write(relative, new string(text));
    }

    /// <summary>Loads on another thread, so a load that blocks fails the test instead of hanging it.</summary>
    private static ConfigurationLoadResult LoadPromptly(string path)
    {
        var load = Task.Run(() => ConfigurationLoader.Load(path));
        Assert.True(load.Wait(Prompt), $"loading {path} did not finish within {Prompt.TotalSeconds} s");
        return load.Result;
    }

    [Fact]
    public void IncludeOfDevZero_IsAnErrorAtTheInclude_NotAnOutOfMemory()
    {
        string main = Write("main.conf", "include /dev/zero\n");

        ConfigurationLoadResult result = LoadPromptly(main);

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal($"{main}:1:9: error: '/dev/zero' is a character device, not a regular file; only regular files are read as configuration", error.ToString());
    }

    [Fact]
    public void DevZeroAsTheConfigurationFile_IsAnErrorNamingIt()
    {
        ConfigurationLoadResult result = LoadPromptly("/dev/zero");

        Assert.True(result.HasErrors);
        Assert.Contains("'/dev/zero' is a character device", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncludeOfAFifo_IsAnError_AndDoesNotWaitForAWriter()
    {
        string fifo = Path.Combine(_root, "pipe.conf");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        string main = Write("main.conf", "vrrp_instance VI_1 {\n  include pipe.conf\n}\n");

        ConfigurationLoadResult result = LoadPromptly(main);

        Assert.Contains(result.Errors, e => e.ToString() == $"{main}:2:11: error: '{fifo}' is a FIFO, not a regular file; only regular files are read as configuration");
    }

    [Fact]
    public void IncludeOfADirectory_IsAnError()
    {
        Directory.CreateDirectory(Path.Combine(_root, "conf.d"));
        string main = Write("main.conf", "include conf.d\n");

        Diagnostic error = Assert.Single(LoadPromptly(main).Diagnostics);

        Assert.Equal($"{main}:1:9: error: '{Path.Combine(_root, "conf.d")}' is a directory, not a regular file; only regular files are read as configuration", error.ToString());
    }

    [Fact]
    public void FileOfExactlyOneMebibyte_IsRead()
    {
        WriteComments("big.conf", ConfigurationLimits.MaxFileBytes);
        string main = Write("main.conf", "include big.conf\n");

        Assert.Empty(LoadPromptly(main).Diagnostics);
    }

    [Fact]
    public void FileLargerThanOneMebibyte_IsAnErrorAtTheInclude()
    {
        string big = WriteComments("big.conf", ConfigurationLimits.MaxFileBytes + 1);
        string main = Write("main.conf", "include big.conf\n");

        Diagnostic error = Assert.Single(LoadPromptly(main).Diagnostics);

        Assert.Equal($"{main}:1:9: error: '{big}' is larger than 1 MiB, the most a configuration file may have; not read", error.ToString());
    }

    [Fact]
    public void FilesTogetherLargerThanEightMebibytes_StopAtTheIncludeThatPassesTheLimit()
    {
        for (int i = 1; i <= 9; i++)
        {
            WriteComments($"part{i}.conf", ConfigurationLimits.MaxFileBytes - 100);
        }

        string main = Write("main.conf", "include part*.conf\n");

        ConfigurationLoadResult result = LoadPromptly(main);

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal($"{main}:1:9: error: '{Path.Combine(_root, "part9.conf")}' would take the configuration past 8 MiB, the most all files of one load may have together; not read", error.ToString());
    }

    [Fact]
    public void MoreThanTheFileLimit_IsAnError()
    {
        Write("empty.conf", "");
        string main = Write("main.conf", string.Concat(Enumerable.Repeat("include empty.conf\n", ConfigurationLimits.MaxFiles)));

        ConfigurationLoadResult result = LoadPromptly(main);

        // The main file is one of the 1024: the last include line is the one refused.
        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal($"{main}:{ConfigurationLimits.MaxFiles}:9: error: more than {ConfigurationLimits.MaxFiles} configuration files in one load; '{Path.Combine(_root, "empty.conf")}' not read", error.ToString());
    }

    [Fact]
    public void ParameterRepeatedPastSixteenMebiCharacters_IsAnError_AndTheRestIsNotRead()
    {
        // A multi-line parameter of 60 lines of 1000 characters (a line may not grow past keepalived's 1023),
        // named on 400 short lines: 24 M characters from a 61 KB file.
        string value = string.Concat(Enumerable.Repeat(new string('x', 1000) + " \\\n", 59)) + new string('x', 1000) + "\n";
        string main = Write("main.conf", "$LONG=\\\n" + value + string.Concat(Enumerable.Repeat("$LONG\n", 400)));

        ConfigurationLoadResult result = LoadPromptly(main);

        Diagnostic error = Assert.Single(result.Errors, e => e.Message.Contains("parameter substitution", StringComparison.Ordinal));
        Assert.Equal("parameter substitution makes the configuration longer than 16 Mi characters; the rest is not read", error.Message);
        // 279 uses make 16 740 000 characters; the 280th passes 16 Mi. The uses start on line 62.
        Assert.Equal(62 + 279, error.Location.Line);
    }

    [Fact]
    public void MissingFile_SaysWhyInWords()
    {
        string absent = Path.Combine(_root, "absent.conf");

        Diagnostic error = Assert.Single(LoadPromptly(absent).Diagnostics);

        Assert.Equal($"{absent}:1:1: error: cannot read '{absent}': No such file or directory", error.ToString());
    }
}
