namespace Vrrpd.Linux.Netlink;

/// <summary>Constants of &lt;linux/netlink.h&gt;, &lt;linux/rtnetlink.h&gt;, &lt;linux/if_addr.h&gt;, &lt;linux/if_link.h&gt;, names kept.</summary>
internal static class Rtnetlink
{
    internal const int NETLINK_ROUTE = 0;

    internal const ushort NLMSG_ERROR = 2;
    internal const ushort NLMSG_DONE = 3;

    internal const ushort NLM_F_REQUEST = 0x001;
    internal const ushort NLM_F_ACK = 0x004;
    internal const ushort NLM_F_DUMP = 0x300;
    internal const ushort NLM_F_EXCL = 0x200;
    internal const ushort NLM_F_CREATE = 0x400;

    internal const ushort RTM_NEWLINK = 16;
    internal const ushort RTM_DELLINK = 17;
    internal const ushort RTM_GETLINK = 18;
    internal const ushort RTM_NEWADDR = 20;
    internal const ushort RTM_DELADDR = 21;
    internal const ushort RTM_GETADDR = 22;
    internal const ushort RTM_NEWROUTE = 24;
    internal const ushort RTM_GETROUTE = 26;

    // <linux/rtnetlink.h>: struct rtmsg's table and type, and route attributes.
    internal const byte RT_TABLE_MAIN = 254;
    internal const byte RTN_UNICAST = 1;
    internal const ushort RTA_DST = 1;
    internal const ushort RTA_OIF = 4;
    internal const ushort RTA_GATEWAY = 5;
    internal const ushort RTA_TABLE = 15;

    internal const uint RTMGRP_LINK = 0x1;
    internal const uint RTMGRP_IPV4_IFADDR = 0x10;
    internal const uint RTMGRP_IPV6_IFADDR = 0x100;

    internal const ushort IFA_ADDRESS = 1;
    internal const ushort IFA_LOCAL = 2;
    internal const ushort IFA_LABEL = 3;
    internal const ushort IFA_BROADCAST = 4;
    internal const ushort IFA_FLAGS = 8;

    internal const uint IFA_F_SECONDARY = 0x01;
    internal const uint IFA_F_NODAD = 0x02;
    internal const uint IFA_F_TENTATIVE = 0x40;

    internal const ushort IFLA_ADDRESS = 1;
    internal const ushort IFLA_IFNAME = 3;

    internal const uint IFF_UP = 0x1;
    internal const uint IFF_RUNNING = 0x40;

    internal const int NlMsgHdrLength = 16;   // struct nlmsghdr
    internal const int IfAddrMsgLength = 8;   // struct ifaddrmsg
    internal const int IfInfoMsgLength = 16;  // struct ifinfomsg
    internal const int RtMsgLength = 12;      // struct rtmsg

    internal static string MessageName(ushort type) => type switch
    {
        RTM_NEWADDR => "RTM_NEWADDR", RTM_DELADDR => "RTM_DELADDR", RTM_GETADDR => "RTM_GETADDR",
        RTM_NEWLINK => "RTM_NEWLINK", RTM_DELLINK => "RTM_DELLINK", RTM_GETLINK => "RTM_GETLINK",
        _ => "netlink message " + type,
    };
}
