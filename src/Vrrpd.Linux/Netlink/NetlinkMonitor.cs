namespace Vrrpd.Linux.Netlink;

/// <summary>
/// Reports link and address changes (RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR) on its own thread.
/// It subscribes in the constructor, in the constructing thread's network namespace, so a daemon can construct
/// it, dump the current state, then <see cref="Start"/>: nothing that happens in between is lost.
/// Handlers run on the monitor thread; an exception from one is reported through <see cref="Faulted"/>.
/// </summary>
public sealed class NetlinkMonitor : IDisposable
{
    private readonly NetlinkSocket _socket =
        NetlinkSocket.Open(Rtnetlink.RTMGRP_LINK | Rtnetlink.RTMGRP_IPV4_IFADDR | Rtnetlink.RTMGRP_IPV6_IFADDR);
    private readonly WakeableWait _wait = new();
    private Thread? _thread;
    private volatile bool _disposed;

    public event Action<LinkChange>? LinkChanged;

    public event Action<AddressChange>? AddressChanged;

    /// <summary>The kernel dropped notifications (ENOBUFS): the subscriber should dump links and addresses again.</summary>
    public event Action? EventsLost;

    /// <summary>A handler threw, or the socket failed (then the monitor stops).</summary>
    public event Action<Exception>? Faulted;

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null)
            throw new InvalidOperationException("the monitor is already started");
        _thread = new Thread(Run) { IsBackground = true, Name = "netlink monitor" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_disposed)
        {
            if (!_wait.WaitReadable(_socket.Handle))
                continue;
            ReadOnlySpan<byte> received;
            int errno;
            try
            {
                received = _socket.Receive(Interop.Libc.MSG_DONTWAIT, out errno);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (errno == Errno.ENOBUFS)
                Raise(EventsLost);
            else if (errno is not (0 or Errno.EAGAIN or Errno.EINTR))
            {
                if (!_disposed)
                    Faulted?.Invoke(new NetlinkException(errno, "recv(netlink notifications)"));
                return;
            }
            Dispatch(received);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> received)
    {
        var reader = new NetlinkMessageReader(received);
        while (reader.TryRead(out var message))
        {
            switch (message.Type)
            {
                case Rtnetlink.RTM_NEWLINK or Rtnetlink.RTM_DELLINK when LinkMessage.TryParse(message.Payload, out var link):
                    Raise(LinkChanged, new LinkChange(link, message.Type == Rtnetlink.RTM_DELLINK));
                    break;
                case Rtnetlink.RTM_NEWADDR or Rtnetlink.RTM_DELADDR when AddressMessage.TryParse(message.Payload, out var address):
                    Raise(AddressChanged, new AddressChange(address, message.Type == Rtnetlink.RTM_DELADDR));
                    break;
            }
        }
    }

    private void Raise<T>(Action<T>? handler, T change)
    {
        try
        {
            handler?.Invoke(change);
        }
        catch (Exception e)
        {
            Faulted?.Invoke(e);
        }
    }

    private void Raise(Action? handler)
    {
        try
        {
            handler?.Invoke();
        }
        catch (Exception e)
        {
            Faulted?.Invoke(e);
        }
    }

    /// <summary>Stops the thread (it returns from its wait at once) and closes the socket.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _wait.Dispose();
        _socket.Dispose();
        if (_thread is not null && _thread != Thread.CurrentThread)
            _thread.Join(TimeSpan.FromSeconds(2));
    }
}
