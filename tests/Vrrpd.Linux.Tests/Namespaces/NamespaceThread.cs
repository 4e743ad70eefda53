using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Vrrpd.Linux.Tests.Namespaces;

/// <summary>
/// Runs code on a dedicated thread that has entered a network namespace with setns(2). Sockets (and netlink
/// sockets) created there belong to that namespace for their whole life, whichever thread uses them later.
/// The thread goes back to its original namespace before it ends.
/// </summary>
internal static class NamespaceThread
{
    public static T Run<T>(string namespaceName, Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            int original = OpenOrThrow("/proc/thread-self/ns/net");
            try
            {
                Enter(namespaceName);
                try
                {
                    result = action();
                }
                finally
                {
                    if (TestInterop.SetNs(original, TestInterop.CLONE_NEWNET) < 0)
                        Environment.FailFast("setns back to the original network namespace failed");
                }
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                TestInterop.Close(original);
            }
        }) { IsBackground = true, Name = "netns " + namespaceName };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public static void Run(string namespaceName, Action action) => Run(namespaceName, () => { action(); return 0; });

    private static void Enter(string namespaceName)
    {
        int fd = OpenOrThrow("/var/run/netns/" + namespaceName);
        try
        {
            if (TestInterop.SetNs(fd, TestInterop.CLONE_NEWNET) < 0)
                throw new InvalidOperationException($"setns({namespaceName}): errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            TestInterop.Close(fd);
        }
    }

    private static int OpenOrThrow(string path)
    {
        int fd = TestInterop.Open(path, TestInterop.O_RDONLY | TestInterop.O_CLOEXEC);
        if (fd < 0)
            throw new InvalidOperationException($"open({path}): errno {Marshal.GetLastPInvokeError()}");
        return fd;
    }
}
