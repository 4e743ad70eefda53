using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Vrrpd;

/// <summary>
/// The words for an expected failure (a missing file, no permission) in messages users read. The executable is
/// built with UseSystemResourceKeys, so the runtime's own messages for file errors are resource keys, like
/// <c>IO_FileNotFound_FileName, /etc/x</c>; those become the errno text ("No such file or directory: /etc/x").
/// Every other message is already words and is kept as it is.
/// </summary>
internal static partial class ErrorText
{
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENAMETOOLONG = 36;

    public static string Of(Exception e)
    {
        var key = ResourceKey().Match(e.Message);
        if (!key.Success) return e.Message;
        var words = e switch
        {
            FileNotFoundException or DirectoryNotFoundException => Marshal.GetPInvokeErrorMessage(ENOENT),
            UnauthorizedAccessException => Marshal.GetPInvokeErrorMessage(EACCES),
            PathTooLongException => Marshal.GetPInvokeErrorMessage(ENAMETOOLONG),
            // The runtime gives an IOException the errno as its HResult when it has nothing more specific.
            IOException io when io.HResult is > 0 and < 4096 => Marshal.GetPInvokeErrorMessage(io.HResult),
            { InnerException: { } inner } when !ResourceKey().IsMatch(inner.Message) => inner.Message,
            _ => e.GetType().Name,
        };
        var arguments = key.Groups["arguments"].Value;
        return arguments.Length > 0 ? $"{words}: {arguments}" : words;
    }

    /// <summary>"IO_FileNotFound_FileName, /etc/x": a key (words joined by underscores), then its arguments.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9]+(_[A-Za-z0-9]+)+(, (?<arguments>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ResourceKey();
}
