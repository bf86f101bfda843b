using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credstack.Credentials.DataIntegrity;
using Credstack.Credentials.Verification;
using Credstack.LinkedData.Canonicalization;
using Credstack.LinkedData.JsonLd;
using Credstack.Server.Data;
using Credstack.Server.Infrastructure;
using Credstack.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Features.Issuing;

/// <summary>
/// Issuing: from a template (<c>/api/v1/templates/{id}/issue</c>) and the W3C VC-API
/// (<c>/credentials/issue</c>, <c>/credentials/verify</c>, <c>/presentations/verify</c>, <c>/credentials/status</c>).
/// </summary>
internal static class IssuingEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IServiceCollection AddIssuing(this IServiceCollection services)
    {
        services.AddScoped<IssuingService>();
        services.AddScoped<StatusListService>();
        services.AddScoped<StatusIndexAllocator>();
        services.AddSingleton<StatusIndexReservations>();
        services.AddSingleton<SqliteGroupInsert<IssuedCredential>>();
        services.AddScoped<ServerVerification>();
        services.AddSingleton<ExternalResolvers>();
        services.AddSingleton<OwnStatusLists>();
        return services;
    }

    public static IEndpointRouteBuilder MapIssuing(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/templates/{id:guid}/issue", IssueFromTemplateAsync)
            .WithTags("Issuing")
            .RequireAuthorization(Permissions.CredentialsIssue)
            .WithName("IssueFromTemplate");
        var vcApi = app.MapGroup("").WithTags("VC-API");
        vcApi
            .MapPost("/credentials/issue", IssueAsync)
            .RequireAuthorization(Permissions.CredentialsIssue)
            .WithName("VcApiIssueCredential");
        vcApi
            .MapPost("/credentials/verify", VerifyCredentialAsync)
            .AllowAnonymous()
            .WithName("VcApiVerifyCredential");
        vcApi
            .MapPost("/credentials/derive", DeriveCredentialAsync)
            .AllowAnonymous()
            .WithName("VcApiDeriveCredential");
        vcApi
            .MapPost("/presentations/verify", VerifyPresentationAsync)
            .AllowAnonymous()
            .WithName("VcApiVerifyPresentation");
        return app;
    }

    internal static async Task<IResult> IssueFromTemplateAsync(
        Guid id,
        IssueFromTemplateRequest request,
        HttpContext http,
        IssuingService issuing,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var organizationId = http.User.GetOrganizationId();
            var record = await RetryOnConflictAsync(
                    db,
                    () => issuing.OnConflict(organizationId),
                    _ =>
                        issuing.IssueFromTemplateAsync(
                            organizationId,
                            id,
                            request,
                            IdempotencyKey(http),
                            cancellationToken
                        )
                )
                .ConfigureAwait(false);
            return record is null
                ? TypedResults.NotFound()
                : Created(http, record, RawJson(record));
        }
        catch (IssuingException e)
        {
            return e.ToResult();
        }
    }

    internal static async Task<IResult> IssueAsync(
        JsonObjectBody request,
        HttpContext http,
        IssuingService issuing,
        CredstackDbContext db,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var body = request.Value;
            if (body["credential"] is not JsonObject credential)
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "The request has no credential.",
                    "must be a JSON object.",
                    "credential"
                );
            }
            var suite = body["options"]?["cryptosuite"] switch
            {
                null => DataIntegritySuites.EddsaRdfc2022,
                JsonValue v
                    when v.TryGetValue<string>(out var s)
                        && s
                            is DataIntegritySuites.EddsaRdfc2022
                                or DataIntegritySuites.EddsaJcs2022
                                or DataIntegritySuites.EcdsaRdfc2019
                                or DataIntegritySuites.EcdsaJcs2019
                                or EcdsaSd2023.Cryptosuite => s,
                _ => throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "Unsupported cryptosuite.",
                    $"must be '{DataIntegritySuites.EddsaRdfc2022}', '{DataIntegritySuites.EddsaJcs2022}', '{DataIntegritySuites.EcdsaRdfc2019}', '{DataIntegritySuites.EcdsaJcs2019}' or '{EcdsaSd2023.Cryptosuite}'.",
                    "options.cryptosuite"
                ),
            };
            // VC-API: the JSON Pointers an ecdsa-sd-2023 holder must always disclose.
            var mandatoryPointers = Pointers(
                body["options"]?["mandatoryPointers"],
                "options.mandatoryPointers"
            );
            if (mandatoryPointers is not null && suite != EcdsaSd2023.Cryptosuite)
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "Mandatory pointers need ecdsa-sd-2023.",
                    $"are for the selective disclosure cryptosuite '{EcdsaSd2023.Cryptosuite}' only.",
                    "options.mandatoryPointers"
                );
            }
            // VC-API: options.format, or options.proofFormat as some clients send it.
            var options = body["options"] as JsonObject;
            var format = IssuingService.ParseFormat(
                Text(options?["format"]) ?? Text(options?["proofFormat"]),
                options?["format"] is not null ? "options.format" : "options.proofFormat"
            );
            var idempotencyKey = IdempotencyKey(http);
            // The request hash only matters under an Idempotency-Key (a retry must send the same body).
            var hash = idempotencyKey is null
                ? ""
                : IssuingService.HashRequest(body.ToJsonString());
            // One connection for the request's few statements (EF Core counts opens: the queries and
            // the insert inside leave it open) instead of taking it from the pool for each. Not on
            // SQLite, where those statements use kept connections (SqliteReadConnections, and
            // SqliteGroupInsert for the credential).
            var holdConnection = db is not SqliteCredstackDbContext;
            if (holdConnection)
            {
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            IssuedCredential record;
            try
            {
                var organizationId = http.User.GetOrganizationId();
                record = await RetryOnConflictAsync(
                        db,
                        () => issuing.OnConflict(organizationId),
                        retry =>
                            issuing.IssueAsync(
                                organizationId,
                                // Issuing adds the id, status and proof to the object it gets: the body's
                                // own object the first time, a fresh parse of the body for a retry.
                                retry ? (JsonObject)request.Parse()["credential"]! : credential,
                                suite,
                                format,
                                idempotencyKey,
                                hash,
                                cancellationToken,
                                mandatoryPointers
                            )
                    )
                    .ConfigureAwait(false);
            }
            finally
            {
                if (holdConnection)
                {
                    await db.Database.CloseConnectionAsync().ConfigureAwait(false);
                }
            }
            return Created(http, record, "{\"verifiableCredential\":" + RawJson(record) + "}");
        }
        catch (IssuingException e)
        {
            return e.ToResult();
        }
    }

    internal static async Task<IResult> VerifyCredentialAsync(
        JsonObjectBody request,
        ServerVerification verification,
        CancellationToken cancellationToken
    )
    {
        var verifier = verification.Verifier();
        VerificationReport report;
        switch (request.Value["verifiableCredential"])
        {
            case JsonObject credential:
                report = await verifier
                    .VerifyAsync(credential, cancellationToken)
                    .ConfigureAwait(false);
                break;
            case JsonValue value when value.TryGetValue<string>(out var jwt):
                report = await verifier.VerifyAsync(jwt, cancellationToken).ConfigureAwait(false);
                break;
            default:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        ["verifiableCredential"] = ["must be a credential object or a VC-JWT."],
                    }
                );
        }
        return Report(report);
    }

    /// <summary>
    /// VC-API derive (a holder service): from a credential with an <c>ecdsa-sd-2023</c> base proof, the credential
    /// that discloses its mandatory part and what <c>options.selectivePointers</c> select, with a derived proof.
    /// Nothing is stored; anyone may call it (the base proof holds no secret of the issuer).
    /// </summary>
    internal static IResult DeriveCredentialAsync(JsonObjectBody request)
    {
        try
        {
            var body = request.Value;
            if (body["verifiableCredential"] is not JsonObject credential)
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "The request has no credential.",
                    "must be a credential object with an ecdsa-sd-2023 base proof.",
                    "verifiableCredential"
                );
            }
            var pointers =
                Pointers(body["options"]?["selectivePointers"], "options.selectivePointers") ?? [];
            JsonObject derived;
            try
            {
                derived = EcdsaSd2023.DeriveProof(credential, pointers);
            }
            catch (ArgumentException e)
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "The credential cannot be derived.",
                    e.Message,
                    IssuingService.IsAboutPointers(e)
                        ? "options.selectivePointers"
                        : "verifiableCredential"
                );
            }
            catch (Exception e)
                when (e is FormatException or JsonLdException or RdfCanonicalizationException)
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "The credential cannot be derived.",
                    e.Message,
                    "verifiableCredential.proof"
                );
            }
            return TypedResults.Json(
                new JsonObject { ["verifiableCredential"] = derived },
                statusCode: StatusCodes.Status201Created
            );
        }
        catch (IssuingException e)
        {
            return e.ToResult();
        }
    }

    // A JSON array of JSON Pointer strings, or null when absent; anything else is a 400 naming the field.
    private static string[]? Pointers(JsonNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            throw new IssuingException(
                StatusCodes.Status400BadRequest,
                "Invalid JSON Pointers.",
                "must be an array of JSON Pointers (RFC 6901) such as \"/credentialSubject/achievement\".",
                field
            );
        }
        var pointers = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<string>(out var pointer))
            {
                throw new IssuingException(
                    StatusCodes.Status400BadRequest,
                    "Invalid JSON Pointer.",
                    "must be a JSON Pointer string (RFC 6901).",
                    $"{field}[{i}]"
                );
            }
            pointers[i] = pointer;
        }
        return pointers;
    }

    internal static async Task<IResult> VerifyPresentationAsync(
        JsonObjectBody request,
        ServerVerification verification,
        CancellationToken cancellationToken
    )
    {
        var body = request.Value;
        if (body["verifiablePresentation"] is not JsonObject presentation)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["verifiablePresentation"] = ["must be a presentation object."],
                }
            );
        }
        var options = body["options"] as JsonObject;
        var verifier = verification.Verifier(Text(options?["challenge"]), Text(options?["domain"]));
        var report = await verifier
            .VerifyAsync(presentation, cancellationToken)
            .ConfigureAwait(false);
        return Report(report);
    }

    /// <summary>
    /// Runs an issue once more after a unique-index conflict: two requests picked the same random status
    /// index (in this process, or another process used an index this one's snapshot had as free: then
    /// <paramref name="onConflict"/> makes the retry read the lists again), or a concurrent retry with the
    /// same Idempotency-Key won (the retry then finds its credential). <paramref name="issue"/> is told
    /// whether it runs as the retry (an issue that changed its input object must start from a fresh one).
    /// </summary>
    private static async Task<T> RetryOnConflictAsync<T>(
        CredstackDbContext db,
        Action onConflict,
        Func<bool, Task<T>> issue
    )
    {
        try
        {
            return await issue(false).ConfigureAwait(false);
        }
        catch (Exception e)
            when (e is DbUpdateException || e is DbException && BulkInsert.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            onConflict();
            return await issue(true).ConfigureAwait(false);
        }
    }

    private static JsonHttpResult<JsonObject> Report(VerificationReport report)
    {
        var json = report.ToJson();
        // VC-API: 200 when the credential verifies, 400 when it does not.
        return TypedResults.Json(
            json,
            statusCode: report.Verdict == Verdict.Valid
                ? StatusCodes.Status200OK
                : StatusCodes.Status400BadRequest
        );
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The request's <c>Idempotency-Key</c> header, if any.</summary>
    internal static string? IdempotencyKey(HttpContext http) =>
        http.Request.Headers.TryGetValue(IdempotencyHeader, out var values)
            ? values.ToString()
            : null;

    /// <summary>
    /// The stored credential as JSON text, byte for byte as signed: the object for JSON-LD, a JSON string
    /// holding the compact JWT for a VC-JWT.
    /// </summary>
    internal static string RawJson(IssuedCredential record) =>
        record.Format == IssuingService.FormatJwt
            ? JsonSerializer.Serialize(record.Content)
            : record.Content;

    private static ContentHttpResult Created(HttpContext http, IssuedCredential record, string json)
    {
        http.Response.Headers.Location = $"/api/v1/credentials/{record.Id:D}";
        return TypedResults.Text(
            json,
            "application/json",
            statusCode: StatusCodes.Status201Created
        );
    }
}
