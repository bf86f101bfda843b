using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Credstack.Server.Data;
using Credstack.Server.Features.Notifications;
using Credstack.Server.Infrastructure.Auth;
using Credstack.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Credstack.Server.Tests.Features;

/// <summary>What the e-mail tests share: a template with an image, issuing, waiting for an e-mail's status.</summary>
public static partial class EmailTestHelpers
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg=="
    );

    public static async Task<string> TemplateAsync(
        HttpClient client,
        string name = "Data analysis with Python",
        bool image = true
    )
    {
        var created = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync(
                "/api/v1/templates",
                new
                {
                    kind = "micro-credential",
                    name,
                    description = "Cleans, explores & visualises a data set with pandas.",
                    criteria = new { narrative = "Passes the final project." },
                }
            ),
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetString()!;
        if (image)
        {
            var body = new ByteArrayContent(Png);
            body.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
            await HttpAssert.JsonAsync(
                await client.PutAsync($"/api/v1/templates/{id}/image", body),
                HttpStatusCode.OK
            );
        }
        return id;
    }

    /// <summary>Issues from the template; returns the credential's GUID.</summary>
    public static async Task<Guid> IssueAsync(
        HttpClient client,
        string templateId,
        string email,
        string name = "Ada Lovelace",
        bool? notify = null
    )
    {
        var body = new JsonObject { ["email"] = email, ["name"] = name };
        if (notify is { } value)
        {
            body["notify"] = value;
        }
        var response = await client.PostAsJsonAsync($"/api/v1/templates/{templateId}/issue", body);
        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return Guid.Parse(json.GetProperty("id").GetString()!.Split('/')[^1]);
    }

    /// <summary>GET /api/v1/emails?credential=: the credential's e-mails.</summary>
    public static async Task<List<JsonElement>> EmailsAsync(HttpClient client, Guid credential)
    {
        var json = await HttpAssert.JsonAsync(
            await client.GetAsync($"/api/v1/emails?credential={credential:D}"),
            HttpStatusCode.OK
        );
        return json.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>Waits (at most a minute) until the credential's only e-mail satisfies <paramref name="done"/>.</summary>
    public static async Task<JsonElement> WaitForEmailAsync(
        HttpClient client,
        Guid credential,
        Func<JsonElement, bool> done
    )
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var emails = await EmailsAsync(client, credential);
            Assert.Single(emails);
            last = emails[0];
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the e-mail did not reach the expected state in a minute; last: {last}");
        return last;
    }

    public static Func<JsonElement, bool> HasStatus(string status) =>
        e => e.GetProperty("status").GetString() == status;

    /// <summary>The claim token in a message's plain-text part.</summary>
    public static string ClaimToken(MimeMessage message)
    {
        var match = ClaimLink().Match(message.TextBody ?? "");
        Assert.True(match.Success, $"no claim link in: {message.TextBody}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("http://localhost:5080/claim/([A-Za-z0-9_-]{43})")]
    private static partial Regex ClaimLink();
}

/// <summary>
/// Recipient e-mail through a real SMTP server (smtp4dev, started by <c>scripts/smtp-test.sh</c>): content,
/// claim links, notify=false, HTML encoding, rate limit, retries, bounces.
/// </summary>
public abstract class SmtpEmailTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    private ConnectionDroppingProxy Proxy =>
        factory switch
        {
            SqliteSmtpServerFactory s => s.Proxy,
            PostgresSmtpServerFactory p => p.Proxy,
            _ => throw new InvalidOperationException("not an SMTP factory"),
        };

    private static string Address(string local = "ada") =>
        $"{local}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task IssuingWithNotify_SendsOneEmail_WithOrganisationImageAndAWorkingClaimLink()
    {
        var orgName = $"Acme Training {Guid.NewGuid():N}";
        var client = factory.Client(await factory.NewOrganizationAsync(orgName));
        var template = await EmailTestHelpers.TemplateAsync(client);
        var to = Address();
        var id = await EmailTestHelpers.IssueAsync(client, template, to, "Ada Lovelace");

        var status = await EmailTestHelpers.WaitForEmailAsync(
            client,
            id,
            EmailTestHelpers.HasStatus("sent")
        );
        Assert.Equal(to, status.GetProperty("to").GetString());
        Assert.Equal("credential-issued", status.GetProperty("kind").GetString());
        Assert.Equal(1, status.GetProperty("attempts").GetInt32());

        var message = Assert.Single(await SmtpTestServer.WaitForMessagesAsync(to));
        Assert.Equal(to, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Ada Lovelace", message.To.Mailboxes.Single().Name);
        Assert.Equal("badges@credstack.test", message.From.Mailboxes.Single().Address);
        Assert.Equal($"{orgName} issued you “Data analysis with Python”", message.Subject);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        var html = message.HtmlBody;
        Assert.Contains(orgName, html, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Contains("Data analysis with Python", html, StringComparison.Ordinal);
        Assert.Contains("Cleans, explores &amp; visualises", html, StringComparison.Ordinal);
        Assert.Contains(
            $"http://localhost:5080/credentials/{id:D}",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"http://localhost:5080/credentials/{id:D}",
            message.TextBody,
            StringComparison.Ordinal
        );

        // The template image travels inside the message, referenced from the HTML by its Content-ID.
        var image = Assert.Single(
            message.BodyParts.OfType<MimePart>(),
            p => p.ContentType.MimeType == "image/png"
        );
        Assert.Contains($"cid:{image.ContentId}", html, StringComparison.Ordinal);
        using var bytes = new MemoryStream();
        await image.Content!.DecodeToAsync(bytes);
        Assert.Equal(EmailTestHelpers.Png, bytes.ToArray());

        // The claim link (in both parts) returns the credential and records the first claim.
        var token = EmailTestHelpers.ClaimToken(message);
        Assert.Contains($"/claim/{token}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(token, status.GetRawText(), StringComparison.Ordinal);
        var anonymous = factory.Client(null);
        var claimed = await HttpAssert.JsonAsync(
            await anonymous.GetAsync($"/claim/{token}"),
            HttpStatusCode.OK
        );
        Assert.Equal(
            $"http://localhost:5080/credentials/{id:D}",
            claimed.GetProperty("id").GetString()
        );
        Assert.True(claimed.TryGetProperty("proof", out _));
        var afterClaim = Assert.Single(await EmailTestHelpers.EmailsAsync(client, id));
        var claimedAt = afterClaim.GetProperty("claimedAt").GetDateTimeOffset();
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        await HttpAssert.JsonAsync(await anonymous.GetAsync($"/claim/{token}"), HttpStatusCode.OK);
        var again = Assert.Single(await EmailTestHelpers.EmailsAsync(client, id));
        Assert.Equal(claimedAt, again.GetProperty("claimedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task UnknownClaimToken_Is404ProblemDetails()
    {
        var anonymous = factory.Client(null);
        await HttpAssert.ProblemAsync(
            await anonymous.GetAsync($"/claim/{ApiKeySecrets.NewToken()}"),
            HttpStatusCode.NotFound
        );
        await HttpAssert.ProblemAsync(
            await anonymous.GetAsync("/claim/short"),
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task NotifyFalse_QueuesAndSendsNothing()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await EmailTestHelpers.TemplateAsync(client, image: false);
        var silent = Address("silent");
        var silentId = await EmailTestHelpers.IssueAsync(client, template, silent, notify: false);
        Assert.Empty(await EmailTestHelpers.EmailsAsync(client, silentId));

        // A later notified credential is sent: the dispatcher ran after the silent one was stored.
        var told = Address("told");
        var toldId = await EmailTestHelpers.IssueAsync(client, template, told, notify: true);
        await EmailTestHelpers.WaitForEmailAsync(
            client,
            toldId,
            EmailTestHelpers.HasStatus("sent")
        );
        Assert.Single(await SmtpTestServer.WaitForMessagesAsync(told));
        Assert.Empty(await SmtpTestServer.MessagesToAsync(silent));
        Assert.Empty(await EmailTestHelpers.EmailsAsync(client, silentId));
    }

    [Fact]
    public async Task UserSuppliedStrings_AreHtmlEncoded()
    {
        var orgName = $"Acme <b>Academy</b> & Co {Guid.NewGuid():N}";
        var client = factory.Client(await factory.NewOrganizationAsync(orgName));
        var template = await EmailTestHelpers.TemplateAsync(
            client,
            "<img src=x onerror=alert(1)> Python"
        );
        var to = Address();
        var id = await EmailTestHelpers.IssueAsync(
            client,
            template,
            to,
            "<script>alert('x')</script> Ada"
        );
        await EmailTestHelpers.WaitForEmailAsync(client, id, EmailTestHelpers.HasStatus("sent"));

        var message = Assert.Single(await SmtpTestServer.WaitForMessagesAsync(to));
        var html = message.HtmlBody;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Academy", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Academy&lt;/b&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains(
            "&lt;img src=x onerror=alert(1)&gt; Python",
            html,
            StringComparison.Ordinal
        );
        // The subject is a header, not HTML: it carries the names as they are.
        Assert.Equal(
            $"{orgName} issued you “<img src=x onerror=alert(1)> Python”",
            message.Subject
        );
    }

    [Fact]
    public async Task RefusedRecipient_IsRecordedAsBounced_AndNeverRetried()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await EmailTestHelpers.TemplateAsync(client, image: false);
        // The test SMTP server answers 550 to recipients whose local part starts with "bounce".
        var refused = Address("bounce");
        var id = await EmailTestHelpers.IssueAsync(client, template, refused);
        var bounced = await EmailTestHelpers.WaitForEmailAsync(
            client,
            id,
            e => e.GetProperty("status").GetString() is "bounced" or "sent" or "failed"
        );
        Assert.Equal("bounced", bounced.GetProperty("status").GetString());
        Assert.Equal(1, bounced.GetProperty("attempts").GetInt32());
        Assert.Contains(
            "550",
            bounced.GetProperty("lastError").GetString(),
            StringComparison.Ordinal
        );

        // A day later, after another e-mail went out, the bounce was not tried again.
        factory.Time.Advance(TimeSpan.FromDays(1));
        var later = Address();
        var laterId = await EmailTestHelpers.IssueAsync(client, template, later);
        await EmailTestHelpers.WaitForEmailAsync(
            client,
            laterId,
            EmailTestHelpers.HasStatus("sent")
        );
        var still = Assert.Single(await EmailTestHelpers.EmailsAsync(client, id));
        Assert.Equal("bounced", still.GetProperty("status").GetString());
        Assert.Equal(1, still.GetProperty("attempts").GetInt32());
        Assert.Empty(await SmtpTestServer.MessagesToAsync(refused));
    }

    [Fact]
    public async Task TemporaryRefusal_IsRetriedWithBackoff_ThenFailedAfterMaxAttempts()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await EmailTestHelpers.TemplateAsync(client, image: false);
        // The test SMTP server answers 451 to recipients whose local part starts with "tempfail".
        var to = Address("tempfail");
        var id = await EmailTestHelpers.IssueAsync(client, template, to);
        for (var attempt = 1; attempt < EmailTestSettings.MaxAttempts; attempt++)
        {
            var expected = attempt;
            var queued = await EmailTestHelpers.WaitForEmailAsync(
                client,
                id,
                e =>
                    e.GetProperty("status").GetString() == "queued"
                    && e.GetProperty("attempts").GetInt32() == expected
            );
            Assert.Contains(
                "451",
                queued.GetProperty("lastError").GetString(),
                StringComparison.Ordinal
            );
            // The next attempt waits for the backoff, on the server's clock.
            Assert.True(
                queued.GetProperty("nextAttemptAt").GetDateTimeOffset() > factory.Time.GetUtcNow()
            );
            factory.Time.Advance(TimeSpan.FromHours(2));
        }
        var failed = await EmailTestHelpers.WaitForEmailAsync(
            client,
            id,
            EmailTestHelpers.HasStatus("failed")
        );
        Assert.Equal(EmailTestSettings.MaxAttempts, failed.GetProperty("attempts").GetInt32());
        factory.Time.Advance(TimeSpan.FromDays(1));
        var later = await EmailTestHelpers.IssueAsync(client, template, Address());
        await EmailTestHelpers.WaitForEmailAsync(client, later, EmailTestHelpers.HasStatus("sent"));
        var still = Assert.Single(await EmailTestHelpers.EmailsAsync(client, id));
        Assert.Equal(EmailTestSettings.MaxAttempts, still.GetProperty("attempts").GetInt32());
        Assert.Empty(await SmtpTestServer.MessagesToAsync(to));
    }

    [Fact]
    public async Task ConnectionFailure_IsRetried_AndTheEmailIsSentOnce()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await EmailTestHelpers.TemplateAsync(client, image: false);
        var dropped = Proxy.Dropped;
        Proxy.DropNext(1);
        var to = Address();
        var id = await EmailTestHelpers.IssueAsync(client, template, to);
        var queued = await EmailTestHelpers.WaitForEmailAsync(
            client,
            id,
            e =>
                e.GetProperty("attempts").GetInt32() >= 1
                && e.GetProperty("status").GetString() != "sending"
        );
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(dropped + 1, Proxy.Dropped);
        Assert.False(string.IsNullOrEmpty(queued.GetProperty("lastError").GetString()));
        Assert.Empty(await SmtpTestServer.MessagesToAsync(to));

        factory.Time.Advance(TimeSpan.FromHours(1));
        var sent = await EmailTestHelpers.WaitForEmailAsync(
            client,
            id,
            EmailTestHelpers.HasStatus("sent")
        );
        Assert.Equal(2, sent.GetProperty("attempts").GetInt32());
        Assert.Single(await SmtpTestServer.WaitForMessagesAsync(to));
    }

    [Fact]
    public async Task ManyQueuedEmails_AreAllSent_NoFasterThanTheRateLimit()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await EmailTestHelpers.TemplateAsync(client, image: false);
        var domain = $"@rate-{Guid.NewGuid():N}.example.test";
        const int count = 12;
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(
                await EmailTestHelpers.IssueAsync(client, template, $"r{i}{domain}", notify: false)
            );
        }
        // Queue them all in one transaction, as bulk issuing does, so the dispatcher finds them together.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            var credentials = await db.Credentials.Where(c => ids.Contains(c.Id)).ToListAsync();
            foreach (var credential in credentials)
            {
                NotificationQueue.QueueCredentialIssued(db, credential);
            }
            await db.SaveChangesAsync();
        }
        foreach (var id in ids)
        {
            await EmailTestHelpers.WaitForEmailAsync(
                client,
                id,
                EmailTestHelpers.HasStatus("sent")
            );
        }
        var received = await SmtpTestServer.ReceivedTimesAsync(domain, count);
        Assert.Equal(count, received.Count);
        // A token bucket of RatePerSecond tokens, one more every 1/RatePerSecond s: after the burst of
        // RatePerSecond, each e-mail waits for a refill. Two intervals of slack: the first refill may come at
        // once (the refill clock started with the server), and the server's receivedDate is when it stored
        // the message, which may come late for the first. Without the limit the dozen go out in well under
        // half a second over one connection. A lower bound only: a slow machine only makes it longer.
        var minimum = TimeSpan.FromSeconds(
            (count - EmailTestSettings.RatePerSecond - 2) / (double)EmailTestSettings.RatePerSecond
        );
        Assert.True(
            received[^1] - received[0] >= minimum,
            $"{count} e-mails went out in {received[^1] - received[0]}, faster than {EmailTestSettings.RatePerSecond}/s allows"
        );
    }
}

