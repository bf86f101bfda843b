namespace Credstack.LinkedData.JsonLd;

/// <summary>
/// A JSON-LD processing error. <see cref="Code"/> is the error code the JSON-LD 1.1 API names
/// (§9.4.2 JsonLdErrorCode, e.g. <c>protected term redefinition</c>), or one of Credstack's own codes
/// for limits and safe mode (see <see cref="JsonLdErrorCodes"/>).
/// </summary>
public sealed class JsonLdException : Exception
{
    /// <summary>Creates an error with a code and a message.</summary>
    public JsonLdException(string code, string message)
        : base($"{code}: {message}")
    {
        Code = code;
        Detail = message;
    }

    /// <summary>Creates an error with a code, a message and the underlying cause.</summary>
    public JsonLdException(string code, string message, Exception inner)
        : base($"{code}: {message}", inner)
    {
        Code = code;
        Detail = message;
    }

    /// <summary>Creates an error with an unspecified code.</summary>
    public JsonLdException()
        : this(JsonLdErrorCodes.InvalidInput, "invalid input") { }

    /// <summary>Creates an error with an unspecified code.</summary>
    public JsonLdException(string message)
        : this(JsonLdErrorCodes.InvalidInput, message) { }

    /// <summary>Creates an error with an unspecified code.</summary>
    public JsonLdException(string message, Exception innerException)
        : this(JsonLdErrorCodes.InvalidInput, message, innerException) { }

    /// <summary>The error code (a JSON-LD 1.1 API error code string, or a Credstack code).</summary>
    public string Code { get; }

    /// <summary>The human-readable detail, without the code.</summary>
    public string Detail { get; }
}
