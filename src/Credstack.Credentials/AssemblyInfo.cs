namespace Credstack.Credentials;

/// <summary>Marker for the Credentials assembly.</summary>
internal static class AssemblyMarker;
