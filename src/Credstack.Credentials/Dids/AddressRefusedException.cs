namespace Credstack.Credentials.Dids;

/// <summary>Thrown inside the connect callback to stop a connection to a refused address; never escapes the resolver.</summary>
internal sealed class AddressRefusedException : Exception
{
    public AddressRefusedException() { }

    public AddressRefusedException(string message)
        : base(message) { }

    public AddressRefusedException(string message, Exception innerException)
        : base(message, innerException) { }
}
