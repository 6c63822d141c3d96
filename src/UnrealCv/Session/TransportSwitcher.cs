using System;
using System.Globalization;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Transport;

namespace UnrealCv.Session
{
    /// <summary>How a transport switch ended.</summary>
    internal enum SwitchOutcome
    {
        /// <summary>The session now uses the asked-for transport.</summary>
        Switched,
        /// <summary>It already used it; nothing was done.</summary>
        Unchanged,
        /// <summary>No Unix socket appeared (a Windows binary, an older plugin); the session reconnected over TCP.</summary>
        FellBackToTcp,
    }

    /// <summary>
    /// UnrealCV's TCP-to-Unix-socket recipe done safely: remove a stale socket we own, let requests in flight
    /// finish, close TCP, poll for the file the binary creates within milliseconds, connect, read the fresh welcome.
    /// The session keeps its identity and its ids, which go on where the old link stopped, so a late reply to an
    /// old request that the binary sends down the new link is recognised and dropped.
    /// </summary>
    internal static class TransportSwitcher
    {
        private const int PollMilliseconds = 10;

        public static SwitchOutcome ToUnix(UnrealCvSession session, string path, TimeSpan timeout, CancellationToken cancel)
        {
            return Switch(session, timeout, cancel,
                isDone: () => session.Transport == TransportKind.Unix && session.Path == path && session.Connection.State == ConnectionState.Open,
                change: deadline =>
                {
                    SocketFile.RemoveStale(path); // so that the file's existence later proves the binary made it
                    UnrealCvConnection old = session.Connection;
                    CloseOld(session, deadline, cancel);
                    try
                    {
                        if (!WaitForSocketFile(path, deadline, cancel))
                        {
                            UnrealCvConnection tcp = ReconnectTcp(session, timeout, cancel,
                                $"no socket appeared at '{path}' within {timeout.TotalSeconds:0.###} s");
                            session.Replace(tcp, TransportKind.Tcp, null);
                            return SwitchOutcome.FellBackToTcp;
                        }
                        session.Replace(ConnectToNewSocket(session, path, deadline, cancel), TransportKind.Unix, path);
                        return SwitchOutcome.Switched;
                    }
                    catch (ClientException e) when (e.Fault != ClientFault.SessionClosed)
                    {
                        old.MarkBroken(e); // TCP is closed and nothing replaced it: the next request says why
                        throw;
                    }
                });
        }

        /// <summary>
        /// Back to TCP. The TCP link is opened before the current one is closed: a Linux binary that has moved to its
        /// Unix socket never serves TCP again, and then the session stays on its socket, untouched.
        /// </summary>
        public static SwitchOutcome ToTcp(UnrealCvSession session, TimeSpan timeout, CancellationToken cancel)
        {
            return Switch(session, timeout, cancel,
                isDone: () => session.Transport == TransportKind.Tcp && session.Connection.State == ConnectionState.Open,
                change: deadline =>
                {
                    UnrealCvConnection old = session.Connection;
                    bool oldWorks = old.State == ConnectionState.Open;
                    UnrealCvConnection tcp;
                    try
                    {
                        tcp = ReconnectTcp(session, TimeSpan.FromMilliseconds(Math.Max(1, deadline.RemainingMilliseconds)), cancel, "asked to go back to TCP");
                    }
                    catch (ClientException e) when (oldWorks)
                    {
                        throw new ClientException(ClientFault.SwitchRefused,
                            $"{e.Message} The session stays on {session.Endpoint}, as it was.", e);
                    }
                    CloseOld(session, deadline, cancel);
                    session.Replace(tcp, TransportKind.Tcp, null);
                    return SwitchOutcome.Switched;
                });
        }

        /// <summary>
        /// Waits for any other switch of the session, refuses new requests while this one runs, and does nothing when
        /// the session already is where it should be (a switch that ran meanwhile may have done it).
        /// </summary>
        private static SwitchOutcome Switch(UnrealCvSession session, TimeSpan timeout, CancellationToken cancel, Func<bool> isDone, Func<Deadline, SwitchOutcome> change)
        {
            var deadline = Deadline.After(timeout);
            session.BeginSwitch(deadline, cancel);
            try
            {
                return isDone() ? SwitchOutcome.Unchanged : change(deadline);
            }
            finally
            {
                session.EndSwitch();
            }
        }

        /// <summary>Lets the requests in flight finish (bounded), then closes the session's current link.</summary>
        private static void CloseOld(UnrealCvSession session, Deadline deadline, CancellationToken cancel)
        {
            UnrealCvConnection old = session.Connection;
            while (old.InFlightCount > 0)
            {
                if (deadline.HasPassed)
                    throw new ClientException(ClientFault.Timeout,
                        $"session '{session.Name}' still had {old.InFlightCount} request(s) in flight after {deadline.Timeout.TotalSeconds:0.###} s; the transport was not switched. Wait for them, or raise -TimeoutSec.");
                if (cancel.WaitHandle.WaitOne(PollMilliseconds)) throw new OperationCanceledException(cancel);
            }
            old.Dispose();
        }

        /// <summary>
        /// The binary binds the file a moment before it listens on it, so a refused connect right after the file
        /// appears is retried until the deadline.
        /// </summary>
        private static UnrealCvConnection ConnectToNewSocket(UnrealCvSession session, string path, Deadline deadline, CancellationToken cancel)
        {
            var options = session.LinkOptions(path);
            while (true)
            {
                try
                {
                    return LinkFactory.OpenUnix(path, options, TimeSpan.FromMilliseconds(Math.Max(1, deadline.RemainingMilliseconds)), cancel);
                }
                catch (ClientException e) when (e.Fault == ClientFault.ConnectFailed && !deadline.HasPassed)
                {
                    if (cancel.WaitHandle.WaitOne(PollMilliseconds)) throw new OperationCanceledException(cancel);
                }
            }
        }

        private static bool WaitForSocketFile(string path, Deadline deadline, CancellationToken cancel)
        {
            while (SocketFile.Inspect(path).Kind == SocketFileKind.Missing)
            {
                if (deadline.HasPassed) return false;
                if (cancel.WaitHandle.WaitOne(PollMilliseconds)) throw new OperationCanceledException(cancel);
            }
            return true;
        }

        private static UnrealCvConnection ReconnectTcp(UnrealCvSession session, TimeSpan timeout, CancellationToken cancel, string why)
        {
            string endpoint = session.ComputerName + ":" + session.Port.ToString(CultureInfo.InvariantCulture);
            try
            {
                var options = session.LinkOptions(endpoint);
                return LinkFactory.OpenTcp(session.ComputerName, session.Port, options, timeout, cancel);
            }
            catch (ClientException e)
            {
                throw new ClientException(ClientFault.SessionBroken,
                    $"{why}, and TCP at {endpoint} no longer answers ({e.Message}). A Linux binary serves TCP only until its first client leaves: its socket may be elsewhere (-Path), or the binary must be restarted.", e);
            }
        }
    }
}
