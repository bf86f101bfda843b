namespace Credstack.Credentials.Status;

/// <summary>Which status list specification an entry or a status list credential follows.</summary>
public enum StatusEntryKind
{
    /// <summary>W3C Bitstring Status List v1.0: <c>BitstringStatusListEntry</c> / <c>BitstringStatusListCredential</c>.</summary>
    BitstringStatusList,

    /// <summary>The older W3C CCG Status List 2021: <c>StatusList2021Entry</c> / <c>StatusList2021Credential</c>.</summary>
    StatusList2021,
}
