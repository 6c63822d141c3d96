using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Replies;
using UnrealCv.Wire;

namespace UnrealCv.Connection
{
    /// <summary>
    /// Reading: bytes come off the socket in whatever pieces it gives and are cut into frames by one state machine, so
    /// that whichever thread holds the read role (<see cref="UnrealCvConnection"/>.ReadRole.cs) can take the next piece
    /// and stop between any two, and none ever blocks past its own deadline. Each frame is routed to its waiting request,
    /// dropped, or queued as a server message. Only the holder of the read role touches the fields of this file.
    /// </summary>
    internal sealed partial class UnrealCvConnection
    {
        private const int MaxKeptScratchBytes = 1 << 20;
        // The welcome is one short line ("connected to <project>"); a longer first frame is no UnrealCV server.
        private const int MaxWelcomeBytes = 4096;
        // Memory is committed as bytes arrive, not as a header announces them: a 28-byte frame claiming 512 MiB costs
        // at most this much until the bytes really come. Replies up to this size land in their array as they arrive.
        private const int UpfrontBytes = 16 * 1024 * 1024;
        private const int IntakeBytes = 64 * 1024;

        private enum Stage { Header, Head, Body }

        private enum Sink { Bytes, Text, Skip }

        // Bytes received and not yet cut into frames: [_intakeStart, _intakeEnd).
        private readonly byte[] _intake = new byte[IntakeBytes];
        private int _intakeStart;
        private int _intakeEnd;

        // The frame being read.
        private Stage _stage = Stage.Header;
        private int _frameLength;
        private int _remaining;          // payload bytes of this frame still to come
        private Sink _sink;
        private bool _isReply;
        private int _replyId;
        private PendingRequest? _target; // the waiting request this reply is for, when there is one
        private string? _reportAs;       // the command of a request let go whose error reply is still reported
        private byte[] _body = Array.Empty<byte>();
        private int _bodyHave;
        private byte[] _scratch = new byte[4096];
        private int _scratchHave;
        private long _repliesReadByCallers;

        /// <summary>Replies read by the caller that waited for them or another waiting caller, not by the background reader (tests).</summary>
        internal long RepliesReadByCallers => Volatile.Read(ref _repliesReadByCallers);

        /// <summary>
        /// Takes what the socket has (it was polled readable) and cuts it into frames. A binary body's bytes go straight
        /// from the socket into the array its caller gets. Throws on a closed socket or a broken frame.
        /// </summary>
        private void ReceiveAndRoute()
        {
            int n;
            if (_stage == Stage.Body && _sink == Sink.Bytes && _intakeStart == _intakeEnd)
            {
                GrowBodyIfFull();
                n = _socket.Receive(_body, _bodyHave, Math.Min(_body.Length - _bodyHave, _remaining), SocketFlags.None);
                if (n == 0) throw ClosedMidFrame();
                _bodyHave += n;
                _remaining -= n;
                if (_remaining == 0) EndFrame();
                return;
            }
            // What is left is at most a header and a prefix cut short: move it to the front.
            int left = _intakeEnd - _intakeStart;
            if (left > 0 && _intakeStart > 0) Buffer.BlockCopy(_intake, _intakeStart, _intake, 0, left);
            _intakeStart = 0;
            _intakeEnd = left;
            n = _socket.Receive(_intake, _intakeEnd, _intake.Length - _intakeEnd, SocketFlags.None);
            if (n == 0)
            {
                if (_stage == Stage.Header && left == 0)
                    throw new ClientException(ClientFault.SessionBroken, $"{Description} closed the connection (the binary exited, or another client took over).");
                throw ClosedMidFrame();
            }
            _intakeEnd += n;
            RouteIntake();
        }

        private WireException ClosedMidFrame()
        {
            long missing = _stage == Stage.Body ? _remaining : _stage == Stage.Head ? _frameLength - (_intakeEnd - _intakeStart) : Frame.HeaderSize - (_intakeEnd - _intakeStart);
            return new WireException(WireFault.ClosedMidFrame, $"the connection closed in the middle of a frame ({missing} bytes missing)");
        }

        /// <summary>Cuts every whole frame out of the intake; a frame cut short stays where it is until more bytes come.</summary>
        private void RouteIntake()
        {
            while (true)
            {
                int available = _intakeEnd - _intakeStart;
                switch (_stage)
                {
                    case Stage.Header:
                        if (available < Frame.HeaderSize) return;
                        _frameLength = Frame.ReadHeader(_intake, _intakeStart, _options.MaxFrameBytes);
                        _intakeStart += Frame.HeaderSize;
                        _stage = Stage.Head;
                        break;
                    case Stage.Head:
                        if (available < Math.Min(_frameLength, MessagePrefix.MaxLength)) return;
                        BeginBody();
                        _stage = Stage.Body;
                        break;
                    default:
                        int n = Math.Min(available, _remaining);
                        Take(_intake, _intakeStart, n);
                        _intakeStart += n;
                        _remaining -= n;
                        if (_remaining > 0) return;
                        EndFrame();
                        break;
                }
            }
        }

