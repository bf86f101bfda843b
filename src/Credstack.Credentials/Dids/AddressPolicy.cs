using System.Net;
using System.Net.Sockets;

namespace Credstack.Credentials.Dids;

/// <summary>
/// Which IP addresses a resolver may connect to: public unicast only, so that a credential cannot make the
/// verifier reach internal services (server-side request forgery).
/// </summary>
internal static class AddressPolicy
{
    /// <summary>Null when the address is allowed, otherwise why it is refused.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback ? null : "a loopback address";
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 => "an unspecified (0.0.0.0/8) address",
                10 => "a private (10.0.0.0/8) address",
                100 when (b[1] & 0xc0) == 64 => "a shared (100.64.0.0/10) address",
                169 when b[1] == 254 => "a link-local (169.254.0.0/16) address",
                172 when (b[1] & 0xf0) == 16 => "a private (172.16.0.0/12) address",
                192 when b[1] == 168 => "a private (192.168.0.0/16) address",
                192 when b[1] == 0 && b[2] == 0 => "an IETF protocol (192.0.0.0/24) address",
                198 when (b[1] & 0xfe) == 18 => "a benchmarking (198.18.0.0/15) address",
                >= 224 => "a multicast or reserved address",
                _ => null,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return "an unspecified address";
            }
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
            {
                return "a link-local or site-local address";
            }
            if (address.IsIPv6Multicast)
            {
                return "a multicast address";
            }
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if ((b[0] & 0xfe) == 0xfc)
            {
                return "a unique local (fc00::/7) address";
            }
            return null;
        }
        return "an address of an unsupported family";
    }
}
