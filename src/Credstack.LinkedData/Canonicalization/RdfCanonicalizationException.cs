namespace Credstack.LinkedData.Canonicalization;

/// <summary>RDFC-1.0 refused a dataset, for example a poison graph that exceeds the work limit.</summary>
public sealed class RdfCanonicalizationException : Exception
{
    /// <summary>Creates the error.</summary>
    public RdfCanonicalizationException() { }

    /// <summary>Creates the error with a message.</summary>
    public RdfCanonicalizationException(string message)
        : base(message) { }

    /// <summary>Creates the error with a message and a cause.</summary>
    public RdfCanonicalizationException(string message, Exception innerException)
        : base(message, innerException) { }
}
