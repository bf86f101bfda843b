using System.Text;
using System.Text.Encodings.Web;
using MimeKit;
using MimeKit.Utils;

namespace Credstack.Server.Features.Notifications;

/// <summary>What the "credential issued" e-mail says; every string here may come from a user.</summary>
internal sealed record CredentialEmailContent(
    Guid EmailId,
    string To,
    string? RecipientName,
    string OrganizationName,
    string CredentialName,
    string? Description,
    Uri ClaimUrl,
    Uri CredentialUrl,
    CredentialEmailImage? Image
);

/// <summary>
/// The credential's image: its bytes when the server stores them (embedded as a CID part) and its public URL
/// (linked when the bytes are not at hand).
/// </summary>
internal sealed record CredentialEmailImage(Uri Url, string? MediaType, byte[]? Content);

/// <summary>
/// Renders the "you were issued a credential" e-mail: multipart/alternative, plain text and HTML (the HTML
/// with the image as a related part). Every user-supplied string is HTML-encoded in the HTML part.
/// </summary>
internal static class CredentialEmailRenderer
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static MimeMessage Render(
        CredentialEmailContent content,
        MailboxAddress from,
        string messageIdDomain,
        DateTimeOffset date
    )
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(content.RecipientName ?? "", content.To));
        message.Subject = $"{content.OrganizationName} issued you “{content.CredentialName}”";
        // Stable across retries, so that a message delivered twice (at-least-once) can be recognised.
        message.MessageId = $"{content.EmailId:N}@{messageIdDomain}";
        message.Date = date;
        // RFC 3834 §5: an automatic message; auto-responders should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var builder = new BodyBuilder { TextBody = Text(content) };
        string? imageSource = null;
        if (content.Image is { } image)
        {
            if (image.Content is { Length: > 0 } bytes && image.MediaType is { } mediaType)
            {
                var resource = builder.LinkedResources.Add(
                    "credential-image" + Extension(mediaType),
                    bytes,
                    ContentType.Parse(mediaType)
                );
                resource.ContentId = MimeUtils.GenerateMessageId(messageIdDomain);
                imageSource = "cid:" + resource.ContentId;
            }
            else
            {
                imageSource = image.Url.AbsoluteUri;
            }
        }
        builder.HtmlBody = HtmlBody(content, imageSource);
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string Text(CredentialEmailContent c)
    {
        var text = new StringBuilder();
        text.Append("Hello ").Append(c.RecipientName ?? c.To).Append(",\n\n");
        text.Append(c.OrganizationName)
            .Append(" issued you the credential “")
            .Append(c.CredentialName)
            .Append("”.\n\n");
        if (!string.IsNullOrWhiteSpace(c.Description))
        {
            text.Append(c.Description.Trim()).Append("\n\n");
        }
        text.Append("Claim it (add it to your wallet or profile):\n")
            .Append(c.ClaimUrl.AbsoluteUri)
            .Append("\n\n");
        text.Append("The credential, as issued and signed:\n")
            .Append(c.CredentialUrl.AbsoluteUri)
            .Append('\n');
        text.Append("\nThe claim link is personal: do not forward this e-mail.\n");
        return text.ToString();
    }

    private static string HtmlBody(CredentialEmailContent c, string? imageSource)
    {
        var organization = Html.Encode(c.OrganizationName);
        var name = Html.Encode(c.CredentialName);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(name)
            .Append("</title></head>\n<body style=\"font-family: sans-serif; color: #222;\">\n");
        html.Append("<p>Hello ").Append(Html.Encode(c.RecipientName ?? c.To)).Append(",</p>\n");
        html.Append("<p>")
            .Append(organization)
            .Append(" issued you the credential <strong>")
            .Append(name)
            .Append("</strong>.</p>\n");
        if (imageSource is not null)
        {
            html.Append("<p><img src=\"")
                .Append(Html.Encode(imageSource))
                .Append("\" alt=\"")
                .Append(name)
                .Append("\" width=\"200\" style=\"max-width: 200px; height: auto;\"></p>\n");
        }
        if (!string.IsNullOrWhiteSpace(c.Description))
        {
            html.Append("<p>").Append(Html.Encode(c.Description.Trim())).Append("</p>\n");
        }
        html.Append("<p><a href=\"")
            .Append(Html.Encode(c.ClaimUrl.AbsoluteUri))
            .Append("\">Claim your credential</a></p>\n");
        html.Append("<p>The credential, as issued and signed: <a href=\"")
            .Append(Html.Encode(c.CredentialUrl.AbsoluteUri))
            .Append("\">")
            .Append(Html.Encode(c.CredentialUrl.AbsoluteUri))
            .Append("</a></p>\n");
        html.Append(
            "<p style=\"color: #666; font-size: small;\">The claim link is personal: do not forward this e-mail.</p>\n"
        );
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Extension(string mediaType) =>
        mediaType switch
        {
            "image/png" => ".png",
            "image/svg+xml" => ".svg",
            "image/jpeg" => ".jpg",
            _ => "",
        };
}
