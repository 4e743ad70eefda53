using System.Net;
using System.Net.Sockets;
using System.Text;
using Vrrpd.Protocol;

namespace Vrrpd.Tests.Protocol;

/// <summary>
/// vrrpd's own adverts, wrapped in Ethernet and IP and written to a pcap file, must dissect cleanly in tshark:
/// an independent implementation of the format and of both checksum forms (docs/design/vrrp-protocol.md §8.5).
/// </summary>
public sealed class WiresharkOracleTests : IDisposable
{
    private static readonly IPAddress Source4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Source6 = IPAddress.Parse("fe80::ff:fe00:a01");

    private readonly string _directory = Directory.CreateTempSubdirectory("vp-oracle-").FullName;

    public static TheoryData<string> Cases => ["v2", "v2 PASS", "v3 IPv4", "v3 IPv6"];

    [RequiresTsharkTheory]
    [MemberData(nameof(Cases))]
    public void VrrpdAdvert_DissectsWithAGoodChecksum_AndNoErrors(string name)
    {
        (AdvertisementPacket packet, IPAddress source, IPAddress group) = Case(name);

        string dissection = Dissect(packet, source, group, ChecksumForm.PseudoHeader);

        AssertClean(dissection, packet);
    }

    [RequiresTsharkFact]
    public void V3Ipv4AdvertInMessageOnlyForm_IsGood_WhenTsharkChecksAsRfc9568()
    {
        (AdvertisementPacket packet, IPAddress source, IPAddress group) = Case("v3 IPv4");

        string dissection = Dissect(packet, source, group, ChecksumForm.MessageOnly, "-o", "vrrp.v3_checksum_as_in_v2:TRUE");

        AssertClean(dissection, packet);
    }

    [RequiresTsharkFact]
    public void V3Ipv4AdvertInMessageOnlyForm_IsBad_ForTsharksDefaultPseudoHeaderCheck()
    {
        // The interop trap of docs/design/vrrp-protocol.md §4, seen by the oracle: each form is wrong for the other reading.
        (AdvertisementPacket packet, IPAddress source, IPAddress group) = Case("v3 IPv4");

        string dissection = Dissect(packet, source, group, ChecksumForm.MessageOnly);

        Assert.Contains("Checksum Status: Bad", dissection);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Dissect(AdvertisementPacket packet, IPAddress source, IPAddress group, ChecksumForm form, params string[] options)
    {
        var message = new byte[AdvertisementPacket.GetEncodedLength(packet.Version, packet.Family, packet.Addresses.Count)];
        packet.WriteTo(message, source, group, form);
        string file = Path.Combine(_directory, "advert.pcap");
        PcapFile.Write(file, [EthernetFrame.Wrap(message, source, group)]);
        return Tshark.Dissect(file, options);
    }

    private static void AssertClean(string dissection, AdvertisementPacket packet)
    {
        Assert.Contains("Virtual Router Redundancy Protocol", dissection);
        Assert.Contains($"Version {(int)packet.Version}, Packet type 1 (Advertisement)", dissection);
        Assert.Contains($"Virtual Rtr ID: {packet.VirtualRouterId}", dissection);
        Assert.Contains("[Checksum Status: Good]", dissection);
        Assert.DoesNotContain("Malformed", dissection);
        Assert.DoesNotContain("Expert Info (Error", dissection);
        foreach (IPAddress address in packet.Addresses)
        {
            Assert.Contains(address.ToString(), dissection);
        }
    }

    private static (AdvertisementPacket Packet, IPAddress Source, IPAddress Group) Case(string name) => name switch
    {
        "v2" => (Packet(VrrpVersion.V2, AddressFamily.InterNetwork, "192.0.2.53"), Source4, VrrpWire.Ipv4Group),
        "v2 PASS" => (new AdvertisementPacket
        {
            Version = VrrpVersion.V2,
            VirtualRouterId = 64,
            Priority = 120,
            AdvertisementInterval = TimeSpan.FromSeconds(1),
            AuthType = (byte)AuthenticationType.Pass,
            AuthData = Encoding.ASCII.GetBytes("secret"),
            Addresses = [IPAddress.Parse("192.0.2.64")],
            Family = AddressFamily.InterNetwork,
        }, Source4, VrrpWire.Ipv4Group),
        "v3 IPv4" => (Packet(VrrpVersion.V3, AddressFamily.InterNetwork, "192.0.2.51", "192.0.2.52"), Source4, VrrpWire.Ipv4Group),
        "v3 IPv6" => (Packet(VrrpVersion.V3, AddressFamily.InterNetworkV6, "fe80::52", "2001:db8::52"), Source6, VrrpWire.Ipv6Group),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static AdvertisementPacket Packet(VrrpVersion version, AddressFamily family, params string[] addresses) => new()
    {
        Version = version,
        VirtualRouterId = 51,
        Priority = 150,
        AdvertisementInterval = TimeSpan.FromMilliseconds(version == VrrpVersion.V2 ? 1000 : 50),
        Addresses = addresses.Select(IPAddress.Parse).ToArray(),
        Family = family,
    };
}