        /// <summary>Decides from the frame's first bytes who it is for, and so where its body goes.</summary>
        private void BeginBody()
        {
            int head = Math.Min(_frameLength, MessagePrefix.MaxLength);
            _isReply = MessagePrefix.TryParse(_intake, _intakeStart, head, out _replyId, out int bodyOffset);
            _target = null;
            _reportAs = null;
            _scratchHave = 0;
            if (!_isReply)
            {
                if (!_welcomed.IsSet && _frameLength > MaxWelcomeBytes)
                    throw new ClientException(ClientFault.ProtocolViolation, $"{Description} greeted with a frame of {_frameLength} bytes instead of the short UnrealCV welcome 'connected to <project>'; is this an UnrealCV port?");
                _sink = Sink.Text;
                _remaining = _frameLength;
                return;
            }
            int prefix = bodyOffset - _intakeStart;
            _intakeStart = bodyOffset;
            _remaining = _frameLength - prefix;
            _target = _table.Claim(_replyId, out bool wasLetGo, out _reportAs);
            if (_target != null && _target.Shape.IsBinary)
            {
                _sink = Sink.Bytes;
                _body = new byte[Math.Min(_remaining, UpfrontBytes)];
                _bodyHave = 0;
            }
            else if (_target != null || _reportAs != null)
            {
                _sink = Sink.Text;
            }
            else
            {
                // Not ours: the binary answers whoever is connected, so this is the late reply to a request of an
                // earlier link of the session or of another client. Our own ids never repeat, so nothing misaligns.
                if (!wasLetGo) _options.Ids.RecordStray(_replyId, _remaining, Description);
                _sink = Sink.Skip;
            }
        }

        private void Take(byte[] source, int offset, int count)
        {
            switch (_sink)
            {
                case Sink.Bytes:
                    while (count > 0)
                    {
                        GrowBodyIfFull();
                        int piece = Math.Min(count, _body.Length - _bodyHave);
                        Buffer.BlockCopy(source, offset, _body, _bodyHave, piece);
                        _bodyHave += piece;
                        offset += piece;
                        count -= piece;
                    }
                    break;
                case Sink.Text:
                    long need = _scratchHave + (long)count;
                    if (need > _scratch.Length)
                    {
                        // Doubling, but never past the frame's own text (_remaining still counts these bytes).
                        var bigger = new byte[(int)Math.Min(_scratchHave + (long)_remaining, Math.Max(2L * _scratch.Length, need))];
                        Buffer.BlockCopy(_scratch, 0, bigger, 0, _scratchHave);
                        _scratch = bigger;
                    }
                    Buffer.BlockCopy(source, offset, _scratch, _scratchHave, count);
                    _scratchHave += count;
                    break;
            }
        }

        /// <summary>Beyond <see cref="UpfrontBytes"/> a body's array doubles as the bytes arrive, the last step being exact.</summary>
        private void GrowBodyIfFull()
        {
            if (_bodyHave < _body.Length) return;
            var bigger = new byte[(int)Math.Min(_bodyHave + (long)_remaining, 2L * _body.Length)];
            Buffer.BlockCopy(_body, 0, bigger, 0, _bodyHave);
            _body = bigger;
        }

        /// <summary>The whole frame is in: complete its request, report its error, or queue it as a server message.</summary>
        private void EndFrame()
        {
            _stage = Stage.Header;
            PendingRequest? target = _target;
            _target = null;
            if (_sink == Sink.Skip) return;
            string? text = null;
            byte[]? bytes = null;
            if (_sink == Sink.Bytes)
            {
                bytes = _body;
                _body = Array.Empty<byte>();
                if (ReplyShape.IsTextFallback(bytes))
                {
                    text = Encoding.UTF8.GetString(bytes);
                    bytes = null;
                }
            }
            else
            {
                text = Encoding.UTF8.GetString(_scratch, 0, _scratchHave);
                if (_scratch.Length > MaxKeptScratchBytes) _scratch = new byte[4096];
            }
            if (!_isReply)
            {
                OnServerMessage(text!);
            }
            else if (target == null)
            {
                if (ErrorReply.MessageOf(text) is string message) ReportUnobservedError(_replyId, _reportAs!, message);
            }
            else if (_table.TryFinish(_replyId))
            {
                if (Thread.CurrentThread != _readerThread) Volatile.Write(ref _repliesReadByCallers, _repliesReadByCallers + 1);
                target.Complete(text, bytes);
                WakeFollowers();
            }
        }

        private void OnServerMessage(string text)
        {
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
    }
}
