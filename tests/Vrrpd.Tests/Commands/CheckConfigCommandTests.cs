using Vrrpd.Commands;

namespace Vrrpd.Tests.Commands;

/// <summary>What `vrrpd check-config` prints for a file that loads: the summary, then each instance's version,
/// mode and settings that are not keepalived's defaults (docs/keepalived-corpus.md).</summary>
public sealed class CheckConfigCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"vrrpd-check-config-{Guid.NewGuid():N}.conf");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void LoadedFile_GetsTwoLinesPerInstance_AfterTheSummary()
    {
        File.WriteAllText(_file, """
            vrrp_instance VI_1 {
                interface lo
                virtual_router_id 51
                virtual_ipaddress {
                    192.0.2.10/24
                }
            }
            vrrp_instance VI_6 {
                interface lo
                virtual_router_id 52
                priority 90
                advert_int 2
                unicast_peer {
                    2001:db8::2
                }
                virtual_ipaddress {
                    2001:db8::10/64
                }
            }
            """);
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = CheckConfigCommand.Check(_file, output, errors);

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                $"{_file}: OK, 2 instance(s), 0 warning(s)",
                "VI_1: VRRPv2 IPv4, multicast on lo, VRID 51, priority 100, 1 virtual address",
                "  keepalived's defaults throughout",
                "VI_6: VRRPv3 IPv6, unicast on lo to 1 peer, VRID 52, priority 90, 1 virtual address",
                "  not keepalived's defaults: priority 90, advert_int 2",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", errors.ToString());
    }
}
