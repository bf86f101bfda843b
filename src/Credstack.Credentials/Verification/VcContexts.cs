namespace Credstack.Credentials.Verification;

/// <summary>The base contexts of the Verifiable Credentials data models.</summary>
public static class VcContexts
{
    /// <summary>VC Data Model 2.0.</summary>
    public const string V2 = "https://www.w3.org/ns/credentials/v2";

    /// <summary>VC Data Model 1.1.</summary>
    public const string V1 = "https://www.w3.org/2018/credentials/v1";
}
