using System;
using System.Text;
using UnrealCv.Common;
using UnrealCv.Replies;
using UnrealCv.Wire;

namespace UnrealCv.Connection
{
    /// <summary>Reading: the reader thread, which routes each frame to its waiting request, drops it, or queues it as a server message.</summary>
    internal sealed partial class UnrealCvConnection
    {
        private const int MaxKeptScratchBytes = 1 << 20;
        // The welcome is one short line ("connected to <project>"); a longer first frame is no UnrealCV server.
        private const int MaxWelcomeBytes = 4096;
        // Memory is committed as bytes arrive, not as a header announces them: a 28-byte frame claiming 512 MiB costs
        // at most this much until the bytes really come. Replies up to this size land in their array in one read.
        private const int UpfrontBytes = 16 * 1024 * 1024;

        private byte[] _scratch = new byte[4096];

        private void ReadLoop()
        {
            try
            {
                while (true)
                {
                    int length = _reader.ReadHeader();
                    if (length < 0)
                        throw new ClientException(ClientFault.SessionBroken, $"{Description} closed the connection (the binary exited, or another client took over).");
                    int head = Math.Min(length, MessagePrefix.MaxLength);
                    EnsureScratch(head);
                    _reader.ReadExactly(_scratch, 0, head);
                    if (MessagePrefix.TryParse(_scratch, 0, head, out int id, out int bodyOffset))
                        ReadReply(id, bodyOffset, head, length);
                    else
                        ReadServerMessage(head, length);
                }
            }
            catch (Exception e)
            {
                bool peerBrokeProtocol = e is WireException w && w.Fault != WireFault.ClosedMidFrame;
                Fail(e as ClientException ?? new ClientException(
                    peerBrokeProtocol ? ClientFault.ProtocolViolation : ClientFault.SessionBroken,
                    $"the connection to {Description} failed: {e.Message}", e));
            }
        }

        private void ReadReply(int id, int bodyOffset, int head, int length)
        {
            PendingRequest? request = _table.Claim(id, out bool wasLetGo, out string? reportAs);
            if (request == null)
            {
                if (!wasLetGo)
                {
                    // Not ours: the binary answers whoever is connected, so this is the late reply to a request of an
                    // earlier link of the session or of another client. Our own ids never repeat, so nothing misaligns.
                    _options.Ids.RecordStray(id, length - bodyOffset, Description);
                    Skip(length - head);
                    return;
                }
                if (reportAs == null)
                {
                    Skip(length - head);
                    return;
                }
                if (ErrorReply.MessageOf(ReadText(bodyOffset, head, length)) is string message) ReportUnobservedError(id, reportAs, message);
                return;
            }

            string? text = null;
            byte[]? bytes = null;
            int bodyLength = length - bodyOffset;
            if (request.Shape.IsBinary)
            {
                bytes = ReadBody(bodyOffset, head, bodyLength);
                if (ReplyShape.IsTextFallback(bytes))
                {
                    text = Encoding.UTF8.GetString(bytes);
                    bytes = null;
                }
            }
            else
            {
                text = ReadText(bodyOffset, head, length);
            }
            if (_table.TryFinish(id)) request.Complete(text, bytes);
        }

        private void ReadServerMessage(int head, int length)
        {
            if (!_welcomed.IsSet && length > MaxWelcomeBytes)
                throw new ClientException(ClientFault.ProtocolViolation, $"{Description} greeted with a frame of {length} bytes instead of the short UnrealCV welcome 'connected to <project>'; is this an UnrealCV port?");
            string text = ReadText(0, head, length);
            if (!_welcomed.IsSet)
            {
                if (!text.StartsWith("connected", StringComparison.Ordinal))
                    throw new ClientException(ClientFault.ProtocolViolation, $"{Description} greeted with '{Truncate(text)}' instead of the UnrealCV welcome 'connected to <project>'; is this an UnrealCV port?");
                Welcome = text;
                const string prefix = "connected to ";
                ProjectName = text.StartsWith(prefix, StringComparison.Ordinal) ? text.Substring(prefix.Length) : text;
                _welcomed.Set();
                return;
            }
            _messages.Enqueue(new ServerMessage(_options.SessionId, text, DateTime.Now));
            while (_messages.Count > _options.MaxMessages && _messages.TryDequeue(out _)) { }
            _messageArrived.Release();
        }

        /// <summary>
        /// Reads a binary body into an array of exactly its length; the first <c>inHead</c> bytes are already in the
        /// scratch buffer. Beyond <see cref="UpfrontBytes"/> the array doubles as the bytes arrive, the last step being exact.
        /// </summary>
        private byte[] ReadBody(int bodyOffset, int head, int bodyLength)
        {
            int inHead = head - bodyOffset;
            var body = new byte[Math.Min(bodyLength, UpfrontBytes)];
            Buffer.BlockCopy(_scratch, bodyOffset, body, 0, inHead);
            int have = inHead;
            while (true)
            {
                _reader.ReadExactly(body, have, body.Length - have);
                have = body.Length;
                if (have == bodyLength) return body;
                var bigger = new byte[(int)Math.Min(bodyLength, 2L * have)];
                Buffer.BlockCopy(body, 0, bigger, 0, have);
                body = bigger;
            }
        }

        /// <summary>Reads the rest of a text frame into the reusable scratch buffer (grown as bytes arrive) and decodes it.</summary>
        private string ReadText(int start, int have, int length)
        {
            while (have < length)
            {
                EnsureScratch((int)Math.Min(length, Math.Max(2L * have, 64 * 1024)));
                int piece = Math.Min(length, _scratch.Length) - have;
                _reader.ReadExactly(_scratch, have, piece);
                have += piece;
            }
            string text = Encoding.UTF8.GetString(_scratch, start, length - start);
            if (_scratch.Length > MaxKeptScratchBytes) _scratch = new byte[4096];
            return text;
        }

        private void Skip(int count)
        {
            EnsureScratch(Math.Min(count, 64 * 1024));
            while (count > 0)
            {
                int n = Math.Min(count, _scratch.Length);
                _reader.ReadExactly(_scratch, 0, n);
                count -= n;
            }
        }

        private void EnsureScratch(int size)
        {
            if (_scratch.Length >= size) return;
            var bigger = new byte[Math.Max(size, (int)Math.Min(FrameReader.MaxSupportedPayloadBytes, 2L * _scratch.Length))];
            Buffer.BlockCopy(_scratch, 0, bigger, 0, _scratch.Length);
            _scratch = bigger;
        }
    }
}
