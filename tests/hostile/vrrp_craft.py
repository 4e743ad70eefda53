#!/usr/bin/python3
"""Crafted VRRP packets from scapy, an implementation vrrpd's authors did not write, for the hostile-network tests
(tests/Vrrpd.IntegrationTests/Faults/HostileNetworkTests.cs). Run inside a lab namespace only: it sends on the
interface it is given, which there is a veth of a bridge the test made. Needs Debian's python3-scapy.

  vrrp_craft.py kinds IFACE COUNT      every malformed kind below COUNT times, to 224.0.0.18 / ff02::12;
                                       prints one JSON object: {"FAMILY/VRID/KIND": packets sent}
  vrrp_craft.py flood IFACE VRID SECONDS PPS
                                       valid VRRPv3/IPv4 adverts with priority 0 for VRID, at PPS for SECONDS;
                                       prints {"sent": N, "seconds": S}

Each malformed kind is named by the drop reason vrrpd must count for it (src/Vrrpd.Core/Protocol/DropReasonKeys.cs,
RFC 3768 / 5798 / 9568 §7.1). The lab's instances: VRID 51 VRRPv3 IPv4, 52 VRRPv2 IPv4 with PASS "secret",
53 VRRPv3 IPv6; VRID 99 is nobody's."""
import json
import socket
import sys
import time

from scapy.all import Ether, IP, IPv6, Raw, raw, get_if_hwaddr
from scapy.layers.vrrp import VRRP, VRRPv3

GROUP4, GROUP6 = "224.0.0.18", "ff02::12"
MAC4, MAC6 = "01:00:5e:00:00:12", "33:33:00:00:00:12"
VIP3, VIP2, VIP6 = "192.0.2.100", "192.0.2.101", "2001:db8::100"


def link_local(iface):
    with open("/proc/net/if_inet6") as f:
        for line in f:
            address, _, _, scope, _, name = line.split()
            if name == iface and scope == "20":
                return socket.inet_ntop(socket.AF_INET6, bytes.fromhex(address))
    raise SystemExit(f"no IPv6 link-local address on {iface}")


def ipv4_address(iface):
    import fcntl, struct
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        packed = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", iface.encode()[:15]))  # SIOCGIFADDR
    return socket.inet_ntoa(packed[20:24])


def v3_4(src, ttl=255, **fields):
    fields.setdefault("vrid", 51)
    fields.setdefault("priority", 200)
    fields.setdefault("adv", 100)
    fields.setdefault("addrlist", [VIP3])
    fields.setdefault("ipcount", len(fields["addrlist"]))
    return Ether(dst=MAC4) / IP(src=src, dst=GROUP4, ttl=ttl, proto=112) / VRRPv3(**fields)


def v2_4(src, password=b"secret", ttl=255, **fields):
    padded = (password + b"\0" * 8)[:8]
    fields.setdefault("vrid", 52)
    fields.setdefault("priority", 200)
    fields.setdefault("adv", 1)
    fields.setdefault("authtype", 1)
    fields.setdefault("addrlist", [VIP2])
    fields.setdefault("ipcount", len(fields["addrlist"]))
    fields.setdefault("auth1", int.from_bytes(padded[:4], "big"))
    fields.setdefault("auth2", int.from_bytes(padded[4:], "big"))
    return Ether(dst=MAC4) / IP(src=src, dst=GROUP4, ttl=ttl, proto=112) / VRRP(**fields)


def v3_6(src, hlim=255, **fields):
    fields.setdefault("vrid", 53)
    fields.setdefault("priority", 200)
    fields.setdefault("adv", 100)
    fields.setdefault("addrlist", [VIP6])
    fields.setdefault("ipcount", len(fields["addrlist"]))
    return Ether(dst=MAC6) / IPv6(src=src, dst=GROUP6, hlim=hlim, nh=112) / VRRPv3(**fields)


def bad_checksum(packet):
    """The same packet with its VRRP checksum off by one (scapy computed the right one)."""
    right = packet.__class__(raw(packet))
    vrrp = right.getlayer(VRRPv3) or right.getlayer(VRRP)
    vrrp.chksum = (vrrp.chksum + 1) & 0xFFFF
    return right


