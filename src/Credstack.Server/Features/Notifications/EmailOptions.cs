namespace Credstack.Server.Features.Notifications;

/// <summary>The <c>Credstack:Email</c> configuration section.</summary>
internal sealed class EmailOptions
{
    public const string Section = "Credstack:Email";

    public const string PickupTransport = "pickup";
    public const string SmtpTransport = "smtp";

    /// <summary><c>pickup</c> (the default: <c>.eml</c> files in <c>{DataDirectory}/mail-pickup</c>) or <c>smtp</c>.</summary>
    public string Transport { get; set; } = PickupTransport;

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender's address; <c>no-reply@{PublicOrigin host}</c> when empty.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Credstack";

    /// <summary>At most this many e-mails a second, per server process.</summary>
    public double RatePerSecond { get; set; } = 20;

    /// <summary>Attempts before an e-mail that keeps failing transiently is given up as <c>failed</c>.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How often an idle dispatcher looks for due e-mails, in seconds.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>How many e-mails a dispatcher claims at once (sent over one SMTP connection).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The first retry's delay in seconds; each further retry waits twice as long (at most an hour).</summary>
    public double RetryBaseSeconds { get; set; } = 30;
}

/// <summary>The <c>Credstack:Email:Smtp</c> section.</summary>
internal sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary><c>none</c>, <c>starttls</c>, <c>ssl</c> (TLS on connect) or <c>auto</c> (the default).</summary>
    public string Security { get; set; } = "auto";

    /// <summary>The user to authenticate as; no authentication when empty.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }
}
