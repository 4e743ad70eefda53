namespace Vrrpd.Linux.Ownership;

/// <summary>Reads newline-delimited messages (the gateway's stream framing) of at most a given length: a longer one
/// is an error, never an unbounded buffer.</summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[maxLineBytes + 1];
    private int _start;
    private int _end;

    /// <summary>The next non-empty line without its newline, or null at the end of the stream.</summary>
    public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                byte[] line = _buffer[_start..newline];
                _start = newline + 1;
                if (line.AsSpan().Trim("\r "u8).Length > 0)
                {
                    return line;
                }

                continue;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new IOException($"a stream message longer than {maxLineBytes} bytes");
            }

            int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // The stream ended: a last message without its newline, once, then the end.
                byte[] rest = _buffer[.._end];
                _end = 0;
                return rest.AsSpan().Trim("\r "u8).Length > 0 ? rest : null;
            }

            _end += read;
        }
    }
}
