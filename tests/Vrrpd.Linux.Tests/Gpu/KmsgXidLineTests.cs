using Vrrpd.Linux.Health.Gpu;

namespace Vrrpd.Linux.Tests.Gpu;

public sealed class KmsgXidLineTests
{
    [Theory]
    [InlineData("4,1203,5593212,-;NVRM: Xid (PCI:0000:19:00): 79, pid=3124, name=python3, GPU has fallen off the bus.", 0x19, 79)]
    [InlineData("NVRM: Xid (PCI:0000:19:00): 62, 32260b5e 000154b0 00000000 0000c4c2", 0x19, 62)]
    [InlineData("6,9,10,-;NVRM: Xid (PCI:0000:af:00): 149, NETIR_LINK_EVT Fatal XC0 i0 Link 08 (0x004d8000 0x0 0x0)", 0xaf, 149)]
    public void XidLines_GiveThePciAddressAndXid(string record, int bus, int xid)
    {
        Assert.True(KmsgXidLine.TryParse(record, out var line));
        Assert.Equal(new PciAddress(0, bus, 0), line.Pci);
        Assert.Equal(xid, line.Xid);
    }

    [Fact]
    public void FallenOffTheBusWithoutXid_HasNoXid()
    {
        Assert.True(KmsgXidLine.TryParse("3,1,2,-;NVRM: GPU 0000:3b:00.0: GPU has fallen off the bus.", out var line));
        Assert.Equal(new PciAddress(0, 0x3b, 0), line.Pci);
        Assert.Null(line.Xid);
    }

    [Theory]
    [InlineData("6,1,2,-;usb 1-1: new high-speed USB device number 2")]
    [InlineData("6,1,2,-;NVRM: loading NVIDIA UNIX x86_64 Kernel Module 570.86.15")]
    public void OtherLines_AreNotGpuFaults(string record) => Assert.False(KmsgXidLine.TryParse(record, out _));

    [Theory]
    [InlineData("00000000:10:00.0")]
    [InlineData("0000:10:00.0")]
    [InlineData("0000:10:00")]
    public void PciAddress_ParsesNvmlAndKernelForms(string text)
    {
        Assert.True(PciAddress.TryParse(text, out var address));
        Assert.Equal(new PciAddress(0, 0x10, 0), address);
        Assert.Equal("00000000:10:00.0", address.BusId);
    }
}
