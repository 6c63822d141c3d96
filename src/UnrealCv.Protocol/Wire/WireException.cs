using System;

namespace UnrealCv.Wire
{
    /// <summary>What went wrong on the wire, so callers can word their own message.</summary>
    internal enum WireFault
    {
        /// <summary>The peer closed the connection in the middle of a frame.</summary>
        ClosedMidFrame,
        /// <summary>The 4 first bytes of a header were not the UnrealCV magic.</summary>
        BadMagic,
        /// <summary>A header announced more bytes than the configured limit.</summary>
        FrameTooLarge,
        /// <summary>A header announced an empty payload, which UnrealCV never sends.</summary>
        EmptyFrame,
    }

    /// <summary>The byte stream does not follow UnrealCV framing; the connection cannot continue.</summary>
    internal sealed class WireException : Exception
    {
        public WireException(WireFault fault, string message) : base(message) => Fault = fault;

        public WireFault Fault { get; }
    }
}