def truncated(packet, keep=6):
    """The first bytes of the VRRP message only (under an IP header whose length says so)."""
    ip = packet.getlayer(IP) or packet.getlayer(IPv6)
    message = raw(ip.payload)[:keep]
    header = ip.copy()
    header.remove_payload()
    for field in ("len", "plen", "chksum"):
        if field in header.fields:
            del header.fields[field]
    return Ether(dst=packet.dst) / header / Raw(message)


def kinds(src4, src6):
    """FAMILY/VRID/KIND -> packet. KIND is the drop reason vrrpd must count."""
    return {
        # VRRPv3 over IPv4, to VRID 51
        "ipv4/51/bad_checksum": bad_checksum(v3_4(src4)),
        "ipv4/51/ttl": v3_4(src4, ttl=64),
        "ipv4/51/unknown_version": v3_4(src4, version=1),
        "ipv4/51/unknown_type": v3_4(src4, type=2),
        "ipv4/51/truncated": truncated(v3_4(src4)),
        "ipv4/51/length_mismatch": v3_4(src4, ipcount=2),
        "ipv4/51/zero_address_count": v3_4(src4, ipcount=0, addrlist=[]),
        "ipv4/51/invalid_interval": v3_4(src4, adv=0),
        "ipv4/51/version_mismatch": v2_4(src4, vrid=51, addrlist=[VIP3]),
        "ipv4/99/unknown_vrid": v3_4(src4, vrid=99),
        # VRRPv2 with PASS authentication, to VRID 52
        "ipv4/52/auth_failed": v2_4(src4, password=b"wrong"),
        "ipv4/52/auth_type_mismatch": v2_4(src4, authtype=0, auth1=0, auth2=0),
        "ipv4/52/interval_mismatch": v2_4(src4, adv=3),
        "ipv4/52/bad_checksum": bad_checksum(v2_4(src4)),
        "ipv4/52/version_mismatch": v3_4(src4, vrid=52, addrlist=[VIP2]),
        # VRRPv3 over IPv6, to VRID 53
        "ipv6/53/bad_checksum": bad_checksum(v3_6(src6)),
        "ipv6/53/ttl": v3_6(src6, hlim=64),
        "ipv6/53/unknown_version": v3_6(src6, version=1),
        "ipv6/53/unknown_type": v3_6(src6, type=2),
        "ipv6/53/truncated": truncated(v3_6(src6)),
        "ipv6/53/length_mismatch": v3_6(src6, ipcount=2),
        "ipv6/53/zero_address_count": v3_6(src6, ipcount=0, addrlist=[]),
        "ipv6/53/invalid_interval": v3_6(src6, adv=0),
        "ipv6/99/unknown_vrid": v3_6(src6, vrid=99),
    }


def open_link(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    return s


def send_kinds(iface, count):
    mac = get_if_hwaddr(iface)
    link = open_link(iface)
    sent = {}
    for name, packet in kinds(ipv4_address(iface), link_local(iface)).items():
        packet[Ether].src = mac
        frame = raw(packet)
        for _ in range(count):
            link.send(frame)
            time.sleep(0.002)
        sent[name] = count
    print(json.dumps(sent))


def flood(iface, vrid, seconds, pps):
    """Priority-0 adverts (valid in every other way) as fast as asked: frames built once, sent in a loop."""
    packet = v3_4(ipv4_address(iface), vrid=vrid, priority=0)
    packet[Ether].src = get_if_hwaddr(iface)
    frame = raw(packet)
    link = open_link(iface)
    start = time.monotonic()
    sent = 0
    while (elapsed := time.monotonic() - start) < seconds:
        due = int(elapsed * pps) + 1
        while sent < due:
            link.send(frame)
            sent += 1
        time.sleep(0.0005)
    print(json.dumps({"sent": sent, "seconds": round(time.monotonic() - start, 3)}))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "kinds" and len(sys.argv) == 4:
        send_kinds(sys.argv[2], int(sys.argv[3]))
    elif mode == "flood" and len(sys.argv) == 6:
        flood(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(__doc__)
