namespace Credstack.Credentials.Dids;

/// <summary>Why a DID or URL could not be resolved, or a verification method not dereferenced.</summary>
public enum ResolutionErrorCode
{
    /// <summary>The text is not a DID or URL this resolver understands (DID Core §3.1 syntax).</summary>
    InvalidDid,

    /// <summary>The DID method (or URL scheme) is not supported.</summary>
    MethodNotSupported,

    /// <summary>No document exists at the location (HTTP 404/410, or not in the offline set).</summary>
    NotFound,

    /// <summary>The host resolves to a loopback, private, link-local or otherwise non-public address.</summary>
    AddressRefused,

    /// <summary>A plain <c>http:</c> URL where https is required.</summary>
    InsecureScheme,

    /// <summary>The server answered with a redirect; resolvers do not follow redirects.</summary>
    RedirectRefused,

    /// <summary>The document is larger than the configured limit.</summary>
    TooLarge,

    /// <summary>The request took longer than the configured timeout.</summary>
    Timeout,

    /// <summary>The connection failed (DNS, TCP, TLS).</summary>
    NetworkError,

    /// <summary>The server answered with an unexpected HTTP status.</summary>
    HttpError,

    /// <summary>The document is not JSON, not an object, or lacks a valid <c>id</c>.</summary>
    InvalidDocument,

    /// <summary>The document's <c>id</c> is not the DID or URL that was resolved.</summary>
    IdMismatch,

    /// <summary>The document has no verification method with the requested id.</summary>
    VerificationMethodNotFound,

    /// <summary>The verification method's key material cannot be read.</summary>
    InvalidPublicKey,

    /// <summary>The network is disabled (offline resolution) and no local document was supplied.</summary>
    NetworkDisabled,

    /// <summary>The verification method is not controlled by the expected issuer.</summary>
    ControllerMismatch,
}
