using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>
/// The parts of keepalived.conf(5) "ADVANCED CONFIGURATION" beyond plain <c>$NAME</c>: built-in parameters,
/// ~SEQ / ~LST blocks, multi-line values that hold definitions and <c>@ID</c> lines, lines that substitution
/// turns into conditional lines, and self-reference (docs/design/keepalived-compatibility.md §10). Expected
/// lines are the ones the manual's own examples give.
/// </summary>
public sealed class KeepalivedPreprocessorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vrrpd-pre-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The lines the lexer would read, without blank ones and leading blanks.</summary>
    private static List<string> Expand(string text, out DiagnosticBag diagnostics, string configId = "node1")
    {
        diagnostics = new DiagnosticBag();
        var preprocessor = new Preprocessor(diagnostics, configId);
        preprocessor.AddText(text, "/etc/keepalived/keepalived.conf");
        return preprocessor.Lines.Select(l => l.Text.Trim()).Where(l => l.Length > 0).ToList();
    }

    private static List<string> Expand(string text, string configId = "node1")
    {
        List<string> lines = Expand(text, out DiagnosticBag diagnostics, configId);
        Assert.Empty(diagnostics.Items);
        return lines;
    }

    [Fact]
    public void Pwd_IsTheDirectoryOfTheFileBeingRead_AlsoInAnIncludedFile()
    {
        Directory.CreateDirectory(Path.Combine(_root, "conf.d"));
        File.WriteAllText(Path.Combine(_root, "conf.d", "vi.conf"), ConfigAssert.Instance("notify_master \"${_PWD}/master.sh\"\nnotify_backup ${_PWD}/backup.sh"));
        string main = Path.Combine(_root, "keepalived.conf");
        File.WriteAllText(main, "include conf.d/*.conf\n");

        VrrpInstanceConfig instance = Assert.Single(ConfigurationLoader.Load(main, new ConfigurationLoadOptions { ConfigId = "a" }).Configuration!.Instances);

        Assert.Equal(Path.Combine(_root, "conf.d", "master.sh"), instance.Notify.Master!.Argv[0]);
        Assert.Equal(Path.Combine(_root, "conf.d", "backup.sh"), instance.Notify.Backup!.Argv[0]);
    }

    [Fact]
    public void Instance_IsTheConfigId() =>
        Assert.Equal(["router_id lb-node7"], Expand("router_id lb-${_INSTANCE}", "node7"));

    [Fact]
    public void Random_StaysWithinItsBounds_AndIsDrawnAtEveryUse()
    {
        List<string> lines = Expand(string.Concat(Enumerable.Repeat("x ${_RANDOM 5 7}\n", 200)));

        var values = lines.Select(l => int.Parse(l[2..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(values, v => Assert.InRange(v, 5, 7));
        Assert.True(values.Distinct().Count() > 1, "200 draws from 5..7 all gave the same value");
    }

    [Fact]
    public void Random_WithAWordForAnArgument_IsAnError()
    {
        Expand("x ${_RANDOM a}", out DiagnosticBag diagnostics);

        Diagnostic error = Assert.Single(diagnostics.Items);
        Assert.Equal("/etc/keepalived/keepalived.conf:1:3: error: ${_RANDOM} takes numbers only: 'a'", error.ToString());
    }

    [Fact]
    public void HashAndBang_AreCharacters_InsideQuotes()
    {
        VrrpInstanceConfig instance = ConfigAssert.LoadInstance("notify_master \"/bin/echo ${_HASH}1 ${_BANG}\"");

        Assert.Equal(["/bin/echo", "#1", "!"], instance.Notify.Master!.Argv);
    }

    [Fact]
    public void Env_IsTheEnvironmentVariable_OrEmpty()
    {
        Environment.SetEnvironmentVariable("VRRPD_PREPROCESSOR_TEST", "eth7");

        Assert.Equal(["interface eth7", "x ."], Expand("interface ${_ENV VRRPD_PREPROCESSOR_TEST}\nx ${_ENV VRRPD_PREPROCESSOR_UNSET}."));
    }

    [Fact]
    public void Seq_RepeatsTheRestOfTheLine() =>
        Assert.Equal(
            ["ip_address 10.0.0.1", "ip_address 10.0.1.1", "ip_address 10.0.2.1", "ip_address 10.0.3.1"],
            Expand("~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1"));

    [Fact]
    public void SeqX_WritesHexadecimal() =>
        Assert.Equal(
            ["ip_address fe80::20:90:1", "ip_address fe80::20:a0:1", "ip_address fe80::20:b0:1", "ip_address fe80::20:c0:1"],
            Expand("~SEQx(SUBNET, 0x90, 0x10, 0xc0) ip_address fe80::20:${SUBNET}:1"));

    [Theory]
    [InlineData("~SEQ(N, 3) ${N}", "1 2 3")]
    [InlineData("~SEQ(N, -2) ${N}", "-1 -2")]
    [InlineData("~SEQ(N, 3, 1) ${N}", "3 2 1")]
    [InlineData("~SEQ(N, 1, 2, 6) ${N}", "1 3 5")]
    public void Seq_OmittedStartAndStep_FollowTheManual(string line, string expected) =>
        Assert.Equal(expected.Split(' '), Expand(line));

    [Fact]
    public void Seq_NumbersMayBeParameters() =>
        Assert.Equal(["1", "2"], Expand("$LAST=2\n~SEQ(N, 1, $LAST) ${N}"));

    [Fact]
    public void Seq_StepAwayFromTheEnd_IsAnError()
    {
        Expand("~SEQ(N, 1, -1, 5) x", out DiagnosticBag diagnostics);

        Assert.Contains("never reaches its end", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lst_WithSeveralVariables_AndANestedSeq_IsTheManualsExample() =>
        Assert.Equal(
            [
                "192.168.10.1", "192.170.10.1", "192.172.10.1", "192.168.20.4", "192.170.20.4", "192.172.20.4",
                "192.168.5.6", "192.170.5.6", "192.172.5.6", "192.168.12.8", "192.170.12.8", "192.172.12.8",
            ],
            Expand("~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) ~SEQ(IP2,168,2,172) 192.${IP2}.${IP}.${IP1}"));

    [Fact]
    public void Lst_InsideLst_NestsInOrder() =>
        Assert.Equal(["1.5", "1.6", "2.5", "2.6"], Expand("~LST(A, 1, 2) ~LST(B, 5, 6) ${A}.${B}"));

    [Fact]
    public void Lst_WithMoreValuesThanVariables_IsAnError()
    {
        Expand("~LST({A}, {1, 2}) x", out DiagnosticBag diagnostics);

        Assert.Contains("invalid ~LST block", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seq_InsideAnAddressBlock_GivesOneAddressPerValue()
    {
        VrrpdConfiguration configuration = ConfigAssert.LoadValid("""
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress {
                    ~SEQ(N, 10, 12) 192.0.2.${N}/24
                }
            }
            """);

        Assert.Equal(["192.0.2.10/24", "192.0.2.11/24", "192.0.2.12/24"], configuration.Instances[0].VirtualAddresses.Select(a => $"{a.Address}/{a.PrefixLength}"));
    }

    /// <summary>keepalived.conf(5)'s multi-line example: a whole instance per value of $NUM, with conditional
    /// priority lines inside the value.</summary>
    [Theory]
    [InlineData("high", 130)]
    [InlineData("low", 120)]
    public void MultiLineInstance_WithConditionalLinesInside_IsReadPerUse(string configId, int priority)
    {
        const string text = """
            $INSTANCE= \
            vrrp_instance VI_${NUM} { \
                interface eth0.${NUM} \
                virtual_router_id 1${NUM} \
                @high priority 130 \
                @low priority 120 \
                advert_int 1 \
                virtual_ipaddress { \
                    10.0.${NUM}.254/24 \
                } \
            }

            $NUM=0
            $INSTANCE

            $NUM=1
            $INSTANCE
            """;

        VrrpdConfiguration configuration = ConfigAssert.LoadValid(text, new ConfigurationLoadOptions { ConfigId = configId });

        Assert.Equal(["VI_0", "VI_1"], configuration.Instances.Select(i => i.Name));
        Assert.Equal(["eth0.0", "eth0.1"], configuration.Instances.Select(i => i.Interface));
        Assert.All(configuration.Instances, i => Assert.Equal(priority, i.Priority));
        Assert.Equal("10.0.1.254", configuration.Instances[1].VirtualAddresses[0].Address.ToString());
    }

    [Fact]
    public void DefinitionsInsideAMultiLineValue_TakeEffectWhereTheValueIsUsed()
    {
        const string text = """
            $RS= \
            real ${VS_NUM}.${RS_NUM}

            $VS= \
            virtual ${VS_NUM} { \
                $RS_NUM=1 \
                $RS \
                $RS_NUM=2 \
                $RS \
            }

            $VS_NUM=0
            $VS
            """;

        Assert.Equal(["virtual 0 {", "real 0.1", "real 0.2", "}"], Expand(text));
    }

    [Fact]
    public void ParameterThatExpandsToAConditional_IsAConditionalLine()
    {
        const string text = "$IF_MAIN=@main\n$IF_MAIN priority 240\n";

        Assert.Equal(["priority 240"], Expand(text, "main"));
        Assert.Empty(Expand(text, "backup"));
    }

    [Fact]
    public void ParameterThatExpandsToADefinition_Defines() =>
        Assert.Equal(["x 7"], Expand("$D=$Y=7\n$D\nx $Y"));

    [Fact]
    public void ParameterFollowedByCommaOrParenthesis_IsSubstituted() =>
        Assert.Equal(["f(5, 5)"], Expand("$P=5\nf($P, $P)"));

    [Fact]
    public void MultiLineValue_NotAtTheEndOfALine_StaysAsWritten() =>
        Assert.Equal(["x $M y"], Expand("$M=a \\\nb\nx $M y"));

    [Fact]
    public void ParameterInAComment_IsNotExpanded() =>
        Assert.Equal(["priority 100 # see $M"], Expand("$M=a \\\nb\npriority 100 # see $M"));

    [Fact]
    public void MultiLineDefinition_EndsAtAnEmptyLine_AndSkipsCommentLines() =>
        Assert.Equal(["after", "a", "b"], Expand("$M=a \\\n  # a comment\n  b \\\n\nafter\n$M"));

    [Fact]
    public void SelfReference_DefinedButNotUsed_IsAccepted() =>
        Assert.Equal(["router_id r1"], Expand("$X=$X\nrouter_id r1"));

    [Fact]
    public void SelfReference_Used_IsAnErrorNamingIt_WhereKeepalivedWouldLoopForever()
    {
        Expand("$X=${X}\nrouter_id $X", out DiagnosticBag diagnostics);

        Diagnostic error = Assert.Single(diagnostics.Items);
        Assert.Equal("/etc/keepalived/keepalived.conf:2:11: error: parameter 'X' expands to itself without end (keepalived loops forever on this line)", error.ToString());
    }

    [Fact]
    public void SelfGrowingParameter_StopsAtKeepalivedsLineLength_WithAWarning()
    {
        List<string> lines = Expand("$A=x $A\nrouter_id $A", out DiagnosticBag diagnostics);

        Diagnostic warning = Assert.Single(diagnostics.Items);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("longer than 1023 characters, keepalived's limit", warning.Message, StringComparison.Ordinal);
        Assert.StartsWith("router_id x x x", Assert.Single(lines), StringComparison.Ordinal);
        Assert.InRange(lines[0].Length, 1000, ParameterSubstitution.MaxLineLength);
    }

    [Fact]
    public void EndlessSeq_StopsAtTheLineLimit_WithAnError()
    {
        Expand("~SEQ(I, 1, 9223372036854775807) $D=${I}", out DiagnosticBag diagnostics);

        Assert.Contains($"more than {ConfigurationLimits.MaxPreprocessedLines} lines", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiLineParameterThatNamesItself_StopsAtTheNestingLimit_WithAnError()
    {
        Expand("$M=a \\\n$M\n$M", out DiagnosticBag diagnostics);

        Assert.Contains("nest more than 64 deep", Assert.Single(diagnostics.Items).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnresolvedParameterInACommand_IsAWarning_AndStaysAsWritten()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("notify_master \"${SCRIPTS}/master.sh ${ROLE}\""));

        Assert.Equal(2, result.Warnings.Count(w => w.Message.Contains("is not a defined parameter", StringComparison.Ordinal)));
        Diagnostic first = result.Warnings.First(w => w.Message.Contains("'${SCRIPTS}'", StringComparison.Ordinal));
        Assert.Equal($"{ConfigAssert.FileName}:7:15", first.Location.ToString());
        Assert.Equal(["${SCRIPTS}/master.sh", "${ROLE}"], result.Configuration!.Instances[0].Notify.Master!.Argv);
    }

    [Fact]
    public void UnresolvedParameterInAShellCommand_IsTheShells_AndNotWarned()
    {
        ConfigurationLoadResult result = ConfigAssert.Load(ConfigAssert.Instance("notify_master \"/bin/sh -c 'echo ${HOME}'\""));

        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("is not a defined parameter", StringComparison.Ordinal));
    }

    [Fact]
    public void UnresolvedParameterInATrackedFilePath_IsAWarning()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("vrrp_track_file F {\n    file \"/run/${NAME}/state\"\n}\n");

        Diagnostic warning = Assert.Single(result.Warnings, w => w.Message.Contains("is not a defined parameter", StringComparison.Ordinal));
        Assert.Equal($"{ConfigAssert.FileName}:2:10: warning: '${{NAME}}' in this path is not a defined parameter; like keepalived, vrrpd passes it on as written (define $NAME= before this line, or run the command through /bin/sh -c if the shell should expand it)", warning.ToString());
    }
}