public sealed class SqliteSmtpEmailTests(SqliteSmtpServerFactory factory)
    : SmtpEmailTests<SqliteSmtpServerFactory>(factory);

public sealed class PostgresSmtpEmailTests(PostgresSmtpServerFactory factory)
    : SmtpEmailTests<PostgresSmtpServerFactory>(factory);

/// <summary>The embedded default transport: each message a parseable <c>.eml</c> file in the pickup folder.</summary>
public abstract class PickupEmailTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ServerFactory
{
    [Fact]
    public async Task PickupTransport_WritesAParseableEml_WithAWorkingClaimLink()
    {
        var orgName = $"Pickup Org {Guid.NewGuid():N}";
        var client = factory.Client(await factory.NewOrganizationAsync(orgName));
        var template = await EmailTestHelpers.TemplateAsync(client);
        var to = $"grace-{Guid.NewGuid():N}@example.test";
        var id = await EmailTestHelpers.IssueAsync(client, template, to, "Grace Hopper");
        await EmailTestHelpers.WaitForEmailAsync(client, id, EmailTestHelpers.HasStatus("sent"));

        var folder = Path.Combine(factory.DataDirectory, "mail-pickup");
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            var parsed = await MimeMessage.LoadAsync(file);
            if (parsed.To.Mailboxes.Any(m => m.Address == to))
            {
                messages.Add(parsed);
            }
        }
        var message = Assert.Single(messages);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Equal($"{orgName} issued you “Data analysis with Python”", message.Subject);
        Assert.Contains("Grace Hopper", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(
            message.BodyParts.OfType<MimePart>(),
            p => p.ContentType.MimeType == "image/png"
        );
        var token = EmailTestHelpers.ClaimToken(message);
        var claimed = await HttpAssert.JsonAsync(
            await factory.Client(null).GetAsync($"/claim/{token}"),
            HttpStatusCode.OK
        );
        Assert.EndsWith(
            id.ToString("D"),
            claimed.GetProperty("id").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task OutboxClaims_AreDisjointBetweenDispatchers_AndAnExpiredLeaseMakesTheEmailDueAgain()
    {
        var client = factory.Client(await factory.NewOrganizationAsync());
        var template = await EmailTestHelpers.TemplateAsync(client, image: false);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(
                await EmailTestHelpers.IssueAsync(
                    client,
                    template,
                    $"claim{i}-{Guid.NewGuid():N}@example.test",
                    notify: false
                )
            );
        }
        // Due only in ten years, so that the server's own dispatcher (on the test clock) leaves them alone.
        var future = factory.Time.GetUtcNow().AddYears(10);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            var credentials = await db.Credentials.Where(c => ids.Contains(c.Id)).ToListAsync();
            foreach (var credential in credentials)
            {
                NotificationQueue.QueueCredentialIssued(db, credential);
            }
            foreach (var queued in db.ChangeTracker.Entries<OutboundEmail>())
            {
                queued.Entity.NextAttemptAt = future;
            }
            await db.SaveChangesAsync();
        }

        async Task<List<Guid>> ClaimAsync(string owner, DateTimeOffset now, int limit)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            return await OutboxClaims.ClaimAsync(
                db,
                owner,
                now,
                now + TimeSpan.FromMinutes(5),
                limit,
                CancellationToken.None
            );
        }

