using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Credstack.Credentials.Jose;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.SdJwt;

/// <summary>The outcome of verifying an SD-JWT credential or presentation.</summary>
public sealed class SdJwtResult
{
    internal SdJwtResult(VcJwtError? error) => Error = error;

    /// <summary>True when the signature, every disclosure and the key binding (if any) verified.</summary>
    [MemberNotNullWhen(true, nameof(Header), nameof(Document), nameof(Key))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>Why it was refused.</summary>
    public VcJwtError? Error { get; internal init; }

    /// <summary>The issuer-signed JWT's header.</summary>
    public JsonElement? Header { get; internal init; }

    /// <summary>The signed payload as issued (with <c>_sd</c> digests).</summary>
    public JsonElement? Payload { get; internal init; }

    /// <summary>The document with the disclosed claims put back and <c>_sd</c>/<c>_sd_alg</c> removed.</summary>
    public JsonElement? Document { get; internal init; }

    /// <summary>The disclosures the SD-JWT carried.</summary>
    public IReadOnlyList<SdJwtDisclosure> Disclosures { get; internal init; } = [];

    /// <summary>True for <c>vp+sd-jwt</c>.</summary>
    public bool IsPresentation { get; internal init; }

    /// <summary>True when a key binding JWT verified.</summary>
    public bool KeyBound { get; internal init; }

    /// <summary>The header's <c>alg</c>.</summary>
    public string? Algorithm { get; internal init; }

    /// <summary>The header's <c>kid</c>.</summary>
    public string? Kid { get; internal init; }

    /// <summary>The key the issuer signature was checked with.</summary>
    public VerificationKey? Key { get; internal init; }
}
