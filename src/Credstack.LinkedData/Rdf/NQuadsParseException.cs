namespace Credstack.LinkedData.Rdf;

/// <summary>An N-Quads document is malformed; <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed class NQuadsParseException : Exception
{
    /// <summary>Creates the error at a position.</summary>
    public NQuadsParseException(string message, int line, int column)
        : base($"line {line}, column {column}: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>Creates the error.</summary>
    public NQuadsParseException() { }

    /// <summary>Creates the error with a message.</summary>
    public NQuadsParseException(string message)
        : base(message) { }

    /// <summary>Creates the error with a message and a cause.</summary>
    public NQuadsParseException(string message, Exception innerException)
        : base(message, innerException) { }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error.</summary>
    public int Column { get; }
}
