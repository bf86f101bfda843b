namespace Credstack.Credentials.Keys;

/// <summary>
/// Key material that cannot be read: a malformed Multikey or JWK, an unsupported curve, a point off the curve.
/// Messages never contain secret key material.
/// </summary>
public sealed class KeyFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public KeyFormatException() { }

    /// <summary>Creates the exception with a message.</summary>
    public KeyFormatException(string message)
        : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public KeyFormatException(string message, Exception innerException)
        : base(message, innerException) { }
}
