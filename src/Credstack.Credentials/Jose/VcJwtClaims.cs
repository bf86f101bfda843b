using System.Globalization;
using System.Text.Json;

namespace Credstack.Credentials.Jose;

/// <summary>The mapping between JWT claims and credential properties (OB 3.0 §8.2.3, VC DM 1.1 §6.3.1).</summary>
internal static class VcJwtClaims
{
    public static string? IssuerId(JsonElement credential)
    {
        if (
            credential.ValueKind != JsonValueKind.Object
            || !credential.TryGetProperty("issuer", out var issuer)
        )
        {
            return null;
        }
        return issuer.ValueKind switch
        {
            JsonValueKind.String => issuer.GetString(),
            JsonValueKind.Object => Str(issuer, "id"),
            _ => null,
        };
    }

    public static string? HolderId(JsonElement presentation) =>
        presentation.ValueKind == JsonValueKind.Object
        && presentation.TryGetProperty("holder", out var holder)
            ? holder.ValueKind == JsonValueKind.String
                ? holder.GetString()
                : Str(holder, "id")
            : null;

    public static string? FirstSubjectId(JsonElement credential)
    {
        if (!credential.TryGetProperty("credentialSubject", out var subject))
        {
            return null;
        }
        if (subject.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in subject.EnumerateArray())
            {
                return Str(s, "id");
            }
            return null;
        }
        return Str(subject, "id");
    }

    public static bool HasSubjectId(JsonElement credential, string id)
    {
        if (!credential.TryGetProperty("credentialSubject", out var subject))
        {
            return false;
        }
        if (subject.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in subject.EnumerateArray())
            {
                if (Str(s, "id") == id)
                {
                    return true;
                }
            }
            return false;
        }
        return Str(subject, "id") == id;
    }

    /// <summary>validFrom (VC 2.0) or issuanceDate (VC 1.1) as Unix seconds.</summary>
    public static long? ValidFrom(JsonElement credential) =>
        UnixSeconds(Str(credential, "validFrom") ?? Str(credential, "issuanceDate"));

    /// <summary>validUntil (VC 2.0) or expirationDate (VC 1.1) as Unix seconds.</summary>
    public static long? ValidUntil(JsonElement credential) =>
        UnixSeconds(Str(credential, "validUntil") ?? Str(credential, "expirationDate"));

    public static long? UnixSeconds(string? dateTime) =>
        dateTime is not null
        && DateTimeOffset.TryParse(
            dateTime,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value
        )
            ? value.ToUnixTimeSeconds()
            : null;

    public static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object
        && o.TryGetProperty(name, out var v)
        && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    /// <summary>
    /// OB 3.0 §8.2.4.1: each claim present must match the credential. <c>iss</c> is required in the
    /// OpenBadges and vc-claim forms; the others are compared when present.
    /// </summary>
    public static VcJwtError? Check(DecodedVcJwt jwt)
    {
        var payload = jwt.Payload;
        var credential = jwt.Credential;
        if (!TryString(payload, "iss", out var iss, out var error))
        {
            return error;
        }
        if (iss is null)
        {
            if (jwt.Form is not (VcJwtForm.VcJose or VcJwtForm.VpJose))
            {
                return new(
                    VcJwtErrorCode.MissingClaim,
                    "the JWT has no iss claim (OB 3.0 §8.2.3 requires it)"
                );
            }
        }
        else if (IssuerId(credential) is { } issuer && issuer != iss)
        {
            return new(
                VcJwtErrorCode.ClaimMismatch,
                $"iss '{iss}' is not the credential's issuer id '{issuer}'"
            );
        }
        if (!TryString(payload, "sub", out var sub, out error))
        {
            return error;
        }
        if (
            sub is not null
            && FirstSubjectId(credential) is not null
            && !HasSubjectId(credential, sub)
        )
        {
            return new(
                VcJwtErrorCode.ClaimMismatch,
                $"sub '{sub}' is not the credentialSubject id"
            );
        }
        if (!TryString(payload, "jti", out var jti, out error))
        {
            return error;
        }
        if (jti is not null && Str(credential, "id") is { } id && id != jti)
        {
            return new(
                VcJwtErrorCode.ClaimMismatch,
                $"jti '{jti}' is not the credential id '{id}'"
            );
        }
        if (!TryNumericDate(payload, "nbf", out var nbf, out error))
        {
            return error;
        }
        if (nbf is not null && ValidFrom(credential) is { } from && from != nbf)
        {
            return new(
                VcJwtErrorCode.ClaimMismatch,
                "nbf is not the credential's validFrom / issuanceDate"
            );
        }
        if (!TryNumericDate(payload, "exp", out var exp, out error))
        {
            return error;
        }
        if (exp is not null && ValidUntil(credential) is { } until && until != exp)
        {
            return new(
                VcJwtErrorCode.ClaimMismatch,
                "exp is not the credential's validUntil / expirationDate"
            );
        }
        return null;
    }

    public static bool TryString(
        JsonElement payload,
        string name,
        out string? value,
        out VcJwtError? error
    )
    {
        value = null;
        error = null;
        if (!payload.TryGetProperty(name, out var v))
        {
            return true;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            error = new(VcJwtErrorCode.ClaimMismatch, $"the {name} claim is not a string");
            return false;
        }
        value = v.GetString();
        return true;
    }

    /// <summary>
    /// RFC 7519 §4.1.4 / §4.1.5: the token is not accepted before <c>nbf</c> nor on or after <c>exp</c>, with
    /// <paramref name="skew"/> of leeway for clock differences. A claim that is not a NumericDate is an error;
    /// without a clock (<paramref name="time"/> null) only the form of the claims is checked.
    /// </summary>
    public static VcJwtError? CheckTimeWindow(
        JsonElement payload,
        TimeProvider? time,
        TimeSpan skew,
        string what
    )
    {
        if (!TryNumericDate(payload, "nbf", out var nbf, out var error))
        {
            return error;
        }
        if (!TryNumericDate(payload, "exp", out var exp, out error))
        {
            return error;
        }
        if (time is null)
        {
            return null;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var leeway = (long)skew.TotalSeconds;
        if (nbf is { } from && now + leeway < from)
        {
            return new(VcJwtErrorCode.NotYetValid, $"the {what}'s nbf is in the future");
        }
        if (exp is { } until && now - leeway >= until)
        {
            return new(VcJwtErrorCode.Expired, $"the {what}'s exp has passed");
        }
        return null;
    }

    /// <summary>RFC 7519 §2 NumericDate: seconds since the epoch, possibly fractional; truncated here.</summary>
    public static bool TryNumericDate(
        JsonElement payload,
        string name,
        out long? value,
        out VcJwtError? error
    )
    {
        value = null;
        error = null;
        if (!payload.TryGetProperty(name, out var v))
        {
            return true;
        }
        if (
            v.ValueKind != JsonValueKind.Number
            || !v.TryGetDouble(out var d)
            || double.IsNaN(d)
            || Math.Abs(d) > 253402300799
        )
        {
            error = new(VcJwtErrorCode.ClaimMismatch, $"the {name} claim is not a NumericDate");
            return false;
        }
        value = (long)Math.Floor(d);
        return true;
    }
}
