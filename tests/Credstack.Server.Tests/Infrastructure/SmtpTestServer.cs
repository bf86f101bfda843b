using System.Net.Http.Json;
using System.Text.Json;
using Credstack.Tests.Shared;
using MimeKit;

namespace Credstack.Server.Tests.Infrastructure;

/// <summary>
/// The real SMTP server that <c>scripts/smtp-test.sh</c> started (smtp4dev): its SMTP endpoint in
/// CREDSTACK_TEST_SMTP, its web API in CREDSTACK_TEST_SMTP_API, or both in <c>.smtp-test/env</c>. Without one
/// the e-mail tests fail, never skip. Messages are read back through smtp4dev's REST API
/// (<c>GET /api/messages</c>, <c>GET /api/messages/{id}/raw</c>) and parsed with MimeKit.
/// </summary>
public static class SmtpTestServer
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static (string Host, int Port) Smtp
    {
        get
        {
            var text = Setting("CREDSTACK_TEST_SMTP");
            var colon = text.LastIndexOf(':');
            return (
                text[..colon],
                int.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)
            );
        }
    }

    public static Uri Api => new(Setting("CREDSTACK_TEST_SMTP_API").TrimEnd('/') + "/");

    /// <summary>
    /// Waits (at most 30 s) until the server has stored <paramref name="count"/> messages for <paramref name="to"/>
    /// (smtp4dev stores a message shortly after accepting it), and returns them all.
    /// </summary>
    public static async Task<List<MimeMessage>> WaitForMessagesAsync(string to, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var messages = await MessagesToAsync(to);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Every message the server received for <paramref name="to"/>, parsed.</summary>
    public static async Task<List<MimeMessage>> MessagesToAsync(string to)
    {
        var list = await Http.GetFromJsonAsync<JsonElement>(
            new Uri(Api, "api/messages?pageSize=100000")
        );
        var messages = new List<MimeMessage>();
        foreach (var item in list.GetProperty("results").EnumerateArray())
        {
            var recipients = item.GetProperty("to")
                .EnumerateArray()
                .Select(t => t.GetString() ?? "");
            if (!recipients.Any(r => r.Contains(to, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var id = item.GetProperty("id").GetString();
            await using var raw = await Http.GetStreamAsync(new Uri(Api, $"api/messages/{id}/raw"));
            messages.Add(await MimeMessage.LoadAsync(raw));
        }
        return messages;
    }

    /// <summary>When the server received each message for <paramref name="toSuffix"/> (its own clock).</summary>
    public static async Task<List<DateTimeOffset>> ReceivedTimesAsync(string toSuffix, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var times = await ReceivedTimesOnceAsync(toSuffix);
            if (times.Count >= count || DateTime.UtcNow > deadline)
            {
                return times;
            }
            await Task.Delay(100);
        }
    }

    private static async Task<List<DateTimeOffset>> ReceivedTimesOnceAsync(string toSuffix)
    {
        var list = await Http.GetFromJsonAsync<JsonElement>(
            new Uri(Api, "api/messages?pageSize=100000")
        );
        return list.GetProperty("results")
            .EnumerateArray()
            .Where(item =>
                item.GetProperty("to")
                    .EnumerateArray()
                    .Any(t =>
                        (t.GetString() ?? "").EndsWith(toSuffix, StringComparison.OrdinalIgnoreCase)
                    )
            )
            .Select(item => item.GetProperty("receivedDate").GetDateTimeOffset())
            .Order()
            .ToList();
    }

    private static string Setting(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }
        var file = Path.Combine(SharedData.RepositoryRoot, ".smtp-test", "env");
        if (File.Exists(file))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var prefix = $"export {name}='";
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..].TrimEnd('\'');
                }
            }
        }
        throw new InvalidOperationException(
            $"No SMTP server for the e-mail tests ({name} is not set): run `eval \"$(scripts/smtp-test.sh start)\"` "
                + "(./test.sh does)."
        );
    }
}
