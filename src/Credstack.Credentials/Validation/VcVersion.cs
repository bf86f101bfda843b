namespace Credstack.Credentials.Validation;

/// <summary>The Verifiable Credentials Data Model version a credential follows, from its first context.</summary>
public enum VcVersion
{
    /// <summary>Neither base context is first.</summary>
    Unknown,

    /// <summary>VC Data Model 1.1 (<c>https://www.w3.org/2018/credentials/v1</c>).</summary>
    Vc11,

    /// <summary>VC Data Model 2.0 (<c>https://www.w3.org/ns/credentials/v2</c>).</summary>
    Vc20,
}
