using System.Text.Json.Nodes;
using Credstack.Credentials.Keys;

namespace Credstack.Server.Features.IssuerIdentity;

/// <summary>What signing a credential for an organisation needs: its identifier, the key and its verification method.</summary>
internal sealed record IssuerSigner(
    Guid OrganizationId,
    string Identifier,
    string VerificationMethod,
    SigningKey Key,
    JsonObject Profile
);
