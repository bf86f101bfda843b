using Credstack.Server.Data;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Infrastructure;
using Credstack.Server.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Credstack.Server.Features.Notifications;

/// <summary>
/// Recipient e-mail: the outbox and its dispatcher, the claim link (<c>GET /claim/{token}</c>) and the
/// delivery status (<c>GET /api/v1/emails?credential=</c>).
/// </summary>
internal static class NotificationEndpoints
{
    public static IServiceCollection AddNotifications(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<IEmailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>();
            return (options.Value.Transport ?? "").Trim().ToLowerInvariant() switch
            {
                "" or EmailOptions.PickupTransport => new PickupDirectoryEmailTransport(
                    sp.GetRequiredService<IOptions<CredstackOptions>>()
                ),
                EmailOptions.SmtpTransport => new SmtpEmailTransport(options),
                var other => throw new InvalidOperationException(
                    $"Credstack:Email:Transport '{other}' is not supported: use 'pickup' (the default) or 'smtp'."
                ),
            };
        });
        services.AddHostedService<EmailDispatcher>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapGet("/claim/{token}", ClaimAsync)
            .WithTags("Public")
            .AllowAnonymous()
            .WithName("ClaimCredential");
        app.MapGet("/api/v1/emails", ListAsync)
            .WithTags("Credentials")
            .RequireAuthorization(Permissions.CredentialsRead)
            .WithName("ListEmails");
        return app;
    }

    /// <summary>
    /// The claim link: the credential as signed (the claim page comes later). The first visit is recorded.
    /// </summary>
    internal static async Task<IResult> ClaimAsync(
        string token,
        CredstackDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        // 32 bytes in base64url are 43 characters; anything else cannot be a token.
        if (token.Length != 43)
        {
            return UnknownClaim();
        }
        var hash = ApiKeySecrets.Hash(token);
        var email = await db
            .OutboundEmails.AsNoTracking()
            .Where(e => e.ClaimTokenHash == hash)
            .Select(e => new
            {
                e.Id,
                e.CredentialId,
                e.ClaimedAt,
            })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (email is null)
        {
            return UnknownClaim();
        }
        var credential = await db
            .Credentials.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == email.CredentialId, cancellationToken)
            .ConfigureAwait(false);
        if (credential is null)
        {
            return UnknownClaim();
        }
        if (email.ClaimedAt is null)
        {
            var now = time.GetUtcNow();
            // Only the first visit counts, even when two arrive at once.
            await db
                .OutboundEmails.Where(e => e.Id == email.Id && e.ClaimedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedAt, now), cancellationToken)
                .ConfigureAwait(false);
        }
        return TypedResults.Text(IssuingEndpoints.RawJson(credential), "application/json");
    }

    private static ProblemHttpResult UnknownClaim() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown claim link.",
            detail: "The link is wrong or incomplete: open the one in the e-mail.",
            extensions: new Dictionary<string, object?> { ["field"] = "token" }
        );

    /// <summary>The e-mails of one credential (or the organisation's latest), newest first.</summary>
    internal static async Task<Ok<EmailListResponse>> ListAsync(
        HttpContext http,
        CredstackDbContext db,
        CancellationToken cancellationToken,
        Guid? credential = null,
        string? status = null,
        int pageSize = 50
    )
    {
        var orgId = http.User.GetOrganizationId();
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.OutboundEmails.AsNoTracking().Where(e => e.OrganizationId == orgId);
        if (credential is { } credentialId)
        {
            query = query.Where(e => e.CredentialId == credentialId);
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            query = query.Where(e => e.Status == status);
        }
        var emails = await query
            .OrderByDescending(e => e.Id)
            .Take(pageSize)
            .Select(e => new EmailSummary(
                e.Id,
                e.CredentialId,
                e.To,
                e.Kind,
                e.Status,
                e.Attempts,
                e.LastError,
                e.CreatedAt,
                e.SentAt,
                e.Status == EmailStatuses.Queued ? e.NextAttemptAt : null,
                e.ClaimedAt
            ))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(new EmailListResponse(emails));
    }
}

/// <summary>One outbound e-mail as the API shows it (never its claim token).</summary>
internal sealed record EmailSummary(
    Guid Id,
    Guid CredentialId,
    string To,
    string Kind,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? ClaimedAt
);

/// <summary>GET <c>/api/v1/emails</c>.</summary>
internal sealed record EmailListResponse(IReadOnlyList<EmailSummary> Items);
