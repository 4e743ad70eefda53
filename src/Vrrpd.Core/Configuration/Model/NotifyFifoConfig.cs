namespace Vrrpd.Configuration;

/// <summary>
/// keepalived's <c>notify_fifo PATH [USER [GROUP]]</c> (or <c>vrrp_notify_fifo</c>) with its optional
/// <c>notify_fifo_script CMD</c>: the daemon writes state changes as lines to the FIFO, and starts the script with the
/// FIFO's path as its last argument so it can read them.
/// </summary>
/// <param name="Keyword">"notify_fifo" or "vrrp_notify_fifo", for messages.</param>
public sealed record NotifyFifoConfig(string Keyword, string Path, CommandLine? Script);
