// vrrpd is a Linux daemon: raw sockets, netlink and AF_PACKET exist nowhere else.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