        // Two dispatchers at once: each e-mail goes to exactly one of them.
        var claims = await Task.WhenAll(
            ClaimAsync("node-a", future, 20),
            ClaimAsync("node-b", future, 20)
        );
        Assert.Empty(claims[0].Intersect(claims[1]));
        Assert.Equal(30, claims[0].Count + claims[1].Count);
        // Within the lease nobody else gets them.
        Assert.Empty(await ClaimAsync("node-c", future.AddMinutes(1), 100));
        // The lease ran out (its dispatcher died): the e-mails are due again, one more attempt counted.
        var again = await ClaimAsync("node-c", future.AddMinutes(6), 100);
        Assert.Equal(30, again.Count);
        Assert.Equal(claims[0].Concat(claims[1]).Order(), again.Order());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CredstackDbContext>();
            var rows = await db
                .OutboundEmails.AsNoTracking()
                .Where(e => ids.Contains(e.CredentialId))
                .ToListAsync();
            Assert.All(
                rows,
                e =>
                {
                    Assert.Equal("sending", e.Status);
                    Assert.Equal("node-c", e.LeaseOwner);
                    Assert.Equal(2, e.Attempts);
                }
            );
        }
    }
}

public sealed class SqlitePickupEmailTests(SqlitePickupServerFactory factory)
    : PickupEmailTests<SqlitePickupServerFactory>(factory);

public sealed class PostgresPickupEmailTests(PostgresPickupServerFactory factory)
    : PickupEmailTests<PostgresPickupServerFactory>(factory);

/// <summary>The dispatcher's rules that need no server: backoff, batch size against the lease, TLS modes.</summary>
public sealed class EmailDispatcherRuleTests
{
    [Fact]
    public void Backoff_DoublesFromTheBase_AndStopsAtAnHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), EmailDispatcher.Backoff(1, 30));
        Assert.Equal(TimeSpan.FromSeconds(60), EmailDispatcher.Backoff(2, 30));
        Assert.Equal(TimeSpan.FromSeconds(120), EmailDispatcher.Backoff(3, 30));
        Assert.Equal(TimeSpan.FromHours(1), EmailDispatcher.Backoff(20, 30));
    }

    [Fact]
    public void BatchSize_NeverClaimsMoreThanTheRateSendsInHalfALease()
    {
        Assert.Equal(50, EmailDispatcher.BatchSize(new EmailOptions { RatePerSecond = 20 }));
        // 0.1 a second: 15 in the 150 s that are half of the 5-minute lease.
        Assert.Equal(
            15,
            EmailDispatcher.BatchSize(new EmailOptions { RatePerSecond = 0.1, BatchSize = 50 })
        );
    }

    [Theory]
    [InlineData("none", MailKit.Security.SecureSocketOptions.None)]
    [InlineData("starttls", MailKit.Security.SecureSocketOptions.StartTls)]
    [InlineData("ssl", MailKit.Security.SecureSocketOptions.SslOnConnect)]
    [InlineData("auto", MailKit.Security.SecureSocketOptions.Auto)]
    [InlineData("STARTTLS", MailKit.Security.SecureSocketOptions.StartTls)]
    public void SmtpSecurity_MapsToMailKit(
        string setting,
        MailKit.Security.SecureSocketOptions expected
    ) => Assert.Equal(expected, SmtpEmailTransport.SecurityOption(setting));

    [Fact]
    public void UnknownSmtpSecurity_IsAConfigurationError() =>
        Assert.Throws<InvalidOperationException>(() => SmtpEmailTransport.SecurityOption("maybe"));
}
